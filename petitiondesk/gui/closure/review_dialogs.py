"""The 办结 tab's dialogs from closing on: 办结, 撤销办结, 存档销案, 复查/复核申请, 听证,
复查/复核意见."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QCheckBox, QComboBox, QLabel, QWidget

from petitiondesk.core.enums import ReviewLevel, ReviewOutcome
from petitiondesk.core.identity import Actor
from petitiondesk.services import closure
from petitiondesk.store.db import Database

from ..widgets.form_dialog import WARN_STYLE
from .fields import Call, ClosureDialog, day_of, enum_combo


class CloseDialog(ClosureDialog):
    """办结: shows what is missing (the service refuses with the same list)."""

    def __init__(
        self, db: Database, register_no: str, *, actor: Actor, today: date,
        parent: QWidget | None = None,
    ) -> None:  # fmt: skip
        super().__init__("办结", db, register_no, actor=actor, today=today, parent=parent)
        self.closed_on = self.date("closed_on", "办结日期")
        missing = closure.closing_check(db, register_no)
        self.missing = QLabel("尚缺：\n" + "\n".join(f"· {m}" for m in missing) if missing else "")
        self.missing.setStyleSheet(WARN_STYLE)
        self.missing.setVisible(bool(missing))
        self.add_save_cancel("办结")
        self.lay_out(self.missing, buttons=(self.save_button, self.cancel_button))

    def call(self) -> Call:
        day = day_of(self.closed_on)
        db, no, actor, today = self.db, self.register_no, self.actor, self.today
        version = self.loaded_version
        return lambda: closure.close_case(
            db, no, closed_on=day, actor=actor, today=today, version=version
        )


class ReopenDialog(ClosureDialog):
    """撤销办结: a wrongly closed case goes back to 待办结, with the reason (audited)."""

    def __init__(
        self, db: Database, register_no: str, *, actor: Actor, today: date,
        parent: QWidget | None = None,
    ) -> None:  # fmt: skip
        super().__init__("撤销办结", db, register_no, actor=actor, today=today, parent=parent)
        self.reason = self.box("reason", "理由")
        self.reopened_on = self.date("reopened_on", "撤销日期")
        self.finish_layout("撤销办结", "事项回到待办结；理由记入操作日志。")

    def call(self) -> Call:
        reason, day = self.reason.toPlainText(), day_of(self.reopened_on)
        db, no, actor, today = self.db, self.register_no, self.actor, self.today
        version = self.loaded_version
        return lambda: closure.reopen_case(
            db, no, reason=reason, reopened_on=day, actor=actor, today=today, version=version
        )


class ArchiveDialog(ClosureDialog):
    """存档销案: once every supervision slip is back."""

    def __init__(
        self, db: Database, register_no: str, *, actor: Actor, today: date,
        parent: QWidget | None = None,
    ) -> None:  # fmt: skip
        super().__init__("存档销案", db, register_no, actor=actor, today=today, parent=parent)
        self.archived_on = self.date("archived_on", "存档日期")
        self.finish_layout("存档销案", "督办单须已全部回复。")

    def call(self) -> Call:
        day = day_of(self.archived_on)
        db, no, actor, today = self.db, self.register_no, self.actor, self.today
        version = self.loaded_version
        return lambda: closure.archive_case(
            db, no, archived_on=day, actor=actor, today=today, version=version
        )


class ReviewRequestDialog(ClosureDialog):
    """复查/复核申请: the level the open window allows, date, body, who reviews."""

    def __init__(
        self, db: Database, register_no: str, *, actor: Actor, today: date,
        parent: QWidget | None = None,
    ) -> None:  # fmt: skip
        super().__init__("复查/复核申请", db, register_no, actor=actor, today=today, parent=parent)
        self.case_version = closure.case_version(db, register_no)
        window = closure.review_window(db, register_no)
        self.level = enum_combo(ReviewLevel, window.level if window else None)
        self.add_field("level", "申请", self.level)
        self.requested_on = self.date("requested_on", "申请日期")
        self.body = self.line("body", "复查/复核机关", placeholder="留空：按设置中的机关")
        self.office_reviews = QCheckBox("由本机关办理（不勾选：仅记录信访人向其他机关提出）")
        self.office_reviews.setChecked(True)
        self.add_field("office_reviews", "", self.office_reviews)
        intro = (
            f"信访人于 {window.received_on} 收到，{window.level.label}申请期限至 {window.last_day}。"
            if window
            else "该事项当前没有开放的申请期限。"
        )
        self.finish_layout("登记申请", intro)

    def call(self) -> Call:
        data = closure.ReviewInput(
            self.level.current(),
            day_of(self.requested_on),
            body=self.body.text(),
            office_reviews=self.office_reviews.isChecked(),
            version=self.case_version,
        )
        db, no, actor, today = self.db, self.register_no, self.actor, self.today
        return lambda: closure.request_review(db, no, data, actor=actor, today=today)


class _ReviewStepDialog(ClosureDialog):
    """A write about the pending review ``review`` of the case."""

    def __init__(
        self, title: str, db: Database, review: closure.ReviewView, *, actor: Actor, today: date,
        parent: QWidget | None = None,
    ) -> None:  # fmt: skip
        super().__init__(
            f"{review.level.label}{title}", db, review.register_no, actor=actor, today=today,
            parent=parent,
        )  # fmt: skip
        self.review = review
        # Review rows carry no version: the case's version stands for them (issue 14).
        self.case_version = closure.case_version(db, review.register_no)


class HearingDialog(_ReviewStepDialog):
    """听证: the clock stops between its start and end dates."""

    def __init__(
        self, db: Database, review: closure.ReviewView, *, actor: Actor, today: date,
        parent: QWidget | None = None,
    ) -> None:  # fmt: skip
        super().__init__("听证", db, review, actor=actor, today=today, parent=parent)
        self.start = self.date("start", "听证开始", review.hearing_start)
        self.end = self.date("end", "听证结束", review.hearing_end)
        self.finish_layout("保存听证", "听证期间不计入办理期限。")

    def call(self) -> Call:
        start, end = day_of(self.start), day_of(self.end)
        db, rid, actor, today = self.db, self.review.review_id, self.actor, self.today
        version = self.case_version
        return lambda: closure.record_hearing(
            db, rid, start=start, end=end, actor=actor, today=today, version=version
        )


class DecisionDialog(_ReviewStepDialog):
    """复查/复核意见: outcome, text, date, number, and when the petitioner received it."""

    def __init__(
        self, db: Database, review: closure.ReviewView, *, actor: Actor, today: date,
        parent: QWidget | None = None,
    ) -> None:  # fmt: skip
        super().__init__("意见", db, review, actor=actor, today=today, parent=parent)
        self.outcome = enum_combo(ReviewOutcome, empty="请选择")
        self.add_field("outcome", "决定", self.outcome)
        self.text = self.box("text", "意见内容")
        self.decided_on = self.date("decided_on", "决定日期")
        self.decision_no = self.line("decision_no", "文号", placeholder="留空：本机关自动编号")
        self.received = QComboBox()
        self.received.addItems(["尚未收到", "已收到"])
        self.add_field("received", "信访人收到", self.received)
        self.received_on = self.date("received_on", "收到日期")
        self.received_on.setEnabled(False)
        self.received.currentIndexChanged.connect(lambda i: self.received_on.setEnabled(i == 1))
        final = review.level is ReviewLevel.RE_REVIEW
        self.finish_layout(
            "保存意见", "复核意见作出后，该事项复核终结，不再受理。" if final else ""
        )

    def call(self) -> Call:
        data = closure.ReviewDecisionInput(
            self.outcome.current(),
            self.text.toPlainText(),
            day_of(self.decided_on),
            decision_no=self.decision_no.text(),
            received_on=day_of(self.received_on) if self.received_on.isEnabled() else None,
            version=self.case_version,
        )
        db, rid, actor, today = self.db, self.review.review_id, self.actor, self.today
        return lambda: closure.decide_review(db, rid, data, actor=actor, today=today)


class DecisionReceiptDialog(_ReviewStepDialog):
    """收到日期 of a 复查/复核 decision (the 复核 window runs from it)."""

    def __init__(
        self, db: Database, review: closure.ReviewView, *, actor: Actor, today: date,
        parent: QWidget | None = None,
    ) -> None:  # fmt: skip
        super().__init__("意见收到日期", db, review, actor=actor, today=today, parent=parent)
        self.received_on = self.date("received_on", "收到日期")
        self.finish_layout("保存", "复核申请期限自信访人收到复查意见之日起计算。")

    def call(self) -> Call:
        day = day_of(self.received_on)
        db, rid, actor, today = self.db, self.review.review_id, self.actor, self.today
        version = self.case_version
        return lambda: closure.record_decision_receipt(
            db, rid, day, actor=actor, today=today, version=version
        )
