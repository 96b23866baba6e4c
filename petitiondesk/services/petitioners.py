"""Petitioners on file: the intake form's look-up, editing with history.

Editing never loses what was on file before: every change writes one audit row with the
old and the new values, and :func:`petitioner_history` reads the changes back from the
audit log (who, when, which field, from what to what).
"""

from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Final

from sqlalchemy import select
from sqlalchemy.orm import Session

from petitiondesk.core import validation
from petitiondesk.core.enums import Sex
from petitiondesk.core.idcard import check_id_number, normalize_id_number
from petitiondesk.core.identity import Actor
from petitiondesk.core.permissions import Permission, refusal
from petitiondesk.core.textsim import normalize as normalize_text
from petitiondesk.store.db import Database
from petitiondesk.store.models import AuditLog, Petitioner

from . import audit
from .cases import KnownPetitioner, known_petitioner
from .result import Result

MATCH_ID: Final = "同一身份证号"
MATCH_PHONE: Final = "同一电话"
MATCH_NAME_ADDRESS: Final = "同名同址"

#: The petitioner fields shown in the history, with their Chinese labels.
FIELD_LABELS: Final[dict[str, str]] = {
    "name": "姓名",
    "sex": "性别",
    "id_number": "身份证号",
    "birth_date": "出生日期",
    "phone": "联系电话",
    "address": "住址",
    "work_unit": "工作单位",
}

#: Most people one look-up returns (the form shows a short pick list).
LOOKUP_LIMIT: Final = 20


@dataclass
class PetitionerInput:
    """The whole petitioner block as edited by the clerk (prefilled from the file): an
    empty field clears it; ``sex`` None keeps the sex on file. Field names are the error
    keys."""

    name: str
    sex: Sex | None = None
    id_number: str = ""
    phone: str = ""
    address: str = ""
    work_unit: str = ""


@dataclass(frozen=True)
class FieldChange:
    field: str
    label: str
    before: str
    after: str


@dataclass(frozen=True)
class PetitionerChange:
    """One audit row about a petitioner: created, updated at intake, or edited."""

    at: datetime
    actor: str
    action: str  # create_petitioner | update_petitioner
    summary: str
    changes: tuple[FieldChange, ...]


def normalize_phone(text: str) -> str:
    return unicodedata.normalize("NFKC", text).strip()


def same_address(a: str, b: str) -> bool:
    """Addresses equal once spaces, punctuation and full-width forms are ignored."""
    na, nb = normalize_text(a), normalize_text(b)
    return bool(na) and na == nb


# --- look-up ---------------------------------------------------------------------------


def find_people(
    session: Session,
    *,
    id_number: str = "",
    phone: str = "",
    name: str = "",
    address: str = "",
    limit: int = LOOKUP_LIMIT,
) -> list[tuple[Petitioner, str]]:
    """Petitioners matching by ID number (exact), phone (exact) or name + address (name
    exact, address equal after normalisation), each with the strongest reason it matched,
    in that order of strength. Every look-up uses an index (petitioner.id_number, .phone,
    .name)."""
    found: dict[int, tuple[Petitioner, str]] = {}

    def add(people: list[Petitioner], reason: str) -> None:
        for person in people:
            found.setdefault(person.id, (person, reason))

    number = normalize_id_number(id_number)
    if number:
        add(
            list(session.scalars(select(Petitioner).where(Petitioner.id_number == number))),
            MATCH_ID,
        )
    phone_text = normalize_phone(phone)
    if phone_text:
        add(
            list(
                session.scalars(
                    select(Petitioner)
                    .where(Petitioner.phone.in_({phone_text, phone.strip()}))
                    .order_by(Petitioner.id.desc())
                    .limit(limit)
                )
            ),
            MATCH_PHONE,
        )
    name_text = unicodedata.normalize("NFKC", name).strip()
    if name_text and normalize_text(address):
        namesakes = session.scalars(
            select(Petitioner)
            .where(Petitioner.name.in_({name_text, name.strip()}))
            .order_by(Petitioner.id.desc())
        )
        add([p for p in namesakes if same_address(p.address, address)], MATCH_NAME_ADDRESS)
    return list(found.values())[:limit]


def lookup_petitioners(
    db: Database,
    *,
    id_number: str = "",
    phone: str = "",
    name: str = "",
    address: str = "",
    limit: int = LOOKUP_LIMIT,
) -> list[KnownPetitioner]:
    """Known petitioners the intake form may reuse: by ID number, by phone, or by name
    and address; strongest match first, ``match`` says why. Empty arguments are ignored;
    name alone (without an address) finds nobody — too many namesakes."""
    if any(validation.has_lone_surrogate(t) for t in (id_number, phone, name, address)):
        return []  # nobody can be stored under such text
    with db.read() as session:
        return [
            known_petitioner(session, person, reason)
            for person, reason in find_people(
                session, id_number=id_number, phone=phone, name=name, address=address, limit=limit
            )
        ]


# --- editing ---------------------------------------------------------------------------


def _validate(
    session: Session, petitioner_id: int, data: PetitionerInput, today: date
) -> tuple[dict[str, str], str, date | None, Sex | None]:
    """Errors per field, and the normalised ID number with the birth date and sex it
    gives (empty/None when no ID number was typed)."""
    errors: dict[str, str] = {}

    def put(key: str, message: str | None) -> None:
        if message and key not in errors:
            errors[key] = message

    put("name", validation.check_required(data.name, "姓名"))
    put("name", validation.check_max_length(data.name, 40, "姓名"))
    put("phone", validation.check_phone(data.phone))
    put("address", validation.check_max_length(data.address, 200, "住址"))
    put("work_unit", validation.check_max_length(data.work_unit, 100, "工作单位"))
    number, birth, sex = "", None, None
    if data.id_number.strip():
        check = check_id_number(data.id_number, today=today)
        if not check.ok:
            put("id_number", check.message)
        else:
            number, birth, sex = check.normalized, check.birth_date, check.sex
            owner = session.scalar(select(Petitioner).where(Petitioner.id_number == number))
            if owner is not None and owner.id != petitioner_id:
                put("id_number", f"该身份证号已登记为另一来访人（{owner.name}）")
            if data.sex not in (None, Sex.UNKNOWN) and data.sex is not sex:
                put("sex", f"性别与身份证号不符（身份证号显示为{sex.label if sex else ''}）")
    return errors, number, birth, sex


def update_petitioner(
    db: Database,
    petitioner_id: int,
    data: PetitionerInput,
    actor: Actor,
    *,
    now: datetime | None = None,
) -> Result[KnownPetitioner]:
    """Correct a petitioner's details. One audit row with before/after (nothing is written
    when nothing changed). Sex and birth date follow the ID number when one is given."""
    if why := refusal(actor, Permission.REGISTER):
        return Result.failure({"": why})
    today = (now or datetime.now()).date()
    problems = validation.storable_problems(data)
    if problems or validation.storable_problems(petitioner_id):
        return Result.failure(problems or {"": "找不到该来访人"})
    with db.write() as session:
        person = session.get(Petitioner, petitioner_id)
        if person is None:
            return Result.failure({"": "找不到该来访人"})
        errors, number, birth, id_sex = _validate(session, petitioner_id, data, today)
        if errors:
            return Result.failure(errors, "来访人信息未保存：" + "；".join(errors.values()))
        before = audit.snapshot(person)
        wanted: dict[str, Any] = {
            "name": data.name.strip(),
            "phone": normalize_phone(data.phone),
            "address": data.address.strip(),
            "work_unit": data.work_unit.strip(),
            "id_number": number or None,
            "birth_date": birth,  # only ever known from the ID number
            "sex": id_sex or data.sex or person.sex,
        }
        changed = [key for key, value in wanted.items() if getattr(person, key) != value]
        if not changed:
            return Result.success(known_petitioner(session, person), "来访人信息未改变")
        for key in changed:
            setattr(person, key, wanted[key])
        labels = "、".join(FIELD_LABELS[key] for key in changed)
        audit.record(
            session,
            actor=actor,
            action="update_petitioner",
            entity=person,
            summary=f"修改来访人信息：{person.name}（{labels}）",
            before=before,
        )
        value = known_petitioner(session, person)
    return Result.success(value, f"已保存来访人信息（修改了{labels}）")


def _display(key: str, raw: object) -> str:
    if raw is None:
        return ""
    if key == "sex":
        try:
            return Sex(str(raw)).label
        except ValueError:
            return str(raw)
    return str(raw)


def _changes(before: dict[str, Any], after: dict[str, Any]) -> tuple[FieldChange, ...]:
    out: list[FieldChange] = []
    for key, label in FIELD_LABELS.items():
        old, new = _display(key, before.get(key)), _display(key, after.get(key))
        if old != new:
            out.append(FieldChange(key, label, old, new))
    return tuple(out)


def petitioner_history(db: Database, petitioner_id: int) -> list[PetitionerChange]:
    """Every recorded change of a petitioner, oldest first: when it was created (all
    fields from empty) and each later update (the fields that changed)."""
    with db.read() as session:
        rows = session.scalars(
            select(AuditLog)
            .where(AuditLog.entity == Petitioner.__tablename__, AuditLog.entity_id == petitioner_id)
            .order_by(AuditLog.at, AuditLog.id)
        ).all()
        history: list[PetitionerChange] = []
        for row in rows:
            before = json.loads(row.before) if row.before else {}
            after = json.loads(row.after) if row.after else {}
            history.append(
                PetitionerChange(
                    at=row.at,
                    actor=row.actor,
                    action=row.action,
                    summary=row.summary,
                    changes=_changes(before, after),
                )
            )
        return history
