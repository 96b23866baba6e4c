"""Reception rules (接待日规则): the form, the list, and a stored rule's planning spec."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from petitiondesk.core import validation
from petitiondesk.core.enums import DayOffPolicy, ReceptionRuleKind
from petitiondesk.core.identity import Actor
from petitiondesk.core.permissions import Permission, refusal
from petitiondesk.core.roster import (
    RuleError,
    RuleSpec,
    SlotTextError,
    describe_rule,
    format_spans,
    parse_spans,
    rule_errors,
)
from petitiondesk.store.db import Database
from petitiondesk.store.models import ReceptionRule

from .. import audit
from ..result import Result
from ._shared import MAX_CAPACITY, Saved


def rule_spec(rule: ReceptionRule) -> RuleSpec:
    """The planning spec of a stored rule (raises ``SlotTextError`` / ``RuleError``)."""
    return RuleSpec.from_text(
        rule.kind,
        rule.slots,
        rule.place,
        weekday=rule.weekday,
        nth=rule.nth,
        on_day_off=rule.on_day_off,
        valid_from=rule.valid_from,
        valid_to=rule.valid_to,
    )


@dataclass
class RuleInput:
    """The reception-rule form. ``slots`` is text like ``08:30-12:00;14:30-18:00``;
    ``weekday`` 0 = Monday … 6 = Sunday; ``nth`` 1..5 or -1 (last)."""

    name: str
    kind: ReceptionRuleKind
    slots: str
    place: str
    id: int | None = None
    weekday: int | None = None
    nth: int | None = None
    on_day_off: DayOffPolicy = DayOffPolicy.SKIP
    capacity: int = 10
    active: bool = True
    valid_from: date | None = None
    valid_to: date | None = None


@dataclass(frozen=True)
class RuleRow:
    id: int
    name: str
    kind: ReceptionRuleKind
    description: str
    slots: str
    place: str
    weekday: int | None
    nth: int | None
    on_day_off: DayOffPolicy
    capacity: int
    active: bool
    valid_from: date | None
    valid_to: date | None


def save_reception_rule(db: Database, data: RuleInput, *, actor: Actor) -> Result[Saved]:
    """Create or update a rule; the slot text is stored in canonical form. Changing a
    rule does not touch slots already generated (regenerate to add the new ones)."""
    if why := refusal(actor, Permission.ROSTER):
        return Result.failure({"": why})
    errors = validation.storable_problems(data)
    if errors:
        return Result.failure(errors, "接待日规则未保存：" + "；".join(errors.values()))
    if not data.name.strip():
        errors["name"] = "请填写规则名称"
    try:
        kind = ReceptionRuleKind(data.kind)
    except ValueError:
        errors["kind"] = "请选择接待日规则类型"
        kind = ReceptionRuleKind.WEEKDAY
    try:
        policy = DayOffPolicy(data.on_day_off)
    except ValueError:
        errors["on_day_off"] = "请选择遇节假日的处理方式"
        policy = DayOffPolicy.SKIP
    for key, message in rule_errors(
        kind, data.weekday, data.nth, data.slots, data.place, data.valid_from, data.valid_to
    ).items():
        errors.setdefault(key, message)
    if not 1 <= data.capacity <= MAX_CAPACITY:
        errors["capacity"] = f"每个时段可预约人数应为1至{MAX_CAPACITY}人"
    with db.write() as session:
        rule = session.get(ReceptionRule, data.id) if data.id is not None else None
        if data.id is not None and rule is None:
            errors.setdefault("id", "该接待日规则不存在")
        if errors:
            return Result.failure(errors, "接待日规则未保存：" + "；".join(errors.values()))
        uses_weekday = kind in (ReceptionRuleKind.WEEKDAY, ReceptionRuleKind.NTH_WEEKDAY)
        before = audit.snapshot(rule) if rule is not None else None
        if rule is None:
            rule = ReceptionRule()
            session.add(rule)
        rule.name = data.name.strip()
        rule.kind = kind
        rule.weekday = data.weekday if uses_weekday else None
        rule.nth = data.nth if kind is ReceptionRuleKind.NTH_WEEKDAY else None
        rule.slots = format_spans(parse_spans(data.slots))
        rule.place = data.place.strip()
        rule.on_day_off = policy
        rule.capacity = data.capacity
        rule.active = data.active
        rule.valid_from = data.valid_from
        rule.valid_to = data.valid_to
        description = describe_rule(rule_spec(rule))
        audit.record(
            session,
            actor=actor,
            action="save_reception_rule" if before else "create_reception_rule",
            entity=rule,
            summary=f"{rule.name}：{description}",
            before=before,
        )
        warnings: tuple[str, ...] = ()
        if uses_weekday and data.weekday is not None and data.weekday >= 5:
            warnings = ("星期六、星期日通常是休息日，只有调休上班的周末才会排班",)
        saved = Saved(rule.id, warnings)
    return Result.success(saved, f"已保存接待日规则：{description}")


def list_rules(db: Database) -> list[RuleRow]:
    with db.read() as session:
        rows = []
        for rule in session.scalars(select(ReceptionRule).order_by(ReceptionRule.id)):
            try:
                description = describe_rule(rule_spec(rule))
            except (SlotTextError, RuleError) as exc:
                description = f"设置有误：{exc}"
            rows.append(
                RuleRow(
                    id=rule.id,
                    name=rule.name,
                    kind=rule.kind,
                    description=description,
                    slots=rule.slots,
                    place=rule.place,
                    weekday=rule.weekday,
                    nth=rule.nth,
                    on_day_off=rule.on_day_off,
                    capacity=rule.capacity,
                    active=rule.active,
                    valid_from=rule.valid_from,
                    valid_to=rule.valid_to,
                )
            )
        return rows
