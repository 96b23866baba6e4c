"""交办/转送…: refer an accepted case to a lead unit (主办) and co-handlers (协办).

The clerk chooses the case (those awaiting a referral are listed: 已受理 and 待重新交办),
the units, the kind (交办 to a department / 转送 to another body; by default from the
lead unit), the leader's instruction (领导批示) and who gave it, the case-owning leader
(包案领导, preset from :func:`services.referrals.default_case_leader` with the reason),
the deadline rule with the due date it gives (live, from
:func:`services.referrals.deadline_preview`) and the report-back requirement. A due date
resting on a year whose holidays are not entered is an estimate: a check box to
acknowledge it appears. The service's messages stand under their fields (the keys of
``Result.errors`` are :class:`ReferInput` field names).
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QWidget,
)

from petitiondesk.core.enums import CaseStatus, ReferralKind
from petitiondesk.core.identity import Actor
from petitiondesk.services import cases, deadline_rules, referrals
from petitiondesk.services.cases import SearchQuery
from petitiondesk.services.printouts import responsible_units
from petitiondesk.services.referrals import ReferInput
from petitiondesk.store.db import Database

from ..operations import Operation
from ..signals import CASES, REFERRALS
from ..widgets.dates import to_date, to_qdate
from ..widgets.form_dialog import NO_CHOICE, WARN_STYLE, FormDialog

DEFAULT_RULE = "dept_reply"
#: How many cases awaiting a referral the case list offers.
CASE_LIMIT = 200
KIND_AUTO = "按主办单位（科室交办，外单位转送）"


def awaiting_referral(db: Database) -> list[tuple[str, str, int | None]]:
    """(register number, line, the case's version) of the cases awaiting a referral,
    待重新交办 first."""
    out: list[tuple[str, str, int | None]] = []
    for status in (CaseStatus.REREFER, CaseStatus.ACCEPTED):
        for row in cases.search_cases(db, SearchQuery(status=status), limit=CASE_LIMIT):
            summary = " ".join(row.summary.split())[:24]
            mark = "【待重新交办】" if status is CaseStatus.REREFER else ""
            line = f"{row.register_no} {mark}{row.category} {summary}"
            out.append((row.register_no, line, row.version))
    return out


class ReferDialog(FormDialog):
    """交办/转送 one case; ``register_no`` preselects it (it is added if not listed)."""

    def __init__(
        self,
        db: Database,
        *,
        actor: Actor,
        today: date,
        register_no: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__("交办/转送", parent)
        self.db, self.actor, self.today = db, actor, today
        self.preview: referrals.DeadlinePreview | None = None
        #: The listed cases' versions (issue 14: a case changed meanwhile is refused).
        self.versions: dict[str, int | None] = {}
        self._build_fields()
        self.add_save_cancel("交办")
        self.lay_out(buttons=(self.save_button, self.cancel_button), width=620)
        self._fill(register_no)
        self.case.currentIndexChanged.connect(self._case_changed)
        self.rule.currentIndexChanged.connect(self.update_preview)
        self.referred_on.dateChanged.connect(self.update_preview)
        self._case_changed()
        self.update_preview()

    def _build_fields(self) -> None:
        self.case = QComboBox()
        self.case.setEditable(True)
        self.case.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.case.setMinimumContentsLength(40)
        self.referred_on = QDateEdit(to_qdate(self.today))
        self.referred_on.setCalendarPopup(True)
        self.referred_on.setDisplayFormat("yyyy-MM-dd")
        self.lead_unit = QComboBox()
        self.co_units = QListWidget()
        self.co_units.setMaximumHeight(110)
        self.kind = QComboBox()
        self.kind.addItem(KIND_AUTO, None)
        for kind in ReferralKind:
            self.kind.addItem(kind.label, kind)
        self.instruction = QPlainTextEdit()
        self.instruction.setPlaceholderText("领导阅后的批示原文（可不填）")
        self.instruction.setMaximumHeight(70)
        self.instructing_leader = QComboBox()
        self.case_leader = QComboBox()
        self.leader_why = QLabel()
        self.leader_why.setStyleSheet("color: #666;")
        self.rule = QComboBox()
        self.deadline_text = QLabel()
        self.deadline_text.setWordWrap(True)
        self.acknowledge = QCheckBox("该期限为推算日期，已知悉，仍按此期限交办")
        self.acknowledge.setStyleSheet(WARN_STYLE)
        self.acknowledge.hide()
        self.requirement = QLineEdit()
        self.requirement.setPlaceholderText("如：办结后书面报送办理结果及答复意见书")
        self.add_field("case", "信访事项", self.case)
        self.add_field("referred_on", "交办日期", self.referred_on)
        self.add_field("lead_unit_id", "主办单位", self.lead_unit)
        self.add_field("co_unit_ids", "协办单位", self.co_units)
        self.add_field("kind", "方式", self.kind)
        self.add_field("leader_instruction", "领导批示", self.instruction)
        self.add_field("instructing_leader_id", "批示领导", self.instructing_leader)
        self.add_field("case_leader_id", "包案领导", self.case_leader)
        self.form.addRow("", self.leader_why)
        self.add_field("rule_code", "期限规则", self.rule)
        self.form.addRow("", self.deadline_text)
        self.add_field("acknowledge_estimate", "", self.acknowledge)
        self.add_field("report_requirement", "报结要求", self.requirement)

    def _fill(self, register_no: str | None) -> None:
        for number, line, version in awaiting_referral(self.db):
            self.case.addItem(line, number)
            self.versions[number] = version
        if register_no:
            index = self.case.findData(register_no)
            if index < 0:
                self.case.insertItem(0, register_no, register_no)
                index = 0
            self.case.setCurrentIndex(index)
        for unit in responsible_units(self.db):
            self.lead_unit.addItem(unit.label, unit.id)
            item = QListWidgetItem(unit.label)
            item.setData(Qt.ItemDataRole.UserRole, unit.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.co_units.addItem(item)
        ref = cases.reference_data(self.db)
        for combo in (self.instructing_leader, self.case_leader):
            combo.addItem(NO_CHOICE, None)
            for leader in ref.leaders:
                combo.addItem(leader.label, leader.id)
        for rule in deadline_rules.list_deadline_rules(self.db, include_inactive=False):
            self.rule.addItem(f"{rule.name}（{rule.label}）", rule.code)
        self.rule.setCurrentIndex(max(self.rule.findData(DEFAULT_RULE), 0))

    # --- live parts --------------------------------------------------------------------------
    def register_no(self) -> str:
        """The chosen case (or what the clerk typed into the case box)."""
        data = self.case.currentData()
        text = self.case.currentText().strip()
        if data is not None and self.case.itemText(self.case.currentIndex()) == text:
            return str(data)
        return text.split(" ")[0] if text else ""

    def _case_changed(self) -> None:
        """Preset the 包案领导 of the chosen case, with why."""
        number = self.register_no()
        choice = referrals.default_case_leader(self.db, number) if number else None
        if choice is None:
            self.case_leader.setCurrentIndex(0)
            self.leader_why.setText("未找到默认包案领导，可不指定")
            return
        self.case_leader.setCurrentIndex(max(self.case_leader.findData(choice.leader_id), 0))
        self.leader_why.setText(f"默认：{choice.name}（{choice.why}）")

    def update_preview(self) -> None:
        """The due date the chosen rule gives, as text; the acknowledgement if estimated."""
        code = self.rule.currentData()
        self.preview = None
        if code is None:
            self.deadline_text.setText("没有可用的期限规则")
            self.acknowledge.hide()
            return
        result = referrals.deadline_preview(self.db, to_date(self.referred_on.date()), str(code))
        self.preview = result.value
        if self.preview is None:
            self.deadline_text.setText(result.message)
            self.acknowledge.hide()
            return
        text = f"办理期限：{self.preview.text}"
        if self.preview.estimate:
            text += f"\n（推算：{self.preview.estimate_reason}）"
        self.deadline_text.setText(text)
        self.deadline_text.setStyleSheet(WARN_STYLE if self.preview.estimate else "")
        self.acknowledge.setVisible(self.preview.estimate)
        if not self.preview.estimate:
            self.acknowledge.setChecked(False)

    def checked_co_units(self) -> tuple[int, ...]:
        out = []
        for row in range(self.co_units.count()):
            item = self.co_units.item(row)
            if item.checkState() == Qt.CheckState.Checked:
                out.append(int(item.data(Qt.ItemDataRole.UserRole)))
        return tuple(out)

    def check_co_unit(self, unit_id: int, checked: bool = True) -> None:
        for row in range(self.co_units.count()):
            item = self.co_units.item(row)
            if item.data(Qt.ItemDataRole.UserRole) == unit_id:
                state = Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
                item.setCheckState(state)

    # --- saving ------------------------------------------------------------------------------
    def input(self) -> ReferInput | None:
        number, lead = self.register_no(), self.lead_unit.currentData()
        errors = {}
        if not number:
            errors["case"] = "请选择或输入要交办的事项登记号"
        if lead is None:
            errors["lead_unit_id"] = "请选择主办单位（可在设置中添加单位）"
        if self.rule.currentData() is None:
            errors["rule_code"] = "请选择期限规则"
        if errors:
            self.show_errors(errors)
            return None
        return ReferInput(
            lead_unit_id=int(lead),
            referred_on=to_date(self.referred_on.date()),
            rule_code=str(self.rule.currentData()),
            co_unit_ids=self.checked_co_units(),
            kind=ReferralKind(kind) if (kind := self.kind.currentData()) else None,
            leader_instruction=self.instruction.toPlainText(),
            instructing_leader_id=self.instructing_leader.currentData(),
            case_leader_id=self.case_leader.currentData(),
            report_requirement=self.requirement.text(),
            acknowledge_estimate=not self.acknowledge.isHidden() and self.acknowledge.isChecked(),
            version=self.versions.get(number),
        )

    def submit(self) -> Operation | None:
        data = self.input()
        if data is None:
            return None
        db, actor, today, number = self.db, self.actor, self.today, self.register_no()
        return self.write(
            lambda: referrals.refer_case(db, number, data, actor=actor, today=today),
            topics=(REFERRALS, CASES),
        )
