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
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from petitiondesk.core.datetext import parse_day
from petitiondesk.core.enums import Channel, Sex
from petitiondesk.core.group_rules import GroupRules
from petitiondesk.core.idcard import check_id_number, normalize_id_number
from petitiondesk.core.validation import MAX_PEOPLE
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
    OK_COLOR,
    FieldMessage,
    clear_messages,
    field_label,
    focus_first,
    place_errors,
    with_message,
)
from .representatives import RepresentativesEditor

log = logging.getLogger(__name__)

GROUP_STYLE = (
    "background: #b45309; color: white; border-radius: 3px; padding: 1px 6px; font-weight: bold;"
)

CATEGORY_PLACEHOLDER = "请选择"
NO_LEADER = "（不指定）"
MSG_LETTER_DATE_FORMAT = "来信日期格式不正确，请按“年-月-日”填写，如 2026-03-05"

# While the clerk has not touched 登记时间, it follows the clock (checked this often).
CLOCK_TICK_MS = 20_000


def birth_text(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


class IntakeForm(QWidget):
    """All intake fields. ``edited`` is emitted whenever the clerk changes something;
    ``choice_changed`` when the petitioner to reuse or the petition repeated changes."""

    edited = Signal()
    choice_changed = Signal()
    #: Rows appeared or went (representatives, the accused, the chosen petitioner).
    layout_changed = Signal()

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._time_follows_clock = True
        self._setting_time = False
        self.rules = GroupRules()
        self.chosen_petitioner: KnownPetitioner | None = None
        self.repeat_of: RepeatCandidate | None = None
        self._rep_lines = 0
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
        top.addWidget(with_message(self.channel, message("channel")), 0, Qt.AlignmentFlag.AlignTop)
        top.addSpacing(12)
        top.addWidget(field_label("登记时间"), 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(
            with_message(self.received_at, message("received_at")), 0, Qt.AlignmentFlag.AlignTop
        )
        self.letter_box = QWidget()
        letter_layout = QHBoxLayout(self.letter_box)
        letter_layout.setContentsMargins(12, 0, 0, 0)
        letter_layout.setSpacing(8)
        letter_layout.addWidget(field_label("来信日期"), 0, Qt.AlignmentFlag.AlignTop)
        self.letter_date.setMinimumWidth(190)
        letter_layout.addWidget(
            with_message(self.letter_date, message("letter_date")), 0, Qt.AlignmentFlag.AlignTop
        )
        letter_layout.addSpacing(12)
        letter_layout.addWidget(field_label("邮戳"), 0, Qt.AlignmentFlag.AlignTop)
        self.postmark.setMinimumWidth(180)
        letter_layout.addWidget(
            with_message(self.postmark, message("postmark")), 1, Qt.AlignmentFlag.AlignTop
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
        self.group_badge = QLabel("集体访")
        self.group_badge.setObjectName("group_badge")
        self.group_badge.setStyleSheet(GROUP_STYLE)
        self.group_badge.hide()
        self.group_hint = QLabel()
        self.group_hint.setStyleSheet("color: #666;")

        # The known petitioner chosen from the side panel (shown only when there is one).
        self.petitioner_chip = QLabel()
        self.petitioner_chip.setObjectName("petitioner_chip")
        self.petitioner_chip.setStyleSheet(f"color: {OK_COLOR};")
        self.drop_petitioner_button = QPushButton("不沿用")
        self.drop_petitioner_button.setToolTip(
            "不使用这份档案，按填写的内容登记（查找身份证号或电话时仍会自动沿用）"
        )
        self.drop_petitioner_button.clicked.connect(self._drop_clicked)
        chip_line = QWidget()
        chip_layout = QHBoxLayout(chip_line)
        chip_layout.setContentsMargins(0, 0, 0, 0)
        chip_layout.addWidget(self.petitioner_chip, 1)
        chip_layout.addWidget(self.drop_petitioner_button)
        self.chip_label = field_label("档案")

        person = QGroupBox("来访人")
        person_form = QFormLayout(person)
        self._tune(person_form)
        self.person_form = person_form
        person_form.addRow(self.chip_label, with_message(chip_line, message("petitioner_id")))
        person_form.setRowVisible(0, False)
        person_form.addRow(
            field_label("身份证号"), with_message(self.id_number, message("id_number"))
        )
        name_line = QWidget()
        name_layout = QHBoxLayout(name_line)
        name_layout.setContentsMargins(0, 0, 0, 0)
        name_layout.addWidget(
            with_message(self.name, message("name")), 1, Qt.AlignmentFlag.AlignTop
        )
        name_layout.addSpacing(8)
        name_layout.addWidget(field_label("性别"), 0, Qt.AlignmentFlag.AlignTop)
        name_layout.addWidget(with_message(self.sex, message("sex")), 0, Qt.AlignmentFlag.AlignTop)
        person_form.addRow(field_label("姓名"), name_line)
        person_form.addRow(field_label("联系电话"), with_message(self.phone, message("phone")))
        person_form.addRow(field_label("住址"), with_message(self.address, message("address")))
        person_form.addRow(
            field_label("工作单位"), with_message(self.work_unit, message("work_unit"))
        )
        people_line = QWidget()
        people_layout = QHBoxLayout(people_line)
        people_layout.setContentsMargins(0, 0, 0, 0)
        people_layout.addWidget(
            with_message(self.people_count, message("people_count")), 0, Qt.AlignmentFlag.AlignTop
        )
        people_layout.addSpacing(6)
        people_layout.addWidget(self.group_badge, 0, Qt.AlignmentFlag.AlignVCenter)
        people_layout.addWidget(self.group_hint, 1, Qt.AlignmentFlag.AlignVCenter)
        person_form.addRow(field_label("人数"), people_line)

        # Below both columns: the representatives of a group (only when people > 1).
        self.representatives = RepresentativesEditor()
        self.reps_box = QGroupBox()
        self.reps_box.setObjectName("reps_box")
        reps_layout = QVBoxLayout(self.reps_box)
        reps_layout.setContentsMargins(8, 6, 8, 6)
        reps_layout.addWidget(self.representatives)
        reps_layout.addWidget(message("representatives"))
        self.reps_box.hide()

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
            with_message(self.category, message("category_id")), 0, Qt.AlignmentFlag.AlignTop
        )
        category_layout.addSpacing(8)
        category_layout.addWidget(field_label("发生地"), 0, Qt.AlignmentFlag.AlignTop)
        category_layout.addWidget(
            with_message(self.place, message("place")), 1, Qt.AlignmentFlag.AlignTop
        )
        matter_form.addRow(field_label("问题类别"), category_line)
        matter_form.addRow(
            field_label("反映的\n主要问题"), with_message(self.summary, message("summary"))
        )
        matter_form.addRow(field_label("诉求"), with_message(self.demands, message("demands")))
        self.skipped_level = QCheckBox("越级访")
        self.skipped_level.setToolTip("越过有权处理的本级机关、向上级机关提出")
        self.urgent = QCheckBox("急件")
        self.anonymous = QCheckBox("匿名")
        self.anonymous.setToolTip("来信、网上信访可匿名；走访须核验身份")
        self.confidential = QCheckBox("检举控告（保密）")
        self.confidential.setToolTip("检举、揭发、控告：交办时回避被检举对象，来访人信息保密")
        flags_line = QWidget()
        flags_layout = QHBoxLayout(flags_line)
        flags_layout.setContentsMargins(0, 0, 0, 0)
        flags_layout.setSpacing(14)
        for box in (self.skipped_level, self.urgent, self.anonymous, self.confidential):
            flags_layout.addWidget(box)
        flags_layout.addStretch(1)
        matter_form.addRow(field_label("标记"), with_message(flags_line, message("anonymous")))
        self.accused = QLineEdit()
        self.accused.setPlaceholderText("被检举、控告的单位或个人（交办时回避）")
        self.accused_label = field_label("被检举对象")
        matter_form.addRow(self.accused_label, with_message(self.accused, message("accused")))
        self.matter_form = matter_form
        self._accused_row = matter_form.rowCount() - 1
        matter_form.setRowVisible(self._accused_row, False)
        staff_line = QWidget()
        staff_layout = QHBoxLayout(staff_line)
        staff_layout.setContentsMargins(0, 0, 0, 0)
        staff_layout.addWidget(
            with_message(self.receiving_officer, message("receiving_officer")),
            1,
            Qt.AlignmentFlag.AlignTop,
        )
        staff_layout.addSpacing(8)
        staff_layout.addWidget(field_label("值班领导"), 0, Qt.AlignmentFlag.AlignTop)
        staff_layout.addWidget(
            with_message(self.duty_leader, message("duty_leader_id")), 1, Qt.AlignmentFlag.AlignTop
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
        outer.addWidget(self.reps_box)

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
            "representatives": self.representatives.add_button,
            "category_id": self.category,
            "place": self.place,
            "summary": self.summary,
            "demands": self.demands,
            "skipped_level": self.skipped_level,
            "urgent": self.urgent,
            "anonymous": self.anonymous,
            "confidential": self.confidential,
            "accused": self.accused,
            "receiving_officer": self.receiving_officer,
            "duty_leader_id": self.duty_leader,
            "petitioner_id": self.drop_petitioner_button,
        }
        order = [w for k, w in self.fields.items() if k not in ("representatives", "petitioner_id")]
        QWidget.setTabOrder(self.postmark, self.drop_petitioner_button)
        QWidget.setTabOrder(self.drop_petitioner_button, self.id_number)
        for first, second in zip(order, order[1:], strict=False):
            if first is not self.postmark:
                QWidget.setTabOrder(first, second)
        self._fix_representatives_tab_order()

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
            elif isinstance(widget, QCheckBox):  # the flags share one message line
                widget.toggled.connect(lambda _c: self._clear_message("anonymous"))
        self.people_count.valueChanged.connect(self._people_changed)
        self.representatives.edited.connect(lambda: self._clear_message("representatives"))
        self.representatives.committed.connect(self._representatives_committed)
        self.confidential.toggled.connect(self._confidential_toggled)
        self.anonymous.toggled.connect(self._anonymous_toggled)

    def _clear_message(self, key: str) -> None:
        self.messages[key].clear_message()
        self.edited.emit()

    # --- group visits ------------------------------------------------------------------
    def set_rules(self, rules: GroupRules) -> None:
        """The office's representative limits (a detached copy of the settings row)."""
        self.rules = rules
        self._people_changed()

    def representative_rule(self) -> tuple[int, str]:
        """The most representatives this group may send, and the rule to quote."""
        return representative_limit(self.rules, self.people_count.value())

    def is_group(self) -> bool:
        """集体访: as many people as the representative limit, or more (as the service)."""
        limit, _rule = self.representative_rule()
        return self.people_count.value() >= limit

    def _people_changed(self) -> None:
        people = self.people_count.value()
        limit, _rule = self.representative_rule()
        self.representatives.set_limit(limit, people)
        self.group_badge.setVisible(people >= limit)
        self.group_hint.setText(f"满{limit}人为集体访" if 1 < people < limit else "")
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
        clear_messages(self.messages)

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
