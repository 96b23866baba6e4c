"""services.printouts.registration: each channel prints its own slip (来访 / 来信 / 来电 /
网上信访登记单), a confidential case carries a boxed 保密 mark, flags have their own row."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from pypdf import PdfReader

from petitiondesk.core.enums import Channel
from petitiondesk.printing.formload import load_form
from petitiondesk.services.cases import case_detail
from petitiondesk.services.printouts import print_registration
from petitiondesk.services.printouts.registration import SLIP_FORMS, registration_slip_values
from petitiondesk.store.db import Database
from tests.helpers import actor
from tests.services.printouts.case_setup import NOW, pages, register, set_up_office


@pytest.fixture
def office(db: Database) -> Database:
    return set_up_office(db)


LETTER = {
    "channel": Channel.LETTER,
    "letter_date": date(2026, 11, 15),
    "postmark": "青山县城关邮政支局 2026.11.17",
    "receiving_officer": "孙敏",
}

#: channel → (changes, words that must print, words that must not)
CASES = {
    Channel.VISIT: ({}, ["来访登记单", "来访人数", "接待人"], ["来信登记单", "邮戳"]),
    Channel.LETTER: (
        LETTER,
        ["来信登记单", "来信日期", "2026年11月15日", "邮戳", "青山县城关邮政支局", "收信人：孙敏"],
        ["来访登记单", "来访人数", "接待人"],
    ),
    Channel.PHONE: (
        {"channel": Channel.PHONE},
        ["来电登记单", "来电号码", "13912345678", "来电时间", "接听人"],
        ["来访登记单", "来访人数", "接待人", "邮戳"],
    ),
    Channel.ONLINE: (
        {"channel": Channel.ONLINE},
        ["网上信访登记单", "网上渠道", "提交时间", "受理人"],
        ["来访登记单", "来访人数", "接待人", "邮戳"],
    ),
}


@pytest.mark.parametrize("channel", list(Channel))
def test_each_channel_prints_its_own_slip(
    office: Database, tmp_path: Path, channel: Channel
) -> None:
    changes, present, absent = CASES[channel]
    no = register(office, **changes)
    out = tmp_path / "slip.pdf"
    print_registration(office, no, out, now=NOW, actor=actor()).unwrap()
    (text,) = pages(out)
    for word in present:
        assert word in text, (channel, word)
    for word in absent:
        assert word not in text, (channel, word)


@pytest.mark.parametrize("channel", list(Channel))
def test_every_field_of_each_channel_slip_is_filled(office: Database, channel: Channel) -> None:
    no = register(office, **CASES[channel][0])
    detail = case_detail(office, no)
    assert detail is not None
    values = registration_slip_values(
        detail, office_name="青山县信访局", letterhead="", printed_at=NOW
    )
    spec = load_form(SLIP_FORMS[channel])
    assert [key for key in spec.fields if key not in values] == []


def test_confidential_slip_has_a_secrecy_mark_and_a_flags_row(
    office: Database, tmp_path: Path
) -> None:
    no = register(
        office,
        confidential=True,
        accused="某局某科长",
        urgent=True,
        received_at=datetime(2026, 11, 20, 9, 30),
    )
    out = tmp_path / "slip.pdf"
    print_registration(office, no, out, now=NOW, actor=actor()).unwrap()
    (text,) = pages(out)
    # The mark is drawn on its own at the height of the title (a boxed 保密), not only
    # inside the flags row far below it.
    placed = text_positions(out)
    title_y = next(y for text_run, y in placed if "来访登记单" in text_run)
    assert any(run.strip() == "保密" and abs(y - title_y) < 40 for run, y in placed), placed
    assert "标记" in text and "重复/越级" not in text
    assert "检举控告" in text and "急件" in text


def test_ordinary_slip_has_no_secrecy_mark(office: Database, tmp_path: Path) -> None:
    no = register(office)
    out = tmp_path / "slip.pdf"
    print_registration(office, no, out, now=NOW, actor=actor()).unwrap()
    assert not any(run.strip() == "保密" for run, _ in text_positions(out))


def text_positions(path: Path) -> list[tuple[str, float]]:
    """Each text run on the first page with its baseline height."""
    runs: list[tuple[str, float]] = []

    def visit(text: str, cm: object, tm: list[float], font: object, size: object) -> None:
        if text.strip():
            runs.append((text, tm[5]))

    PdfReader(path).pages[0].extract_text(visitor_text=visit)
    return runs
