"""The 统计 tab: figures of a month, quarter or year, the charts, the monthly report,
the situation analysis and the xlsx."""
