"""The 交办督办 tab's widgets and what they show (:class:`BoardView`); what the clerk
does with them is in :mod:`.tab`.

Top: the filters (unit, case leader, category, source, state) and the day the board is
counted for. Under it the buttons of the clerk's commands and the result of the last
one. Left: the board of open referrals (已超期 / N 日内到期 / 正常), sortable by due date.
Below: the selected case — its deadlines (the 60-day clock, each referral's deadline
and extensions), its supervision slips and its whole referral history.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from petitiondesk.core.enums import CaseSource, DueState
from petitiondesk.services import cases, referrals
from petitiondesk.services.printouts import responsible_units
from petitiondesk.services.referrals import BoardFilter, BoardRow, SupervisionView
from petitiondesk.store.db import Database

from ..settings.calendar_warning import CalendarWarning
from ..signals import DataHub
from ..tab import Tab
from ..widgets.report_panel import ReportPanel
from ..widgets.tables import fit_columns, make_table
from .badge import board_title
from .board_model import (
    BOARD_ROW_ROLE,
    COL_CATEGORY,
    COL_DAYS,
    COL_DUE,
    COL_LEADER,
    COL_REFERRAL,
    COL_REFERRED,
    COL_REGISTER,
    COL_SOURCE,
    COL_STATE,
    COL_UNIT,
    HISTORY_COL_DATE,
    HISTORY_COL_EVENT,
    HISTORY_COL_REFERRAL,
    HISTORY_COL_TEXT,
    HISTORY_COL_UNIT,
    BoardTableModel,
    HistoryTableModel,
)

HINT_NO_ROW = "请先在督办看板中选中一条交办"
ALL = "（全部）"


def _bold(text: str) -> QLabel:
    label = QLabel(text)
    label.setStyleSheet("font-weight: bold;")
    return label


def _wrapping() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
    return label


def slip_line(slip: SupervisionView) -> str:
    """``督〔2026〕3号 督办中：回执 2/8，期限 2026-12-01 → 2026-12-10``."""
    due = slip.original_due.isoformat() if slip.original_due else "—"
    if slip.new_due is not None:
        due += f" → {slip.new_due.isoformat()}"
    return (
        f"{slip.slip_no} {slip.status.label}：回执 {slip.returned_count}/{len(slip.recipients)}，"
        f"期限 {due}"
    )


class BoardView(Tab):
    """The board, its filters and the selected case's panel (no writes here)."""

    def __init__(
        self,
        db: Database,
        hub: DataHub,
        parent: QWidget | None = None,
        *,
        today: Callable[[], date] = date.today,
    ) -> None:
        super().__init__(db, hub, parent)
        self.today = today
        self.descending = False
        self.slips: list[SupervisionView] = []
        self._build()

    # --- construction ----------------------------------------------------------------------
    def _build(self) -> None:
        filters = self._build_filter_bar()
        buttons = self._build_command_bar()
        self.report = ReportPanel()
        board = self._build_board()
        case_panel = self._build_case_panel()
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(board)
        splitter.addWidget(case_panel)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)
        # Deadlines past the entered holiday calendar are estimates: the board says so too.
        self.calendar_warning = CalendarWarning(self.db, self.hub, today=self.today)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.calendar_warning)
        layout.addLayout(buttons)
        layout.addWidget(self.report)
        layout.addWidget(splitter, 1)
        # The filters' choices load with the board, when the tab is first shown.

    def _build_filter_bar(self) -> QHBoxLayout:
        self.unit_filter = QComboBox()
        self.leader_filter = QComboBox()
        self.category_filter = QComboBox()
        self.source_filter = QComboBox()
        self.state_filter = QComboBox()
        for combo in (self.unit_filter, self.leader_filter, self.category_filter):
            combo.setMinimumContentsLength(8)
        self.source_filter.addItem(ALL, None)
        for source in CaseSource:
            self.source_filter.addItem(source.label, source)
        self.as_of_label = QLabel()
        self.as_of_label.setStyleSheet("color: #666;")
        row = QHBoxLayout()
        for text, combo in (
            ("承办单位", self.unit_filter),
            ("包案领导", self.leader_filter),
            ("类别", self.category_filter),
            ("来源", self.source_filter),
            ("状态", self.state_filter),
        ):
            row.addWidget(QLabel(text))
            row.addWidget(combo)
        row.addStretch(1)
        row.addWidget(self.as_of_label)
        return row

    def _build_command_bar(self) -> QHBoxLayout:
        self.refer_button = QPushButton("交办/转送…")
        self.refer_button.setStyleSheet("font-weight: bold;")
        self.receipt_button = QPushButton("签收…")
        self.objection_button = QPushButton("回退…")
        self.report_button = QPushButton("办理结果…")
        self.extend_button = QPushButton("延期…")
        self.urge_button = QPushButton("催办…")
        self.supervise_button = QPushButton("督办单…")
        self.slip_return_button = QPushButton("回执…")
        row = QHBoxLayout()
        for button in self.command_buttons():
            row.addWidget(button)
        row.addStretch(1)
        return row

    def command_buttons(self) -> tuple[QPushButton, ...]:
        return (
            self.refer_button,
            self.receipt_button,
            self.objection_button,
            self.report_button,
            self.extend_button,
            self.urge_button,
            self.supervise_button,
            self.slip_return_button,
        )

    def _build_board(self) -> QWidget:
        self.model = BoardTableModel(self)
        self.table = make_table(self.model, stretch=COL_UNIT)
        head = self.table.horizontalHeader()
        head.setSortIndicatorShown(True)
        head.setSortIndicator(COL_DUE, Qt.SortOrder.AscendingOrder)
        head.sectionClicked.connect(self._header_clicked)
        self.board_label = _bold("督办看板")
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.board_label)
        layout.addWidget(self.table, 1)
        fit_columns(
            self.table,
            self.table.fontMetrics(),
            {
                COL_REGISTER: "2026-00000",
                COL_REFERRAL: "交〔2026〕000号",
                COL_LEADER: "王志强王",
                COL_CATEGORY: "城乡建设城",
                COL_SOURCE: "12345热线转办",
                COL_REFERRED: "2026-00-00",
                COL_DUE: "2026-00-00（估算）",
                COL_STATE: "3日内到期",
                COL_DAYS: "超期000天",
            },
        )
        self.table.horizontalHeader().resizeSection(COL_UNIT, 200)
        return box

    def _build_case_panel(self) -> QWidget:
        self.case_heading = _bold("")
        self.case_heading.setWordWrap(True)
        self.deadlines_label = _wrapping()
        self.slips_label = _wrapping()
        self.history_model = HistoryTableModel(self)
        self.history = make_table(self.history_model, stretch=HISTORY_COL_TEXT)
        fit_columns(
            self.history,
            self.history.fontMetrics(),
            {
                HISTORY_COL_DATE: "2026-00-00",
                HISTORY_COL_EVENT: "向来源报结",
                HISTORY_COL_REFERRAL: "交〔2026〕000号",
                HISTORY_COL_UNIT: "城关镇人民政府",
            },
        )
        clocks = QWidget()
        left = QVBoxLayout(clocks)
        left.setContentsMargins(0, 0, 0, 0)
        left.addWidget(_bold("期限"))
        left.addWidget(self.deadlines_label)
        left.addWidget(_bold("督办单"))
        left.addWidget(self.slips_label)
        left.addStretch(1)
        events = QWidget()
        right = QVBoxLayout(events)
        right.setContentsMargins(0, 0, 0, 0)
        right.addWidget(_bold("交办经过"))
        right.addWidget(self.history, 1)
        halves = QSplitter()
        halves.addWidget(clocks)
        halves.addWidget(events)
        halves.setChildrenCollapsible(False)
        clocks.setMinimumWidth(self.fontMetrics().horizontalAdvance("期") * 24)
        halves.setSizes([460, 800])
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.case_heading)
        layout.addWidget(halves, 1)
        self.show_case(None)
        return box

    # --- the filters -------------------------------------------------------------------------
    def reload_choices(self) -> None:
        """Units, leaders and categories of the filters (keeping what is chosen)."""
        ref = cases.reference_data(self.db)
        units = [(u.label, u.id) for u in responsible_units(self.db)]
        leaders = [(c.label, c.id) for c in ref.leaders]
        categories = [(c.label, c.id) for c in ref.categories]
        states = [(state.label, state) for state in DueState]
        for combo, items in (
            (self.unit_filter, units),
            (self.leader_filter, leaders),
            (self.category_filter, categories),
            (self.state_filter, states),
        ):
            keep = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(ALL, None)
            for label, value in items:
                combo.addItem(label, value)
            index = combo.findData(keep) if keep is not None else 0
            combo.setCurrentIndex(max(index, 0))
            combo.blockSignals(False)

    def filter_combos(self) -> tuple[QComboBox, ...]:
        return (
            self.unit_filter,
            self.leader_filter,
            self.category_filter,
            self.source_filter,
            self.state_filter,
        )

    def board_filter(self) -> BoardFilter:
        """What the filters ask for (Qt hands enum members back as their plain values)."""
        source, state = self.source_filter.currentData(), self.state_filter.currentData()
        return BoardFilter(
            unit_id=self.unit_filter.currentData(),
            leader_id=self.leader_filter.currentData(),
            category_id=self.category_filter.currentData(),
            source=CaseSource(source) if source else None,
            state=DueState(state) if state else None,
        )

    def _header_clicked(self, column: int) -> None:
        """The due date column sorts (ascending / descending); the others keep the order."""
        if column == COL_DUE:
            self.descending = not self.descending
        order = Qt.SortOrder.DescendingOrder if self.descending else Qt.SortOrder.AscendingOrder
        self.table.horizontalHeader().setSortIndicator(COL_DUE, order)
        if column == COL_DUE:
            self.load_board()

    # --- the board ---------------------------------------------------------------------------
    def load_board(self) -> None:
        """Read the board as of today with the filters; the selection stays on its referral."""
        keep = self.selected_row()
        today = self.today()
        board = referrals.referral_board(
            self.db, today, self.board_filter(), descending=self.descending, actor=self.actor()
        )
        self.model.set_board(board)
        self.as_of_label.setText(f"截至 {today.isoformat()}，{board.soon_days}日内到期为将到期")
        self.board_label.setText(f"督办看板：办理中 {len(board.rows)} 件")
        self.title = board_title(board)
        self.title_changed.emit(self.title)
        if keep is not None and self.select_referral(keep.referral_id):
            return
        self.show_case(None)

    def selected_row(self) -> BoardRow | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        row = rows[0].data(BOARD_ROW_ROLE)
        return row if isinstance(row, BoardRow) else None

    def select_referral(self, referral_id: int) -> bool:
        row = self.model.row_of(referral_id)
        if row is None:
            return False
        self.table.selectRow(row)
        self.table.scrollTo(self.model.index(row, 0))
        return True

    # --- the case panel ----------------------------------------------------------------------
    def show_case(self, row: BoardRow | None) -> None:
        """The case of ``row``: deadlines, supervision slips, history (empty without one)."""
        if row is None:
            self.case_heading.setText("选中一条交办，这里显示该事项的期限和交办经过")
            self.deadlines_label.clear()
            self.slips_label.clear()
            self.history_model.set_items([])
            self.slips = []
            return
        summary = " ".join(row.summary.split())
        self.case_heading.setText(f"{row.register_no}　{row.category}　{summary}")
        found = referrals.case_deadlines(self.db, row.petition_id)
        self.deadlines_label.setText("\n".join(found.lines) if found is not None else "")
        self.slips = referrals.case_supervision(self.db, row.petition_id)
        self.slips_label.setText("\n".join(slip_line(s) for s in self.slips) or "（无）")
        self.history_model.set_items(referrals.referral_history(self.db, row.petition_id))

    def open_slips(self) -> list[SupervisionView]:
        """The selected case's slips with copies still out."""
        return [s for s in self.slips if not s.all_returned]
