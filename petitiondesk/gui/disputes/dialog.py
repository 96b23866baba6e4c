"""矛盾纠纷排查台账…: keep the month's dispute-screening register (seed 001 §6).

A month at the top with 打印台账 (PDF, print preview) and 导出 Excel; below, the month's
disputes on the left and the form of the chosen one on the right (place, matter, people
involved, risk, 责任领导 / 责任单位 / 责任人, deadline, status, notes) with 保存 and 化解销号.
Saves and the close run off the UI thread through :func:`services.disputes.save_dispute`
and :func:`services.disputes.close_dispute`; messages show under their fields.
"""

from __future__ import annotations

import calendar
from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from petitiondesk.core.disputes import DisputeStatus, RiskLevel, month_start, month_text
from petitiondesk.core.identity import Actor
from petitiondesk.core.validation import MAX_PEOPLE
from petitiondesk.services import cases, disputes
from petitiondesk.services.disputes import DisputeInput, DisputeRow
from petitiondesk.services.printouts.dispute_register import dispute_file_name, export_disputes
from petitiondesk.services.result import Result
from petitiondesk.store.db import Database

from .. import errors, prompts
from ..operations import Operation, ProgressFn, run_in_background
from ..widgets.dates import to_date, to_qdate
from ..widgets.form_dialog import button_row
from ..widgets.list_form import ListFormPage
from ..widgets.print_preview import open_pdf_preview

RISK_MARK = {RiskLevel.HIGH: "【高】", RiskLevel.MEDIUM: "【中】", RiskLevel.LOW: "【低】"}


def _text_box(placeholder: str, rows: int) -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setPlaceholderText(placeholder)
    box.setTabChangesFocus(True)
    box.setFixedHeight(box.fontMetrics().lineSpacing() * rows + 14)
    return box


def _date_edit(fmt: str = "yyyy-MM-dd") -> QDateEdit:
    edit = QDateEdit()
    edit.setCalendarPopup(True)
    edit.setDisplayFormat(fmt)
    return edit


class DisputesPage(ListFormPage[DisputeRow]):
    """The disputes of :attr:`month` and the form of the chosen one."""

    def __init__(
        self, db: Database, *, actor: Actor, today: date, parent: QWidget | None = None
    ) -> None:
        super().__init__(db, actor=actor, new_text="新增排查", save_text="保存", parent=parent)
        self.today = today
        self.month = month_start(today)
        self.list.setMinimumWidth(260)
        self.list.setWordWrap(True)
        self._build_fields()
        self.close_button = QPushButton("化解销号")
        self.close_button.setAutoDefault(False)
        self.close_button.setToolTip("登记该矛盾纠纷已化解（化解日期、化解情况）")
        self.close_button.clicked.connect(self.close_current)
        self._lay_out("所选月份排查的矛盾纠纷（风险高的在前）：", buttons=(self.close_button,))
        self.reload()

    def _build_fields(self) -> None:
        fs = self.fieldset
        self.place = QLineEdit()
        self.place.setPlaceholderText("乡镇、村（社区）或单位")
        self.matter = _text_box("矛盾纠纷的起因、现状", 3)
        self.parties = QLineEdit()
        self.parties.setPlaceholderText("如：王某某等12户村民")
        self.people_count = QSpinBox()
        self.people_count.setRange(1, MAX_PEOPLE)
        self.people_count.setSuffix(" 人")
        self.risk = QComboBox()
        for level in RiskLevel:
            self.risk.addItem(level.label, level)
        self.leader = QComboBox()
        self.leader.setEditable(True)
        for choice in cases.reference_data(self.db).leaders:
            self.leader.addItem(choice.label)
        self.unit = QLineEdit()
        self.person = QLineEdit()
        self.deadline = _date_edit()
        self.status_choice = QComboBox()
        for status in DisputeStatus:
            self.status_choice.addItem(status.label, status)
        self.notes = _text_box("稳控、化解措施和进展", 3)
        self.resolved_on = _date_edit()
        self.how = QLineEdit()
        self.how.setPlaceholderText("化解销号时填写：如何化解")
        close_row = QWidget()
        row = QHBoxLayout(close_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.resolved_on)
        row.addWidget(self.how, 1)
        for key, label, widget in (
            ("place", "发生地点", self.place),
            ("matter", "简要情况", self.matter),
            ("parties", "涉及人员", self.parties),
            ("people_count", "人数", self.people_count),
            ("risk", "风险等级", self.risk),
            ("leader", "责任领导", self.leader),
            ("unit", "责任单位", self.unit),
            ("person", "责任人", self.person),
            ("deadline", "化解时限", self.deadline),
            ("status", "化解状态", self.status_choice),
            ("notes", "措施及进展", self.notes),
            ("resolved_on", "化解销号", close_row),
        ):
            fs.add_field(key, label, widget)

    # --- list ---------------------------------------------------------------------------
    def set_month(self, month: date) -> None:
        self.month = month_start(month)
        self.current_id = None
        self.reload()

    def list_items(self) -> list[DisputeRow]:
        return disputes.list_disputes(self.db, self.month)

    def item_text(self, row: DisputeRow) -> tuple[str, str]:
        status = row.status.label
        if row.overdue(self.today):
            status += "，已超期"
        text = f"{RISK_MARK[row.risk]}{row.place}（{status}）\n{row.matter[:30]}"
        tip = f"责任领导：{row.leader}；责任单位：{row.unit}；责任人：{row.person}"
        return text, tip

    def load(self, row: DisputeRow) -> None:
        self.fieldset.clear_messages()
        self.current_id = row.id
        self.place.setText(row.place)
        self.matter.setPlainText(row.matter)
        self.parties.setText(row.parties)
        self.people_count.setValue(row.people_count)
        self.risk.setCurrentIndex(max(self.risk.findData(row.risk), 0))
        self.leader.setCurrentText(row.leader)
        self.unit.setText(row.unit)
        self.person.setText(row.person)
        self.deadline.setDate(to_qdate(row.deadline or self.today))
        self.status_choice.setCurrentIndex(max(self.status_choice.findData(row.status), 0))
        self.notes.setPlainText(row.notes)
        self.resolved_on.setDate(to_qdate(row.resolved_on or self.today))
        self.how.clear()
        self.close_button.setEnabled(row.status is not DisputeStatus.RESOLVED)
        self.status.clear()

    def new_dispute(self) -> None:
        self._start_new()
        for widget in (self.place, self.parties, self.unit, self.person, self.how):
            widget.clear()
        self.matter.clear()
        self.notes.clear()
        self.leader.setCurrentText("")
        self.people_count.setValue(1)
        self.risk.setCurrentIndex(max(self.risk.findData(RiskLevel.MEDIUM), 0))
        self.status_choice.setCurrentIndex(0)
        last_day = calendar.monthrange(self.month.year, self.month.month)[1]
        self.deadline.setDate(to_qdate(self.month.replace(day=last_day)))
        self.resolved_on.setDate(to_qdate(self.today))
        self.close_button.setEnabled(False)
        self.status.clear()
        self.place.setFocus()

    new_item = new_dispute

    # --- writes ---------------------------------------------------------------------------
    def collect(self) -> DisputeInput:
        return DisputeInput(
            id=self.current_id,
            month=self.month,
            place=self.place.text(),
            matter=self.matter.toPlainText(),
            parties=self.parties.text(),
            people_count=self.people_count.value(),
            risk=RiskLevel(self.risk.currentData()),
            leader=self.leader.currentText(),
            unit=self.unit.text(),
            person=self.person.text(),
            deadline=to_date(self.deadline.date()),
            status=DisputeStatus(self.status_choice.currentData()),
            notes=self.notes.toPlainText(),
        )

    def save(self) -> Operation | None:
        db, data, actor = self.db, self.collect(), self.acting()
        return self.write_item(lambda: disputes.save_dispute(db, data, actor=actor))

    def close_current(self) -> Operation | None:
        if self.current_id is None:
            return None
        db, wanted, actor = self.db, self.current_id, self.acting()
        day, how = to_date(self.resolved_on.date()), self.how.text()
        return self.write_item(
            lambda: disputes.close_dispute(db, wanted, resolved_on=day, how=how, actor=actor)
        )

    def acting(self) -> Actor:
        assert isinstance(self.actor, Actor)
        return self.actor


class DisputesDialog(QDialog):
    """矛盾纠纷排查台账…: the month, print and export, and :class:`DisputesPage`."""

    def __init__(
        self,
        db: Database,
        *,
        actor: Actor,
        today: Callable[[], date] = date.today,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("矛盾纠纷排查台账")
        self.db, self.actor = db, actor
        self.operation: Operation | None = None
        self.page = DisputesPage(db, actor=actor, today=today())
        self.month = _date_edit("yyyy年M月")
        self.month.setDate(to_qdate(self.page.month))
        self.month.dateChanged.connect(lambda d: self.page.set_month(to_date(d)))
        self.print_button = QPushButton("打印台账…")
        self.export_button = QPushButton("导出 Excel…")
        self.close_dialog = QPushButton("关闭")
        for button in (self.print_button, self.export_button, self.close_dialog):
            button.setAutoDefault(False)
        self.print_button.clicked.connect(self.print_register)
        self.export_button.clicked.connect(self.export_register)
        self.close_dialog.clicked.connect(self.accept)
        top = QHBoxLayout()
        top.addWidget(QLabel("排查月份："))
        top.addWidget(self.month)
        top.addStretch(1)
        top.addWidget(self.print_button)
        top.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.page, 1)
        layout.addLayout(button_row(self.close_dialog))
        self.resize(960, 640)

    def _office(self) -> str:
        return cases.reference_data(self.db).office_name

    def print_register(self) -> Operation:
        db, month, actor = self.db, self.page.month, self.actor

        def produce(out: Path) -> Result[int]:
            return export_disputes(db, month, out, actor=actor)

        self.operation = open_pdf_preview(
            self,
            produce,
            file_name=dispute_file_name(self._office(), month),
            title=f"矛盾纠纷排查台账 {month_text(month)}",
            label="正在生成矛盾纠纷排查台账…",
        )
        return self.operation

    def export_register(self, target: Path | None = None) -> Operation | None:
        month = self.page.month
        if target is None:
            suggested = Path.home() / dispute_file_name(self._office(), month, ".xlsx")
            target = prompts.ask_save_path(
                self, "导出矛盾纠纷排查台账", suggested, "Excel 工作簿 (*.xlsx)"
            )
        if target is None:
            return None
        outside = prompts.ask_export_use(self, "导出矛盾纠纷排查台账")  # it names people
        if outside is None:
            return None
        db, actor, out = self.db, self.actor, target

        def work(progress: ProgressFn) -> Result[int]:
            return export_disputes(db, month, out, actor=actor, progress=progress, outside=outside)

        def done(result: Result[int]) -> None:
            if not result.ok:
                errors.show_error(self, result.message, title="导出未完成")
                return
            self.page.status.setText(result.message)

        self.operation = run_in_background(
            self,
            work,
            on_success=done,
            on_failure=lambda exc: errors.show_error(self, exc, title="导出失败"),
            label="正在导出矛盾纠纷排查台账…",
        )
        return self.operation
