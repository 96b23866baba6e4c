"""The office's limits on the representatives of a group visit (《信访工作条例》第二十条)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class GroupRules:
    """At most ``group_rep_limit`` representatives; a local rule may allow only
    ``small_group_rep_limit`` for groups of up to ``small_group_max_people``. A visit of
    ``group_visit_min_people`` or more counts as 集体访 (an office setting of its own)."""

    group_rep_limit: int = 5
    small_group_rep_limit: int | None = None
    small_group_max_people: int = 10
    group_visit_min_people: int = 5
