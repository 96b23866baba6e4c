"""The dispute-screening register (矛盾纠纷排查台账, seed 001 §6): its vocabularies.

Every month the office screens the disputes of its area, records each with its place,
the people involved, a risk level and who answers for it (责任领导、责任单位、责任人,
with a deadline), and follows it until it is resolved (早发现、早稳控、早化解).
"""

from __future__ import annotations

from datetime import date

from petitiondesk.core.enums import LabeledEnum, _register


class RiskLevel(LabeledEnum):
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


_register(RiskLevel, {"high": "高", "medium": "中", "low": "低"})


class DisputeStatus(LabeledEnum):
    OPEN = "open"  # 化解中
    CONTROLLED = "controlled"  # 已稳控: calm for now, not yet resolved
    RESOLVED = "resolved"  # 已化解 (closed)


_register(DisputeStatus, {"open": "化解中", "controlled": "已稳控", "resolved": "已化解"})


def month_start(day: date) -> date:
    """The first day of ``day``'s month (the register is kept by month)."""
    return day.replace(day=1)


def month_text(month: date) -> str:
    """``2026年11月``."""
    return f"{month.year}年{month.month}月"


def parse_month(text: str) -> date:
    """``2026-11`` (or ``2026-11-05``) → 2026-11-01; ValueError otherwise."""
    parts = text.strip().split("-")
    if len(parts) not in (2, 3) or not all(p.isdigit() for p in parts):
        raise ValueError(f"month must look like 2026-11, not {text!r}")
    return date(int(parts[0]), int(parts[1]), 1)
