"""The statistics services against the hand-counted May 2026 register (conftest), the
permission check, and what the PDF and the xlsx hold when read back."""

from __future__ import annotations

import subprocess
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from petitiondesk.core.identity import Role
from petitiondesk.core.statistics import Period, analysis_paragraphs
from petitiondesk.services import statistics
from petitiondesk.store.db import Database
from tests.helpers import actor

MAY = Period.month(2026, 5)
AS_OF = date(2026, 6, 1)


def test_report_figures_match_the_hand_count(may_db: Database) -> None:
    report = statistics.load_report(may_db, MAY, actor(), as_of=AS_OF).unwrap()
    f = report.current
    assert (f.total, f.people, f.repeat, f.group, f.skipped_level, f.confidential) == (
        4, 1 + 8 + 1 + 1, 1, 1, 1, 1,
    )  # fmt: skip
    assert dict(f.by_channel) == {"走访": 1, "来信": 1, "来电": 1, "网上": 1}
    assert dict(f.by_category) == {"城乡建设": 2, "劳动社保": 1, "未分类": 1}
    # the latest referral of a case names its unit: case 4 went to 住建局, then 交通局
    assert dict(f.by_unit) == {"住建局": 2, "交通局": 1, "未交办": 1}
    assert f.closed == 2 and f.average_days_to_close == pytest.approx((10 + 11) / 2)
    assert f.satisfaction_rate == pytest.approx(0.5)
    units = {u.unit: u for u in f.units}
    assert (units["住建局"].referrals, units["住建局"].settled, units["住建局"].on_time) == (
        3,
        2,
        1,
    )
    assert units["住建局"].over_limit() and not units["交通局"].over_limit()
    assert (units["交通局"].settled, units["交通局"].on_time) == (1, 0)
    assert (report.previous.total, report.last_year.total) == (2, 1)
    assert report.trend[-1].count == 4 and report.trend[-1].year_before == 1


def test_report_needs_the_statistics_permission(may_db: Database) -> None:
    refused = statistics.load_report(may_db, MAY, "赵丽", as_of=AS_OF)  # type: ignore[arg-type]
    assert not refused.ok and "身份无效" in refused.message
    assert statistics.load_report(may_db, MAY, actor("王局长", Role.LEADER)).ok
    out = Path("unused.xlsx")
    leader = statistics.export_statistics_xlsx(may_db, MAY, out, actor("王局长", Role.LEADER))
    assert not leader.ok and "导出" in leader.message and not out.exists()


def test_monthly_report_pdf_reads_back(may_db: Database, tmp_path: Path) -> None:
    out = tmp_path / "月报.pdf"
    result = statistics.print_monthly_report(
        may_db, MAY, out, actor(), as_of=AS_OF, printed_on=AS_OF
    )
    assert result.ok, result.message
    text = (
        "".join(p.extract_text() for p in PdfReader(out).pages).replace(" ", "").replace("\n", "")
    )
    assert "2026年5月信访统计分类" in text
    assert "登记信访事项（件）4" in text and "+100.0%" in text and "+300.0%" in text
    assert "住建局" in text and "续报率超过2%" in text
    assert "按问题类别" in text and "按月登记件数" in text and "承办单位按期办结率" in text
    fonts = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True, check=True)
    assert all(" yes " in line for line in fonts.stdout.splitlines()[2:])  # embedded
    again = tmp_path / "again.pdf"
    statistics.print_monthly_report(may_db, MAY, again, actor(), as_of=AS_OF, printed_on=AS_OF)
    assert again.read_bytes() == out.read_bytes()  # deterministic (the archive re-runs it)


def test_situation_analysis_prints_the_edited_text(may_db: Database, tmp_path: Path) -> None:
    report = statistics.load_report(may_db, MAY, actor(), as_of=AS_OF).unwrap()
    paragraphs = analysis_paragraphs(report)
    assert "共登记信访事项4件、11人次" in paragraphs[0].text
    edited = [*paragraphs[:4], type(paragraphs[4])(paragraphs[4].heading, "加强城乡建设类督办。")]
    out = tmp_path / "分析.pdf"
    assert statistics.print_situation_analysis(may_db, MAY, edited, out, actor(), as_of=AS_OF).ok
    text = (
        "".join(p.extract_text() for p in PdfReader(out).pages).replace(" ", "").replace("\n", "")
    )
    assert "2026年5月信访形势分析" in text and "加强城乡建设类督办。" in text
    assert "共登记信访事项4件、11人次" in text and "五、下步工作建议" in text


def test_xlsx_has_native_charts_and_matching_rows(may_db: Database, tmp_path: Path) -> None:
    out = tmp_path / "统计.xlsx"
    assert statistics.export_statistics_xlsx(may_db, MAY, out, actor(), as_of=AS_OF).ok
    wb = load_workbook(out)
    assert wb.sheetnames == ["汇总", "按问题类别", "按月", "承办单位"]
    categories = wb["按问题类别"]
    assert [c.value for c in categories[1]] == ["问题类别", "本期", "上期"]
    rows = {r[0]: r[1:] for r in categories.iter_rows(min_row=2, values_only=True)}
    assert rows["城乡建设"] == (2, 1) and rows["劳动社保"] == (1, 1) and rows["未分类"] == (1, 0)
    months = list(wb["按月"].iter_rows(min_row=2, values_only=True))
    assert len(months) == 12 and months[-1] == ("5月", 4, 1)
    units = {r[0]: r for r in wb["承办单位"].iter_rows(min_row=2, values_only=True)}
    assert units["住建局"][1:4] == (3, 2, 1) and units["住建局"][6] == pytest.approx(1 / 3)
    assert units["住建局"][7] == "续报率超过2%"
    for name in ("按问题类别", "按月", "承办单位"):
        assert len(wb[name]._charts) == 1
    kinds = [type(wb[n]._charts[0]).__name__ for n in ("按问题类别", "按月", "承办单位")]
    assert kinds == ["BarChart", "LineChart", "BarChart"]
    summary = [r[0] for r in wb["汇总"].iter_rows(values_only=True) if r[0]]
    assert "总体情况" in summary and "登记信访事项（件）" in summary


def test_archive_writes_both_files(may_db: Database, tmp_path: Path) -> None:
    report = statistics.write_statistics_report(
        may_db, Period.whole_year(2026), tmp_path / "统计.pdf", tmp_path / "统计.xlsx",
        as_of=date(2026, 12, 31),
    )  # fmt: skip
    assert report.current.total == 6
    assert (tmp_path / "统计.pdf").stat().st_size > 0
    assert load_workbook(tmp_path / "统计.xlsx").properties.created.year == 2026
    assert statistics.cluster_lines(may_db, MAY) == []
