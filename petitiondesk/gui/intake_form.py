"""The intake form (来信来访登记): fields, live ID check, per-field messages.

The form only collects what the clerk typed into a :class:`VisitInput` and shows the
messages a service returns; the rules live in ``core`` and ``services``. Tab order runs
top to bottom: channel and time, the visitor (ID number first: a valid number fills in
sex, and a known petitioner's name, phone and address), then the matter, then the
receiving officer and the leader on duty.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from datetime import date, datetime

from PySide6.QtCore import QDateTime, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from petitiondesk.core.enums import Channel, Sex
from petitiondesk.core.idcard import check_id_number, normalize_id_number
from petitiondesk.core.validation import MAX_PEOPLE
from petitiondesk.services import cases
from petitiondesk.services.cases import ReferenceData
from petitiondesk.services.intake import VisitInput
from petitiondesk.store.db import Database

log = logging.getLogger(__name__)

ERROR_COLOR = "#c62828"
OK_COLOR = "#2e7d32"

CATEGORY_PLACEHOLDER = "请选择"
NO_LEADER = "（不指定）"
MSG_LETTER_DATE_FORMAT = "来信日期格式不正确，请按“年-月-日”填写，如 2026-03-05"

# While the clerk has not touched 登记时间, it follows the clock (checked this often).
CLOCK_TICK_MS = 20_000

_DAY_PATTERNS = (
    re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?"),
    re.compile(r"(\d{4})(\d{2})(\d{2})"),
)


def parse_day(text: str) -> date | None:
    """``2026-3-5``, ``2026/03/05``, ``2026.3.5``, ``20260305``, ``2026年3月5日`` → date;
    empty → None; anything else raises ``ValueError``."""
    value = unicodedata.normalize("NFKC", text).strip()
    if not value:
        return None
    for pattern in _DAY_PATTERNS:
        match = pattern.fullmatch(value)
        if match:
            return date(int(match[1]), int(match[2]), int(match[3]))
    raise ValueError(MSG_LETTER_DATE_FORMAT)


def birth_text(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


class FieldMessage(QLabel):
    """The line under a field: red for a problem, green for a good check, hidden if empty."""

    def __init__(self, key: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"msg_{key}" if key else "msg_general")
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.is_error = False
        self.hide()

    def set_error(self, text: str) -> None:
        self._set(text, ERROR_COLOR, error=True)

    def set_ok(self, text: str) -> None:
        self._set(text, OK_COLOR, error=False)

    def _set(self, text: str, color: str, *, error: bool) -> None:
        self.is_error = error
        self.setStyleSheet(f"color: {color};")
        self.setText(text)
        self.setVisible(bool(text))

    def clear_message(self) -> None:
        self.is_error = False
        self.setText("")
        self.hide()


def field_label(text: str) -> QLabel:
    """A label as tall as a one-line field, so its text lines up with the field's text."""
    label = QLabel(text)
    if "\n" not in text:
        # Exactly one field high: the layout then puts it at the top of its row, level
        # with the field and not drifting down when a message shows under the field.
        label.setFixedHeight(QLineEdit().sizeHint().height())
    label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return label


def _with_message(field: QWidget, message: FieldMessage) -> QWidget:
    """A field with its message line directly below it."""
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(1)
    layout.addWidget(field)
    layout.addWidget(message)
    return box


class IntakeForm(QWidget):
    """All intake fields. ``edited`` is emitted whenever the clerk changes something."""

    edited = Signal()

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._time_follows_clock = True
        self._setting_time = False
        self._build()
        self._clean_state = self._state()
        self._clock = QTimer(self)
        self._clock.setInterval(CLOCK_TICK_MS)
        self._clock.timeout.connect(self._follow_clock)
        self._clock.start()

    # --- construction ----------------------------------------------------------------
    def _build(self) -> None:
        self.messages: dict[str, FieldMessage] = {}

        def message(key: str) -> FieldMessage:
            self.messages[key] = FieldMessage(key, self)
            return self.messages[key]

        # Top line: channel, time, and (letters only) letter date and postmark.
        self.channel = QComboBox()
        # Item data are the enum values (Qt stores a StrEnum as a plain string).
        for channel in Channel:
            self.channel.addItem(channel.label, channel.value)
        self.received_at = QDateTimeEdit()
        self.received_at.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.received_at.setCalendarPopup(True)
        self.received_at.setDateTime(QDateTime.currentDateTime())
        self.letter_date = QLineEdit()
        self.letter_date.setPlaceholderText("年-月-日，如 2026-03-05")
        self.postmark = QLineEdit()
        self.postmark.setPlaceholderText("邮戳地点、日期")

        top = QHBoxLayout()
        top.setSpacing(8)
        top.addWidget(field_label("渠道"), 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(_with_message(self.channel, message("channel")), 0, Qt.AlignmentFlag.AlignTop)
        top.addSpacing(12)
        top.addWidget(field_label("登记时间"), 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(
            _with_message(self.received_at, message("received_at")), 0, Qt.AlignmentFlag.AlignTop
        )
        self.letter_box = QWidget()
        letter_layout = QHBoxLayout(self.letter_box)
        letter_layout.setContentsMargins(12, 0, 0, 0)
        letter_layout.setSpacing(8)
        letter_layout.addWidget(field_label("来信日期"), 0, Qt.AlignmentFlag.AlignTop)
        self.letter_date.setMinimumWidth(190)
        letter_layout.addWidget(
            _with_message(self.letter_date, message("letter_date")), 0, Qt.AlignmentFlag.AlignTop
        )
        letter_layout.addSpacing(12)
        letter_layout.addWidget(field_label("邮戳"), 0, Qt.AlignmentFlag.AlignTop)
        self.postmark.setMinimumWidth(180)
        letter_layout.addWidget(
            _with_message(self.postmark, message("postmark")), 1, Qt.AlignmentFlag.AlignTop
        )
        top.addWidget(self.letter_box, 1)
        top.addStretch(0)
        self.general_message = message("")

        # Left: the visitor.
        self.id_number = QLineEdit()
        self.id_number.setMaxLength(20)
        self.id_number.setPlaceholderText("18位，末位可为X")
        self.name = QLineEdit()
        self.sex = QComboBox()
        self.sex.addItem("", None)
        self.sex.addItem(Sex.MALE.label, Sex.MALE.value)
        self.sex.addItem(Sex.FEMALE.label, Sex.FEMALE.value)
        self.sex.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.sex.setMinimumWidth(70)
        self.phone = QLineEdit()
        self.phone.setPlaceholderText("手机号，或带区号的固定电话")
        self.address = QLineEdit()
        self.work_unit = QLineEdit()
        self.people_count = QSpinBox()
        self.people_count.setRange(1, MAX_PEOPLE)
        self.people_count.setSuffix(" 人")
        self.people_count.setMinimumWidth(100)
        self.people_count.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)

        person = QGroupBox("来访人")
        person_form = QFormLayout(person)
        self._tune(person_form)
        person_form.addRow(
            field_label("身份证号"), _with_message(self.id_number, message("id_number"))
        )
        name_line = QWidget()
        name_layout = QHBoxLayout(name_line)
        name_layout.setContentsMargins(0, 0, 0, 0)
        name_layout.addWidget(
            _with_message(self.name, message("name")), 1, Qt.AlignmentFlag.AlignTop
        )
        name_layout.addSpacing(8)
        name_layout.addWidget(field_label("性别"), 0, Qt.AlignmentFlag.AlignTop)
        name_layout.addWidget(_with_message(self.sex, message("sex")), 0, Qt.AlignmentFlag.AlignTop)
        person_form.addRow(field_label("姓名"), name_line)
        person_form.addRow(field_label("联系电话"), _with_message(self.phone, message("phone")))
        person_form.addRow(field_label("住址"), _with_message(self.address, message("address")))
        person_form.addRow(
            field_label("工作单位"), _with_message(self.work_unit, message("work_unit"))
        )
        person_form.addRow(
            field_label("人数"), _with_message(self.people_count, message("people_count"))
        )

        # Right: the matter.
        self.category = QComboBox()
        self.category.setMinimumWidth(160)
        self.place = QLineEdit()
        self.place.setPlaceholderText("问题发生的乡镇、村（社区）或单位")
        self.summary = QPlainTextEdit()
        self.summary.setTabChangesFocus(True)
        self.summary.setPlaceholderText("来访人反映的主要问题（事实、经过）")
        self.demands = QPlainTextEdit()
        self.demands.setTabChangesFocus(True)
        self.demands.setPlaceholderText("来访人的具体诉求")
        line_height = self.fontMetrics().lineSpacing()
        self.summary.setMinimumHeight(line_height * 3 + 12)
        self.summary.setMaximumHeight(line_height * 6 + 12)
        self.demands.setMinimumHeight(line_height * 2 + 12)
        self.demands.setMaximumHeight(line_height * 3 + 12)
        self.receiving_officer = QLineEdit()
        self.duty_leader = QComboBox()
        self.duty_leader.setMinimumWidth(160)

        matter = QGroupBox("反映问题")
        matter_form = QFormLayout(matter)
        self._tune(matter_form)
        category_line = QWidget()
        category_layout = QHBoxLayout(category_line)
        category_layout.setContentsMargins(0, 0, 0, 0)
        category_layout.addWidget(
            _with_message(self.category, message("category_id")), 0, Qt.AlignmentFlag.AlignTop
        )
        category_layout.addSpacing(8)
        category_layout.addWidget(field_label("发生地"), 0, Qt.AlignmentFlag.AlignTop)
        category_layout.addWidget(
            _with_message(self.place, message("place")), 1, Qt.AlignmentFlag.AlignTop
        )
        matter_form.addRow(field_label("问题类别"), category_line)
        matter_form.addRow(
            field_label("反映的\n主要问题"), _with_message(self.summary, message("summary"))
        )
        matter_form.addRow(field_label("诉求"), _with_message(self.demands, message("demands")))
        staff_line = QWidget()
        staff_layout = QHBoxLayout(staff_line)
        staff_layout.setContentsMargins(0, 0, 0, 0)
        staff_layout.addWidget(
            _with_message(self.receiving_officer, message("receiving_officer")),
            1,
            Qt.AlignmentFlag.AlignTop,
        )
        staff_layout.addSpacing(8)
        staff_layout.addWidget(field_label("值班领导"), 0, Qt.AlignmentFlag.AlignTop)
        staff_layout.addWidget(
            _with_message(self.duty_leader, message("duty_leader_id")), 1, Qt.AlignmentFlag.AlignTop
        )
        matter_form.addRow(field_label("接待人"), staff_line)

        columns = QHBoxLayout()
        columns.setSpacing(10)
        columns.addWidget(person, 5)
        columns.addWidget(matter, 7)

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(6)
        outer.addLayout(top)
        outer.addWidget(self.general_message)
        outer.addLayout(columns)

        # Keys of VisitInput → the widget that holds them, in tab order.
        self.fields: dict[str, QWidget] = {
            "channel": self.channel,
            "received_at": self.received_at,
            "letter_date": self.letter_date,
            "postmark": self.postmark,
            "id_number": self.id_number,
            "name": self.name,
            "sex": self.sex,
            "phone": self.phone,
            "address": self.address,
            "work_unit": self.work_unit,
            "people_count": self.people_count,
            "category_id": self.category,
            "place": self.place,
            "summary": self.summary,
            "demands": self.demands,
            "receiving_officer": self.receiving_officer,
            "duty_leader_id": self.duty_leader,
        }
        order = list(self.fields.values())
        for first, second in zip(order, order[1:], strict=False):
            QWidget.setTabOrder(first, second)

        self._connect()
        self._channel_changed()

    @staticmethod
    def _tune(form: QFormLayout) -> None:
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setHorizontalSpacing(8)
        form.setVerticalSpacing(5)

    def _connect(self) -> None:
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

    def _clear_message(self, key: str) -> None:
        self.messages[key].clear_message()
        self.edited.emit()

    # --- reference data ----------------------------------------------------------------
    def set_reference(self, ref: ReferenceData) -> None:
        """Fill the category and leader lists, keeping what is selected."""
        current_category = self.category.currentData()
        current_leader = self.duty_leader.currentData()
        for combo, placeholder, choices, keep in (
            (self.category, CATEGORY_PLACEHOLDER, ref.categories, current_category),
            (self.duty_leader, NO_LEADER, ref.leaders, current_leader),
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
                letter_date = parse_day(self.letter_date.text())
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
        )
        return data, {}

    def clear_messages(self) -> None:
        for message in self.messages.values():
            message.clear_message()

    def show_errors(self, errors: dict[str, str]) -> QWidget | None:
        """Each message under its field (others on top); focus the first bad field."""
        self.clear_messages()
        general: list[str] = []
        for key, text in errors.items():
            if key in self.messages and key:
                self.messages[key].set_error(text)
            else:
                general.append(text)
        if general:
            self.messages[""].set_error("；".join(general))
        for key, widget in self.fields.items():
            if key in errors and widget.isVisibleTo(self):
                widget.setFocus(Qt.FocusReason.OtherFocusReason)
                if isinstance(widget, QLineEdit):
                    widget.selectAll()
                return widget
        return None

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
        ):
            widget.clear()
        self.summary.clear()
        self.demands.clear()
        self.sex.setCurrentIndex(0)
        self.category.setCurrentIndex(0)
        self.people_count.setValue(1)
        self.reset_time()
        self.clear_messages()
        self._clean_state = self._state()

    def focus_first(self) -> None:
        """Where the next visitor starts: the ID number."""
        self.id_number.setFocus(Qt.FocusReason.OtherFocusReason)
