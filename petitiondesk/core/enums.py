"""Stable vocabularies of the domain.

Values are stable English keywords (stored in the database and printed by the CLI);
``label`` gives the Chinese text the clerk sees.
"""

from __future__ import annotations

from enum import StrEnum


class LabeledEnum(StrEnum):
    """A StrEnum whose members carry a Chinese label (registered with ``_register``)."""

    @property
    def label(self) -> str:
        return _LABELS.get(type(self), {}).get(self.value, self.value)

    @classmethod
    def from_label(cls, label: str) -> LabeledEnum:
        for member in cls:
            if member.label == label:
                return member
        raise ValueError(f"unknown {cls.__name__} label: {label!r}")


_LABELS: dict[type[LabeledEnum], dict[str, str]] = {}


def _register(enum: type[LabeledEnum], labels: dict[str, str]) -> None:
    missing = {m.value for m in enum} - labels.keys()
    assert not missing, f"{enum.__name__} lacks labels for {missing}"
    _LABELS[enum] = labels


class Channel(LabeledEnum):
    VISIT = "visit"
    LETTER = "letter"
    PHONE = "phone"
    ONLINE = "online"


_register(
    Channel,
    {
        "visit": "走访",
        "letter": "来信",
        "phone": "来电",
        "online": "网上",
    },
)


class Sex(LabeledEnum):
    MALE = "male"
    FEMALE = "female"
    UNKNOWN = "unknown"


_register(Sex, {"male": "男", "female": "女", "unknown": "未知"})


class CaseStatus(LabeledEnum):
    """Lifecycle of a petition (信访事项). Order follows the workflow."""

    REGISTERED = "registered"  # 已登记
    ACCEPTED = "accepted"  # 已受理
    REJECTED = "rejected"  # 不予受理
    FORWARDED = "forwarded"  # 已转送其他机关
    REFERRED = "referred"  # 已交办/转办
    REREFER = "rerefer"  # 承办单位回退，待重新交办
    ANSWERED = "answered"  # 承办单位已答复，待办结
    CLOSED = "closed"  # 已办结
    IN_REVIEW = "in_review"  # 复查/复核中
    FINAL = "final"  # 复核终结: not accepted again on the same facts (Art. 36)
    ARCHIVED = "archived"  # 已归档


_register(
    CaseStatus,
    {
        "registered": "已登记",
        "accepted": "已受理",
        "rejected": "不予受理",
        "forwarded": "已转送",
        "referred": "已交办",
        "rerefer": "待重新交办",
        "answered": "已答复",
        "closed": "已办结",
        "in_review": "复查复核中",
        "final": "复核终结",
        "archived": "已归档",
    },
)


class AcceptanceDecision(LabeledEnum):
    ACCEPT = "accept"
    REJECT = "reject"
    FORWARD = "forward"


_register(
    AcceptanceDecision,
    {
        "accept": "受理",
        "reject": "不予受理",
        "forward": "转送其他机关",
    },
)


class RejectionReason(LabeledEnum):
    LITIGATION = "litigation"  # 应通过诉讼、仲裁、行政复议等法定途径解决
    REVIEW_CONCLUDED = "review_concluded"  # 已复核终结且无新事实
    OTHER_BODY = "other_body"  # 不属于本机关职权范围


_register(
    RejectionReason,
    {
        "litigation": "应当通过诉讼、仲裁、行政复议等法定途径解决",
        "review_concluded": "已经复核终结且无新的事实和理由",
        "other_body": "不属于本机关职权范围",
    },
)


class DepartmentKind(LabeledEnum):
    INTERNAL = "internal"  # 科室（交办）
    EXTERNAL = "external"  # 外单位（转送）


_register(DepartmentKind, {"internal": "内设科室", "external": "外单位"})


class ReferralKind(LabeledEnum):
    ASSIGN = "assign"  # 交办
    FORWARD = "forward"  # 转送/转办


_register(ReferralKind, {"assign": "交办", "forward": "转送"})


class ReferralStatus(LabeledEnum):
    OPEN = "open"
    ANSWERED = "answered"
    CLOSED = "closed"
    OBJECTED = "objected"  # the lead unit objected (回退, Art. 23); the case is re-referred


_register(
    ReferralStatus,
    {
        "open": "办理中",
        "answered": "已答复",
        "closed": "已办结",
        "objected": "已回退",
    },
)


class CaseSource(LabeledEnum):
    """Where a case came from: the office's own register, or a body above it."""

    OWN = "own"
    ABOVE_ASSIGN = "above_assign"  # 上级交办
    ABOVE_FORWARD = "above_forward"  # 上级转送
    LEADER_MEMO = "leader_memo"  # 领导批示件
    HOTLINE = "hotline"  # 12345 热线转办单


_register(
    CaseSource,
    {
        "own": "本级受理",
        "above_assign": "上级交办",
        "above_forward": "上级转送",
        "leader_memo": "领导批示件",
        "hotline": "12345热线转办",
    },
)


class UrgeMethod(LabeledEnum):
    """How a referral was urged (催办)."""

    PHONE = "phone"
    SLIP = "slip"
    OTHER = "other"


_register(UrgeMethod, {"phone": "电话", "slip": "催办单", "other": "其他"})


class DueState(LabeledEnum):
    """Where an open deadline stands on a given day (the supervision board)."""

    OVERDUE = "overdue"
    DUE_SOON = "due_soon"
    NORMAL = "normal"


_register(DueState, {"overdue": "已超期", "due_soon": "即将到期", "normal": "正常"})


class SupervisionStatus(LabeledEnum):
    """A supervision slip (督办单): issued → every copy back → closed (unit reported and
    every copy back: 存档销案 may follow) → archived (by the closure step)."""

    ISSUED = "issued"
    RETURNED = "returned"
    CLOSED = "closed"
    ARCHIVED = "archived"


_register(
    SupervisionStatus,
    {
        "issued": "督办中",
        "returned": "回执已齐，待报结果",
        "closed": "督办办结，可存档销案",
        "archived": "已存档销案",
    },
)


class SupervisionRole(LabeledEnum):
    """The standing recipients of a 督办单 (八单督办, seed 000 篇3); offices add more in
    their settings (free text)."""

    PARTY_SECRETARY = "party_secretary"
    DEPUTY_SECRETARY = "deputy_secretary"
    COUNTY_HEAD = "county_head"
    DEPUTY_HEAD = "deputy_head"
    DISCIPLINE_SECRETARY = "discipline_secretary"
    ORGANISATION_HEAD = "organisation_head"
    RESPONSIBLE_UNIT = "responsible_unit"


_register(
    SupervisionRole,
    {
        "party_secretary": "县委书记",
        "deputy_secretary": "主管副书记",
        "county_head": "县长",
        "deputy_head": "主管副县长",
        "discipline_secretary": "纪委书记",
        "organisation_head": "组织部长",
        "responsible_unit": "责任单位",
    },
)


class Satisfaction(LabeledEnum):
    SATISFIED = "satisfied"
    BASICALLY = "basically"
    UNSATISFIED = "unsatisfied"
    NOT_ASKED = "not_asked"


_register(
    Satisfaction,
    {
        "satisfied": "满意",
        "basically": "基本满意",
        "unsatisfied": "不满意",
        "not_asked": "未评价",
    },
)


class ReviewLevel(LabeledEnum):
    REVIEW = "review"  # 复查
    RE_REVIEW = "re_review"  # 复核


_register(ReviewLevel, {"review": "复查", "re_review": "复核"})


class OpinionDecision(LabeledEnum):
    """The decision of a 信访处理意见书 (Art. 32): support, explain, or not support."""

    SUPPORT = "support"
    EXPLAIN = "explain"
    NOT_SUPPORT = "not_support"


_register(OpinionDecision, {"support": "支持", "explain": "解释说明", "not_support": "不予支持"})


class DeliveryMethod(LabeledEnum):
    """How the written opinion reached the petitioner (送达)."""

    IN_PERSON = "in_person"  # signed for by the petitioner
    REGISTERED_MAIL = "registered_mail"  # tracking number, posting date, receipt date
    OTHER = "other"  # another recorded method (described in a note)


_register(
    DeliveryMethod,
    {"in_person": "直接送达", "registered_mail": "挂号邮寄", "other": "其他方式"},
)


class SurveyMethod(LabeledEnum):
    """How the petitioner's satisfaction was asked (满意度回访)."""

    PHONE = "phone"
    IN_PERSON = "in_person"
    FORM = "form"
    ONLINE = "online"
    OTHER = "other"


_register(
    SurveyMethod,
    {"phone": "电话", "in_person": "当面", "form": "回访单", "online": "网上", "other": "其他"},
)


class ReviewOutcome(LabeledEnum):
    """The decision of a 复查 / 复核 on the decision below it."""

    UPHOLD = "uphold"
    REVOKE = "revoke"
    CHANGE = "change"


_register(ReviewOutcome, {"uphold": "维持", "revoke": "撤销", "change": "变更"})


class DayUnit(LabeledEnum):
    CALENDAR = "calendar"
    WORKDAY = "workday"


_register(DayUnit, {"calendar": "自然日", "workday": "工作日"})


class ReceptionRuleKind(LabeledEnum):
    WEEKDAY = "weekday"  # 每周某日
    NTH_WEEKDAY = "nth_weekday"  # 每月第n个星期几
    EVERY_WORKDAY = "every_workday"  # 每个工作日轮流
    FIRST_WEEK = "first_week"  # 每月第一周周一至周五


_register(
    ReceptionRuleKind,
    {
        "weekday": "每周固定日",
        "nth_weekday": "每月第几个星期几",
        "every_workday": "每个工作日轮流",
        "first_week": "每月第一周周一至周五",
    },
)


class DayOffPolicy(LabeledEnum):
    SKIP = "skip"
    NEXT = "next"  # 顺延
    PREVIOUS = "previous"  # 提前


_register(DayOffPolicy, {"skip": "取消", "next": "顺延", "previous": "提前"})


class RosterChangeKind(LabeledEnum):
    """A change to a reception slot's leader (排班变更)."""

    SUBSTITUTE = "substitute"  # 替班
    SWAP = "swap"  # 调换
    FILL_NEXT = "fill_next"  # 按值班顺序依次递补


_register(
    RosterChangeKind,
    {"substitute": "替班", "swap": "调换", "fill_next": "依次递补"},
)


class PlanSkipKind(LabeledEnum):
    """Why a rule's nominal reception day was left out of a roster plan."""

    DAY_OFF = "day_off"  # a day off and the rule says 取消
    COLLISION = "collision"  # moved onto a date the rule already uses
    TOO_FAR = "too_far"  # no working day near enough to move to


_register(
    PlanSkipKind,
    {
        "day_off": "遇节假日取消",
        "collision": "顺延或提前后与已有接待日重复",
        "too_far": "无法顺延或提前",
    },
)


class AppointmentKind(LabeledEnum):
    APPOINTMENT = "appointment"  # 预约
    WALK_IN = "walk_in"  # 现场排队


_register(AppointmentKind, {"appointment": "预约", "walk_in": "现场"})


class AppointmentStatus(LabeledEnum):
    BOOKED = "booked"  # waiting to be received
    SEEN = "seen"
    NO_SHOW = "no_show"
    CANCELLED = "cancelled"


_register(
    AppointmentStatus,
    {
        "booked": "待接待",
        "seen": "已接待",
        "no_show": "未到",
        "cancelled": "已取消",
    },
)


class ReferralEvent(LabeledEnum):
    """One step in the history of a case's referrals (services.referrals.history)."""

    REFERRED = "referred"
    RECEIVED = "received"
    OBJECTED = "objected"
    URGED = "urged"
    EXTENDED = "extended"
    SUPERVISED = "supervised"
    SLIP_RETURNED = "slip_returned"
    REPORTED = "reported"
    REPORTED_TO_SOURCE = "reported_to_source"


_register(
    ReferralEvent,
    {
        "referred": "交办",
        "received": "签收",
        "objected": "回退",
        "urged": "催办",
        "extended": "延期",
        "supervised": "督办",
        "slip_returned": "督办回执",
        "reported": "报送办理结果",
        "reported_to_source": "向来源单位报结",
    },
)
