"""The printouts of the 办结 tab: 信访处理意见书 (two copies, 送达回证 on the office's),
办结单, 复查 / 复核意见书 — read back with pypdf, fonts embedded."""

from __future__ import annotations

import subprocess
from datetime import date, datetime
from pathlib import Path

import pytest

from petitiondesk.core.enums import ReviewLevel, ReviewOutcome, Satisfaction, SurveyMethod
from petitiondesk.services import closure
from petitiondesk.services.printouts import (
    print_closure_form,
    print_opinion,
    print_review_decision,
)
from petitiondesk.services.settings import ClosureSettings, update_closure_settings
from petitiondesk.store.db import Database
from tests.helpers import admin
from tests.services.closure.setup import CLERK, closed_case, own_case
from tests.services.printouts.case_setup import pages

OPINION_DAY = date(2026, 9, 1)
ROUTE = "如不服本处理意见，可自收到本意见书之日起30日内向青山县人民政府请求复查。"


def fonts_embedded(path: Path) -> None:
    listing = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True)
    rows = listing.stdout.splitlines()[2:]
    assert rows and all(" yes " in row for row in rows), listing.stdout


@pytest.fixture
def case(db: Database) -> str:
    update_closure_settings(
        db, ClosureSettings("答复意见书", "青山县人民政府", "青山市人民政府"), actor=admin()
    ).unwrap()
    return closed_case(db, OPINION_DAY)


def _reviewed(db: Database, number: str, *, rereview: bool) -> list[int]:
    first = closure.request_review(
        db, number, closure.ReviewInput(ReviewLevel.REVIEW, date(2026, 9, 10)),
        actor=CLERK, today=date(2026, 9, 10),
    ).unwrap()  # fmt: skip
    decided = closure.ReviewDecisionInput(
        ReviewOutcome.UPHOLD, "原处理意见事实清楚，予以维持。", date(2026, 9, 30),
        received_on=date(2026, 9, 30),
    )  # fmt: skip
    closure.decide_review(db, first.review_id, decided, actor=CLERK, today=date(2026, 9, 30))
    ids = [first.review_id]
    if rereview:
        second = closure.request_review(
            db, number, closure.ReviewInput(ReviewLevel.RE_REVIEW, date(2026, 10, 9)),
            actor=CLERK, today=date(2026, 10, 9),
        ).unwrap()  # fmt: skip
        ids.append(second.review_id)
    return ids


def test_opinion_has_the_four_parts_the_route_and_two_copies(
    db: Database, case: str, tmp_path: Path
) -> None:
    pdf = tmp_path / "opinion.pdf"
    result = print_opinion(db, case, pdf)
    assert result.ok, result.message
    fonts_embedded(pdf)
    view = closure.case_closure(db, case)
    assert view is not None and view.opinion is not None
    first, second = pages(pdf)
    for text in (first, second):
        assert "答复意见书" in text and view.opinion.number in text
        for part in ("一、信访请求", "二、查明的事实", "三、处理意见", "四、处理依据"):
            assert part in text
        assert "要求按协议发放拆迁补偿款" in text and "补偿款已于本月拨付到位" in text
        assert "支持。支持信访人的请求" not in text and "支持信访人的请求" in text
        assert "《国有土地上房屋征收与补偿条例》第二十七条" in text
        assert ROUTE in text and "2026年9月1日" in text
    assert "第一联（信访人联）" in first and "送达回证" not in first
    assert "第二联（存档联）" in second and "送达回证" in second and "签收人" in second


def test_opinion_keeps_an_edited_route_and_refuses_before_saving(
    db: Database, tmp_path: Path
) -> None:
    number = own_case(db, datetime(2026, 8, 3, 9), date(2026, 8, 3))
    refused = print_opinion(db, number, tmp_path / "none.pdf")
    assert not refused.ok and "尚未保存" in refused.message
    assert not (tmp_path / "none.pdf").exists()
    assert not print_opinion(db, "2026-99999", tmp_path / "x.pdf").ok


def test_closure_form_lists_result_reply_satisfaction_and_signatures(
    db: Database, case: str, tmp_path: Path
) -> None:
    closure.record_satisfaction(
        db, case, closure.SatisfactionInput(Satisfaction.BASICALLY, SurveyMethod.PHONE,
                                            OPINION_DAY), actor=CLERK, today=OPINION_DAY,
    ).unwrap()  # fmt: skip
    pdf = tmp_path / "closure.pdf"
    assert print_closure_form(db, case, pdf).ok
    fonts_embedded(pdf)
    (text,) = pages(pdf)
    view = closure.case_closure(db, case)
    assert view is not None and view.opinion is not None
    assert "信访事项办结单" in text and case in text and view.opinion.number in text
    assert "已处理完毕" in text and "基本满意" in text and "2026年9月1日" in text
    for line in ("经办人", "承办单位负责人", "审核人"):
        assert line in text
    assert "复查复核 无" in text and "＿＿＿＿年＿＿月＿＿日" in text


def test_closure_form_refused_without_closure(db: Database, tmp_path: Path) -> None:
    number = own_case(db, datetime(2026, 8, 3, 9), date(2026, 8, 3))
    result = print_closure_form(db, number, tmp_path / "c.pdf")
    assert not result.ok and "尚未记录办结情况" in result.message


def test_review_decision_after_review_routes_to_rereview(
    db: Database, case: str, tmp_path: Path
) -> None:
    (review_id,) = _reviewed(db, case, rereview=False)
    pdf = tmp_path / "review.pdf"
    assert print_review_decision(db, case, pdf).ok
    fonts_embedded(pdf)
    first, second = pages(pdf)
    assert "信访事项复查意见书" in first and "复查〔2026〕1号" in first
    assert "一、复查请求" in first and "三、复查意见" in first and "维持" in first
    assert "《信访工作条例》第三十五条" in first and "申请日期 2026年9月10日" in first
    assert "可自收到本复查意见书之日起30日内向青山市人民政府请求复核" in first
    assert "终结意见" not in first and "送达回证" in second
    same = tmp_path / "same.pdf"
    assert print_review_decision(db, case, same, review_id=review_id).ok
    assert pages(same) == [first, second]


def test_rereview_decision_is_final(db: Database, case: str, tmp_path: Path) -> None:
    first_id, second_id = _reviewed(db, case, rereview=True)
    pending = print_review_decision(db, case, tmp_path / "p.pdf", review_id=second_id)
    assert not pending.ok and "尚未作出" in pending.message
    closure.decide_review(
        db, second_id,
        closure.ReviewDecisionInput(ReviewOutcome.UPHOLD, "予以维持。本复核意见为终结意见。",
                                    date(2026, 10, 20)),
        actor=CLERK, today=date(2026, 10, 20),
    ).unwrap()  # fmt: skip
    pdf = tmp_path / "rereview.pdf"
    assert print_review_decision(db, case, pdf).ok
    text = pages(pdf)[0]
    assert "信访事项复核意见书" in text and "《信访工作条例》第三十六条" in text
    assert "复查〔2026〕1号" in text  # the 复查 decision it reviewed
    assert text.count("本复核意见为终结意见") == 1 and "不再受理" in text
    assert "请求复核" not in text
    older = tmp_path / "older.pdf"
    assert print_review_decision(db, case, older, review_id=first_id).ok
    assert "信访事项复查意见书" in pages(older)[0]
    assert not print_review_decision(db, case, tmp_path / "n.pdf", review_id=9999).ok


def test_review_by_another_body_prints_nothing(db: Database, case: str, tmp_path: Path) -> None:
    rv = closure.request_review(
        db, case, closure.ReviewInput(ReviewLevel.REVIEW, date(2026, 9, 10), "青山县人民政府",
                                      office_reviews=False),
        actor=CLERK, today=date(2026, 9, 10),
    ).unwrap()  # fmt: skip
    closure.decide_review(
        db, rv.review_id,
        closure.ReviewDecisionInput(ReviewOutcome.UPHOLD, "维持。", date(2026, 9, 30)),
        actor=CLERK, today=date(2026, 9, 30),
    ).unwrap()  # fmt: skip
    result = print_review_decision(db, case, tmp_path / "r.pdf")
    assert not result.ok and "不出具" in result.message
    none = print_review_decision(db, "2026-99999", tmp_path / "x.pdf")
    assert not none.ok
