"""The 交办督办 tab: the board of open referrals and what the clerk does with them.

交办/转送… (Ctrl+Shift+R) refers an accepted case (chosen in the dialog, or given by
:meth:`ReferralTab.refer`); on the selected referral of the board: 签收…, 回退…,
办理结果…, 延期…, 催办…, 督办单…, 回执…, and the printed forms (交办单, 送阅表, 督办单,
延期办理告知书) and the 通报 of overdue referrals. The tab title carries the counts
(``交办督办（超期 3 · 将到期 2）``) and is updated on every refresh (``title_changed``);
while the tab is hidden (its board not loaded) the counts come from one cheap query.

Every write goes through a service off the UI thread (the dialogs'
:meth:`FormDialog.write` → :func:`operations.run_write`, topic :data:`signals.REFERRALS`,
plus :data:`signals.CASES` when the case's status changes); the board reloads on the
hub's signal like every other tab.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from functools import partial
from typing import Any

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QWidget

from petitiondesk.core.permissions import Permission
from petitiondesk.services import referrals
from petitiondesk.services.referrals import BoardFilter, BoardRow, ReferralView
from petitiondesk.services.result import Result
from petitiondesk.store.db import Database

from .. import signals as hub_topics
from ..operations import Operation
from ..signals import REFERRALS, DataHub
from ..tab import RoleRule, TabMenu, needs
from ..widgets.form_dialog import FormDialog
from ..widgets.print_preview import PrintPreviewDialog
from . import printouts
from .badge import TITLE, board_title
from .dialogs import ExtensionDialog, ObjectionDialog, ReceiptDialog, ReportDialog, UrgeDialog
from .refer_dialog import ReferDialog
from .supervision_dialog import SlipReturnDialog, SupervisionDialog
from .view import HINT_NO_ROW, BoardView

#: A dialog about the selected referral: ``cls(db, view, actor=, today=, parent=)``.
RowDialog = Callable[..., FormDialog]


class ReferralTab(BoardView):
    """The supervision board and the referral commands."""

    title = TITLE
    key = "referral"
    topics = (REFERRALS, hub_topics.CASES, hub_topics.REFERENCE)

    def __init__(
        self,
        db: Database,
        hub: DataHub,
        parent: QWidget | None = None,
        *,
        today: Callable[[], date] = date.today,
    ) -> None:
        super().__init__(db, hub, parent, today=today)
        self.dialog: QDialog | None = None
        self.preview: PrintPreviewDialog | None = None
        self.print_operation: Operation | None = None
        self._build_menu_actions()
        self._connect()
        self.update_badge()  # the board itself loads when the tab is first shown
        self.update_actions()

    def _connect(self) -> None:
        self.calendar_warning.open_requested.connect(self.open_holidays)
        for combo in self.filter_combos():
            combo.currentIndexChanged.connect(self.load_board)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.model.modelReset.connect(self._selection_changed)
        pairs = (
            (self.refer_button, self.refer_action),
            (self.receipt_button, self.receipt_action),
            (self.objection_button, self.objection_action),
            (self.report_button, self.report_action),
            (self.extend_button, self.extend_action),
            (self.urge_button, self.urge_action),
            (self.supervise_button, self.supervise_action),
            (self.slip_return_button, self.slip_return_action),
        )
        for button, action in pairs:
            button.clicked.connect(action.trigger)
            button.setToolTip(action.statusTip())

    def open_holidays(self) -> None:
        """录入节假日… on the board: the window's 节假日 screen (设置 menu), on the missing year."""
        settings_menu = getattr(self.window(), "settings_menu", None)
        if settings_menu is not None:
            settings_menu.open_holidays_for_warning()

    def _build_menu_actions(self) -> None:
        """The window's 交办督办 menu (each shows the tab first)."""
        act = self.menu_action
        self.refer_action = act(
            "交办/转送(&R)…", lambda: self.refer(), "Ctrl+Shift+R", "把已受理的事项交办或转送"
        )
        self.receipt_action = act("签收(&K)…", self.receive, "Ctrl+Shift+K", "记录承办单位签收")
        self.objection_action = act("回退(&B)…", self.object, tip="承办单位认为不属于其职责")
        self.report_action = act(
            "办理结果(&E)…", self.report_back, "Ctrl+Shift+E", "记录承办单位报送的办理结果"
        )
        self.extend_action = act("延期(&Y)…", self.extend, tip="经批准延长办理期限（最多30日）")
        self.urge_action = act("催办(&U)…", self.urge, "Ctrl+Shift+U", "记录一次催办")
        self.supervise_action = act(
            "督办单(&D)…", self.supervise, "Ctrl+Shift+D", "开具督办单（最多8个督办对象）"
        )
        self.slip_return_action = act(
            "回执(&H)…", self.slip_return, "Ctrl+Shift+H", "记录督办单回执"
        )
        self.print_actions: dict[str, QAction] = {}
        for name, (title, _prefix) in printouts.CASE_FORMS.items():
            self.print_actions[name] = act(
                f"打印{title}…", partial(self.print_form, name), tip=f"预览并打印{title}"
            )
        self.print_actions["print_referral_slip"].setShortcut("Ctrl+P")
        self.overdue_action = act("超期通报(&O)…", self.overdue_notice, tip="按期间通报超期单位")
        self.refresh_action = act("刷新看板", self.load_board, "F5")
        every = (*self.print_actions.items(), (printouts.OVERDUE_NOTICE, self.overdue_action))
        for name, action in every:
            if printouts.missing(name):
                action.setToolTip(printouts.MISSING_TIP)
                action.setStatusTip(printouts.MISSING_TIP)
                action.setData("missing")

    def menus(self) -> list[TabMenu]:
        groups: tuple[tuple[QAction, ...], ...] = (
            (self.refer_action,),
            (self.receipt_action, self.objection_action, self.report_action),
            (self.extend_action, self.urge_action),
            (self.supervise_action, self.slip_return_action),
            (*self.print_actions.values(), self.overdue_action),
            (self.refresh_action,),
        )
        return [TabMenu("交办督办(&J)", groups, rank=3)]

    def role_rules(self) -> list[RoleRule]:
        writes = (
            self.refer_action, self.receipt_action, self.objection_action, self.report_action,
            self.extend_action, self.urge_action, self.supervise_action, self.slip_return_action,
            self.refer_button, self.receipt_button, self.objection_button, self.report_button,
            self.extend_button, self.urge_button, self.supervise_button, self.slip_return_button,
        )  # fmt: skip
        prints = (*self.print_actions.values(), self.overdue_action)
        return [*needs(Permission.REFER, *writes), *needs(Permission.PRINT, *prints)]

    def update_actions(self) -> None:
        row = self.selected_row()
        here = self.current and row is not None
        for action in (
            self.receipt_action,
            self.objection_action,
            self.report_action,
            self.extend_action,
            self.urge_action,
            self.supervise_action,
        ):
            action.setEnabled(here)
        self.slip_return_action.setEnabled(here and bool(self.open_slips()))
        wanted = {
            "print_referral_slip": here,
            "print_routing_slip": here,
            "print_supervision_slips": here and row is not None and row.supervised,
            "print_extension_notice": here and row is not None and row.extended,
        }
        for name, action in self.print_actions.items():
            action.setEnabled(wanted[name] and action.data() != "missing")
        self.overdue_action.setEnabled(self.overdue_action.data() != "missing")
        slips = bool(self.open_slips())
        for button in self.command_buttons()[1:]:
            button.setEnabled(row is not None and (button is not self.slip_return_button or slips))

    def refresh(self, topic: str = hub_topics.ALL) -> None:
        if hub_topics.concerns(topic, hub_topics.REFERENCE):
            self.reload_choices()
        self.load_board()

    def update_badge(self) -> None:
        """Hidden: the title's counts by one query (the board loads when shown). The counts
        follow the filters as on the board: with a unit/leader/category/source filter set,
        the board is read for them."""
        where = self.board_filter()
        if replace(where, state=None) == BoardFilter():
            board = referrals.referral_counts(self.db, self.today(), actor=self.actor())
        else:
            board = referrals.referral_board(self.db, self.today(), where, actor=self.actor())
        self.title = board_title(board)
        self.title_changed.emit(self.title)

    def _selection_changed(self, *_args: Any) -> None:
        self.show_case(self.selected_row())
        self.update_actions()
        self.selection_changed.emit()

    # --- dialogs -------------------------------------------------------------------------------
    def _open(self, dialog: FormDialog, on_saved: Callable[[Any], object]) -> FormDialog:
        if self.dialog is not None:
            self.dialog.deleteLater()
        self.dialog = dialog
        dialog.saved.connect(on_saved)
        dialog.open()
        return dialog

    def _need_row(self) -> tuple[BoardRow, ReferralView] | None:
        row = self.selected_row()
        view = referrals.referral_detail(self.db, row.referral_id) if row is not None else None
        if row is None or view is None:
            self.status_message.emit(HINT_NO_ROW)
            return None
        return row, view

    def _for_row(self, dialog_class: RowDialog) -> Any:
        found = self._need_row()
        if found is None:
            return None
        dialog = dialog_class(
            self.db, found[1], actor=self.actor(), today=self.today(), parent=self
        )
        return self._open(dialog, self._saved)

    def refer(self, register_no: str | None = None) -> ReferDialog:
        """交办/转送… of ``register_no`` (default: chosen in the dialog)."""
        dialog = ReferDialog(
            self.db, actor=self.actor(), today=self.today(), register_no=register_no, parent=self
        )
        self._open(dialog, self._referred)
        return dialog

    def receive(self) -> ReceiptDialog | None:
        return self._for_row(ReceiptDialog)  # type: ignore[no-any-return]

    def object(self) -> ObjectionDialog | None:
        return self._for_row(ObjectionDialog)  # type: ignore[no-any-return]

    def report_back(self) -> ReportDialog | None:
        return self._for_row(ReportDialog)  # type: ignore[no-any-return]

    def extend(self) -> ExtensionDialog | None:
        return self._for_row(ExtensionDialog)  # type: ignore[no-any-return]

    def urge(self) -> UrgeDialog | None:
        return self._for_row(UrgeDialog)  # type: ignore[no-any-return]

    def supervise(self) -> SupervisionDialog | None:
        return self._for_row(SupervisionDialog)  # type: ignore[no-any-return]

    def slip_return(self) -> SlipReturnDialog | None:
        slips = self.open_slips()
        if self.selected_row() is None or not slips:
            self.status_message.emit("选中事项没有待收回执的督办单")
            return None
        dialog = SlipReturnDialog(
            self.db, slips, actor=self.actor(), today=self.today(), parent=self
        )
        self._open(dialog, self._saved)
        return dialog

    # --- after a save --------------------------------------------------------------------------
    def _referred(self, result: Result[Any]) -> None:
        self._saved(result)
        outcome = result.value
        if isinstance(outcome, referrals.ReferralOutcome):
            self.select_referral(outcome.referral_id)

    def _saved(self, result: Result[Any]) -> None:
        """The result above the board (a late objection as a warning) and in the status bar."""
        late = bool(getattr(result.value, "late", False))
        title = result.message.split("；")[0] if late else result.message
        lines = result.message.split("；")[1:] if late else []
        self.report.show_report(title, lines, level="warn" if late else "ok")
        self.status_message.emit(result.message)

    # --- printing (in :mod:`.printouts`) -------------------------------------------------------
    def print_form(self, name: str) -> Operation | None:
        row = self.selected_row()
        if row is None:
            self.status_message.emit(HINT_NO_ROW)
            return None
        return printouts.print_case_form(self, name, row.register_no)

    def overdue_notice(self) -> FormDialog:
        dialog = printouts.OverduePeriodDialog(self.db, self.today(), parent=self)
        return self._open(dialog, lambda chosen: printouts.print_overdue_notice(self, *chosen))
