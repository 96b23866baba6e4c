"""Rules of referral and supervision (交办督办) as pure functions.

* the objection window (回退, 信访工作条例 Art. 23 ¶3): 5 working days from receipt;
* where a deadline stands on a day (已超期 / N 日内到期 / 正常) and by how much;
* the extension limit (延期, Art. 34): at most 30 days in all;
* at most eight recipients of one supervision slip (八单督办, seed 000 篇3);
* the text of the rule that produced a due date, as the clerk reads it;
* Art. 30: the accused never receives the accusation (who counts as the accused unit).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Final

from petitiondesk.core.deadlines import DeadlineRule, Due, due_date
from petitiondesk.core.enums import DayUnit, DueState, SupervisionRole
from petitiondesk.core.workcalendar import WorkCalendar

_ART: Final = "《信访工作条例》"

#: Art. 23 ¶3, quoted when an objection comes late.
ART23_OBJECTION: Final = (
    f"{_ART}第二十三条：有关机关、单位收到交办、转送的信访事项后，对不属于本机关、单位"
    "职权范围的，应当自收到之日起5个工作日内向交办、转送的信访工作机构提出异议"
)
#: Art. 30 ¶3, quoted when a referral would reach the accused.
ART30_CONFIDENTIAL: Final = (
    f"{_ART}第三十条：……不得将检举、揭发、控告材料及有关情况透露或者转送给"
    "被检举、揭发、控告的人员和单位"
)
#: Art. 34, quoted when an extension is too long.
ART34_EXTENSION: Final = (
    f"{_ART}第三十四条：情况复杂的，经本机关、单位负责人批准，可以适当延长办理期限，"
    "但延长期限不得超过30日，并告知信访人延期理由"
)

#: The objection window of Art. 23 ¶3 (the office rule ``referral_objection`` holds it).
OBJECTION_RULE: Final = DeadlineRule(5, DayUnit.WORKDAY)
#: Art. 34: an extension adds at most this many days in all.
MAX_EXTENSION_DAYS: Final = 30
#: 八单督办: one slip, at most eight recipients (plus the office's stub).
MAX_SUPERVISION_RECIPIENTS: Final = 8

#: What a handling unit sees instead of the petitioner's identity (Art. 30).
REDACTED: Final = "（保密）"
REDACTION_NOTE: Final = "本件为检举控告件，信访人身份信息已按《信访工作条例》第三十条保密"


# --- objection (回退) ------------------------------------------------------------------


@dataclass(frozen=True)
class ObjectionCheck:
    """An objection against its window: ``deadline`` is the last day it is on time."""

    deadline: Due
    objected_on: date

    @property
    def late(self) -> bool:
        return self.objected_on > self.deadline.due


def objection_deadline(
    calendar: WorkCalendar, received_on: date, rule: DeadlineRule = OBJECTION_RULE
) -> Due:
    """The last day a unit that received a referral on ``received_on`` may object: the
    5th working day after it (the day of receipt is not counted)."""
    return due_date(calendar, received_on, rule)


def check_objection(
    calendar: WorkCalendar,
    received_on: date,
    objected_on: date,
    rule: DeadlineRule = OBJECTION_RULE,
) -> ObjectionCheck:
    return ObjectionCheck(objection_deadline(calendar, received_on, rule), objected_on)


# --- where a deadline stands -------------------------------------------------------------


def due_state(as_of: date, due: date, soon_days: int) -> DueState:
    """已超期 from the day after ``due``; 即将到期 from ``soon_days`` calendar days before
    it up to the due day itself; 正常 before that."""
    left = (due - as_of).days
    if left < 0:
        return DueState.OVERDUE
    if left <= soon_days:
        return DueState.DUE_SOON
    return DueState.NORMAL


def days_overdue(as_of: date, due: date) -> int:
    """Calendar days past ``due`` on ``as_of`` (0 when not overdue)."""
    return max(0, (as_of - due).days)


# --- extensions (延期) -------------------------------------------------------------------


def extension_problem(days: int, already: int = 0, limit: int = MAX_EXTENSION_DAYS) -> str | None:
    """Why an extension of ``days`` days cannot be granted when ``already`` days were
    granted before, or None. The limit is Art. 34's 30 days in all."""
    if days < 1:
        return "延期天数应至少为1日"
    if already + days > limit:
        done = f"（已延期{already}日）" if already else ""
        return f"延期不得超过{limit}日{done}。{ART34_EXTENSION}"
    return None


# --- supervision (督办) ------------------------------------------------------------------


def recipient_count_problem(count: int) -> str | None:
    if count < 1:
        return "请至少选择一个督办对象"
    if count > MAX_SUPERVISION_RECIPIENTS:
        return f"一份督办单最多送{MAX_SUPERVISION_RECIPIENTS}个对象（八单督办），现选了{count}个"
    return None


def supervision_roles(extra: Iterable[str] = ()) -> tuple[str, ...]:
    """The recipient roles the clerk chooses from, in the order of the slip: the standing
    roles, then the office's own (settings), without duplicates or blanks."""
    out: list[str] = [r.label for r in SupervisionRole]
    for name in extra:
        name = name.strip()
        if name and name not in out:
            out.append(name)
    return tuple(out)


# --- the rule behind a date --------------------------------------------------------------


def rule_text(rule: DeadlineRule, counted_from: str, due: Due) -> str:
    """``60日，自受理之日起，遇节假日顺延 → 2027-02-15``; an estimate says so."""
    head = f"{rule.days}个工作日" if rule.unit is DayUnit.WORKDAY else f"{rule.days}日"
    parts = [head, f"自{counted_from}起"]
    if rule.unit is DayUnit.CALENDAR and rule.roll_to_workday:
        parts.append("遇节假日顺延")
    text = "，".join(parts) + f" → {due.due.isoformat()}"
    if not due.covered:
        text += "（推算日期，待核）"
    return text


# --- Art. 30 -----------------------------------------------------------------------------


def _norm(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split())


def is_accused_unit(
    accused: str,
    accused_department_id: int | None,
    unit_id: int,
    unit_name: str,
) -> bool:
    """True when the unit is the accused: the case names it (by its department id), or
    the accused text names the unit (e.g. 青山县自然资源局 in "青山县自然资源局某科长")."""
    if accused_department_id is not None and accused_department_id == unit_id:
        return True
    who, name = _norm(accused), _norm(unit_name)
    return bool(who and name) and (name in who or who == name)


def redact(value: str, redacted: bool) -> str:
    """``value``, or （保密） when the reader may not see it."""
    return REDACTED if redacted else value
