"""The widgets of the 节假日 screen (behaviour in :mod:`holidays_dialog`): the year bar,
the year's days as a table, the day-override buttons, the notice box with its message,
the month calendar (days off red, make-up working days blue) and the deadlines that move."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QDate, QLocale, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QTextCharFormat
from PySide6.QtWidgets import (
    QCalendarWidget,
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from petitiondesk.core.holiday_notice import WEEKDAY_NAMES
from petitiondesk.services.holidays import MAX_YEAR, MIN_YEAR, HolidayDay

from ..widgets.dates import to_qdate
from ..widgets.field_messages import FieldMessage
from ..widgets.form_dialog import button_row
from ..widgets.table_model import ReadOnlyTableModel
from ..widgets.tables import fit_columns, make_table

OFF_COLOR = "#c62828"
OFF_BACKGROUND = "#ffebee"
WORK_COLOR = "#1565c0"
WORK_BACKGROUND = "#e3f2fd"
NOTE_STYLE = "color: #555;"
NOTICE_EXAMPLE = (
    "每行一个节日，照通知录入，例如：\n"
    "元旦 1月1日放假\n"
    "春节 2月6日至2月12日放假，1月31日、2月20日上班\n"
    "国庆节、中秋节 10月1日至10月7日放假，9月26日、10月9日上班"
)

COL_DAY, COL_WEEKDAY, COL_KIND, COL_NAME, COL_SOURCE = range(5)


class DaysModel(ReadOnlyTableModel[HolidayDay]):
    """The year's days off and make-up working days."""

    headers = ("日期", "星期", "安排", "节日", "来源")

    def set_days(self, days: Iterable[HolidayDay]) -> None:
        self.beginResetModel()
        self._rows = list(days)
        self.endResetModel()

    def row_of(self, day: QDate) -> int | None:
        return next(
            (i for i, d in enumerate(self._rows) if to_qdate(d.day) == day),
            None,
        )

    def display(self, item: HolidayDay, column: int) -> str | None:
        if column == COL_DAY:
            return item.day.isoformat()
        if column == COL_WEEKDAY:
            return WEEKDAY_NAMES[item.day.weekday()]
        if column == COL_KIND:
            return "调休上班" if item.is_workday else "放假"
        if column == COL_NAME:
            return item.name
        if column == COL_SOURCE:
            return item.source_label
        return None

    def decoration(self, item: HolidayDay, column: int, role: int) -> object:
        if role == Qt.ItemDataRole.ForegroundRole and column == COL_KIND:
            return QBrush(QColor(WORK_COLOR if item.is_workday else OFF_COLOR))
        return None


def day_format(day: HolidayDay) -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setForeground(QColor(WORK_COLOR if day.is_workday else OFF_COLOR))
    fmt.setBackground(QColor(WORK_BACKGROUND if day.is_workday else OFF_BACKGROUND))
    fmt.setFontWeight(QFont.Weight.Bold)
    fmt.setToolTip(f"{day.name} {'调休上班' if day.is_workday else '放假'}（{day.source_label}）")
    return fmt


def paint_calendar(calendar: QCalendarWidget, days: Iterable[HolidayDay]) -> None:
    """Days off red, make-up working days blue; every other date plain."""
    calendar.setDateTextFormat(QDate(), QTextCharFormat())  # clears all dates
    for day in days:
        calendar.setDateTextFormat(to_qdate(day.day), day_format(day))


def _note(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setStyleSheet(NOTE_STYLE)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def _box(*items: QWidget | QHBoxLayout, stretch_last: bool = False) -> QWidget:
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    for item in items:
        if isinstance(item, QHBoxLayout):
            layout.addLayout(item)
        else:
            layout.addWidget(item)
    if stretch_last:
        layout.setStretch(layout.count() - 1, 1)
    return box


class HolidaysView(QDialog):
    """The widgets, laid out; no behaviour."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("节假日安排")
        self._build_year_bar()
        self._build_days_panel()
        self._build_notice_panel()
        self._build_preview_panel()
        self.close_button = QPushButton("关闭")
        self.close_button.setAutoDefault(False)
        self.close_button.clicked.connect(self.accept)
        splitter = QSplitter()
        splitter.addWidget(self.days_panel)
        right = _box(self.notice_panel, self.preview_panel, stretch_last=True)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addLayout(self.year_bar)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.result_label)
        layout.addLayout(button_row(self.close_button))
        self.resize(1180, 720)

    def _build_year_bar(self) -> None:
        self.year = QSpinBox()
        self.year.setRange(MIN_YEAR, MAX_YEAR)
        self.year.setSuffix(" 年")
        self.year.setKeyboardTracking(False)
        self.year_state = QLabel()
        self.complete_box = QCheckBox("已录入完整")
        self.complete_box.setEnabled(False)  # shows the state; the button changes it
        self.complete_button = QPushButton("标记为已完整")
        self.complete_button.setToolTip("国务院办公厅通知已全部录入：本年的期限不再是推算日期")
        self.import_button = QPushButton("导入…")
        self.export_button = QPushButton("导出…")
        for button in (self.complete_button, self.import_button, self.export_button):
            button.setAutoDefault(False)
        bar = QHBoxLayout()
        bar.addWidget(QLabel("年份"))
        bar.addWidget(self.year)
        bar.addSpacing(12)
        bar.addWidget(self.year_state)
        bar.addStretch(1)
        bar.addWidget(self.complete_box)
        bar.addWidget(self.complete_button)
        bar.addSpacing(12)
        bar.addWidget(self.import_button)
        bar.addWidget(self.export_button)
        self.year_bar = bar
        self.result_label = _note()

    def _build_days_panel(self) -> None:
        self.days_title = QLabel()
        self.model = DaysModel(self)
        self.table = make_table(self.model, stretch=COL_NAME)
        metrics = self.table.fontMetrics()
        fit_columns(
            self.table,
            metrics,
            {
                COL_DAY: "2027-10-10",
                COL_WEEKDAY: "星期三",
                COL_KIND: "调休上班",
                COL_SOURCE: "本单位录入",
            },
        )
        self.day_label = _note()
        self.to_work_button = QPushButton("改为上班")
        self.to_off_button = QPushButton("改为放假")
        self.restore_button = QPushButton("恢复内置")
        self.restore_button.setToolTip(
            "删除本单位对这一天的调整，恢复内置数据（或按星期一至五上班）"
        )
        for button in (self.to_work_button, self.to_off_button, self.restore_button):
            button.setAutoDefault(False)
        row = QHBoxLayout()
        row.addWidget(self.to_work_button)
        row.addWidget(self.to_off_button)
        row.addWidget(self.restore_button)
        row.addStretch(1)
        self.days_panel = _box(self.days_title, self.table, self.day_label, row)
        self.days_panel.layout().setStretch(1, 1)  # type: ignore[union-attr]
        self.days_panel.setMinimumWidth(
            sum(self.table.columnWidth(c) for c in range(COL_SOURCE + 1)) + 40
        )

    def _build_notice_panel(self) -> None:
        self.notice_title = QLabel("按国务院办公厅通知录入（每行一个节日）：")
        self.notice = QPlainTextEdit()
        self.notice.setPlaceholderText(NOTICE_EXAMPLE)
        self.notice.setTabChangesFocus(True)
        self.notice.setFixedHeight(self.notice.fontMetrics().lineSpacing() * 8 + 14)
        self.notice_message = FieldMessage("notice")
        self.mark_complete = QCheckBox("保存或导入后标记为已录入完整")
        self.mark_complete.setChecked(True)
        self.preview_button = QPushButton("预览(&V)")
        self.save_button = QPushButton("保存(&S)")
        self.save_button.setToolTip("先预览，确认日历和期限变动后保存")
        for button in (self.preview_button, self.save_button):
            button.setAutoDefault(False)
        row = QHBoxLayout()
        row.addWidget(self.mark_complete)
        row.addStretch(1)
        row.addWidget(self.preview_button)
        row.addWidget(self.save_button)
        self.notice_panel = _box(self.notice_title, self.notice, self.notice_message, row)

    def _build_preview_panel(self) -> None:
        self.calendar = QCalendarWidget()
        self.calendar.setLocale(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
        self.calendar.setGridVisible(True)
        self.calendar.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        self.calendar.setHorizontalHeaderFormat(
            QCalendarWidget.HorizontalHeaderFormat.ShortDayNames
        )
        self.calendar.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
        plain = QTextCharFormat()
        plain.setForeground(QColor("#333"))
        for weekday in (Qt.DayOfWeek.Saturday, Qt.DayOfWeek.Sunday):
            self.calendar.setWeekdayTextFormat(weekday, plain)
        self.calendar.setMinimumSize(330, 240)
        legend = _note(
            f"<span style='color:{OFF_COLOR}'>■ 放假</span>　"
            f"<span style='color:{WORK_COLOR}'>■ 调休上班</span>"
        )
        self.moves_title = QLabel()
        self.moves = QListWidget()
        self.moves.setMinimumWidth(320)
        row = QHBoxLayout()
        row.addWidget(_box(self.calendar, legend, QWidget(), stretch_last=True))
        row.addWidget(_box(self.moves_title, self.moves, stretch_last=True), 1)
        self.preview_panel = _box(row)
