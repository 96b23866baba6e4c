"""The intake form (来信来访登记): fields, live ID check, per-field messages.

The form only collects what the clerk typed into a :class:`VisitInput` and shows the
messages a service returns; the rules live in ``core`` and ``services``. Tab order runs
top to bottom: channel and time, the visitor (ID number first: a valid number fills in
sex, and a known petitioner's name, phone and address), the number of people and — for
a group — its representatives, then the matter and its flags (越级访, 急件, 匿名,
检举控告 with the accused), then the receiving officer and the leader on duty.

Two choices made from the side panel (:mod:`intake_repeats`) are held here too, so that
clearing the form forgets them: the known petitioner to reuse (``petitioner_id``) and
the earlier petition this one repeats (linked right after the save).
"""

from __future__ import annotations

import logging
from datetime import date, datetime

from PySide6.QtCore import QDateTime, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)

from petitiondesk.core.datetext import parse_day
from petitiondesk.core.enums import Channel, Sex
from petitiondesk.core.group_rules import GroupRules
from petitiondesk.core.idcard import check_id_number, normalize_id_number
from petitiondesk.services import cases
from petitiondesk.services.cases import KnownPetitioner, ReferenceData
from petitiondesk.services.intake import (
    RepresentativeInput,
    VisitInput,
    representative_limit,
    validate_visit,
)
from petitiondesk.services.repeats import RepeatCandidate
from petitiondesk.store.db import Database

from ..widgets.field_messages import (
    clear_messages,
    focus_first,
    place_errors,
)
from ..widgets.form_dialog import CATEGORY_PLACEHOLDER, NO_CHOICE
from .form_view import FormView

log = logging.getLogger(__name__)

MSG_LETTER_DATE_FORMAT = "来信日期格式不正确，请按“年-月-日”填写，如 2026-03-05"

# While the clerk has not touched 登记时间, it follows the clock (checked this often).
CLOCK_TICK_MS = 20_000


def birth_text(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


class IntakeForm(FormView):
    """All intake fields. ``edited`` is emitted whenever the clerk changes something;
    ``choice_changed`` when the petitioner to reuse or the petition repeated changes."""

    edited = Signal()
    choice_changed = Signal()
    #: Rows appeared or went (representatives, the accused, the chosen petitioner).
    layout_changed = Signal()

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)  # builds the widgets (FormView)
        self._db = db
        self._time_follows_clock = True
        self._setting_time = False
        self.rules = GroupRules()
        self.chosen_petitioner: KnownPetitioner | None = None
        self.repeat_of: RepeatCandidate | None = None
        self._rep_lines = 0
        self._set_tab_order()
        self._connect()
        self._channel_changed()
        self._clean_state = self._state()
        self._clock = QTimer(self)
        self._clock.setInterval(CLOCK_TICK_MS)
        self._clock.timeout.connect(self._follow_clock)
        self._clock.start()

    def _set_tab_order(self) -> None:
        order = [w for k, w in self.fields.items() if k not in ("representatives", "petitioner_id")]
        QWidget.setTabOrder(self.postmark, self.drop_petitioner_button)
        QWidget.setTabOrder(self.drop_petitioner_button, self.id_number)
        for first, second in zip(order, order[1:], strict=False):
            if first is not self.postmark:
                QWidget.setTabOrder(first, second)
        self._fix_representatives_tab_order()

    def _connect(self) -> None:
        self.drop_petitioner_button.clicked.connect(self._drop_clicked)
        self.channel.currentIndexChanged.connect(self._channel_changed)
        self.received_at.dateTimeChanged.connect(self._time_edited)
        self.id_number.textChanged.connect(self._id_text_changed)
        self.id_number.editingFinished.connect(self._id_editing_finished)
        for key, widget in self.fields.items():
            if isinstance(widget, QLineEdit):
                if key != "id_number":
                    widget.textChanged.connect(lambda _t, k=key: self._clear_message(k))
                # Enter moves on like Tab (ID card readers end with Enter).
                widget.returnPressed.connect(lambda: self.focusNextPrevChild(True))
            elif isinstance(widget, QPlainTextEdit):
                widget.textChanged.connect(lambda k=key: self._clear_message(k))
            elif isinstance(widget, QComboBox):
                widget.currentIndexChanged.connect(lambda _i, k=key: self._clear_message(k))
            elif isinstance(widget, QSpinBox):
                widget.valueChanged.connect(lambda _v, k=key: self._clear_message(k))
            elif isinstance(widget, QDateTimeEdit):
                widget.dateTimeChanged.connect(lambda _d, k=key: self._clear_message(k))
            elif isinstance(widget, QCheckBox):  # the flags share one message line
                widget.toggled.connect(lambda _c: self._clear_message("anonymous"))
        self.people_count.valueChanged.connect(self._people_changed)
        self.representatives.edited.connect(lambda: self._clear_message("representatives"))
        self.representatives.committed.connect(self._representatives_committed)
        self.confidential.toggled.connect(self._confidential_toggled)
        self.anonymous.toggled.connect(self._anonymous_toggled)

    def _clear_message(self, key: str) -> None:
        message = self.messages[key]
        was_shown = message.isVisibleTo(self)
        message.clear_message()
        self.edited.emit()
        if was_shown:
            self.layout_changed.emit()  # the form may shrink back

    # --- group visits ------------------------------------------------------------------
    def set_rules(self, rules: GroupRules) -> None:
        """The office's representative limits (a detached copy of the settings row)."""
        self.rules = rules
        self._people_changed()

    def representative_rule(self) -> tuple[int, str]:
        """The most representatives this group may send, and the rule to quote."""
        return representative_limit(self.rules, self.people_count.value())

    def is_group(self) -> bool:
        """集体访: the office's group-visit people count or more (as the service)."""
        return self.people_count.value() >= self.rules.group_visit_min_people

    def _people_changed(self) -> None:
        people = self.people_count.value()
        limit, _rule = self.representative_rule()
        self.representatives.set_limit(limit, people)
        group_from = self.rules.group_visit_min_people
        self.group_badge.setVisible(people >= group_from)
        self.group_hint.setText(f"满{group_from}人为集体访" if 1 < people < group_from else "")
        show = people > 1 or self.representatives.has_input()
        if show and not self.reps_box.isVisibleTo(self):
            self.representatives.ensure_one_line()
            self._fix_representatives_tab_order()
        if show != self.reps_box.isVisibleTo(self):
            self.reps_box.setVisible(show)
            self.layout_changed.emit()
        if self.representatives.has_input():
            self._check_representatives()

    def _representatives_committed(self) -> None:
        self._fix_representatives_tab_order()
        self._check_representatives()
        if len(self.representatives.lines) != self._rep_lines:
            self._rep_lines = len(self.representatives.lines)
            self.layout_changed.emit()

    def _check_representatives(self) -> None:
        """The service's own rule on the representatives, as soon as the clerk leaves a
        line (the limit with the rule quoted, ID check digits, phones)."""
        data = VisitInput(
            channel=Channel.VISIT,
            received_at=datetime.now(),
            people_count=self.people_count.value(),
            representatives=self.representatives.values(),
        )
        problem = validate_visit(data, self.rules, datetime.now()).get("representatives")
        message = self.messages["representatives"]
        if problem:
            message.set_error(problem)
        else:
            message.clear_message()

    def _fix_representatives_tab_order(self) -> None:
        """人数 → the representatives' lines → 添加代表 → 问题类别."""
        chain = [self.people_count, *self.representatives.tab_chain(), self.category]
        for first, second in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(first, second)

    # --- flags ------------------------------------------------------------------------
    def _confidential_toggled(self, checked: bool) -> None:
        self.matter_form.setRowVisible(self._accused_row, checked)
        if not checked:
            self.messages["accused"].clear_message()
        self.layout_changed.emit()

    def _anonymous_toggled(self, checked: bool) -> None:
        self.name.setPlaceholderText("匿名登记可不填" if checked else "")
        if checked and self.chosen_petitioner is not None:
            self.drop_petitioner()

    # --- choices from the side panel --------------------------------------------------------
    def use_petitioner(self, known: KnownPetitioner) -> None:
        """Reuse a petitioner on file: fill the empty fields of the block from the file and
        register with ``petitioner_id`` (what the clerk typed is kept; saving updates the
        file, and the change is kept in its history)."""
        if self.anonymous.isChecked():
            self.anonymous.setChecked(False)
        self.chosen_petitioner = known
        for widget, value in (
            (self.id_number, known.id_number),
            (self.name, known.name),
            (self.phone, known.phone),
            (self.address, known.address),
            (self.work_unit, known.work_unit),
        ):
            if value and not widget.text().strip():
                widget.setText(value)
        if known.sex is not Sex.UNKNOWN and self.sex.currentData() is None:
            self.sex.setCurrentIndex(max(self.sex.findData(known.sex.value), 0))
        text = f"沿用 {known.name}"
        if known.id_number:
            text += f"（{known.id_number[:6]}…{known.id_number[-4:]}）"
        text += f"的档案，已来访 {known.earlier_cases} 次"
        self.petitioner_chip.setText(text)
        self.petitioner_chip.setToolTip("保存时使用这份档案；修改的内容会更新档案，原内容留有记录")
        self.person_form.setRowVisible(0, True)
        self.messages["petitioner_id"].clear_message()
        self.edited.emit()
        self.choice_changed.emit()
        self.layout_changed.emit()

    def _drop_clicked(self) -> None:
        self.drop_petitioner()
        self.id_number.setFocus(Qt.FocusReason.OtherFocusReason)

    def drop_petitioner(self) -> None:
        had = self.chosen_petitioner is not None
        self.chosen_petitioner = None
        self.person_form.setRowVisible(0, False)
        self.messages["petitioner_id"].clear_message()
        if had:
            self.edited.emit()
            self.choice_changed.emit()
            self.layout_changed.emit()

    def set_repeat_of(self, candidate: RepeatCandidate | None) -> None:
        """The earlier petition this one repeats (linked right after the save)."""
        if candidate == self.repeat_of:
            return
        self.repeat_of = candidate
        self.edited.emit()
        self.choice_changed.emit()

    # --- reference data ----------------------------------------------------------------
    def set_reference(self, ref: ReferenceData) -> None:
        """Fill the category and leader lists, keeping what is selected."""
        current_category = self.category.currentData()
        current_leader = self.duty_leader.currentData()
        for combo, placeholder, choices, keep in (
            (self.category, CATEGORY_PLACEHOLDER, ref.categories, current_category),
            (self.duty_leader, NO_CHOICE, ref.leaders, current_leader),
        ):
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(placeholder, None)
            for choice in choices:
                combo.addItem(choice.label, choice.id)
            found = combo.findData(keep) if keep is not None else 0
            combo.setCurrentIndex(max(found, 0))
            combo.blockSignals(False)
        if not self.receiving_officer.text().strip():
            self.receiving_officer.setText(ref.default_receiving_officer)

    # --- channel and clock ---------------------------------------------------------------
    def current_channel(self) -> Channel:
        value = self.channel.currentData()
        return Channel(value) if value else Channel.VISIT

    def current_sex(self) -> Sex | None:
        value = self.sex.currentData()
        return Sex(value) if value else None

    def _channel_changed(self) -> None:
        self.letter_box.setVisible(self.current_channel() is Channel.LETTER)

    def _time_edited(self) -> None:
        if not self._setting_time:
            self._time_follows_clock = False

    def _set_time(self, value: QDateTime) -> None:
        self._setting_time = True
        try:
            self.received_at.setDateTime(value)
        finally:
            self._setting_time = False

    def _follow_clock(self) -> None:
        if self._time_follows_clock and not self.received_at.hasFocus():
            self._set_time(QDateTime.currentDateTime())

    def reset_time(self) -> None:
        """登记时间 back to now, following the clock until the clerk changes it."""
        self._time_follows_clock = True
        self._set_time(QDateTime.currentDateTime())

    # --- live ID check ----------------------------------------------------------------------
    def _id_text_changed(self, text: str) -> None:
        if len(normalize_id_number(text)) >= 18:
            self.check_id_now()
        else:
            self.messages["id_number"].clear_message()  # no nagging while typing
        self.edited.emit()

    def _id_editing_finished(self) -> None:
        if self.id_number.text().strip():
            self.check_id_now()

    def check_id_now(self) -> None:
        """Check the ID number and say so under the field; prefill a known petitioner."""
        message = self.messages["id_number"]
        result = check_id_number(self.id_number.text())
        if not result.ok:
            message.set_error(result.message)
            return
        assert result.birth_date is not None and result.sex is not None
        index = self.sex.findData(result.sex.value)
        if index >= 0:
            self.sex.setCurrentIndex(index)
        text = f"✓ 出生日期 {birth_text(result.birth_date)} {result.sex.label}"
        try:
            known = cases.find_petitioner_by_id_number(self._db, result.normalized)
        except Exception:  # a failed look-up must not stop the clerk typing
            log.exception("petitioner look-up failed")
            known = None
        if known is not None:
            text += f"　已登记过 {known.earlier_cases} 次"
            for widget, value in (
                (self.name, known.name),
                (self.phone, known.phone),
                (self.address, known.address),
                (self.work_unit, known.work_unit),
            ):
                if value and not widget.text().strip():
                    widget.setText(value)
            if self.name.text().strip() != known.name:
                text += f"（档案姓名：{known.name}）"
        message.set_ok(text)

    # --- collecting and messages ---------------------------------------------------------
    def collect(self) -> tuple[VisitInput | None, dict[str, str]]:
        """What the clerk typed, or the problems found while reading it (not the rules)."""
        if self._time_follows_clock:
            self._set_time(QDateTime.currentDateTime())
        channel = self.current_channel()
        problems: dict[str, str] = {}
        letter_date: date | None = None
        if channel is Channel.LETTER:
            try:
                letter_date = parse_day(self.letter_date.text(), MSG_LETTER_DATE_FORMAT)
            except ValueError:
                problems["letter_date"] = MSG_LETTER_DATE_FORMAT
        if problems:
            return None, problems
        received = self.received_at.dateTime().toPython()
        assert isinstance(received, datetime)
        data = VisitInput(
            channel=channel,
            received_at=received.replace(second=0, microsecond=0),
            name=self.name.text(),
            sex=self.current_sex(),
            id_number=self.id_number.text(),
            phone=self.phone.text(),
            address=self.address.text(),
            work_unit=self.work_unit.text(),
            people_count=self.people_count.value(),
            category_id=self.category.currentData(),
            place=self.place.text(),
            summary=self.summary.toPlainText(),
            demands=self.demands.toPlainText(),
            receiving_officer=self.receiving_officer.text(),
            duty_leader_id=self.duty_leader.currentData(),
            letter_date=letter_date,
            postmark=self.postmark.text() if channel is Channel.LETTER else "",
            representatives=self._representatives_input(),
            skipped_level=self.skipped_level.isChecked(),
            anonymous=self.anonymous.isChecked(),
            urgent=self.urgent.isChecked(),
            confidential=self.confidential.isChecked(),
            accused=self.accused.text() if self.confidential.isChecked() else "",
            petitioner_id=self.chosen_petitioner.id if self.chosen_petitioner else None,
        )
        return data, {}

    def _representatives_input(self) -> list[RepresentativeInput]:
        """Representatives count when the editor is shown (a group, or lines typed)."""
        return self.representatives.values() if self.reps_box.isVisibleTo(self) else []

    def clear_messages(self) -> None:
        shown = any(message.isVisibleTo(self) for message in self.messages.values())
        clear_messages(self.messages)
        if shown:
            self.layout_changed.emit()

    def show_errors(self, errors: dict[str, str]) -> QWidget | None:
        """Each message under its field (others on top); focus the first bad field."""
        shown = place_errors(self.messages, errors)
        if "representatives" in errors:
            self.reps_box.show()
        if "accused" in errors and not self.confidential.isChecked():
            self.confidential.setChecked(True)
        # The representatives' problems are fixed in their first line.
        targets = {**self.fields, "representatives": self.representatives.first_field()}
        return focus_first(targets, shown | set(errors), visible_in=self, select_all=True)

    # --- state --------------------------------------------------------------------------------
    def _state(self) -> tuple[object, ...]:
        """What the clerk typed about this visitor (not channel, time, officer, leader)."""
        return (
            self.letter_date.text(),
            self.postmark.text(),
            self.id_number.text(),
            self.name.text(),
            self.sex.currentData(),
            self.phone.text(),
            self.address.text(),
            self.work_unit.text(),
            self.people_count.value(),
            self.category.currentData(),
            self.place.text(),
            self.summary.toPlainText(),
            self.demands.toPlainText(),
            self.representatives.state(),
            self.skipped_level.isChecked(),
            self.urgent.isChecked(),
            self.anonymous.isChecked(),
            self.confidential.isChecked(),
            self.accused.text(),
            self.chosen_petitioner.id if self.chosen_petitioner else None,
            self.repeat_of.petition_id if self.repeat_of else None,
        )

    def is_dirty(self) -> bool:
        return self._state() != self._clean_state

    def clear_for_next(self) -> None:
        """Empty the visitor's fields; keep channel, receiving officer and leader on duty."""
        for widget in (
            self.letter_date,
            self.postmark,
            self.id_number,
            self.name,
            self.phone,
            self.address,
            self.work_unit,
            self.place,
            self.accused,
        ):
            widget.clear()
        self.summary.clear()
        self.demands.clear()
        self.sex.setCurrentIndex(0)
        self.category.setCurrentIndex(0)
        for box in (self.skipped_level, self.urgent, self.anonymous, self.confidential):
            box.setChecked(False)
        self.representatives.clear()
        self.people_count.setValue(1)
        self.reps_box.hide()
        self.drop_petitioner()
        self.set_repeat_of(None)
        self.reset_time()
        self.clear_messages()
        self._clean_state = self._state()

    def focus_first(self) -> None:
        """Where the next visitor starts: the ID number."""
        self.id_number.setFocus(Qt.FocusReason.OtherFocusReason)
