"""Every ledger in ``forms/`` is filled by column key from its row builder: a column the
builder does not fill is caught here, not on the clerk's printout."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date

import pytest

from petitiondesk.paths import FORMS_DIR
from petitiondesk.printing.ledgerspec import load_ledger, row_cells
from petitiondesk.printing.roster import RosterPrintRow
from petitiondesk.printing.tomlcheck import FormSpecError
from petitiondesk.services.audit_view import AuditFilter, iter_entries, row_values
from petitiondesk.services.cases import iter_cases
from petitiondesk.services.disputes import DisputeInput, list_disputes, save_dispute
from petitiondesk.services.intake import register_visit
from petitiondesk.services.printouts import register_ledger_row
from petitiondesk.services.printouts.dispute_register import dispute_ledger_rows
from petitiondesk.store.db import Database
from tests.helpers import actor, visit_input


def register_rows(db: Database) -> list[Mapping[str, object]]:
    register_visit(db, visit_input(duty_leader_id=1), actor=actor("赵丽")).unwrap()
    return [register_ledger_row(row) for row in iter_cases(db)]


def roster_rows(db: Database) -> list[Mapping[str, object]]:
    row = RosterPrintRow(
        day=date(2026, 10, 12), weekday="星期一", time_span="08:30—12:00",
        place="县信访接待中心", leader="张建国", title="局长", portfolio="城乡建设",
        accompany="办信科",
    )  # fmt: skip
    uncovered = RosterPrintRow(**{**row.__dict__, "uncovered": True})
    return [row.as_values(), uncovered.as_values("\n")]


def audit_rows(db: Database) -> list[Mapping[str, object]]:
    register_visit(db, visit_input(duty_leader_id=1), actor=actor("赵丽")).unwrap()
    return [row_values(entry) for entry in iter_entries(db, AuditFilter())]


def dispute_rows(db: Database) -> list[Mapping[str, object]]:
    data = DisputeInput(
        month=date(2026, 11, 1), place="东风村", matter="宅基地边界争议", parties="李某、赵某",
        leader="李红梅", unit="东风村委会", person="陈明", deadline=date(2026, 11, 30),
    )  # fmt: skip
    save_dispute(db, data, actor=actor()).unwrap()
    return list(dispute_ledger_rows(list_disputes(db)))


#: The row builder of every ledger file, by ledger id.
ROW_BUILDERS: dict[str, Callable[[Database], list[Mapping[str, object]]]] = {
    "dispute_register": dispute_rows,
    "register_ledger": register_rows,
    "roster_publication": roster_rows,
    "audit_log": audit_rows,
}


def ledger_ids() -> list[str]:
    """The ledger files in ``forms/`` (the ones that load as a ledger, not as a form)."""
    ids = []
    for path in sorted(FORMS_DIR.glob("*.toml")):
        try:
            ids.append(load_ledger(path).id)
        except FormSpecError:
            continue
    return ids


def test_every_ledger_file_has_a_row_builder() -> None:
    """Here, or in the ledger registry (checked against a demo in tests/services/ledgers)."""
    from petitiondesk.services.ledgers import LEDGERS

    registry = {item.form for item in LEDGERS.values()}
    assert ledger_ids() == sorted({*ROW_BUILDERS, *registry})


@pytest.mark.parametrize("ledger", sorted(ROW_BUILDERS))
def test_row_builder_fills_every_column_key(db: Database, ledger: str) -> None:
    columns = load_ledger(ledger).columns
    rows = ROW_BUILDERS[ledger](db)
    assert rows
    for number, row in enumerate(rows, start=1):
        missing = [column.key for column in columns if column.key not in row]
        assert missing == [], f"{ledger}: the row builder leaves out {missing}"
        assert len(row_cells(columns, row, number)) == len(columns)
