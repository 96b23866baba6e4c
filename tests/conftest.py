"""Shared fixtures: offscreen Qt, a pinned font, a fresh database file per test.

GUI tests must never block on a modal dialog: the guard below turns any unexpected
message box, file dialog or input dialog into a test failure, and error dialogs are
recorded instead of shown (request the ``error_dialogs`` fixture to assert on them).
"""

from __future__ import annotations

import os
import sys
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


@pytest.fixture
def db(db_path: Path) -> Iterator[Database]:
    """A fresh database with the office defaults and two leaders."""
    from petitiondesk.services.bootstrap import ensure_defaults
    from petitiondesk.store.models import Leader

    database = Database.open(db_path, create=True)
    ensure_defaults(database)
    with database.write() as session:
        session.add_all(
            [
                Leader(name="张建国", title="局长", rotation_order=1),
                Leader(name="李红梅", title="副局长", rotation_order=2),
            ]
        )
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
