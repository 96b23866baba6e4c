"""领导与接待规则…: leaders with rota order and portfolio, reception rules, messages by field."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from petitiondesk.core.enums import DayOffPolicy, ReceptionRuleKind
from petitiondesk.core.periods import PERIOD_CUSTOM
from petitiondesk.gui import operations
from petitiondesk.gui.main_window import MainWindow
from petitiondesk.gui.roster.leaders_dialog import LeadersRulesDialog, portfolio_note
from petitiondesk.gui.roster.table_model import COL_LEADER
from petitiondesk.gui.tabs import TAB_ROSTER
from petitiondesk.services.roster import (
    RuleInput,
    generate_roster,
    list_leaders,
    list_rules,
    save_reception_rule,
)
from petitiondesk.store.db import Database
from tests.helpers import actor


def open_dialog(main_window: MainWindow) -> LeadersRulesDialog:
    main_window.tabs.setCurrentIndex(TAB_ROSTER)
    main_window.roster.leaders_action.trigger()
    dialog = main_window.roster.dialog
    assert isinstance(dialog, LeadersRulesDialog) and dialog.isVisible()
    return dialog


def test_leaders_are_listed_in_rota_order_and_loaded(main_window: MainWindow) -> None:
    page = open_dialog(main_window).leaders
    assert [page.list.item(i).text() for i in range(page.list.count())] == [
        "1. 张建国 局长",
        "2. 李红梅 副局长",
    ]
    assert page.current_id == 1 and page.name.text() == "张建国"
    page.list.setCurrentRow(1)
    assert page.name.text() == "李红梅" and page.rotation_order.value() == 2


def test_new_leader_with_portfolio_reaches_the_intake_form(
    qtbot: QtBot, db: Database, main_window: MainWindow
) -> None:
    dialog = open_dialog(main_window)
    page = dialog.leaders
    page.new_button.click()
    assert page.name.text() == "" and page.rotation_order.value() == 3
    page.save_button.click()  # nothing typed
    operations.wait_for_all()
    assert page.fieldset.message_text("name") == "请填写领导姓名"
    assert list_leaders(db)[-1].name == "李红梅"

    page.name.setText("王志强")
    page.title.setText("副局长")
    qtbot.keyClicks(page.phone, "12")
    page.save_button.click()
    operations.wait_for_all()
    assert page.fieldset.message_text("name") == ""
    assert page.fieldset.message_text("phone") != ""

    page.phone.clear()
    qtbot.keyClicks(page.phone, "13903710003")
    page.set_categories(["农村农业", "生态环境"])
    page.portfolio_note.setText("乡村振兴")
    with qtbot.waitSignal(main_window.hub.changed) as signal:
        page.save_button.click()
        operations.wait_for_all()
    assert signal.args == ["reference"]
    saved = list_leaders(db)[-1]
    assert (saved.name, saved.phone, saved.rotation_order) == ("王志强", "13903710003", 3)
    assert saved.portfolio == "农村农业、生态环境（乡村振兴）"
    assert page.status.text().startswith("已保存领导 王志强")
    assert page.list.currentItem().text() == "3. 王志强 副局长"
    assert page.portfolio_note.text() == "乡村振兴"  # reloaded from the saved row
    main_window.tabs.setCurrentWidget(main_window.intake)  # hidden tabs reload when shown
    duty = main_window.intake.form.duty_leader
    assert duty.findText("王志强（副局长）") >= 0  # the hub refreshed the intake form


def test_deactivating_a_leader_with_slots_warns(
    qtbot: QtBot, db: Database, main_window: MainWindow
) -> None:
    assert save_reception_rule(
        db,
        RuleInput(
            name="每周一",
            kind=ReceptionRuleKind.WEEKDAY,
            weekday=0,
            slots="08:30-12:00",
            place="接待中心",
        ),
        actor=actor("t"),
    ).ok
    today = date.today()
    period = (today, date(today.year + 1, today.month, 1))
    assert generate_roster(db, *period, actor=actor("t")).ok
    roster_tab = main_window.roster
    roster_tab.set_period(*period, PERIOD_CUSTOM)
    page = open_dialog(main_window).leaders
    page.active.setChecked(False)
    page.save_button.click()
    operations.wait_for_all()
    assert "今后还有" in page.status.text() and "请安排替班或递补" in page.status.text()
    assert page.list.item(0).text() == "1. 张建国 局长（停用）"
    shown = {
        roster_tab.model.index(r, COL_LEADER).data() for r in range(roster_tab.model.rowCount())
    }
    assert shown == {"张建国（已停用）", "李红梅"}  # the tab refreshed on the hub's signal


def test_rules_form_checks_fields_and_saves(
    qtbot: QtBot, db: Database, main_window: MainWindow
) -> None:
    dialog = open_dialog(main_window)
    dialog.pages.setCurrentIndex(1)
    page = dialog.rules
    assert page.list.count() == 0 and page.current_id is None
    assert page.weekday.isEnabled() and not page.nth.isEnabled()

    page.kind.setCurrentIndex(page.kind.findData(ReceptionRuleKind.NTH_WEEKDAY))
    assert page.nth.isEnabled()
    page.weekday.setCurrentIndex(2)  # 星期三
    page.slots.clear()
    qtbot.keyClicks(page.slots, "9:00-8:00")
    assert "结束时间应晚于开始时间" in page.fieldset.message_text("slots")  # while typing
    page.save_button.click()
    operations.wait_for_all()
    assert page.fieldset.message_text("name") == "请填写规则名称"
    assert page.fieldset.message_text("place") == "请填写接待地点"
    assert "结束时间" in page.fieldset.message_text("slots")
    assert list_rules(db) == []

    page.name.setText("每月第一个星期三")
    page.place.setText("局机关三楼接待室")
    page.slots.clear()
    qtbot.keyClicks(page.slots, "09:00-11:30")
    assert page.fieldset.message_text("slots") == ""
    page.on_day_off.setCurrentIndex(page.on_day_off.findData(DayOffPolicy.NEXT))
    page.capacity.setValue(6)
    page.limited.setChecked(True)
    page.valid_from.setDate(page.valid_to.date().addDays(1))
    page.save_button.click()
    operations.wait_for_all()
    assert page.fieldset.message_text("valid_to") == "启用日期不能晚于停用日期"
    page.limited.setChecked(False)
    page.save_button.click()
    operations.wait_for_all()
    rules = list_rules(db)
    assert len(rules) == 1
    rule = rules[0]
    assert (rule.kind, rule.weekday, rule.nth, rule.capacity) == (
        ReceptionRuleKind.NTH_WEEKDAY,
        2,
        1,
        6,
    )
    assert rule.description == "每月第一个星期三 09:00-11:30（遇节假日顺延）"
    assert page.list.count() == 1
    assert "每月第一个星期三 09:00-11:30" in page.list.item(0).text()
    assert page.status.text().startswith("已保存接待日规则")

    page.new_button.click()
    assert page.name.text() == "" and page.current_id is None
    page.list.setCurrentRow(0)
    assert page.name.text() == "每月第一个星期三" and page.slots.text() == "09:00-11:30"
    assert page.nth.currentData() == 1 and page.on_day_off.currentData() == DayOffPolicy.NEXT
    page.kind.setCurrentIndex(page.kind.findData(ReceptionRuleKind.EVERY_WORKDAY))
    assert not page.weekday.isEnabled() and not page.nth.isEnabled()
    dialog.close_button.click()
    assert not dialog.isVisible()


def test_portfolio_note_is_read_back_from_the_portfolio() -> None:
    assert portfolio_note("城乡建设、国土资源（征地拆迁）", ["城乡建设", "国土资源"]) == "征地拆迁"
    assert portfolio_note("城乡建设", ["城乡建设"]) == ""
    assert portfolio_note("主持全面工作", []) == "主持全面工作"


def test_categories_are_checkable(main_window: MainWindow) -> None:
    page = open_dialog(main_window).leaders
    first = page.categories.item(0)
    assert first.flags() & Qt.ItemFlag.ItemIsUserCheckable
    assert page.categories.count() == 14


def test_the_portfolio_checklist_shows_every_category(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    """The checklist is not squeezed: all categories show without scrolling (issue 9)."""
    from PySide6.QtWidgets import QApplication

    dialog = open_dialog(main_window)
    qtbot.waitExposed(dialog)
    QApplication.processEvents()
    checklist = dialog.leaders.categories
    last = checklist.item(checklist.count() - 1)
    assert checklist.viewport().rect().contains(checklist.visualItemRect(last))
    dialog.close()
