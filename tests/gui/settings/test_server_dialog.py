"""设置 → 数据库服务器… as a clerk uses it: the fields, a wrong port told under its field,
测试连接 off the UI thread (a fake server here), 保存 keeps the password in the (fake)
keyring and never in the settings file, and the window switches to the server at once."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from petitiondesk import paths
from petitiondesk.core.identity import Actor
from petitiondesk.gui import operations, prompts, server_start
from petitiondesk.gui.main_window import MainWindow
from petitiondesk.gui.settings.server_dialog import ServerDialog
from petitiondesk.services import desk_config, password_store, server_connection
from petitiondesk.services.desk_config import DatabaseChoice, DeskConfig
from petitiondesk.services.result import Result
from petitiondesk.services.server_connection import ServerSettings
from petitiondesk.store.db import Database
from tests.services.keyring_fake import (
    MemoryKeyring,
    memory_keyring_fixture,  # noqa: F401
    no_keyring,
    using,
)

SERVER = ServerSettings(host="db1", port=5432, database="register", user="desk1")


pytestmark = pytest.mark.usefixtures("memory_keyring")


@pytest.fixture
def questions(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The 是/否 questions asked; answered 否 (the switch waits for the next start)."""
    asked: list[str] = []

    def answer(_parent: Any, _title: str, text: str, **_kw: Any) -> bool:
        asked.append(text)
        return False

    monkeypatch.setattr(prompts, "confirm", answer)
    return asked


def open_dialog(main_window: MainWindow) -> ServerDialog:
    main_window.settings_menu.server_action.trigger()
    dialog = main_window.settings_menu.server_dialog
    assert isinstance(dialog, ServerDialog) and dialog.isVisible()
    return dialog


def fill(qtbot: QtBot, dialog: ServerDialog, port: str = "5432", password: str = "pw") -> None:
    dialog.server_choice.click()
    for field, text in (
        (dialog.host, "db1"),
        (dialog.port, port),
        (dialog.database, "register"),
        (dialog.user, "desk1"),
        (dialog.password, password),
    ):
        field.clear()
        qtbot.keyClicks(field, text)


def test_the_menu_entry_opens_the_dialog_on_the_local_file(main_window: MainWindow) -> None:
    assert main_window.settings_menu.server_action in main_window.settings_menu.menu.actions()
    dialog = open_dialog(main_window)
    assert dialog.local_choice.isChecked() and not dialog.host.isEnabled()
    assert dialog.port.text() == "5432"
    assert dialog.save_password.text() == "保存密码到系统密码库"
    assert not dialog.keyring_note.isVisible()
    dialog.server_choice.click()
    assert dialog.host.isEnabled() and dialog.test_button.isEnabled()
    dialog.reject()


def test_a_wrong_port_is_told_under_its_field_and_nothing_is_saved(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    dialog = open_dialog(main_window)
    fill(qtbot, dialog, port="70000")
    qtbot.keyClick(dialog.port, Qt.Key.Key_Return)  # Enter saves
    assert dialog.isVisible()
    assert "1–65535" in dialog.message_text("port")
    assert dialog.message_text("host") == ""
    assert not paths.desk_settings_path().exists()
    dialog.test_button.click()  # the test button checks the fields first, too
    assert dialog.test_operation is None and "1–65535" in dialog.message_text("port")
    dialog.reject()


def test_test_connection_shows_the_version_or_the_reason(
    qtbot: QtBot, main_window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[tuple[ServerSettings, str]] = []

    def fake_test(settings: ServerSettings, password: str) -> Result[str]:
        calls.append((settings, password))
        if password == "pw":
            return Result.success("PostgreSQL 15.4", "连接成功：PostgreSQL 15.4")
        return Result.failure({"password": "用户名或密码错误"})

    monkeypatch.setattr(server_connection, "test_connection", fake_test)
    dialog = open_dialog(main_window)
    fill(qtbot, dialog)
    qtbot.mouseClick(dialog.test_button, Qt.MouseButton.LeftButton)
    assert operations.wait_for_all()
    assert dialog.general.text() == "✓ 连接成功：PostgreSQL 15.4"
    assert not dialog.general.is_error
    dialog.password.setText("wrong")
    qtbot.mouseClick(dialog.test_button, Qt.MouseButton.LeftButton)
    assert operations.wait_for_all()
    assert dialog.message_text("password") == "用户名或密码错误"
    assert calls == [(SERVER, "pw"), (SERVER, "wrong")]
    assert dialog.isVisible() and not paths.desk_settings_path().exists()
    dialog.reject()


def test_saving_keeps_the_password_in_the_keyring_only(
    qtbot: QtBot, main_window: MainWindow, memory_keyring: MemoryKeyring, questions: list[str]
) -> None:
    dialog = open_dialog(main_window)
    fill(qtbot, dialog, password="Geheim-123")
    dialog.save_password.setChecked(True)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert desk_config.load() == DeskConfig(DatabaseChoice.SERVER, SERVER)
    assert "Geheim-123" not in paths.desk_settings_path().read_text(encoding="utf-8")
    assert memory_keyring.entries == {("PetitionDesk", SERVER.label()): "Geheim-123"}
    assert len(questions) == 1 and SERVER.label() in questions[0]  # 否: at the next start
    assert main_window.isVisible()
    again = open_dialog(main_window)  # shown as saved, the password from the keyring
    assert again.server_choice.isChecked() and again.host.text() == "db1"
    assert again.password.text() == "Geheim-123" and again.save_password.isChecked()
    again.save_password.setChecked(False)  # unticked: the keyring forgets it
    qtbot.mouseClick(again.save_button, Qt.MouseButton.LeftButton)
    assert memory_keyring.entries == {}


def test_without_a_keyring_the_dialog_says_the_password_is_asked_at_start(
    qtbot: QtBot, main_window: MainWindow, questions: list[str]
) -> None:
    with using(no_keyring()):
        dialog = open_dialog(main_window)
        assert dialog.keyring_note.isVisible()
        assert dialog.keyring_note.text() == password_store.MSG_NO_KEYRING
        fill(qtbot, dialog)
        assert not dialog.save_password.isEnabled() and not dialog.save_password.isChecked()
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        assert desk_config.load().uses_server
        assert '"pw"' not in paths.desk_settings_path().read_text(encoding="utf-8")


def test_saving_switches_the_window_to_the_server_at_once(
    qtbot: QtBot,
    db: Database,
    gui_actor: Actor,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A file stands in for the server: what is tested is the switch of windows (a window
    of the test's own: the old one is deleted, which the ``main_window`` fixture is not for)."""
    main_window = MainWindow(db, actor=gui_actor)
    main_window.show()
    qtbot.waitExposed(main_window)
    other = tmp_path / "server-standin.sqlite"
    Database.open(other, create=True).close()
    connected: list[tuple[ServerSettings, str]] = []

    def fake_connect(settings: ServerSettings, password: str) -> Result[Database]:
        connected.append((settings, password))
        from petitiondesk.gui import app

        return Result.success(app.open_database(str(other)))

    monkeypatch.setattr(server_start, "connect", fake_connect)
    monkeypatch.setattr(prompts, "confirm", lambda *_a, **_k: True)
    dialog = open_dialog(main_window)
    fill(qtbot, dialog, password="pw")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert operations.wait_for_all()
    assert connected == [(SERVER, "pw")]

    def shown() -> list[MainWindow]:
        widgets = QApplication.topLevelWidgets()
        return [w for w in widgets if isinstance(w, MainWindow) and w.isVisible()]

    qtbot.waitUntil(lambda: len(shown()) == 1 and main_window not in shown())
    assert len(shown()) == 1
    replacement = shown()[0]
    try:
        assert replacement.db.path == other.resolve()
    finally:
        replacement.close()
        replacement.db.close()
        replacement.deleteLater()
        QApplication.processEvents()


def test_a_failed_switch_keeps_the_window_and_says_why(
    qtbot: QtBot,
    main_window: MainWindow,
    monkeypatch: pytest.MonkeyPatch,
    error_dialogs: list[Any],
) -> None:
    monkeypatch.setattr(
        server_start, "connect", lambda *_a: Result.failure({"host": "找不到服务器“db1”"})
    )
    monkeypatch.setattr(prompts, "confirm", lambda *_a, **_k: True)
    dialog = open_dialog(main_window)
    fill(qtbot, dialog)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert operations.wait_for_all()
    assert main_window.isVisible()
    assert len(error_dialogs) == 1 and "找不到服务器“db1”" in error_dialogs[0].text
