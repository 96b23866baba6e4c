"""The 来访登记 form, complete: every channel, the flags, group visits and their
representatives — driven like the clerk, checked in what the clerk sees and in the
database."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from petitiondesk.core.enums import Channel
from petitiondesk.core.idcard import id_check_digit
from petitiondesk.gui.intake.tab import IntakeTab
from petitiondesk.services import cases
from petitiondesk.store.db import Database
from petitiondesk.store.models import OfficeSettings, Petition

VALID_ID = "11010519491231002X"


def make_id(first17: str) -> str:
    return first17 + id_check_digit(first17)


def visible_message(tab: IntakeTab, key: str) -> str:
    message = tab.form.messages[key]
    return message.text() if message.isVisibleTo(tab) else ""


def newest(db: Database) -> cases.CaseDetail:
    row = cases.page_cases(db, offset=0, limit=1)[0]
    detail = cases.case_detail(db, row.register_no)
    assert detail is not None
    return detail


def choose_channel(tab: IntakeTab, channel: Channel) -> None:
    tab.form.channel.setCurrentIndex(tab.form.channel.findData(channel.value))


def fill_matter(tab: IntakeTab, summary: str = "反映小区噪音扰民。") -> None:
    form = tab.form
    form.category.setCurrentIndex(form.category.findText("城乡建设"))
    form.summary.setPlainText(summary)
    form.receiving_officer.setText("赵敏")


@pytest.mark.parametrize(
    ("channel", "typed_id"),
    [(Channel.PHONE, ""), (Channel.ONLINE, ""), (Channel.VISIT, VALID_ID)],
)
def test_each_channel_registers_through_the_form(
    qtbot: QtBot,
    db: Database,
    intake: IntakeTab,
    save: Callable[[], None],
    channel: Channel,
    typed_id: str,
) -> None:
    """Phone and online messages need no ID number; a visit does (letters: see
    test_intake_tab)."""
    choose_channel(intake, channel)
    if typed_id:
        qtbot.keyClicks(intake.form.id_number, typed_id)
    intake.form.name.setText("孙桂兰")
    qtbot.keyClicks(intake.form.phone, "13803710123")
    fill_matter(intake)

    save()

    assert cases.count_cases(db) == 1
    detail = newest(db)
    assert detail.row.channel is channel
    assert detail.row.name == "孙桂兰"
    assert detail.row.id_number == typed_id
    assert intake.selected_register_no() == detail.row.register_no


def test_a_visit_without_id_number_is_refused_next_to_the_field(
    db: Database, intake: IntakeTab, save: Callable[[], None]
) -> None:
    choose_channel(intake, Channel.VISIT)
    intake.form.name.setText("孙桂兰")
    fill_matter(intake)
    save()
    assert cases.count_cases(db) == 0
    assert visible_message(intake, "id_number") == "走访登记须核验身份证号"


def test_flags_place_and_the_accused_are_saved(
    qtbot: QtBot, db: Database, intake: IntakeTab, save: Callable[[], None]
) -> None:
    form = intake.form
    choose_channel(intake, Channel.LETTER)
    assert not form.accused.isVisibleTo(intake)
    form.name.setText("周立新")
    fill_matter(intake, "检举某村干部侵占集体土地补偿款。")
    form.place.setText("青山县城关镇东湖村")
    for box in (form.skipped_level, form.urgent):
        box.setFocus()
        qtbot.keyClick(box, Qt.Key.Key_Space)  # as the clerk ticks it
    form.confidential.setChecked(True)
    # The 被检举对象 field appears with the 检举控告 flag; leaving it empty is refused.
    assert form.accused.isVisibleTo(intake)
    save()
    assert cases.count_cases(db) == 0
    assert "被检举对象" in visible_message(intake, "accused")
    assert form.accused.hasFocus()

    form.accused.setText("东湖村村委会")
    save()

    assert cases.count_cases(db) == 1
    detail = newest(db)
    assert detail.row.place == "青山县城关镇东湖村"
    assert detail.confidential and detail.accused == "东湖村村委会"
    assert "越级访" in detail.row.flags and "急件" in detail.row.flags
    assert "检举控告（保密）" in detail.row.flags
    # The register list shows the flags; the form is clean for the next visitor.
    shown = intake.model.index(0, 8).data()
    assert "越级访" in shown and "急件" in shown and "检举控告" in shown
    assert not form.confidential.isChecked() and not form.accused.isVisibleTo(intake)
    assert not form.skipped_level.isChecked() and not form.urgent.isChecked()


def test_anonymous_letter_saves_without_a_name_but_an_anonymous_visit_is_refused(
    db: Database, intake: IntakeTab, save: Callable[[], None]
) -> None:
    form = intake.form
    choose_channel(intake, Channel.VISIT)
    form.anonymous.setChecked(True)
    fill_matter(intake)
    save()
    assert cases.count_cases(db) == 0
    assert visible_message(intake, "anonymous") == "走访须核验来访人身份，不能匿名登记"
    assert form.anonymous.hasFocus()
    assert form.anonymous.isChecked()  # kept as typed

    choose_channel(intake, Channel.LETTER)
    save()
    assert cases.count_cases(db) == 1
    detail = newest(db)
    assert detail.row.name == "匿名" and "匿名" in detail.row.flags


def add_representatives(qtbot: QtBot, tab: IntakeTab, names: list[str]) -> None:
    """Type representatives line by line; Enter in a line's phone adds the next line."""
    editor = tab.form.representatives
    for number, name in enumerate(names):
        line = editor.lines[number]
        line.name.setText(name)
        qtbot.keyClicks(line.id_number, make_id(f"41012219800101{number:02d}1"))
        qtbot.keyClicks(line.phone, f"138037100{number:02d}")
        if number + 1 < len(names):
            qtbot.keyClick(line.phone, Qt.Key.Key_Return)
            assert len(editor.lines) == number + 2
            assert editor.lines[number + 1].name.hasFocus()


def test_group_visit_over_the_limit_is_refused_next_to_the_representatives(
    qtbot: QtBot,
    db: Database,
    intake: IntakeTab,
    fill: Callable[..., None],
    save: Callable[[], None],
) -> None:
    form = intake.form
    fill()
    assert not form.reps_box.isVisibleTo(intake)
    form.people_count.setValue(12)
    # A group: the representatives editor appears, with one line to type into.
    assert form.reps_box.isVisibleTo(intake)
    assert form.group_badge.isVisibleTo(intake)
    assert len(form.representatives.lines) == 1
    assert "不超过5人" in form.representatives.title.text()

    add_representatives(qtbot, intake, ["甲一", "乙二", "丙三", "丁四", "戊五", "己六"])
    # Checked as soon as the clerk leaves the line, with the rule quoted.
    qtbot.keyClick(form.representatives.lines[-1].phone, Qt.Key.Key_Tab)
    live = visible_message(intake, "representatives")
    assert live.startswith("代表人数6人，超过上限")

    save()

    assert cases.count_cases(db) == 0
    message = visible_message(intake, "representatives")
    assert "代表人数6人，超过上限" in message
    assert "《信访工作条例》第二十条" in message and "不超过5人" in message
    assert form.representatives.lines[0].name.hasFocus()
    # Nothing typed is lost.
    assert [ln.name.text() for ln in form.representatives.lines] == [
        "甲一",
        "乙二",
        "丙三",
        "丁四",
        "戊五",
        "己六",
    ]

    # Ctrl+Delete in a line removes it; now the group may be saved.
    last = form.representatives.lines[-1]
    last.name.setFocus()
    qtbot.waitUntil(last.name.hasFocus)
    qtbot.keyClick(last.name, Qt.Key.Key_Delete, Qt.KeyboardModifier.ControlModifier)
    assert len(form.representatives.lines) == 5
    save()

    assert cases.count_cases(db) == 1
    detail = newest(db)
    assert detail.row.people_count == 12
    assert "集体访（12人）" in detail.row.flags
    assert len(detail.representatives) == 5
    assert detail.representatives[0] == "甲一（13803710000）"
    with db.read() as session:
        petition = session.get(Petition, detail.row.id)
        assert petition is not None and petition.is_group
    assert not form.reps_box.isVisibleTo(intake)  # cleared for the next visitor


def test_small_groups_follow_the_local_rule(
    qtbot: QtBot, db: Database, intake: IntakeTab, main_window: object
) -> None:
    """Where the province allows only 3 representatives for 10 people or fewer, the
    editor says so and quotes that rule."""
    with db.write() as session:
        settings = session.get(OfficeSettings, 1)
        assert settings is not None
        settings.small_group_rep_limit = 3
    intake.hub.notify("reference")
    form = intake.form
    form.people_count.setValue(8)
    assert "不超过3人" in form.representatives.title.text()
    assert form.group_badge.isVisibleTo(intake)  # 8 ≥ 3: a group visit
    add_representatives(qtbot, intake, ["甲一", "乙二", "丙三", "丁四"])
    qtbot.keyClick(form.representatives.lines[-1].phone, Qt.Key.Key_Tab)
    assert "10人以下的集体访推选代表不超过3人" in visible_message(intake, "representatives")


def test_a_bad_representative_id_is_reported_under_the_editor(
    qtbot: QtBot, intake: IntakeTab
) -> None:
    form = intake.form
    form.people_count.setValue(3)
    line = form.representatives.lines[0]
    line.name.setText("甲一")
    line.id_number.setFocus()
    qtbot.waitUntil(line.id_number.hasFocus)
    qtbot.keyClicks(line.id_number, "110105194912310021")  # wrong check digit
    qtbot.keyClick(line.id_number, Qt.Key.Key_Tab)
    message = visible_message(intake, "representatives")
    assert message.startswith("第1位代表：") and "校验位" in message


def test_tab_runs_from_people_through_the_representatives_to_the_matter(
    qtbot: QtBot, intake: IntakeTab
) -> None:
    form = intake.form
    form.people_count.setValue(6)
    form.people_count.setFocus()
    qtbot.waitUntil(form.people_count.hasFocus)
    visited = []
    for _ in range(5):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        visited.append(QApplication.focusWidget())
    line = form.representatives.lines[0]
    assert visited == [
        line.name,
        line.id_number,
        line.phone,
        form.representatives.add_button,
        form.category,
    ]


def test_group_badge_follows_the_people_count(intake: IntakeTab) -> None:
    form = intake.form
    form.people_count.setValue(4)
    assert not form.group_badge.isVisibleTo(intake)
    assert form.group_hint.text() == "满5人为集体访"
    form.people_count.setValue(5)
    assert form.group_badge.isVisibleTo(intake)
    form.people_count.setValue(1)
    assert not form.group_badge.isVisibleTo(intake)
    assert not form.reps_box.isVisibleTo(intake)


def test_representatives_typed_stay_shown_when_the_count_drops(
    qtbot: QtBot,
    db: Database,
    intake: IntakeTab,
    fill: Callable[..., None],
    save: Callable[[], None],
) -> None:
    """Lowering 人数 never hides names already typed; the service says what is wrong."""
    form = intake.form
    fill()
    form.people_count.setValue(3)
    add_representatives(qtbot, intake, ["甲一", "乙二"])
    form.people_count.setValue(1)
    assert form.reps_box.isVisibleTo(intake)
    save()
    assert cases.count_cases(db) == 0
    assert visible_message(intake, "representatives") == "代表人数不能多于来访人数"
