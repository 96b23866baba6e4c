"""Statistics (统计): the report of a month, quarter or year, its charts, the printed
monthly report (每月统计分类), the situation analysis (信访形势分析) and the xlsx.

Reading statistics needs :attr:`Permission.READ_STATISTICS`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from petitiondesk.services.lazy import lazy_exports

if TYPE_CHECKING:
    from .reports import (
        cluster_lines,
        export_statistics_xlsx,
        load_report,
        print_monthly_report,
        print_situation_analysis,
        write_statistics_report,
    )

__all__ = [
    "cluster_lines",
    "export_statistics_xlsx",
    "load_report",
    "print_monthly_report",
    "print_situation_analysis",
    "write_statistics_report",
]

__getattr__ = lazy_exports(__name__, {"reports": __all__})  # one module gives them all
