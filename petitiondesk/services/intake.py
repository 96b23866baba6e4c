"""Registering a petition (来信来访登记): validation, petitioner reuse, numbering, audit."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from petitiondesk.core import validation
from petitiondesk.core.enums import CaseStatus, Channel, Sex
from petitiondesk.core.group_rules import GroupRules
from petitiondesk.core.idcard import check_id_number
from petitiondesk.core.identity import Actor
from petitiondesk.core.permissions import Permission, refusal
from petitiondesk.core.registerno import format_register_no
from petitiondesk.store.counters import allocate_register_seq
from petitiondesk.store.db import Database
from petitiondesk.store.models import (
    IssueCategory,
    Leader,
    OfficeSettings,
    Petition,
    Petitioner,
    Representative,
)

from . import audit
from .calendar import deadline_by_rule
from .result import Result

# A clock a few minutes ahead of the PC must not block a save.
CLOCK_SKEW = timedelta(minutes=5)


@dataclass
class RepresentativeInput:
    name: str
    id_number: str = ""
    phone: str = ""


@dataclass
class VisitInput:
    """What the clerk typed on the intake form. Field names are the error keys."""

    channel: Channel
    received_at: datetime
    name: str = ""
    sex: Sex | None = None
    id_number: str = ""
    phone: str = ""
    address: str = ""
    work_unit: str = ""
    people_count: int = 1
    category_id: int | None = None
    place: str = ""
    summary: str = ""
    demands: str = ""
    receiving_officer: str = ""
    duty_leader_id: int | None = None
    handling_opinion: str = ""
    letter_date: date | None = None
    postmark: str = ""
    representatives: list[RepresentativeInput] = field(default_factory=list)
    skipped_level: bool = False
    anonymous: bool = False
    urgent: bool = False
    confidential: bool = False
    accused: str = ""
    # A known petitioner the clerk picked from the look-up (services/petitioners.py);
    # None: reuse by ID number, else by name + phone, else a new petitioner.
    petitioner_id: int | None = None


#: Longest text each field may hold (the database column and the printed box).
MAX_LENGTHS: dict[str, tuple[int, str]] = {
    "name": (40, "姓名"),
    "address": (200, "住址"),
    "work_unit": (100, "工作单位"),
    "place": (200, "问题发生地"),
    "postmark": (100, "邮戳"),
    "receiving_officer": (40, "接待人"),
    "accused": (200, "被检举对象"),
}


#: Free text with a limit that points to attachments for the full text.
LONG_TEXT_LIMITS: dict[str, tuple[int, str]] = {
    "summary": (validation.SUMMARY_MAX, "反映的主要问题"),
    "demands": (validation.DEMANDS_MAX, "诉求"),
    "handling_opinion": (validation.OPINION_MAX, "处理意见"),
}


@dataclass(frozen=True)
class RegisteredVisit:
    petition_id: int
    register_no: str
    petitioner_id: int | None
    reused_petitioner: bool
    acceptance_due: date | None
    acceptance_due_uncovered: bool


def representative_limit(
    settings: GroupRules | OfficeSettings, people_count: int
) -> tuple[int, str]:
    """The most representatives a group may send, and the rule to quote."""
    if settings.small_group_rep_limit and people_count <= settings.small_group_max_people:
        return (
            settings.small_group_rep_limit,
            f"按本地规定，{settings.small_group_max_people}人以下的集体访"
            f"推选代表不超过{settings.small_group_rep_limit}人",
        )
    return (
        settings.group_rep_limit,
        f"《信访工作条例》第二十条：多人提出相同信访事项的，应当推选代表，"
        f"代表人数不超过{settings.group_rep_limit}人",
    )


def validate_visit(
    data: VisitInput, settings: GroupRules | OfficeSettings, now: datetime
) -> dict[str, str]:
    errors: dict[str, str] = validation.storable_problems(data)

    def put(key: str, message: str | None) -> None:
        if message and key not in errors:
            errors[key] = message

    if errors:
        return errors  # nothing else can be checked safely on text that cannot be stored
    if data.anonymous and data.channel is Channel.VISIT:
        put("anonymous", "走访须核验来访人身份，不能匿名登记")
    if data.anonymous and data.petitioner_id is not None:
        put("petitioner_id", "匿名登记不能关联已知来访人")
    if not data.anonymous:
        put("name", validation.check_required(data.name.strip(), "姓名"))
    for key, (limit, label) in MAX_LENGTHS.items():
        put(key, validation.check_max_length(getattr(data, key), limit, label))
    for key, (limit, label) in LONG_TEXT_LIMITS.items():
        put(key, validation.check_long_text(getattr(data, key), limit, label))
    put("received_at", validation.check_year(data.received_at, "登记日期"))
    put("letter_date", validation.check_year(data.letter_date, "来信日期"))
    id_text = data.id_number.strip()
    if id_text:
        check = check_id_number(id_text, today=now.date())
        if not check.ok:
            put("id_number", check.message)
    elif data.channel is Channel.VISIT and not data.anonymous:
        put("id_number", "走访登记须核验身份证号")
    put("phone", validation.check_phone(data.phone.strip()))
    put("people_count", validation.check_people_count(data.people_count))
    put("summary", validation.check_required(data.summary.strip(), "反映的主要问题"))
    if data.category_id is None:
        put("category_id", "请选择问题类别")
    put("receiving_officer", validation.check_required(data.receiving_officer.strip(), "接待人"))
    put("received_at", validation.check_not_future(data.received_at, now + CLOCK_SKEW))
    if data.channel is not Channel.LETTER:
        if data.letter_date is not None:
            put("letter_date", "来信日期仅用于来信登记")
        if data.postmark.strip():
            put("postmark", "邮戳仅用于来信登记")
    if data.letter_date is not None and data.letter_date > data.received_at.date():
        put("letter_date", "来信日期不能晚于收信日期")
    limit, rule = representative_limit(settings, data.people_count)
    reps = [r for r in data.representatives if r.name.strip()]
    if len(reps) > limit:
        put("representatives", f"代表人数{len(reps)}人，超过上限。{rule}")
    if len(reps) > data.people_count:
        put("representatives", "代表人数不能多于来访人数")
    for index, rep in enumerate(reps, start=1):
        if rep.id_number.strip():
            rep_check = check_id_number(rep.id_number, today=now.date())
            if not rep_check.ok:
                put("representatives", f"第{index}位代表：{rep_check.message}")
        rep_problem = validation.check_max_length(rep.name, 40, "代表姓名") or (
            validation.check_phone(rep.phone)
        )
        if rep_problem:
            put("representatives", f"第{index}位代表：{rep_problem}")
    if data.confidential and not data.accused.strip():
        put("accused", "检举控告件请填写被检举对象，以便交办时回避")
    return errors


def _check_chosen(session: Session, data: VisitInput, today: date) -> dict[str, str]:
    """Problems with reusing the petitioner the clerk picked (``data.petitioner_id``)."""
    person = session.get(Petitioner, data.petitioner_id)
    if person is None:
        return {"petitioner_id": "所选来访人不存在，请重新查找"}
    typed = data.id_number.strip()
    if not typed:
        return {}
    check = check_id_number(typed, today=today)
    if not check.ok:
        return {}  # already reported by validate_visit
    if person.id_number and person.id_number != check.normalized:
        return {"id_number": f"身份证号与所选来访人（{person.name}）档案中的不一致"}
    owner = session.scalar(select(Petitioner).where(Petitioner.id_number == check.normalized))
    if owner is not None and owner.id != person.id:
        return {"id_number": f"该身份证号已登记为另一来访人（{owner.name}），请改选该来访人"}
    return {}


def _find_or_update_petitioner(
    session: Session, data: VisitInput, actor: str, today: date
) -> tuple[Petitioner | None, bool]:
    """Reuse a known petitioner (the one the clerk picked, else by ID number, else by
    name + phone); returns (row, reused)."""
    if data.anonymous and not data.id_number.strip():
        return None, False
    id_number = ""
    sex = data.sex
    birth: date | None = None
    if data.id_number.strip():
        check = check_id_number(data.id_number, today=today)
        id_number, birth = check.normalized, check.birth_date
        sex = check.sex or sex
    existing: Petitioner | None = None
    if data.petitioner_id is not None:  # chosen by the clerk (checked by _check_chosen)
        existing = session.get(Petitioner, data.petitioner_id)
    elif id_number:
        existing = session.scalar(select(Petitioner).where(Petitioner.id_number == id_number))
    elif data.phone.strip():
        existing = session.scalar(
            select(Petitioner)
            .where(Petitioner.name == data.name.strip(), Petitioner.phone == data.phone.strip())
            .order_by(Petitioner.id)
            .limit(1)
        )
    if existing is not None:
        before = audit.snapshot(existing)
        changed = False
        for attr, value in (
            ("name", data.name.strip()),
            ("phone", data.phone.strip()),
            ("address", data.address.strip()),
            ("work_unit", data.work_unit.strip()),
        ):
            if value and getattr(existing, attr) != value:
                setattr(existing, attr, value)
                changed = True
        if id_number and not existing.id_number:
            existing.id_number, existing.birth_date = id_number, birth
            changed = True
        if sex is not None and existing.sex is Sex.UNKNOWN:
            existing.sex = sex
            changed = True
        if changed:
            audit.record(
                session,
                actor=actor,
                action="update_petitioner",
                entity=existing,
                summary=f"更新来访人信息：{existing.name}",
                before=before,
            )
        return existing, True
    person = Petitioner(
        name=data.name.strip() or "匿名",
        sex=sex or Sex.UNKNOWN,
        id_number=id_number or None,
        birth_date=birth,
        phone=data.phone.strip(),
        address=data.address.strip(),
        work_unit=data.work_unit.strip(),
    )
    session.add(person)
    audit.record(
        session, actor=actor, action="create_petitioner", entity=person, summary=person.name
    )
    return person, False


def _refusal(db: Database, data: VisitInput, now: datetime) -> Result[RegisteredVisit] | None:
    """Why ``data`` cannot be registered, as a failure; None when it can."""
    with db.read() as session:
        settings = session.get(OfficeSettings, 1)
        if settings is None:
            return Result.failure({"": "数据库尚未初始化（缺少单位设置）"})
        errors = validate_visit(data, settings, now)
        if validation.storable_problems(data):
            return Result.failure(errors, "登记未保存：" + "；".join(errors.values()))
        if data.category_id is not None and session.get(IssueCategory, data.category_id) is None:
            errors.setdefault("category_id", "问题类别不存在")
        if data.duty_leader_id is not None and session.get(Leader, data.duty_leader_id) is None:
            errors.setdefault("duty_leader_id", "值班领导不存在")
        if data.petitioner_id is not None and not data.anonymous:
            for key, message in _check_chosen(session, data, now.date()).items():
                errors.setdefault(key, message)
    if errors:
        return Result.failure(errors, "登记未保存：" + "；".join(errors.values()))
    return None


def register_visit(
    db: Database, data: VisitInput, *, actor: Actor, now: datetime | None = None
) -> Result[RegisteredVisit]:
    """Validate and save one petition; allocate its register number in the same transaction."""
    if why := refusal(actor, Permission.REGISTER):
        return Result.failure({"": why})
    now = now or datetime.now()
    refused = _refusal(db, data, now)
    if refused is not None:
        return refused

    with db.write() as session:
        petitioner, reused = _find_or_update_petitioner(session, data, actor, now.date())
        year = data.received_at.year
        seq = allocate_register_seq(session, year)
        due, due_rule = deadline_by_rule(session, data.received_at.date(), "acceptance_notice")
        settings = session.get(OfficeSettings, 1)
        assert settings is not None
        petition = Petition(
            register_no=format_register_no(year, seq),
            year=year,
            seq=seq,
            channel=data.channel,
            received_at=data.received_at.replace(microsecond=0),
            petitioner=petitioner,
            people_count=data.people_count,
            category_id=data.category_id,
            place=data.place.strip(),
            summary=data.summary.strip(),
            demands=data.demands.strip(),
            receiving_officer=data.receiving_officer.strip(),
            duty_leader_id=data.duty_leader_id,
            handling_opinion=data.handling_opinion.strip(),
            letter_date=data.letter_date,
            postmark=data.postmark.strip(),
            is_group=data.people_count >= settings.group_visit_min_people,
            skipped_level=data.skipped_level,
            anonymous=data.anonymous,
            urgent=data.urgent,
            confidential=data.confidential,
            accused=data.accused.strip(),
            status=CaseStatus.REGISTERED,
            acceptance_due=due.due,
            acceptance_due_rule=due_rule,
            acceptance_due_uncovered=not due.covered,
        )
        for position, rep in enumerate((r for r in data.representatives if r.name.strip()), 1):
            petition.representatives.append(
                Representative(
                    position=position,
                    name=rep.name.strip(),
                    id_number=check_id_number(rep.id_number).normalized
                    if rep.id_number.strip()
                    else "",
                    phone=rep.phone.strip(),
                )
            )
        session.add(petition)
        audit.record(
            session,
            actor=actor,
            action="register_visit",
            entity=petition,
            summary=f"登记 {petition.register_no} {data.channel.label} {data.name.strip()}",
        )
        value = RegisteredVisit(
            petition_id=petition.id,
            register_no=petition.register_no,
            petitioner_id=petitioner.id if petitioner else None,
            reused_petitioner=reused,
            acceptance_due=due.due,
            acceptance_due_uncovered=not due.covered,
        )
    return Result.success(value, f"已登记，登记号 {value.register_no}")
