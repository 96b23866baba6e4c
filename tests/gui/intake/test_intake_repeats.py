"""查重 while the clerk types: known petitioners are offered for reuse, earlier petitions
of the same person and similar open petitions are listed, and one click marks the new
registration as a repeat (重复访) — linked right after the save."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QListWidgetItem
from pytestqt.qtbot import QtBot

from petitiondesk.core.enums import Channel
from petitiondesk.gui.intake.repeats import HINT_EMPTY, HINT_NOTHING, RepeatPanel
from petitiondesk.gui.intake.tab import IntakeTab
from petitiondesk.services import cases, petitioners
from petitiondesk.services.intake import VisitInput, register_visit
from petitiondesk.store.db import Database
from petitiondesk.store.models import Petition, Petitioner
from tests.helpers import actor

VALID_ID = "11010519491231002X"
SUMMARY = "反映原单位改制时未补缴养老保险费，导致养老金偏低。"


def earlier_visit(db: Database, **fields: object) -> str:
    values: dict[str, object] = {
        "channel": Channel.VISIT,
        "received_at": datetime.now().replace(second=0, microsecond=0) - timedelta(days=30),
        "name": "王秀英",
        "id_number": VALID_ID,
        "phone": "13803710123",
        "address": "青山县城关镇幸福路12号",
        "category_id": 3,  # 劳动社保
        "summary": SUMMARY,
        "receiving_officer": "赵敏",
    }
    values.update(fields)
    return register_visit(db, VisitInput(**values), actor=actor("test")).unwrap().register_no  # type: ignore[arg-type]


def fill_matter(tab: IntakeTab) -> None:
    """The matter of the new visit (the person comes from the file via the ID number)."""
    form = tab.form
    form.category.setCurrentIndex(form.category.findText("劳动社保"))
    form.summary.setPlainText("再次反映养老保险费补缴问题，至今未解决。")
    form.receiving_officer.setText("赵敏")


def wait_quiet(qtbot: QtBot, tab: IntakeTab) -> None:
    qtbot.waitUntil(lambda: not tab.watcher.busy, timeout=10_000)


def click(qtbot: QtBot, panel: RepeatPanel, item: QListWidgetItem) -> None:
    panel.list.scrollToItem(item)
    rect = panel.list.visualItemRect(item)
    qtbot.mouseClick(panel.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def petition(db: Database, register_no: str) -> Petition:
    with db.read() as session:
        row = session.query(Petition).filter_by(register_no=register_no).one()
        session.expunge(row)
        return row


def test_earlier_visit_by_the_same_id_is_offered_and_linked_after_the_save(
    qtbot: QtBot,
    db: Database,
    intake: IntakeTab,
    save: Callable[[], None],
) -> None:
    earlier = earlier_visit(db)
    panel = intake.repeat_panel
    assert panel.hint.text() == HINT_EMPTY
    assert not panel.list.isVisibleTo(intake)

    qtbot.keyClicks(intake.form.id_number, VALID_ID)
    wait_quiet(qtbot, intake)
    items = panel.case_items()
    assert len(items) == 1
    assert earlier in items[0].text() and "同一身份证号" in items[0].text()
    assert "已受理" in items[0].text() or "已登记" in items[0].text()
    # The petitioner on file is listed too, and is reused by the ID number anyway.
    assert len(panel.petitioner_items()) == 1
    assert "自动沿用" in panel.petitioner_items()[0].text()

    click(qtbot, panel, items[0])
    banner = intake.repeat_banner
    assert banner.isVisibleTo(intake)
    assert banner.label.text() == f"将登记为 {earlier} 的重复访"
    assert panel.case_items()[0].text().startswith("✓ ")

    assert intake.form.name.text() == "王秀英"  # filled in from the file
    fill_matter(intake)
    save()

    number = intake.last_saved.register_no if intake.last_saved else ""
    assert number and number != earlier
    detail = cases.case_detail(db, number)
    assert detail is not None
    assert detail.row.repeat_of == earlier
    assert f"重复访（前次 {earlier}）" in detail.row.flags
    assert intake.last_saved is not None and intake.last_saved.reused_petitioner
    assert "已关联为" in intake.window().statusBar().currentMessage()  # type: ignore[attr-defined]
    # The form and the panel are empty for the next visitor; the list shows the flag.
    assert not banner.isVisibleTo(intake)
    assert panel.list.count() == 0
    assert "重复访" in intake.model.index(0, 8).data()


def test_undo_registers_without_a_link(
    qtbot: QtBot,
    db: Database,
    intake: IntakeTab,
    save: Callable[[], None],
) -> None:
    earlier_visit(db)
    qtbot.keyClicks(intake.form.id_number, VALID_ID)
    fill_matter(intake)
    wait_quiet(qtbot, intake)
    panel = intake.repeat_panel
    intake.form.summary.setFocus()
    qtbot.waitUntil(intake.form.summary.hasFocus)
    qtbot.keyClick(intake.form.summary, Qt.Key.Key_F4)  # to the panel, on the first choice
    qtbot.waitUntil(panel.list.hasFocus)
    assert panel.list.currentItem() is panel.petitioner_items()[0]
    qtbot.keyClick(panel.list, Qt.Key.Key_Down)  # over the heading, onto the petition
    assert panel.list.currentItem() is panel.case_items()[0]
    qtbot.keyClick(panel.list, Qt.Key.Key_Return)  # Enter marks it
    assert intake.repeat_banner.isVisibleTo(intake)
    qtbot.keyClick(panel.list, Qt.Key.Key_Escape)  # back where the clerk was
    assert intake.form.summary.hasFocus()
    intake.repeat_banner.undo_button.click()
    assert not intake.repeat_banner.isVisibleTo(intake)
    assert intake.form.repeat_of is None
    save()
    assert intake.last_saved is not None
    detail = cases.case_detail(db, intake.last_saved.register_no)
    assert detail is not None and detail.row.repeat_of == ""


def test_similar_open_petitions_of_anyone_are_offered_once_the_summary_is_long_enough(
    qtbot: QtBot, db: Database, intake: IntakeTab, save: Callable[[], None]
) -> None:
    other = earlier_visit(
        db, name="李建华", id_number="", phone="13937112345", channel=Channel.PHONE
    )
    form = intake.form
    form.channel.setCurrentIndex(form.channel.findData(Channel.PHONE.value))
    form.name.setText("赵德明")
    form.category.setCurrentIndex(form.category.findText("劳动社保"))
    form.summary.setPlainText("反映原单位")  # too short to compare
    wait_quiet(qtbot, intake)
    assert intake.repeat_panel.case_items() == []
    form.summary.setPlainText("反映原单位改制时未补缴养老保险费")
    wait_quiet(qtbot, intake)
    items = intake.repeat_panel.case_items()
    assert len(items) == 1
    assert (
        other in items[0].text().replace("\u2060", "")
        and "内容相似" in items[0].text().replace("\u2060", "")
        and "李建华" in items[0].text().replace("\u2060", "")
    )

    # Another category: nothing similar.
    form.category.setCurrentIndex(form.category.findText("城乡建设"))
    wait_quiet(qtbot, intake)
    assert intake.repeat_panel.case_items() == []
    assert intake.repeat_panel.hint.text() == HINT_NOTHING


def test_known_petitioner_by_phone_is_reused_not_duplicated(
    qtbot: QtBot,
    db: Database,
    intake: IntakeTab,
    save: Callable[[], None],
) -> None:
    earlier_visit(db, id_number="", channel=Channel.PHONE, name="钱玉兰", address="东湖村3组")
    form = intake.form
    form.channel.setCurrentIndex(form.channel.findData(Channel.PHONE.value))
    qtbot.keyClicks(form.phone, "13803710123")
    wait_quiet(qtbot, intake)
    panel = intake.repeat_panel
    people = panel.petitioner_items()
    assert len(people) == 1 and "钱玉兰" in people[0].text() and "同一电话" in people[0].text()

    click(qtbot, panel, people[0])
    assert form.name.text() == "钱玉兰"
    assert form.address.text() == "东湖村3组"
    assert form.chosen_petitioner is not None
    assert form.petitioner_chip.isVisibleTo(intake)
    assert "沿用 钱玉兰" in form.petitioner_chip.text()
    wait_quiet(qtbot, intake)
    assert panel.petitioner_items()[0].text().startswith("✓ ")

    # The clerk corrects the address on file while registering: allowed, history kept.
    form.address.setText("东湖村5组")
    form.category.setCurrentIndex(form.category.findText("城乡建设"))
    form.summary.setPlainText("反映村道损坏。")
    form.receiving_officer.setText("赵敏")
    save()

    with db.read() as session:
        people_on_file = session.query(Petitioner).filter_by(name="钱玉兰").all()
        assert len(people_on_file) == 1
        person_id = people_on_file[0].id
        assert people_on_file[0].address == "东湖村5组"
    saved = intake.last_saved
    assert saved is not None and saved.petitioner_id == person_id and saved.reused_petitioner
    history = petitioners.petitioner_history(db, person_id)
    changes = [c for entry in history for c in entry.changes if c.field == "address"]
    assert changes[-1].before == "东湖村3组" and changes[-1].after == "东湖村5组"
    assert not form.petitioner_chip.isVisibleTo(intake)  # cleared for the next visitor


def test_not_using_a_chosen_petitioner(qtbot: QtBot, db: Database, intake: IntakeTab) -> None:
    earlier_visit(db, id_number="", channel=Channel.PHONE, name="钱玉兰", address="东湖村3组")
    form = intake.form
    qtbot.keyClicks(form.phone, "13803710123")
    wait_quiet(qtbot, intake)
    click(qtbot, intake.repeat_panel, intake.repeat_panel.petitioner_items()[0])
    assert form.chosen_petitioner is not None
    form.drop_petitioner_button.click()
    assert form.chosen_petitioner is None
    assert not form.petitioner_chip.isVisibleTo(intake)
    assert form.name.text() == "钱玉兰"  # what was filled in stays
    data, _ = form.collect()
    assert data is not None and data.petitioner_id is None


def test_name_with_address_finds_the_person(qtbot: QtBot, db: Database, intake: IntakeTab) -> None:
    earlier = earlier_visit(db, id_number="", phone="", channel=Channel.LETTER)
    form = intake.form
    form.name.setText("王秀英")
    wait_quiet(qtbot, intake)
    assert intake.repeat_panel.case_items() == []  # a name alone: too many namesakes
    form.address.setText("青山县城关镇幸福路12号")
    wait_quiet(qtbot, intake)
    items = intake.repeat_panel.case_items()
    assert len(items) == 1 and earlier in items[0].text() and "同名同址" in items[0].text()
