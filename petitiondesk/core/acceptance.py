"""Acceptance (受理 / 不予受理 / 转送) rules and the wording of the written notice.

Within 15 days of receiving a petition the office tells the petitioner in writing
whether and how it is handled (《信访工作条例》2022 第二十三条, see DOMAIN.md §3). Not
accepted: matters for courts, arbitration or administrative review (第二十九条: they go
by the legal procedures); matters already re-reviewed (复核终结) with no new facts
(第三十六条); matters of another body — then the petitioner is told where to go, or the
office forwards the matter there (第二十二条). :data:`BASIS_ARTICLES` maps each decision
and reason to the article its notice cites.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Final

from petitiondesk.core.datetext import chinese_date as chinese_date  # importable here too
from petitiondesk.core.enums import AcceptanceDecision, RejectionReason

#: Paragraph indent of the letter: two ideographic spaces (公文 style).
INDENT: Final = "\u3000\u3000"
_STATUTE: Final = "《信访工作条例》"
#: The article a notice cites, by (decision, reason): 22 = register and forward / refer
#: within 15 days; 23 = written notice of acceptance within 15 days; 29 = matters for
#: legal procedures (诉讼、仲裁、行政复议) go there; 36 = not accepted again after 复核.
BASIS_ARTICLES: Final[dict[tuple[AcceptanceDecision, RejectionReason | None], str]] = {
    (AcceptanceDecision.ACCEPT, None): f"{_STATUTE}第二十三条",
    (AcceptanceDecision.FORWARD, None): f"{_STATUTE}第二十二条",
    (AcceptanceDecision.FORWARD, RejectionReason.OTHER_BODY): f"{_STATUTE}第二十二条",
    (AcceptanceDecision.REJECT, RejectionReason.LITIGATION): f"{_STATUTE}第二十九条",
    (AcceptanceDecision.REJECT, RejectionReason.REVIEW_CONCLUDED): f"{_STATUTE}第三十六条",
    (AcceptanceDecision.REJECT, RejectionReason.OTHER_BODY): f"{_STATUTE}第二十二条",
}
#: The titles of the three notices: one pattern, 信访事项…告知书.
NOTICE_TITLES: Final = {
    AcceptanceDecision.ACCEPT: "信访事项受理告知书",
    AcceptanceDecision.REJECT: "信访事项不予受理告知书",
    AcceptanceDecision.FORWARD: "信访事项转送告知书",
}

MSG_REASON_REQUIRED: Final = "不予受理须选择理由"
MSG_REASON_NOT_FOR_ACCEPT: Final = "受理决定不填写不予受理理由"
MSG_REASON_NOT_FOR_FORWARD: Final = "转送只适用于不属于本机关职权范围的事项"
MSG_BODY_FOR_OTHER: Final = "请填写有权处理的机关（告知信访人向哪里提出）"
MSG_BODY_FOR_FORWARD: Final = "请填写转送的机关"
MSG_BODY_NOT_FOR_ACCEPT: Final = "受理决定不填写转去的机关"
MSG_BODY_NOT_FOR_CONCLUDED: Final = "复核终结的事项不告知其他去向，请清空机关名称"
MSG_BEFORE_RECEIVED: Final = "决定日期不能早于收到信访事项的日期"
MSG_FUTURE: Final = "决定日期不能晚于今天"
MAX_BODY_CHARS: Final = 200


def check_acceptance(
    decision: AcceptanceDecision,
    reason: RejectionReason | None,
    redirect_body: str,
    decided_on: date,
    received_on: date,
    today: date,
) -> dict[str, str]:
    """Problems with an acceptance decision, per field (``decision``, ``reason``,
    ``redirect_body``, ``decided_on``); empty when it may be recorded."""
    errors: dict[str, str] = {}
    body = redirect_body.strip()
    if decided_on < received_on:
        errors["decided_on"] = f"{MSG_BEFORE_RECEIVED}（{received_on.isoformat()}）"
    elif decided_on > today:
        errors["decided_on"] = MSG_FUTURE
    if decision is AcceptanceDecision.ACCEPT:
        if reason is not None:
            errors["reason"] = MSG_REASON_NOT_FOR_ACCEPT
        if body:
            errors["redirect_body"] = MSG_BODY_NOT_FOR_ACCEPT
    elif decision is AcceptanceDecision.REJECT:
        if reason is None:
            errors["reason"] = MSG_REASON_REQUIRED
        elif reason is RejectionReason.OTHER_BODY and not body:
            errors["redirect_body"] = MSG_BODY_FOR_OTHER
        elif reason is RejectionReason.REVIEW_CONCLUDED and body:
            errors["redirect_body"] = MSG_BODY_NOT_FOR_CONCLUDED
    else:  # FORWARD
        if reason not in (None, RejectionReason.OTHER_BODY):
            errors["reason"] = MSG_REASON_NOT_FOR_FORWARD
        if not body:
            errors["redirect_body"] = MSG_BODY_FOR_FORWARD
    if len(body) > MAX_BODY_CHARS and "redirect_body" not in errors:
        errors["redirect_body"] = f"机关名称不能超过{MAX_BODY_CHARS}个字"
    return errors


def basis_article(decision: AcceptanceDecision, reason: RejectionReason | None) -> str:
    """The article of the statute the notice of ``decision`` (for ``reason``) cites."""
    return BASIS_ARTICLES[(decision, reason)]


@dataclass(frozen=True)
class NoticeText:
    """What the notice says: its title, the decision, the legal basis with the ground,
    where to go instead, and the letter itself."""

    title: str
    decision: str
    basis: str
    redirect: str
    body: str


def notice_text(
    *,
    decision: AcceptanceDecision,
    reason: RejectionReason | None,
    redirect_body: str,
    name: str,
    received_on: date,
    channel_label: str,
    register_no: str,
    handling_days: int = 60,
) -> NoticeText:
    """The wording of the 受理告知书 / 不予受理告知书 / 转送告知书 for one decision."""
    body_name = redirect_body.strip()
    article = basis_article(decision, reason)
    title = NOTICE_TITLES[decision]
    opening = (
        f"{name or '信访人'}：\n"
        f"{INDENT}你于{chinese_date(received_on)}以{channel_label}形式提出的信访事项"
        f"（登记号 {register_no}）本机关已收悉。"
    )
    closing = f"\n{INDENT}特此告知。"
    if decision is AcceptanceDecision.ACCEPT:
        text = (
            f"经审查，该事项属于本机关职权范围，根据{article}的规定，本机关决定予以受理。"
            f"本机关将依法办理，自受理之日起{handling_days}日内办结，并出具书面答复意见。"
        )
        return NoticeText(title, decision.label, article, "", f"{opening}{text}{closing}")
    if decision is AcceptanceDecision.FORWARD:
        ground = RejectionReason.OTHER_BODY.label
        text = (
            f"经审查，该事项{ground}，应由{body_name}处理。根据{article}的规定，"
            f"本机关决定将该信访事项转送{body_name}办理，请你向{body_name}了解办理情况。"
        )
        return NoticeText(
            title, decision.label, f"{article}（{ground}）", body_name, f"{opening}{text}{closing}"
        )
    assert reason is not None, "a rejection needs its reason"
    ground = reason.label
    if reason is RejectionReason.LITIGATION:
        where = body_name or "有权处理的人民法院、仲裁机构或者行政复议机关"
        text = (
            f"经审查，你反映的问题{ground}。根据{article}的规定，本机关不予受理。"
            f"请你依照有关法律、行政法规规定的程序向{where}提出。"
        )
    elif reason is RejectionReason.REVIEW_CONCLUDED:
        where = body_name
        text = f"经审查，该信访事项{ground}。根据{article}的规定，本机关不再受理。"
    else:
        where = body_name
        text = f"经审查，该事项{ground}。根据{article}的规定，本机关不予受理。请你向{where}提出。"
    return NoticeText(
        title, decision.label, f"{article}（{ground}）", where, f"{opening}{text}{closing}"
    )
