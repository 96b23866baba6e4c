"""The 来访登记 tab driven like the clerk: typing, saving, messages under fields, the list."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import Any

from PySide6.QtCore import QDateTime, Qt
from PySide6.QtWidgets import QApplication, QPlainTextEdit
from pytestqt.qtbot import QtBot

from petitiondesk.core.enums import Channel, Sex
from petitiondesk.gui import prompts
from petitiondesk.gui.intake.case_table_model import CASE_ROW_ROLE, COL_REGISTER_NO
from petitiondesk.gui.intake.tab import IntakeTab
from petitiondesk.services import cases
from petitiondesk.services.intake import VisitInput, register_visit
from petitiondesk.store.db import Database
from tests.helpers import actor, earlier_today

VALID_ID = "11010519491231002X"  # born 1949-12-31, female
WRONG_CHECK_DIGIT_ID = "110105194912310021"  # the check digit must be X


def count(db: Database) -> int:
    return cases.count_cases(db)


def visible_message(tab: IntakeTab, key: str) -> str:
    message = tab.form.messages[key]
    return message.text() if message.isVisibleTo(tab) else ""


def test_wrong_check_digit_is_reported_live_and_refused(
    db: Database, intake: IntakeTab, fill: Callable[..., None], save: Callable[[], None]
) -> None:
    fill(id_number=WRONG_CHECK_DIGIT_ID)
    # The message appears under the ID field as soon as 18 characters are typed.
    message = intake.form.messages["id_number"]
    assert message.isVisibleTo(intake)
    assert message.is_error
    assert "校验位" in message.text() and "X" in message.text()

    save()

    assert count(db) == 0
    assert "校验位" in visible_message(intake, "id_number")
    assert intake.form.id_number.hasFocus()
    # Nothing the clerk typed is lost.
    assert intake.form.id_number.text() == WRONG_CHECK_DIGIT_ID
    assert intake.form.name.text() == "王秀英"
    assert intake.form.summary.toPlainText() == "反映原单位未补缴养老保险费。"


def test_short_id_is_not_nagged_while_typing_but_checked_on_leaving(
    qtbot: QtBot, intake: IntakeTab
) -> None:
    form = intake.form
    form.id_number.setFocus()
    qtbot.keyClicks(form.id_number, "1101051949")
    assert not form.messages["id_number"].isVisibleTo(intake)
    qtbot.keyClick(form.id_number, Qt.Key.Key_Tab)  # focus out
    assert "18位" in visible_message(intake, "id_number")


def test_valid_id_shows_birth_date_and_sets_sex(qtbot: QtBot, intake: IntakeTab) -> None:
    form = intake.form
    qtbot.keyClicks(form.id_number, VALID_ID.lower())  # a lower-case x is fine
    message = form.messages["id_number"]
    assert not message.is_error
    assert message.text() == "✓ 出生日期 1949年12月31日 女"
    assert form.current_sex() is Sex.FEMALE


def test_known_id_prefills_the_petitioner_and_counts_visits(
    qtbot: QtBot, db: Database, intake: IntakeTab
) -> None:
    earlier = VisitInput(
        channel=Channel.VISIT,
        received_at=datetime.now() - timedelta(days=3),
        name="王秀英",
        id_number=VALID_ID,
        phone="13803710123",
        address="青山县城关镇幸福路12号",
        category_id=1,
        summary="上次来访",
        receiving_officer="赵敏",
    )
    assert register_visit(db, earlier, actor=actor("test")).ok
    form = intake.form
    qtbot.keyClicks(form.id_number, VALID_ID)
    assert form.name.text() == "王秀英"
    assert form.phone.text() == "13803710123"
    assert form.address.text() == "青山县城关镇幸福路12号"
    assert "已登记过 1 次" in form.messages["id_number"].text()


def test_each_problem_is_shown_under_its_field(
    qtbot: QtBot, db: Database, intake: IntakeTab, save: Callable[[], None]
) -> None:
    form = intake.form
    qtbot.keyClicks(form.id_number, VALID_ID)
    form.name.setText("王秀英")
    form.receiving_officer.setText("赵敏")
    tomorrow = QDateTime.currentDateTime().addDays(1)
    form.received_at.setDateTime(tomorrow)
    # summary empty, no category chosen

    save()

    assert count(db) == 0
    assert visible_message(intake, "summary") == "请填写反映的主要问题"
    assert visible_message(intake, "category_id") == "请选择问题类别"
    assert visible_message(intake, "received_at") == "日期不能晚于当前时间"
    assert visible_message(intake, "name") == ""
    # The first bad field in tab order has the focus; the future time was kept.
    assert form.received_at.hasFocus()
    assert form.received_at.dateTime().date() == tomorrow.date()

    # Editing a field clears its message; the next save attempt re-checks everything.
    form.summary.setPlainText("反映噪音扰民")
    assert visible_message(intake, "summary") == ""
    assert visible_message(intake, "category_id") == "请选择问题类别"


def test_people_count_cannot_be_zero(intake: IntakeTab) -> None:
    spin = intake.form.people_count
    assert spin.minimum() == 1
    spin.setValue(0)
    assert spin.value() == 1


def test_category_starts_empty_and_lists_reference_data(db: Database, intake: IntakeTab) -> None:
    combo = intake.form.category
    assert combo.currentText() == "请选择"
    assert combo.currentData() is None
    labels = [combo.itemText(i) for i in range(1, combo.count())]
    assert labels == [c.label for c in cases.reference_data(db).categories]
    leaders = [intake.form.duty_leader.itemText(i) for i in range(intake.form.duty_leader.count())]
    assert leaders[1:] == ["张建国（局长）", "李红梅（副局长）"]


def test_good_save_lists_clears_and_selects(
    db: Database,
    main_window: Any,
    intake: IntakeTab,
    fill: Callable[..., None],
    save: Callable[[], None],
) -> None:
    form = intake.form
    form.channel.setCurrentIndex(form.channel.findData(Channel.VISIT))
    fill()

    save()

    assert count(db) == 1
    number = cases.page_cases(db, offset=0, limit=1)[0].register_no
    assert number == f"{date.today().year}-00001"
    assert main_window.statusBar().currentMessage().startswith(f"已登记，登记号 {number}")
    # The new row is at the top of today's list and selected.
    model = intake.model
    assert model.rowCount() == 1
    assert model.index(0, COL_REGISTER_NO).data() == number
    assert intake.selected_register_no() == number
    assert intake.print_button.isEnabled()
    # The form is empty for the next visitor; channel and receiving officer are kept.
    assert form.id_number.text() == "" and form.name.text() == ""
    assert form.summary.toPlainText() == "" and form.category.currentIndex() == 0
    assert form.receiving_officer.text() == "赵敏"
    assert form.current_channel() is Channel.VISIT
    assert not form.is_dirty()
    assert form.id_number.hasFocus()
    # The stored case holds what was typed.
    detail = cases.case_detail(db, number)
    assert detail is not None
    assert detail.row.name == "王秀英" and detail.row.category == "劳动社保"


def test_ctrl_s_saves(
    qtbot: QtBot, db: Database, main_window: Any, intake: IntakeTab, fill: Callable[..., None]
) -> None:
    fill()
    intake.form.demands.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is intake.form.demands)
    qtbot.keyClick(intake.form.demands, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: count(db) == 1, timeout=10_000)
    qtbot.waitUntil(lambda: not intake.is_saving())
    assert "已登记" in main_window.statusBar().currentMessage()
    # Ctrl+S did not type an "s" anywhere.
    assert intake.form.demands.toPlainText() == ""


def test_letter_channel_shows_letter_fields_and_saves_the_letter_date(
    qtbot: QtBot,
    db: Database,
    intake: IntakeTab,
    fill: Callable[..., None],
    save: Callable[[], None],
) -> None:
    form = intake.form
    assert not form.letter_date.isVisibleTo(intake)
    form.channel.setCurrentIndex(form.channel.findData(Channel.LETTER))
    assert form.letter_date.isVisibleTo(intake)
    assert form.postmark.isVisibleTo(intake)

    fill()
    qtbot.keyClicks(form.letter_date, "2026/1/5x")
    save()
    assert count(db) == 0
    assert "来信日期格式不正确" in visible_message(intake, "letter_date")
    assert form.letter_date.hasFocus()

    form.letter_date.setText("")
    yesterday = date.today() - timedelta(days=1)
    qtbot.keyClicks(form.letter_date, f"{yesterday:%Y%m%d}")
    form.postmark.setText("青山县邮政局")
    save()
    assert count(db) == 1
    detail = cases.case_detail(db, cases.page_cases(db, offset=0, limit=1)[0].register_no)
    assert detail is not None
    assert detail.letter_date == yesterday
    assert detail.postmark == "青山县邮政局"
    assert detail.row.channel is Channel.LETTER

    form.channel.setCurrentIndex(form.channel.findData(Channel.PHONE))
    assert not form.letter_date.isVisibleTo(intake)


def test_plain_text_fields_do_not_swallow_tab(qtbot: QtBot, intake: IntakeTab) -> None:
    form = intake.form
    assert isinstance(form.summary, QPlainTextEdit)
    form.summary.setFocus()
    qtbot.waitUntil(form.summary.hasFocus)
    qtbot.keyClick(form.summary, Qt.Key.Key_Tab)
    assert form.demands.hasFocus()
    assert "\t" not in form.summary.toPlainText()


def test_tab_order_runs_through_the_form_top_to_bottom(qtbot: QtBot, intake: IntakeTab) -> None:
    form = intake.form
    form.id_number.setFocus()
    qtbot.waitUntil(form.id_number.hasFocus)
    visited = []
    for _ in range(4):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        visited.append(QApplication.focusWidget())
    assert visited == [form.name, form.sex, form.phone, form.address]


def test_enter_in_a_line_moves_to_the_next_field(qtbot: QtBot, intake: IntakeTab) -> None:
    form = intake.form
    form.id_number.setFocus()
    qtbot.waitUntil(form.id_number.hasFocus)
    qtbot.keyClicks(form.id_number, VALID_ID)
    qtbot.keyClick(form.id_number, Qt.Key.Key_Return)
    assert form.name.hasFocus()


def test_clear_asks_only_when_something_was_typed(
    qtbot: QtBot, intake: IntakeTab, monkeypatch: Any
) -> None:
    questions: list[str] = []

    def answer(_parent: Any, _title: str, text: str, **_kw: Any) -> bool:
        questions.append(text)
        return answers.pop(0)

    monkeypatch.setattr(prompts, "confirm", answer)
    answers: list[bool] = []
    assert intake.clear_form()  # empty form: no question
    assert questions == []

    qtbot.keyClicks(intake.form.phone, "13803710123")
    answers[:] = [False]
    assert not intake.clear_form()
    assert intake.form.phone.text() == "13803710123"  # kept after 否
    answers[:] = [True]
    assert intake.clear_form()
    assert intake.form.phone.text() == ""
    assert len(questions) == 2


def test_print_button_is_disabled_with_a_hint_until_a_case_is_selected(
    qtbot: QtBot, intake: IntakeTab, main_window: Any, db: Database
) -> None:
    assert not intake.print_button.isEnabled()
    assert "选中" in intake.print_button.toolTip()
    assert not main_window.intake.print_action.isEnabled()
    visit = VisitInput(
        channel=Channel.PHONE,
        received_at=earlier_today(1),
        name="孙桂兰",
        category_id=7,
        summary="询问低保政策",
        receiving_officer="赵敏",
    )
    number = register_visit(db, visit, actor=actor("test")).unwrap().register_no
    main_window.hub.notify("cases")
    assert intake.model.rowCount() == 1
    intake.table.selectRow(0)
    assert intake.print_button.isEnabled()
    assert number in intake.print_button.toolTip()
    assert main_window.intake.print_action.isEnabled()
    assert intake.table.model().index(0, 0).data(CASE_ROW_ROLE).name == "孙桂兰"
