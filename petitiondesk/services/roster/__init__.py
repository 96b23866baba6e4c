"""Leaders' reception-day roster (领导接待日排班): the public names of the package."""

from __future__ import annotations

from .generation import (
    ACTIVE_STATUSES as ACTIVE_STATUSES,
)
from .generation import (
    CHANGE_KINDS as CHANGE_KINDS,
)
from .generation import (
    MAX_CAPACITY as MAX_CAPACITY,
)
from .generation import (
    MAX_PERIOD_DAYS as MAX_PERIOD_DAYS,
)
from .generation import (
    ChangeOutcome as ChangeOutcome,
)
from .generation import (
    ChangeRow as ChangeRow,
)
from .generation import (
    EntryInput as EntryInput,
)
from .generation import (
    GenerationReport as GenerationReport,
)
from .generation import (
    LeaderInput as LeaderInput,
)
from .generation import (
    LeaderRow as LeaderRow,
)
from .generation import (
    RosterRow as RosterRow,
)
from .generation import (
    RuleInput as RuleInput,
)
from .generation import (
    RuleRow as RuleRow,
)
from .generation import (
    Saved as Saved,
)
from .generation import (
    active_leaders as active_leaders,
)
from .generation import (
    add_entry as add_entry,
)
from .generation import (
    conflict_message as conflict_message,
)
from .generation import (
    count_bookings as count_bookings,
)
from .generation import (
    day_off_message as day_off_message,
)
from .generation import (
    entries_between as entries_between,
)
from .generation import (
    fill_next_in_rotation as fill_next_in_rotation,
)
from .generation import (
    generate_roster as generate_roster,
)
from .generation import (
    leader_conflict as leader_conflict,
)
from .generation import (
    list_leaders as list_leaders,
)
from .generation import (
    list_roster as list_roster,
)
from .generation import (
    list_rules as list_rules,
)
from .generation import (
    portfolio_text as portfolio_text,
)
from .generation import (
    remove_entry as remove_entry,
)
from .generation import (
    roster_entry as roster_entry,
)
from .generation import (
    roster_history as roster_history,
)
from .generation import (
    roster_rows as roster_rows,
)
from .generation import (
    rule_spec as rule_spec,
)
from .generation import (
    save_leader as save_leader,
)
from .generation import (
    save_reception_rule as save_reception_rule,
)
from .generation import (
    set_accompany as set_accompany,
)
from .generation import (
    slot_text as slot_text,
)
from .generation import (
    span_text as span_text,
)
from .generation import (
    substitute as substitute,
)
from .generation import (
    swap as swap,
)
