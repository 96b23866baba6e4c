"""督办单… (八单督办: one slip, up to eight recipients) and 回执… (each copy returned).

:class:`SupervisionDialog`: what is supervised, the leader's decision, the issue date, an
optional new due date, and the recipients — one line per role of
:func:`services.referrals.available_supervision_roles` with a check box and the person's
name (for 责任单位 the unit); a ninth check is refused on the spot with the rule.
:class:`SlipReturnDialog`: the copies of one slip, a check box each; the newly checked
ones are recorded as returned on the chosen day.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from petitiondesk.core.enums import SupervisionRole
from petitiondesk.core.identity import Actor
from petitiondesk.core.referral_rules import MAX_SUPERVISION_RECIPIENTS, recipient_count_problem
from petitiondesk.services import referrals
from petitiondesk.services.printouts import responsible_units
from petitiondesk.services.referrals import (
    RecipientInput,
    ReferralView,
    SupervisionInput,
    SupervisionView,
)
from petitiondesk.services.result import Result
from petitiondesk.store.db import Database

from ..operations import Operation
from ..signals import REFERRALS
from ..widgets.dates import to_date
from ..widgets.form_dialog import FormDialog
from .dialogs import date_edit, referral_heading


class RecipientLine:
    """One role: its check box, the person's name, and for 责任单位 the unit."""

    def __init__(self, role: str, units: list[tuple[str, int]], lead_unit_id: int) -> None:
        self.role = role
        self.check = QCheckBox(role)
        self.name = QLineEdit()
        self.name.setPlaceholderText("姓名（可不填）")
        self.unit: QComboBox | None = None
        if role == SupervisionRole.RESPONSIBLE_UNIT.label:
            self.unit = QComboBox()
            for name, unit_id in units:
                self.unit.addItem(name, unit_id)
            self.unit.setCurrentIndex(max(self.unit.findData(lead_unit_id), 0))

    def input(self) -> RecipientInput:
        unit = self.unit.currentData() if self.unit is not None else None
        return RecipientInput(self.role, self.name.text(), unit)


class SupervisionDialog(FormDialog):
    """督办单… for the case of ``view`` (naming that referral)."""

    def __init__(
        self,
        db: Database,
        view: ReferralView,
        *,
        actor: Actor,
        today: date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__("督办单", parent)
        self.db, self.view, self.actor, self.today = db, view, actor, today
        self.subject = QLineEdit(f"督促{view.lead.name}办理{view.register_no}号信访事项")
        self.decision = QPlainTextEdit()
        self.decision.setPlaceholderText("领导意见（可不填）")
        self.decision.setMaximumHeight(70)
        self.issued_on = date_edit(today)
        self.set_new_due = QCheckBox("另定办理期限")
        self.new_due = date_edit(view.due_date)
        self.new_due.setEnabled(False)
        self.set_new_due.toggled.connect(self.new_due.setEnabled)
        self.add_field("subject", "督办事项", self.subject)
        self.add_field("leader_decision", "领导意见", self.decision)
        self.add_field("issued_on", "督办日期", self.issued_on)
        self.add_field("new_due", "新的期限", self.new_due)
        self.form.addRow("", self.set_new_due)
        self.add_field("recipients", "督办对象", self._build_recipients())
        self.add_save_cancel("开具督办单")
        self.lay_out(
            referral_heading(view), buttons=(self.save_button, self.cancel_button), width=640
        )
        self._count_changed()

    def _build_recipients(self) -> QWidget:
        units = [(u.label, u.id) for u in responsible_units(self.db)]
        lead = self.view.lead.unit_id
        self.lines = [
            RecipientLine(role, units, lead)
            for role in referrals.available_supervision_roles(self.db)
        ]
        box = QWidget()
        grid = QGridLayout(box)
        grid.setContentsMargins(0, 0, 0, 0)
        for row, line in enumerate(self.lines):
            grid.addWidget(line.check, row, 0)
            grid.addWidget(line.name, row, 1)
            if line.unit is not None:
                grid.addWidget(line.unit, row, 2)
            line.check.toggled.connect(lambda on, line=line: self._toggled(line, on))
        self.count_label = QLabel()
        grid.addWidget(self.count_label, len(self.lines), 0, 1, 3)
        return box

    def checked(self) -> list[RecipientLine]:
        return [line for line in self.lines if line.check.isChecked()]

    def line(self, role: str) -> RecipientLine:
        return next(line for line in self.lines if line.role == role)

    def _toggled(self, line: RecipientLine, on: bool) -> None:
        """A ninth recipient is refused: the box unchecks and the rule shows."""
        if on and len(self.checked()) > MAX_SUPERVISION_RECIPIENTS:
            line.check.blockSignals(True)
            line.check.setChecked(False)
            line.check.blockSignals(False)
            self.show_errors({"recipients": recipient_count_problem(len(self.checked()) + 1) or ""})
        else:
            self.messages["recipients"].clear_message()
        self._count_changed()

    def _count_changed(self) -> None:
        count = len(self.checked())
        self.count_label.setText(
            f"已选 {count} 个，最多 {MAX_SUPERVISION_RECIPIENTS} 个；每个对象一份，另有存根"
        )

    def submit(self) -> Operation | None:
        data = SupervisionInput(
            issued_on=to_date(self.issued_on.date()),
            subject=self.subject.text(),
            recipients=tuple(line.input() for line in self.checked()),
            leader_decision=self.decision.toPlainText(),
            new_due=to_date(self.new_due.date()) if self.set_new_due.isChecked() else None,
            referral_id=self.view.referral_id,
            version=self.view.version,
        )
        db, number, actor, today = self.db, self.view.register_no, self.actor, self.today
        return self.write(
            lambda: referrals.issue_supervision(db, number, data, actor=actor, today=today),
            topics=(REFERRALS,),
        )


class SlipReturnDialog(FormDialog):
    """回执…: mark the returned copies of one slip (the first with copies out)."""

    def __init__(
        self,
        db: Database,
        slips: list[SupervisionView],
        *,
        actor: Actor,
        today: date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__("督办单回执", parent)
        self.db, self.slips, self.actor, self.today = db, slips, actor, today
        self.slip = QComboBox()
        for slip in slips:
            self.slip.addItem(f"{slip.slip_no}（{slip.subject}）", slip.slip_id)
        self.returned_on = date_edit(today)
        self.copies_box = QWidget()
        self.copies_grid = QGridLayout(self.copies_box)
        self.copies_grid.setContentsMargins(0, 0, 0, 0)
        self.copies: list[tuple[int, QCheckBox]] = []
        self.add_field("slip", "督办单", self.slip)
        self.add_field("returned_on", "回执日期", self.returned_on)
        self.add_field("position", "已收回执", self.copies_box)
        self.add_save_cancel("保存回执")
        self.lay_out(buttons=(self.save_button, self.cancel_button), width=520)
        self.slip.currentIndexChanged.connect(self._show_copies)
        self._show_copies()

    def current_slip(self) -> SupervisionView | None:
        index = self.slip.currentIndex()
        return self.slips[index] if 0 <= index < len(self.slips) else None

    def _show_copies(self) -> None:
        for _position, box in self.copies:
            box.deleteLater()
        self.copies = []
        slip = self.current_slip()
        if slip is None:
            return
        for row, r in enumerate(slip.recipients):
            who = " ".join(p for p in (r.name, r.unit) if p)
            text = f"第{r.position}份 {r.role}" + (f"（{who}）" if who else "")
            if r.returned and r.returned_on:
                text += f" — {r.returned_on.isoformat()} 已收回"
            box = QCheckBox(text)
            box.setChecked(r.returned)
            box.setEnabled(not r.returned)
            self.copies_grid.addWidget(box, row // 2, row % 2)
            self.copies.append((r.position, box))

    def newly_returned(self) -> list[int]:
        return [pos for pos, box in self.copies if box.isEnabled() and box.isChecked()]

    def check_copy(self, position: int) -> None:
        for pos, box in self.copies:
            if pos == position:
                box.setChecked(True)

    def submit(self) -> Operation | None:
        slip, positions = self.current_slip(), self.newly_returned()
        if slip is None or not positions:
            self.show_errors({"position": "请勾选收回的回执"})
            return None
        db, slip_id, actor, today = self.db, slip.slip_id, self.actor, self.today
        on, loaded = to_date(self.returned_on.date()), slip.version

        def work() -> Result[Any]:
            result: Result[Any] = Result.failure({"position": "请勾选收回的回执"})
            version = loaded
            for position in positions:
                result = referrals.record_slip_return(
                    db, slip_id, position, returned_on=on, actor=actor, today=today,
                    version=version,
                )  # fmt: skip
                if not result.ok:
                    break
                version = result.unwrap().version  # this dialog's own return moved it on
            return result

        return self.write(work, topics=(REFERRALS,))
