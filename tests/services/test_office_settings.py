"""Office settings and deadline rules: validated, audited, applied to the next case."""

from __future__ import annotations

import dataclasses
import json
from datetime import datetime

from sqlalchemy import select

from petitiondesk.core.enums import DayUnit
from petitiondesk.services.deadline_rules import (
    RuleInput,
    add_deadline_rule,
    list_deadline_rules,
    set_deadline_rule_active,
    update_deadline_rule,
)
from petitiondesk.services.intake import RepresentativeInput, register_visit
from petitiondesk.services.settings import get_office_settings, update_office_settings
from petitiondesk.store.db import Database
from petitiondesk.store.models import AuditLog
from tests.helpers import actor, admin, visit_input

NOW = datetime(2026, 11, 20, 10, 0)


def reps(n: int) -> list[RepresentativeInput]:
    return [RepresentativeInput(name=f"代表{i}") for i in range(1, n + 1)]


def test_settings_round_trip_and_audit(db: Database) -> None:
    current = get_office_settings(db)
    assert (current.group_rep_limit, current.group_visit_min_people) == (5, 5)
    wanted = dataclasses.replace(
        current,
        name="青山县信访局",
        letterhead_lines=("青山县信访局", "Qingshan County Petitions Bureau"),
        doc_prefix="青信",
        seal_text="青山县信访局",
        receiving_officers=("赵丽", "钱进"),
        due_soon_days=5,
    )
    saved = update_office_settings(db, wanted, actor=admin()).unwrap()
    assert saved == get_office_settings(db) == wanted
    assert saved.doc_no_example(2027) == "青信〔2027〕1号"
    with db.read() as session:
        row = session.scalar(select(AuditLog).where(AuditLog.action == "update_office_settings"))
        assert row is not None and row.actor == "钱卫东"
        assert json.loads(row.before)["doc_prefix"] == "信访"
        assert json.loads(row.after)["doc_prefix"] == "青信"


def test_bad_settings_are_refused_with_field_messages(db: Database) -> None:
    bad = dataclasses.replace(
        get_office_settings(db),
        name=" ",
        doc_prefix="青信〔2026〕",
        group_rep_limit=6,
        small_group_rep_limit=7,
        receiving_officers=("赵丽", "赵丽"),
    )
    result = update_office_settings(db, bad, actor=admin())
    assert set(result.errors) == {
        "name",
        "doc_prefix",
        "group_rep_limit",
        "small_group_rep_limit",
        "receiving_officers",
    }
    assert "第二十条" in result.errors["group_rep_limit"]
    assert get_office_settings(db).doc_prefix == "信访"


def test_a_new_representative_limit_applies_at_the_next_registration(db: Database) -> None:
    group = {"people_count": 8, "representatives": reps(4)}
    assert register_visit(db, visit_input(**group), actor=actor("a"), now=NOW).ok
    small = dataclasses.replace(get_office_settings(db), small_group_rep_limit=3)
    update_office_settings(db, small, actor=admin()).unwrap()
    refused = register_visit(db, visit_input(**group), actor=actor("a"), now=NOW)
    assert "10人以下的集体访推选代表不超过3人" in refused.errors["representatives"]
    big = {"people_count": 30, "representatives": reps(4)}
    assert register_visit(db, visit_input(**big), actor=actor("a"), now=NOW).ok


def test_deadline_rules_are_seeded_listed_added_edited_and_deactivated(db: Database) -> None:
    rules = {r.code: r for r in list_deadline_rules(db)}
    assert {"register_forward", "referral_objection", "rereview_decision"} <= set(rules)
    assert rules["referral_objection"].unit is DayUnit.WORKDAY
    assert rules["referral_objection"].basis == "《信访工作条例》第二十三条"
    assert rules["handling"].label == "60个自然日（遇休息日顺延）"

    new = RuleInput("hotline_reply", "12345热线答复", 5, DayUnit.WORKDAY, True, "本单位规定")
    assert add_deadline_rule(db, new, actor=admin()).ok
    assert add_deadline_rule(db, new, actor=admin()).errors == {"code": "代码“hotline_reply”已存在"}
    bad = RuleInput("Bad code", "", 0, DayUnit.CALENDAR)
    assert set(add_deadline_rule(db, bad, actor=admin()).errors) == {"code", "name", "days"}
    edited = dataclasses.replace(new, days=3, roll_to_workday=False)
    assert update_deadline_rule(db, edited, actor=admin()).unwrap().days == 3
    assert not set_deadline_rule_active(db, "hotline_reply", False, actor=admin()).unwrap().active
    assert "hotline_reply" not in {r.code for r in list_deadline_rules(db, include_inactive=False)}
    assert "active" in set_deadline_rule_active(db, "handling", False, actor=admin()).errors


def test_cluster_settings_saved_and_checked(db: Database) -> None:
    current = get_office_settings(db)
    assert (current.cluster_window_days, current.cluster_threshold) == (30, 3)
    saved = update_office_settings(
        db,
        dataclasses.replace(current, cluster_window_days=14, cluster_threshold=5),
        actor=admin(),
    )
    assert saved.ok
    again = get_office_settings(db)
    assert (again.cluster_window_days, again.cluster_threshold) == (14, 5)
    refused = update_office_settings(
        db,
        dataclasses.replace(current, cluster_window_days=0, cluster_threshold=1),
        actor=admin(),
    )
    assert not refused.ok
    assert refused.errors["cluster_window_days"] == "苗头预警的统计天数应在1至365之间"
    assert refused.errors["cluster_threshold"] == "苗头预警的件数应在2至100之间"
    assert get_office_settings(db) == again


def test_idle_lock_and_confidential_roles_are_validated_saved_and_audited(db: Database) -> None:
    from petitiondesk.core.identity import Role

    current = get_office_settings(db)
    assert current.idle_lock_minutes == 10 and current.confidential_roles == {Role.ADMIN}
    bad = dataclasses.replace(current, idle_lock_minutes=241)
    result = update_office_settings(db, bad, actor=admin())
    assert not result.ok and result.errors["idle_lock_minutes"] == "空闲锁定的分钟数应在0至240之间"
    wanted = dataclasses.replace(
        current, idle_lock_minutes=0, confidential_roles=frozenset({Role.LEADER})
    )
    assert update_office_settings(db, wanted, actor=admin()).ok
    saved = get_office_settings(db)
    assert saved.idle_lock_minutes == 0
    assert saved.confidential_roles == {Role.LEADER, Role.ADMIN}  # administrators always
    with db.read() as session:
        row = session.scalars(
            select(AuditLog).where(AuditLog.action == "update_office_settings")
        ).one()
        after = json.loads(row.after)
        assert after["idle_lock_minutes"] == 0 and after["confidential_roles"] == "leader,admin"
        assert row.actor == "钱卫东"
    refused = update_office_settings(db, wanted, actor=actor())
    assert not refused.ok and "无权" in refused.errors[""]
