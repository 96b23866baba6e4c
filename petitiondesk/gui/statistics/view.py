"""The widgets of the 统计 tab: the period picker, the tables of figures (with their change
columns) and the three charts. Filled from a :class:`StatisticsReport`; no rule here."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QImage, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from petitiondesk.core.periods import PERIOD_MONTH, PERIOD_QUARTER, QUARTER_NAMES
from petitiondesk.core.statistics import STAT_PERIOD_KINDS, Period, StatTable, table_texts
from petitiondesk.core.statistics.analysis import NO_CLUSTERS

FLAG_BRUSH = QBrush(QColor("#c0392b"))
LABEL_WIDTH, VALUE_WIDTH = 160, 84


class PeriodPicker(QWidget):
    """月 / 季 / 年, the year and the month or quarter; ◀ ▶ step one period.
    ``changed(period)`` when the clerk picks another period."""

    changed = Signal(object)

    def __init__(self, period: Period, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = QComboBox()
        for label, kind in STAT_PERIOD_KINDS:
            self.kind.addItem(label, kind)
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setSuffix(" 年")
        self.number = QComboBox()
        self.previous_button = QPushButton("◀ 上一期")
        self.next_button = QPushButton("下一期 ▶")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel("统计周期："))
        for widget in (self.kind, self.year, self.number, self.previous_button, self.next_button):
            layout.addWidget(widget)
        self._quiet = False
        self._current = period
        self.set_period(period)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.year.valueChanged.connect(self._emit)
        self.number.currentIndexChanged.connect(self._emit)
        self.previous_button.clicked.connect(lambda: self.step(-1))
        self.next_button.clicked.connect(lambda: self.step(1))

    def _fill_numbers(self, kind: str, number: int) -> None:
        self.number.clear()
        if kind == PERIOD_MONTH:
            self.number.addItems([f"{m}月" for m in range(1, 13)])
        elif kind == PERIOD_QUARTER:
            self.number.addItems(list(QUARTER_NAMES))
        self.number.setVisible(kind in (PERIOD_MONTH, PERIOD_QUARTER))
        self.number.setCurrentIndex(max(number - 1, 0))

    def period(self) -> Period:
        kind = str(self.kind.currentData())
        number = self.number.currentIndex() + 1 if self.number.isVisibleTo(self) else 1
        return Period(kind, self.year.value(), max(number, 1))

    def set_period(self, period: Period) -> None:
        self._current = period
        self._quiet = True
        try:
            self.kind.setCurrentIndex(self.kind.findData(period.kind))
            self.year.setValue(period.year)
            self._fill_numbers(period.kind, period.number)
        finally:
            self._quiet = False
        self._emit()

    def step(self, steps: int) -> None:
        self.set_period(self.period().shifted(steps))

    def _kind_changed(self) -> None:
        if self._quiet:
            return
        kind = str(self.kind.currentData())
        self.set_period(Period.containing(kind, self._current.start))

    def _emit(self) -> None:
        if not self._quiet:
            self._current = self.period()
            self.changed.emit(self._current)


def fill_stat_table(widget: QTableWidget, table: StatTable) -> None:
    """Show ``table`` (texts as printed; a flagged row in red)."""
    texts = table_texts(table)
    widget.clear()
    widget.setColumnCount(len(table.headers))
    widget.setHorizontalHeaderLabels(list(table.headers))
    widget.setRowCount(len(texts) - 1)
    for r, (row, stat_row) in enumerate(zip(texts[1:], table.rows, strict=True)):
        for c, text in enumerate(row):
            item = QTableWidgetItem(text)
            if c:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if stat_row.flagged:
                item.setForeground(FLAG_BRUSH)
            widget.setItem(r, c, item)
    widget.resizeColumnsToContents()
    widget.setColumnWidth(0, max(widget.columnWidth(0), LABEL_WIDTH))
    for column in range(1, widget.columnCount()):  # the tables' number columns line up
        widget.setColumnWidth(column, max(widget.columnWidth(column), VALUE_WIDTH))
    height = widget.horizontalHeader().height() + 2 * widget.frameWidth()
    height += sum(widget.rowHeight(r) for r in range(widget.rowCount()))
    widget.setFixedHeight(height + 2)


def _table_widget() -> QTableWidget:
    widget = QTableWidget()
    widget.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    widget.setAlternatingRowColors(True)
    widget.verticalHeader().hide()
    widget.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    return widget


class TablesPanel(QScrollArea):
    """Every table of the report, one group box each, scrolling together."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        body = QWidget()
        self._column = QVBoxLayout(body)
        self._column.addStretch(1)
        self.setWidget(body)
        self.tables: dict[str, QTableWidget] = {}
        self.boxes: dict[str, QGroupBox] = {}
        self.clusters = QLabel()
        self.clusters.setWordWrap(True)
        self.clusters.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        cluster_box = QGroupBox("苗头性、倾向性问题（预警）")
        QVBoxLayout(cluster_box).addWidget(self.clusters)
        self._column.insertWidget(0, cluster_box)
        self.setMinimumWidth(480)

    def show_clusters(self, lines: Sequence[str]) -> None:
        """The period's early-warning clusters, one line each (or that there are none)."""
        self.clusters.setText("\n".join(lines) if lines else NO_CLUSTERS)

    def show_tables(self, tables: list[StatTable]) -> None:
        for table in tables:
            if table.key not in self.tables:
                box = QGroupBox()
                inner = QVBoxLayout(box)
                widget = _table_widget()
                inner.addWidget(widget)
                self._column.insertWidget(self._column.count() - 1, box)
                self.tables[table.key], self.boxes[table.key] = widget, box
            self.boxes[table.key].setTitle(table.title)
            fill_stat_table(self.tables[table.key], table)

    def texts(self, key: str) -> list[list[str]]:
        """What table ``key`` shows, row by row (tests)."""
        widget = self.tables[key]
        return [
            [
                (item.text() if (item := widget.item(r, c)) else "")
                for c in range(widget.columnCount())
            ]
            for r in range(widget.rowCount())
        ]


class ChartsPanel(QScrollArea):
    """The three charts, one under the other."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        body = QWidget()
        column = QVBoxLayout(body)
        self.labels: dict[str, QLabel] = {}
        for key in ("category", "monthly", "units"):
            label = QLabel("正在绘制…")
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setMinimumSize(380, 220)
            label.setStyleSheet("background: white; border: 1px solid #ccc;")
            column.addWidget(label)
            self.labels[key] = label
        column.addStretch(1)
        self.setWidget(body)
        self.setMinimumWidth(400)
        self.setMaximumWidth(540)  # the charts are 470 points wide

    def show_images(self, images: Mapping[str, QImage]) -> None:
        for key, label in self.labels.items():
            image = images.get(key)
            if image is None or image.isNull():
                label.setText("无法绘制")
                continue
            label.setPixmap(QPixmap.fromImage(image))


def default_period(today: date) -> Period:
    """The month of ``today`` (so far); ◀ steps to the month the meeting looks at."""
    return Period.containing(PERIOD_MONTH, today)
