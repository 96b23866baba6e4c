"""The 排班 tab: the leaders' reception-day roster of a period, changes, appointments.

Top: the period (month / quarter / year / custom, with 上一期 / 下一期), 生成排班,
打印排班公示, 导出排班 and 领导与接待规则…. Under it the result of the last action
(the generation report with its messages, a change's warnings) and a note when dates
rest on a year whose holidays are not entered (（待核）). Left: the roster. Right: the
selected slot — 替班…, 调换…, 按值班顺序递补, 陪同… (Ctrl+Shift+A), 手工加排…
(Ctrl+Shift+N, starting from the selected slot), 删除时段…, its change history, and its
queue (appointments, then walk-ins) with 预约…, 现场登记…, 取消预约, 打印四卡….

Every write goes through a service off the UI thread (:func:`operations.run_write`, which
tells the data-changed hub: topic :data:`signals.ROSTER`); the tab refreshes on the
hub's signal like every other tab.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any, Protocol, TypeVar

from PySide6.QtCore import QModelIndex
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QDialog,
    QWidget,
)

from petitiondesk.core.identity import Actor
from petitiondesk.core.periods import (
    PERIOD_CUSTOM,
    PERIOD_MONTH,
    PERIOD_QUARTER,
    period_containing,
    period_text,
    shift_period,
)
from petitiondesk.core.permissions import Permission
from petitiondesk.services import appointments, roster
from petitiondesk.services.result import Result
from petitiondesk.services.roster import ChangeOutcome, GenerationReport, RosterRow, Saved
from petitiondesk.store.db import Database

from .. import errors, prompts
from .. import signals as hub_topics
from ..operations import Operation, ProgressFn, run_write
from ..signals import ROSTER, DataHub
from ..tab import RoleRule, TabMenu, needs
from ..widgets.dates import to_qdate
from ..widgets.form_dialog import FormDialog
from ..widgets.print_preview import PrintPreviewDialog
from . import printouts
from .booking_dialog import BookingDialog
from .dialogs import (
    AccompanyDialog,
    AddSlotDialog,
    ReasonDialog,
    SubstituteDialog,
    SwapDialog,
    WalkInDialog,
)
from .leaders_dialog import LeadersRulesDialog
from .table_model import (
    ROSTER_ROW_ROLE,
    slot_label,
)
from .view import HINT_NO_SLOT, HINT_NO_VISITOR, RosterView

D = TypeVar("D", bound=FormDialog)
D_co = TypeVar("D_co", bound=FormDialog, covariant=True)


class _SlotDialogClass(Protocol[D_co]):
    """A dialog about one slot of the roster (替班, 调换, 陪同, 现场登记)."""

    def __call__(
        self, db: Database, row: RosterRow, *, actor: Actor, parent: QWidget | None = None
    ) -> D_co: ...


class RosterTab(RosterView):
    """The duty roster of a period and what is done with its slots."""

    title = "排班"
    key = "roster"
    topics = (ROSTER, hub_topics.REFERENCE)

    def __init__(
        self,
        db: Database,
        hub: DataHub,
        parent: QWidget | None = None,
        *,
        today: Callable[[], date] = date.today,
    ) -> None:
        super().__init__(db, hub, parent, today=today)
        self.generate_operation: Operation | None = None
        self.export_operation: Operation | None = None
        self.print_operation: Operation | None = None
        self.preview: PrintPreviewDialog | None = None
        self.dialog: QDialog | None = None
        self.last_report: GenerationReport | None = None
        self._connect()
        self._build_menu_actions()

    def _connect(self) -> None:
        """The view's widgets to what the clerk does with them."""
        self.period_kind.currentIndexChanged.connect(self._kind_changed)
        self.prev_button.clicked.connect(lambda: self.step_period(-1))
        self.next_button.clicked.connect(lambda: self.step_period(1))
        self.current_button.clicked.connect(self.current_period_clicked)
        self.date_from.dateChanged.connect(self._dates_edited)
        self.date_to.dateChanged.connect(self._dates_edited)
        self.generate_button.clicked.connect(self.generate)
        self.print_button.clicked.connect(self.print_roster)
        self.export_button.clicked.connect(self.export_roster)
        self.leaders_button.clicked.connect(self.manage_leaders)
        self.table.activated.connect(self._row_activated)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.substitute_button.clicked.connect(self.substitute)
        self.swap_button.clicked.connect(self.swap)
        self.fill_button.clicked.connect(self.fill_next)
        self.accompany_button.clicked.connect(self.accompany_action.trigger)
        self.add_slot_button.clicked.connect(self.add_slot_action.trigger)
        self.remove_button.clicked.connect(self.remove_slot)
        self.queue.selectionModel().selectionChanged.connect(self._update_buttons)
        self.queue.activated.connect(lambda _index: self.print_cards())
        self.book_button.clicked.connect(lambda: self.book())
        self.walk_in_button.clicked.connect(self.walk_in)
        self.cancel_button.clicked.connect(self.cancel_booking)
        self.cards_button.clicked.connect(lambda: self.print_cards())
        self.accompany_action.triggered.connect(lambda: self.accompany())
        self.add_slot_action.triggered.connect(lambda: self.add_slot())

    def _build_menu_actions(self) -> None:
        """The window's 排班 menu (each shows the tab first)."""
        act = self.menu_action
        self.generate_roster_action = act(
            "生成排班(&G)", self.generate, "Ctrl+G", "按接待日规则生成本期排班"
        )
        self.substitute_action = act("替班(&T)…", self.substitute, tip="由另一位领导接待选中的时段")
        self.swap_action = act("调换(&W)…", self.swap, tip="与另一位领导的接待时段互换")
        self.fill_next_action = act(
            "按值班顺序递补(&N)…", self.fill_next, tip="由下一位有空的领导接待"
        )
        self.book_action = act("预约(&B)…", self.book, "Ctrl+B", "为来访人预约领导接待日")
        self.walk_in_action = act("现场登记(&K)…", self.walk_in, tip="未预约的来访人现场排队")
        self.cancel_booking_action = act(
            "取消预约(&C)", self.cancel_booking, tip="取消选中来访人的预约"
        )
        self.cards_action = act(
            "打印四卡(&4)…", self.print_cards, tip="打印选中预约的领导接待日四卡"
        )
        self.print_roster_action = act(
            "打印排班公示(&P)…",
            self.print_roster,
            "Ctrl+Shift+P",
            "预览并打印本期的领导接待日安排表",
        )
        self.export_roster_action = act(
            "导出排班(&X)…", self.export_roster, tip="把本期排班导出为 Excel"
        )
        self.leaders_action = act("领导与接待规则(&L)…", self.manage_leaders)

    def slot_actions(self) -> list[QAction]:
        """陪同… and 手工加排… (with mnemonics, for a menu)."""
        return [self.accompany_action, self.add_slot_action]

    def menus(self) -> list[TabMenu]:
        groups: tuple[tuple[QAction, ...], ...] = (
            (self.generate_roster_action,),
            (self.substitute_action, self.swap_action, self.fill_next_action),
            tuple(self.slot_actions()),  # 陪同…, 手工加排… (enabled with the buttons)
            (self.book_action, self.walk_in_action, self.cancel_booking_action, self.cards_action),
            (self.print_roster_action, self.export_roster_action),
            (self.leaders_action,),
        )
        return [TabMenu("排班(&D)", groups, rank=2)]

    def role_rules(self) -> list[RoleRule]:
        writes: tuple[QAction | QWidget, ...] = (
            self.generate_roster_action, self.substitute_action, self.swap_action,
            self.fill_next_action, *self.slot_actions(), self.book_action, self.walk_in_action,
            self.cancel_booking_action, self.leaders_action, self.generate_button,
            self.substitute_button, self.swap_button, self.fill_button, self.remove_button,
            self.accompany_button, self.add_slot_button, self.book_button, self.walk_in_button,
            self.queue_panel.cancel_button, self.leaders_button,
        )  # fmt: skip
        prints = (self.cards_action, self.print_roster_action, self.print_button)
        return [
            *needs(Permission.ROSTER, *writes),
            *needs(Permission.PRINT, *prints, self.queue_panel.cards_button),
            *needs(Permission.EXPORT, self.export_roster_action, self.export_button),
        ]

    def update_actions(self) -> None:
        slot = self.has_selection()
        for action in (
            self.substitute_action,
            self.swap_action,
            self.fill_next_action,
            self.walk_in_action,
        ):
            action.setEnabled(slot)
        visitor = self.selected_queue_item()
        self.cancel_booking_action.setEnabled(visitor is not None and visitor.status == "booked")
        self.cards_action.setEnabled(visitor is not None)

    # --- the period --------------------------------------------------------------------------
    def set_period(self, date_from: date, date_to: date, kind: str | None = None) -> None:
        """Show ``[date_from, date_to]``; ``kind`` also sets the period selector."""
        self._syncing = True
        try:
            if kind is not None:
                self.period_kind.setCurrentIndex(self.period_kind.findData(kind))
            self.date_from.setDate(to_qdate(date_from))
            self.date_to.setDate(to_qdate(date_to))
        finally:
            self._syncing = False
        self._period_loaded()

    def step_period(self, steps: int) -> None:
        start, end = shift_period(self.period_kind_value(), *self.period(), steps)
        self.set_period(start, end)

    def current_period_clicked(self) -> None:
        kind = self.period_kind_value()
        if kind == PERIOD_CUSTOM:
            kind = PERIOD_QUARTER
        self.set_period(*period_containing(kind, self.today()), kind)

    def _kind_changed(self) -> None:
        if self._syncing:
            return
        kind = self.period_kind_value()
        if kind != PERIOD_CUSTOM:
            self.set_period(*period_containing(kind, self.period()[0]))

    def _dates_edited(self) -> None:
        if self._syncing:
            return
        kind = self.period_kind_value()
        start, end = self.period()
        if kind != PERIOD_CUSTOM and period_containing(kind, start) != (start, end):
            self._syncing = True
            self.period_kind.setCurrentIndex(self.period_kind.findData(PERIOD_CUSTOM))
            self._syncing = False
        self._period_loaded()

    # --- generation ----------------------------------------------------------------------------
    def is_generating(self) -> bool:
        return self.generate_operation is not None and not self.generate_operation.done

    def generate(self) -> Operation | None:
        """生成排班 for the shown period, in the background; then the report."""
        if self.is_generating():
            return None
        start, end = self.period()
        if end < start:
            self.show_report("未生成排班：结束日期不能早于开始日期", [], level="error")
            return None
        db, actor = self.db, self.actor()

        def work(_progress: ProgressFn) -> Result[GenerationReport]:
            return roster.generate_roster(db, start, end, actor=actor)

        self.generate_button.setEnabled(False)
        self.status_message.emit(f"正在生成{period_text(start, end)}排班…")
        operation = run_write(
            self,
            work,
            topics=(ROSTER,),
            on_success=self._generated,
            on_refused=self._generated,
            on_failure=lambda exc: errors.show_error(self, exc, title="排班未生成"),
            label="正在生成排班…",
            cancellable=False,
        )
        operation.finished.connect(lambda: self.generate_button.setEnabled(True))
        self.generate_operation = operation
        return operation

    def _generated(self, result: Result[GenerationReport]) -> None:
        report = result.value
        if not result.ok or report is None:
            self.show_report("未生成排班：" + result.message, [], level="error")
            self.status_message.emit("未生成排班")
            return
        self.last_report = report
        title = f"{period_text(report.date_from, report.date_to)}：{report.summary}"
        level = "warn" if (report.uncovered or report.unassigned or report.messages) else "ok"
        self.show_report(title, report.messages, level=level)
        self.status_message.emit(f"已生成排班：{report.summary}")
        if report.added_entry_ids and not self.has_selection():
            self.select_entry(report.added_entry_ids[0])
        else:
            self._keep_slot()  # in view under the report

    # --- changes -------------------------------------------------------------------------------
    def _need_slot(self) -> RosterRow | None:
        row = self.selected_row()
        if row is None:
            self.status_message.emit(HINT_NO_SLOT)
        return row

    def _open(self, dialog: QDialog) -> QDialog:
        if self.dialog is not None:
            self.dialog.deleteLater()
        self.dialog = dialog
        dialog.open()
        return dialog

    def _show(self, dialog: D, on_saved: Callable[[Any], object]) -> D:
        """Open ``dialog``; ``on_saved(result)`` after each of its saves."""
        dialog.saved.connect(on_saved)
        self._open(dialog)
        return dialog

    def _for_slot(
        self, dialog_class: _SlotDialogClass[D], on_saved: Callable[[Any], object]
    ) -> D | None:
        """Open a dialog about the selected slot (None, and a hint, without one)."""
        row = self._need_slot()
        if row is None:
            return None
        dialog = dialog_class(self.db, row, actor=self.actor(), parent=self)
        return self._show(dialog, on_saved)

    def substitute(self) -> SubstituteDialog | None:
        """替班…"""
        return self._for_slot(SubstituteDialog, self._change_saved)

    def swap(self) -> SwapDialog | None:
        """调换…"""
        return self._for_slot(SwapDialog, self._change_saved)

    def fill_next(self) -> ReasonDialog | None:
        """按值班顺序递补: asks the reason, then the next free leader in rota order."""
        row = self._need_slot()
        if row is None:
            return None
        db, actor, entry_id, version = self.db, self.actor(), row.entry_id, row.version

        def submit(reason: str, requested_by: str) -> Result[ChangeOutcome]:
            return roster.fill_next_in_rotation(
                db, entry_id, reason=reason, requested_by=requested_by, actor=actor,
                version=version,
            )  # fmt: skip

        dialog = ReasonDialog(
            "按值班顺序递补",
            f"{slot_label(row)}\n{row.leader_name}不能接待，由值班顺序中的下一位有空的在岗领导递补。",
            submit,
            button_text="递补",
            reason_label="递补原因",
            placeholder="如：因公外出",
            parent=self,
        )
        return self._show(dialog, self._change_saved)

    def remove_slot(self) -> ReasonDialog | None:
        """删除时段…: a slot without bookings (e.g. one left on a new holiday)."""
        row = self._need_slot()
        if row is None:
            return None
        db, actor, entry_id, version = self.db, self.actor(), row.entry_id, row.version

        def submit(reason: str, _requested_by: str) -> Result[Any]:
            return roster.remove_entry(db, entry_id, reason=reason, actor=actor, version=version)

        dialog = ReasonDialog(
            "删除接待时段",
            f"删除 {slot_label(row)}。已有预约或排队的时段不能删除，请改为替班。",
            submit,
            button_text="删除",
            reason_label="删除原因",
            placeholder="如：该日调整为法定节假日",
            ask_requested_by=False,
            parent=self,
        )
        return self._show(dialog, self._removed)

    def _removed(self, result: Result[Any]) -> None:
        self._tell(result.message or "已删除该接待时段")

    def accompany(self) -> AccompanyDialog | None:
        """陪同…: the functional department (and person) accompanying the leader."""
        dialog = self._for_slot(AccompanyDialog, self._accompany_saved)
        if dialog is not None:
            dialog.department.setFocus()
        return dialog

    def _accompany_saved(self, result: Result[Saved]) -> None:
        self._tell(result.message)
        self._keep_slot()

    def add_slot(self) -> AddSlotDialog:
        """手工加排…: a slot outside the rules, starting from the selected slot."""
        dialog = AddSlotDialog(
            self.db,
            actor=self.actor(),
            template=self.selected_row(),
            today=self.today(),
            parent=self,
        )
        self._show(dialog, lambda result: self._slot_added(result, dialog.added_day))
        dialog.day.setFocus()
        return dialog

    def _slot_added(self, result: Result[Saved], day: date | None) -> None:
        saved = result.value
        self._tell(result.message, saved.warnings if saved is not None else ())
        if saved is None or self.select_entry(saved.id) or day is None:
            return
        # A day outside the shown period: show the period that contains it.
        kind = self.period_kind_value()
        if kind == PERIOD_CUSTOM:
            kind = PERIOD_MONTH
        self.set_period(*period_containing(kind, day), kind)
        self.select_entry(saved.id)

    def _change_saved(self, result: Result[ChangeOutcome]) -> None:
        outcome = result.value
        self._tell(result.message, outcome.warnings if outcome is not None else ())
        self._keep_slot()

    def _tell(self, message: str, warnings: Sequence[str] = ()) -> None:
        """The result panel (warnings, if any, under it) and the status bar."""
        self.show_report(message, warnings, level="warn" if warnings else "ok")
        self.status_message.emit(message)

    def _keep_slot(self) -> None:
        """After a write (the roster reloaded): the selected slot stays selected."""
        keep = self.selected_entry_id()
        if keep is not None:
            self.select_entry(keep)

    # --- appointments --------------------------------------------------------------------------
    def book(self, entry_id: int | None = None) -> BookingDialog:
        """预约…: the slots of the next days, the owners of the visitor's issue first;
        ``entry_id`` (Enter on a slot of the roster) is preselected while it is listed."""
        dialog = BookingDialog(
            self.db,
            actor=self.actor(),
            preferred_entry_id=entry_id,
            today=self.today(),
            parent=self,
        )
        dialog.print_requested.connect(self.print_cards)
        self._show(dialog, self._booking_saved)
        dialog.visitor_name.setFocus()
        return dialog

    def _booking_saved(self, result: Result[Any]) -> None:
        self.status_message.emit(result.message)
        booking = result.value
        if isinstance(booking, appointments.Booking):
            lines = list(booking.warnings)
            self.show_report(result.message.split("。")[0], lines, level="warn" if lines else "ok")
            if self.select_entry(booking.entry_id):
                self.select_visitor(booking.appointment_id)

    def walk_in(self) -> WalkInDialog | None:
        """现场登记…: queue a visitor without appointment in the selected slot."""
        return self._for_slot(WalkInDialog, self._booking_saved)

    def cancel_booking(self) -> Operation | None:
        """取消预约 of the selected visitor (asks first)."""
        item = self.selected_queue_item()
        if item is None:
            self.status_message.emit(HINT_NO_VISITOR)
            return None
        if not prompts.confirm(
            self, "取消预约", f"取消 {item.visitor_name} 的{item.ticket}？号码不会再分配给别人。"
        ):
            return None
        db, appointment_id, actor = self.db, item.appointment_id, self.actor()
        return run_write(
            self,
            lambda _progress: appointments.cancel_appointment(
                db, appointment_id, reason="来访人取消", actor=actor
            ),
            topics=(ROSTER,),
            on_success=lambda _result: self.status_message.emit(
                f"已取消 {item.visitor_name} 的{item.ticket}"
            ),
            refused_title="未能取消预约",
        )

    # --- printing (in :mod:`.printouts`) -------------------------------------------------------
    def print_cards(self, appointment_id: int | None = None) -> Operation | None:
        """打印四卡 of a booking (default: the selected visitor) → print preview."""
        return printouts.print_cards(self, appointment_id)

    def print_roster(self) -> Operation | None:
        """打印排班公示: the period's roster as PDF → print preview."""
        return printouts.print_roster(self)

    def export_roster(self) -> Operation | None:
        """导出排班: the period's roster as an Excel sheet, in the background."""
        return printouts.export_roster(self)

    # --- leaders and rules --------------------------------------------------------------------------
    def manage_leaders(self) -> LeadersRulesDialog:
        dialog = LeadersRulesDialog(
            self.db, actor=self.actor(), topic=hub_topics.REFERENCE, parent=self
        )
        self._open(dialog)
        return dialog

    # --- keyboard ------------------------------------------------------------------------------------
    def _row_activated(self, index: QModelIndex) -> None:
        row = index.data(ROSTER_ROW_ROLE)
        if isinstance(row, RosterRow):
            self.book(row.entry_id)
