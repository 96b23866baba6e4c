"""Start-up imports only what the window needs: alembic when the file must be upgraded,
reportlab and openpyxl when printing or exporting, keyring and psycopg only on a desk
that uses a server (checked in a clean interpreter)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from petitiondesk.store import migrate
from petitiondesk.store.db import Database

HEAVY = ("alembic", "reportlab", "openpyxl")
#: Only a desk on a server (or one saving a server password) needs these.
SERVER_ONLY = ("keyring", "psycopg", "psycopg_binary", "jsonschema")
ROOT = Path(__file__).resolve().parents[2]


def _loaded_after(code: str) -> set[str]:
    probe = (
        f"{code}\n"
        f"print(json.dumps(sorted({{m.split('.')[0] for m in sys.modules}} & {set(HEAVY + SERVER_ONLY)!r})))"
    )
    return set(json.loads(_printed(probe)[-1]))


def _printed(code: str) -> list[str]:
    """The lines ``code`` prints in a fresh interpreter (``sys`` and ``json`` imported)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-c", f"import sys, json\n{code}"],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    return done.stdout.strip().splitlines()


def test_importing_the_main_window_imports_no_heavy_library() -> None:
    assert _loaded_after("import petitiondesk.gui.main_window") == set()


def test_the_qt_free_layers_are_imported_before_qt() -> None:
    """PySide6 reads the source of every module imported after it (its __feature__
    check): SQLAlchemy and the models come first."""
    code = "import petitiondesk.gui.app\nprint(json.dumps(list(sys.modules)))"
    order = json.loads(_printed(code)[-1])
    first_qt = order.index("PySide6")
    for name in ("sqlalchemy.orm", "petitiondesk.store.models", "petitiondesk.services.bootstrap"):
        assert order.index(name) < first_qt, name


def test_opening_a_current_database_does_not_import_alembic(tmp_path: Path) -> None:
    path = tmp_path / "x.sqlite"
    Database.open(path, create=True).close()  # created (and migrated) here
    code = (
        "from petitiondesk.store.db import Database\n"
        f"Database.open({str(path)!r}).close()\n"
        "import petitiondesk.gui.main_window"
    )
    assert _loaded_after(code) == set()


def test_revisions_read_from_the_scripts_agree_with_alembic() -> None:
    from alembic.script import ScriptDirectory

    scripts = ScriptDirectory.from_config(migrate.alembic_config())
    assert migrate.head_revision() == scripts.get_current_head()
    assert migrate._revisions()[0] == {rev.revision for rev in scripts.walk_revisions()}


def test_the_shown_window_imports_no_tab_module_but_the_front_ones(tmp_path: Path) -> None:
    """Hidden tabs (and the services only they use) are imported when first used."""
    path = tmp_path / "x.sqlite"
    Database.open(path, create=True).close()
    code = (
        "from PySide6.QtWidgets import QApplication\n"
        "app = QApplication([])\n"
        "from petitiondesk.gui.app import open_database\n"
        "from petitiondesk.gui.main_window import MainWindow\n"
        "from tests.helpers import admin\n"
        f"window = MainWindow(open_database({str(path)!r}), actor=admin())\n"
        "window.show(); app.processEvents()\n"
        "print(json.dumps(sorted(sys.modules)))\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.startswith('petitiondesk.'))))"
    )
    printed = _printed(code)
    loaded = set(json.loads(printed[-1]))
    tops = {m.split(".")[0] for m in json.loads(printed[-2])}
    assert not tops & {*HEAVY, *SERVER_ONLY}, "a SQLite desk's start imports no server library"
    tabs = {m for m in loaded if m.endswith(".tab") and m.startswith("petitiondesk.gui.")}
    assert tabs == {"petitiondesk.gui.tab", "petitiondesk.gui.intake.tab"}
    for package in ("roster", "referral", "closure", "statistics"):
        hidden = {m for m in loaded if m.startswith(f"petitiondesk.gui.{package}.")}
        assert hidden <= {f"petitiondesk.gui.{package}.badge"}, package  # light: the counts
    # Services the start does not use stay unimported (their packages resolve names lazily).
    assert not loaded & {
        "petitiondesk.services.referrals.refer",
        "petitiondesk.services.closure.closing",
        "petitiondesk.services.roster.generation",
        "petitiondesk.services.statistics.reports",
        "petitiondesk.services.appointments.booking",
    }
