"""预约…: book a visitor into a leader's reception slot (谁主管、谁接访), 改约 to the
owner of the issue, and 打印四卡 (:class:`BookingDialog`)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from petitiondesk.core.identity import Actor
from petitiondesk.services import appointments, cases
from petitiondesk.services.appointments import (
    Booking,
    BookingInput,
    PetitionChoice,
    SlotSuggestion,
)
from petitiondesk.services.printouts import responsible_units
from petitiondesk.services.result import Result
from petitiondesk.store.db import Database

from ..operations import Operation, ProgressFn, run_write
from ..signals import ROSTER
from ..widgets.form_dialog import CATEGORY_PLACEHOLDER, NO_CHOICE, WARN_STYLE, FormDialog
from .booking_petition import PetitionPicker

OK_STYLE = "color: #2e7d32; font-weight: bold;"
#: The booking dialog looks this many days ahead unless the clerk changes it.
DEFAULT_BOOKING_DAYS = 14
MAX_BOOKING_DAYS = 90
#: 改约: the cancellation of the old booking, and the new booking (None if not cancelled).
Rebooked = tuple[Result[Any], Result[Booking] | None]


def suggestion_text(s: SlotSuggestion) -> str:
    mark = "【分管】" if s.covers_category else ""
    uncovered = "（待核）" if s.calendar_uncovered else ""
    title = f" {s.leader_title}" if s.leader_title else ""
    return (
        f"{mark}{s.day.month}月{s.day.day}日{uncovered}（{s.weekday}）{s.time_text} "
        f"{s.leader_name}{title} · 余{s.remaining}个"
    )


class BookingDialog(FormDialog):
    """预约…: the visitor and the issue; the slots of the next days with the leaders who
    own the issue first (谁主管、谁接访); book; then the booking, any portfolio warning
    with a better slot (改约), and 打印四卡.

    ``saved(result)`` after each booking (also after 改约); ``print_requested(id)``
    when the clerk asks for the 四卡 of the booking.
    """

    print_requested = Signal(int)

    def __init__(
        self,
        db: Database,
        *,
        actor: Actor,
        preferred_entry_id: int | None = None,
        today: date | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__("预约领导接待", parent)
        self.db, self.actor = db, actor
        self.today = today or date.today()
        self.preferred_entry_id = preferred_entry_id
        self.booking: Booking | None = None
        self.last_result: Result[Booking] | None = None
        self._input: BookingInput | None = None
        self._suggestions: list[SlotSuggestion] = []
        self._build_visitor_fields()
        slot_panel = self._build_slot_panel()
        self._build_result_and_buttons()
        self._lay_out(slot_panel)
        self.reload_slots()

    def _build_visitor_fields(self) -> None:
        """The visitor and the issue (the form on the left)."""
        db = self.db
        self.visitor_name = QLineEdit()
        self.phone = QLineEdit()
        self.phone.setPlaceholderText("手机或固定电话")
        self.category = QComboBox()
        self.category.addItem(CATEGORY_PLACEHOLDER, None)
        for choice in cases.reference_data(db).categories:
            self.category.addItem(choice.label, choice.id)
        self.summary = QPlainTextEdit()
        self.summary.setTabChangesFocus(True)
        self.summary.setPlaceholderText("来访人反映的问题（简要）")
        self.summary.setFixedHeight(self.fontMetrics().height() * 5)
        self.unit = QComboBox()
        self.unit.addItem(NO_CHOICE, None)
        for unit in responsible_units(db):
            self.unit.addItem(unit.label, unit.id)
        self.petition = PetitionPicker(db)
        self.petition_no, self.recent = self.petition.petition_no, self.petition.recent
        self.petition_info = self.petition.petition_info
        self.petition.looked_up.connect(self._petition_found)
        self.visitor_name.editingFinished.connect(
            lambda: self.petition.load_recent(self.visitor_name.text())
        )
        self.add_field("petition_register_no", "登记号", self.petition)
        self.add_field("visitor_name", "来访人", self.visitor_name)
        self.add_field("phone", "联系电话", self.phone)
        self.add_field("category_id", "问题类别", self.category)
        self.add_field("summary", "反映问题", self.summary)
        self.add_field("responsible_department_id", "责任单位", self.unit)

    def _build_slot_panel(self) -> QVBoxLayout:
        """The slots that still take bookings (on the right), the owners first."""
        self.days = QSpinBox()
        self.days.setRange(1, MAX_BOOKING_DAYS)
        self.days.setValue(DEFAULT_BOOKING_DAYS)
        self.days.setSuffix(" 天内")
        self.days.setToolTip("查找今天起多少天内的接待时段")
        self.slots = QListWidget()
        self.slots.setMinimumWidth(380)
        self.slot_message = self.fieldset.add_message("entry_id", self.slots)
        self.match_hint = QLabel()
        self.match_hint.setWordWrap(True)
        self.category.currentIndexChanged.connect(self.reload_slots)
        self.days.valueChanged.connect(self.reload_slots)
        self.slots.currentRowChanged.connect(self._slot_chosen)
        self.slots.itemActivated.connect(lambda _item: self.submit())

        slot_header = QHBoxLayout()
        title = QLabel("可预约的接待时段")
        title.setStyleSheet("font-weight: bold;")
        slot_header.addWidget(title)
        slot_header.addStretch(1)
        slot_header.addWidget(QLabel("今后"))
        slot_header.addWidget(self.days)
        slot_panel = QVBoxLayout()
        slot_panel.addLayout(slot_header)
        slot_panel.addWidget(self.slots, 1)
        slot_panel.addWidget(self.match_hint)
        slot_panel.addWidget(self.slot_message)
        return slot_panel

    def _build_result_and_buttons(self) -> None:
        """After booking: the booking, a warning and 改约; 预约, 打印四卡, 关闭."""
        self.result_label = QLabel()
        self.result_label.setWordWrap(True)
        self.result_label.setStyleSheet(OK_STYLE)
        self.result_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.warning_label = QLabel()
        self.warning_label.setWordWrap(True)
        self.warning_label.setStyleSheet(WARN_STYLE)
        self.better_button = QPushButton()
        self.better_button.clicked.connect(self.rebook_better)
        for widget in (self.result_label, self.warning_label, self.better_button):
            widget.hide()

        self.book_button = QPushButton("预约")
        self.book_button.setDefault(True)
        self.print_button = QPushButton("打印四卡…")
        self.print_button.setToolTip("预览并打印本次预约的领导接待日四卡（Ctrl+P）")
        self.print_button.setShortcut("Ctrl+P")
        self.close_button = QPushButton("关闭")
        self.book_button.clicked.connect(self.submit)
        self.print_button.clicked.connect(self._print)
        self.close_button.clicked.connect(self.accept)
        self.print_button.hide()

    def _lay_out(self, slot_panel: QVBoxLayout) -> None:
        columns = QHBoxLayout()
        left = QVBoxLayout()
        left.addLayout(self.form)
        left.addStretch(1)
        columns.addLayout(left, 1)
        columns.addSpacing(8)
        columns.addLayout(slot_panel, 1)
        layout = QVBoxLayout(self)
        rule = QLabel("谁主管、谁接访：分管该类问题的领导的接待时段排在前面，标“【分管】”。")
        rule.setWordWrap(True)
        rule.setStyleSheet("color: #555;")
        layout.addWidget(rule)
        layout.addWidget(self.general)
        layout.addLayout(columns, 1)
        layout.addWidget(self.result_label)
        layout.addWidget(self.warning_label)
        better_row = QHBoxLayout()
        better_row.addWidget(self.better_button)
        better_row.addStretch(1)
        layout.addLayout(better_row)
        layout.addLayout(self.button_row(self.book_button, self.print_button, self.close_button))
        self.resize(900, 520)

    # --- slots ----------------------------------------------------------------------------
    def category_id(self) -> int | None:
        value = self.category.currentData()
        return int(value) if value is not None else None

    def suggestions(self) -> list[SlotSuggestion]:
        return list(self._suggestions)

    def reload_slots(self) -> None:
        """The slots of the next ``days`` days that still take bookings, owners first.

        The slot the clerk chose (in the roster or in this list) stays selected while it
        is listed; otherwise the first one — a slot of a leader who owns the issue."""
        chosen = self.preferred_entry_id
        self._suggestions = appointments.suggest_slots(
            self.db,
            self.category_id(),
            self.today,
            self.today + timedelta(days=self.days.value()),
        )
        self.slots.blockSignals(True)
        self.slots.clear()
        for s in self._suggestions:
            item = QListWidgetItem(suggestion_text(s))
            item.setData(Qt.ItemDataRole.UserRole, s.entry_id)
            item.setToolTip(f"{s.place}\n已预约{s.booked}人，最多{s.capacity}人")
            self.slots.addItem(item)
        row = next((i for i, s in enumerate(self._suggestions) if s.entry_id == chosen), 0)
        self.slots.setCurrentRow(row if self._suggestions else -1)
        self.slots.blockSignals(False)
        self._update_match_hint()

    def _slot_chosen(self, row: int) -> None:
        """The clerk picked a slot in the list: keep it when the list is reloaded."""
        if 0 <= row < len(self._suggestions):
            self.preferred_entry_id = self._suggestions[row].entry_id
        self._update_match_hint()

    def selected_entry_id(self) -> int | None:
        item = self.slots.currentItem()
        value = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        return int(value) if value is not None else None

    def select_entry(self, entry_id: int) -> bool:
        for row, s in enumerate(self._suggestions):
            if s.entry_id == entry_id:
                self.slots.setCurrentRow(row)
                return True
        return False

    def _update_match_hint(self) -> None:
        if not self._suggestions:
            self.match_hint.setStyleSheet(WARN_STYLE)
            self.match_hint.setText(
                f"今后{self.days.value()}天内没有可预约的接待时段（已满、未排班或遇节假日），"
                "请延长天数或先生成排班。"
            )
            return
        if self.category_id() is None:
            self.match_hint.setStyleSheet("color: #555;")
            self.match_hint.setText("选择问题类别后，分管该类问题的领导排在前面。")
            return
        current = self.slots.currentRow()
        chosen = self._suggestions[current] if 0 <= current < len(self._suggestions) else None
        owner = next((s for s in self._suggestions if s.covers_category), None)
        category = self.category.currentText()
        if chosen is not None and not chosen.covers_category:
            self.match_hint.setStyleSheet(WARN_STYLE)
            if owner is not None:
                self.match_hint.setText(
                    f"{chosen.leader_name}不分管“{category}”，建议预约{owner.leader_name}"
                    f" {owner.day.month}月{owner.day.day}日（{owner.weekday} {owner.time_text}）。"
                )
            else:
                self.match_hint.setText(
                    f"今后{self.days.value()}天内没有分管“{category}”的领导的接待时段。"
                )
            return
        self.match_hint.setStyleSheet("color: #2e7d32;")
        self.match_hint.setText(f"所选领导分管“{category}”。" if chosen else "")

    def _petition_found(self, choice: PetitionChoice) -> None:
        """The petition's visitor and issue fill what the clerk has not typed yet."""
        if not self.visitor_name.text().strip():
            self.visitor_name.setText(choice.name)
        if not self.phone.text().strip():
            self.phone.setText(choice.phone)
        if self.category_id() is None and choice.category_id is not None:
            self.category.setCurrentIndex(max(self.category.findData(choice.category_id), 0))
        if not self.summary.toPlainText().strip():
            self.summary.setPlainText(choice.summary)

    # --- booking --------------------------------------------------------------------------
    def collect(self) -> BookingInput:
        unit = self.unit.currentData()
        return BookingInput(
            entry_id=self.selected_entry_id(),
            visitor_name=self.visitor_name.text(),
            category_id=self.category_id(),
            phone=self.phone.text(),
            summary=self.summary.toPlainText(),
            responsible_department_id=int(unit) if unit is not None else None,
            petition_register_no=self.petition.text(),
        )

    def submit(self) -> Operation | None:
        """预约: book the selected slot; messages under the fields if refused."""
        if self.booking is not None:
            return None
        db, data, actor, today = self.db, self.collect(), self.actor, self.today

        def done(result: Result[Booking]) -> None:
            self.last_result = result
            if not result.ok or result.value is None:
                self.show_errors(result.errors)
                return
            self._input = data
            self._booked(result)

        return self.write(
            lambda: appointments.book_appointment(db, data, actor=actor, today=today),
            topics=(ROSTER,),
            on_done=done,
        )

    def _booked(self, result: Result[Booking]) -> None:
        booking = result.value
        assert booking is not None
        self.booking = booking
        self.clear_messages()
        self.result_label.setText(
            f"已预约：{booking.day.month}月{booking.day.day}日 {booking.time_text} "
            f"{booking.place} {booking.leader_name}，{booking.ticket}（当前第{booking.position}位）。"
        )
        self.result_label.show()
        if booking.warnings:
            self.warning_label.setText("\n".join(booking.warnings))
            self.warning_label.show()
        else:
            self.warning_label.hide()
        better = booking.better_slot
        if better is not None:
            self.better_button.setText(
                f"改约到 {better.day.month}月{better.day.day}日（{better.weekday}）"
                f"{better.time_text} {better.leader_name}"
            )
            self.better_button.show()
        else:
            self.better_button.hide()
        for widget in (
            self.petition,
            self.visitor_name,
            self.phone,
            self.category,
            self.summary,
            self.unit,
        ):
            widget.setEnabled(False)
        self.slots.setEnabled(False)
        self.days.setEnabled(False)
        self.book_button.hide()
        self.print_button.show()
        self.print_button.setDefault(True)
        self.close_button.setText("完成")
        self.print_button.setFocus()
        self.saved.emit(result)

    def rebook_better(self) -> Operation | None:
        """改约: cancel this booking and book the suggested slot of the owning leader."""
        booking, data = self.booking, self._input
        if booking is None or data is None or booking.better_slot is None or self.is_saving():
            return None
        better = booking.better_slot
        db, actor, today = self.db, self.actor, self.today
        data.entry_id = better.entry_id

        def work(_progress: ProgressFn) -> Rebooked:
            cancelled = appointments.cancel_appointment(
                db,
                booking.appointment_id,
                reason=f"改约到分管领导{better.leader_name}的接待时段",
                actor=actor,
            )
            if not cancelled.ok:
                return cancelled, None
            return cancelled, appointments.book_appointment(db, data, actor=actor, today=today)

        self.operation = run_write(
            self,
            work,
            topics=(ROSTER,),
            succeeded=lambda outcome: outcome[0].ok,  # the old booking is gone
            on_success=self._rebooked,
            on_refused=self._rebooked,
        )
        return self.operation

    def _rebooked(self, outcome: Rebooked) -> None:
        cancelled, result = outcome
        if result is None:
            self.warning_label.setText(cancelled.message)
            return
        if not result.ok or result.value is None:
            # The old booking is cancelled and the new slot refused (it filled up
            # meanwhile): say so and let the clerk book again.
            self.booking = None
            self.warning_label.setText(f"改约未成功：{result.message}，原预约已取消，请重新预约。")
            self.better_button.hide()
            self.saved.emit(cancelled)
            return
        self._booked(result)

    def _print(self) -> None:
        if self.booking is not None:
            self.print_requested.emit(self.booking.appointment_id)
            self.accept()
