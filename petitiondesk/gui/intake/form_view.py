"""The intake form's widgets and their layout (:class:`FormView`); :class:`.form.IntakeForm`
adds what they do. Top: channel, time, letter date and postmark; left: the visitor;
right: the matter; below both: the representatives of a group."""

from __future__ import annotations

from PySide6.QtCore import QDateTime, Qt
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

from petitiondesk.core.enums import Channel, Sex
from petitiondesk.core.validation import MAX_PEOPLE

from ..widgets.field_messages import (
    OK_COLOR,
    FieldMessage,
    field_label,
    with_message,
)
from .representatives import RepresentativesEditor

GROUP_STYLE = (
    "background: #b45309; color: white; border-radius: 3px; padding: 1px 6px; font-weight: bold;"
)


class FormView(QWidget):
    """The fields of the intake form, one builder per panel; ``fields`` maps the keys of
    :class:`VisitInput` to their widgets, ``messages`` to the lines under them."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._build()

    # --- construction ----------------------------------------------------------------
    def _message(self, key: str) -> FieldMessage:
        """The message line under the field of ``key`` (``""``: the general one)."""
        self.messages[key] = FieldMessage(key, self)
        return self.messages[key]

    def _build(self) -> None:
        self.messages: dict[str, FieldMessage] = {}
        top = self._build_top_line()
        self._build_visitor_fields()
        person = self._build_person_box(self._build_chip_line())
        self._build_representatives()
        self._build_matter_fields()
        matter = self._build_matter_box()
        self._lay_out(top, person, matter)
        self._map_fields()

    def _build_top_line(self) -> QHBoxLayout:
        """Channel, time, and (letters only) letter date and postmark."""
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
        top.addWidget(
            with_message(self.channel, self._message("channel")), 0, Qt.AlignmentFlag.AlignTop
        )
        top.addSpacing(12)
        top.addWidget(field_label("登记时间"), 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(
            with_message(self.received_at, self._message("received_at")),
            0,
            Qt.AlignmentFlag.AlignTop,
        )
        self.letter_box = QWidget()
        letter_layout = QHBoxLayout(self.letter_box)
        letter_layout.setContentsMargins(12, 0, 0, 0)
        letter_layout.setSpacing(8)
        letter_layout.addWidget(field_label("来信日期"), 0, Qt.AlignmentFlag.AlignTop)
        self.letter_date.setMinimumWidth(190)
        letter_layout.addWidget(
            with_message(self.letter_date, self._message("letter_date")),
            0,
            Qt.AlignmentFlag.AlignTop,
        )
        letter_layout.addSpacing(12)
        letter_layout.addWidget(field_label("邮戳"), 0, Qt.AlignmentFlag.AlignTop)
        self.postmark.setMinimumWidth(180)
        letter_layout.addWidget(
            with_message(self.postmark, self._message("postmark")),
            1,
            Qt.AlignmentFlag.AlignTop,
        )
        top.addWidget(self.letter_box, 1)
        top.addStretch(0)
        self.general_message = self._message("")
        return top

    def _build_visitor_fields(self) -> None:
        """The visitor's fields."""
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

    def _build_chip_line(self) -> QWidget:
        """The known petitioner chosen from the side panel (shown only when there is one)."""
        self.petitioner_chip = QLabel()
        self.petitioner_chip.setObjectName("petitioner_chip")
        self.petitioner_chip.setStyleSheet(f"color: {OK_COLOR};")
        self.drop_petitioner_button = QPushButton("不沿用")
        self.drop_petitioner_button.setToolTip(
            "不使用这份档案，按填写的内容登记（查找身份证号或电话时仍会自动沿用）"
        )
        chip_line = QWidget()
        chip_layout = QHBoxLayout(chip_line)
        chip_layout.setContentsMargins(0, 0, 0, 0)
        chip_layout.addWidget(self.petitioner_chip, 1)
        chip_layout.addWidget(self.drop_petitioner_button)
        self.chip_label = field_label("档案")
        return chip_line

    def _build_person_box(self, chip_line: QWidget) -> QGroupBox:
        """Left: the visitor."""
        person = QGroupBox("来访人")
        person_form = QFormLayout(person)
        self._tune(person_form)
        self.person_form = person_form
        person_form.addRow(self.chip_label, with_message(chip_line, self._message("petitioner_id")))
        person_form.setRowVisible(0, False)
        person_form.addRow(
            field_label("身份证号"), with_message(self.id_number, self._message("id_number"))
        )
        name_line = QWidget()
        name_layout = QHBoxLayout(name_line)
        name_layout.setContentsMargins(0, 0, 0, 0)
        name_layout.addWidget(
            with_message(self.name, self._message("name")), 1, Qt.AlignmentFlag.AlignTop
        )
        name_layout.addSpacing(8)
        name_layout.addWidget(field_label("性别"), 0, Qt.AlignmentFlag.AlignTop)
        name_layout.addWidget(
            with_message(self.sex, self._message("sex")), 0, Qt.AlignmentFlag.AlignTop
        )
        person_form.addRow(field_label("姓名"), name_line)
        person_form.addRow(
            field_label("联系电话"), with_message(self.phone, self._message("phone"))
        )
        person_form.addRow(
            field_label("住址"), with_message(self.address, self._message("address"))
        )
        person_form.addRow(
            field_label("工作单位"), with_message(self.work_unit, self._message("work_unit"))
        )
        people_line = QWidget()
        people_layout = QHBoxLayout(people_line)
        people_layout.setContentsMargins(0, 0, 0, 0)
        people_layout.addWidget(
            with_message(self.people_count, self._message("people_count")),
            0,
            Qt.AlignmentFlag.AlignTop,
        )
        people_layout.addSpacing(6)
        people_layout.addWidget(self.group_badge, 0, Qt.AlignmentFlag.AlignVCenter)
        people_layout.addWidget(self.group_hint, 1, Qt.AlignmentFlag.AlignVCenter)
        person_form.addRow(field_label("人数"), people_line)
        return person

    def _build_representatives(self) -> None:
        """Below both columns: the representatives of a group (only when people > 1)."""
        self.representatives = RepresentativesEditor()
        self.reps_box = QGroupBox()
        self.reps_box.setObjectName("reps_box")
        reps_layout = QVBoxLayout(self.reps_box)
        reps_layout.setContentsMargins(8, 6, 8, 6)
        reps_layout.addWidget(self.representatives)
        reps_layout.addWidget(self._message("representatives"))
        self.reps_box.hide()

    def _build_matter_fields(self) -> None:
        """The matter's fields."""
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

    def _build_matter_box(self) -> QGroupBox:
        """Right: the matter, its flags, the receiving officer and the leader on duty."""
        matter = QGroupBox("反映问题")
        matter_form = QFormLayout(matter)
        self._tune(matter_form)
        category_line = QWidget()
        category_layout = QHBoxLayout(category_line)
        category_layout.setContentsMargins(0, 0, 0, 0)
        category_layout.addWidget(
            with_message(self.category, self._message("category_id")),
            0,
            Qt.AlignmentFlag.AlignTop,
        )
        category_layout.addSpacing(8)
        category_layout.addWidget(field_label("发生地"), 0, Qt.AlignmentFlag.AlignTop)
        category_layout.addWidget(
            with_message(self.place, self._message("place")), 1, Qt.AlignmentFlag.AlignTop
        )
        matter_form.addRow(field_label("问题类别"), category_line)
        matter_form.addRow(
            field_label("反映的\n主要问题"),
            with_message(self.summary, self._message("summary")),
        )
        matter_form.addRow(
            field_label("诉求"), with_message(self.demands, self._message("demands"))
        )
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
        matter_form.addRow(
            field_label("标记"), with_message(flags_line, self._message("anonymous"))
        )
        self.accused = QLineEdit()
        self.accused.setPlaceholderText("被检举、控告的单位或个人（交办时回避）")
        self.accused_label = field_label("被检举对象")
        matter_form.addRow(self.accused_label, with_message(self.accused, self._message("accused")))
        self.matter_form = matter_form
        self._accused_row = matter_form.rowCount() - 1
        matter_form.setRowVisible(self._accused_row, False)
        staff_line = QWidget()
        staff_layout = QHBoxLayout(staff_line)
        staff_layout.setContentsMargins(0, 0, 0, 0)
        staff_layout.addWidget(
            with_message(self.receiving_officer, self._message("receiving_officer")),
            1,
            Qt.AlignmentFlag.AlignTop,
        )
        staff_layout.addSpacing(8)
        staff_layout.addWidget(field_label("值班领导"), 0, Qt.AlignmentFlag.AlignTop)
        staff_layout.addWidget(
            with_message(self.duty_leader, self._message("duty_leader_id")),
            1,
            Qt.AlignmentFlag.AlignTop,
        )
        matter_form.addRow(field_label("接待人"), staff_line)
        return matter

    def _lay_out(self, top: QHBoxLayout, person: QGroupBox, matter: QGroupBox) -> None:
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

    def _map_fields(self) -> None:
        """Keys of VisitInput → the widget that holds them, in tab order."""
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

    @staticmethod
    def _tune(form: QFormLayout) -> None:
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setHorizontalSpacing(8)
        form.setVerticalSpacing(5)
