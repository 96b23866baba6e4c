"""register_visit: validation per field, petitioner reuse, numbering, audit, deadlines."""

from __future__ import annotations

import json
from datetime import date, datetime

from sqlalchemy import func, select

from petitiondesk.core.enums import CaseStatus, Channel, Sex
from petitiondesk.services.cases import case_detail, count_cases, find_petitioner_by_id_number
from petitiondesk.services.intake import RepresentativeInput, VisitInput, register_visit
from petitiondesk.store.db import Database
from petitiondesk.store.models import AuditLog, OfficeSettings, Petition, Petitioner
from tests.helpers import GOOD_ID, actor, visit_input

NOW = datetime(2026, 11, 20, 10, 0)


def visit(**changes: object) -> VisitInput:
    defaults: dict[str, object] = {
        "people_count": 1,
        "place": "城关镇前进村",
        "demands": "要求按协议发放补偿款",
        "duty_leader_id": 1,
    }
    return visit_input(**{**defaults, **changes})


def _petitions(db: Database) -> int:
    with db.read() as session:
        return int(session.scalar(select(func.count(Petition.id))) or 0)


def test_register_visit_saves_numbers_and_audits(db: Database) -> None:
    result = register_visit(db, visit(), actor=actor("赵丽"), now=NOW)
    assert result.ok, result.errors
    value = result.unwrap()
    assert value.register_no == "2026-00001"
    assert result.message == "已登记，登记号 2026-00001"
    # 15 calendar days from 2026-11-20 → 2026-12-05 is a Saturday → rolls to Monday 12-07
    assert value.acceptance_due == date(2026, 12, 7)
    detail = case_detail(db, "2026-00001")
    assert detail is not None
    assert detail.row.name == "王秀英"
    assert detail.row.sex is Sex.FEMALE
    assert detail.row.status is CaseStatus.REGISTERED
    assert detail.row.duty_leader == "张建国"
    with db.read() as session:
        rows = session.scalars(select(AuditLog).where(AuditLog.action == "register_visit")).all()
        assert len(rows) == 1
        assert rows[0].actor == "赵丽"
        assert json.loads(rows[0].after)["register_no"] == "2026-00001"
        person = session.scalar(select(Petitioner))
        assert person is not None and person.birth_date == date(1949, 12, 31)
    second = register_visit(
        db, visit(channel=Channel.PHONE, id_number=""), actor=actor("赵丽"), now=NOW
    )
    assert second.unwrap().register_no == "2026-00002"


def test_known_petitioner_is_reused_and_updated_with_history(db: Database) -> None:
    first = register_visit(db, visit(), actor=actor("赵丽"), now=NOW).unwrap()
    second = register_visit(
        db, visit(phone="13700001111", id_number=GOOD_ID.lower()), actor=actor("孙明"), now=NOW
    ).unwrap()
    assert second.reused_petitioner and second.petitioner_id == first.petitioner_id
    known = find_petitioner_by_id_number(db, GOOD_ID)
    assert known is not None and known.phone == "13700001111" and known.earlier_cases == 2
    with db.read() as session:
        assert session.scalar(select(func.count(Petitioner.id))) == 1
        update = session.scalar(select(AuditLog).where(AuditLog.action == "update_petitioner"))
        assert update is not None
        assert json.loads(update.before)["phone"] == "13912345678"
        assert json.loads(update.after)["phone"] == "13700001111"


def test_each_bad_field_gets_its_own_message_and_nothing_is_saved(db: Database) -> None:
    bad = visit(
        name="  ",
        id_number="110105194912310021",
        phone="12345",
        people_count=0,
        summary="",
        category_id=None,
        receiving_officer="",
        received_at=datetime(2026, 11, 21, 9, 0),
    )
    result = register_visit(db, bad, actor=actor("赵丽"), now=NOW)
    assert not result.ok
    assert result.errors["name"] == "请填写姓名"
    assert "校验位" in result.errors["id_number"] and "X" in result.errors["id_number"]
    assert "电话" in result.errors["phone"]
    assert result.errors["people_count"] == "人数至少为1人"
    assert result.errors["summary"] == "请填写反映的主要问题"
    assert result.errors["category_id"] == "请选择问题类别"
    assert result.errors["receiving_officer"] == "请填写接待人"
    assert "晚于" in result.errors["received_at"]
    assert result.message.startswith("登记未保存")
    assert _petitions(db) == 0


def test_visit_needs_an_id_but_a_letter_does_not(db: Database) -> None:
    refused = register_visit(db, visit(id_number=""), actor=actor("赵丽"), now=NOW)
    assert refused.errors == {"id_number": "走访登记须核验身份证号"}
    letter = visit(
        channel=Channel.LETTER,
        id_number="",
        letter_date=date(2026, 11, 15),
        postmark="青山县邮政局",
    )
    assert register_visit(db, letter, actor=actor("赵丽"), now=NOW).ok
    late = visit(channel=Channel.LETTER, id_number="", letter_date=date(2026, 11, 25))
    assert register_visit(db, late, actor=actor("赵丽"), now=NOW).errors == {
        "letter_date": "来信日期不能晚于收信日期"
    }


def test_group_visit_representative_limit_quotes_the_rule(db: Database) -> None:
    reps = [RepresentativeInput(name=f"代表{i}") for i in range(6)]
    result = register_visit(
        db, visit(people_count=30, representatives=reps), actor=actor("赵丽"), now=NOW
    )
    assert "第二十条" in result.errors["representatives"]
    assert "不超过5人" in result.errors["representatives"]
    assert _petitions(db) == 0
    ok = register_visit(
        db, visit(people_count=30, representatives=reps[:5]), actor=actor("赵丽"), now=NOW
    ).unwrap()
    detail = case_detail(db, ok.register_no)
    assert detail is not None and len(detail.representatives) == 5
    assert "集体访（30人）" in detail.row.flags


def test_small_group_limit_setting(db: Database) -> None:
    with db.write() as session:
        office = session.get(OfficeSettings, 1)
        assert office is not None
        office.small_group_rep_limit = 3
    reps = [RepresentativeInput(name=f"代表{i}") for i in range(4)]
    small = register_visit(
        db, visit(people_count=8, representatives=reps), actor=actor("a"), now=NOW
    )
    assert "10人以下" in small.errors["representatives"]
    large = register_visit(
        db, visit(people_count=12, representatives=reps), actor=actor("a"), now=NOW
    )
    assert large.ok


def test_confidential_report_requires_the_accused(db: Database) -> None:
    result = register_visit(db, visit(confidential=True), actor=actor("a"), now=NOW)
    assert result.errors == {"accused": "检举控告件请填写被检举对象，以便交办时回避"}
    assert register_visit(
        db, visit(confidential=True, accused="某村委会"), actor=actor("a"), now=NOW
    ).ok


def test_acceptance_due_past_calendar_coverage_is_flagged(db: Database) -> None:
    received = datetime(2026, 12, 28, 9, 0)
    result = register_visit(
        db, visit(received_at=received), actor=actor("a"), now=datetime(2026, 12, 28, 10)
    )
    value = result.unwrap()
    assert value.acceptance_due_uncovered
    assert value.acceptance_due is not None and value.acceptance_due.year == 2027


def test_count_cases_by_day(db: Database) -> None:
    register_visit(db, visit(), actor=actor("a"), now=NOW)
    register_visit(db, visit(received_at=datetime(2026, 11, 19, 15, 0)), actor=actor("a"), now=NOW)
    assert count_cases(db, day_from=date(2026, 11, 20), day_to=date(2026, 11, 20)) == 1
    assert count_cases(db) == 2
