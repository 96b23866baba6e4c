"""Dialogs about one referral of the board: 签收, 回退, 办理结果, 延期, 催办 (交办/转送 is in
:mod:`.refer_dialog`, 督办单 and 回执 in :mod:`.supervision_dialog`).

Each shows the referral it concerns, collects what the clerk typed, calls one service off
the UI thread (:meth:`FormDialog.write`) and shows the service's messages under their
fields; on success it emits ``saved(result)`` and closes. A late objection (回退 after
the 5-working-day window) is recorded and the tab shows the warning.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)

from petitiondesk.core.enums import UrgeMethod
from petitiondesk.core.identity import Actor
from petitiondesk.core.referral_rules import MAX_EXTENSION_DAYS, extension_problem
from petitiondesk.services import referrals
from petitiondesk.services.calendar import due_by_days
from petitiondesk.services.referrals import ExtensionInput, ReferralView, ReportInput, UnitState
from petitiondesk.store.db import Database

from ..operations import Operation
from ..signals import CASES, REFERRALS
from ..widgets.dates import to_date, to_qdate
from ..widgets.form_dialog import WARN_STYLE, FormDialog


def date_edit(day: date) -> QDateEdit:
    edit = QDateEdit(to_qdate(day))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    return edit


def referral_heading(view: ReferralView) -> QLabel:
    """``交〔2026〕3号 2026-00012 → 城关镇人民政府，期限 2026-12-20``."""
    units = "、".join(u.name if u.lead else f"{u.name}（协办）" for u in view.units)
    label = QLabel(
        f"{view.kind.label} {view.referral_no}　事项 {view.register_no}\n"
        f"承办单位：{units}　办理期限：{view.due_date.isoformat()}"
    )
    label.setWordWrap(True)
    label.setStyleSheet("font-weight: bold;")
    return label


class ReferralDialog(FormDialog):
    """A dialog about one referral: its heading, a date, and (optionally) which unit."""

    #: The window title.
    heading = ""

    def __init__(
        self,
        db: Database,
        view: ReferralView,
        *,
        actor: Actor,
        today: date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(self.heading, parent)
        self.db, self.view, self.actor, self.today = db, view, actor, today
        self.unit = QComboBox()
        for u in self.units():
            self.unit.addItem(u.name if u.lead else f"{u.name}（协办）", u.unit_id)
        self.build()

    def build(self) -> None:  # pragma: no cover - every dialog has its own
        raise NotImplementedError

    def units(self) -> list[UnitState]:
        """The units the dialog offers: by default those still working on it."""
        return [u for u in self.view.units if u.objected_on is None and u.reported_on is None]

    def unit_id(self) -> int | None:
        value = self.unit.currentData()
        return int(value) if value is not None else None

    def finish_layout(self, save_text: str, width: int = 520) -> None:
        self.add_save_cancel(save_text)
        self.lay_out(
            referral_heading(self.view), buttons=(self.save_button, self.cancel_button), width=width
        )
        if self.unit.count() == 0 and self.fields.get("unit_id") is self.unit:
            self.general.set_error("没有可办理此项的承办单位")
            self.save_button.setEnabled(False)

    def need_unit(self) -> int | None:
        unit_id = self.unit_id()
        if unit_id is None:
            self.show_errors({"unit_id": "请选择承办单位"})
        return unit_id


class ReceiptDialog(ReferralDialog):
    """签收…: who of the unit signed for the referral, and when."""

    heading = "签收"

    def build(self) -> None:
        self.received_on = date_edit(self.today)
        self.received_by = QLineEdit()
        self.received_by.setPlaceholderText("签收人姓名")
        self.add_field("unit_id", "签收单位", self.unit)
        self.add_field("received_on", "签收日期", self.received_on)
        self.add_field("received_by", "签收人", self.received_by)
        self.finish_layout("保存签收")

    def units(self) -> list[UnitState]:
        return [u for u in self.view.units if u.received_on is None]

    def submit(self) -> Operation | None:
        unit_id = self.need_unit()
        if unit_id is None:
            return None
        db, rid, actor, today = self.db, self.view.referral_id, self.actor, self.today
        on, by = to_date(self.received_on.date()), self.received_by.text()
        version = self.view.version
        return self.write(
            lambda: referrals.record_receipt(
                db,
                rid,
                unit_id,
                received_on=on,
                received_by=by,
                actor=actor,
                today=today,
                version=version,
            ),
            topics=(REFERRALS,),
        )


class ObjectionDialog(ReferralDialog):
    """回退…: the unit says the matter is not its own (within 5 working days)."""

    heading = "回退"

    def build(self) -> None:
        self.objected_on = date_edit(self.today)
        self.reason = QPlainTextEdit()
        self.reason.setPlaceholderText("单位认为不属于其职责范围的理由")
        self.reason.setMaximumHeight(90)
        self.add_field("unit_id", "回退单位", self.unit)
        self.add_field("objected_on", "回退日期", self.objected_on)
        self.add_field("reason", "回退理由", self.reason)
        note = QLabel(
            "主办单位回退后，该交办结束，事项回到待重新交办；超过签收后5个工作日提出的回退"
            "照常记录，但标明逾期。"
        )
        note.setWordWrap(True)
        note.setStyleSheet("color: #666;")
        self.form.addRow("", note)
        self.finish_layout("保存回退")

    def submit(self) -> Operation | None:
        unit_id = self.need_unit()
        if unit_id is None:
            return None
        db, rid, actor, today = self.db, self.view.referral_id, self.actor, self.today
        on, reason = to_date(self.objected_on.date()), self.reason.toPlainText()
        version = self.view.version
        return self.write(
            lambda: referrals.object_referral(
                db,
                rid,
                unit_id,
                objected_on=on,
                reason=reason,
                actor=actor,
                today=today,
                version=version,
            ),
            topics=(REFERRALS, CASES),
        )


class ReportDialog(ReferralDialog):
    """办理结果…: the unit's report (text, document number, date, attachment)."""

    heading = "办理结果"

    def build(self) -> None:
        self.reported_on = date_edit(self.today)
        self.text = QPlainTextEdit()
        self.text.setPlaceholderText("承办单位报送的办理结果")
        self.text.setMaximumHeight(110)
        self.doc_no = QLineEdit()
        self.doc_no.setPlaceholderText("如：青住建〔2026〕8号（可不填）")
        self.attachment = QLineEdit()
        self.attachment.setPlaceholderText("扫描件的位置（可不填）")
        self.add_field("unit_id", "报送单位", self.unit)
        self.add_field("reported_on", "报送日期", self.reported_on)
        self.add_field("text", "办理结果", self.text)
        self.add_field("doc_no", "文号", self.doc_no)
        self.add_field("attachment_path", "附件", self.attachment)
        self.finish_layout("保存办理结果", width=580)

    def submit(self) -> Operation | None:
        unit_id = self.need_unit()
        if unit_id is None:
            return None
        db, rid, actor, today = self.db, self.view.referral_id, self.actor, self.today
        data = ReportInput(
            text=self.text.toPlainText(),
            reported_on=to_date(self.reported_on.date()),
            doc_no=self.doc_no.text(),
            attachment_path=self.attachment.text(),
            version=self.view.version,
        )
        return self.write(
            lambda: referrals.report_back(db, rid, unit_id, data, actor=actor, today=today),
            topics=(REFERRALS, CASES),
        )


class ExtensionDialog(ReferralDialog):
    """延期…: reason, approver, days (at most 30 in all), the new due date live."""

    heading = "延期"

    def build(self) -> None:
        self.reason = QPlainTextEdit()
        self.reason.setPlaceholderText("延期理由（情况复杂，需要进一步调查核实等）")
        self.reason.setMaximumHeight(80)
        self.approved_by = QLineEdit()
        self.approved_by.setPlaceholderText("批准延期的领导")
        self.approved_on = date_edit(self.today)
        self.days = QSpinBox()
        self.days.setRange(1, 99)
        self.days.setValue(max(1, MAX_EXTENSION_DAYS - self.view.extension_days))
        self.days.setSuffix(" 日")
        self.new_due = QLabel()
        self.new_due.setWordWrap(True)
        self.add_field("reason", "延期理由", self.reason)
        self.add_field("approved_by", "批准人", self.approved_by)
        self.add_field("approved_on", "批准日期", self.approved_on)
        self.add_field("days", "延长天数", self.days)
        self.form.addRow("", self.new_due)
        self.days.valueChanged.connect(self.update_new_due)
        self.finish_layout("保存延期")
        self.update_new_due()

    def update_new_due(self) -> None:
        """原期限 → 新期限, or why the days are refused (Art. 34: 30 days in all)."""
        days = self.days.value()
        problem = extension_problem(days, self.view.extension_days)
        if problem:
            self.new_due.setText(problem)
            self.new_due.setStyleSheet("color: #c62828;")
            return
        due = due_by_days(self.db, self.view.due_date, days, workdays=False)
        mark = "（估算）" if not due.covered else ""
        self.new_due.setText(
            f"原期限 {self.view.due_date.isoformat()} → 新期限 {due.due.isoformat()}{mark}"
        )
        self.new_due.setStyleSheet(WARN_STYLE if mark else "")

    def submit(self) -> Operation | None:
        db, rid, actor, today = self.db, self.view.referral_id, self.actor, self.today
        data = ExtensionInput(
            reason=self.reason.toPlainText(),
            approved_by=self.approved_by.text(),
            approved_on=to_date(self.approved_on.date()),
            days=self.days.value(),
            version=self.view.version,
        )
        return self.write(
            lambda: referrals.extend_referral(db, rid, data, actor=actor, today=today),
            topics=(REFERRALS,),
        )


class UrgeDialog(ReferralDialog):
    """催办…: method and a note; Enter saves (one click)."""

    heading = "催办"

    def build(self) -> None:
        self.method = QComboBox()
        for method in UrgeMethod:
            self.method.addItem(method.label, method)
        self.note = QLineEdit()
        self.note.setPlaceholderText("如：电话联系王科长，答应本周内报送（可不填）")
        self.add_field("method", "催办方式", self.method)
        self.add_field("note", "说明", self.note)
        self.finish_layout("记录催办")

    def submit(self) -> Operation | None:
        db, rid, actor, today = self.db, self.view.referral_id, self.actor, self.today
        method, note = UrgeMethod(self.method.currentData()), self.note.text()
        version = self.view.version
        return self.write(
            lambda: referrals.urge_referral(
                db,
                rid,
                urged_on=today,
                method=method,
                note=note,
                actor=actor,
                today=today,
                version=version,
            ),
            topics=(REFERRALS,),
        )
