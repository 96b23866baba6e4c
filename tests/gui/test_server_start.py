"""Start-up on the office's server (the desk's saved choice): the password from the
keyring or asked, a failure told with 重试 / 修改设置… / 打开本机数据文件 / 退出, --db and
PETITIONDESK_DB winning over the choice; a file on a network share is warned about once
per open. A local file stands in for the server (what is tested is the start-up path)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication

from petitiondesk.gui import app as gui_app
from petitiondesk.gui import network_warning, server_start
from petitiondesk.gui.server_start import Outcome, StartChoice
from petitiondesk.services import desk_config, password_store
from petitiondesk.services.desk_config import DatabaseChoice, DeskConfig
from petitiondesk.services.result import Result
from petitiondesk.services.server_connection import ServerSettings
from petitiondesk.store.db import Database
from tests.services.keyring_fake import (
    memory_keyring_fixture,  # noqa: F401
)

SERVER = ServerSettings(host="db1", port=5432, database="register", user="desk1")


pytestmark = pytest.mark.usefixtures("memory_keyring")


@pytest.fixture
def standin(tmp_path: Path) -> Path:
    path = tmp_path / "server-standin.sqlite"
    Database.open(path, create=True).close()
    return path


@pytest.fixture
def local(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The desk's local file (in the test's folder)."""
    path = tmp_path / "data" / "petitiondesk.sqlite"
    monkeypatch.setattr(gui_app, "default_database_path", lambda: path)
    return path


class FakeServer:
    """``server_start.connect``: refuses passwords other than ``good``; records attempts."""

    def __init__(self, standin: Path, good: str = "pw") -> None:
        self.standin, self.good = standin, good
        self.attempts: list[tuple[ServerSettings, str]] = []

    def __call__(self, settings: ServerSettings, password: str) -> Result[Database]:
        self.attempts.append((settings, password))
        if password != self.good:
            return Result.failure({"password": "用户名或密码错误"})
        return Result.success(gui_app.open_database(str(self.standin)))


@pytest.fixture
def server(standin: Path, monkeypatch: pytest.MonkeyPatch) -> FakeServer:
    fake = FakeServer(standin)
    monkeypatch.setattr(server_start, "connect", fake)
    desk_config.save(DeskConfig(DatabaseChoice.SERVER, SERVER))
    return fake


def answers(monkeypatch: pytest.MonkeyPatch, name: str, *values: Any) -> list[Any]:
    """Replace ``server_start.<name>`` by one that gives ``values`` in turn; the calls."""
    calls: list[Any] = []
    queue = list(values)

    def give(*args: Any) -> Any:
        calls.append(args)
        return queue.pop(0)

    monkeypatch.setattr(server_start, name, give)
    return calls


def opened(result: Database | int) -> Database:
    assert isinstance(result, Database)
    return result


def test_the_saved_server_opens_with_the_password_from_the_keyring(
    qapp: QApplication, server: FakeServer, standin: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    password_store.save(SERVER, "pw")
    asked = answers(monkeypatch, "ask_password")
    db = opened(gui_app.start_database(None))
    try:
        assert db.path == standin.resolve()
        assert server.attempts == [(SERVER, "pw")] and asked == []
    finally:
        db.close()


def test_without_a_kept_password_it_is_asked_and_a_wrong_one_asked_again(
    qapp: QApplication, server: FakeServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked = answers(monkeypatch, "ask_password", "bad", "pw")
    failures = answers(monkeypatch, "ask_after_failure", StartChoice.RETRY)
    db = opened(gui_app.start_database(None))
    db.close()
    assert [password for _s, password in server.attempts] == ["bad", "pw"]
    assert len(asked) == 2
    assert "db1" in failures[0][0] and "用户名或密码错误" in failures[0][0]


def test_after_a_failure_the_clerk_may_open_the_local_file(
    qapp: QApplication, server: FakeServer, local: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    answers(monkeypatch, "ask_password", None)  # cancelled
    failures = answers(monkeypatch, "ask_after_failure", StartChoice.LOCAL)
    db = opened(gui_app.start_database(None))
    try:
        assert db.path == local.resolve() and local.is_file()
        assert server.attempts == []
        assert server_start.MSG_NO_PASSWORD in failures[0][0]
    finally:
        db.close()


def test_after_a_failure_the_clerk_may_quit(
    qapp: QApplication, server: FakeServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    answers(monkeypatch, "ask_password", "bad")
    answers(monkeypatch, "ask_after_failure", StartChoice.QUIT)
    assert gui_app.start_database(None) == 0


def test_after_a_failure_the_settings_can_be_edited(
    qapp: QApplication, server: FakeServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    other = ServerSettings(host="db2", port=5433, database="register", user="desk1")
    answers(monkeypatch, "ask_password", "bad")
    answers(monkeypatch, "ask_after_failure", StartChoice.EDIT)
    edits = answers(monkeypatch, "edit_settings", (DeskConfig(DatabaseChoice.SERVER, other), "pw"))
    db = opened(gui_app.start_database(None))
    db.close()
    assert server.attempts == [(SERVER, "bad"), (other, "pw")]
    assert edits[0][0] == DeskConfig(DatabaseChoice.SERVER, SERVER)


def test_edited_to_the_local_file_opens_it(
    qapp: QApplication, server: FakeServer, local: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    answers(monkeypatch, "ask_password", "bad")
    answers(monkeypatch, "ask_after_failure", StartChoice.EDIT)
    answers(monkeypatch, "edit_settings", (DeskConfig(DatabaseChoice.LOCAL, SERVER), ""))
    assert server_start.open_saved_server() is Outcome.LOCAL


def test_db_on_the_command_line_and_the_environment_win_over_the_saved_server(
    qapp: QApplication,
    server: FakeServer,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    given = tmp_path / "given.sqlite"
    Database.open(given, create=True).close()
    db = opened(gui_app.start_database(str(given)))
    db.close()
    monkeypatch.setenv(gui_app.DB_ENV, str(given))
    db = opened(gui_app.start_database(None))
    db.close()
    assert db.path == given.resolve() and server.attempts == []


def test_a_file_on_a_network_share_is_warned_about_once_per_open(
    qapp: QApplication, local: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(network_warning, "is_network_path", lambda _path: True)
    monkeypatch.setattr(network_warning, "show_warning", lambda _p, _t, text: shown.append(text))
    db = opened(gui_app.start_database(None))
    db.close()
    assert len(shown) == 1
    assert str(local.resolve()) in shown[0]
    assert "多个窗口同时写会损坏登记簿，请改用办公室数据库服务器" in shown[0]


def test_a_local_file_is_not_warned_about(
    qapp: QApplication, local: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(network_warning, "show_warning", pytest.fail)
    db = opened(gui_app.start_database(None))
    db.close()


def test_the_real_question_after_a_failure_offers_four_choices(
    qapp: QApplication, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QMessageBox

    seen: dict[str, Any] = {}

    def exec_(box: QMessageBox) -> int:
        seen["buttons"] = [button.text() for button in box.buttons()]
        local_button = next(b for b in box.buttons() if b.text() == StartChoice.LOCAL.value)
        local_button.click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", exec_)
    assert server_start.ask_after_failure("无法连接") is StartChoice.LOCAL
    assert sorted(seen["buttons"]) == sorted(choice.value for choice in StartChoice)


def test_opening_a_file_on_a_share_from_the_window_warns_too(
    main_window: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from petitiondesk.gui.database_switch import open_in_place_of

    other = tmp_path / "other.sqlite"
    Database.open(other, create=True).close()
    shown: list[Any] = []
    monkeypatch.setattr(network_warning, "is_network_path", lambda _path: True)
    monkeypatch.setattr(network_warning, "show_warning", lambda *args: shown.append(args))
    replacement = open_in_place_of(main_window, other, create=False)
    assert replacement is not None
    try:
        assert len(shown) == 1 and shown[0][0] is main_window
    finally:
        replacement.close()
        replacement.db.close()
        replacement.deleteLater()
        QApplication.processEvents()
