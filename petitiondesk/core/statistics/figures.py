"""The figures of one period, computed from plain rows (no database here).

Three groups, each counted over its own cases:

- **intake** (counts by channel, category, unit, status and result; repeat, group, 越级,
  confidential; people): the petitions *received* in the period;
- **closure** (closed count, average days to close, satisfaction): the petitions
  *closed* in the period, whenever received;
- **units** (on-time rate and extension rate, 续报率): the referrals *made* in the
  period, judged on ``as_of``: a referral is due for judgement once answered or past
  its deadline; on time when answered on or before its (possibly extended) deadline.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Final

from petitiondesk.core.enums import CaseStatus, Channel, Satisfaction

from .period import Period

#: Seed 004: a unit's extensions (续报) stay at or below 2 % of what it was given.
EXTENSION_LIMIT: Final = 0.02
UNCATEGORISED: Final = "未分类"
NO_UNIT: Final = "未交办"
OPEN_RESULT: Final = "办理中"
#: Satisfaction answers that count as satisfied (满意率 = these / all answers given).
SATISFIED_LABELS: Final = (Satisfaction.SATISFIED.label, Satisfaction.BASICALLY.label)
NOT_ASKED_LABEL: Final = Satisfaction.NOT_ASKED.label


@dataclass(frozen=True)
class CaseFact:
    """One petition as the statistics see it (labels as the clerk reads them)."""

    received: date
    channel: str
    category: str = ""
    unit: str = ""  # the lead unit of its latest referral, "" when never referred
    status: str = ""
    result: str = ""  # 支持 / 解释说明 / 不予支持 / 不予受理 / 转送其他机关, "" while open
    repeat: bool = False
    group: bool = False
    skipped_level: bool = False
    confidential: bool = False
    people: int = 1
    closed: date | None = None
    satisfaction: str = ""  # a Satisfaction label once closed


@dataclass(frozen=True)
class ReferralFact:
    """One referral (交办/转送) to its lead unit."""

    unit: str
    referred: date
    due: date  # the deadline now (after any extension)
    answered: date | None = None
    extended: bool = False


@dataclass(frozen=True)
class Vocabulary:
    """The order labels are listed in (those not listed follow, most frequent first);
    ``always``: labels shown even with a zero count."""

    channels: tuple[str, ...] = tuple(c.label for c in Channel)
    categories: tuple[str, ...] = ()
    statuses: tuple[str, ...] = tuple(s.label for s in CaseStatus)
    satisfactions: tuple[str, ...] = tuple(s.label for s in Satisfaction)
    always: frozenset[str] = field(
        default_factory=lambda: (
            frozenset(c.label for c in Channel) | frozenset(s.label for s in Satisfaction)
        )
    )


Counts = tuple[tuple[str, int], ...]


def ordered_counts(values: Iterable[str], order: Sequence[str], always: frozenset[str]) -> Counts:
    """``(label, count)`` pairs: the labels of ``order`` first (those never counted only
    when in ``always``), then the rest by count, most first, then by label."""
    counter = Counter(values)
    listed = [(label, counter[label]) for label in order if counter[label] or label in always]
    rest = sorted(
        ((label, n) for label, n in counter.items() if label not in order),
        key=lambda item: (-item[1], item[0]),
    )
    return tuple(listed + rest)


@dataclass(frozen=True)
class UnitFigure:
    """A handling unit's referrals of the period."""

    unit: str
    referrals: int = 0
    settled: int = 0  # answered, or open past the deadline, on ``as_of``
    on_time: int = 0
    extended: int = 0

    @property
    def overdue(self) -> int:
        return self.settled - self.on_time

    @property
    def on_time_rate(self) -> float | None:
        return self.on_time / self.settled if self.settled else None

    @property
    def extension_rate(self) -> float | None:
        return self.extended / self.referrals if self.referrals else None

    def over_limit(self, limit: float = EXTENSION_LIMIT) -> bool:
        rate = self.extension_rate
        return rate is not None and rate > limit


@dataclass(frozen=True)
class Figures:
    """Everything counted for one period (see the module docstring for which cases)."""

    period: Period
    total: int = 0
    people: int = 0
    repeat: int = 0
    group: int = 0
    skipped_level: int = 0
    confidential: int = 0
    by_channel: Counts = ()
    by_category: Counts = ()
    by_unit: Counts = ()
    by_status: Counts = ()
    by_result: Counts = ()
    closed: int = 0
    days_to_close: int = 0  # summed over the closed cases
    satisfaction: Counts = ()
    units: tuple[UnitFigure, ...] = ()

    @property
    def average_days_to_close(self) -> float | None:
        return self.days_to_close / self.closed if self.closed else None

    @property
    def satisfaction_rate(self) -> float | None:
        """满意率: 满意 + 基本满意 over every answer given (未评价 left out)."""
        counts = dict(self.satisfaction)
        answered = sum(n for label, n in counts.items() if label != NOT_ASKED_LABEL)
        if not answered:
            return None
        return sum(counts.get(label, 0) for label in SATISFIED_LABELS) / answered

    @property
    def on_time_rate(self) -> float | None:
        settled = sum(u.settled for u in self.units)
        return sum(u.on_time for u in self.units) / settled if settled else None

    def count_of(self, attribute: str, label: str) -> int:
        """The count of ``label`` in one of the ``by_*`` groups (0 when absent)."""
        counts: Counts = getattr(self, attribute)
        return dict(counts).get(label, 0)


def unit_figures(referrals: Iterable[ReferralFact], as_of: date) -> tuple[UnitFigure, ...]:
    """Per unit (most referrals first, then by name): referrals, settled, on time, extended."""
    tally: dict[str, list[int]] = {}
    for r in referrals:
        row = tally.setdefault(r.unit, [0, 0, 0, 0])
        row[0] += 1
        answered = r.answered is not None and r.answered <= as_of
        if answered or r.due < as_of:
            row[1] += 1
            if answered and r.answered is not None and r.answered <= r.due:
                row[2] += 1
        if r.extended:
            row[3] += 1
    units = [UnitFigure(unit, *counts) for unit, counts in tally.items()]
    return tuple(sorted(units, key=lambda u: (-u.referrals, u.unit)))


def compute_figures(
    period: Period,
    cases: Iterable[CaseFact],
    referrals: Iterable[ReferralFact],
    *,
    as_of: date,
    vocabulary: Vocabulary | None = None,
) -> Figures:
    """The figures of ``period`` from ``cases`` and ``referrals`` (which may hold rows of
    other periods: each group takes only its own; see the module docstring)."""
    words = vocabulary or Vocabulary()
    cases = list(cases)
    received = [c for c in cases if period.contains(c.received)]
    closed = [c for c in cases if c.closed is not None and period.contains(c.closed)]
    always = words.always
    return Figures(
        period=period,
        total=len(received),
        people=sum(max(c.people, 1) for c in received),
        repeat=sum(c.repeat for c in received),
        group=sum(c.group for c in received),
        skipped_level=sum(c.skipped_level for c in received),
        confidential=sum(c.confidential for c in received),
        by_channel=ordered_counts((c.channel for c in received), words.channels, always),
        by_category=ordered_counts(
            (c.category or UNCATEGORISED for c in received), words.categories, always
        ),
        by_unit=ordered_counts((c.unit or NO_UNIT for c in received), (), always),
        by_status=ordered_counts((c.status for c in received), words.statuses, always),
        by_result=ordered_counts((c.result or OPEN_RESULT for c in received), (), always),
        closed=len(closed),
        days_to_close=sum((c.closed - c.received).days for c in closed if c.closed),
        satisfaction=ordered_counts(
            (c.satisfaction or NOT_ASKED_LABEL for c in closed), words.satisfactions, always
        ),
        units=unit_figures((r for r in referrals if period.contains(r.referred)), as_of),
    )


def monthly_counts(days: Iterable[date], months: Sequence[tuple[int, int]]) -> tuple[int, ...]:
    """How many of ``days`` fall in each of ``months`` ((year, month) pairs)."""
    counter = Counter((d.year, d.month) for d in days)
    return tuple(counter[m] for m in months)


def change(current: float | None, before: float | None) -> float | None:
    """Relative change (0.25 = up 25 %); None when there is nothing to compare with."""
    if current is None or before is None or before == 0:
        return None
    return (current - before) / before


def point_change(current: float | None, before: float | None) -> float | None:
    """Change of a rate in percentage points, as a fraction (0.03 = 3 个百分点)."""
    if current is None or before is None:
        return None
    return current - before
