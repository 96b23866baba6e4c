"""The register's one search box: name, ID, phone, register number, summary; filters;
results in the background; Enter opens the case. And the search model without widgets."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from petitiondesk.core.enums import Channel
from petitiondesk.gui.intake.case_table_model import COL_NAME, COL_REGISTER_NO, CaseTableModel
from petitiondesk.gui.intake.tab import IntakeTab
from petitiondesk.services.cases import SearchQuery
from petitiondesk.services.intake import VisitInput, register_visit
from petitiondesk.store.db import Database
from tests.helpers import actor

VALID_ID = "11010519491231002X"


def register(
    db: Database,
    name: str,
    *,
    days_ago: int = 0,
    channel: Channel = Channel.PHONE,
    summary: str = "询问低保政策",
    id_number: str = "",
    phone: str = "",
) -> str:
    received = datetime.now().replace(second=0, microsecond=0) - timedelta(days=days_ago, minutes=5)
    visit = VisitInput(
        channel=channel,
        received_at=received,
        name=name,
        id_number=id_number,
        phone=phone,
        category_id=7,
        summary=summary,
        receiving_officer="赵敏",
    )
    return register_visit(db, visit, actor=actor("test")).unwrap().register_no


def shown_numbers(tab: IntakeTab) -> list[str]:
    model = tab.model
    return [model.index(r, COL_REGISTER_NO).data() for r in range(model.rowCount())]


def wait_for_results(qtbot: QtBot, tab: IntakeTab) -> None:
    qtbot.waitUntil(lambda: not tab.is_searching(), timeout=10_000)


def test_ctrl_f_searches_by_register_number_and_enter_opens_the_slip(
    qtbot: QtBot, db: Database, main_window: Any, intake: IntakeTab
) -> None:
    old = register(db, "孙桂兰", days_ago=40)
    register(db, "李建华")
    intake.form.name.setFocus()
    qtbot.waitUntil(intake.form.name.hasFocus)
    qtbot.keyClick(intake.form.name, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(intake.find_box.hasFocus)

    qtbot.keyClicks(intake.find_box, old)
    qtbot.keyClick(intake.find_box, Qt.Key.Key_Return)
    # Enter runs the search at once (no waiting for the debounce) and moves to the list.
    qtbot.waitUntil(intake.table.hasFocus, timeout=10_000)
    assert intake.list_title.text() == "查询结果"
    assert intake.count_label.text() == "共 1 条"
    assert shown_numbers(intake) == [old]
    assert intake.selected_register_no() == old
    assert "找到 1 条" in main_window.statusBar().currentMessage()

    qtbot.keyClick(intake.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: intake.preview is not None, timeout=15_000)
    preview = intake.preview
    assert preview is not None and preview.register_no == old
    text = "".join(p.extract_text() or "" for p in PdfReader(preview.pdf_path).pages)
    assert old in text.replace(" ", "")
    preview.close_button.click()


def test_search_by_name_lists_every_date_newest_first_and_esc_goes_back(
    qtbot: QtBot, db: Database, intake: IntakeTab
) -> None:
    first = register(db, "王秀英", days_ago=300)
    second = register(db, "王秀英", days_ago=2)
    register(db, "李建华")
    today = register(db, "王建军")
    assert shown_numbers(intake) == []  # today's list was loaded before
    intake.hub.notify("cases")
    assert len(shown_numbers(intake)) == 2  # today: 李建华, 王建军

    intake.find_box.setText("王秀英")  # (Chinese is set, not typed: see conftest)
    assert intake.search.pending()  # debounced: typing is not held up
    wait_for_results(qtbot, intake)
    assert shown_numbers(intake) == [second, first]
    assert intake.count_label.text() == "共 2 条"
    # Dates are shown in full in a search.
    assert intake.model.index(0, 1).data().startswith(f"{date.today() - timedelta(days=2)}")

    intake.find_box.setText("王")  # surname first
    wait_for_results(qtbot, intake)
    assert set(shown_numbers(intake)) == {first, second, today}

    intake.find_box.setFocus()
    qtbot.waitUntil(intake.find_box.hasFocus)
    qtbot.keyClick(intake.find_box, Qt.Key.Key_Escape)
    assert intake.find_box.text() == ""
    assert intake.list_title.text() == "今日登记"
    assert len(shown_numbers(intake)) == 2


def test_search_by_id_phone_and_summary_words(
    qtbot: QtBot, db: Database, intake: IntakeTab
) -> None:
    by_id = register(db, "赵德明", channel=Channel.VISIT, id_number=VALID_ID, days_ago=5)
    by_phone = register(db, "钱玉兰", phone="13937154321", days_ago=6)
    by_words = register(db, "孙立", summary="反映小区旁工地夜间施工噪音扰民", days_ago=7)
    for typed, expected in (("110105", by_id), ("1393715", by_phone)):
        intake.find_box.clear()
        qtbot.keyClicks(intake.find_box, typed)
        wait_for_results(qtbot, intake)
        assert shown_numbers(intake) == [expected]
    intake.find_box.setText("噪音")
    wait_for_results(qtbot, intake)
    assert shown_numbers(intake) == [by_words]


def test_filters_narrow_the_register(qtbot: QtBot, db: Database, intake: IntakeTab) -> None:
    visit = register(db, "赵德明", channel=Channel.VISIT, id_number=VALID_ID, days_ago=3)
    phone = register(db, "钱玉兰", days_ago=3)
    register(db, "孙立", days_ago=90)
    search = intake.search
    assert not search.filters.isVisibleTo(intake)
    search.filter_button.click()
    assert search.filters.isVisibleTo(intake)
    assert search.range.hasFocus()

    search.range.setCurrentIndex(search.range.findData("week"))
    wait_for_results(qtbot, intake)
    assert set(shown_numbers(intake)) == {visit, phone}
    search.channel.setCurrentIndex(search.channel.findData(Channel.VISIT.value))
    wait_for_results(qtbot, intake)
    assert shown_numbers(intake) == [visit]
    assert intake.model.index(0, COL_NAME).data() == "赵德明"

    # 指定日期… shows two date fields.
    assert not search.date_from.isVisibleTo(intake)
    search.range.setCurrentIndex(search.range.findData("custom"))
    assert search.date_from.isVisibleTo(intake) and search.date_to.isVisibleTo(intake)

    search.reset_button.click()
    assert intake.list_title.text() == "今日登记"
    assert shown_numbers(intake) == []


def test_nothing_found_says_so(
    qtbot: QtBot, db: Database, main_window: Any, intake: IntakeTab
) -> None:
    register(db, "孙桂兰")
    qtbot.keyClicks(intake.find_box, "2026-99999")
    qtbot.keyClick(intake.find_box, Qt.Key.Key_Return)
    wait_for_results(qtbot, intake)
    qtbot.waitUntil(lambda: "没有找到" in main_window.statusBar().currentMessage())
    assert intake.count_label.text() == "共 0 条"


def test_pending_notices_are_counted_and_listed(
    qtbot: QtBot, db: Database, intake: IntakeTab
) -> None:
    numbers = [register(db, "孙桂兰", days_ago=d) for d in (20, 1)]
    intake.hub.notify("cases")
    qtbot.waitUntil(lambda: intake.pending_button.text().startswith("待告知 2 件"))
    assert "超期 1" in intake.pending_button.text()  # received 20 days ago: past 15 days
    assert numbers[0] in intake.pending_button.toolTip()
    intake.pending_button.click()  # the 待告知 list, earliest deadline (overdue) first
    dialog = intake.pending_dialog
    assert dialog is not None
    assert [dialog.table.item(r, 0).text() for r in range(2)] == numbers
    dialog.close()


def test_saving_leaves_a_search_and_selects_the_new_case(
    qtbot: QtBot, db: Database, intake: IntakeTab, fill: Any, save: Any
) -> None:
    register(db, "孙桂兰", days_ago=30)
    intake.find_box.setText("孙桂兰")
    wait_for_results(qtbot, intake)
    fill()
    save()
    assert intake.list_title.text() == "今日登记"
    assert intake.find_box.text() == ""
    assert intake.selected_register_no() == f"{date.today().year}-00002"


# --- the model alone -----------------------------------------------------------------------


def test_search_model_loads_pages_in_the_background(
    qtbot: QtBot, db: Database, qapp: QApplication
) -> None:
    numbers = [register(db, f"王{i:03d}", days_ago=1) for i in range(7)]
    register(db, "李四", days_ago=1)
    model = CaseTableModel(db, page_size=3)
    model.set_query(SearchQuery(text="王"))
    assert model.loading  # what was shown stays until the answer is there (no flicker)
    qtbot.waitUntil(lambda: not model.loading, timeout=10_000)
    assert model.total == 7 and model.rowCount() == 3
    assert model.canFetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    assert not model.canFetchMore(QModelIndex())  # a page is on its way
    qtbot.waitUntil(lambda: model.rowCount() == 6, timeout=10_000)
    model.fetchMore(QModelIndex())
    qtbot.waitUntil(lambda: model.rowCount() == 7, timeout=10_000)
    assert not model.canFetchMore(QModelIndex())
    shown = [model.index(r, COL_REGISTER_NO).data() for r in range(7)]
    assert sorted(shown) == sorted(numbers)


def test_a_capped_count_shows_a_lower_bound_and_pages_on(
    qtbot: QtBot, db: Database, qapp: QApplication, monkeypatch: pytest.MonkeyPatch
) -> None:
    from petitiondesk.gui.intake import case_table_model

    monkeypatch.setattr(case_table_model, "COUNT_CAP", 4)
    numbers = [register(db, f"王{i:03d}", days_ago=1) for i in range(7)]
    model = CaseTableModel(db, page_size=3)
    model.set_query(SearchQuery(text="王"))
    qtbot.waitUntil(lambda: not model.loading, timeout=10_000)
    assert model.total_text == "4+" and model.rowCount() == 3
    for rows in (6, 7):
        model.fetchMore(QModelIndex())
        qtbot.waitUntil(lambda rows=rows: model.rowCount() == rows, timeout=10_000)
    assert not model.canFetchMore(QModelIndex())
    assert model.total == 7 and model.total_text == "7"
    shown = [model.index(r, COL_REGISTER_NO).data() for r in range(7)]
    assert sorted(shown) == sorted(numbers)


def test_an_older_search_never_overwrites_a_newer_one(
    qtbot: QtBot, db: Database, qapp: QApplication
) -> None:
    wang = register(db, "王秀英")
    li = register(db, "李建华")
    model = CaseTableModel(db)
    model.set_query(SearchQuery(text="王"))
    model.set_query(SearchQuery(text="李"))  # typed on before the first came back
    qtbot.waitUntil(lambda: not model.loading, timeout=10_000)
    from petitiondesk.gui import operations

    operations.wait_for_all()
    assert [model.index(r, COL_REGISTER_NO).data() for r in range(model.rowCount())] == [li]
    assert wang not in [model.case_at(r).register_no for r in range(model.rowCount())]  # type: ignore[union-attr]
    model.set_query(None)  # back to the day range given (none: everything)
    assert model.rowCount() == 2 and not model.loading
