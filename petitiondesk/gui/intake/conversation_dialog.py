"""接谈记录…: the conversation record of a reception-day visit.

Who received the visitor (接谈领导), when and where, who else sat in, what was said and
the leader's instruction, and who wrote it down. The dialog collects a
:class:`ConversationInput` and calls :func:`services.conversations.save_conversation_record`
in the background (saving again corrects the record); messages come back next to their
fields. 保存并打印 (Ctrl+P) saves, then the tab shows the print preview of
:func:`services.printouts.print_conversation_record`.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from petitiondesk.core.identity import Actor
from petitiondesk.services import conversations
from petitiondesk.services.cases import CaseRow, Choice
from petitiondesk.services.conversations import ConversationInfo, ConversationInput
from petitiondesk.services.result import Result
from petitiondesk.store.db import Database

from ..operations import Operation, ProgressFn, run_write
from ..widgets.dates import to_qdatetime
from ..widgets.field_messages import (
    FieldMessage,
    clear_messages,
    field_label,
    show_errors,
    with_message,
)

CHOOSE_LEADER = "请选择接谈领导"


class ConversationDialog(QDialog):
    """Write (or correct) the 接谈记录 of one visit. ``saved(info)`` after a good save;
    ``print_requested(register_no)`` when 保存并打印 succeeded."""

    saved = Signal(object)
    print_requested = Signal(str)

    def __init__(
        self,
        db: Database,
        case: CaseRow,
        leaders: tuple[Choice, ...],
        *,
        actor: Actor,
        record: ConversationInfo | None = None,
        recorder: str = "",
        now: datetime | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.case = case
        self.actor = actor
        self.operation: Operation | None = None
        self.info: ConversationInfo | None = None
        self._print_after = False
        self.setWindowTitle(f"接谈记录 — {case.register_no} {case.name}")
        self.setMinimumWidth(620)
        self._build(leaders, record, recorder, now or datetime.now())

    def _build(
        self,
        leaders: tuple[Choice, ...],
        record: ConversationInfo | None,
        recorder: str,
        now: datetime,
    ) -> None:
        self.messages: dict[str, FieldMessage] = {}
        context = self._build_context(record)
        self._build_fields(leaders)
        self._fill(record, recorder, now)
        form = self._build_form()
        buttons = self._build_buttons()
        layout = QVBoxLayout(self)
        layout.addWidget(context)
        layout.addLayout(form)
        layout.addWidget(self.general)
        layout.addLayout(buttons)
        self._connect_fields()
        first = self.leader if self.leader.currentData() is None else self.content
        first.setFocus()

    def _with_line(self, widget: QWidget, key: str) -> QWidget:
        """``widget`` with the message line of ``key`` under it."""
        self.messages[key] = FieldMessage(key, self)
        return with_message(widget, self.messages[key])

    def _build_context(self, record: ConversationInfo | None) -> QLabel:
        """The visit the record is about."""
        case = self.case
        context = QLabel(
            f"<b>{case.register_no}</b>　{case.name}　{case.channel.label}，"
            f"{case.received_at:%Y-%m-%d %H:%M} 登记"
            + (f"　{case.category}" if case.category else "")
            + ("　<i>（已有接谈记录，保存即更正）</i>" if record else "")
        )
        context.setTextFormat(Qt.TextFormat.RichText)
        context.setWordWrap(True)
        return context

    def _build_fields(self, leaders: tuple[Choice, ...]) -> None:
        self.leader = QComboBox()
        self.leader.addItem(CHOOSE_LEADER, None)
        for choice in leaders:
            self.leader.addItem(choice.label, choice.id)
        self.held_at = QDateTimeEdit()
        self.held_at.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.held_at.setCalendarPopup(True)
        received = self.case.received_at.replace(hour=0, minute=0)
        self.held_at.setMinimumDateTime(to_qdatetime(received))
        self.place = QLineEdit()
        self.place.setPlaceholderText("如 信访接待室（可不填）")
        self.attendees = QLineEdit()
        self.attendees.setPlaceholderText("陪同接访的科室负责人、记录人等")
        self.content = QPlainTextEdit()
        self.content.setTabChangesFocus(True)
        self.content.setPlaceholderText("来访人反映的情况和诉求，领导的询问与解答")
        self.instruction = QPlainTextEdit()
        self.instruction.setTabChangesFocus(True)
        self.instruction.setPlaceholderText("接谈领导的意见、指示与决定")
        line = self.fontMetrics().lineSpacing()
        self.content.setMinimumHeight(line * 6 + 12)
        self.instruction.setMinimumHeight(line * 3 + 12)
        self.recorder = QLineEdit()

    def _fill(self, record: ConversationInfo | None, recorder: str, now: datetime) -> None:
        """The record being corrected, or a new one (now, the leader on duty)."""
        case = self.case
        if record is not None:
            self.leader.setCurrentIndex(max(self.leader.findData(record.leader_id), 0))
            self.held_at.setDateTime(to_qdatetime(record.held_at))
            self.place.setText(record.place)
            self.attendees.setText(record.attendees)
            self.content.setPlainText(record.content)
            self.instruction.setPlainText(record.leader_instruction)
            self.recorder.setText(record.recorder)
        else:
            self.held_at.setDateTime(to_qdatetime(now))
            # The leader on duty of the registration, if the list names one.
            for index in range(1, self.leader.count()):
                if case.duty_leader and self.leader.itemText(index).startswith(case.duty_leader):
                    self.leader.setCurrentIndex(index)
                    break
            self.recorder.setText(recorder)

    def _build_form(self) -> QFormLayout:
        with_line = self._with_line
        top = QWidget()
        top_layout = QHBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(with_line(self.leader, "leader_id"), 1, Qt.AlignmentFlag.AlignTop)
        top_layout.addSpacing(8)
        top_layout.addWidget(field_label("接谈时间"), 0, Qt.AlignmentFlag.AlignTop)
        top_layout.addWidget(with_line(self.held_at, "held_at"), 0, Qt.AlignmentFlag.AlignTop)

        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(field_label("接谈领导"), top)
        form.addRow(field_label("地点"), with_line(self.place, "place"))
        form.addRow(field_label("参加人员"), with_line(self.attendees, "attendees"))
        form.addRow(field_label("谈话内容"), with_line(self.content, "content"))
        form.addRow(field_label("领导意见"), with_line(self.instruction, "leader_instruction"))
        form.addRow(field_label("记录人"), with_line(self.recorder, "recorder"))
        self.fields: dict[str, QWidget] = {
            "leader_id": self.leader,
            "held_at": self.held_at,
            "place": self.place,
            "attendees": self.attendees,
            "content": self.content,
            "leader_instruction": self.instruction,
            "recorder": self.recorder,
        }
        return form

    def _build_buttons(self) -> QHBoxLayout:
        """保存, 保存并打印, 取消; Ctrl+Enter saves, Ctrl+P saves and prints."""
        self.general = FieldMessage("", self)
        self.messages[""] = self.general
        self.save_button = QPushButton("保存")
        self.save_button.setObjectName("save_button")
        self.save_button.setToolTip("保存接谈记录（Ctrl+Enter）")
        self.save_button.setDefault(True)
        self.print_button = QPushButton("保存并打印 (Ctrl+P)")
        self.print_button.setObjectName("print_button")
        self.cancel_button = QPushButton("取消")
        self.save_button.clicked.connect(lambda: self.save())
        self.print_button.clicked.connect(lambda: self.save(print_after=True))
        self.cancel_button.clicked.connect(self.reject)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self).activated.connect(lambda: self.save())
        QShortcut(QKeySequence(QKeySequence.StandardKey.Print), self).activated.connect(
            lambda: self.save(print_after=True)
        )
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.save_button)
        return buttons

    def _connect_fields(self) -> None:
        """Typing in a field clears its message."""
        for key, widget in self.fields.items():
            if isinstance(widget, QLineEdit):
                widget.textChanged.connect(lambda _t, k=key: self.messages[k].clear_message())
            elif isinstance(widget, QPlainTextEdit):
                widget.textChanged.connect(lambda k=key: self.messages[k].clear_message())
            elif isinstance(widget, QComboBox):
                widget.currentIndexChanged.connect(
                    lambda _i, k=key: self.messages[k].clear_message()
                )

    def collect(self) -> ConversationInput:
        held = self.held_at.dateTime().toPython()
        assert isinstance(held, datetime)
        return ConversationInput(
            leader_id=self.leader.currentData(),
            held_at=held.replace(second=0, microsecond=0),
            content=self.content.toPlainText(),
            recorder=self.recorder.text(),
            attendees=self.attendees.text(),
            leader_instruction=self.instruction.toPlainText(),
            place=self.place.text(),
        )

    def is_saving(self) -> bool:
        return self.operation is not None and not self.operation.done

    def save(self, *, print_after: bool = False) -> None:
        if self.is_saving():
            return
        clear_messages(self.messages)
        self._print_after = print_after
        data = self.collect()
        db, number, actor = self.db, self.case.register_no, self.actor

        def work(_progress: ProgressFn) -> Result[ConversationInfo]:
            return conversations.save_conversation_record(db, number, data, actor)

        for button in (self.save_button, self.print_button):
            button.setEnabled(False)
        # The register does not show conversation records: no topic to tell.
        self.operation = run_write(
            self, work, on_success=self._saved, on_refused=self._saved, label="正在保存…"
        )
        self.operation.finished.connect(self._enable)

    def _enable(self) -> None:
        for button in (self.save_button, self.print_button):
            button.setEnabled(True)

    def _saved(self, result: Result[ConversationInfo]) -> None:
        if not result.ok or result.value is None:
            self.show_errors(result.errors)
            return
        self.info = result.value
        self.saved.emit(result.value)
        if self._print_after:
            self.print_requested.emit(self.case.register_no)
        self.accept()

    def show_errors(self, errors: dict[str, str]) -> None:
        show_errors(self.messages, self.fields, errors)
