"""办公室设置…: messages under the fields, a live document-number example, Enter saves,
and a changed representative limit is enforced at the next registration."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from petitiondesk.core.idcard import id_check_digit
from petitiondesk.gui import operations
from petitiondesk.gui.intake.tab import IntakeTab
from petitiondesk.gui.main_window import MainWindow
from petitiondesk.gui.settings.office_dialog import OfficeSettingsDialog
from petitiondesk.services import cases, settings
from petitiondesk.store.db import Database


def open_dialog(main_window: MainWindow) -> OfficeSettingsDialog:
    main_window.settings_menu.office_action.trigger()
    dialog = main_window.settings_menu.office_dialog
    assert isinstance(dialog, OfficeSettingsDialog) and dialog.isVisible()
    return dialog


def test_a_bad_value_is_shown_under_its_field_and_nothing_is_saved(
    qtbot: QtBot, db: Database, main_window: MainWindow
) -> None:
    dialog = open_dialog(main_window)
    before = settings.get_office_settings(db)
    dialog.name.clear()
    dialog.doc_prefix.clear()
    qtbot.keyClicks(dialog.doc_prefix, "QX[2027]")
    assert "〔" in dialog.doc_example.text() and "1号" in dialog.doc_example.text()
    qtbot.keyClick(dialog.doc_prefix, Qt.Key.Key_Return)  # Enter saves
    assert operations.wait_for_all()
    assert dialog.isVisible()
    assert dialog.message_text("name") == "请填写单位名称"
    assert dialog.message_text("doc_prefix").startswith("文号前缀只填单位简称")
    assert dialog.name.hasFocus()
    assert settings.get_office_settings(db) == before
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # Esc cancels
    assert not dialog.isVisible()


def test_a_lower_representative_limit_is_enforced_at_the_next_registration(
    qtbot: QtBot,
    db: Database,
    main_window: MainWindow,
    intake: IntakeTab,
    fill: Callable[..., None],
    save: Callable[[], None],
) -> None:
    dialog = open_dialog(main_window)
    dialog.rep_limit.selectAll()
    qtbot.keyClicks(dialog.rep_limit, "3")
    dialog.officers.setPlainText("赵敏\n钱立")
    qtbot.keyClick(dialog.phone, Qt.Key.Key_Return)
    assert operations.wait_for_all()
    assert not dialog.isVisible()
    saved = settings.get_office_settings(db)
    assert saved.group_rep_limit == 3 and saved.receiving_officers == ("赵敏", "钱立")
    assert settings.group_visit_rules(db).group_rep_limit == 3

    form = intake.form
    fill()
    form.people_count.setValue(12)
    assert "不超过3人" in form.representatives.title.text()
    editor = form.representatives
    for number, name in enumerate(["甲一", "乙二", "丙三", "丁四"]):
        line = editor.lines[number]
        line.name.setText(name)
        first17 = f"41012219800101{number:02d}1"
        qtbot.keyClicks(line.id_number, first17 + id_check_digit(first17))
        qtbot.keyClicks(line.phone, f"138037100{number:02d}")
        if number < 3:
            qtbot.keyClick(line.phone, Qt.Key.Key_Return)
    save()
    assert cases.count_cases(db) == 0
    message = form.messages["representatives"].text()
    assert "代表人数4人，超过上限" in message and "不超过3人" in message


def test_cluster_window_and_count_are_saved(
    qtbot: QtBot, db: Database, main_window: MainWindow
) -> None:
    dialog = open_dialog(main_window)
    assert (dialog.cluster_window.value(), dialog.cluster_threshold.value()) == (30, 3)
    dialog.cluster_window.selectAll()
    qtbot.keyClicks(dialog.cluster_window, "14")
    dialog.cluster_threshold.selectAll()
    qtbot.keyClicks(dialog.cluster_threshold, "5")
    qtbot.keyClick(dialog.phone, Qt.Key.Key_Return)
    assert operations.wait_for_all()
    assert not dialog.isVisible()
    saved = settings.get_office_settings(db)
    assert (saved.cluster_window_days, saved.cluster_threshold) == (14, 5)


def test_idle_lock_and_confidential_roles_are_saved_and_the_idle_time_applies_at_once(
    qtbot: QtBot, db: Database, main_window: MainWindow
) -> None:
    from petitiondesk.core.identity import Role

    dialog = open_dialog(main_window)
    admin_box = dialog.role_boxes[Role.ADMIN]
    assert admin_box.isChecked() and not admin_box.isEnabled()  # administrators always
    assert dialog.idle_lock.value() == 10
    dialog.idle_lock.selectAll()
    qtbot.keyClicks(dialog.idle_lock, "25")
    dialog.role_boxes[Role.LEADER].setChecked(True)
    qtbot.keyClick(dialog.phone, Qt.Key.Key_Return)
    assert operations.wait_for_all()
    assert not dialog.isVisible()
    saved = settings.get_office_settings(db)
    assert saved.idle_lock_minutes == 25
    assert saved.confidential_roles == {Role.LEADER, Role.ADMIN}
    idle = main_window.account_menu.idle
    assert idle.minutes == 25 and idle.timer.interval() == 25 * 60_000  # no restart needed
    dialog = open_dialog(main_window)
    assert dialog.idle_lock.value() == 25 and dialog.role_boxes[Role.LEADER].isChecked()
    dialog.idle_lock.setValue(0)
    assert dialog.idle_lock.text() == "从不"
    qtbot.keyClick(dialog.phone, Qt.Key.Key_Return)
    assert operations.wait_for_all()
    assert main_window.account_menu.idle.minutes == 0
    assert not main_window.account_menu.idle.timer.isActive()  # never locks
