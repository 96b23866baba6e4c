"""Emerging clusters (苗头性、倾向性问题): place keys, windows, threshold, level."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from petitiondesk.core.clusters import (
    ClusterFact,
    ClusterLevel,
    cluster_text,
    find_clusters,
    level_of,
    matter_title,
    people_of,
    place_key,
    window_start,
)

ROAD = (
    "新华社区通村公路年久失修，坑洼不平",
    "反映新华社区通村公路损坏严重无人修",
    "通村公路坑洼，雨天无法通行",
)
DAY = date(2026, 11, 1)


def fact(
    n: int,
    received: date = DAY,
    *,
    place: str = "青山县城关镇新华社区",
    category_id: int | None = 1,
    summary: str = "",
    people: int = 1,
    person: int | None = None,
    group: bool = False,
    skipped: bool = False,
) -> ClusterFact:
    return ClusterFact(
        petition_id=n,
        register_no=f"2026-{n:05d}",
        received=received,
        place=place,
        category_id=category_id,
        summary=summary or ROAD[n % len(ROAD)],
        people_count=people,
        petitioner_id=person if person is not None else n,
        is_group=group,
        skipped_level=skipped,
        category="城乡建设",
    )


@pytest.mark.parametrize(
    ("place", "key"),
    [
        ("青山县城关镇新华社区", "新华社区"),
        ("新华社区3组", "新华社区"),
        ("城关镇新华社区居委会门口", "新华社区"),
        ("青山县城关镇东风村五组", "东风村"),
        ("东风村委会", "东风村"),
        ("和平街道和平居委会", "和平居委会"),
        ("  青山县　城关镇，新华社区 ", "新华社区"),
        ("县第一中学12号楼", "县第一中学"),
        ("", ""),
        ("，。", ""),
    ],
)
def test_place_key(place: str, key: str) -> None:
    assert place_key(place) == key


def test_threshold_reached_and_not() -> None:
    assert find_clusters([fact(1), fact(2)], window_days=30, threshold=3) == []
    (cluster,) = find_clusters([fact(1), fact(2), fact(3)], window_days=30, threshold=3)
    assert cluster.count == 3 and cluster.place == "新华社区"
    assert cluster.title.startswith("新华社区") and "通村公路" in cluster.title
    assert cluster.level is ClusterLevel.NOTICE and cluster.people == 3


@pytest.mark.parametrize(("gap", "together"), [(29, True), (30, False)])
def test_window_edges(gap: int, together: bool) -> None:
    """Within 30 days means the first and last are at most 29 days apart."""
    facts = [fact(1, DAY), fact(2, DAY + timedelta(days=1)), fact(3, DAY + timedelta(days=gap))]
    assert bool(find_clusters(facts, window_days=30, threshold=3)) is together


def test_overlapping_windows_merge_and_separate_ones_do_not() -> None:
    days = [0, 1, 2, 10, 11, 60, 61, 62]
    facts = [fact(i + 1, DAY + timedelta(days=d)) for i, d in enumerate(days)]
    clusters = find_clusters(facts, window_days=5, threshold=3)
    assert sorted(c.petition_ids for c in clusters) == [(1, 2, 3), (6, 7, 8)]
    clusters = find_clusters(facts, window_days=12, threshold=3)
    assert sorted(c.petition_ids for c in clusters) == [(1, 2, 3, 4, 5), (6, 7, 8)]


def test_other_place_category_or_matter_stays_out() -> None:
    facts = [
        fact(1),
        fact(2),
        fact(3, place="东风村"),
        fact(4, category_id=2),
        fact(5, summary="低保资格被取消，要求恢复"),
        fact(6, place=""),
    ]
    assert find_clusters(facts, window_days=30, threshold=3) == []
    (cluster,) = find_clusters([*facts, fact(7, place="新华社区5组")], window_days=30, threshold=3)
    assert cluster.petition_ids == (1, 2, 7)


def test_group_visit_or_skipped_level_raises() -> None:
    base = [fact(1), fact(2), fact(3)]
    assert level_of(base) is ClusterLevel.NOTICE
    assert level_of([*base, fact(4, group=True)]) is ClusterLevel.WARNING
    assert level_of([*base, fact(4, skipped=True)]) is ClusterLevel.WARNING
    both = [*base, fact(4, group=True), fact(5, skipped=True)]
    assert level_of(both) is ClusterLevel.SERIOUS
    (cluster,) = find_clusters(both, window_days=30, threshold=3)
    assert cluster.level is ClusterLevel.SERIOUS
    text = cluster_text(cluster)
    assert text.startswith("【重点】新华社区") and "集体访 1 次" in text and "越级访 1 次" in text


def test_people_counts_each_person_once() -> None:
    facts = [
        fact(1, person=7, people=1),
        fact(2, person=7, people=12),
        fact(3, person=None, people=2),
    ]
    assert people_of(facts) == 14


def test_matter_title_falls_back_to_the_category() -> None:
    assert matter_title("东风村", ["甲乙", "丙丁"], "土地") == "东风村土地"
    assert matter_title("东风村", ["道路维修问题", "道路维修"], "") == "东风村道路维修"


def test_bad_settings_refused() -> None:
    with pytest.raises(ValueError):
        find_clusters([], window_days=0, threshold=3)


def test_window_start() -> None:
    assert window_start(date(2026, 11, 30), 30) == date(2026, 11, 1)


OFFSETS = st.lists(st.integers(min_value=0, max_value=120), min_size=0, max_size=25)


@given(OFFSETS, st.integers(1, 40), st.integers(2, 6))
def test_every_cluster_has_a_full_window(offsets: list[int], window: int, threshold: int) -> None:
    """Each cluster holds ``threshold`` petitions within some window; every petition
    lying in a full window belongs to a cluster; no petition is in two clusters."""
    facts = [fact(i + 1, DAY + timedelta(days=d), summary=ROAD[0]) for i, d in enumerate(offsets)]
    clusters = find_clusters(facts, window_days=window, threshold=threshold)
    members = [pid for c in clusters for pid in c.petition_ids]
    assert len(members) == len(set(members))
    for c in clusters:
        assert c.count >= threshold
        days = sorted(f.received for f in c.facts)
        assert any(
            sum(1 for d in days if 0 <= (d - start).days < window) >= threshold for start in days
        )
    for f in facts:
        in_window = any(
            f.received >= s.received
            and (f.received - s.received).days < window
            and sum(1 for g in facts if 0 <= (g.received - s.received).days < window) >= threshold
            for s in facts
        )
        assert (f.petition_id in members) is in_window
