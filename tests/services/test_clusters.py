"""Clusters read from a real register file: current, for a period, for a new registration."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from petitiondesk.core.clusters import ClusterLevel
from petitiondesk.core.enums import Channel
from petitiondesk.services import clusters
from petitiondesk.services.intake import VisitInput, register_visit
from petitiondesk.store.db import Database
from petitiondesk.store.models import OfficeSettings
from tests.helpers import actor, visit_input

ROAD = (
    "新华社区通村公路年久失修，坑洼不平",
    "反映新华社区通村公路损坏严重无人修",
    "通村公路坑洼不平，雨天无法通行",
    "要求尽快修复通村公路",
)
START = datetime(2026, 11, 2, 9, 0)


def road_visit(n: int, day: int = 0, **changes: object) -> VisitInput:
    base: dict[str, object] = {
        "channel": Channel.PHONE,
        "received_at": START + timedelta(days=day),
        "name": f"村民{n}",
        "id_number": "",
        "phone": f"1391234{n:04d}",
        "address": "青山县城关镇新华社区",
        "place": "城关镇新华社区",
        "summary": ROAD[n % len(ROAD)],
    }
    base.update(changes)
    return visit_input(**base)


def register(db: Database, data: VisitInput) -> None:
    result = register_visit(db, data, actor=actor(), now=data.received_at + timedelta(hours=1))
    assert result.ok, result.errors


@pytest.fixture
def road(db: Database) -> Database:
    """Three road petitions from 新华社区 in the first days of November 2026."""
    for n in range(3):
        register(db, road_visit(n, day=n))
    return db


def test_current_clusters_in_the_window(road: Database) -> None:
    (cluster,) = clusters.current_clusters(road, date(2026, 11, 20))
    assert cluster.count == 3 and cluster.people == 3
    assert cluster.title == "新华社区通村公路"
    assert cluster.level is ClusterLevel.NOTICE
    # 30 days after the first one, it has left the window
    assert clusters.current_clusters(road, date(2026, 12, 3)) == []


def test_settings_change_what_counts(road: Database) -> None:
    with road.write() as session:
        office = session.get(OfficeSettings, 1)
        assert office is not None
        office.cluster_threshold = 4
    assert clusters.current_clusters(road, date(2026, 11, 20)) == []
    with road.write() as session:
        office = session.get(OfficeSettings, 1)
        assert office is not None
        office.cluster_threshold, office.cluster_window_days = 3, 2
    assert clusters.current_clusters(road, date(2026, 11, 4)) == []  # 11-03, 11-04 only
    assert clusters.clusters_between(road, date(2026, 11, 1), date(2026, 11, 30)) == []


def test_cluster_for_new_names_it(db: Database) -> None:
    for n in range(2):
        register(db, road_visit(n, day=n))
    assert clusters.cluster_for_new(db, road_visit(7, day=1)) is not None  # the 3rd
    register(db, road_visit(2, day=2))
    register(db, road_visit(3, day=3))
    register(db, road_visit(4, day=4))
    join = clusters.cluster_for_new(db, road_visit(5, day=5))
    assert join is not None
    assert join.text == "30天内第 6 件：新华社区通村公路"
    group = clusters.cluster_for_new(db, road_visit(5, day=5, skipped_level=True))
    assert group is not None and group.text.startswith("【预警】30天内第 6 件")


@pytest.mark.parametrize(
    "changes",
    [
        {"place": "东风村"},
        {"place": ""},
        {"category_id": 2},
        {"summary": "低保资格被取消，要求恢复"},
        {"received_at": START + timedelta(days=40)},
    ],
)
def test_cluster_for_new_not_joined(road: Database, changes: dict[str, object]) -> None:
    register(road, road_visit(3, day=3))
    assert clusters.cluster_for_new(road, road_visit(9, day=4, **changes)) is None


def test_group_visit_raises_and_people_counted(road: Database) -> None:
    register(road, road_visit(5, day=5, people_count=12, representatives=[]))
    (cluster,) = clusters.current_clusters(road, date(2026, 11, 20))
    assert cluster.level is ClusterLevel.WARNING
    assert (cluster.count, cluster.people, cluster.group_visits) == (4, 15, 1)


def test_cluster_lines_for_the_month(road: Database) -> None:
    lines = clusters.cluster_lines(road, date(2026, 11, 1), date(2026, 11, 30))
    assert lines == ["【关注】新华社区通村公路：3 件 3 人（城乡建设，11-02 至 11-04）"]
    assert clusters.cluster_lines(road, date(2026, 10, 1), date(2026, 10, 31)) == []
    assert clusters.cluster_lines(road, date(2026, 11, 30), date(2026, 11, 1)) == []
