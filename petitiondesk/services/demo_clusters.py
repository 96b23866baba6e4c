"""Demo clusters and screened disputes (called from :mod:`petitiondesk.services.demo`).

* :func:`plan_clusters` swaps the oldest received times for recent ones and says which of
  them tell a clustered matter: six petitions about 新华社区的通村公路 in the last weeks
  (one a group visit, one 越级 — a 重点 cluster) and three about 前进村的土地流转 (关注).
  The number of petitions stays the same and register numbers still follow time.
* :func:`apply_cluster` turns the petition made for such a time into its matter.
* :func:`add_demo_disputes` records three screened disputes (矛盾纠纷排查台账): two this
  month (high risk 化解中, medium 已稳控) and one of last month, resolved.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy.orm import Session

from petitiondesk.core.disputes import DisputeStatus, RiskLevel, month_start
from petitiondesk.core.enums import Channel
from petitiondesk.core.workcalendar import WorkCalendar
from petitiondesk.store.models import Dispute, IssueCategory, Leader, Petition, Representative

#: Fewer visits than this: no clusters (they would crowd a tiny demo).
MIN_VISITS = 100  # the small demos of the tests keep their plain register


@dataclass(frozen=True)
class ClusterCase:
    category: str
    place: str
    summary: str
    demands: str
    people: int = 1
    skipped_level: bool = False


_ROAD_PLACE = "青山县城关镇新华社区"
_ROAD = (
    ClusterCase(
        "城乡建设",
        _ROAD_PLACE,
        "反映新华社区通村公路年久失修，坑洼不平，雨天无法通行。",
        "要求尽快修复通村公路",
    ),
    ClusterCase(
        "城乡建设",
        _ROAD_PLACE + "二组",
        "反映通村公路路面塌陷，校车绕行，学生上学不便。",
        "要求修复通村公路路面",
    ),
    ClusterCase(
        "城乡建设",
        _ROAD_PLACE,
        "再次反映新华社区通村公路损坏严重，多次反映无人维修。",
        "要求明确维修时间",
    ),
    ClusterCase(
        "城乡建设",
        _ROAD_PLACE,
        "新华社区村民集体反映通村公路修缮资金去向不明，道路至今未修。",
        "要求公开修缮资金使用情况并尽快修路",
        people=15,
    ),  # fmt: skip
    ClusterCase(
        "城乡建设",
        _ROAD_PLACE + "三组",
        "反映通村公路坑洼积水，夜间多次发生摔伤。",
        "要求修复并设置警示标志",
    ),
    ClusterCase(
        "城乡建设",
        _ROAD_PLACE,
        "反映通村公路问题向镇里反映未果，已到市信访局反映。",
        "要求县里督促修复通村公路",
        skipped_level=True,
    ),  # fmt: skip
)
_LAND = (
    ClusterCase(
        "农村农业",
        "青山县河口镇前进村",
        "反映前进村土地流转合同到期后承包方不退还土地。",
        "要求收回承包地",
    ),
    ClusterCase(
        "农村农业",
        "青山县河口镇前进村五组",
        "反映土地流转租金拖欠两年未付，承包方拒不退地。",
        "要求支付租金并退还土地",
    ),
    ClusterCase(
        "农村农业",
        "青山县河口镇前进村",
        "反映前进村土地流转承包方改变土地用途，合同到期不退还土地。",
        "要求恢复耕地并退还",
    ),
)
#: Days before today of each clustered petition (oldest first).
_ROAD_DAYS = (24, 19, 15, 11, 6, 3)
_LAND_DAYS = (21, 13, 8)


def _office_time(calendar: WorkCalendar, day: date, hour: int) -> datetime:
    while calendar.is_covered(day) and not calendar.is_workday(day):
        day -= timedelta(days=1)
    return datetime.combine(day, time(hour, 20))


def plan_clusters(
    stamps: list[datetime], now: datetime, calendar: WorkCalendar
) -> tuple[list[datetime], dict[datetime, ClusterCase]]:
    """``stamps`` with their oldest times swapped for the clustered petitions' times (as
    many as before, in order), and the matter told at each of those times."""
    if len(stamps) < MIN_VISITS:
        return stamps, {}
    plan: dict[datetime, ClusterCase] = {}
    for cases, days, hour in ((_ROAD, _ROAD_DAYS, 9), (_LAND, _LAND_DAYS, 15)):
        for case, back in zip(cases, days, strict=True):
            at = _office_time(calendar, (now - timedelta(days=back)).date(), hour)
            while at in plan or at in stamps:
                at += timedelta(minutes=7)
            plan[at] = case
    kept = sorted(stamps)[len(plan) :]
    return sorted([*kept, *plan]), plan


def apply_cluster(
    session: Session, petition: Petition, case: ClusterCase, leaders: list[Leader]
) -> None:
    """Make ``petition`` tell ``case`` (a group visit comes in person with its
    representatives; everything else keeps its channel as one person)."""
    category = session.query(IssueCategory).filter_by(name=case.category).one_or_none()
    petition.category = category
    petition.place, petition.summary, petition.demands = case.place, case.summary, case.demands
    petition.skipped_level = case.skipped_level
    petition.people_count, petition.is_group = case.people, case.people >= 5
    petition.representatives.clear()
    if petition.is_group:
        petition.channel = Channel.VISIT
        petition.letter_date, petition.postmark = None, ""
        petition.duty_leader = leaders[0] if leaders else None
        for position, name in enumerate(("王建军", "李秀兰", "张德福"), start=1):
            petition.representatives.append(Representative(position=position, name=name))


def add_demo_disputes(session: Session, now: datetime) -> None:
    """Three screened disputes (see the module)."""
    this_month = month_start(now.date())
    last_month = month_start(this_month - timedelta(days=1))
    session.add_all(
        [
            Dispute(
                month=this_month, place="城关镇新华社区",
                matter="通村公路长期失修，村民多次集体反映，并有越级上访苗头",
                parties="新华社区村民代表王建军等15人", people_count=15, risk=RiskLevel.HIGH,
                leader="张建国", unit="城关镇人民政府、县交通运输局", person="刘强",
                deadline=this_month + timedelta(days=27), status=DisputeStatus.OPEN,
                notes="已约谈村民代表，县交通运输局已派员勘查路面",
            ),
            Dispute(
                month=this_month, place="河口镇前进村",
                matter="土地流转合同到期，承包方拒不退地，拖欠租金",
                parties="前进村五组村民及承包方某农业公司", people_count=8,
                risk=RiskLevel.MEDIUM, leader="李红梅", unit="河口镇人民政府", person="陈明",
                deadline=this_month + timedelta(days=40), status=DisputeStatus.CONTROLLED,
                notes="镇司法所已组织双方调解一次，承包方同意分期支付租金",
            ),
            Dispute(
                month=last_month, place="石桥镇张庄村",
                matter="宅基地边界争议，两户多次发生口角", parties="张某、赵某两户",
                people_count=2, risk=RiskLevel.LOW, leader="李红梅", unit="张庄村委会",
                person="周静", deadline=last_month + timedelta(days=20),
                status=DisputeStatus.RESOLVED, resolved_on=last_month + timedelta(days=12),
                notes="村调委会现场丈量，双方签订调解协议",
            ),
        ]
    )  # fmt: skip
