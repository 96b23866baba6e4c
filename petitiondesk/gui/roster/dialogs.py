"""Dialogs of the 排班 tab: 替班, 调换, 递补 (a reason), 陪同, 手工加排, 现场登记 (预约 is in
:mod:`.booking_dialog`).

Each dialog collects what the clerk typed, calls one service off the UI thread
(:meth:`FormDialog.write`, which tells the data hub about a done write) and shows the service's
Chinese messages under the fields they concern (``Result.errors`` keys) — a refused
change (a leader already receiving elsewhere then, an inactive leader, a day off) keeps
the dialog open with the reason next to the field. On success the dialog emits
``saved(result)`` (the tab then shows the result) and closes, except the
booking dialog, which stays open to show the booking, the portfolio warning with a
better slot, and offers 打印四卡.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date, time, timedelta
from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from petitiondesk.core.identity import Actor
from petitiondesk.services import appointments, cases, roster
from petitiondesk.services.appointments import (
    Booking,
    WalkInInput,
)
from petitiondesk.services.printouts import responsible_units
from petitiondesk.services.result import Result
from petitiondesk.services.roster import MAX_CAPACITY, ChangeOutcome, EntryInput, RosterRow, Saved
from petitiondesk.store.db import Database

from ..operations import Operation
from ..signals import ROSTER
from ..widgets.dates import to_date, to_qdate, to_qtime, to_time
from ..widgets.field_messages import field_label
from ..widgets.form_dialog import CATEGORY_PLACEHOLDER, NO_CHOICE, WARN_STYLE, FormDialog
from .table_model import slot_label

#: The swap dialog offers slots this many days before / after the slot.
SWAP_DAYS_BEFORE = 31
SWAP_DAYS_AFTER = 92
#: A manual slot starts like this when no slot is selected.
DEFAULT_SLOT = (time(8, 30), time(12, 0))
DEFAULT_CAPACITY = 10
#: ``RosterEntry.accompany_person`` is a String(40).
MAX_PERSON_LENGTH = 40


def slot_heading(row: RosterRow) -> QLabel:
    label = QLabel(f"接待时段：{slot_label(row)}")
    label.setWordWrap(True)
    label.setStyleSheet("font-weight: bold;")
    return label


# --- 替班 -------------------------------------------------------------------------------------


class SubstituteDialog(FormDialog):
    """替班…: another leader takes the slot (reason and who asked are recorded)."""

    def __init__(
        self, db: Database, row: RosterRow, *, actor: Actor, parent: QWidget | None = None
    ) -> None:
        super().__init__("替班", parent)
        self.db, self.row, self.actor = db, row, actor
        self.last_result: Result[ChangeOutcome] | None = None
        self.leader = QComboBox()
        for leader in roster.list_leaders(db, include_inactive=False):
            if leader.id != row.leader_id:
                label = f"{leader.name}（{leader.title}）" if leader.title else leader.name
                self.leader.addItem(label, leader.id)
        self.reason = QLineEdit()
        self.reason.setPlaceholderText("如：外出开会、因公出差")
        self.requested_by = QLineEdit()
        self.requested_by.setPlaceholderText("谁提出的替班（可不填）")
        self.add_field("to_leader_id", "替班领导", self.leader)
        self.add_field("reason", "替班原因", self.reason)
        self.add_field("requested_by", "提出人", self.requested_by)
        self.add_save_cancel("保存替班")
        self.lay_out(
            slot_heading(row),
            QLabel(f"原接待领导：{row.leader_name} {row.leader_title}".rstrip()),
            buttons=(self.save_button, self.cancel_button),
        )
        if self.leader.count() == 0:
            self.general.set_error(
                "没有其他在岗领导可以替班，请先在“领导与接待规则”中添加或启用领导"
            )
            self.save_button.setEnabled(False)

    def submit(self) -> Operation | None:
        leader_id = self.leader.currentData()
        if leader_id is None:
            self.show_errors({"to_leader_id": "请选择替班领导"})
            return None
        db, entry_id, actor, version = self.db, self.row.entry_id, self.actor, self.row.version
        reason, requested_by = self.reason.text(), self.requested_by.text()
        return self.write(
            lambda: roster.substitute(
                db,
                entry_id,
                int(leader_id),
                reason=reason,
                requested_by=requested_by,
                actor=actor,
                version=version,
            ),  # fmt: skip
            topics=(ROSTER,),
        )


# --- 调换 -------------------------------------------------------------------------------------


class SwapDialog(FormDialog):
    """调换…: this slot's leader and another slot's leader trade places."""

    def __init__(
        self, db: Database, row: RosterRow, *, actor: Actor, parent: QWidget | None = None
    ) -> None:
        super().__init__("调换", parent)
        self.db, self.row, self.actor = db, row, actor
        self.last_result: Result[ChangeOutcome] | None = None
        self.other = QComboBox()
        self.other.setMinimumContentsLength(36)
        first = row.day - timedelta(days=SWAP_DAYS_BEFORE)
        last = row.day + timedelta(days=SWAP_DAYS_AFTER)
        self.candidates = [
            other
            for other in roster.list_roster(db, first, last)
            if other.entry_id != row.entry_id and other.leader_id != row.leader_id
        ]
        for other in self.candidates:
            self.other.addItem(slot_label(other), other.entry_id)
        # the first slot on or after this one: swaps are usually with a later turn
        later = next((i for i, c in enumerate(self.candidates) if c.day >= row.day), 0)
        if self.candidates:
            self.other.setCurrentIndex(later)
        self.reason = QLineEdit()
        self.reason.setPlaceholderText("如：两位领导协商调换")
        self.requested_by = QLineEdit()
        self.requested_by.setPlaceholderText("谁提出的调换（可不填）")
        self.add_field("entry_b", "调换到", self.other)
        self.add_field("reason", "调换原因", self.reason)
        self.add_field("requested_by", "提出人", self.requested_by)
        self.add_save_cancel("保存调换")
        hint = QLabel("两个时段的接待领导互换；请选择另一位领导的接待时段。")
        hint.setWordWrap(True)
        self.lay_out(
            slot_heading(row), hint, buttons=(self.save_button, self.cancel_button), width=600
        )
        if self.other.count() == 0:
            self.general.set_error(
                f"{SWAP_DAYS_BEFORE}天前至{SWAP_DAYS_AFTER}天后没有其他领导的接待时段可以调换"
            )
            self.save_button.setEnabled(False)

    def select_entry(self, entry_id: int) -> bool:
        index = self.other.findData(entry_id)
        if index >= 0:
            self.other.setCurrentIndex(index)
        return index >= 0

    def submit(self) -> Operation | None:
        other = self.other.currentData()
        if other is None:
            self.show_errors({"entry_b": "请选择要调换的接待时段"})
            return None
        db, entry_id, actor = self.db, self.row.entry_id, self.actor
        reason, requested_by = self.reason.text(), self.requested_by.text()
        partner = next((c for c in self.candidates if c.entry_id == int(other)), None)
        versions = (self.row.version, partner.version if partner else None)
        # entry_a is about this slot (shown on top), entry_b about the other one.
        return self.write(
            lambda: roster.swap(
                db,
                entry_id,
                int(other),
                reason=reason,
                requested_by=requested_by,
                actor=actor,
                versions=versions,
            ),  # fmt: skip
            topics=(ROSTER,),
        )


# --- a reason (按值班顺序递补) ---------------------------------------------------------------------


class ReasonDialog(FormDialog):
    """Asks for a reason (and who asked), then runs ``submit(reason, requested_by)``."""

    def __init__(
        self,
        title: str,
        intro: str,
        submit: Callable[[str, str], Result[Any]],
        *,
        button_text: str = "确定",
        reason_label: str = "原因",
        placeholder: str = "",
        ask_requested_by: bool = True,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(title, parent)
        self._submit = submit
        self.last_result: Result[Any] | None = None
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(placeholder)
        self.requested_by = QLineEdit()
        self.requested_by.setPlaceholderText("可不填")
        self.add_field("reason", reason_label, self.reason)
        if ask_requested_by:
            self.add_field("requested_by", "提出人", self.requested_by)
        self.add_save_cancel(button_text)
        text = QLabel(intro)
        text.setWordWrap(True)
        self.lay_out(text, buttons=(self.save_button, self.cancel_button))

    def submit(self) -> Operation | None:
        """Runs ``submit(reason, requested_by)`` (a roster service) off the UI thread."""
        submit, reason, requested_by = self._submit, self.reason.text(), self.requested_by.text()
        return self.write(lambda: submit(reason, requested_by), topics=(ROSTER,))


# --- 陪同 -------------------------------------------------------------------------------------


class AccompanyDialog(FormDialog):
    """陪同…: the functional department (and, optionally, the person) accompanying the
    leader at the slot (陪同接访); 清除陪同 removes both."""

    def __init__(
        self, db: Database, row: RosterRow, *, actor: Actor, parent: QWidget | None = None
    ) -> None:
        super().__init__("陪同接访", parent)
        self.db, self.row, self.actor = db, row, actor
        self.last_result: Result[Saved] | None = None
        self.department = QComboBox()
        self.department.addItem(CATEGORY_PLACEHOLDER, None)
        for unit in responsible_units(db):
            self.department.addItem(unit.label, unit.id)
        self.person = QLineEdit(row.accompany_person)
        self.person.setMaxLength(MAX_PERSON_LENGTH)
        self.person.setPlaceholderText("陪同人员姓名（可不填）")
        self.add_field("accompany_department_id", "陪同部门", self.department)
        self.add_field("person", "陪同人员", self.person)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet(WARN_STYLE)
        self.hint.hide()
        if row.accompany_department:
            index = self.department.findText(row.accompany_department)
            if index >= 0:
                self.department.setCurrentIndex(index)
            else:
                self.hint.setText(
                    f"原陪同部门“{row.accompany_department}”已停用，请另选，或清除陪同。"
                )
                self.hint.show()
        self.add_save_cancel("保存")
        self.clear_button = QPushButton("清除陪同")
        self.clear_button.setToolTip("该时段不再安排职能部门陪同")
        self.clear_button.setEnabled(bool(row.accompany))
        self.clear_button.clicked.connect(self.clear)
        intro = QLabel("陪同领导接访的职能部门（科室或外单位）及人员，列入排班表和排班公示。")
        intro.setWordWrap(True)
        self.lay_out(
            slot_heading(row),
            intro,
            under_general=(self.hint,),
            buttons=(self.save_button, self.clear_button, self.cancel_button),
        )

    def submit(self) -> Operation | None:
        """保存: the chosen department and person."""
        department = self.department.currentData()
        if department is None:
            self.show_errors(
                {"accompany_department_id": "请选择陪同部门（不再陪同请按“清除陪同”）"}
            )
            return None
        person = self.person.text().strip()
        who = " ".join(part for part in (self.department.currentText(), person) if part)
        return self._set(int(department), person, f"已设置陪同：{who}（{slot_label(self.row)}）")

    def clear(self) -> Operation | None:
        """清除陪同: no department, no person."""
        return self._set(None, "", f"已清除陪同（{slot_label(self.row)}）")

    def _set(self, department_id: int | None, person: str, message: str) -> Operation | None:
        db, entry_id, actor, version = self.db, self.row.entry_id, self.actor, self.row.version
        return self.write(
            lambda: roster.set_accompany(
                db,
                entry_id,
                department_id=department_id,
                person=person,
                actor=actor,
                version=version,
            ),  # fmt: skip
            topics=(ROSTER,),
            on_done=lambda result: self.finish(result, emit=replace(result, message=message)),
        )


# --- 手工加排 -----------------------------------------------------------------------------------


class AddSlotDialog(FormDialog):
    """手工加排…: a slot outside the reception rules (date, time, place, leader, capacity,
    note). It starts from the selected slot (``template``): its date, time, place and
    capacity; the leader is always chosen. Refusals (a day off, a leader already on duty
    then, a place and time taken) are shown next to their fields."""

    def __init__(
        self,
        db: Database,
        *,
        actor: Actor,
        template: RosterRow | None = None,
        today: date | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__("手工加排接待时段", parent)
        self.db, self.actor = db, actor
        self.last_result: Result[Saved] | None = None
        self.added_day: date | None = None
        day = template.day if template is not None else (today or date.today())
        start, end = (template.start, template.end) if template is not None else DEFAULT_SLOT

        self.day = QDateEdit(to_qdate(day))
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("yyyy-MM-dd")
        self.start = QTimeEdit(to_qtime(start))
        self.end = QTimeEdit(to_qtime(end))
        for edit in (self.start, self.end):
            edit.setDisplayFormat("HH:mm")
        self.place = QComboBox()
        self.place.setEditable(True)
        self.place.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        places = [rule.place for rule in roster.list_rules(db) if rule.active and rule.place]
        if template is not None and template.place:
            places.insert(0, template.place)
        self.place.addItems(list(dict.fromkeys(places)))
        self.place.setEditText(template.place if template is not None else "")
        line = self.place.lineEdit()
        if line is not None:
            line.setPlaceholderText("接待地点")
        self.leader = QComboBox()
        self.leader.addItem(CATEGORY_PLACEHOLDER, None)
        for leader in roster.list_leaders(db, include_inactive=False):
            label = f"{leader.name}（{leader.title}）" if leader.title else leader.name
            self.leader.addItem(label, leader.id)
        self.capacity = QSpinBox()
        self.capacity.setRange(1, MAX_CAPACITY)
        self.capacity.setValue(template.capacity if template is not None else DEFAULT_CAPACITY)
        self.capacity.setSuffix(" 人")
        self.capacity.setToolTip("该时段最多可预约的人数（现场登记不受限制）")
        self.note = QLineEdit()
        self.note.setPlaceholderText("如：临时加开接待日（可不填）")

        self.add_field("day", "接待日期", self.day)
        times = QWidget()
        row = QHBoxLayout(times)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.start)
        row.addWidget(QLabel("至"))
        row.addWidget(self.end)
        row.addStretch(1)
        start_message = self.fieldset.add_message("start", self.start)
        end_message = self.fieldset.add_message("end", self.end)
        time_box = QWidget()
        time_layout = QVBoxLayout(time_box)
        time_layout.setContentsMargins(0, 0, 0, 0)
        time_layout.setSpacing(1)
        for widget in (times, start_message, end_message):
            time_layout.addWidget(widget)
        self.form.addRow(field_label("接待时间"), time_box)
        self.add_field("place", "接待地点", self.place)
        self.add_field("leader_id", "接待领导", self.leader)
        self.add_field("capacity", "可预约人数", self.capacity)
        self.add_field("note", "备注", self.note)

        self.add_save_cancel("加排")
        hint = QLabel("手工加排的时段不受接待日规则约束，重新生成排班时保持不变。")
        hint.setWordWrap(True)
        self.lay_out(hint, buttons=(self.save_button, self.cancel_button))
        if self.leader.count() == 1:
            self.general.set_error("没有在岗的领导，请先在“领导与接待规则”中添加或启用领导")
            self.save_button.setEnabled(False)

    def collect(self) -> EntryInput:
        leader = self.leader.currentData()
        return EntryInput(
            day=to_date(self.day.date()),
            start=to_time(self.start.time()),
            end=to_time(self.end.time()),
            place=self.place.currentText(),
            leader_id=int(leader) if leader is not None else None,
            capacity=self.capacity.value(),
            note=self.note.text(),
        )

    def submit(self) -> Operation | None:
        db, data, actor = self.db, self.collect(), self.actor

        def done(result: Result[Saved]) -> None:
            if result.ok:
                self.added_day = data.day
            self.finish(result)

        return self.write(
            lambda: roster.add_entry(db, data, actor=actor), topics=(ROSTER,), on_done=done
        )


# --- 现场登记 -----------------------------------------------------------------------------------


class WalkInDialog(FormDialog):
    """现场登记…: a visitor without an appointment queues after the appointments."""

    def __init__(
        self, db: Database, row: RosterRow, *, actor: Actor, parent: QWidget | None = None
    ) -> None:
        super().__init__("现场登记排队", parent)
        self.db, self.row, self.actor = db, row, actor
        self.last_result: Result[Booking] | None = None
        self.visitor_name = QLineEdit()
        self.phone = QLineEdit()
        self.category = QComboBox()
        self.category.addItem(NO_CHOICE, None)
        for choice in cases.reference_data(db).categories:
            self.category.addItem(choice.label, choice.id)
        self.summary = QPlainTextEdit()
        self.summary.setTabChangesFocus(True)
        self.summary.setFixedHeight(self.fontMetrics().height() * 4)
        self.add_field("visitor_name", "来访人", self.visitor_name)
        self.add_field("phone", "联系电话", self.phone)
        self.add_field("category_id", "问题类别", self.category)
        self.add_field("summary", "反映问题", self.summary)
        self.add_save_cancel("登记排队")
        hint = QLabel("临时来访的群众排在预约群众之后（不受预约人数限制）。")
        hint.setWordWrap(True)
        self.lay_out(slot_heading(row), hint, buttons=(self.save_button, self.cancel_button))

    def submit(self) -> Operation | None:
        category = self.category.currentData()
        data = WalkInInput(
            entry_id=self.row.entry_id,
            visitor_name=self.visitor_name.text(),
            category_id=int(category) if category is not None else None,
            phone=self.phone.text(),
            summary=self.summary.toPlainText(),
        )
        db, actor = self.db, self.actor
        return self.write(
            lambda: appointments.register_walk_in(db, data, actor=actor), topics=(ROSTER,)
        )
