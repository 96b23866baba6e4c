"""The 办结 tab's dialogs up to closing: 办结报告, 处理意见书, 送达, 满意度 (and the
later receipt date of a mailed opinion)."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QComboBox, QSpinBox, QWidget

from petitiondesk.core.enums import DeliveryMethod, OpinionDecision, Satisfaction, SurveyMethod
from petitiondesk.core.identity import Actor
from petitiondesk.services import closure
from petitiondesk.services.printouts.cards import responsible_units
from petitiondesk.store.db import Database

from ..widgets.form_dialog import NO_CHOICE
from .fields import Call, ClosureDialog, day_of, enum_combo


class ReportDialog(ClosureDialog):
    """办结报告: the unit's completion report, prefilled from the report-back."""

    def __init__(
        self, db: Database, register_no: str, *, actor: Actor, today: date,
        parent: QWidget | None = None,
    ) -> None:  # fmt: skip
        super().__init__("办结报告", db, register_no, actor=actor, today=today, parent=parent)
        draft = closure.completion_report_draft(db, register_no) or closure.CompletionReportInput(
            None, today, ""
        )
        self.unit = unit_combo(db, draft.department_id)
        self.add_field("department_id", "承办单位", self.unit)
        self.doc_no = self.line("doc_no", "文号", draft.doc_no, "如：青住建〔2026〕8号")
        self.investigation = self.box("investigation", "调查核实情况", draft.investigation)
        self.handling = self.box("handling", "处理情况", draft.handling)
        self.signer = self.line("signer", "签发人", draft.signer)
        self.report_date = self.date("report_date", "报告日期", draft.report_date)
        self.finish_layout("保存办结报告")

    def call(self) -> Call:
        data = closure.CompletionReportInput(
            department_id=self.unit.currentData(),
            report_date=day_of(self.report_date),
            handling=self.handling.toPlainText(),
            investigation=self.investigation.toPlainText(),
            doc_no=self.doc_no.text(),
            signer=self.signer.text(),
        )
        db, no, actor, today = self.db, self.register_no, self.actor, self.today
        version = self.loaded_version
        return lambda: closure.record_completion_report(
            db, no, data, actor=actor, today=today, version=version
        )


def unit_combo(db: Database, current: int | None) -> QComboBox:
    """The unit combo (departments and outside units), ``current`` selected."""
    combo = QComboBox()
    combo.addItem(NO_CHOICE, None)
    for unit in responsible_units(db):
        combo.addItem(unit.label, unit.id)
        if unit.id == current:
            combo.setCurrentIndex(combo.count() - 1)
    return combo


class OpinionDialog(ClosureDialog):
    """信访处理意见书: drafted from the case and the report; the clerk edits each part."""

    def __init__(
        self, db: Database, register_no: str, *, actor: Actor, today: date,
        parent: QWidget | None = None,
    ) -> None:  # fmt: skip
        super().__init__("处理意见书", db, register_no, actor=actor, today=today, parent=parent)
        draft = closure.draft_opinion(db, register_no, today=today)
        assert draft is not None
        self.request = self.box("request", "信访请求", draft.request)
        self.facts = self.box("facts", "查明的事实", draft.facts)
        self.decision = enum_combo(OpinionDecision, draft.decision, empty="请选择")
        self.add_field("decision", "处理意见", self.decision)
        self.decision_text = self.box("decision_text", "意见内容", draft.decision_text)
        self.basis = self.line("basis", "依据", draft.basis)
        self.opinion_date = self.date("opinion_date", "意见书日期", draft.opinion_date)
        self.review_body = self.line("review_body", "复查机关", draft.review_body)
        self.review_days = QSpinBox()
        self.review_days.setRange(1, 365)
        self.review_days.setValue(draft.review_days)
        self.review_days.setSuffix(" 日")
        self.add_field("review_days", "申请复查期限", self.review_days)
        self.review_route = self.box("review_route", "申请复查的途径", draft.review_route)
        self.finish_layout("保存意见书", "保存时编文号；之后仍可修改内容。", width=620)

    def call(self) -> Call:
        data = closure.OpinionInput(
            request=self.request.toPlainText(),
            facts=self.facts.toPlainText(),
            decision=self.decision.current(),
            decision_text=self.decision_text.toPlainText(),
            basis=self.basis.text(),
            opinion_date=day_of(self.opinion_date),
            review_body=self.review_body.text(),
            review_days=self.review_days.value(),
            review_route=self.review_route.toPlainText(),
        )
        db, no, actor, today = self.db, self.register_no, self.actor, self.today
        version = self.loaded_version
        return lambda: closure.save_opinion(db, no, data, actor=actor, today=today, version=version)


class DeliveryDialog(ClosureDialog):
    """送达: in person (signature, date), registered mail (tracking number, posting
    date; the receipt date may come later) or another recorded method."""

    def __init__(
        self, db: Database, register_no: str, *, actor: Actor, today: date,
        parent: QWidget | None = None,
    ) -> None:  # fmt: skip
        super().__init__("送达", db, register_no, actor=actor, today=today, parent=parent)
        self.method = enum_combo(DeliveryMethod)
        self.add_field("method", "送达方式", self.method)
        self.handed_on = self.date("handed_on", "签收/邮寄日期")
        self.signer = self.line("signer", "签收人", placeholder="当面送达：签收人姓名")
        self.tracking_no = self.line("tracking_no", "挂号单号", placeholder="挂号邮寄：邮件号")
        self.note = self.line("note", "送达说明", placeholder="其他方式：如何送达")
        self.received = enum_combo((), empty="尚未收到")
        self.received.addItem("已收到", True)
        self.add_field("received", "信访人收到", self.received)
        self.received_on = self.date("received_on", "收到日期")
        self.method.currentIndexChanged.connect(self._method_changed)
        self.received.currentIndexChanged.connect(self._method_changed)
        self.finish_layout("保存送达", "信访人收到意见书之日起计算复查申请期限。")
        self._method_changed()

    def _method_changed(self) -> None:
        method = self.method.current()
        in_person = method is DeliveryMethod.IN_PERSON
        self.signer.setEnabled(in_person)
        self.tracking_no.setEnabled(method is DeliveryMethod.REGISTERED_MAIL)
        self.note.setEnabled(method is DeliveryMethod.OTHER)
        self.received.setEnabled(not in_person)
        self.received_on.setEnabled(not in_person and bool(self.received.currentData()))

    def call(self) -> Call:
        method: DeliveryMethod = self.method.current()
        received = self.received_on.isEnabled()
        data = closure.DeliveryInput(
            method=method,
            handed_on=day_of(self.handed_on),
            signer=self.signer.text() if method is DeliveryMethod.IN_PERSON else "",
            tracking_no=self.tracking_no.text() if method is DeliveryMethod.REGISTERED_MAIL else "",
            note=self.note.text() if method is DeliveryMethod.OTHER else "",
            received_on=day_of(self.received_on) if received else None,
        )
        db, no, actor, today = self.db, self.register_no, self.actor, self.today
        version = self.loaded_version
        return lambda: closure.record_delivery(
            db, no, data, actor=actor, today=today, version=version
        )


class ReceiptDialog(ClosureDialog):
    """收到日期: when the petitioner received the mailed opinion (starts the window)."""

    def __init__(
        self, db: Database, register_no: str, *, actor: Actor, today: date,
        parent: QWidget | None = None,
    ) -> None:  # fmt: skip
        super().__init__("登记收到日期", db, register_no, actor=actor, today=today, parent=parent)
        self.received_on = self.date("received_on", "收到日期")
        self.finish_layout("保存", "信访人收到意见书之日起计算复查申请期限。")

    def call(self) -> Call:
        day = day_of(self.received_on)
        db, no, actor, today = self.db, self.register_no, self.actor, self.today
        version = self.loaded_version
        return lambda: closure.record_receipt(
            db, no, day, actor=actor, today=today, version=version
        )


class SatisfactionDialog(ClosureDialog):
    """满意度: 满意 / 基本满意 / 不满意, how it was asked, when."""

    def __init__(
        self, db: Database, register_no: str, *, actor: Actor, today: date,
        parent: QWidget | None = None,
    ) -> None:  # fmt: skip
        super().__init__("满意度评价", db, register_no, actor=actor, today=today, parent=parent)
        levels = [s for s in Satisfaction if s is not Satisfaction.NOT_ASKED]
        self.level = enum_combo(levels)
        self.add_field("level", "评价", self.level)
        self.method = enum_combo(SurveyMethod)
        self.add_field("method", "回访方式", self.method)
        self.asked_on = self.date("asked_on", "回访日期")
        self.finish_layout("保存评价")

    def call(self) -> Call:
        data = closure.SatisfactionInput(
            self.level.current(), self.method.current(), day_of(self.asked_on)
        )
        db, no, actor, today = self.db, self.register_no, self.actor, self.today
        version = self.loaded_version
        return lambda: closure.record_satisfaction(
            db, no, data, actor=actor, today=today, version=version
        )
