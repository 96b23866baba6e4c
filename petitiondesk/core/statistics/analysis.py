"""The monthly situation analysis (信访形势分析, seed 001 §6): its paragraphs prefilled from
the figures; the clerk edits them before printing."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from .figures import NO_UNIT, UNCATEGORISED, Figures, change
from .report import StatisticsReport, format_cell

NO_CLUSTERS: Final = "本期未发现同一地点、同一类别问题集中反映的苗头性、倾向性问题。"
ADVICE: Final = (
    "继续每月开展一次矛盾纠纷排查化解，对排查出来的信访问题明确责任领导、责任单位与责任人，"
    "限期解决，做到早发现、早稳控、早化解；对超期和续报率偏高的单位加强督办，"
    "提高按期办结率和群众满意率。"
)


@dataclass(frozen=True)
class Paragraph:
    """A heading (一、总体情况) and its text."""

    heading: str
    text: str


def _moved(now: int, before: int, name: str) -> str:
    rate = change(now, before)
    if rate is None:
        return f"{name}无可比数据"
    if rate == 0:
        return f"{name}持平"
    word = "上升" if rate > 0 else "下降"
    return f"{name}{word}{abs(rate):.1%}"


def _shares(counts: tuple[tuple[str, int], ...], total: int, limit: int = 3) -> str:
    top = [(label, n) for label, n in sorted(counts, key=lambda c: -c[1]) if n][:limit]
    return "、".join(f"{label}{n}件（占{n / total:.1%}）" for label, n in top) if total else ""


def _overall(report: StatisticsReport) -> str:
    f = report.current
    unit = report.period.kind_label
    channels = "、".join(f"{label}{n}件" for label, n in f.by_channel)
    return (
        f"{report.period.label}，共登记信访事项{f.total}件、{f.people}人次，"
        f"{_moved(f.total, report.previous.total, '环比')}，"
        f"{_moved(f.total, report.last_year.total, '同比')}。"
        f"其中{channels}；重复访{f.repeat}件，集体访{f.group}件，越级访{f.skipped_level}件，"
        f"检举控告类{f.confidential}件。本{unit}办结{f.closed}件。"
    )


def _distribution(f: Figures) -> str:
    categories = tuple((c, n) for c, n in f.by_category if c != UNCATEGORISED)
    units = tuple((u, n) for u, n in f.by_unit if u != NO_UNIT)
    if not f.total:
        return "本期未登记信访事项。"
    text = f"反映问题居前的是：{_shares(categories, f.total) or '无'}。"
    if units:
        text += f"交办较多的承办单位是：{_shares(units, f.total)}。"
    return text


def _handling(report: StatisticsReport) -> str:
    f = report.current
    average = format_cell(f.average_days_to_close, "average")
    parts = [
        f"办结{f.closed}件，平均办结天数{average}天，"
        f"满意率{format_cell(f.satisfaction_rate, 'rate')}",
        f"承办单位按期办结率{format_cell(f.on_time_rate, 'rate')}",
    ]
    over = report.units_over_limit()
    limit = f"{report.extension_limit:.0%}"
    if over:
        names = "、".join(f"{unit}（{rate:.1%}）" for unit, rate in over)
        parts.append(f"续报率超过{limit}的单位：{names}，需加强督办")
    else:
        parts.append(f"各承办单位续报率均未超过{limit}")
    return "；".join(parts) + "。"


def analysis_paragraphs(report: StatisticsReport) -> list[Paragraph]:
    """The analysis as the office writes it, filled in from ``report``."""
    clusters = "\n".join(report.clusters) if report.clusters else NO_CLUSTERS
    return [
        Paragraph("一、总体情况", _overall(report)),
        Paragraph("二、反映问题分布", _distribution(report.current)),
        Paragraph("三、办理情况", _handling(report)),
        Paragraph("四、苗头性、倾向性问题", clusters),
        Paragraph("五、下步工作建议", ADVICE),
    ]
