"""Statistics use cases: load the report of a period (role-gated: READ_STATISTICS), print
the monthly report and the situation analysis, export the xlsx, and write both for the
year-end archive (:func:`write_statistics_report`)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time
from pathlib import Path

from sqlalchemy import select

from petitiondesk.core.identity import Actor
from petitiondesk.core.permissions import Permission, refusal
from petitiondesk.core.statistics import (
    Paragraph,
    Period,
    StatisticsReport,
    build_report,
    window_start,
)
from petitiondesk.store.db import Database
from petitiondesk.store.models import OfficeSettings

from ..result import Result
from .rows import case_facts, referral_facts, vocabulary


def cluster_lines(db: Database, period: Period) -> list[str]:
    """Early-warning clusters (苗头性、倾向性问题) of ``period`` as one line each, e.g.
    "【预警】新华社区通村公路：6 件 23 人（…）" (:func:`petitiondesk.services.clusters.cluster_lines`)."""
    from ..clusters import cluster_lines as lines_between

    return lines_between(db, period.start, period.end)


def read_report(db: Database, period: Period, *, as_of: date | None = None) -> StatisticsReport:
    """The report of ``period``; referral deadlines are judged on ``as_of`` (default
    today). No permission check: the archive and the checked :func:`load_report` call it."""
    first = window_start(period)
    with db.read() as session:
        office = session.scalar(select(OfficeSettings.name).where(OfficeSettings.id == 1))
        words = vocabulary(session)
        cases = case_facts(session, first, period.end)
        referrals = referral_facts(session, first, period.end)
    return build_report(
        period,
        cases,
        referrals,
        as_of=as_of if as_of is not None else date.today(),
        vocabulary=words,
        office=office or "",
        clusters=cluster_lines(db, period),
    )


def load_report(
    db: Database, period: Period, actor: Actor, *, as_of: date | None = None
) -> Result[StatisticsReport]:
    """The report of ``period`` for the 统计 tab, if ``actor`` may read statistics."""
    if why := refusal(actor, Permission.READ_STATISTICS):
        return Result.failure({"": why})
    return Result.success(read_report(db, period, as_of=as_of))


def print_monthly_report(
    db: Database,
    period: Period,
    out: Path,
    actor: Actor,
    *,
    as_of: date | None = None,
    printed_on: date | None = None,
    paragraphs: Sequence[Paragraph] | None = None,
) -> Result[Path]:
    """每月统计分类 of ``period`` as a PDF at ``out`` (tables and charts); with
    ``paragraphs``, the 信访形势分析 with them instead."""
    if why := refusal(actor, Permission.READ_STATISTICS):
        return Result.failure({"": why})
    from petitiondesk.printing.statistics.report_pdf import (
        analysis_title,
        write_analysis_pdf,
        write_monthly_report_pdf,
    )

    report = read_report(db, period, as_of=as_of)
    day = printed_on or date.today()
    if paragraphs is None:
        write_monthly_report_pdf(report, Path(out), printed_on=day)
        return Result.success(Path(out), f"已生成{report.title}：{out}")
    write_analysis_pdf(report, paragraphs, Path(out), printed_on=day)
    return Result.success(Path(out), f"已生成{analysis_title(report)}：{out}")


def print_situation_analysis(
    db: Database, period: Period, paragraphs: Sequence[Paragraph], out: Path, actor: Actor,
    **options: date | None,
) -> Result[Path]:  # fmt: skip
    """信访形势分析 of ``period`` with the clerk's (edited) ``paragraphs`` as a PDF
    (``options``: ``as_of``, ``printed_on`` as for :func:`print_monthly_report`)."""
    return print_monthly_report(db, period, out, actor, paragraphs=paragraphs, **options)


def export_statistics_xlsx(
    db: Database, period: Period, out: Path, actor: Actor, *, as_of: date | None = None
) -> Result[Path]:
    """The statistics workbook of ``period`` (tables and native Excel charts)."""
    if why := refusal(actor, Permission.READ_STATISTICS) or refusal(actor, Permission.EXPORT):
        return Result.failure({"": why})
    from petitiondesk.printing.statistics.report_xlsx import write_statistics_xlsx

    report = read_report(db, period, as_of=as_of)
    write_statistics_xlsx(report, Path(out))
    return Result.success(Path(out), f"已导出{report.title}：{out}")


def write_statistics_report(
    db: Database, period: Period, out_pdf: Path, out_xlsx: Path, *, as_of: date
) -> StatisticsReport:
    """For the year-end archive: the report of ``period`` as PDF and xlsx, both
    deterministic for a given ``as_of`` (also the print date and the xlsx's time stamp).
    No permission check: the archive checks its own (EXPORT) before it starts."""
    from petitiondesk.printing.statistics.report_pdf import write_monthly_report_pdf
    from petitiondesk.printing.statistics.report_xlsx import write_statistics_xlsx

    report = read_report(db, period, as_of=as_of)
    write_monthly_report_pdf(report, Path(out_pdf), printed_on=as_of)
    write_statistics_xlsx(report, Path(out_xlsx), created=datetime.combine(as_of, time.min))
    return report
