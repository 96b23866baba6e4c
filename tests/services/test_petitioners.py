"""Petitioner look-up for the intake form, editing with history from the audit log."""

from __future__ import annotations

import json
from datetime import date, datetime

from sqlalchemy import func, select

from petitiondesk.core.enums import Channel, Sex
from petitiondesk.services.intake import register_visit
from petitiondesk.services.petitioners import (
    MATCH_ID,
    MATCH_NAME_ADDRESS,
    MATCH_PHONE,
    PetitionerInput,
    lookup_petitioners,
    petitioner_history,
    update_petitioner,
)
from petitiondesk.store.db import Database
from petitiondesk.store.models import AuditLog
from tests.helpers import GOOD_ID, actor, visit_input

NOW = datetime(2026, 11, 20, 10, 0)
MALE_ID = "110101199003074514"  # male, 1990-03-07


def register(db: Database, **changes: object) -> int:
    value = register_visit(db, visit_input(**changes), actor=actor("赵丽"), now=NOW).unwrap()
    assert value.petitioner_id is not None
    return value.petitioner_id


def test_lookup_by_id_phone_and_name_address(db: Database) -> None:
    wang = register(db)
    register(db, received_at=datetime(2026, 11, 20, 9, 40))  # same person again
    li = register(db, name="李四", id_number="", channel=Channel.PHONE, phone="13800001111",
                  address="青山县河口镇 后河村 3号")  # fmt: skip

    by_id = lookup_petitioners(db, id_number=GOOD_ID.lower())
    assert [(k.id, k.match, k.earlier_cases) for k in by_id] == [(wang, MATCH_ID, 2)]
    assert by_id[0].id_number == GOOD_ID and by_id[0].last_received == datetime(2026, 11, 20, 9, 40)
    assert [k.match for k in lookup_petitioners(db, phone="１３８００００１１１１")] == [
        MATCH_PHONE
    ]
    found = lookup_petitioners(db, name="李四", address="青山县河口镇后河村3号")
    assert [(k.id, k.match) for k in found] == [(li, MATCH_NAME_ADDRESS)]
    assert lookup_petitioners(db, name="李四") == []  # a name alone finds nobody
    assert lookup_petitioners(db, name="李四", address="青山县河口镇后河村4号") == []
    # Several keys: each person once, under the strongest reason.
    both = lookup_petitioners(db, id_number=GOOD_ID, phone="13912345678", name="王秀英",
                              address="青山县城关镇前进村8号")  # fmt: skip
    assert [(k.id, k.match) for k in both] == [(wang, MATCH_ID)]
    assert lookup_petitioners(db) == []


def test_shared_phone_finds_every_family_member(db: Database) -> None:
    a = register(db)
    b = register(db, name="张三丰", id_number=MALE_ID)  # same phone
    assert {k.id for k in lookup_petitioners(db, phone="13912345678")} == {a, b}


def test_update_writes_one_audit_row_and_history_lists_the_changes(db: Database) -> None:
    pid = register(db, channel=Channel.PHONE, id_number="", sex=Sex.UNKNOWN)
    result = update_petitioner(
        db,
        pid,
        PetitionerInput(name="王秀英", id_number=GOOD_ID, phone="13700002222",
                        address="青山县城关镇前进村8号", work_unit="退休"),
        actor("孙明"),
        now=NOW,
    )  # fmt: skip
    assert result.ok, result.errors
    known = result.unwrap()
    assert known.phone == "13700002222" and known.sex is Sex.FEMALE and known.id_number == GOOD_ID
    assert "联系电话" in result.message
    with db.read() as session:
        rows = session.scalars(select(AuditLog).where(AuditLog.action == "update_petitioner")).all()
        assert len(rows) == 1 and rows[0].actor == "孙明"
        assert json.loads(rows[0].before)["phone"] == "13912345678"
        assert json.loads(rows[0].after)["birth_date"] == "1949-12-31"

    history = petitioner_history(db, pid)
    assert [h.action for h in history] == ["create_petitioner", "update_petitioner"]
    created, updated = history
    assert ("name", "", "王秀英") in {(c.field, c.before, c.after) for c in created.changes}
    changes = {c.field: (c.before, c.after) for c in updated.changes}
    assert changes == {
        "sex": ("未知", "女"),
        "id_number": ("", GOOD_ID),
        "birth_date": ("", "1949-12-31"),
        "phone": ("13912345678", "13700002222"),
        "work_unit": ("", "退休"),
    }
    assert updated.actor == "孙明" and "修改来访人信息" in updated.summary


def test_no_change_writes_nothing(db: Database) -> None:
    pid = register(db)
    same = PetitionerInput(name="王秀英", id_number=GOOD_ID, phone="13912345678",
                           address="青山县城关镇前进村8号")  # fmt: skip
    result = update_petitioner(db, pid, same, actor("a"), now=NOW)
    assert result.ok and result.message == "来访人信息未改变"
    with db.read() as session:
        assert (
            session.scalar(
                select(func.count(AuditLog.id)).where(AuditLog.action == "update_petitioner")
            )
            == 0
        )


def test_update_is_validated_per_field(db: Database) -> None:
    pid = register(db)
    register(db, name="张三丰", id_number=MALE_ID, phone="13800000000")
    result = update_petitioner(
        db, pid,
        PetitionerInput(name=" ", id_number=MALE_ID, phone="123", address="址" * 201, sex=Sex.FEMALE),
        actor("a"), now=NOW,
    )  # fmt: skip
    assert result.errors["name"] == "请填写姓名"
    assert result.errors["id_number"] == "该身份证号已登记为另一来访人（张三丰）"
    assert "电话" in result.errors["phone"]
    assert result.errors["address"].startswith("住址不能超过200个字")
    assert result.errors["sex"].startswith("性别与身份证号不符")
    bad_id = update_petitioner(
        db, pid, PetitionerInput(name="王秀英", id_number="123"), actor("a"), now=NOW
    )
    assert "身份证号" in bad_id.errors["id_number"]
    assert not update_petitioner(db, 999, PetitionerInput(name="x"), actor("a")).ok
    assert len(petitioner_history(db, pid)) == 1  # only the creation


def test_clearing_the_id_number_keeps_it_in_the_history(db: Database) -> None:
    pid = register(db)
    cleared = update_petitioner(
        db, pid, PetitionerInput(name="王秀英", phone="13912345678", address="青山县城关镇前进村8号"),
        actor("a"), now=NOW,
    ).unwrap()  # fmt: skip
    assert cleared.id_number == "" and cleared.sex is Sex.FEMALE
    last = petitioner_history(db, pid)[-1]
    assert {c.field: c.before for c in last.changes}["id_number"] == GOOD_ID
    assert date(1949, 12, 31).isoformat() in {c.before for c in last.changes}
