"""Statistics figures against a small dataset counted by hand, period boundaries, the
extension-rate flag and the tables' change columns."""

from __future__ import annotations

from datetime import date

import pytest

from petitiondesk.core.statistics import (
    CaseFact,
    Period,
    ReferralFact,
    Vocabulary,
    analysis_paragraphs,
    build_report,
    compute_figures,
    report_tables,
    table_texts,
    trend_months,
)
from petitiondesk.core.statistics.figures import UnitFigure

MAY = Period.month(2026, 5)
AS_OF = date(2026, 6, 1)
VOCABULARY = Vocabulary(categories=("城乡建设", "劳动社保"))

CASES = [
    CaseFact(date(2026, 5, 3), "走访", "城乡建设", "住建局", "已办结", "支持", repeat=True,
             closed=date(2026, 5, 13), satisfaction="满意"),
    CaseFact(date(2026, 5, 10), "来信", "城乡建设", "交通局", "已交办", group=True, people=8),
    CaseFact(date(2026, 5, 20), "来电", "劳动社保", "", "已登记", skipped_level=True,
             confidential=True),
    CaseFact(date(2026, 4, 28), "走访", "劳动社保", "住建局", "已办结", "不予支持",
             closed=date(2026, 5, 8), satisfaction="不满意"),
    CaseFact(date(2026, 4, 15), "网上", "城乡建设", "", "已受理"),
    CaseFact(date(2025, 5, 6), "走访", "城乡建设", "", "已办结"),
    CaseFact(date(2026, 5, 31), "网上", "", "", "已办结", "解释说明", people=2,
             closed=date(2026, 5, 31), satisfaction="基本满意"),
]  # fmt: skip
REFERRALS = [
    ReferralFact("住建局", date(2026, 5, 3), date(2026, 5, 20), date(2026, 5, 12)),
    ReferralFact("住建局", date(2026, 5, 5), date(2026, 5, 25), date(2026, 5, 28), extended=True),
    ReferralFact("住建局", date(2026, 5, 29), date(2026, 6, 20)),  # not yet due on 6-1
    ReferralFact("交通局", date(2026, 5, 10), date(2026, 5, 20)),  # open and overdue
    ReferralFact("住建局", date(2026, 4, 28), date(2026, 5, 20)),  # April: not May's
]


def may_figures():  # type: ignore[no-untyped-def]
    return compute_figures(MAY, CASES, REFERRALS, as_of=AS_OF, vocabulary=VOCABULARY)


def test_intake_counts_by_hand() -> None:
    f = may_figures()
    assert (f.total, f.people) == (4, 1 + 8 + 1 + 2)
    assert (f.repeat, f.group, f.skipped_level, f.confidential) == (1, 1, 1, 1)
    assert f.by_channel == (("走访", 1), ("来信", 1), ("来电", 1), ("网上", 1))
    assert f.by_category == (("城乡建设", 2), ("劳动社保", 1), ("未分类", 1))
    assert dict(f.by_unit) == {"住建局": 1, "交通局": 1, "未交办": 2}
    assert dict(f.by_status) == {"已办结": 2, "已交办": 1, "已登记": 1}
    assert dict(f.by_result) == {"支持": 1, "办理中": 2, "解释说明": 1}


def test_closure_counts_by_hand() -> None:
    f = may_figures()
    # closed in May: 5-3→5-13 (10 days), 4-28→5-8 (10 days), 5-31→5-31 (0 days)
    assert f.closed == 3
    assert f.average_days_to_close == pytest.approx(20 / 3)
    assert dict(f.satisfaction) == {"满意": 1, "基本满意": 1, "不满意": 1, "未评价": 0}
    assert f.satisfaction_rate == pytest.approx(2 / 3)


def test_units_on_time_and_extension_by_hand() -> None:
    units = {u.unit: u for u in may_figures().units}
    zj, jt = units["住建局"], units["交通局"]
    assert (zj.referrals, zj.settled, zj.on_time, zj.extended) == (3, 2, 1, 1)
    assert zj.on_time_rate == pytest.approx(0.5)
    assert zj.extension_rate == pytest.approx(1 / 3) and zj.over_limit()
    assert (jt.referrals, jt.settled, jt.on_time, jt.overdue) == (1, 1, 0, 1)
    assert jt.on_time_rate == 0 and not jt.over_limit()
    assert may_figures().on_time_rate == pytest.approx(1 / 3)


@pytest.mark.parametrize(("extended", "flagged"), [(0, False), (1, False), (2, True)])
def test_extension_limit_two_percent(extended: int, flagged: bool) -> None:
    unit = UnitFigure("教育局", referrals=50, extended=extended)
    assert unit.over_limit() is flagged  # 1 of 50 is exactly 2 %: allowed


def test_period_boundaries() -> None:
    q1 = Period.quarter(2026, 1)
    assert (q1.start, q1.end) == (date(2026, 1, 1), date(2026, 3, 31))
    assert q1.previous() == Period.quarter(2025, 4)
    assert Period.quarter(2025, 4).end == date(2025, 12, 31)
    assert Period.month(2026, 1).previous() == Period.month(2025, 12)
    assert Period.month(2025, 12).shifted(1) == Period.month(2026, 1)
    assert Period.month(2024, 2).end == date(2024, 2, 29)
    assert Period.whole_year(2026).previous() == Period.whole_year(2025)
    assert Period.quarter(2026, 2).last_year() == Period.quarter(2025, 2)
    assert Period.containing("quarter", date(2026, 3, 31)) == q1
    assert Period.containing("quarter", date(2026, 4, 1)) == Period.quarter(2026, 2)
    assert [p.label for p in (MAY, q1, Period.whole_year(2026))] == [
        "2026年5月",
        "2026年第一季度",
        "2026年",
    ]
    with pytest.raises(ValueError):
        Period.quarter(2026, 5)


def test_quarter_and_year_counts() -> None:
    cases = [CaseFact(date(2026, 3, 31), "走访"), CaseFact(date(2026, 4, 1), "走访")]
    q1 = compute_figures(Period.quarter(2026, 1), cases, [], as_of=AS_OF)
    q2 = compute_figures(Period.quarter(2026, 2), cases, [], as_of=AS_OF)
    year = compute_figures(Period.whole_year(2026), cases, [], as_of=AS_OF)
    assert (q1.total, q2.total, year.total) == (1, 1, 2)


def test_december_to_january_change() -> None:
    cases = [CaseFact(date(2025, 12, d), "走访") for d in (1, 31)]
    cases += [CaseFact(date(2026, 1, d), "来信") for d in (1, 2, 31)]
    cases += [CaseFact(date(2025, 1, 15), "来信")]
    report = build_report(Period.month(2026, 1), cases, [], as_of=AS_OF)
    assert (report.current.total, report.previous.total, report.last_year.total) == (3, 2, 1)
    overview = table_texts(report_tables(report)[0])
    assert overview[0] == ["项目", "本期", "上期", "环比", "去年同期", "同比"]
    assert overview[1] == ["登记信访事项（件）", "3", "2", "+50.0%", "1", "+200.0%"]
    assert report.trend[-1].count == 3 and report.trend[-2].count == 2
    assert report.trend[-1].year_before == 1
    assert report.trend[-1].label == "2026年1月"


def test_trend_months_cross_the_year() -> None:
    months = trend_months(Period.month(2026, 1))
    assert months[0] == (2025, 2) and months[-1] == (2026, 1) and len(months) == 12
    assert trend_months(Period.quarter(2026, 2))[-1] == (2026, 6)


def test_tables_and_analysis_text() -> None:
    report = build_report(MAY, CASES, REFERRALS, as_of=AS_OF, vocabulary=VOCABULARY)
    tables = {t.key: table_texts(t) for t in report_tables(report)}
    assert ["城乡建设", "2", "1", "+100.0%", "1", "+100.0%"] in tables["category"]
    rate = next(r for r in tables["overview"] if r[0] == "满意率")
    assert rate[1] == "66.7%" and rate[2] == "—"
    unit_row = next(r for r in tables["units"] if r[0] == "住建局")
    assert unit_row == ["住建局", "3", "2", "1", "50.0%", "1", "33.3%", "续报率超过2%"]
    assert report.units_over_limit() == [("住建局", pytest.approx(1 / 3))]
    text = "\n".join(p.text for p in analysis_paragraphs(report))
    assert "共登记信访事项4件、12人次，环比上升100.0%，同比上升300.0%" in text
    assert "住建局（33.3%）" in text
    assert "未发现" in analysis_paragraphs(report)[3].text
