"""Leaders' reception-day roster (领导接待日排班) as use cases.

Generation over the office's reception rules (``generation``), substitutions (替班),
swaps (调换) and fill-ins in rota order (按值班顺序依次递补) (``changes``), manual
additions (``entries``), the published list (``queries``), and the leaders
(``leaders``) and rules (``rules``) the roster is made from. Every write is one
transaction with its audit rows; expected failures come back as ``Result`` with
per-field Chinese messages.

Import from the package (``from petitiondesk.services.roster import X``); the modules
are its rooms, not its interface.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from petitiondesk.services.lazy import lazy_exports

if TYPE_CHECKING:
    from ._shared import (
        MAX_CAPACITY,
        Saved,
        active_leaders,
        conflict_message,
        day_off_message,
        leader_conflict,
        slot_text,
        span_text,
    )
    from .changes import (
        CHANGE_KINDS,
        ChangeOutcome,
        ChangeRow,
        fill_next_in_rotation,
        roster_history,
        substitute,
        swap,
    )
    from .entries import EntryInput, add_entry, remove_entry, set_accompany
    from .generation import MAX_PERIOD_DAYS, GenerationReport, generate_roster
    from .leaders import LeaderInput, LeaderRow, list_leaders, portfolio_text, save_leader
    from .queries import (
        ACTIVE_STATUSES,
        RosterRow,
        count_bookings,
        entries_between,
        list_roster,
        roster_entry,
        roster_rows,
    )
    from .rules import RuleInput, RuleRow, list_rules, rule_spec, save_reception_rule

__getattr__ = lazy_exports(
    __name__,
    {
        "_shared": (
            "MAX_CAPACITY",
            "Saved",
            "active_leaders",
            "conflict_message",
            "day_off_message",
            "leader_conflict",
            "slot_text",
            "span_text",
        ),
        "changes": (
            "CHANGE_KINDS",
            "ChangeOutcome",
            "ChangeRow",
            "fill_next_in_rotation",
            "roster_history",
            "substitute",
            "swap",
        ),
        "entries": (
            "EntryInput",
            "add_entry",
            "remove_entry",
            "set_accompany",
        ),
        "generation": (
            "MAX_PERIOD_DAYS",
            "GenerationReport",
            "generate_roster",
        ),
        "leaders": (
            "LeaderInput",
            "LeaderRow",
            "list_leaders",
            "portfolio_text",
            "save_leader",
        ),
        "queries": (
            "ACTIVE_STATUSES",
            "RosterRow",
            "count_bookings",
            "entries_between",
            "list_roster",
            "roster_entry",
            "roster_rows",
        ),
        "rules": (
            "RuleInput",
            "RuleRow",
            "list_rules",
            "rule_spec",
            "save_reception_rule",
        ),
    },
)

__all__ = [
    "ACTIVE_STATUSES",
    "CHANGE_KINDS",
    "MAX_CAPACITY",
    "MAX_PERIOD_DAYS",
    "ChangeOutcome",
    "ChangeRow",
    "EntryInput",
    "GenerationReport",
    "LeaderInput",
    "LeaderRow",
    "RosterRow",
    "RuleInput",
    "RuleRow",
    "Saved",
    "active_leaders",
    "add_entry",
    "conflict_message",
    "count_bookings",
    "day_off_message",
    "entries_between",
    "fill_next_in_rotation",
    "generate_roster",
    "leader_conflict",
    "list_leaders",
    "list_roster",
    "list_rules",
    "portfolio_text",
    "remove_entry",
    "roster_entry",
    "roster_history",
    "roster_rows",
    "rule_spec",
    "save_leader",
    "save_reception_rule",
    "set_accompany",
    "slot_text",
    "span_text",
    "substitute",
    "swap",
]
