"""Table models of the 排班 tab: the roster of a period, a slot's queue and its history.

The roster of one period is small (a year of every-working-day rotation with two spans is
~500 rows, and a generation covers at most two years), so :class:`RosterTableModel`
loads the period at once, unlike the lazy register list. :meth:`RosterTableModel.refresh`
reloads it (after every write, via the data-changed hub); :meth:`refresh_entry` reloads
one slot and emits a narrow ``dataChanged`` for its line.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TypeVar

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QBrush, QColor

from petitiondesk.core.masking import mask_phone
from petitiondesk.services import roster
from petitiondesk.services.appointments import QueueItem
from petitiondesk.services.printouts import portfolio_for_print
from petitiondesk.services.roster import ChangeRow, RosterRow
from petitiondesk.store.db import Database

from ..widgets.table_model import ListTableModel, ReadOnlyTableModel

COL_DAY = 0
COL_WEEKDAY = 1
COL_TIME = 2
COL_PLACE = 3
COL_LEADER = 4
COL_TITLE = 5
COL_PORTFOLIO = 6
COL_ACCOMPANY = 7
COL_BOOKED = 8
COL_FLAGS = 9

HEADERS: tuple[str, ...] = (
    "日期",
    "星期",
    "时间",
    "地点",
    "接待领导",
    "职务",
    "分管领域",
    "陪同",
    "预约",
    "标记",
)

#: ``index.data(ROSTER_ROW_ROLE)`` is the :class:`RosterRow` of that line.
ROSTER_ROW_ROLE = Qt.ItemDataRole.UserRole + 1
#: ``index.data(ITEM_ROLE)`` is the raw object of a line of the queue / history models.
ITEM_ROLE = Qt.ItemDataRole.UserRole + 2

UNCOVERED_MARK = "（待核）"
FLAG_MANUAL = "手工调整"
FLAG_UNCOVERED = "待核"
FLAG_DAY_OFF = "遇节假日"

WARN_COLOR = QColor("#b26a00")  # 待核: the date is a guess
ALERT_COLOR = QColor("#c62828")  # the slot lies on a day off
ALERT_BACKGROUND = QColor("#fdecea")
MANUAL_COLOR = QColor("#1565c0")


def uncovered_tip(day: date) -> str:
    return (
        f"{day.year}年的法定节假日安排尚未录入（国务院通知通常在上一年年底公布），"
        "该日期按星期一至星期五推算，仅供参考。录入该年节假日后请重新生成排班。"
    )


def day_off_tip(row: RosterRow) -> str:
    return (
        f"按现在的节假日安排，{row.day.month}月{row.day.day}日是{row.day_off_name or '休息日'}，"
        "该时段不能接待：请调换、替班到其他日期或删除该时段。"
    )


def flag_texts(row: RosterRow) -> list[str]:
    """The words of the 标记 column, most urgent first."""
    flags = []
    if row.on_day_off:
        name = (
            f"（{row.day_off_name}）" if row.day_off_name and row.day_off_name != "休息日" else ""
        )
        flags.append(FLAG_DAY_OFF + name)
    if row.calendar_uncovered:
        flags.append(FLAG_UNCOVERED)
    if row.manual or row.changed:
        flags.append(FLAG_MANUAL)
    return flags


def flags_tip(row: RosterRow) -> str:
    lines = []
    if row.on_day_off:
        lines.append(day_off_tip(row))
    if row.calendar_uncovered:
        lines.append(uncovered_tip(row.day))
    if row.changed:
        lines.append("该时段有替班、调换或递补记录，见右侧“调整记录”。")
    elif row.manual:
        lines.append("该时段是手工加排的。")
    if row.note:
        lines.append(row.note)
    return "\n".join(lines)


def booked_text(row: RosterRow) -> str:
    text = row.booked_text
    if row.walk_ins:
        text += f" +现场{row.walk_ins}"
    return text


def slot_label(row: RosterRow) -> str:
    """``11月23日（星期一）08:30-12:00 县信访接待中心 李红梅``."""
    return f"{row.day.month}月{row.day.day}日（{row.weekday}）{row.time_text} {row.place} {row.leader_name}"


class RosterTableModel(ReadOnlyTableModel[RosterRow]):
    """The roster between two dates, by date, time and place."""

    headers = HEADERS
    item_role = ROSTER_ROW_ROLE

    def __init__(
        self,
        db: Database,
        date_from: date,
        date_to: date,
        parent: QObject | None = None,
        *,
        load: bool = True,
    ) -> None:
        """``load=False``: empty until :meth:`refresh` (a tab loads when first shown)."""
        super().__init__(parent)
        self._db = db
        self._from = date_from
        self._to = date_to
        if load:
            self.refresh()

    # --- period ---------------------------------------------------------------------
    @property
    def period(self) -> tuple[date, date]:
        return self._from, self._to

    def set_period(self, date_from: date, date_to: date) -> None:
        if (date_from, date_to) != (self._from, self._to):
            self._from, self._to = date_from, date_to
            self.refresh()

    def refresh(self) -> None:
        """Reload the period (an empty list when the dates are reversed)."""
        self.beginResetModel()
        self._rows = list(roster.list_roster(self._db, self._from, self._to))
        self.endResetModel()

    def refresh_entry(self, entry_id: int) -> bool:
        """Reload one slot; ``dataChanged`` for its line only. False if it is not shown
        or no longer exists (then call :meth:`refresh`)."""
        row = self.row_of(entry_id)
        if row is None:
            return False
        fresh = roster.roster_entry(self._db, entry_id)
        if fresh is None or fresh.day != self._rows[row].day:
            return False
        self._rows[row] = fresh
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(HEADERS) - 1))
        return True

    # --- access ---------------------------------------------------------------------
    @property
    def rows(self) -> Sequence[RosterRow]:
        return tuple(self._rows)

    def entry_at(self, row: int) -> RosterRow | None:
        return self.item_at(row)

    def row_of(self, entry_id: int) -> int | None:
        for number, item in enumerate(self._rows):
            if item.entry_id == entry_id:
                return number
        return None

    def uncovered_years(self) -> list[int]:
        return sorted({r.day.year for r in self._rows if r.calendar_uncovered})

    def day_off_count(self) -> int:
        return sum(1 for r in self._rows if r.on_day_off)

    # --- cells ----------------------------------------------------------------------
    def decoration(self, row: RosterRow, column: int, role: int) -> object:
        if role == Qt.ItemDataRole.ForegroundRole:
            if row.on_day_off and column in (COL_DAY, COL_FLAGS):
                return QBrush(ALERT_COLOR)
            if row.calendar_uncovered and column in (COL_DAY, COL_FLAGS):
                return QBrush(WARN_COLOR)
            if (row.manual or row.changed) and column in (COL_LEADER, COL_FLAGS):
                return QBrush(MANUAL_COLOR)
            if not row.leader_active and column == COL_LEADER:
                return QBrush(ALERT_COLOR)
            return None
        if role == Qt.ItemDataRole.BackgroundRole and row.on_day_off:
            return QBrush(ALERT_BACKGROUND)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (
            COL_WEEKDAY,
            COL_TIME,
            COL_BOOKED,
        ):
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def display(self, row: RosterRow, column: int) -> str | None:
        if column == COL_DAY:
            text = row.day.isoformat()
            return text + UNCOVERED_MARK if row.calendar_uncovered else text
        if column == COL_WEEKDAY:
            return row.weekday
        if column == COL_TIME:
            return row.time_text
        if column == COL_PLACE:
            return row.place
        if column == COL_LEADER:
            return row.leader_name if row.leader_active else f"{row.leader_name}（已停用）"
        if column == COL_TITLE:
            return row.leader_title
        if column == COL_PORTFOLIO:
            return portfolio_for_print(row)
        if column == COL_ACCOMPANY:
            return row.accompany
        if column == COL_BOOKED:
            return booked_text(row)
        if column == COL_FLAGS:
            return "、".join(flag_texts(row))
        return None

    def tooltip(self, row: RosterRow, column: int) -> str | None:
        if column == COL_DAY:
            if row.on_day_off:
                return day_off_tip(row)
            if row.calendar_uncovered:
                return uncovered_tip(row.day)
            return row.note or None
        if column == COL_FLAGS:
            return flags_tip(row) or None
        if column == COL_PORTFOLIO:
            return row.portfolio_text or None
        if column == COL_BOOKED:
            text = f"已预约{row.booked}人，每个时段最多预约{row.capacity}人"
            if row.walk_ins:
                text += f"；现场排队{row.walk_ins}人（排在预约群众之后）"
            return text
        if column == COL_LEADER and not row.leader_active:
            return f"{row.leader_name}已停用（不在岗），请为该时段安排替班或递补"
        return None


# --- the small lists beside the roster ------------------------------------------------------

T = TypeVar("T")


class _ListModel(ListTableModel[T]):
    """The roster's lists of plain objects (queue, history): one item role for both."""

    item_role = ITEM_ROLE


QUEUE_COL_POSITION = 0
QUEUE_COL_TICKET = 1
QUEUE_COL_NAME = 2
QUEUE_COL_PHONE = 3
QUEUE_COL_CATEGORY = 4
QUEUE_COL_STATUS = 5
QUEUE_COL_SUMMARY = 6


class QueueTableModel(_ListModel[QueueItem]):
    """A slot's calling order (:func:`services.appointments.day_queue`)."""

    headers = ("顺序", "号码", "来访人", "电话", "问题类别", "状态", "反映问题")

    def display(self, item: QueueItem, column: int) -> str | None:
        if column == QUEUE_COL_POSITION:
            return str(item.position)
        if column == QUEUE_COL_TICKET:
            return item.ticket
        if column == QUEUE_COL_NAME:
            return item.visitor_name
        if column == QUEUE_COL_PHONE:
            return mask_phone(item.phone)  # the booking's own dialog shows it in full
        if column == QUEUE_COL_CATEGORY:
            return item.category
        if column == QUEUE_COL_STATUS:
            return item.status_label
        if column == QUEUE_COL_SUMMARY:
            return " ".join(item.summary.split())
        return None

    def tooltip(self, item: QueueItem, column: int) -> str | None:
        when = f"{item.kind_label}登记于 {item.booked_at:%Y-%m-%d %H:%M}"
        return f"{when}\n{item.summary}" if item.summary else when

    def row_of(self, appointment_id: int) -> int | None:
        for number, item in enumerate(self._rows):
            if item.appointment_id == appointment_id:
                return number
        return None


HISTORY_COL_TIME = 0
HISTORY_COL_KIND = 1
HISTORY_COL_CHANGE = 2
HISTORY_COL_REASON = 3
HISTORY_COL_BY = 4


class HistoryTableModel(_ListModel[ChangeRow]):
    """A slot's 替班 / 调换 / 递补 history (:func:`services.roster.roster_history`)."""

    headers = ("时间", "类型", "调整", "原因", "提出人/经办")

    def display(self, item: ChangeRow, column: int) -> str | None:
        if column == HISTORY_COL_TIME:
            return f"{item.created_at:%Y-%m-%d %H:%M}"
        if column == HISTORY_COL_KIND:
            return item.kind_label
        if column == HISTORY_COL_CHANGE:
            text = f"{item.from_leader}→{item.to_leader}"
            return f"{text}（与{item.other_slot}）" if item.other_slot else text
        if column == HISTORY_COL_REASON:
            return item.reason
        if column == HISTORY_COL_BY:
            return " / ".join(p for p in (item.requested_by, item.recorded_by) if p)
        return None

    def tooltip(self, item: ChangeRow, column: int) -> str | None:
        parts = [f"{item.kind_label}：{item.from_leader}→{item.to_leader}"]
        if item.other_slot:
            parts.append(f"调换的另一时段：{item.other_slot}")
        parts.append(f"原因：{item.reason}")
        if item.requested_by:
            parts.append(f"提出人：{item.requested_by}")
        if item.recorded_by:
            parts.append(f"经办：{item.recorded_by}")
        return "\n".join(parts)
