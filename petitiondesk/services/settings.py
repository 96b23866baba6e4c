"""Office settings the program reads and the first-start questions it asks once."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Final

from sqlalchemy import func, select

from petitiondesk.core import validation
from petitiondesk.core.clusters import (
    DEFAULT_THRESHOLD as DEFAULT_CLUSTER_THRESHOLD,
)
from petitiondesk.core.clusters import (
    DEFAULT_WINDOW_DAYS,
    MAX_THRESHOLD,
    MAX_WINDOW_DAYS,
    MIN_THRESHOLD,
    MIN_WINDOW_DAYS,
)
from petitiondesk.core.docno import format_doc_no
from petitiondesk.core.group_rules import GroupRules
from petitiondesk.core.identity import Actor, Role
from petitiondesk.core.permissions import Permission, refusal
from petitiondesk.store.db import Database
from petitiondesk.store.models import OfficeSettings, Petition

from . import audit
from .result import Result
from .stale import stale_errors


def group_visit_rules(db: Database) -> GroupRules:
    """The office's representative limits (the national rule until they are set)."""
    with db.read() as session:
        row = session.get(OfficeSettings, 1)
        if row is None:
            return GroupRules()
        return GroupRules(
            group_rep_limit=row.group_rep_limit,
            small_group_rep_limit=row.small_group_rep_limit,
            small_group_max_people=row.small_group_max_people,
            group_visit_min_people=row.group_visit_min_people,
        )


def idle_lock_minutes(db: Database) -> int:
    """Minutes without input after which the window locks (0: never)."""
    with db.read() as session:
        office = session.get(OfficeSettings, 1)
        return office.idle_lock_minutes if office is not None else 10


def demo_offer_pending(db: Database) -> bool:
    """True on a first start: the offer to load demo data was never answered and the register is empty."""
    with db.read() as session:
        office = session.get(OfficeSettings, 1)
        if office is None or office.demo_offer_answered:
            return False
        return not session.scalar(select(func.count(Petition.id)))


def mark_demo_offer_answered(db: Database, *, actor: str = "system") -> None:
    with db.write() as session:
        office = session.get(OfficeSettings, 1)
        if office is not None and not office.demo_offer_answered:
            before = audit.snapshot(office)
            office.demo_offer_answered = True
            audit.record(
                session, actor=actor, action="answer_demo_offer", entity=office, before=before
            )


@dataclass(frozen=True)
class OfficeProfile:
    """The office settings (设置) as the settings dialog edits them.

    Field names are the error keys of :func:`update_office_settings`.
    """

    name: str
    letterhead_lines: tuple[str, ...] = ()
    address: str = ""
    phone: str = ""
    doc_prefix: str = ""  # 青信 → 青信〔2026〕12号, numbering restarts each year
    seal_text: str = ""
    receiving_officers: tuple[str, ...] = ()
    default_receiving_officer: str = ""
    due_soon_days: int = 3
    # Group visits (信访工作条例 2022 第二十条)
    group_rep_limit: int = 5
    small_group_rep_limit: int | None = None  # e.g. 3 ...
    small_group_max_people: int = 10  # ... for groups of this many people or fewer
    group_visit_min_people: int = 5  # from this many people a visit is 集体访
    # Early warning (core/clusters.py): this many similar petitions on one place within
    # this many days form a cluster (苗头性、倾向性问题).
    cluster_window_days: int = DEFAULT_WINDOW_DAYS
    cluster_threshold: int = DEFAULT_CLUSTER_THRESHOLD
    # Accounts (issue 13): the window locks after this many idle minutes (0: never); the
    # roles that read confidential cases (检举控告) in full — administrators always do.
    idle_lock_minutes: int = 10
    confidential_roles: frozenset[Role] = frozenset({Role.ADMIN})
    #: The settings row's version when read (the dialog hands it back; issue 14).
    version: int | None = field(default=None, compare=False)

    def doc_no_example(self, year: int) -> str:
        """The first document number of ``year`` with this prefix."""
        return format_doc_no(self.doc_prefix, year, 1)


#: Representatives at most (信访工作条例 2022 第二十条).
STATUTE_REP_LIMIT: Final = 5
MAX_DUE_SOON_DAYS: Final = 60
MAX_PEOPLE_SETTING: Final = 1000
MAX_IDLE_LOCK_MINUTES: Final = 240
#: The roles the settings may name for confidential cases, in the order shown.
CONFIDENTIAL_ROLE_CHOICES: Final = (Role.CLERK, Role.LEADER, Role.ADMIN)


def _stored_roles(roles: frozenset[Role]) -> str:
    """The stored text (comma-separated role values); administrators always included."""
    chosen = roles | {Role.ADMIN}
    return ",".join(role.value for role in CONFIDENTIAL_ROLE_CHOICES if role in chosen)


def _read_roles(text: str) -> frozenset[Role]:
    known = {role.value: role for role in CONFIDENTIAL_ROLE_CHOICES}
    parts = (part.strip() for part in text.split(","))
    return frozenset(known[p] for p in parts if p in known) | {Role.ADMIN}


_TEXT_LIMITS: Final = {
    "name": (100, "单位名称"),
    "address": (200, "地址"),
    "doc_prefix": (40, "文号前缀"),
    "seal_text": (100, "印章文字"),
    "default_receiving_officer": (40, "默认接待人"),
}


def _profile(office: OfficeSettings) -> OfficeProfile:
    return OfficeProfile(
        name=office.name,
        letterhead_lines=tuple(line for line in office.letterhead.splitlines() if line.strip()),
        address=office.address,
        phone=office.phone,
        doc_prefix=office.doc_prefix,
        seal_text=office.seal_text,
        receiving_officers=tuple(n for n in office.receiving_officers.splitlines() if n.strip()),
        default_receiving_officer=office.default_receiving_officer,
        due_soon_days=office.due_soon_days,
        group_rep_limit=office.group_rep_limit,
        small_group_rep_limit=office.small_group_rep_limit,
        small_group_max_people=office.small_group_max_people,
        group_visit_min_people=office.group_visit_min_people,
        cluster_window_days=office.cluster_window_days,
        cluster_threshold=office.cluster_threshold,
        idle_lock_minutes=office.idle_lock_minutes,
        confidential_roles=_read_roles(office.confidential_roles),
        version=office.version,
    )


def get_office_settings(db: Database) -> OfficeProfile:
    with db.read() as session:
        office = session.get(OfficeSettings, 1)
        return _profile(office) if office is not None else OfficeProfile(name="")


def _in_range(value: int, low: int, high: int, label: str) -> str | None:
    if not low <= value <= high:
        return f"{label}应在{low}至{high}之间"
    return None


def _text_errors(data: OfficeProfile) -> dict[str, str]:
    errors: dict[str, str] = {}

    def put(key: str, message: str | None) -> None:
        if message and key not in errors:
            errors[key] = message

    put("name", validation.check_required(data.name.strip(), "单位名称"))
    for key, (limit, label) in _TEXT_LIMITS.items():
        put(key, validation.check_max_length(getattr(data, key).strip(), limit, label))
    put(
        "letterhead_lines",
        validation.check_max_length("\n".join(data.letterhead_lines), 200, "文头"),
    )
    put("phone", validation.check_max_length(data.phone.strip(), 40, "电话"))
    if any(c in data.doc_prefix for c in "〔〕[]【】0123456789"):
        put("doc_prefix", "文号前缀只填单位简称（如“青信”），年份和序号由程序生成")
    names = [n.strip() for n in data.receiving_officers if n.strip()]
    if len(set(names)) != len(names):
        put("receiving_officers", "接待人名单中有重复的姓名")
    for n in names:
        put("receiving_officers", validation.check_max_length(n, 40, f"接待人“{n[:8]}”的姓名"))
    return errors


def validate_office_settings(data: OfficeProfile) -> dict[str, str]:
    errors = _text_errors(data)
    checks = {
        "due_soon_days": _in_range(data.due_soon_days, 0, MAX_DUE_SOON_DAYS, "即将到期提醒天数"),
        "group_rep_limit": None
        if 1 <= data.group_rep_limit <= STATUTE_REP_LIMIT
        else f"《信访工作条例》第二十条：代表人数不超过{STATUTE_REP_LIMIT}人，"
        f"上限应在1至{STATUTE_REP_LIMIT}之间",
        "small_group_max_people": _in_range(
            data.small_group_max_people, 2, MAX_PEOPLE_SETTING, "小规模集体访的人数"
        ),
        "group_visit_min_people": _in_range(
            data.group_visit_min_people, 2, MAX_PEOPLE_SETTING, "集体访起算人数"
        ),
        "cluster_window_days": _in_range(
            data.cluster_window_days, MIN_WINDOW_DAYS, MAX_WINDOW_DAYS, "苗头预警的统计天数"
        ),
        "cluster_threshold": _in_range(
            data.cluster_threshold, MIN_THRESHOLD, MAX_THRESHOLD, "苗头预警的件数"
        ),
        "idle_lock_minutes": _in_range(
            data.idle_lock_minutes, 0, MAX_IDLE_LOCK_MINUTES, "空闲锁定的分钟数"
        ),
    }
    if not data.confidential_roles <= set(CONFIDENTIAL_ROLE_CHOICES):
        checks["confidential_roles"] = "可查看保密件全文的只能是登记员、领导或管理员"
    small = data.small_group_rep_limit
    if small is not None:
        checks["small_group_rep_limit"] = _in_range(
            small, 1, data.group_rep_limit, "小规模集体访代表人数上限"
        )
    errors.update({k: v for k, v in checks.items() if v and k not in errors})
    return errors


def update_office_settings(
    db: Database, data: OfficeProfile, *, actor: Actor
) -> Result[OfficeProfile]:
    """Validate and save the settings (one audit row with before/after); the next
    registration applies them (e.g. the representative limit)."""
    if why := refusal(actor, Permission.SETTINGS):
        return Result.failure({"": why})
    errors = validate_office_settings(data)
    if errors:
        return Result.failure(errors, "设置未保存：" + "；".join(errors.values()))
    with db.write() as session:
        office = session.get(OfficeSettings, 1)
        if office is None:
            return Result.failure({"": "数据库尚未初始化（缺少单位设置）"})
        if stale := stale_errors(office, data.version, "单位设置"):
            return Result.failure(stale)
        before = audit.snapshot(office)
        office.name = data.name.strip()
        office.letterhead = "\n".join(
            line.strip() for line in data.letterhead_lines if line.strip()
        )
        office.address, office.phone = data.address.strip(), data.phone.strip()
        office.doc_prefix, office.seal_text = data.doc_prefix.strip(), data.seal_text.strip()
        office.receiving_officers = "\n".join(
            n.strip() for n in data.receiving_officers if n.strip()
        )
        office.default_receiving_officer = data.default_receiving_officer.strip()
        office.due_soon_days = data.due_soon_days
        office.group_rep_limit = data.group_rep_limit
        office.small_group_rep_limit = data.small_group_rep_limit
        office.small_group_max_people = data.small_group_max_people
        office.group_visit_min_people = data.group_visit_min_people
        office.cluster_window_days = data.cluster_window_days
        office.cluster_threshold = data.cluster_threshold
        office.idle_lock_minutes = data.idle_lock_minutes
        office.confidential_roles = _stored_roles(data.confidential_roles)
        if audit.snapshot(office) != before:
            audit.record(
                session, actor=actor, action="update_office_settings", entity=office,
                summary="修改单位设置", before=before,
            )  # fmt: skip
        value = _profile(office)
    return Result.success(value, "设置已保存")


#: The statutory title of the written opinion (信访工作条例 2022 第三十二条).
DEFAULT_OPINION_TITLE: Final = "信访处理意见书"


@dataclass(frozen=True)
class ClosureSettings:
    """How the office writes its opinions: the title (many offices say 答复意见书) and the
    bodies the petitioner asks for 复查 (the body above the office) and 复核 (the one
    above that), printed in the review route. Field names are the error keys."""

    opinion_title: str = DEFAULT_OPINION_TITLE
    review_body: str = ""
    rereview_body: str = ""


def get_closure_settings(db: Database) -> ClosureSettings:
    with db.read() as session:
        office = session.get(OfficeSettings, 1)
        if office is None:
            return ClosureSettings()
        return ClosureSettings(
            office.opinion_title or DEFAULT_OPINION_TITLE, office.review_body, office.rereview_body
        )


def update_closure_settings(
    db: Database, data: ClosureSettings, *, actor: Actor
) -> Result[ClosureSettings]:
    """Save the opinion title and the review bodies (one audit row when they change)."""
    if why := refusal(actor, Permission.SETTINGS):
        return Result.failure({"": why})
    errors: dict[str, str] = {}
    for key, limit, label in (
        ("opinion_title", 40, "意见书标题"),
        ("review_body", 100, "复查机关"),
        ("rereview_body", 100, "复核机关"),
    ):
        value = getattr(data, key).strip()
        problem = validation.check_max_length(value, limit, label)
        if problem is None and validation.has_lone_surrogate(value):
            problem = validation.MSG_UNSTORABLE_TEXT
        if problem:
            errors[key] = problem
    if not data.opinion_title.strip():
        errors.setdefault("opinion_title", "请填写意见书标题")
    if errors:
        return Result.failure(errors, "设置未保存：" + "；".join(errors.values()))
    with db.write() as session:
        office = session.get(OfficeSettings, 1)
        if office is None:
            return Result.failure({"": "数据库尚未初始化（缺少单位设置）"})
        before = audit.snapshot(office)
        office.opinion_title = data.opinion_title.strip()
        office.review_body, office.rereview_body = (
            data.review_body.strip(),
            data.rereview_body.strip(),
        )
        if audit.snapshot(office) != before:
            audit.record(
                session, actor=actor, action="update_closure_settings", entity=office,
                summary="修改办结设置（意见书标题、复查复核机关）", before=before,
            )  # fmt: skip
        value = ClosureSettings(office.opinion_title, office.review_body, office.rereview_body)
    return Result.success(value, "设置已保存")
