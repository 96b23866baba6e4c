"""The 办结 tab: cases awaiting closure, review windows open, reviews due (counts in the
tab title); the selected case's closure on the right with what still stops closing;
the 办结 menu with one dialog per step (办结报告 … 复查/复核意见) and the printouts.

Every write goes through :func:`operations.run_write` (topics ``CLOSURE`` and ``CASES``);
the tab redraws on the hub's signal like every other tab.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QTableWidget, QWidget

from petitiondesk.core.enums import CaseStatus, DeliveryMethod
from petitiondesk.core.permissions import Permission
from petitiondesk.services import closure
from petitiondesk.services.closure import ClosureView, ReviewView
from petitiondesk.store.db import Database

from ..operations import Operation, run_in_background
from ..signals import CASES, CLOSURE, DataHub
from ..tab import RoleRule, TabMenu, needs
from . import printouts
from .badge import board_title
from .fields import ClosureDialog
from .view import (
    ClosureViewWidgets,
    awaiting_rows,
    closure_html,
    due_rows,
    fill_table,
    window_rows,
)

#: Statuses in which the closing steps (report … satisfaction) may be recorded.
BEFORE_CLOSING = (CaseStatus.ACCEPTED, CaseStatus.ANSWERED)
AFTER_CLOSING = (CaseStatus.CLOSED, CaseStatus.IN_REVIEW, CaseStatus.FINAL)


#: A dialog class, or its name in :mod:`.dialogs` / :mod:`.review_dialogs`.
DialogKind = str | Callable[..., ClosureDialog]


def dialog_class(kind: DialogKind) -> Callable[..., ClosureDialog]:
    """The dialog class of ``kind``: the dialog modules are imported when a dialog is first
    opened, not to start the window (issue 15)."""
    if not isinstance(kind, str):
        return kind
    from . import dialogs, review_dialogs

    found: Callable[..., ClosureDialog] = getattr(dialogs, kind, None) or getattr(
        review_dialogs, kind
    )
    return found


class ClosureTab(ClosureViewWidgets):
    """办结: the queues and one case's closure and review path."""

    title = "办结"
    key = "closure"
    topics = (CLOSURE, CASES)

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
        self.dialog: QDialog | None = None
        self.view: ClosureView | None = None
        self.board: closure.ClosureBoard | None = None
        self.badge_operation: Operation | None = None
        self._title_generation = 0
        self._build()
        self._build_actions()
        for table in self.tables():
            table.itemSelectionChanged.connect(lambda t=table: self._picked(t))
        self.find_button.clicked.connect(lambda: self.show_case(self.case_number.text()))
        self.case_number.returnPressed.connect(self.find_button.click)
        self.update_badge()  # the queues load when the tab is first shown
        self.update_actions()

    def tables(self) -> tuple[QTableWidget, ...]:
        return (self.awaiting, self.windows, self.reviews_due)

    def _build_actions(self) -> None:
        act = self.menu_action
        self.report_action = act("办结报告(&R)…", lambda: self.open_dialog("ReportDialog"))
        self.opinion_action = act("处理意见书(&O)…", lambda: self.open_dialog("OpinionDialog"))
        self.delivery_action = act("送达(&D)…", lambda: self.open_dialog("DeliveryDialog"))
        self.receipt_action = act("登记收到日期(&V)…", lambda: self.open_dialog("ReceiptDialog"))
        self.satisfaction_action = act(
            "满意度(&S)…", lambda: self.open_dialog("SatisfactionDialog")
        )
        self.close_action = act("办结(&C)…", lambda: self.open_dialog("CloseDialog"))
        self.reopen_action = act("撤销办结(&U)…", lambda: self.open_dialog("ReopenDialog"))
        self.archive_action = act("存档销案(&A)…", lambda: self.open_dialog("ArchiveDialog"))
        self.review_action = act(
            "复查/复核申请(&Q)…", lambda: self.open_dialog("ReviewRequestDialog")
        )
        self.hearing_action = act("听证(&H)…", lambda: self.open_review_dialog("HearingDialog"))
        self.decision_action = act(
            "复查/复核意见(&J)…", lambda: self.open_review_dialog("DecisionDialog")
        )
        self.decision_receipt_action = act(
            "登记意见收到日期(&L)…",
            lambda: self.open_review_dialog("DecisionReceiptDialog", self.unreceived_decision()),
        )
        self.print_opinion_action = act("打印意见书(&P)…", lambda: printouts.print_opinion(self))
        self.print_closure_action = act(
            "打印办结单(&B)…", lambda: printouts.print_closure_form(self)
        )
        self.print_decision_action = act(
            "打印复查/复核意见(&K)…", lambda: printouts.print_review_decision(self)
        )

    def menus(self) -> list[TabMenu]:
        groups = (
            (self.report_action, self.opinion_action, self.delivery_action, self.receipt_action),
            (self.satisfaction_action, self.close_action, self.reopen_action, self.archive_action),
            (
                self.review_action,
                self.hearing_action,
                self.decision_action,
                self.decision_receipt_action,
            ),
            (self.print_opinion_action, self.print_closure_action, self.print_decision_action),
        )
        return [TabMenu("办结(&B)", groups, rank=4)]

    def role_rules(self) -> list[RoleRule]:
        writes = (
            self.report_action, self.opinion_action, self.delivery_action, self.receipt_action,
            self.satisfaction_action, self.close_action, self.reopen_action, self.archive_action,
            self.review_action, self.hearing_action, self.decision_action,
            self.decision_receipt_action,
        )  # fmt: skip
        prints = (self.print_opinion_action, self.print_closure_action, self.print_decision_action)
        return [*needs(Permission.CLOSE, *writes), *needs(Permission.PRINT, *prints)]

    # --- reading -------------------------------------------------------------------------------
    def update_badge(self) -> None:
        """Hidden: the title's counts without loading the queues, off the UI thread (the
        review windows are worked out case by case); a later load of the queues wins."""
        self._title_generation += 1
        generation, db, today, who = self._title_generation, self.db, self.today(), self.actor()

        def done(counts: tuple[int, int, int]) -> None:
            if generation == self._title_generation:
                self._set_title(counts)

        self.badge_operation = run_in_background(
            self,
            lambda _progress: closure.closure_counts(db, today, actor=who),
            on_success=done,
            on_failure=lambda _exc: None,  # only the counts in the title: shown when opened
        )

    def _set_title(self, counts: tuple[int, int, int]) -> None:
        self._title_generation += 1
        self.title = board_title(counts)
        self.title_changed.emit(self.title)

    def refresh(self, topic: str = "all") -> None:
        self.board = closure.closure_board(self.db, self.today(), actor=self.actor())
        fill_table(self.awaiting, awaiting_rows(self.board.awaiting))
        fill_table(self.windows, window_rows(self.board.windows_open))
        fill_table(self.reviews_due, due_rows(self.board.reviews_due))
        awaiting, windows, due = self.board.counts
        self.awaiting_label.setText(f"待办结（{awaiting}）")
        self.windows_label.setText(f"复查/复核申请期内（{windows}）")
        self.due_label.setText(f"复查/复核待办（{due}）")
        self._set_title(self.board.counts)
        if self.view is not None:
            self.show_case(self.view.register_no)
        self.update_actions()

    def _picked(self, table: QTableWidget) -> None:
        items = table.selectedItems()
        if not items:
            return
        for other in self.tables():
            if other is not table:
                other.blockSignals(True)
                other.clearSelection()
                other.blockSignals(False)
        self.show_case(str(items[0].data(Qt.ItemDataRole.UserRole)))

    def show_case(self, register_no: str) -> ClosureView | None:
        """Show the case ``register_no`` on the right (None: no such case)."""
        self.view = closure.case_closure(self.db, register_no.strip()) if register_no else None
        if self.view is None:
            self.detail.clear()
            self.show_missing(())
            if register_no:
                self.status_message.emit(f"没有登记编号为 {register_no} 的事项")
        else:
            self.detail.setHtml(closure_html(self.view))
            self.show_missing(self.view.missing)
        self.update_actions()
        self.selection_changed.emit()
        return self.view

    def pending_review(self) -> ReviewView | None:
        """The selected case's review not yet decided."""
        if self.view is None:
            return None
        return next((rv for rv in self.view.reviews if rv.decided_on is None), None)

    def unreceived_decision(self) -> ReviewView | None:
        """The selected case's decided review whose receipt is not recorded yet."""
        if self.view is None:
            return None
        return next(
            (rv for rv in self.view.reviews if rv.decided_on and not rv.decision_received_on),
            None,
        )

    def update_actions(self) -> None:
        v = self.view
        status = v.status if v is not None else None
        before = status in BEFORE_CLOSING
        for action in (self.report_action, self.opinion_action, self.close_action):
            action.setEnabled(before)
        opinion = v is not None and v.opinion is not None
        self.delivery_action.setEnabled(before and opinion)
        mailed = v is not None and v.delivery is not None and v.delivery.received_on is None
        self.receipt_action.setEnabled(
            mailed
            and v is not None
            and v.delivery is not None
            and v.delivery.method is not DeliveryMethod.IN_PERSON
        )
        self.satisfaction_action.setEnabled(v is not None and v.delivery is not None)
        self.reopen_action.setEnabled(status is CaseStatus.CLOSED)
        closed = status in (CaseStatus.CLOSED, CaseStatus.FINAL)
        self.archive_action.setEnabled(closed and v is not None and v.archived_on is None)
        self.review_action.setEnabled(status is CaseStatus.CLOSED)
        pending = self.pending_review() is not None
        self.hearing_action.setEnabled(pending)
        self.decision_action.setEnabled(pending)
        self.decision_receipt_action.setEnabled(self.unreceived_decision() is not None)
        printouts.enable_actions(self, opinion=opinion, closed=status in AFTER_CLOSING)

    # --- writing -------------------------------------------------------------------------------
    def _open(self, dialog: ClosureDialog) -> ClosureDialog:
        if self.dialog is not None:
            self.dialog.deleteLater()
        self.dialog = dialog
        dialog.saved.connect(lambda result: self.status_message.emit(result.message or "已保存"))
        dialog.open()
        return dialog

    def open_dialog(self, kind: DialogKind) -> ClosureDialog | None:
        """Open the dialog ``kind`` for the selected case."""
        if self.view is None:
            self.status_message.emit("请先选择一件事项")
            return None
        dialog = dialog_class(kind)(
            self.db, self.view.register_no, actor=self.actor(), today=self.today(), parent=self
        )
        return self._open(dialog)

    def open_review_dialog(
        self, kind: DialogKind, review: ReviewView | None = None
    ) -> ClosureDialog | None:
        """Open ``kind`` for ``review`` (default: the pending review)."""
        review = review or self.pending_review()
        if review is None:
            self.status_message.emit("该事项没有待办的复查/复核")
            return None
        return self._open(
            dialog_class(kind)(self.db, review, actor=self.actor(), today=self.today(), parent=self)
        )
