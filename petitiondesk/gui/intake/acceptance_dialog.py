"""受理决定…: accept, not accept (with the ground), or forward — and the 15-day limit.

The dialog collects an :class:`AcceptanceInput` and calls
:func:`services.acceptance.decide_acceptance` (or, for a case already decided,
:func:`services.acceptance.correct_acceptance`, which needs a reason) in the background;
each message comes back next to its field. After a good save the dialog says what was
decided and offers 打印告知书 (Ctrl+P), which the tab turns into the print preview of
:func:`services.printouts.print_acceptance_notice` (two copies: 信访人联 + 存档联).
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from petitiondesk.core.enums import AcceptanceDecision, CaseStatus, RejectionReason
from petitiondesk.core.identity import Actor
from petitiondesk.services import acceptance
from petitiondesk.services.acceptance import AcceptanceInput, AcceptanceOutcome
from petitiondesk.services.cases import CaseRow, Choice
from petitiondesk.services.closure import AcceptanceProposal, acceptance_proposal
from petitiondesk.services.result import Result
from petitiondesk.store.db import Database

from ..operations import Operation, ProgressFn, run_write
from ..signals import CASES
from ..widgets.dates import to_date, to_qdate
from ..widgets.field_messages import (
    FieldMessage,
    clear_messages,
    field_label,
    show_errors,
    with_message,
)
from ..widgets.form_dialog import NO_CHOICE

#: The notice each decision prints (the title of its print preview).
NOTICE_TITLES: dict[AcceptanceDecision, str] = {
    AcceptanceDecision.ACCEPT: "信访事项受理告知书",
    AcceptanceDecision.REJECT: "不予受理告知书",
    AcceptanceDecision.FORWARD: "信访事项转送告知书",
}

#: The decision a status after acceptance stands for (to correct it).
DECIDED: dict[CaseStatus, AcceptanceDecision] = {
    status: decision for decision, status in acceptance.STATUS_AFTER.items()
}

BODY_PLACEHOLDERS: dict[object, str] = {
    RejectionReason.OTHER_BODY: "有权处理的机关，如 青山县自然资源局（必填）",
    RejectionReason.LITIGATION: "可不填：默认告知向有权处理的人民法院、仲裁机构或者行政复议机关提出",
    AcceptanceDecision.FORWARD: "转送的机关，如 青山县自然资源局（必填）",
}


def due_text(due: date | None, days_left: int | None) -> str:
    """告知期限 2026-03-16（还剩 5 天 / 今天到期 / 已超期 2 天）."""
    if due is None:
        return "告知期限未定"
    text = f"告知期限 {due.isoformat()}"
    if days_left is None:
        return text
    if days_left > 0:
        return f"{text}（还剩 {days_left} 天）"
    if days_left == 0:
        return f"{text}（今天到期）"
    return f"{text}（已超期 {-days_left} 天）"


def can_decide(status: CaseStatus) -> bool:
    """A registered case gets a decision; a decided one (nothing done since) a correction."""
    return status is CaseStatus.REGISTERED or status in DECIDED


class AcceptanceDialog(QDialog):
    """Decide (or correct) the acceptance of one case. ``decided(outcome)`` after a good
    save; ``print_requested(register_no, title)`` when the clerk asks for the notice."""

    decided = Signal(object)
    print_requested = Signal(str, str)

    def __init__(
        self,
        db: Database,
        case: CaseRow,
        leaders: tuple[Choice, ...],
        *,
        actor: Actor,
        due: str = "",
        today: date | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.case = case
        self.actor = actor
        self.today = today or date.today()
        self.correcting = case.status in DECIDED
        self.operation: Operation | None = None
        self.outcome: AcceptanceOutcome | None = None
        self.setWindowTitle(
            f"{'更正受理决定' if self.correcting else '受理决定'} — {case.register_no}"
        )
        self.setMinimumWidth(560)
        self._build(leaders, due)

    # --- construction ----------------------------------------------------------------------
    def _message(self, key: str) -> FieldMessage:
        self.messages[key] = FieldMessage(key, self)
        return self.messages[key]

    def _with_line(self, widget: QWidget, key: str) -> QWidget:
        """``widget`` with the message line of ``key`` under it."""
        return with_message(widget, self._message(key))

    def _build(self, leaders: tuple[Choice, ...], due: str) -> None:
        self.messages: dict[str, FieldMessage] = {}
        self._build_context(due)
        decision_line = self._build_decision_line()
        self._build_fields(leaders)
        self._build_form(decision_line)
        buttons = self._build_buttons()
        layout = QVBoxLayout(self)
        layout.addWidget(self.context)
        layout.addSpacing(4)
        layout.addLayout(self.form)
        layout.addWidget(self.general)
        layout.addStretch(1)
        layout.addLayout(buttons)
        self._connect_fields()
        previous = DECIDED.get(self.case.status, AcceptanceDecision.ACCEPT)
        self.radio_for(previous).setChecked(True)
        self._decision_changed()
        self.radio_for(previous).setFocus()
        if not self.correcting:
            self._propose_final()

    def _propose_final(self) -> None:
        """A matter closed by 复核 (不再受理): propose 不予受理 with that reason prefilled;
        the clerk decides."""
        self.proposal: AcceptanceProposal | None = acceptance_proposal(
            self.db, self.case.register_no
        )
        if self.proposal is None:
            return
        self.choose(self.proposal.decision, self.proposal.reason)
        self.note.setPlainText(self.proposal.note)
        self.context.setText(
            self.context.text() + f"<br><b style='color:#b45309'>{self.proposal.label}：与 "
            f"{self.proposal.final_register_no} 同一事项，建议不予受理（{self.proposal.basis}）</b>"
        )

    def _build_context(self, due: str) -> None:
        """The case the decision is about (and the notice limit)."""
        case = self.case
        summary = " ".join(case.summary.split())
        if len(summary) > 80:
            summary = summary[:79] + "…"
        context = QLabel(
            f"<b>{case.register_no}</b>　{case.name}　{case.channel.label}，"
            f"{case.received_at:%Y-%m-%d} 登记　当前状态：{case.status.label}<br>"
            f"{case.category + '｜' if case.category else ''}{summary}"
            + (f"<br>{due}" if due else "")
        )
        context.setWordWrap(True)
        context.setTextFormat(Qt.TextFormat.RichText)
        self.context = context

    def _build_decision_line(self) -> QWidget:
        """受理 / 不予受理 / 转送其他机关."""
        self.accept_radio = QRadioButton("受理(&A)")
        self.reject_radio = QRadioButton("不予受理(&B)")
        self.forward_radio = QRadioButton("转送其他机关(&C)")
        self.decisions = QButtonGroup(self)
        decision_line = QWidget()
        decision_layout = QHBoxLayout(decision_line)
        decision_layout.setContentsMargins(0, 0, 0, 0)
        decision_layout.setSpacing(16)
        for radio, decision in (
            (self.accept_radio, AcceptanceDecision.ACCEPT),
            (self.reject_radio, AcceptanceDecision.REJECT),
            (self.forward_radio, AcceptanceDecision.FORWARD),
        ):
            radio.setProperty("decision", decision.value)
            self.decisions.addButton(radio)
            decision_layout.addWidget(radio)
        decision_layout.addStretch(1)
        return decision_line

    def _build_fields(self, leaders: tuple[Choice, ...]) -> None:
        self.reason = QComboBox()
        self.reason.addItem("请选择不予受理的理由", None)
        for reason in RejectionReason:
            self.reason.addItem(reason.label, reason.value)
        self.body = QLineEdit()
        self.body_label = field_label("告知去向")
        self.decided_on = QDateEdit(to_qdate(self.today))
        self.decided_on.setCalendarPopup(True)
        self.decided_on.setDisplayFormat("yyyy-MM-dd")
        received = self.case.received_at.date()
        # Not before the petition came in, not in the future: other dates cannot be typed.
        self.decided_on.setDateRange(
            to_qdate(received),
            to_qdate(self.today),
        )
        self.case_leader = QComboBox()
        self.case_leader.addItem(NO_CHOICE, None)
        for choice in leaders:
            self.case_leader.addItem(choice.label, choice.id)
        self.note = QPlainTextEdit()
        self.note.setTabChangesFocus(True)
        self.note.setPlaceholderText("可不填")
        self.note.setFixedHeight(self.fontMetrics().lineSpacing() * 3 + 12)
        self.correction_reason = QLineEdit()
        self.correction_reason.setPlaceholderText("为什么更正（必填），原告知书作废")

    def _build_form(self, decision_line: QWidget) -> None:
        with_line = self._with_line
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(field_label("决定"), with_line(decision_line, "decision"))
        self.reason_row = with_line(self.reason, "reason")
        self.body_row = with_line(self.body, "redirect_body")
        self.correction_row = with_line(self.correction_reason, "correction_reason")
        form.addRow(field_label("理由"), self.reason_row)
        form.addRow(self.body_label, self.body_row)
        form.addRow(field_label("决定日期"), with_line(self.decided_on, "decided_on"))
        form.addRow(field_label("包案领导"), with_line(self.case_leader, "case_leader_id"))
        form.addRow(field_label("备注"), with_line(self.note, "note"))
        form.addRow(field_label("更正理由"), self.correction_row)
        form.setRowVisible(self.correction_row, self.correcting)
        self.form = form
        self.fields: dict[str, QWidget] = {
            "decision": self.accept_radio,
            "reason": self.reason,
            "redirect_body": self.body,
            "decided_on": self.decided_on,
            "case_leader_id": self.case_leader,
            "note": self.note,
            "correction_reason": self.correction_reason,
        }

    def _build_buttons(self) -> QHBoxLayout:
        """确定 / 更正, 打印告知书 (after saving), 取消; Ctrl+Enter saves, Ctrl+P prints."""
        self.general = self._message("")
        self.ok_button = QPushButton("更正" if self.correcting else "确定")
        self.ok_button.setObjectName("ok_button")
        self.ok_button.setDefault(True)
        self.ok_button.setToolTip("保存受理决定（回车或 Ctrl+Enter）")
        self.print_button = QPushButton("打印告知书 (Ctrl+P)")
        self.print_button.setObjectName("print_button")
        self.print_button.hide()
        self.close_button = QPushButton("取消")
        self.ok_button.clicked.connect(self.save)
        self.print_button.clicked.connect(self._print)
        self.close_button.clicked.connect(self.reject)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self).activated.connect(self.save)
        print_shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.Print), self)
        print_shortcut.activated.connect(self._print)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.ok_button)
        return buttons

    def _connect_fields(self) -> None:
        self.decisions.buttonToggled.connect(self._decision_changed)
        self.reason.currentIndexChanged.connect(self._decision_changed)
        self.body.textChanged.connect(lambda: self.messages["redirect_body"].clear_message())
        self.reason.currentIndexChanged.connect(lambda: self.messages["reason"].clear_message())
        self.correction_reason.textChanged.connect(
            lambda: self.messages["correction_reason"].clear_message()
        )
        self.decisions.buttonToggled.connect(lambda: self.messages["decision"].clear_message())

    def radio_for(self, decision: AcceptanceDecision) -> QRadioButton:
        return {
            AcceptanceDecision.ACCEPT: self.accept_radio,
            AcceptanceDecision.REJECT: self.reject_radio,
            AcceptanceDecision.FORWARD: self.forward_radio,
        }[decision]

    # --- state ---------------------------------------------------------------------------------
    def decision(self) -> AcceptanceDecision:
        checked = self.decisions.checkedButton()
        value = checked.property("decision") if checked is not None else None
        return AcceptanceDecision(value) if value else AcceptanceDecision.ACCEPT

    def current_reason(self) -> RejectionReason | None:
        value = self.reason.currentData()
        return RejectionReason(value) if value else None

    def choose(self, decision: AcceptanceDecision, reason: RejectionReason | None = None) -> None:
        """Select a decision (and a ground) as the clerk would."""
        self.radio_for(decision).setChecked(True)
        if reason is not None:
            self.reason.setCurrentIndex(self.reason.findData(reason.value))

    def _decision_changed(self) -> None:
        decision = self.decision()
        reason = self.current_reason()
        rejecting = decision is AcceptanceDecision.REJECT
        self.form.setRowVisible(self.reason_row, rejecting)
        key: object = None
        if decision is AcceptanceDecision.FORWARD:
            show_body, label, key = True, "转送机关", AcceptanceDecision.FORWARD
        elif rejecting and reason in (RejectionReason.OTHER_BODY, RejectionReason.LITIGATION):
            show_body, label, key = True, "告知去向", reason
        else:
            show_body, label = False, "告知去向"
        self.form.setRowVisible(self.body_row, show_body)
        self.body_label.setText(label)
        self.body.setPlaceholderText(BODY_PLACEHOLDERS.get(key, ""))
        self.adjustSize()

    def collect(self) -> AcceptanceInput:
        decision = self.decision()
        reason = self.current_reason() if decision is AcceptanceDecision.REJECT else None
        body = self.body.text() if self.body_row.isVisibleTo(self) else ""
        picked = self.decided_on.date()
        return AcceptanceInput(
            decision=decision,
            decided_on=to_date(picked),
            reason=reason,
            redirect_body=body,
            note=self.note.toPlainText(),
            case_leader_id=self.case_leader.currentData(),
            version=self.case.version,
        )

    # --- saving ------------------------------------------------------------------------------------
    def is_saving(self) -> bool:
        return self.operation is not None and not self.operation.done

    def save(self) -> None:
        if self.is_saving() or self.outcome is not None:
            return
        clear_messages(self.messages)
        data = self.collect()
        db, number, actor, today = self.db, self.case.register_no, self.actor, self.today
        correcting, why = self.correcting, self.correction_reason.text()

        def work(_progress: ProgressFn) -> Result[AcceptanceOutcome]:
            if correcting:
                return acceptance.correct_acceptance(
                    db, number, data, actor=actor, correction_reason=why, today=today
                )
            return acceptance.decide_acceptance(db, number, data, actor=actor, today=today)

        self.ok_button.setEnabled(False)
        self.operation = run_write(
            self,
            work,
            topics=(CASES,),
            on_success=self._saved,
            on_refused=self._saved,
            label="正在保存…",
        )
        self.operation.finished.connect(lambda: self.ok_button.setEnabled(self.outcome is None))

    def _saved(self, result: Result[AcceptanceOutcome]) -> None:
        if not result.ok or result.value is None:
            self.show_errors(result.errors)
            return
        self.outcome = result.value
        for widget in self.fields.values():
            widget.setEnabled(False)
        for radio in (self.accept_radio, self.reject_radio, self.forward_radio):
            radio.setEnabled(False)
        self.general.set_ok(f"✓ {result.message}")
        self.ok_button.hide()
        self.print_button.show()
        self.print_button.setDefault(True)
        self.print_button.setFocus()
        self.close_button.setText("关闭")
        self.decided.emit(result.value)

    def show_errors(self, errors: dict[str, str]) -> None:
        show_errors(self.messages, self.fields, errors, visible_in=self)
        self.adjustSize()

    def _print(self) -> None:
        if self.outcome is None:
            return
        self.print_requested.emit(self.case.register_no, NOTICE_TITLES[self.outcome.decision])
        self.accept()
