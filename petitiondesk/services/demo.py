"""Realistic demo data: leaders, departments, a reception rule and N visits over past years.

Deterministic for a given seed. Grows with the program: every state the register knows
is represented.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date, datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from petitiondesk.core.deadlines import DeadlineRule as CoreDeadlineRule
from petitiondesk.core.deadlines import due_date
from petitiondesk.core.docno import format_doc_no
from petitiondesk.core.enums import (
    AcceptanceDecision,
    CaseStatus,
    Channel,
    DayOffPolicy,
    DepartmentKind,
    ReceptionRuleKind,
    RejectionReason,
    Sex,
)
from petitiondesk.core.idcard import id_check_digit
from petitiondesk.core.registerno import format_register_no
from petitiondesk.core.workcalendar import WorkCalendar
from petitiondesk.services.demo_issues import ISSUES
from petitiondesk.store.counters import allocate_doc_seq, allocate_register_seq
from petitiondesk.store.db import Database
from petitiondesk.store.models import (
    AuditLog,
    ConversationRecord,
    DeadlineRule,
    Department,
    IssueCategory,
    Leader,
    OfficeSettings,
    Petition,
    Petitioner,
    ReceptionRule,
    Representative,
)

from . import audit
from .acceptance import NOTICE_KIND
from .accounts import add_demo_accounts
from .bootstrap import seed_defaults
from .calendar import load_calendar
from .demo_closure import add_demo_closures
from .demo_clusters import ClusterCase, add_demo_disputes, apply_cluster, plan_clusters
from .demo_referrals import add_demo_referrals

OFFICE_NAME = "青山县信访局"
COUNTY_CODE = "410122"  # the demo county's administrative division code
COUNTY = "青山县"

LEADERS = (
    ("张建国", "局长", "13903710001", ("城乡建设", "国土资源")),
    ("李红梅", "副局长", "13903710002", ("劳动社保", "民政事务", "企业改制")),
    ("王志强", "副局长", "13903710003", ("农村农业", "生态环境", "交通运输")),
    ("陈晓东", "副局长", "13903710004", ("教育文体", "卫生健康", "商贸市场")),
    ("刘文华", "纪检组长", "13903710005", ("纪检监察", "政法治安")),
)

INTERNAL = ("办公室", "信访科", "督查科", "法规科", "综合科", "群众工作科")
# The department that handles each kind of matter: leaders' instructions and forwarded
# matters go there.
CATEGORY_UNITS: dict[str, str] = {
    "城乡建设": "青山县住房和城乡建设局",
    "国土资源": "青山县自然资源局",
    "劳动社保": "青山县人力资源和社会保障局",
    "农村农业": "青山县农业农村局",
    "卫生健康": "青山县卫生健康委员会",
    "教育文体": "青山县教育局",
    "民政事务": "青山县民政局",
    "政法治安": "青山县公安局",
    "纪检监察": "青山县纪委监委",
    "企业改制": "青山县工业和信息化局",
    "生态环境": "青山县生态环境分局",
    "交通运输": "青山县交通运输局",
    "商贸市场": "青山县市场监督管理局",
    "其他": "青山县退役军人事务局",
}
EXTERNAL = (*dict.fromkeys(CATEGORY_UNITS.values()), "城关镇人民政府", "河口镇人民政府")
FALLBACK_UNIT = "城关镇人民政府"

# The leaders' reception day (接待日): every Monday, these hours.
RECEPTION_WEEKDAY = 0
RECEPTION_SLOTS = ((time(8, 30), time(12, 0)), (time(14, 30), time(17, 30)))
RECEPTION_PLACE = "县信访局一楼接待大厅"
# Visits registered today (the window's 今日登记 is not empty after loading the demo).
TODAY_VISITS = 3

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾萧田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史黎贺顾毛郝龚邵万钱覃武戴孔汤庞樊兰殷施陶洪翟安颜倪严牛温芦季俞章鲁葛伍申尤毕聂柴焦向柳邢岳齐梅莫庄辛管祝左涂谷时"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英建华文辉玉兰志强海燕红梅国庆德福春生金花淑珍建国秋菊凤英永明桂芳文斌丽华小红建军振华"
TOWNS = ("城关镇", "河口镇", "石桥镇", "柳林乡", "白沙镇", "东风乡", "青龙镇", "南湖街道")
VILLAGES = ("张庄村", "李家湾村", "前进村", "新华社区", "后河村", "红星村", "大王庄村", "幸福社区")

OFFICERS = ("赵丽", "孙明", "周静")

# Conversation records (接谈记录) of reception-day visits: what the visitor said, what
# the leader asked and decided.
CONVERSATION_OPENINGS = (
    "来访人陈述：{summary}",
    "来访人反映：{summary}情况已持续较长时间，曾多次向有关部门反映未果。",
)
CONVERSATION_QUESTIONS = (
    "{leader}询问了事情经过及已向哪些部门反映，来访人出示了相关材料复印件。",
    "{leader}询问了具体诉求和相关证据，来访人表示可以补充提供书面材料。",
    "{leader}听取陈述后，就有关政策规定向来访人作了解释。",
)
INSTRUCTIONS = (
    "请{unit}于10个工作日内调查核实，提出处理意见，书面答复来访人，并报信访局备案。",
    "由{unit}牵头会同相关单位核查，依法依规处理，15日内将办理情况报送信访局。",
    "请{unit}当面向来访人解释政策，做好疏导工作，并将结果报信访局。",
)


def _id_number(rng: random.Random, birth: date, male: bool) -> str:
    order = rng.randrange(0, 500) * 2 + (1 if male else 0)
    body = f"{COUNTY_CODE}{birth:%Y%m%d}{order:03d}"
    return body + id_check_digit(body)


def _person(rng: random.Random) -> Petitioner:
    male = rng.random() < 0.6
    birth = date(1945, 1, 1) + timedelta(days=rng.randrange(0, 365 * 55))
    name = rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))
    return Petitioner(
        name=name,
        sex=Sex.MALE if male else Sex.FEMALE,
        id_number=_id_number(rng, birth, male),
        birth_date=birth,
        phone="1" + rng.choice("3589") + "".join(rng.choice("0123456789") for _ in range(9)),
        address=f"{COUNTY}{rng.choice(TOWNS)}{rng.choice(VILLAGES)}{rng.randrange(1, 120)}号",
        work_unit=rng.choice(("", "", "务农", "个体经营", "县机械厂（已改制）", "退休")),
    )


def _ensure_reference(session: Session) -> None:
    seed_defaults(session)
    office = session.get(OfficeSettings, 1)
    assert office is not None
    office.name = OFFICE_NAME
    office.letterhead = OFFICE_NAME
    office.doc_prefix = "青信"
    office.address = "青山县人民路18号"
    office.phone = "0371-62345678"
    office.default_receiving_officer = OFFICERS[0]
    office.demo_offer_answered = True
    office.fonds_no = office.fonds_no or "J047"  # 全宗号 and office code: the archive needs them
    office.archive_org_code = office.archive_org_code or "XF"
    categories = {c.name: c for c in session.scalars(select(IssueCategory))}
    if session.scalar(select(Leader.id).limit(1)) is None:
        for order, (name, title, phone, portfolio) in enumerate(LEADERS, start=1):
            session.add(
                Leader(
                    name=name,
                    title=title,
                    phone=phone,
                    rotation_order=order,
                    categories=[categories[c] for c in portfolio if c in categories],
                )
            )
    if session.scalar(select(Department.id).limit(1)) is None:
        for name in INTERNAL:
            session.add(Department(name=name, kind=DepartmentKind.INTERNAL))
        for name in EXTERNAL:
            session.add(Department(name=name, kind=DepartmentKind.EXTERNAL))
    if session.scalar(select(ReceptionRule.id).limit(1)) is None:
        session.add(
            ReceptionRule(
                name="每周一领导接待日",
                kind=ReceptionRuleKind.WEEKDAY,
                weekday=RECEPTION_WEEKDAY,
                slots=";".join(f"{a:%H:%M}-{b:%H:%M}" for a, b in RECEPTION_SLOTS),
                place=RECEPTION_PLACE,
                on_day_off=DayOffPolicy.SKIP,
                capacity=12,
            )
        )
    session.flush()


def _received_stamps(
    rng: random.Random, calendar: WorkCalendar, now: datetime, start: datetime, visits: int
) -> list[datetime]:
    """Received times on working days, office hours, in order (numbers follow time)."""
    stamps = _today_stamps(now, min(visits, TODAY_VISITS))
    span_days = max((now - start).days, 1)
    while len(stamps) < visits:
        day = (start + timedelta(days=rng.randrange(0, span_days + 1))).date()
        if calendar.is_covered(day) and not calendar.is_workday(day):
            continue
        at = datetime.combine(
            day, time(rng.choice((8, 9, 10, 11, 14, 15, 16, 17)), rng.randrange(0, 60))
        )
        if at <= now:
            stamps.append(at)
    stamps.sort()
    return stamps


def _petition(
    session: Session,
    rng: random.Random,
    person: Petitioner,
    received: datetime,
    category_name: str,
    category: IssueCategory | None,
    leaders: list[Leader],
) -> Petition:
    """A registered petition of ``person`` (numbered now), with representatives if a group."""
    summaries, demands = ISSUES[category_name]
    pick = rng.randrange(len(summaries))
    town, village = rng.choice(TOWNS), rng.choice(VILLAGES)
    channel = rng.choices(list(Channel), weights=(50, 25, 15, 10))[0]
    people_count = 1 if rng.random() < 0.85 else rng.randrange(2, 30)
    if channel is not Channel.VISIT:
        people_count = 1  # a group comes in person (集体访 is a visit)
    seq = allocate_register_seq(session, received.year)
    petition = Petition(
        register_no=format_register_no(received.year, seq),
        year=received.year,
        seq=seq,
        channel=channel,
        received_at=received,
        petitioner=person,
        people_count=people_count,
        category=category,
        place=f"{COUNTY}{town}{village}",
        summary=summaries[pick].format(town=town, village=village),
        demands=demands[min(pick, len(demands) - 1)],
        receiving_officer=rng.choice(OFFICERS),
        duty_leader=rng.choice(leaders) if channel is Channel.VISIT else None,
        letter_date=(received - timedelta(days=rng.randrange(2, 6))).date()
        if channel is Channel.LETTER
        else None,
        postmark=f"{COUNTY}邮政局" if channel is Channel.LETTER else "",
        is_group=people_count >= 5,
        skipped_level=rng.random() < 0.05,
        urgent=rng.random() < 0.05,
        confidential=category_name == "纪检监察",
        accused=f"{village}村委会" if category_name == "纪检监察" else "",
        acceptance_due=(received + timedelta(days=15)).date(),
        status=CaseStatus.REGISTERED,
    )
    if people_count >= 5:
        for position in range(1, min(5, people_count) + 1):
            rep = _person(rng)
            petition.representatives.append(
                Representative(position=position, name=rep.name, phone=rep.phone)
            )
    return petition


def _decide_acceptance(
    rng: random.Random, petition: Petition, received: datetime, category_name: str
) -> None:
    """Accept (most), reject or forward an older case, some days after it came in."""
    roll = rng.random()
    decided = (received + timedelta(days=rng.randrange(1, 12))).date()
    if roll < 0.8:
        petition.acceptance = AcceptanceDecision.ACCEPT
        petition.status = CaseStatus.ACCEPTED
    elif roll < 0.92:
        petition.acceptance = AcceptanceDecision.REJECT
        petition.rejection_reason = rng.choice(list(RejectionReason))
        petition.redirect_body = (
            "青山县人民法院" if petition.rejection_reason is RejectionReason.LITIGATION else ""
        )
        petition.status = CaseStatus.REJECTED
    else:
        petition.acceptance = AcceptanceDecision.FORWARD
        petition.redirect_body = CATEGORY_UNITS.get(category_name, FALLBACK_UNIT)
        petition.status = CaseStatus.FORWARDED
    petition.acceptance_date = decided


def _add_petitions(
    session: Session,
    rng: random.Random,
    stamps: list[datetime],
    now: datetime,
    progress: Callable[[int], None] | None,
    clustered: dict[datetime, ClusterCase],
) -> None:
    """One petition per received time; a fifth come back (重复访, linked to the last);
    the ``clustered`` times tell their matter (:mod:`.demo_clusters`)."""
    leaders = list(session.scalars(select(Leader).order_by(Leader.rotation_order)))
    categories = {c.name: c for c in session.scalars(select(IssueCategory))}
    people: list[Petitioner] = []
    earlier_by_person: dict[int, Petition] = {}
    for index, received in enumerate(stamps, start=1):
        if people and rng.random() < 0.2:
            person = rng.choice(people)
        else:
            person = _person(rng)
            session.add(person)
            people.append(person)
        category_name = rng.choice(list(ISSUES))
        category = categories.get(category_name)
        petition = _petition(session, rng, person, received, category_name, category, leaders)
        if (case := clustered.get(received)) is not None:
            apply_cluster(session, petition, case, leaders)
            category_name = case.category
        session.add(petition)
        session.flush()
        assert person.id is not None
        previous = earlier_by_person.get(person.id)
        if previous is not None:
            petition.repeat_of = previous
        earlier_by_person[person.id] = petition
        if (now - received).days > 20:  # older cases have had their acceptance decided
            _decide_acceptance(rng, petition, received, category_name)
        if progress is not None and index % 500 == 0:
            progress(index)


def load_demo(
    db: Database,
    *,
    visits: int = 200,
    seed: int = 1,
    years: int = 3,
    now: datetime | None = None,
    progress: Callable[[int], None] | None = None,
) -> int:
    """Add ``visits`` demo petitions received over the past ``years``; returns how many."""
    if visits < 0:
        raise ValueError("visits must be >= 0")
    rng = random.Random(seed)
    now = (now or datetime.now()).replace(second=0, microsecond=0)
    start = now - timedelta(days=365 * years)
    with db.write() as session:
        _ensure_reference(session)
        calendar = load_calendar(session)
        stamps = _received_stamps(rng, calendar, now, start, visits)
        stamps, clustered = plan_clusters(stamps, now, calendar)
        _add_petitions(session, rng, stamps, now, progress, clustered)
        _add_acceptance_notices_and_conversations(session, seed, now, calendar)
        add_demo_referrals(session, now, calendar)
        add_demo_closures(session, now, calendar)
        add_demo_disputes(session, now)
        add_demo_accounts(session)
        audit.append(
            session,
            AuditLog(
                actor="demo",
                action="load_demo",
                entity="petition",
                summary=f"载入演示数据 {visits} 条（种子 {seed}）",
            ),
        )
    return visits


def _add_acceptance_notices_and_conversations(
    session: Session, seed: int, now: datetime, calendar: WorkCalendar
) -> None:
    """Notice numbers (gap-free per year, in decision order) and forward deadlines for
    the decided petitions, and conversation records for some reception-day visits.

    Uses its own random stream, so the petitions themselves stay exactly as the main
    stream of ``seed`` made them.
    """
    rng = random.Random(seed * 1_000_003 + 7)
    office = session.get(OfficeSettings, 1)
    prefix = office.doc_prefix if office else ""
    forward_rule = session.scalar(
        select(DeadlineRule).where(DeadlineRule.code == "forward_other_body")
    )
    petitions = list(session.scalars(select(Petition).order_by(Petition.id)))
    decided = sorted(
        (p for p in petitions if p.acceptance is not None and p.acceptance_date is not None),
        key=lambda p: (p.acceptance_date, p.received_at, p.id),
    )
    for p in decided:
        assert p.acceptance_date is not None
        year = p.acceptance_date.year
        p.notice_no = format_doc_no(prefix, year, allocate_doc_seq(session, NOTICE_KIND, year))
        if (now.date() - p.acceptance_date).days > 1:
            p.notice_printed_at = datetime.combine(p.acceptance_date, time(16, 0))
        if p.rejection_reason is RejectionReason.OTHER_BODY and not p.redirect_body:
            p.redirect_body = _unit(p)
        if p.acceptance is AcceptanceDecision.FORWARD:
            p.rejection_reason = RejectionReason.OTHER_BODY
            if forward_rule is not None:
                rule = CoreDeadlineRule(
                    forward_rule.days, forward_rule.unit, forward_rule.roll_to_workday
                )
                p.forward_due = due_date(calendar, p.acceptance_date, rule).due
    leaders = {leader.id: leader for leader in session.scalars(select(Leader))}
    for p in petitions:
        if p.channel is not Channel.VISIT or p.duty_leader_id is None or rng.random() >= 0.8:
            continue
        held = _reception_time(p.received_at, calendar, rng)
        if held is None or held > now:
            continue
        leader = leaders[p.duty_leader_id]
        who = f"{leader.name}{leader.title}"
        unit = _unit(p)
        content = "\n".join(
            (
                rng.choice(CONVERSATION_OPENINGS).format(summary=p.summary.rstrip("。")),
                rng.choice(CONVERSATION_QUESTIONS).format(leader=who),
                f"{who}表示将责成有关单位依法依规调查处理，并按期答复。",
            )
        )
        session.add(
            ConversationRecord(
                petition_id=p.id,
                leader_id=leader.id,
                held_at=held,
                place=RECEPTION_PLACE,
                attendees=f"{p.receiving_officer}（记录）；{rng.choice(INTERNAL)}负责人",
                content=content,
                leader_instruction=rng.choice(INSTRUCTIONS).format(unit=unit),
                recorder=p.receiving_officer,
            )
        )


def _unit(petition: Petition) -> str:
    """The department that handles the petition's kind of matter."""
    name = petition.category.name if petition.category is not None else ""
    return CATEGORY_UNITS.get(name, FALLBACK_UNIT)


def _today_stamps(now: datetime, count: int) -> list[datetime]:
    """``count`` registrations earlier today (never before midnight, never after now)."""
    midnight = datetime.combine(now.date(), time(0, 0))
    stamps = []
    for k in range(count):
        at = now - timedelta(minutes=20 + 35 * k)
        stamps.append(at if at >= midnight else min(midnight + timedelta(minutes=k), now))
    return stamps


def _reception_time(
    received: datetime, calendar: WorkCalendar, rng: random.Random
) -> datetime | None:
    """When a leader talks with a visitor received at ``received``: the same reception day,
    within reception hours, not before the visitor came; None if there is none."""
    day = received.date()
    if day.weekday() != RECEPTION_WEEKDAY or not calendar.is_workday(day):
        return None
    for start, end in RECEPTION_SLOTS:
        begin = max(received, datetime.combine(day, start))
        finish = datetime.combine(day, end)
        if begin < finish:
            minutes = int((finish - begin).total_seconds() // 60)
            return begin + timedelta(minutes=rng.randrange(0, min(minutes, 60) + 1))
    return None
