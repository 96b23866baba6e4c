"""Shared fixtures: offscreen Qt, a pinned font, a fresh database file per test.

Two backends (issue 14): the ``db`` fixture of the tests under ``tests/store`` and
``tests/services`` runs once on SQLite and once on PostgreSQL (a throw-away cluster
started for the session, see ``tests/pgserver.py``; ``PETITIONDESK_TEST_PG_URL`` names
an existing server instead). ``--backend=sqlite`` leaves PostgreSQL out;
``@pytest.mark.sqlite_only`` marks tests of what exists only on SQLite (the file, its
PRAGMAs, backups). Without a server the PostgreSQL runs skip with the reason, except
under CI (``CI`` set), where that is an error.

GUI tests must never block on a modal dialog: the guard below turns any unexpected
message box, file dialog or input dialog into a test failure, and error dialogs are
recorded instead of shown (request the ``error_dialogs`` fixture to assert on them).
"""

from __future__ import annotations

import os
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
# Deterministic PDFs: the bundled font, whatever the machine has installed.
os.environ.setdefault("PETITIONDESK_FONT", str(ROOT / "resources" / "fonts" / "wqy-microhei.ttc"))

import pytest  # noqa: E402

from petitiondesk.core.identity import Actor, Role  # noqa: E402
from petitiondesk.store.db import Database  # noqa: E402


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "office.sqlite"


def _fill_defaults(database: Database) -> None:
    """The office defaults and two leaders."""
    from petitiondesk.services.bootstrap import ensure_defaults
    from petitiondesk.store.models import Leader

    ensure_defaults(database)
    with database.write() as session:
        session.add_all(
            [
                Leader(name="张建国", title="局长", rotation_order=1),
                Leader(name="李红梅", title="副局长", rotation_order=2),
            ]
        )


BACKENDS = ("sqlite", "postgresql")
BOTH_BACKENDS_UNDER = ("store", "services")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--backend",
        default="sqlite,postgresql",
        help="database backends for tests/store and tests/services (comma-separated)",
    )


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "sqlite_only: the test is about SQLite itself")


def _backends_for(metafunc: pytest.Metafunc) -> list[str]:
    chosen = [b for b in metafunc.config.getoption("--backend").split(",") if b in BACKENDS]
    parts = Path(str(metafunc.definition.path)).relative_to(ROOT / "tests").parts
    if (
        parts[0] not in BOTH_BACKENDS_UNDER
        or "db_path" in metafunc.fixturenames  # the test looks at the SQLite file itself
        or metafunc.definition.get_closest_marker("sqlite_only")
    ):
        return ["sqlite"]
    return chosen or ["sqlite"]


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "backend" in metafunc.fixturenames:
        backends = _backends_for(metafunc)
        if backends != ["sqlite"]:
            metafunc.parametrize("backend", backends, indirect=True)


@pytest.fixture
def backend(request: pytest.FixtureRequest) -> str:
    """``sqlite`` or ``postgresql`` (parametrised under tests/store and tests/services)."""
    return str(getattr(request, "param", "sqlite"))


@pytest.fixture(scope="session")
def pg_server(pytestconfig: pytest.Config) -> Iterator[Any]:
    """A PostgreSQL server for the session, with a template database at head holding the
    office defaults (each test copies it: CREATE DATABASE … TEMPLATE, ~0.1 s)."""
    from tests import pgserver

    if "postgresql" not in pytestconfig.getoption("--backend").split(","):
        pytest.skip("PostgreSQL left out (--backend)")

    given = os.environ.get("PETITIONDESK_TEST_PG_URL")
    try:
        server = pgserver.existing(given) if given else pgserver.start()
    except pgserver.ClusterUnavailable as exc:
        if os.environ.get("CI"):
            pytest.fail(f"PostgreSQL tests: no server could be started under CI: {exc}")
        pytest.skip(f"PostgreSQL tests skipped: no server could be started here ({exc})")
    template = server.create_database("pd_template_" + uuid.uuid4().hex[:8])
    database = Database.open(template, create=True)
    _fill_defaults(database)
    database.close()
    server.template = template
    yield server
    server.drop_database(template)
    server.stop()


@pytest.fixture
def pg_url(pg_server: Any) -> Iterator[str]:
    """A fresh, empty PostgreSQL database (no schema) for this test."""
    url = pg_server.create_database()
    yield url
    pg_server.drop_database(url)


@pytest.fixture
def db(request: pytest.FixtureRequest, backend: str) -> Iterator[Database]:
    """A fresh database with the office defaults and two leaders, on ``backend``."""
    if backend == "postgresql":
        server = request.getfixturevalue("pg_server")
        url = server.create_database(template=server.template)
        database = Database.open(url)
        yield database
        database.close()
        server.drop_database(url)
        return
    database = Database.open(request.getfixturevalue("db_path"), create=True)
    _fill_defaults(database)
    yield database
    database.close()


@pytest.fixture
def gui_actor() -> Actor:
    """Who is signed in to the window in a GUI test (an administrator: every menu is
    there); override the fixture in a test module for another role."""
    from tests.helpers import actor

    return actor("赵丽", Role.ADMIN)


@pytest.fixture(autouse=True)
def _signed_in(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """GUI tests run signed in as ``gui_actor``; the sign-in dialog of a database the test
    opens is answered with that actor (it would block on a modal dialog)."""
    if not _gui_loaded():
        yield
        return
    from petitiondesk.gui import session
    from petitiondesk.gui.accounts import signin

    who: Actor = request.getfixturevalue("gui_actor")
    session.sign_in(who)
    monkeypatch.setattr(signin, "ask", lambda *_a, **_k: who)
    yield
    session.sign_out()


@pytest.fixture(autouse=True)
def _private_qsettings(tmp_path: Path) -> None:
    """QSettings (window size and position) go to the test's folder, never the user's."""
    from PySide6.QtCore import QSettings

    folder = str(tmp_path / "qsettings")
    for scope in (QSettings.Scope.UserScope, QSettings.Scope.SystemScope):
        QSettings.setPath(QSettings.Format.IniFormat, scope, folder)


@pytest.fixture(autouse=True)
def _private_desk_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The desk's choice of database (desk.json) goes to the test's folder, never the user's."""
    monkeypatch.setenv("PETITIONDESK_CONFIG_DIR", str(tmp_path / "desk-config"))


def _gui_loaded() -> bool:
    return "petitiondesk.gui.errors" in sys.modules


@pytest.fixture
def error_dialogs() -> list[Any]:
    """Error reports that would have been shown to the clerk (see the guard below)."""
    return []


@pytest.fixture(autouse=True)
def _modal_dialog_guard(
    request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> Iterator[None]:
    if not _gui_loaded():
        yield
        return
    from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox

    from petitiondesk.gui import errors

    recorded: list[Any] = (
        request.getfixturevalue("error_dialogs") if "error_dialogs" in request.fixturenames else []
    )

    def record(_parent: Any, title: str, report: Any) -> None:
        recorded.append(report)

    def refuse(name: str) -> Any:
        def modal(*_args: Any, **_kwargs: Any) -> Any:
            raise AssertionError(f"unexpected modal dialog in a test: {name}")

        return staticmethod(modal)

    monkeypatch.setattr(errors, "_present", record)
    for owner, name in (
        (QMessageBox, "question"),
        (QMessageBox, "information"),
        (QMessageBox, "warning"),
        (QMessageBox, "critical"),
        (QMessageBox, "about"),
        (QMessageBox, "exec"),  # a question with its own buttons (prompts.ask_export_use)
        (QFileDialog, "getSaveFileName"),
        (QFileDialog, "getOpenFileName"),
        (QInputDialog, "getInt"),
        (QInputDialog, "getText"),
    ):
        monkeypatch.setattr(owner, name, refuse(f"{owner.__name__}.{name}"))
    yield
    if "error_dialogs" not in request.fixturenames:
        assert not recorded, f"unexpected error dialog(s): {[r.text for r in recorded]}"


@pytest.fixture(autouse=True)
def _wait_for_background_work() -> Iterator[None]:
    """Nothing started by a test may still run after it (Vorta tests/unit/conftest.py)."""
    yield
    if "petitiondesk.gui.operations" in sys.modules:
        from petitiondesk.gui import operations

        assert operations.wait_for_all(20_000), "background operations still running"


@pytest.fixture
def main_window(db: Database, qtbot: Any, gui_actor: Actor) -> Iterator[Any]:
    """The main window on the test database, shown and active.

    Not registered with ``qtbot.addWidget``: pytest-qt would close it before this
    fixture's teardown, and closing a window with unsaved input asks the clerk.
    """
    from PySide6.QtWidgets import QApplication

    from petitiondesk.gui import operations
    from petitiondesk.gui.main_window import MainWindow

    window = MainWindow(db, actor=gui_actor)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    yield window
    operations.wait_for_all(20_000)
    window.intake.form.clear_for_next()  # closing must not ask about unsaved input
    for widget in QApplication.topLevelWidgets():  # previews and other dialogs
        if widget is not window and widget.isVisible():
            widget.close()
    window.close()
    window.deleteLater()
    QApplication.processEvents()
