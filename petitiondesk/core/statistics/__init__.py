"""Statistics (统计): periods, figures from plain rows, the report's tables and the
situation analysis text. Pure: the services fetch the rows (services/statistics/)."""

from .analysis import Paragraph, analysis_paragraphs
from .figures import (
    EXTENSION_LIMIT,
    CaseFact,
    Figures,
    ReferralFact,
    UnitFigure,
    Vocabulary,
    change,
    compute_figures,
    monthly_counts,
)
from .period import STAT_PERIOD_KINDS, Period, trend_months
from .report import (
    StatisticsReport,
    StatRow,
    StatTable,
    TrendPoint,
    build_report,
    cell_text,
    format_cell,
    report_tables,
    table_texts,
    window_start,
)

__all__ = [
    "EXTENSION_LIMIT",
    "STAT_PERIOD_KINDS",
    "CaseFact",
    "Figures",
    "Paragraph",
    "Period",
    "ReferralFact",
    "StatRow",
    "StatTable",
    "StatisticsReport",
    "TrendPoint",
    "UnitFigure",
    "Vocabulary",
    "analysis_paragraphs",
    "build_report",
    "cell_text",
    "change",
    "compute_figures",
    "format_cell",
    "monthly_counts",
    "report_tables",
    "table_texts",
    "trend_months",
    "window_start",
]
