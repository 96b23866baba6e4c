"""台账 → 导出台账…: the dialog's choices, and the export in a separate process with a
progress dialog the UI thread only polls, which cancels without leaving a file."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QPushButton

from petitiondesk.core.periods import PERIOD_QUARTER, PERIOD_YEAR
from petitiondesk.gui.ledgers.dialog import LedgerChoice, LedgerExportDialog
from petitiondesk.gui.ledgers.runner import LedgerExportRun, start_export
from petitiondesk.services.intake import register_visit
from petitiondesk.services.ledgers.jobs import ExportRequest, JobState
from petitiondesk.store.db import Database
from tests.helpers import actor, visit_input

TIMEOUT_MS = 120_000


def test_dialog_offers_ledgers_periods_formats_and_uses(qtbot: Any, tmp_path: Path) -> None:
    dialog = LedgerExportDialog("青山县信访局", today=date(2026, 11, 20))
    qtbot.addWidget(dialog)
    assert dialog.ledger.count() == 5
    choice = dialog.choice()
    assert (choice.key, choice.start, choice.end) == (
        "register",
        date(2026, 11, 1),
        date(2026, 11, 30),
    )
    assert Path(dialog.path.text()).name == "青山县信访局2026年11月来信来访登记台账.xlsx"
    dialog.set_ledger("closure")
    dialog.set_period(PERIOD_QUARTER, date(2026, 2, 3))
    dialog.pdf.setChecked(True)
    dialog.outside.setChecked(True)
    choice = dialog.choice()
    assert (choice.start, choice.end, choice.outside) == (date(2026, 1, 1), date(2026, 3, 31), True)
    assert choice.out.name == "青山县信访局2026年第一季度办结台账（对外提供）.pdf"
    dialog.set_period(PERIOD_YEAR, date(2025, 6, 1))
    assert dialog.choice().end == date(2025, 12, 31)
    dialog.path.setText(str(tmp_path / "a.txt"))
    dialog._path_typed()
    dialog.xlsx.setChecked(True)  # the clerk's name keeps, the suffix follows the format
    assert dialog.path.text().endswith("a.xlsx")
    dialog.buttons.accepted.emit()
    assert dialog.result() == LedgerExportDialog.DialogCode.Accepted


def test_export_runs_in_a_child_and_reports_in_the_window(
    main_window: Any, db: Database, qtbot: Any, tmp_path: Path
) -> None:
    register_visit(db, visit_input(), actor=actor("赵丽")).unwrap()
    out = tmp_path / "ledger.pdf"
    choice = LedgerChoice("register", date(2026, 11, 1), date(2026, 11, 30), out, False)
    run = start_export(main_window, db, choice)
    assert run.job.pid is not None and run.timer.isActive()
    qtbot.waitUntil(lambda: run.done, timeout=TIMEOUT_MS)
    assert run.status.state is JobState.SUCCEEDED, run.status.message
    assert out.exists()
    assert "已导出来信来访登记台账 1 条" in main_window.statusBar().currentMessage()


def test_cancel_in_the_progress_dialog_leaves_no_file(
    main_window: Any, db: Database, qtbot: Any, tmp_path: Path
) -> None:
    for _ in range(3):
        register_visit(db, visit_input(), actor=actor("赵丽")).unwrap()
    folder = tmp_path / "out"
    folder.mkdir()
    out = folder / "ledger.xlsx"
    request = ExportRequest(
        db=str(db.path), ledger="register", start=date(2026, 1, 1), end=date(2026, 12, 31),
        out=str(out), outside=False, actor_name="赵丽", actor_role="clerk", row_delay_s=1.0,
    )  # fmt: skip
    run = LedgerExportRun(main_window, request)
    qtbot.waitUntil(lambda: run.dialog.maximum() == 3, timeout=TIMEOUT_MS)  # polled from a timer
    assert "/ 3 条" in run.dialog.labelText()
    cancel = run.dialog.findChild(QPushButton)
    assert cancel is not None and cancel.text() == "取消"
    with qtbot.waitSignal(run.finished, timeout=TIMEOUT_MS):
        cancel.click()
    assert run.status.state is JobState.CANCELLED
    assert list(folder.iterdir()) == []  # no file, no .part
