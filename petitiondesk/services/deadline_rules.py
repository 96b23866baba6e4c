"""Deadline rules as data (期限规则): list, add, edit, deactivate.

Each rule: a code, a Chinese name, a number of calendar or working days, whether a
calendar-day period that ends on a day off rolls to the next working day (民法典 第二百零三条,
the default) and its basis (statute article or office rule). The national rules of
信访工作条例 2022 and the seeds' office rules are seeded by services/bootstrap.py.

Editing a rule never changes a deadline already set: every stored deadline keeps the
rule it was set with (see services/deadline_recompute.py); new cases use the new rule.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

from sqlalchemy import select

from petitiondesk.core import validation
from petitiondesk.core.deadlines import MAX_RULE_DAYS
from petitiondesk.core.enums import DayUnit
from petitiondesk.core.identity import Actor
from petitiondesk.core.permissions import Permission, refusal
from petitiondesk.store.db import Database
from petitiondesk.store.models import DeadlineRule

from . import audit
from .bootstrap import SYSTEM_RULE_CODES
from .result import Result

_CODE: Final = re.compile(r"[a-z][a-z0-9_]{1,39}")


@dataclass(frozen=True)
class RuleInput:
    """A rule as the settings dialog edits it; field names are the error keys."""

    code: str
    name: str
    days: int
    unit: DayUnit
    roll_to_workday: bool = True
    basis: str = ""


@dataclass(frozen=True)
class RuleRow:
    code: str
    name: str
    days: int
    unit: DayUnit
    roll_to_workday: bool
    basis: str
    active: bool
    system: bool  # used by the program itself: can be edited, not deactivated
    id: int = 0  # the row id (the settings screen keeps its list position by it)

    @property
    def label(self) -> str:
        """E.g. ``60个自然日（遇休息日顺延）``."""
        text = f"{self.days}个{self.unit.label}"
        if self.unit is DayUnit.CALENDAR and self.roll_to_workday:
            text += "（遇休息日顺延）"
        return text


def _row(rule: DeadlineRule) -> RuleRow:
    return RuleRow(
        rule.code, rule.name, rule.days, rule.unit, rule.roll_to_workday, rule.basis,
        rule.active, rule.code in SYSTEM_RULE_CODES, rule.id,
    )  # fmt: skip


def list_deadline_rules(db: Database, *, include_inactive: bool = True) -> list[RuleRow]:
    with db.read() as session:
        stmt = select(DeadlineRule).order_by(DeadlineRule.id)
        if not include_inactive:
            stmt = stmt.where(DeadlineRule.active)
        return [_row(r) for r in session.scalars(stmt)]


def validate_rule(data: RuleInput) -> dict[str, str]:
    errors: dict[str, str] = {}
    if not _CODE.fullmatch(data.code):
        errors["code"] = "代码应为2至40个小写英文字母、数字或下划线，以字母开头"
    problem = validation.check_required(data.name.strip(), "名称") or (
        validation.check_max_length(data.name.strip(), 60, "名称")
    )
    if problem:
        errors["name"] = problem
    if not 1 <= data.days <= MAX_RULE_DAYS:
        errors["days"] = f"天数应在1至{MAX_RULE_DAYS}之间"
    if not isinstance(data.unit, DayUnit):
        errors["unit"] = "请选择自然日或工作日"
    problem = validation.check_max_length(data.basis.strip(), 200, "依据")
    if problem:
        errors["basis"] = problem
    return errors


def _fill(rule: DeadlineRule, data: RuleInput) -> None:
    rule.name, rule.days, rule.unit = data.name.strip(), data.days, data.unit
    rule.roll_to_workday, rule.basis = data.roll_to_workday, data.basis.strip()


def add_deadline_rule(db: Database, data: RuleInput, *, actor: Actor) -> Result[RuleRow]:
    if why := refusal(actor, Permission.SETTINGS):
        return Result.failure({"": why})
    errors = validate_rule(data)
    if errors:
        return Result.failure(errors, "期限规则未保存：" + "；".join(errors.values()))
    with db.write() as session:
        if session.scalar(select(DeadlineRule).where(DeadlineRule.code == data.code)):
            return Result.failure({"code": f"代码“{data.code}”已存在"})
        rule = DeadlineRule(code=data.code, active=True)
        _fill(rule, data)
        session.add(rule)
        audit.record(
            session, actor=actor, action="add_deadline_rule", entity=rule,
            summary=f"新增期限规则 {rule.name}（{data.days}个{data.unit.label}）",
        )  # fmt: skip
        value = _row(rule)
    return Result.success(value, f"已新增期限规则“{value.name}”")


def update_deadline_rule(db: Database, data: RuleInput, *, actor: Actor) -> Result[RuleRow]:
    """Edit the rule ``data.code`` (the code itself cannot change). Deadlines already set
    keep their dates; only new ones use the edited rule."""
    if why := refusal(actor, Permission.SETTINGS):
        return Result.failure({"": why})
    errors = validate_rule(data)
    if errors:
        return Result.failure(errors, "期限规则未保存：" + "；".join(errors.values()))
    with db.write() as session:
        rule = session.scalar(select(DeadlineRule).where(DeadlineRule.code == data.code))
        if rule is None:
            return Result.failure({"code": f"找不到代码为“{data.code}”的期限规则"})
        before = audit.snapshot(rule)
        _fill(rule, data)
        if audit.snapshot(rule) != before:
            audit.record(
                session, actor=actor, action="update_deadline_rule", entity=rule,
                summary=f"修改期限规则 {rule.name}", before=before,
            )  # fmt: skip
        value = _row(rule)
    return Result.success(value, f"已保存期限规则“{value.name}”（已设定的期限不变）")


def set_deadline_rule_active(
    db: Database, code: str, active: bool, *, actor: Actor
) -> Result[RuleRow]:
    """Deactivate (or reactivate) a rule; the program's own rules cannot be deactivated."""
    if why := refusal(actor, Permission.SETTINGS):
        return Result.failure({"": why})
    if not active and code in SYSTEM_RULE_CODES:
        return Result.failure({"active": "该规则由程序用于计算期限，不能停用，可修改天数"})
    with db.write() as session:
        rule = session.scalar(select(DeadlineRule).where(DeadlineRule.code == code))
        if rule is None:
            return Result.failure({"code": f"找不到代码为“{code}”的期限规则"})
        if rule.active != active:
            before = audit.snapshot(rule)
            rule.active = active
            audit.record(
                session, actor=actor,
                action="activate_deadline_rule" if active else "deactivate_deadline_rule",
                entity=rule, summary=f"{'启用' if active else '停用'}期限规则 {rule.name}",
                before=before,
            )  # fmt: skip
        value = _row(rule)
    return Result.success(value, f"已{'启用' if active else '停用'}期限规则“{value.name}”")
