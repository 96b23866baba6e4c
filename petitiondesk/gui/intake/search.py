"""The register's one search box and its filters (检索).

:class:`SearchControls` holds the widgets (the tab lays them out): the box — name, ID
number, phone, register number or words of the summary, see
:class:`services.cases.SearchQuery` — a 筛选 button that shows the filter line, and the
filters: date range, channel, category, status. :meth:`SearchControls.query` is the
:class:`SearchQuery` to show, or None when nothing is asked (the tab then shows the
register of one day). ``changed`` is emitted 300 ms after the last keystroke in the box
and at once when a filter changes; Enter in the box emits ``submitted`` at once; Esc
clears everything.
"""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QDate, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from petitiondesk.core.enums import CaseStatus, Channel
from petitiondesk.services.cases import Choice, SearchQuery

from ..widgets.dates import to_date

DEBOUNCE_MS = 300
ALL = "全部"

RANGE_ANY = "any"
RANGE_TODAY = "today"
RANGE_WEEK = "week"
RANGE_MONTH = "month"
RANGE_YEAR = "year"
RANGE_CUSTOM = "custom"
RANGES: tuple[tuple[str, str], ...] = (
    ("不限日期", RANGE_ANY),
    ("今天", RANGE_TODAY),
    ("最近7天", RANGE_WEEK),
    ("最近30天", RANGE_MONTH),
    ("今年", RANGE_YEAR),
    ("指定日期…", RANGE_CUSTOM),
)

PLACEHOLDER = "搜索：姓名、证件号、电话、登记号、内容（Ctrl+F）"


def range_dates(kind: str, today: date) -> tuple[date | None, date | None]:
    """The days a named range covers (``custom`` is read from the two date fields)."""
    if kind == RANGE_TODAY:
        return today, today
    if kind == RANGE_WEEK:
        return today - timedelta(days=6), today
    if kind == RANGE_MONTH:
        return today - timedelta(days=29), today
    if kind == RANGE_YEAR:
        return date(today.year, 1, 1), today
    return None, None


class SearchControls(QObject):
    """The search box, the 筛选 button and the filter line (see the module)."""

    changed = Signal()
    submitted = Signal()

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.box = QLineEdit()
        self.box.setObjectName("search_box")
        self.box.setPlaceholderText(PLACEHOLDER)
        self.box.setClearButtonEnabled(True)
        self.box.setMinimumWidth(360)
        self.box.setToolTip(
            "输入姓名（姓在前）、身份证号或电话的开头、登记号，或反映问题中的文字；"
            "回车到结果列表，Esc 清除"
        )
        self.filter_button = QPushButton("筛选")
        self.filter_button.setCheckable(True)
        self.filter_button.setToolTip("按日期、渠道、问题类别、状态筛选")

        self.range = QComboBox()
        for label, kind in RANGES:
            self.range.addItem(label, kind)
        today = QDate.currentDate()
        self.date_from = QDateEdit(today.addDays(-29))
        self.date_to = QDateEdit(today)
        for edit in (self.date_from, self.date_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        self.to_label = QLabel("至")
        self.channel = QComboBox()
        self.channel.addItem(f"渠道：{ALL}", None)
        for channel in Channel:
            self.channel.addItem(channel.label, channel.value)
        self.category = QComboBox()
        self.category.addItem(f"类别：{ALL}", None)
        self.status = QComboBox()
        self.status.addItem(f"状态：{ALL}", None)
        for status in CaseStatus:
            self.status.addItem(status.label, status.value)
        self.reset_button = QPushButton("清除条件")
        self.reset_button.setToolTip("清空搜索和筛选，回到当日登记（Esc）")

        self.filters = QWidget()
        self.filters.setObjectName("search_filters")
        line = QHBoxLayout(self.filters)
        line.setContentsMargins(8, 0, 8, 0)
        line.setSpacing(6)
        line.addWidget(QLabel("登记日期"))
        for widget in (self.range, self.date_from, self.to_label, self.date_to):
            line.addWidget(widget)
        line.addSpacing(10)
        for widget in (self.channel, self.category, self.status):
            line.addWidget(widget)
        line.addStretch(1)
        line.addWidget(self.reset_button)
        self.filters.hide()
        self._show_custom_dates()

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.changed.emit)
        self._quiet = False
        self.box.textChanged.connect(self._typed)
        self.box.returnPressed.connect(self._submit)
        escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), self.box)
        escape.setContext(Qt.ShortcutContext.WidgetShortcut)
        escape.activated.connect(self.clear)
        self.filter_button.toggled.connect(self._toggle_filters)
        self.range.currentIndexChanged.connect(self._range_changed)
        for combo in (self.channel, self.category, self.status):
            combo.currentIndexChanged.connect(self._filter_changed)
        for edit in (self.date_from, self.date_to):
            edit.dateChanged.connect(self._filter_changed)
        self.reset_button.clicked.connect(self.clear)

    # --- state -----------------------------------------------------------------------------
    def query(self, today: date | None = None) -> SearchQuery | None:
        """What is asked, or None when the box is empty and no filter is set."""
        text = self.box.text().strip()
        kind = self.range.currentData()
        day_from: date | None
        day_to: date | None
        if kind == RANGE_CUSTOM:
            first, last = to_date(self.date_from.date()), to_date(self.date_to.date())
            day_from, day_to = min(first, last), max(first, last)
        else:
            day_from, day_to = range_dates(kind, today or date.today())
        channel = self.channel.currentData()
        status = self.status.currentData()
        category = self.category.currentData()
        if not text and kind == RANGE_ANY and channel is None and category is None and not status:
            return None
        return SearchQuery(
            text=text,
            date_from=day_from,
            date_to=day_to,
            channel=Channel(channel) if channel else None,
            category_id=category,
            status=CaseStatus(status) if status else None,
        )

    def is_active(self) -> bool:
        return self.query() is not None

    def pending(self) -> bool:
        """Typing not yet turned into a search (the debounce is running)."""
        return self._timer.isActive()

    def set_categories(self, choices: tuple[Choice, ...]) -> None:
        current = self.category.currentData()
        self.category.blockSignals(True)
        self.category.clear()
        self.category.addItem(f"类别：{ALL}", None)
        for choice in choices:
            self.category.addItem(choice.label, choice.id)
        self.category.setCurrentIndex(max(self.category.findData(current), 0))
        self.category.blockSignals(False)

    # --- changes ---------------------------------------------------------------------------
    def _typed(self) -> None:
        if not self._quiet:
            self._timer.start()

    def _submit(self) -> None:
        self.flush()
        self.submitted.emit()

    def flush(self) -> None:
        """Run a search still waiting for its debounce now."""
        if self._timer.isActive():
            self._timer.stop()
            self.changed.emit()

    def _filter_changed(self) -> None:
        if not self._quiet:
            self._timer.stop()
            self.changed.emit()

    def _range_changed(self) -> None:
        self._show_custom_dates()
        self._filter_changed()

    def _show_custom_dates(self) -> None:
        custom = self.range.currentData() == RANGE_CUSTOM
        for widget in (self.date_from, self.to_label, self.date_to):
            widget.setVisible(custom)

    def _toggle_filters(self, shown: bool) -> None:
        self.filters.setVisible(shown)
        if shown:
            self.range.setFocus(Qt.FocusReason.OtherFocusReason)

    def clear(self, *, quiet: bool = False) -> None:
        """Empty the box and reset the filters; ``changed`` unless ``quiet``."""
        was_active = self.is_active()
        self._quiet = True
        try:
            self._timer.stop()
            self.box.clear()
            for combo in (self.range, self.channel, self.category, self.status):
                combo.setCurrentIndex(0)
            self._show_custom_dates()
        finally:
            self._quiet = False
        if was_active and not quiet:
            self.changed.emit()

    def show_status(self, status: CaseStatus) -> None:
        """Only cases in ``status``, of any date (e.g. 待告知: 已登记)."""
        self._quiet = True
        try:
            self._timer.stop()
            self.box.clear()
            self.range.setCurrentIndex(0)
            self.channel.setCurrentIndex(0)
            self.category.setCurrentIndex(0)
            self.status.setCurrentIndex(max(self.status.findData(status.value), 0))
        finally:
            self._quiet = False
        self.filter_button.setChecked(True)
        self.changed.emit()
