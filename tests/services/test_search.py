"""The register's search box: names, numbers and summary text, filters, paging."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from petitiondesk.core.enums import CaseStatus, Channel
from petitiondesk.services.cases import SearchQuery, count_search, like_contains, search_cases
from petitiondesk.services.intake import VisitInput, register_visit
from petitiondesk.store.db import Database
from petitiondesk.store.models import Petition
from tests.helpers import actor

NOW = datetime(2026, 11, 30, 18, 0)


def register(db: Database, day: int, hour: int = 9, **changes: object) -> str:
    data = VisitInput(
        channel=Channel.PHONE,
        received_at=datetime(2026, 11, day, hour, 0),
        name="王秀英",
        phone="13912345678",
        category_id=1,
        summary="反映拆迁补偿款未按协议发放。",
        receiving_officer="赵丽",
    )
    for key, value in changes.items():
        setattr(data, key, value)
    return register_visit(db, data, actor=actor("a"), now=NOW).unwrap().register_no


@pytest.fixture
def register_of(db: Database) -> dict[str, str]:
    return {
        "wang": register(db, 2),
        "zhang": register(
            db, 3, channel=Channel.VISIT, name="张三丰", id_number="110101199003074514",
            phone="0371-62345678", summary="反映工地拖欠工资100%未付，涉及_班组。", category_id=3,
        ),
        "li": register(db, 4, name="李秀英", phone="13700001111", summary="反映噪声扰民。"),
        "wang2": register(db, 5, channel=Channel.LETTER, summary="再次反映王家湾村拆迁补偿问题。"),
    }  # fmt: skip


def numbers(rows: list) -> list[str]:  # type: ignore[type-arg]
    return [r.register_no for r in rows]


def test_empty_text_lists_everything_newest_first_and_pages(
    db: Database, register_of: dict[str, str]
) -> None:
    r = register_of
    assert numbers(search_cases(db, SearchQuery())) == [r["wang2"], r["li"], r["zhang"], r["wang"]]
    assert numbers(search_cases(db, SearchQuery(), offset=1, limit=2)) == [r["li"], r["zhang"]]
    assert count_search(db, SearchQuery()) == 4
    assert search_cases(db, SearchQuery(), offset=10) == []


@pytest.mark.parametrize(
    "text, expected",
    [
        ("王秀英", ["wang2", "wang"]),  # name
        ("王", ["wang2", "wang"]),  # surname: names begin with it; 王家湾 in a summary
        ("秀英", ["wang2", "li", "wang"]),  # names match anywhere (the substring index)
        ("英", ["wang2", "li", "wang"]),  # one character
        ("丰", ["zhang"]),
        ("张三", ["zhang"]),
        ("110101199003074514", ["zhang"]),  # ID number
        ("11010119900307", ["zhang"]),  # its beginning
        ("13700001111", ["li"]),  # phone
        ("1370000", ["li"]),
        ("0371-6234", ["zhang"]),  # landline
        ("噪声", ["li"]),  # summary text
        ("拆迁补偿", ["wang2", "wang"]),
        ("２０２６－０００03", ["li"]),  # a whole register number, full-width
        ("2026-0000", ["wang2", "li", "zhang", "wang"]),  # its beginning
        ("3", ["li"]),  # the sequence part
        ("00002", ["zhang"]),
        ("100%", ["zhang"]),  # % and _ are literal
        ("%", ["zhang"]),
        ("_", ["zhang"]),
        ("_班", ["zhang"]),
        ("1_0", []),
        ("补%款", []),
        ("没有这回事", []),
    ],
)
def test_what_the_box_matches(
    db: Database, register_of: dict[str, str], text: str, expected: list[str]
) -> None:
    query = SearchQuery(text=f" {text} ")
    assert numbers(search_cases(db, query)) == [register_of[k] for k in expected]
    assert count_search(db, query) == len(expected)


def test_in_summary_false_searches_names_and_numbers_only(
    db: Database, register_of: dict[str, str]
) -> None:
    assert count_search(db, SearchQuery(text="噪声", in_summary=False)) == 0
    assert count_search(db, SearchQuery(text="秀英", in_summary=False)) == 0  # from the start
    assert count_search(db, SearchQuery(text="王", in_summary=False)) == 2
    assert count_search(db, SearchQuery(text="13700001111", in_summary=False)) == 1


def test_filters(db: Database, register_of: dict[str, str]) -> None:
    r = register_of
    assert numbers(search_cases(db, SearchQuery(channel=Channel.VISIT))) == [r["zhang"]]
    assert numbers(search_cases(db, SearchQuery(category_id=3))) == [r["zhang"]]
    assert numbers(search_cases(db, SearchQuery(date_from=date(2026, 11, 3), date_to=date(2026, 11, 4)))) == [
        r["li"], r["zhang"],
    ]  # fmt: skip
    with db.write() as session:
        p = session.get(Petition, 4)
        assert p is not None
        p.status = CaseStatus.ACCEPTED
    assert numbers(search_cases(db, SearchQuery(text="拆迁", status=CaseStatus.ACCEPTED))) == [
        r["wang2"]
    ]
    assert count_search(db, SearchQuery(text="拆迁", status=CaseStatus.REGISTERED)) == 1


def test_rows_carry_what_the_table_shows(db: Database, register_of: dict[str, str]) -> None:
    (row,) = search_cases(db, SearchQuery(text="张三丰"))
    assert row.name == "张三丰" and row.phone == "0371-62345678" and row.category == "劳动社保"
    assert row.received_at == datetime(2026, 11, 3, 9, 0) and row.status is CaseStatus.REGISTERED


def test_like_contains_escapes() -> None:
    assert like_contains("100%_a\\b") == "%100\\%\\_a\\\\b%"


def test_same_time_is_ordered_by_id(db: Database) -> None:
    a = register(db, 6)
    b = register(db, 6)
    assert numbers(search_cases(db, SearchQuery(date_from=date(2026, 11, 6)))) == [b, a]
