"""Registration completeness: channels, flags, group visits, length limits and reusing a
petitioner the clerk picked from the look-up."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import func, select

from petitiondesk.core.enums import Channel
from petitiondesk.services.cases import case_detail
from petitiondesk.services.intake import RepresentativeInput, VisitInput, register_visit
from petitiondesk.store.db import Database
from petitiondesk.store.models import AuditLog, OfficeSettings, Petition, Petitioner, Representative
from tests.helpers import GOOD_ID, actor, visit_input

NOW = datetime(2026, 11, 20, 10, 0)
OTHER_ID = "110101199003074514"


def visit(**changes: object) -> VisitInput:
    return visit_input(**{"place": "城关镇前进村", **changes})


def count(db: Database, model: type) -> int:
    with db.read() as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


@pytest.mark.parametrize("channel", [Channel.LETTER, Channel.PHONE, Channel.ONLINE])
def test_non_visit_channels_need_no_id_number(db: Database, channel: Channel) -> None:
    extra = (
        {"letter_date": date(2026, 11, 16), "postmark": "青山县邮政局"}
        if channel is Channel.LETTER
        else {}
    )
    result = register_visit(
        db, visit(channel=channel, id_number="", **extra), actor=actor("a"), now=NOW
    )
    assert result.ok, result.errors
    detail = case_detail(db, result.unwrap().register_no)
    assert detail is not None and detail.row.channel is channel
    if channel is Channel.LETTER:
        assert detail.letter_date == date(2026, 11, 16) and detail.postmark == "青山县邮政局"


def test_letter_fields_only_for_letters(db: Database) -> None:
    result = register_visit(
        db, visit(channel=Channel.PHONE, id_number="", letter_date=date(2026, 11, 1), postmark="邮戳"),
        actor=actor("a"), now=NOW,
    )  # fmt: skip
    assert result.errors == {
        "letter_date": "来信日期仅用于来信登记",
        "postmark": "邮戳仅用于来信登记",
    }


def test_anonymous_letter_has_no_petitioner_but_an_anonymous_visit_is_refused(db: Database) -> None:
    letter = register_visit(
        db, visit(channel=Channel.ONLINE, anonymous=True, name="", id_number="", phone=""),
        actor=actor("a"), now=NOW,
    )  # fmt: skip
    value = letter.unwrap()
    assert value.petitioner_id is None
    detail = case_detail(db, value.register_no)
    assert detail is not None and detail.row.name == "匿名" and "匿名" in detail.row.flags
    refused = register_visit(
        db, visit(anonymous=True, name="", id_number=""), actor=actor("a"), now=NOW
    )
    assert refused.errors == {"anonymous": "走访须核验来访人身份，不能匿名登记"}


def test_flags_and_place_are_saved_and_listed(db: Database) -> None:
    value = register_visit(
        db,
        visit(skipped_level=True, urgent=True, place="城关镇前进村三组"),
        actor=actor("a"),
        now=NOW,
    ).unwrap()
    with db.read() as session:
        p = session.get(Petition, value.petition_id)
        assert p is not None and p.skipped_level and p.urgent and not p.anonymous
        assert p.place == "城关镇前进村三组"
    detail = case_detail(db, value.register_no)
    assert detail is not None
    assert "越级访" in detail.row.flags and "急件" in detail.row.flags
    assert detail.row.place == "城关镇前进村三组"


def test_overlong_fields_are_refused_per_field(db: Database) -> None:
    result = register_visit(
        db, visit(name="王" * 41, place="地" * 201, address="址" * 201, accused="某" * 201),
        actor=actor("a"), now=NOW,
    )  # fmt: skip
    assert result.errors["name"] == "姓名不能超过40个字（现为41个字）"
    assert result.errors["place"].startswith("问题发生地不能超过200个字")
    assert result.errors["address"].startswith("住址不能超过200个字")
    assert result.errors["accused"].startswith("被检举对象不能超过200个字")
    assert count(db, Petition) == 0


def test_representative_phone_is_checked(db: Database) -> None:
    reps = [RepresentativeInput(name="代表甲", phone="12345")]
    result = register_visit(
        db, visit(people_count=6, representatives=reps), actor=actor("a"), now=NOW
    )
    assert result.errors["representatives"].startswith("第1位代表：电话号码格式不正确")


def test_refused_group_visit_saves_nothing(db: Database) -> None:
    reps = [RepresentativeInput(name=f"代表{i}", phone="13800000000") for i in range(6)]
    result = register_visit(
        db, visit(people_count=40, representatives=reps), actor=actor("a"), now=NOW
    )
    assert "第二十条" in result.errors["representatives"]
    assert (count(db, Petition), count(db, Petitioner), count(db, Representative)) == (0, 0, 0)
    assert count(db, AuditLog) == 0
    ok = register_visit(
        db, visit(people_count=40, representatives=reps[:5]), actor=actor("a"), now=NOW
    )
    assert ok.unwrap().register_no == "2026-00001"  # the refused save used up no number


@pytest.mark.parametrize(
    "small_limit, min_people, people, expected",
    [
        (None, 5, 4, False),
        (None, 5, 5, True),
        (None, 5, 30, True),
        # Not tied to the representative limit (issue 8): a small limit of 3 no longer
        # makes a 3-person visit a 集体访.
        (3, 5, 3, False),
        (3, 5, 11, True),
        (3, 3, 3, True),
        (None, 3, 2, False),
    ],
)
def test_is_group_from_the_office_people_count_setting(
    db: Database, small_limit: int | None, min_people: int, people: int, expected: bool
) -> None:
    with db.write() as session:
        office = session.get(OfficeSettings, 1)
        assert office is not None
        office.small_group_rep_limit = small_limit
        office.group_visit_min_people = min_people
    value = register_visit(db, visit(people_count=people), actor=actor("a"), now=NOW).unwrap()
    with db.read() as session:
        p = session.get(Petition, value.petition_id)
        assert p is not None and p.is_group is expected


# --- reusing a chosen petitioner --------------------------------------------------------


def test_chosen_petitioner_is_reused_even_without_an_id_number(db: Database) -> None:
    first = register_visit(
        db,
        visit(channel=Channel.PHONE, id_number="", phone="13800001111"),
        actor=actor("a"),
        now=NOW,
    ).unwrap()
    assert first.petitioner_id is not None
    second = register_visit(
        db,
        visit(channel=Channel.LETTER, id_number="", phone="", address="青山县城关镇新址1号",
              petitioner_id=first.petitioner_id),
        actor=actor("b"), now=NOW,
    ).unwrap()  # fmt: skip
    assert second.reused_petitioner and second.petitioner_id == first.petitioner_id
    with db.read() as session:
        person = session.get(Petitioner, first.petitioner_id)
        assert person is not None
        assert person.address == "青山县城关镇新址1号" and person.phone == "13800001111"
    assert count(db, Petitioner) == 1


def test_chosen_petitioner_gets_the_id_number_typed_now(db: Database) -> None:
    first = register_visit(
        db, visit(channel=Channel.PHONE, id_number=""), actor=actor("a"), now=NOW
    ).unwrap()
    second = register_visit(
        db, visit(petitioner_id=first.petitioner_id), actor=actor("a"), now=NOW
    ).unwrap()
    assert second.petitioner_id == first.petitioner_id
    with db.read() as session:
        person = session.get(Petitioner, first.petitioner_id)
        assert person is not None and person.id_number == GOOD_ID
        assert person.birth_date == date(1949, 12, 31)


def test_chosen_petitioner_conflicts_are_refused(db: Database) -> None:
    a = register_visit(db, visit(), actor=actor("a"), now=NOW).unwrap()
    b = register_visit(
        db, visit(name="张三丰", id_number=OTHER_ID), actor=actor("a"), now=NOW
    ).unwrap()
    c = register_visit(
        db, visit(name="无证人", channel=Channel.PHONE, id_number="", phone="13700000000"),
        actor=actor("a"), now=NOW,
    ).unwrap()  # fmt: skip
    mismatch = register_visit(
        db, visit(petitioner_id=a.petitioner_id, id_number=OTHER_ID), actor=actor("a"), now=NOW
    )
    assert mismatch.errors == {"id_number": "身份证号与所选来访人（王秀英）档案中的不一致"}
    taken = register_visit(
        db, visit(petitioner_id=c.petitioner_id, id_number=OTHER_ID), actor=actor("a"), now=NOW
    )
    assert taken.errors == {"id_number": "该身份证号已登记为另一来访人（张三丰），请改选该来访人"}
    missing = register_visit(db, visit(petitioner_id=9999), actor=actor("a"), now=NOW)
    assert missing.errors == {"petitioner_id": "所选来访人不存在，请重新查找"}
    anonymous = register_visit(
        db, visit(channel=Channel.LETTER, anonymous=True, id_number="", petitioner_id=b.petitioner_id),
        actor=actor("a"), now=NOW,
    )  # fmt: skip
    assert anonymous.errors == {"petitioner_id": "匿名登记不能关联已知来访人"}
    assert count(db, Petition) == 3


def test_visit_input_stays_backward_compatible() -> None:
    data = VisitInput(channel=Channel.VISIT, received_at=NOW)
    assert data.petitioner_id is None
