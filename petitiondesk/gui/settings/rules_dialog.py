"""期限规则…: the deadline rules as data (``services.deadline_rules``).

A list of the rules (code, name, number, 自然日/工作日, roll flag, basis, active) and the
form of the chosen one: 新增规则 empties the form, 保存规则 adds or edits, 停用/启用
deactivates or reactivates (the program's own rules can be edited, not deactivated).
Editing a rule never moves a deadline already set; new cases use the new rule.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from petitiondesk.core.deadlines import MAX_RULE_DAYS
from petitiondesk.core.enums import DayUnit
from petitiondesk.core.identity import Actor
from petitiondesk.services import deadline_rules
from petitiondesk.services.deadline_rules import RuleInput, RuleRow
from petitiondesk.store.db import Database

from .. import signals
from ..operations import Operation
from ..widgets.form_dialog import button_row
from ..widgets.list_form import ListFormPage

ROLL_TEXT = "期满日遇节假日顺延至下一个工作日（《民法典》第二百零三条）"


class DeadlineRulesPage(ListFormPage[RuleRow]):
    """The rules in the order they were added; the form of the chosen one."""

    topics = (signals.SETTINGS,)

    def __init__(self, db: Database, *, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(db, actor=actor, new_text="新增规则", save_text="保存规则", parent=parent)
        self.list.setMinimumWidth(300)
        self.code = QLineEdit()
        self.code.setPlaceholderText("如：letter_reply（小写英文字母、数字、下划线）")
        self.name = QLineEdit()
        self.days = QSpinBox()
        self.days.setRange(1, MAX_RULE_DAYS)
        self.unit = QComboBox()
        for unit in DayUnit:
            self.unit.addItem(unit.label, unit)
        self.roll = QCheckBox(ROLL_TEXT)
        self.basis = QLineEdit()
        self.basis.setPlaceholderText("如：《信访工作条例》第三十四条，或本单位规定")
        self.active_label = QLabel()
        self.active_button = QPushButton("停用")
        self.active_button.setAutoDefault(False)
        self.active_button.clicked.connect(self.toggle_active)
        fs = self.fieldset
        fs.add_field("code", "代码", self.code)
        fs.add_field("name", "名称", self.name)
        fs.add_field("days", "天数", self.days)
        fs.add_field("unit", "计算方式", self.unit)
        fs.add_field("roll_to_workday", "", self.roll)
        fs.add_field("basis", "依据", self.basis)
        fs.add_field("active", "状态", self.active_label)
        self.unit.currentIndexChanged.connect(self._unit_changed)
        note = QLabel("修改规则不改变已设定的期限，只用于此后登记的案件。")
        note.setWordWrap(True)
        note.setStyleSheet("color: #555;")
        self._lay_out("期限规则：", note, buttons=(self.active_button,))
        self.reload()

    # --- list ---------------------------------------------------------------------------
    def list_items(self) -> list[RuleRow]:
        return deadline_rules.list_deadline_rules(self.db)

    def item_text(self, rule: RuleRow) -> tuple[str, str]:
        text = f"{rule.name}：{rule.label}"
        if not rule.active:
            text = f"（停用）{text}"
        tip = f"代码：{rule.code}\n依据：{rule.basis or '（未填）'}"
        if rule.system:
            tip += "\n程序计算期限时使用，不能停用"
        return text, tip

    def load(self, rule: RuleRow) -> None:
        self.fieldset.clear_messages()
        self.current_id = rule.id
        self.code.setText(rule.code)
        self.code.setReadOnly(True)
        self.name.setText(rule.name)
        self.days.setValue(rule.days)
        self.unit.setCurrentIndex(max(self.unit.findData(rule.unit), 0))
        self.roll.setChecked(rule.roll_to_workday)
        self.basis.setText(rule.basis)
        self._show_active(rule)
        self._unit_changed()
        self.status.clear()

    def _show_active(self, rule: RuleRow | None) -> None:
        if rule is None:
            self.active_label.setText("新规则，保存后启用")
            self.active_button.setEnabled(False)
            return
        text = "启用" if rule.active else "已停用"
        if rule.system:
            text += "（程序计算期限时使用，不能停用）"
        self.active_label.setText(text)
        self.active_button.setText("停用" if rule.active else "启用")
        self.active_button.setEnabled(not (rule.system and rule.active))

    def new_rule(self) -> None:
        self._start_new()
        self.code.setReadOnly(False)
        for widget in (self.code, self.name, self.basis):
            widget.clear()
        self.days.setValue(15)
        self.unit.setCurrentIndex(0)
        self.roll.setChecked(True)
        self._show_active(None)
        self._unit_changed()
        self.status.clear()
        self.code.setFocus()

    new_item = new_rule

    def current_rule(self) -> RuleRow | None:
        return next((r for r in self._items if r.id == self.current_id), None)

    def _unit_changed(self) -> None:
        self.roll.setEnabled(self.unit.currentData() is DayUnit.CALENDAR)

    # --- save ---------------------------------------------------------------------------
    def collect(self) -> RuleInput:
        return RuleInput(
            code=self.code.text().strip(),
            name=self.name.text(),
            days=self.days.value(),
            unit=DayUnit(self.unit.currentData()),
            roll_to_workday=self.roll.isChecked(),
            basis=self.basis.text(),
        )

    def save(self) -> Operation | None:
        db, data, actor = self.db, self.collect(), self.actor
        if self.current_id is None:
            return self.write_item(lambda: deadline_rules.add_deadline_rule(db, data, actor=actor))
        return self.write_item(lambda: deadline_rules.update_deadline_rule(db, data, actor=actor))

    def toggle_active(self) -> Operation | None:
        rule = self.current_rule()
        if rule is None:
            return None
        db, actor, wanted = self.db, self.actor, not rule.active
        return self.write_item(
            lambda: deadline_rules.set_deadline_rule_active(db, rule.code, wanted, actor=actor)
        )


class DeadlineRulesDialog(QDialog):
    """期限规则…: the page and 关闭."""

    def __init__(self, db: Database, *, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("期限规则")
        self.page = DeadlineRulesPage(db, actor=actor)
        self.close_button = QPushButton("关闭")
        self.close_button.setAutoDefault(False)
        self.close_button.clicked.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(self.page, 1)
        layout.addLayout(button_row(self.close_button))
        self.resize(900, 520)
