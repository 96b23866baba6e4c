"""The demo shows emerging clusters and a kept dispute-screening register."""

from __future__ import annotations

from datetime import date, datetime

from petitiondesk.core.clusters import ClusterLevel
from petitiondesk.core.disputes import DisputeStatus
from petitiondesk.services import clusters
from petitiondesk.services.demo import load_demo
from petitiondesk.services.disputes import list_disputes
from petitiondesk.store.db import Database

NOW = datetime(2026, 11, 20, 12, 0)


def test_demo_clusters_and_disputes(db: Database) -> None:
    load_demo(db, visits=200, seed=1, now=NOW)
    road, land = clusters.current_clusters(db, NOW.date())
    assert (road.title, road.count, road.people, road.level) == (
        "新华社区通村公路", 6, 20, ClusterLevel.SERIOUS,
    )  # fmt: skip
    assert (land.title, land.count, land.level) == ("前进村土地流转", 3, ClusterLevel.NOTICE)
    numbers = [f.register_no for f in road.facts]
    assert numbers == sorted(numbers)  # register numbers follow time
    lines = clusters.cluster_lines(db, date(2026, 11, 1), date(2026, 11, 30))
    assert len(lines) == 2 and lines[0].startswith("【重点】新华社区通村公路：6 件 20 人")
    this_month = list_disputes(db, NOW.date())
    assert [d.status for d in this_month] == [DisputeStatus.OPEN, DisputeStatus.CONTROLLED]
    assert len(list_disputes(db)) == 3


def test_a_tiny_demo_has_no_clusters(db: Database) -> None:
    load_demo(db, visits=10, seed=1, now=NOW)
    assert clusters.current_clusters(db, NOW.date()) == []


def test_the_monthly_report_and_analysis_name_the_clusters(db: Database) -> None:
    from petitiondesk.core.statistics.analysis import NO_CLUSTERS
    from petitiondesk.core.statistics.period import Period
    from petitiondesk.services.statistics.reports import read_report

    load_demo(db, visits=200, seed=1, now=NOW)
    report = read_report(db, Period.month(2026, 11), as_of=NOW.date())
    assert report.clusters[0].startswith("【重点】新华社区通村公路：6 件 20 人")
    quiet = read_report(db, Period.month(2026, 6), as_of=NOW.date())
    assert quiet.clusters == ()
    assert NO_CLUSTERS.startswith("本期未发现")
