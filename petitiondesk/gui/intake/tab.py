"""The 来访登记 tab: the intake form and its 查重 panel above, the register below.

Above: the form (:mod:`intake_form`) and, at its right, the panel of known petitioners
and possible repeat visits (:mod:`intake_repeats`), filled while the clerk types.

Below: the register — one day's entries, or, as soon as something is typed in the search
box or a filter is set (:mod:`intake_search`), the matching entries of the whole
register, searched in the background. Under the list, the selected case: its state and
the 15-day limit to tell the petitioner whether the matter is accepted, and what can be
done with it — 打印登记单 (Ctrl+P), 受理决定… (Ctrl+J), 打印告知书, 接谈记录… (Ctrl+T),
附件… (Ctrl+U). The header counts the cases still waiting for the acceptance notice
(待告知); clicking it lists them.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QItemSelectionModel, QModelIndex, Qt, QTimer
from PySide6.QtGui import QHideEvent, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QWidget,
)

from petitiondesk.core.enums import CaseStatus, Channel
from petitiondesk.core.permissions import Permission
from petitiondesk.services import (
    acceptance,
    cases,
    conversations,
    intake,
    repeats,
    settings,
)
from petitiondesk.services.acceptance import AcceptanceOutcome, PendingNotices
from petitiondesk.services.cases import Choice
from petitiondesk.services.intake import RegisteredVisit, VisitInput
from petitiondesk.services.repeats import RepeatLink
from petitiondesk.services.result import Result
from petitiondesk.store.db import Database

from .. import errors, prompts
from .. import signals as hub_topics
from ..operations import Operation, ProgressFn, run_in_background, run_write
from ..signals import DataHub
from ..tab import RoleRule, TabMenu, needs
from ..widgets.dates import to_date, to_qdate
from . import printouts
from .acceptance_dialog import DECIDED, NOTICE_TITLES, AcceptanceDialog, can_decide
from .case_table_model import (
    CASE_ROW_ROLE,
)
from .cluster_hint import ClusterWatcher
from .draft import DraftKeeper
from .repeats import RepeatWatcher
from .view import MSG_NOT_SAVED, PRINT_HINT_NONE, IntakeView

if TYPE_CHECKING:  # the dialogs are imported when first opened (a shorter start)
    from ..widgets.print_preview import PrintPreviewDialog
    from .attachments_panel import AttachmentsDialog
    from .conversation_dialog import ConversationDialog
    from .pending_dialog import PendingDialog

SaveOutcome = tuple[Result[RegisteredVisit], Result[RepeatLink] | None]


class IntakeTab(IntakeView):
    """Registers visits and letters; lists and searches the register; decides acceptance."""

    title = "来访登记"
    key = "intake"
    topics = (hub_topics.CASES, hub_topics.REFERENCE, hub_topics.SETTINGS)

    def __init__(self, db: Database, hub: DataHub, parent: QWidget | None = None) -> None:
        super().__init__(db, hub, parent)
        self.save_operation: Operation | None = None
        self.print_operation: Operation | None = None
        self.pending_operation: Operation | None = None
        self.preview: PrintPreviewDialog | None = None
        self.acceptance_dialog: AcceptanceDialog | None = None
        self.conversation_dialog: ConversationDialog | None = None
        self.attachments_dialog: AttachmentsDialog | None = None
        self.last_saved: RegisteredVisit | None = None
        #: Where attachments are copied (None: the user's data folder).
        self.attachments_dir: Path | None = None
        self.leaders: tuple[Choice, ...] = ()
        self.default_officer = ""
        self._focus_results = False
        self._sized = False
        self._pending_generation = 0
        self.watcher = RepeatWatcher(
            self.db, self.form, self.repeat_panel, self.repeat_banner, self
        )
        self.clusters = ClusterWatcher(self.db, self.form, self.cluster_hint, self)
        self.draft = DraftKeeper(self.form, db.path, self)
        self._connect()
        self._build_menu_actions()
        QTimer.singleShot(0, self.offer_draft)  # the data loads when the tab is first shown

    def _connect(self) -> None:
        """The view's widgets to what the clerk does with them."""
        self.save_button.clicked.connect(self.save)
        self.clear_button.clicked.connect(self.clear_form)
        self.pending_button.clicked.connect(self.show_pending)
        self.day.dateChanged.connect(self._day_changed)
        self.today_button.clicked.connect(self.show_today)
        self.search.changed.connect(self.apply_search)
        self.search.submitted.connect(self._search_submitted)
        to_panel = QShortcut(QKeySequence(Qt.Key.Key_F4), self)
        to_panel.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        to_panel.activated.connect(self.focus_repeat_panel)
        back = QShortcut(QKeySequence(Qt.Key.Key_Escape), self.repeat_panel.list)
        back.setContext(Qt.ShortcutContext.WidgetShortcut)
        back.activated.connect(self._back_from_panel)
        to_list = QShortcut(QKeySequence(Qt.Key.Key_Down), self.find_box)
        to_list.setContext(Qt.ShortcutContext.WidgetShortcut)
        to_list.activated.connect(self.focus_results)
        self.table.activated.connect(self._row_activated)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.model.modelAboutToBeReset.connect(self._keep_selection)
        self.model.modelReset.connect(self._restore_selection)
        self.model.modelReset.connect(self._update_list_labels)
        self.model.modelReset.connect(self._selection_changed)
        self.model.rowsInserted.connect(self._update_list_labels)
        self.model.search_finished.connect(self._search_done)
        self.model.search_failed.connect(lambda exc: errors.show_error(self, exc, title="搜索失败"))
        self.print_button.clicked.connect(self.print_selected)
        self.draft.failed.connect(self.status_message.emit)
        self.form.layout_changed.connect(lambda: QTimer.singleShot(0, self.fit_form))
        self.accept_action.triggered.connect(lambda: self.decide_acceptance())
        self.notice_action.triggered.connect(lambda: self.print_notice())
        self.conversation_action.triggered.connect(lambda: self.edit_conversation())
        self.attachments_action.triggered.connect(lambda: self.show_attachments())

    def _build_menu_actions(self) -> None:
        """新登记, 保存, 打印登记单, 查找 (the window's 登记 menu; they show the tab)."""
        self.new_action = self.menu_action(
            "新登记(&N)", self.new_visit, "Ctrl+N", "清空表单，登记下一位"
        )
        self.save_action = self.menu_action("保存(&S)", self.save, "Ctrl+S", "保存本条登记")
        self.print_action = self.menu_action(
            "打印登记单(&P)…", self.print_selected, "Ctrl+P", "预览并打印选中的来访登记单"
        )
        self.find_action = self.menu_action(
            "查找(&F)", self.focus_find, "Ctrl+F", "按姓名、身份证号、电话、登记号或内容搜索登记"
        )

    def menus(self) -> list[TabMenu]:
        register = (self.new_action, self.save_action, self.print_action, self.find_action)
        return [TabMenu("登记(&R)", (register, self.case_actions()), rank=1)]

    def role_rules(self) -> list[RoleRule]:
        writes = (self.new_action, self.save_action, self.save_button, self.clear_button)
        return [
            *needs(Permission.REGISTER, *writes, self.accept_action, self.conversation_action),
            *needs(Permission.REGISTER, self.attachments_action),
            *needs(Permission.PRINT, self.print_action, self.print_button, self.notice_action),
        ]

    def update_actions(self) -> None:
        for action in (self.new_action, self.save_action, self.find_action):
            action.setEnabled(self.current)
        self.print_action.setEnabled(self.current and self.can_print())

    def can_close(self) -> bool:
        closing = not self.form.is_dirty() or prompts.confirm(
            self, "退出", "表单中还有未保存的登记内容，确定退出吗？"
        )
        if closing:
            self.draft.clear()  # the clerk chose to leave it: not offered again
        return closing

    def offer_draft(self) -> None:
        """At start: put back what a crash left unsaved (if the clerk wants it)."""
        if self.draft.offer(self, before_fill=self.ensure_loaded):  # the form's lists first
            self.fit_form()
            self.show_requested.emit()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._sized:  # first show: the form gets the room it needs
            self._sized = True
            self.fit_form()
        self.watcher.resume()

    def hideEvent(self, event: QHideEvent) -> None:
        self.watcher.pause()  # no look-ups while another tab is shown or the window closes
        super().hideEvent(event)

    # --- reference data and refresh ------------------------------------------------------------
    def reload_reference(self) -> None:
        ref = cases.reference_data(self.db)
        self.form.set_reference(ref)
        self.form.set_rules(settings.group_visit_rules(self.db))
        self.search.set_categories(ref.categories)
        self.leaders = ref.leaders
        self.default_officer = ref.default_receiving_officer

    def refresh(self, topic: str = hub_topics.ALL) -> None:
        """Reference data and settings: the form's lists and rules (e.g. the representative
        limit); cases: the register and 待告知."""
        if hub_topics.concerns(topic, hub_topics.REFERENCE, hub_topics.SETTINGS):
            self.reload_reference()
        if hub_topics.concerns(topic, hub_topics.CASES):
            self.model.refresh()
            self.load_pending()

    def _day_changed(self, value: QDate) -> None:
        day = to_date(value)
        if self.search.is_active():
            self.search.clear(quiet=True)
        self.model.set_day_range(day, day)
        self._update_list_labels()

    def show_today(self) -> None:
        """今天: back to today's register (leaves a search)."""
        self.search.clear(quiet=True)
        if self.shown_day() != date.today():
            self.day.setDate(QDate.currentDate())
        else:
            self.model.set_day_range(date.today(), date.today())
            self._update_list_labels()

    # --- the 15-day notices (待告知) -------------------------------------------------------------
    def load_pending(self) -> None:
        """Count the cases still waiting for the acceptance notice (in the background)."""
        self._pending_generation += 1
        generation, db, today = self._pending_generation, self.db, date.today()

        def done(notices: PendingNotices) -> None:
            if generation == self._pending_generation:
                self.notices = notices
                self.pending = {row.register_no: row for row in notices.rows}
                self._show_pending_count(notices)
                self._update_case_bar()

        self.pending_operation = run_in_background(
            None,
            lambda _progress: acceptance.pending_notices(db, today),
            on_success=done,
            on_failure=lambda exc: errors.show_error(self, exc, title="待告知事项未能统计"),
        )

    def show_pending(self) -> PendingDialog | None:
        """The 待告知 list by deadline; the case chosen there is shown in the register."""
        if self.notices is None:
            return None
        from .pending_dialog import PendingDialog

        dialog = PendingDialog(self.notices, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.chosen.connect(self._open_pending)
        self.pending_dialog = dialog
        dialog.open()
        return dialog

    def _open_pending(self, register_no: str, day: date) -> None:
        if self.select_case(register_no, day):
            self.table.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            self.search.show_status(CaseStatus.REGISTERED)

    # --- search -------------------------------------------------------------------------------
    def apply_search(self) -> None:
        query = self.search.query()
        if query is None:
            day = self.shown_day()
            self.model.set_day_range(day, day)
        else:
            self.model.set_query(query)
        self._update_list_labels()

    def _search_submitted(self) -> None:
        """Enter in the search box: to the results (once they are there)."""
        if self.model.loading:
            self._focus_results = True
        else:
            self.focus_results()

    def _search_done(self) -> None:
        self._update_list_labels()
        if self._focus_results and not self.model.loading:
            self._focus_results = False
            self.focus_results()

    def is_searching(self) -> bool:
        """A search is waiting for its debounce or loading (tests wait on this)."""
        return self.search.pending() or self.model.loading

    # --- selection ----------------------------------------------------------------------------
    def select_case(self, register_no: str, day: date | None = None) -> bool:
        """Show ``day``'s register (if given; leaves a search) and select ``register_no``."""
        if day is not None:
            if self.search.is_active():
                self.search.clear(quiet=True)
            if day != self.shown_day():
                self.day.setDate(to_qdate(day))
            else:
                self.model.set_day_range(day, day)
                self._update_list_labels()
        row = self.model.row_of(register_no)
        if row is None:
            return False
        index = self.model.index(row, 0)
        self.table.selectionModel().select(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.NoUpdate
        )
        self.table.scrollTo(index)
        return True

    def _keep_selection(self) -> None:
        self._kept_selection = self.selected_register_no()

    def _restore_selection(self) -> None:
        """A refresh keeps the selected case selected if it is still listed."""
        number, self._kept_selection = self._kept_selection, None
        row = self.model.row_of(number, fetch=False) if number else None
        if row is not None:
            self.table.selectRow(row)

    # --- saving -------------------------------------------------------------------------------
    def is_saving(self) -> bool:
        return self.save_operation is not None and not self.save_operation.done

    def save(self) -> None:
        """保存登记: check and save in the background; messages under the fields on failure.
        A repeat chosen in the 查重 panel is linked right after a good save."""
        if self.is_saving():
            return
        self.form.clear_messages()
        data, problems = self.form.collect()
        if data is None:
            self.form.show_errors(problems)
            self.fit_form()
            self.status_message.emit(MSG_NOT_SAVED)
            return
        self.save_button.setEnabled(False)
        db, actor = self.db, self.actor()
        earlier = self.form.repeat_of

        def work(_progress: ProgressFn) -> SaveOutcome:
            result = intake.register_visit(db, data, actor=actor)
            link: Result[RepeatLink] | None = None
            if result.ok and result.value is not None and earlier is not None:
                link = repeats.link_repeat(
                    db, result.value.petition_id, earlier.petition_id, actor=actor
                )
            return result, link

        operation = run_write(
            self,
            work,
            topics=(hub_topics.CASES,),
            succeeded=lambda outcome: outcome[0].ok and outcome[0].value is not None,
            on_success=lambda outcome: self._saved(data, outcome),
            on_refused=lambda outcome: self._saved(data, outcome),
            on_failure=self._save_failed,
            label="正在保存…",
        )
        operation.finished.connect(lambda: self.save_button.setEnabled(True))
        self.save_operation = operation

    def _saved(self, data: VisitInput, outcome: SaveOutcome) -> None:
        result, link = outcome
        if not result.ok or result.value is None:
            self.form.show_errors(result.errors)
            self.fit_form()
            self.status_message.emit(MSG_NOT_SAVED)
            return
        visit = result.value
        self.last_saved = visit
        message = result.message or f"已登记，登记号 {visit.register_no}"
        if visit.reused_petitioner:
            message += "（来访人已有档案）"
        if link is not None and link.ok and link.value is not None:
            message += f"；已关联为 {link.value.repeat_of_register_no} 的重复访"
        if visit.acceptance_due is not None:
            message += f"；告知是否受理期限 {visit.acceptance_due:%Y-%m-%d}"
        if visit.acceptance_due_uncovered:
            message += "（节假日数据未覆盖，请核对）"
        self.status_message.emit(message)
        self.form.clear_for_next()
        self.draft.clear()
        self.watcher.reset()
        self.fit_form()
        self.select_case(visit.register_no, data.received_at.date())
        self.form.focus_first()
        if link is not None and not link.ok:
            errors.show_error(
                self,
                f"已登记 {visit.register_no}，但未能关联为重复访：{link.message}",
                title="重复访未关联",
            )

    def _save_failed(self, exc: BaseException) -> None:
        # Nothing typed is lost: the form keeps its content.
        self.status_message.emit("登记未保存")
        errors.show_error(self, exc, title="登记未保存")

    # --- clearing -----------------------------------------------------------------------------
    def clear_form(self) -> bool:
        """清空 (asks first if something was typed). True if the form is now empty."""
        if self.form.is_dirty() and not prompts.confirm(
            self, "清空表单", "表单中已填写的内容将被清除，确定清空吗？"
        ):
            return False
        self.form.clear_for_next()
        self.draft.clear()
        self.watcher.reset()
        self.fit_form()
        self.form.focus_first()
        return True

    def new_visit(self) -> None:
        """新登记 (Ctrl+N)."""
        self.clear_form()

    # --- printing -----------------------------------------------------------------------------
    def print_selected(self) -> None:
        """打印登记单: preview the selected case (the one just saved is selected)."""
        number = self.selected_register_no()
        if number is None:
            self.status_message.emit(PRINT_HINT_NONE)
            return
        self.open_preview(number)

    def open_preview(self, register_no: str) -> Operation:
        """The 登记单 of ``register_no`` in the print preview."""
        return printouts.open_preview(self, register_no)

    def open_notice_preview(self, register_no: str, title: str = "告知书") -> Operation:
        """The acceptance notice of ``register_no`` (两联) in the print preview."""
        return printouts.open_notice_preview(self, register_no, title)

    def open_conversation_preview(self, register_no: str) -> Operation:
        """The 接谈记录 of ``register_no`` in the print preview."""
        return printouts.open_conversation_preview(self, register_no)

    def _row_activated(self, index: QModelIndex) -> None:
        case = index.data(CASE_ROW_ROLE)
        if case is not None:
            self.open_preview(case.register_no)

    # --- acceptance ---------------------------------------------------------------------------
    def decide_acceptance(self) -> AcceptanceDialog | None:
        """受理决定… for the selected case (a decided one: correct it)."""
        case = self.selected_case()
        if case is None:
            self.status_message.emit(PRINT_HINT_NONE)
            return None
        if not can_decide(case.status):
            self.status_message.emit(
                f"{case.register_no} 已进入“{case.status.label}”阶段，不能再作受理决定"
            )
            return None
        dialog = AcceptanceDialog(
            self.db,
            case,
            self.leaders,
            actor=self.actor(),
            due=self.due_label.text(),
            parent=self,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.decided.connect(self._decided)
        dialog.print_requested.connect(self.open_notice_preview)
        dialog.destroyed.connect(lambda: setattr(self, "acceptance_dialog", None))
        self.acceptance_dialog = dialog
        dialog.open()
        return dialog

    def _decided(self, outcome: AcceptanceOutcome) -> None:
        self.select_case(outcome.register_no)
        text = f"{outcome.register_no} {outcome.decision.label}，告知书文号 {outcome.notice_no}"
        if outcome.forward_due is not None:
            text += f"；请于 {outcome.forward_due.isoformat()} 前转送"
        self.status_message.emit(text)

    def print_notice(self) -> Operation | None:
        """打印告知书 of the selected (decided) case."""
        case = self.selected_case()
        if case is None or case.status is CaseStatus.REGISTERED:
            self.status_message.emit("请先选中一条已作出受理决定的登记")
            return None
        decision = DECIDED.get(case.status)
        title = NOTICE_TITLES[decision] if decision is not None else "告知书"
        return self.open_notice_preview(case.register_no, title)

    # --- conversation record --------------------------------------------------------------------
    def edit_conversation(self) -> ConversationDialog | None:
        """接谈记录… of the selected visit (an existing record is corrected)."""
        case = self.selected_case()
        if case is None:
            self.status_message.emit(PRINT_HINT_NONE)
            return None
        if case.channel is not Channel.VISIT:
            self.status_message.emit(
                f"接谈记录只用于走访登记（{case.register_no} 为{case.channel.label}）"
            )
            return None
        from .conversation_dialog import ConversationDialog

        dialog = ConversationDialog(
            self.db,
            case,
            self.leaders,
            actor=self.actor(),
            record=conversations.conversation_record(self.db, case.register_no),
            recorder=case.receiving_officer or self.default_officer,
            parent=self,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(
            lambda info: self.status_message.emit(f"已保存 {info.register_no} 的接谈记录")
        )
        dialog.print_requested.connect(self.open_conversation_preview)
        dialog.destroyed.connect(lambda: setattr(self, "conversation_dialog", None))
        self.conversation_dialog = dialog
        dialog.open()
        return dialog

    # --- attachments --------------------------------------------------------------------------
    def show_attachments(self) -> AttachmentsDialog | None:
        case = self.selected_case()
        if case is None:
            self.status_message.emit(PRINT_HINT_NONE)
            return None
        from .attachments_panel import AttachmentsDialog

        dialog = AttachmentsDialog(
            self.db, case, actor=self.actor(), data_dir=self.attachments_dir, parent=self
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.destroyed.connect(lambda: setattr(self, "attachments_dialog", None))
        self.attachments_dialog = dialog
        dialog.open()
        return dialog

    # --- finding ------------------------------------------------------------------------------
