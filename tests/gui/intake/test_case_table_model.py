"""The lazy register model, without widgets."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest
from PySide6.QtCore import QModelIndex, Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from petitiondesk.core.enums import Channel, Sex
from petitiondesk.gui.intake.case_table_model import (
    CASE_ROW_ROLE,
    COL_CHANNEL,
    COL_NAME,
    COL_PEOPLE,
    COL_REGISTER_NO,
    COL_STATUS,
    COL_SUMMARY,
    COL_TIME,
    HEADERS,
    PAGE_SIZE,
    CaseTableModel,
    summary_excerpt,
)
from petitiondesk.services.cases import CaseRow, SearchQuery
from petitiondesk.services.intake import VisitInput, register_visit
from petitiondesk.store.db import Database
from tests.helpers import actor

DAY = date(2025, 3, 3)


def add_visits(
    db: Database, n: int, day: date = DAY, *, summary: str = "反映噪音扰民", at: time = time(8, 0)
) -> list[str]:
    """``n`` phone calls on ``day`` from ``at``, 30 seconds apart; their register numbers."""
    numbers = []
    start = datetime.combine(day, at)
    for i in range(n):
        visit = VisitInput(
            channel=Channel.PHONE,
            received_at=start + timedelta(seconds=30 * i),
            name=f"来电人{i:03d}",
            people_count=1 + i % 3,
            category_id=1,
            summary=summary,
            receiving_officer="赵敏",
        )
        numbers.append(register_visit(db, visit, actor=actor("test")).unwrap().register_no)
    return numbers


def test_headers_in_order(db: Database, qapp: object) -> None:
    model = CaseTableModel(db, day_from=DAY, day_to=DAY)
    assert [
        model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())
    ] == list(HEADERS)
    assert HEADERS == (
        "登记号",
        "时间",
        "渠道",
        "姓名",
        "人数",
        "问题类别",
        "反映问题",
        "状态",
        "标记",
    )
    assert model.rowCount() == 0 and not model.canFetchMore(QModelIndex())


def test_pages_are_fetched_lazily_newest_first(db: Database, qapp: object) -> None:
    numbers = add_visits(db, 250)
    add_visits(db, 3, DAY - timedelta(days=1))  # another day: not shown
    model = CaseTableModel(db, day_from=DAY, day_to=DAY)

    assert model.total == 250
    assert model.rowCount() == PAGE_SIZE == 100
    assert model.canFetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    assert model.rowCount() == 200
    model.fetchMore(QModelIndex())
    assert model.rowCount() == 250
    assert not model.canFetchMore(QModelIndex())
    model.fetchMore(QModelIndex())  # nothing more: no change
    assert model.rowCount() == 250

    shown = [model.index(r, COL_REGISTER_NO).data() for r in range(model.rowCount())]
    assert shown == list(reversed(numbers))  # newest first, no duplicates, none missing


def test_refresh_starts_over_and_sees_new_rows(db: Database, qapp: object) -> None:
    add_visits(db, 150)
    model = CaseTableModel(db, day_from=DAY, day_to=DAY)
    model.fetchMore(QModelIndex())
    assert model.rowCount() == 150
    newest = add_visits(db, 1, summary="新的一条", at=time(17, 0))[0]
    model.refresh()
    assert model.total == 151
    assert model.rowCount() == PAGE_SIZE
    assert model.index(0, COL_REGISTER_NO).data() == newest


def test_row_of_loads_pages_until_found(db: Database, qapp: object) -> None:
    numbers = add_visits(db, 230)
    model = CaseTableModel(db, day_from=DAY, day_to=DAY)
    oldest = numbers[0]
    assert model.row_of(oldest, fetch=False) is None
    assert model.row_of(oldest) == 229
    assert model.rowCount() == 230
    assert model.row_of("2025-99999") is None


def test_day_range_filters(db: Database, qapp: object) -> None:
    add_visits(db, 2)
    add_visits(db, 5, DAY + timedelta(days=1))
    model = CaseTableModel(db, day_from=DAY, day_to=DAY)
    assert model.total == 2
    model.set_day_range(DAY, DAY + timedelta(days=1))
    assert model.total == 7 and model.rowCount() == 7
    # More than one day: the time column shows the date too.
    assert model.index(0, COL_TIME).data().startswith("2025-03-04 ")
    model.set_day_range(DAY + timedelta(days=2), DAY + timedelta(days=2))
    assert model.total == 0 and model.rowCount() == 0


def test_cells_and_raw_row_role(db: Database, qapp: object) -> None:
    long_summary = "反映" + "小区旁建筑工地夜间施工噪音扰民" * 5
    number = add_visits(db, 1, summary=long_summary)[0]
    model = CaseTableModel(db, day_from=DAY, day_to=DAY)
    row = model.index(0, 0).data(CASE_ROW_ROLE)
    assert isinstance(row, CaseRow)
    assert row.register_no == number and row.sex is Sex.UNKNOWN
    assert model.index(0, COL_TIME).data() == "08:00"
    assert model.index(0, COL_CHANNEL).data() == "来电"
    assert model.index(0, COL_NAME).data() == "来电人000"
    assert model.index(0, COL_PEOPLE).data() == "1"
    assert model.index(0, COL_STATUS).data() == "已登记"
    excerpt = model.index(0, COL_SUMMARY).data()
    assert len(excerpt) == 40 and excerpt.endswith("…")
    assert model.index(0, COL_SUMMARY).data(Qt.ItemDataRole.ToolTipRole) == long_summary
    assert not model.flags(model.index(0, 0)) & Qt.ItemFlag.ItemIsEditable


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("短", "短"),
        ("一行\n两行", "一行 两行"),
        ("字" * 41, "字" * 39 + "…"),
        ("字" * 40, "字" * 40),
    ],
)
def test_summary_excerpt(text: str, expected: str) -> None:
    assert summary_excerpt(text) == expected


def test_model_passes_qt_consistency_checks(db: Database, qtmodeltester: ModelTester) -> None:
    add_visits(db, 120)
    model = CaseTableModel(db, day_from=DAY, day_to=DAY)
    qtmodeltester.check(model)
    assert model.rowCount() >= PAGE_SIZE


ID_NUMBER = "410122197206113513"
PHONE = "13637103118"
SHOWN_ROLES = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole)


def _shown(model: CaseTableModel) -> list[str]:
    return [
        str(model.index(r, c).data(role))
        for r in range(model.rowCount())
        for c in range(model.columnCount())
        for role in SHOWN_ROLES
    ]


def test_register_and_search_results_never_show_a_full_id_or_phone(
    db: Database, qtbot: QtBot
) -> None:
    visit = VisitInput(
        channel=Channel.VISIT,
        received_at=datetime.combine(DAY, time(9, 0)),
        name="王秀英",
        id_number=ID_NUMBER,
        phone=PHONE,
        category_id=1,
        summary=f"反映噪音扰民，电话 {PHONE[:3]}",
        receiving_officer="赵敏",
    )
    register_visit(db, visit, actor=actor("test")).unwrap()
    model = CaseTableModel(db, day_from=DAY, day_to=DAY)
    assert model.rowCount() == 1
    assert not any(ID_NUMBER in v or PHONE in v for v in _shown(model))
    for text in (ID_NUMBER, PHONE):
        with qtbot.waitSignal(model.search_finished, timeout=10_000):
            model.set_query(SearchQuery(text=text))
        assert model.rowCount() == 1
        assert not any(ID_NUMBER in v or PHONE in v for v in _shown(model))
        row = model.index(0, COL_NAME).data(CASE_ROW_ROLE)
        assert (row.id_number, row.phone) == (ID_NUMBER, PHONE)  # the raw object keeps them
