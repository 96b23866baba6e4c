"""Table models of the 交办督办 tab: the board of open referrals (:class:`BoardTableModel`)
and the selected case's referral history (:class:`HistoryTableModel`).

The board is small (the open referrals of one office), so it is loaded at once from
:func:`services.referrals.referral_board`; :meth:`BoardTableModel.set_board` shows a new
one. Sorting by due date asks the service again (``descending``), so the order is the
service's (due date, then register number) and never a string compare.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QBrush, QColor

from petitiondesk.core.enums import DueState
from petitiondesk.services.referrals import Board, BoardRow, HistoryEvent

from ..widgets.table_model import ListTableModel, ReadOnlyTableModel

COL_REGISTER = 0
COL_REFERRAL = 1
COL_UNIT = 2
COL_LEADER = 3
COL_CATEGORY = 4
COL_SOURCE = 5
COL_REFERRED = 6
COL_DUE = 7
COL_STATE = 8
COL_DAYS = 9

HEADERS: tuple[str, ...] = (
    "登记号",
    "交办号",
    "承办单位",
    "包案领导",
    "问题类别",
    "来源",
    "交办日期",
    "办理期限",
    "状态",
    "剩余/超期",
)

#: ``index.data(BOARD_ROW_ROLE)`` is the :class:`BoardRow` of that line.
BOARD_ROW_ROLE = Qt.ItemDataRole.UserRole + 1

ESTIMATE_MARK = "（估算）"
OVERDUE_COLOR = QColor("#c62828")
OVERDUE_BACKGROUND = QColor("#fdecea")
SOON_COLOR = QColor("#b26a00")
SOON_BACKGROUND = QColor("#fff4e0")
NORMAL_COLOR = QColor("#2e7d32")


def state_text(row: BoardRow, soon_days: int) -> str:
    """已超期 / 3日内到期 / 正常."""
    if row.state is DueState.DUE_SOON:
        return f"{soon_days}日内到期"
    return row.state.label


def days_text(row: BoardRow) -> str:
    """超期5天 / 今天到期 / 剩12天 (calendar days)."""
    if row.days_left < 0:
        return f"超期{row.days_overdue}天"
    if row.days_left == 0:
        return "今天到期"
    return f"剩{row.days_left}天"


def unit_text(row: BoardRow) -> str:
    """The lead unit, and ``（协办：…）`` when there are co-handlers."""
    if not row.co_units:
        return row.unit
    return f"{row.unit}（协办：{'、'.join(row.co_units)}）"


def flags_tip(row: BoardRow) -> str:
    """What else is known about the referral (for the tooltip of the state)."""
    parts = [f"{row.kind.label} {row.referral_no}"]
    parts.append("已签收" if row.received else "尚未签收")
    if row.extended:
        parts.append("已延期")
    if row.supervised:
        parts.append("已督办")
    if row.urged:
        parts.append(f"已催办{row.urged}次")
    return "；".join(parts)


class BoardTableModel(ReadOnlyTableModel[BoardRow]):
    """The open referrals of a :class:`Board`, in the board's order."""

    headers = HEADERS
    item_role = BOARD_ROW_ROLE

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.board: Board | None = None

    def set_board(self, board: Board) -> None:
        self.beginResetModel()
        self.board = board
        self._rows = list(board.rows)
        self.endResetModel()

    @property
    def rows(self) -> Sequence[BoardRow]:
        return tuple(self._rows)

    @property
    def soon_days(self) -> int:
        return self.board.soon_days if self.board is not None else 3

    def row_of(self, referral_id: int) -> int | None:
        for number, item in enumerate(self._rows):
            if item.referral_id == referral_id:
                return number
        return None

    # --- cells ----------------------------------------------------------------------
    def display(self, row: BoardRow, column: int) -> str | None:
        if column == COL_REGISTER:
            return row.register_no
        if column == COL_REFERRAL:
            return row.referral_no
        if column == COL_UNIT:
            return unit_text(row)
        if column == COL_LEADER:
            return row.case_leader
        if column == COL_CATEGORY:
            return row.category
        if column == COL_SOURCE:
            return row.source.label
        if column == COL_REFERRED:
            return row.referred_on.isoformat() if row.referred_on else ""
        if column == COL_DUE:
            text = row.due_date.isoformat()
            return text + ESTIMATE_MARK if row.due_estimate else text
        if column == COL_STATE:
            return state_text(row, self.soon_days)
        if column == COL_DAYS:
            return days_text(row)
        return None

    def tooltip(self, row: BoardRow, column: int) -> str | None:
        if column == COL_DUE and row.due_estimate:
            return (
                f"{row.due_date.year}年的法定节假日安排尚未录入，该期限按星期一至星期五推算，"
                "录入节假日后请核对"
            )
        if column == COL_STATE:
            return flags_tip(row)
        if column in (COL_REGISTER, COL_UNIT):
            return " ".join(row.summary.split()) or None
        return None

    def decoration(self, row: BoardRow, column: int, role: int) -> object:
        if role == Qt.ItemDataRole.ForegroundRole:
            if column in (COL_STATE, COL_DAYS, COL_DUE):
                return QBrush(_FOREGROUND[row.state])
            return None
        if role == Qt.ItemDataRole.BackgroundRole and column in (COL_STATE, COL_DAYS):
            background = _BACKGROUND.get(row.state)
            return QBrush(background) if background is not None else None
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (COL_STATE, COL_DAYS):
            return int(Qt.AlignmentFlag.AlignCenter)
        return None


_FOREGROUND = {
    DueState.OVERDUE: OVERDUE_COLOR,
    DueState.DUE_SOON: SOON_COLOR,
    DueState.NORMAL: NORMAL_COLOR,
}
_BACKGROUND = {DueState.OVERDUE: OVERDUE_BACKGROUND, DueState.DUE_SOON: SOON_BACKGROUND}


HISTORY_COL_DATE = 0
HISTORY_COL_EVENT = 1
HISTORY_COL_REFERRAL = 2
HISTORY_COL_UNIT = 3
HISTORY_COL_TEXT = 4


class HistoryTableModel(ListTableModel[HistoryEvent]):
    """A case's referral events in order (:func:`services.referrals.referral_history`)."""

    headers = ("日期", "事项", "交办号", "单位", "内容")
    item_role = Qt.ItemDataRole.UserRole + 2

    def display(self, item: HistoryEvent, column: int) -> str | None:
        if column == HISTORY_COL_DATE:
            return item.on.isoformat()
        if column == HISTORY_COL_EVENT:
            return item.kind.label
        if column == HISTORY_COL_REFERRAL:
            return item.referral_no
        if column == HISTORY_COL_UNIT:
            return item.unit
        if column == HISTORY_COL_TEXT:
            return " ".join(item.text.split())
        return None

    def tooltip(self, item: HistoryEvent, column: int) -> str | None:
        return item.text or None
