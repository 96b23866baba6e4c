"""期限规则…: the seeded rules listed; a rule added, refused first under its field; the
program's own rules cannot be deactivated, an added one can."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from petitiondesk.core.enums import DayUnit
from petitiondesk.gui import operations
from petitiondesk.gui.main_window import MainWindow
from petitiondesk.gui.settings.rules_dialog import DeadlineRulesDialog
from petitiondesk.services import deadline_rules
from petitiondesk.store.db import Database


def test_a_rule_is_added_and_deactivated(
    qtbot: QtBot, db: Database, main_window: MainWindow
) -> None:
    main_window.settings_menu.rules_action.trigger()
    dialog = main_window.settings_menu.rules_dialog
    assert isinstance(dialog, DeadlineRulesDialog) and dialog.isVisible()
    qtbot.waitUntil(dialog.isActiveWindow)
    page = dialog.page
    seeded = len(deadline_rules.list_deadline_rules(db))
    assert page.list.count() == seeded > 5
    assert page.code.text() == "register_forward" and page.code.isReadOnly()
    assert page.active_button.isEnabled()
    page.list.setCurrentRow(3)  # 办理期限: the program computes with it
    assert page.code.text() == "handling" and page.name.text() == "办理期限"
    assert page.days.value() == 60 and page.roll.isChecked()
    assert not page.active_button.isEnabled() and "不能停用" in page.active_label.text()

    page.new_button.click()
    assert page.code.text() == "" and not page.code.isReadOnly() and page.code.hasFocus()
    qtbot.keyClicks(page.code, "Bad Code")
    page.save_button.click()
    assert operations.wait_for_all()
    assert page.fieldset.message_text("code").startswith("代码应为")
    assert page.fieldset.message_text("name") == "请填写名称"
    assert len(deadline_rules.list_deadline_rules(db)) == seeded

    page.code.clear()
    qtbot.keyClicks(page.code, "petition_reply")
    page.name.setText("信访事项答复")
    page.days.selectAll()
    qtbot.keyClicks(page.days, "20")
    page.unit.setCurrentIndex(page.unit.findData(DayUnit.WORKDAY))
    assert not page.roll.isEnabled()
    page.basis.setText("本单位规定")
    qtbot.keyClick(page.basis, Qt.Key.Key_Return)
    assert operations.wait_for_all()
    added = deadline_rules.list_deadline_rules(db)[-1]
    assert (added.code, added.name, added.days, added.unit, added.active) == (
        "petition_reply", "信访事项答复", 20, DayUnit.WORKDAY, True,
    )  # fmt: skip
    assert page.list.count() == seeded + 1 and page.list.currentRow() == seeded
    assert page.list.currentItem().text() == "信访事项答复：20个工作日"
    assert page.status.text() == "已新增期限规则“信访事项答复”"

    assert page.active_button.isEnabled()
    page.active_button.click()
    assert operations.wait_for_all()
    assert not deadline_rules.list_deadline_rules(db)[-1].active
    assert page.list.currentItem().text().startswith("（停用）")
