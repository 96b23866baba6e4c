"""Early warning of emerging clusters (苗头性、倾向性问题): the register read for
:mod:`petitiondesk.core.clusters`.

* :func:`current_clusters` — the clusters of the window (office setting, days) ending
  today: what the statistics tab lists;
* :func:`clusters_between` / :func:`cluster_lines` — the clusters that formed within a
  period (any window inside it), as objects or one line each for the monthly analysis;
* :func:`cluster_for_new` — whether the registration being typed joins a cluster (the
  intake form names it: "30天内第 6 件：新华社区通村公路").

Each reads a few columns of the petitions received in the period (Core selects on the
indexed ``received_at``, no ORM objects); the clustering itself is pure.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Final

from sqlalchemy import select
from sqlalchemy.orm import Session

from petitiondesk.core.clusters import (
    DEFAULT_THRESHOLD,
    DEFAULT_WINDOW_DAYS,
    Cluster,
    ClusterFact,
    cluster_text,
    find_clusters,
    place_key,
    window_start,
)
from petitiondesk.store.db import Database
from petitiondesk.store.models import IssueCategory, OfficeSettings, Petition

from .intake import VisitInput

#: The petition being typed, in a cluster's facts.
DRAFT_ID: Final = 2**62  # sorts after every petition of its day
DRAFT_NO: Final = "（本次登记）"


@dataclass(frozen=True)
class ClusterSettings:
    window_days: int = DEFAULT_WINDOW_DAYS
    threshold: int = DEFAULT_THRESHOLD


@dataclass(frozen=True)
class ClusterJoin:
    """The cluster a new registration joins, and its place in it."""

    cluster: Cluster
    ordinal: int  # the registration is the n-th petition of the cluster
    window_days: int

    @property
    def text(self) -> str:
        """``30天内第 6 件：新华社区通村公路`` (with the level when raised)."""
        level = self.cluster.level
        raised = f"【{level.label}】" if level.value > 1 else ""
        return f"{raised}{self.window_days}天内第 {self.ordinal} 件：{self.cluster.title}"


def cluster_settings(session: Session) -> ClusterSettings:
    office = session.get(OfficeSettings, 1)
    if office is None:
        return ClusterSettings()
    return ClusterSettings(office.cluster_window_days, office.cluster_threshold)


def _facts(
    session: Session, first: date, last: date, *, category_id: int | None = None
) -> list[ClusterFact]:
    """The petitions received from ``first`` to ``last`` (inclusive), of ``category_id``
    when given, as clustering facts."""
    stmt = (
        select(
            Petition.id,
            Petition.register_no,
            Petition.received_at,
            Petition.place,
            Petition.category_id,
            Petition.summary,
            Petition.people_count,
            Petition.petitioner_id,
            Petition.is_group,
            Petition.skipped_level,
            IssueCategory.name,
        )
        .outerjoin(IssueCategory, IssueCategory.id == Petition.category_id)
        .where(
            Petition.received_at >= datetime.combine(first, time.min),
            Petition.received_at < datetime.combine(last + timedelta(days=1), time.min),
            Petition.place != "",
        )
    )
    if category_id is not None:
        stmt = stmt.where(Petition.category_id == category_id)
    return [
        ClusterFact(
            petition_id=row[0],
            register_no=row[1],
            received=row[2].date(),
            place=row[3],
            category_id=row[4],
            summary=row[5],
            people_count=row[6],
            petitioner_id=row[7],
            is_group=row[8],
            skipped_level=row[9],
            category=row[10] or "",
        )
        for row in session.execute(stmt)
    ]


def current_clusters(db: Database, today: date) -> list[Cluster]:
    """The clusters among the petitions of the window (office setting) ending ``today``,
    most urgent first."""
    with db.read() as session:
        settings = cluster_settings(session)
        facts = _facts(session, window_start(today, settings.window_days), today)
    return find_clusters(facts, window_days=settings.window_days, threshold=settings.threshold)


def clusters_between(db: Database, period_start: date, period_end: date) -> list[Cluster]:
    """The clusters with a petition received within the period: ``threshold`` petitions
    inside some window (office setting) that ends in the period — a cluster that began
    in the weeks before the period counts its earlier petitions too."""
    if period_end < period_start:
        return []
    with db.read() as session:
        settings = cluster_settings(session)
        facts = _facts(session, window_start(period_start, settings.window_days), period_end)
    found = find_clusters(facts, window_days=settings.window_days, threshold=settings.threshold)
    return [c for c in found if c.last >= period_start]


def cluster_lines(db: Database, period_start: date, period_end: date) -> list[str]:
    """One line per cluster of the period for the monthly analysis (信访形势分析), e.g.
    "【预警】新华社区通村公路：6 件 23 人（城乡建设，11-02 至 11-20；集体访 1 次）"; an
    empty list when there is none (:data:`petitiondesk.core.statistics.analysis.NO_CLUSTERS` says so in words)."""
    return [cluster_text(c) for c in clusters_between(db, period_start, period_end)]


def _draft_fact(db: Database, draft: VisitInput) -> ClusterFact:
    with db.read() as session:
        office = session.get(OfficeSettings, 1)
        group_from = office.group_visit_min_people if office is not None else 5
    return ClusterFact(
        petition_id=DRAFT_ID,
        register_no=DRAFT_NO,
        received=draft.received_at.date(),
        place=draft.place,
        category_id=draft.category_id,
        summary=draft.summary,
        people_count=max(draft.people_count, 1),
        petitioner_id=draft.petitioner_id,
        is_group=draft.people_count >= group_from,
        skipped_level=draft.skipped_level,
    )


def cluster_for_new(db: Database, draft: VisitInput) -> ClusterJoin | None:
    """The cluster the registration being typed would join (counting it), or None: no
    place, no category, or fewer than the threshold in the window ending on its day."""
    if draft.category_id is None or not place_key(draft.place) or not draft.summary.strip():
        return None
    new = _draft_fact(db, draft)
    key = place_key(draft.place)
    with db.read() as session:
        settings = cluster_settings(session)
        first = window_start(new.received, settings.window_days)
        facts = [
            f
            for f in _facts(session, first, new.received, category_id=draft.category_id)
            if place_key(f.place) == key
        ]
    if len(facts) + 1 < settings.threshold:
        return None
    clusters = find_clusters(
        [*facts, new], window_days=settings.window_days, threshold=settings.threshold
    )
    for cluster in clusters:
        if DRAFT_ID in cluster.petition_ids:
            ordinal = cluster.petition_ids.index(DRAFT_ID) + 1
            return ClusterJoin(cluster, ordinal, settings.window_days)
    return None
