"""Defaults a new office database starts with (idempotent)."""

from __future__ import annotations

from sqlalchemy import bindparam, select, text
from sqlalchemy.orm import Session

from petitiondesk.core.enums import DayUnit
from petitiondesk.store.db import Database
from petitiondesk.store.models import DeadlineRule, IssueCategory, OfficeSettings

# (code, name, days, unit, roll, basis)
# (code, name, days, unit, roll, basis). National rules of 信访工作条例 2022 first, then
# the office rules of the seeds. Codes are used by services (grep due_by_rule) and must
# stay; migration 0003 adds the rules that came later to databases seeded before it.
_ART = "《信访工作条例》"
DEFAULT_DEADLINES: tuple[tuple[str, str, int, DayUnit, bool, str], ...] = (
    ("register_forward", "登记并转送、交办", 15, DayUnit.CALENDAR, True, f"{_ART}第二十二条"),
    ("acceptance_notice", "告知是否受理", 15, DayUnit.CALENDAR, True, f"{_ART}第二十三条"),
    (
        "referral_objection",
        "对转送、交办事项提出异议",
        5,
        DayUnit.WORKDAY,
        True,
        f"{_ART}第二十三条",
    ),
    ("handling", "办理期限", 60, DayUnit.CALENDAR, True, f"{_ART}第三十四条"),
    ("extension_max", "延长期限（最长）", 30, DayUnit.CALENDAR, True, f"{_ART}第三十四条"),
    ("review_request", "申请复查期限", 30, DayUnit.CALENDAR, True, f"{_ART}第三十五条"),
    ("review_decision", "复查办理期限", 30, DayUnit.CALENDAR, True, f"{_ART}第三十五条"),
    ("rereview_request", "申请复核期限", 30, DayUnit.CALENDAR, True, f"{_ART}第三十六条"),
    ("rereview_decision", "复核办理期限", 30, DayUnit.CALENDAR, True, f"{_ART}第三十六条"),
    ("reply_ordinary", "一般件答复", 15, DayUnit.CALENDAR, True, "本单位信访工作制度"),
    ("reply_urgent", "急件答复", 7, DayUnit.CALENDAR, True, "本单位信访工作制度"),
    ("forward_other_body", "转送其他机关", 3, DayUnit.WORKDAY, True, "本单位信访工作制度"),
    ("leader_reply", "接待日问题答复", 10, DayUnit.WORKDAY, True, "领导接待日制度"),
    ("leader_reply_max", "接待日问题答复（最长）", 30, DayUnit.WORKDAY, True, "领导接待日制度"),
    ("dept_reply", "科室答复", 20, DayUnit.WORKDAY, True, "本单位信访工作制度"),
    ("unit_reply", "外单位答复", 30, DayUnit.WORKDAY, True, "本单位信访工作制度"),
)

#: Rules the services look up by code: they can be edited but not deactivated.
SYSTEM_RULE_CODES: frozenset[str] = frozenset(
    {
        "acceptance_notice",
        "forward_other_body",
        "handling",
        "extension_max",
        "review_decision",
        "rereview_decision",
    }
)

DEFAULT_CATEGORIES: tuple[str, ...] = (
    "城乡建设",
    "国土资源",
    "劳动社保",
    "农村农业",
    "卫生健康",
    "教育文体",
    "民政事务",
    "政法治安",
    "纪检监察",
    "企业改制",
    "生态环境",
    "交通运输",
    "商贸市场",
    "其他",
)

DEFAULT_OFFICE_NAME = "信访办公室"


def ensure_defaults(db: Database) -> None:
    """Create the settings row, deadline rules and categories if they are missing.

    One plain query answers whether anything is missing (a new or upgraded file): the
    usual start then compiles no ORM query before the window shows."""
    if not defaults_missing(db):
        return
    with db.write() as session:
        seed_defaults(session)


#: Whether the settings row, every default rule and a category exist (one round trip).
_PRESENT = text(
    "SELECT (SELECT count(*) FROM office_settings WHERE id = 1),"
    " (SELECT count(*) FROM deadline_rule WHERE code IN :codes),"
    " (SELECT count(*) FROM (SELECT 1 FROM issue_category LIMIT 1) AS one)"
).bindparams(bindparam("codes", value=[row[0] for row in DEFAULT_DEADLINES], expanding=True))


def defaults_missing(db: Database) -> bool:
    """True when :func:`seed_defaults` has something to add."""
    with db.engine.connect() as conn:
        settings, rules, categories = conn.execute(_PRESENT).one()
    return (settings, rules, categories) != (1, len(DEFAULT_DEADLINES), 1)


def seed_defaults(session: Session) -> None:
    if session.get(OfficeSettings, 1) is None:
        session.add(
            OfficeSettings(
                id=1,
                name=DEFAULT_OFFICE_NAME,
                letterhead=DEFAULT_OFFICE_NAME,
                doc_prefix="信访",
                group_rep_limit=5,
                small_group_max_people=10,
            )
        )
    have = set(session.scalars(select(DeadlineRule.code)))
    for code, name, days, unit, roll, basis in DEFAULT_DEADLINES:
        if code not in have:
            session.add(
                DeadlineRule(
                    code=code, name=name, days=days, unit=unit, roll_to_workday=roll, basis=basis
                )
            )
    if session.scalar(select(IssueCategory.id).limit(1)) is None:
        for order, name in enumerate(DEFAULT_CATEGORIES, start=1):
            session.add(IssueCategory(name=name, sort_order=order))
