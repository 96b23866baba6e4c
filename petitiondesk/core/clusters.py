"""Early warning of emerging clusters (苗头性、倾向性问题, seed 001 §6: 早发现、早稳控、早化解).

Petitions about the same place, of the same category and on a similar matter that pile
up within a window of days form a *cluster* once there are at least ``threshold`` of
them. The window and the threshold are office settings.

* **Place** — the free-text 问题发生地 reduced to the village or community it names
  (:func:`place_key`): "青山县城关镇新华社区3组" and "新华社区居委会门口" both give
  "新华社区". A text that names no village or community keeps its text up to the first
  digit ("县第一中学" → "县第一中学"); an empty place joins nothing.
* **Matter** — two summaries are similar when their character-bigram Dice score reaches
  :data:`MATTER_THRESHOLD` (:mod:`petitiondesk.core.textsim`); similarity is chained
  (A~B and B~C put A, B and C together), so a matter told in three ways still counts once.
* **Window** — within one place, category and matter, a run of petitions is a cluster
  when some ``window_days`` consecutive days hold ``threshold`` of them; runs whose
  qualifying windows overlap are one cluster. Restricting the input to the last
  ``window_days`` days (as the intake hint does) makes the whole group one window.
* **Level** — :class:`ClusterLevel`: 关注 by default, raised to 预警 by a group visit
  (集体访) or a visit that skipped a level (越级访), and to 重点 by both.
* **People** — each petitioner counted once (with the largest group they came with);
  a petition without a petitioner counts its own people.

Everything here is pure: the services read the facts (:class:`ClusterFact`) and hand
them in.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import Enum
from typing import Final

from petitiondesk.core.textsim import bigrams, dice_sets, normalize

#: Two summaries (the place's own name taken out) with at least this Dice score tell the
#: same matter; lower than the repeat look-up's 0.3, as place and category already match.
MATTER_THRESHOLD: Final = 0.25
#: Default settings (office_settings.cluster_window_days / cluster_threshold).
DEFAULT_WINDOW_DAYS: Final = 30
DEFAULT_THRESHOLD: Final = 3
#: Bounds the settings dialog and the service accept.
MIN_WINDOW_DAYS: Final = 1
MAX_WINDOW_DAYS: Final = 365
MIN_THRESHOLD: Final = 2
MAX_THRESHOLD: Final = 100

# The level below a county's towns: a village (村, 嘎查) or an urban community (社区,
# 居委会). The first of them in the text ends the key.
_VILLAGE: Final = re.compile(r"社区|居委会|居民委员会|嘎查|村")
# What ends a larger unit before it (the key starts after the last of them).
_ABOVE: Final = re.compile(r"省|自治区|自治州|市|州|盟|自治县|县|旗|区|街道办事处|街道|镇|乡|苏木")
_DIGIT: Final = re.compile(r"\d")
#: Characters of each summary looked at for the cluster's title.
_TITLE_SCAN: Final = 120
_TITLE_MIN, _TITLE_MAX = 2, 8
# Words of the telling, not of the matter: left out of the title.
_FILLER: Final = re.compile(r"再次|多次|反映|要求|请求|问题|关于|村民|群众|集体")


class ClusterLevel(Enum):
    """How urgent a cluster is; the value is its rank."""

    NOTICE = 1  # 关注
    WARNING = 2  # 预警: a group visit or a skipped level in it
    SERIOUS = 3  # 重点: both

    @property
    def label(self) -> str:
        return {1: "关注", 2: "预警", 3: "重点"}[self.value]


@dataclass(frozen=True)
class ClusterFact:
    """What clustering needs to know of one petition."""

    petition_id: int
    register_no: str
    received: date
    place: str
    category_id: int | None
    summary: str
    people_count: int = 1
    petitioner_id: int | None = None
    is_group: bool = False
    skipped_level: bool = False
    category: str = ""


@dataclass(frozen=True)
class Cluster:
    """Petitions piling up on one place, category and matter."""

    place: str  # the place key (村 / 社区)
    category_id: int | None
    category: str
    title: str  # "新华社区通村公路"
    facts: tuple[ClusterFact, ...]  # oldest first
    level: ClusterLevel
    people: int

    @property
    def count(self) -> int:
        return len(self.facts)

    @property
    def first(self) -> date:
        return self.facts[0].received

    @property
    def last(self) -> date:
        return self.facts[-1].received

    @property
    def group_visits(self) -> int:
        return sum(1 for f in self.facts if f.is_group)

    @property
    def skipped_levels(self) -> int:
        return sum(1 for f in self.facts if f.skipped_level)

    @property
    def petition_ids(self) -> tuple[int, ...]:
        return tuple(f.petition_id for f in self.facts)


def place_key(place: str) -> str:
    """The village or community ``place`` names ("" when nothing is left to key on)."""
    text = normalize(place)
    found = _VILLAGE.search(text)
    if found is None:
        digit = _DIGIT.search(text)
        return text[: digit.start()] if digit else text
    before = text[: found.start()]
    starts = [m.end() for m in _ABOVE.finditer(before)]
    start = starts[-1] if starts else 0
    if start == found.start():  # "城关镇村" names no village: keep the town
        start = 0
    return text[start : found.end()]


def level_of(facts: Iterable[ClusterFact]) -> ClusterLevel:
    """关注; 预警 with a group visit or a skipped level; 重点 with both."""
    group = skipped = False
    for fact in facts:
        group = group or fact.is_group
        skipped = skipped or fact.skipped_level
    return ClusterLevel(1 + int(group) + int(skipped))


def people_of(facts: Iterable[ClusterFact]) -> int:
    """Each petitioner once (their largest group), anonymous petitions each."""
    by_person: dict[int, int] = {}
    anonymous = 0
    for fact in facts:
        people = max(fact.people_count, 1)
        if fact.petitioner_id is None:
            anonymous += people
        else:
            by_person[fact.petitioner_id] = max(by_person.get(fact.petitioner_id, 0), people)
    return anonymous + sum(by_person.values())


def _matters(place: str, facts: Sequence[ClusterFact]) -> list[list[ClusterFact]]:
    """``facts`` split into groups of chained similar summaries (input order kept); the
    name of the ``place`` they share is not part of the comparison."""
    parent = list(range(len(facts)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    grams = [bigrams(normalize(f.summary).replace(place, "")) for f in facts]
    for i in range(len(facts)):
        for j in range(i):
            if root(i) != root(j) and dice_sets(grams[i], grams[j]) >= MATTER_THRESHOLD:
                parent[root(i)] = root(j)
    groups: dict[int, list[ClusterFact]] = defaultdict(list)
    for i, fact in enumerate(facts):
        groups[root(i)].append(fact)
    return list(groups.values())


def _runs(
    facts: Sequence[ClusterFact], window_days: int, threshold: int
) -> list[list[ClusterFact]]:
    """The members of every window of ``window_days`` days holding ``threshold`` facts
    (``facts`` oldest first); overlapping windows merge into one run."""
    runs: list[list[ClusterFact]] = []
    reach = -1  # index of the last fact already in the current run
    start = 0
    for end in range(len(facts)):
        while (facts[end].received - facts[start].received).days >= window_days:
            start += 1
        if end - start + 1 < threshold:
            continue
        if runs and start <= reach:
            runs[-1].extend(facts[reach + 1 : end + 1])
        else:
            runs.append(list(facts[start : end + 1]))
        reach = end
    return runs


def matter_title(place: str, summaries: Sequence[str], fallback: str = "") -> str:
    """The cluster's name: the place and the phrase (2–8 characters) found in at least
    half of the summaries that is both long and widely shared ("新华社区通村公路"); the
    place and ``fallback`` (the category) when they share none."""
    texts = [_FILLER.sub("|", normalize(s).replace(place, ""))[:_TITLE_SCAN] for s in summaries]
    texts = [t for t in texts if t.strip("|")]
    need = max(2, math.ceil(len(texts) / 2))
    if len(texts) < 2:
        return place + fallback
    counts: Counter[str] = Counter()
    for text in texts:
        seen = {
            text[i : i + n]
            for n in range(_TITLE_MIN, _TITLE_MAX + 1)
            for i in range(len(text) - n + 1)
        }
        counts.update(seen)
    best = [
        (len(p), c, p)
        for p, c in counts.items()
        if c >= need and "|" not in p and not _DIGIT.search(p)
    ]
    if not best:
        return place + fallback

    # Shared by more summaries weighs more than longer: length x support²; then the
    # phrase told first (the subject usually comes before the complaint).
    def told_at(phrase: str) -> int:
        return sum(t.find(phrase) if phrase in t else _TITLE_SCAN for t in texts)

    best.sort(key=lambda item: (-item[0] * item[1] ** 2, -item[1], told_at(item[2]), item[2]))
    return place + best[0][2]


def find_clusters(
    facts: Iterable[ClusterFact], *, window_days: int, threshold: int
) -> list[Cluster]:
    """The clusters among ``facts`` (see the module), highest level, then most petitions,
    then the most recent first."""
    if window_days < 1 or threshold < 1:
        raise ValueError("window_days and threshold must be at least 1")
    by_place: dict[tuple[str, int | None], list[ClusterFact]] = defaultdict(list)
    for fact in sorted(facts, key=lambda f: (f.received, f.petition_id)):
        key = place_key(fact.place)
        if key:
            by_place[(key, fact.category_id)].append(fact)
    clusters: list[Cluster] = []
    for (place, category_id), group in by_place.items():
        if len(group) < threshold:
            continue
        for matter in _matters(place, group):
            for run in _runs(matter, window_days, threshold):
                clusters.append(_cluster(place, category_id, run))
    clusters.sort(key=lambda c: (-c.level.value, -c.count, -c.last.toordinal(), c.title))
    return clusters


def _cluster(place: str, category_id: int | None, run: Sequence[ClusterFact]) -> Cluster:
    category = next((f.category for f in run if f.category), "")
    return Cluster(
        place=place,
        category_id=category_id,
        category=category,
        title=matter_title(place, [f.summary for f in run], category),
        facts=tuple(run),
        level=level_of(run),
        people=people_of(run),
    )


def window_start(today: date, window_days: int) -> date:
    """The first day of the window of ``window_days`` days ending with ``today``."""
    return today - timedelta(days=window_days - 1)


def cluster_text(cluster: Cluster) -> str:
    """One line for a list or a report: "【预警】新华社区通村公路：5 件 12 人（城乡建设，
    11-02 至 11-20；集体访 1 次、越级访 1 次）"."""
    flags = []
    if cluster.group_visits:
        flags.append(f"集体访 {cluster.group_visits} 次")
    if cluster.skipped_levels:
        flags.append(f"越级访 {cluster.skipped_levels} 次")
    span = f"{cluster.first:%m-%d} 至 {cluster.last:%m-%d}"
    details = "，".join(p for p in (cluster.category, span) if p)
    if flags:
        details += "；" + "、".join(flags)
    return f"【{cluster.level.label}】{cluster.title}：{cluster.count} 件 {cluster.people} 人（{details}）"
