"""The desk's choice of database is kept in a small JSON file without the password; the
password goes to the OS keyring (a fake in-memory one here), or nowhere when there is none."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from petitiondesk import paths
from petitiondesk.services import desk_config, password_store
from petitiondesk.services.desk_config import DatabaseChoice, DeskConfig
from petitiondesk.services.server_connection import ServerSettings
from tests.services.keyring_fake import (
    MemoryKeyring,
    memory_keyring_fixture,  # noqa: F401
    no_keyring,
    using,
)

SERVER = ServerSettings(host="db.office.lan", port=5433, database="register", user="desk1")
PASSWORD = "Top$ecret 密码"


def test_without_a_file_the_desk_uses_the_local_file() -> None:
    assert desk_config.load() == DeskConfig()
    assert not desk_config.load().uses_server


def test_the_settings_file_is_under_the_test_folder(tmp_path: Path) -> None:
    assert paths.desk_settings_path().is_relative_to(tmp_path)


def test_the_choice_round_trips_and_the_file_has_no_password(
    memory_keyring: MemoryKeyring,
) -> None:
    config = DeskConfig(choice=DatabaseChoice.SERVER, server=SERVER)
    path = desk_config.save(config)
    assert password_store.save(SERVER, PASSWORD)
    assert desk_config.load() == config and desk_config.load().uses_server
    text = path.read_text(encoding="utf-8")
    assert PASSWORD not in text and "Top$ecret" not in text
    data = json.loads(text)
    assert data["database"] == "server"
    assert data["server"] == {
        "host": "db.office.lan",
        "port": 5433,
        "database": "register",
        "user": "desk1",
    }
    assert not list(path.parent.glob("*.tmp"))


def test_the_server_is_remembered_while_the_local_file_is_chosen() -> None:
    desk_config.save(DeskConfig(choice=DatabaseChoice.LOCAL, server=SERVER))
    loaded = desk_config.load()
    assert loaded.server == SERVER and not loaded.uses_server


@pytest.mark.parametrize(
    "text",
    ["not json", "[]", '{"database": "mars"}', '{"database": "server", "server": {"host": ""}}'],
)
def test_a_damaged_file_means_the_local_file(text: str) -> None:
    paths.desk_settings_path().write_text(text, encoding="utf-8")
    assert not desk_config.load().uses_server


def test_the_password_is_kept_under_the_program_and_the_server(
    memory_keyring: MemoryKeyring,
) -> None:
    assert password_store.available()
    assert password_store.load(SERVER) is None
    assert password_store.save(SERVER, PASSWORD)
    assert memory_keyring.entries == {
        ("PetitionDesk", "desk1@db.office.lan:5433/register"): PASSWORD
    }
    assert password_store.load(SERVER) == PASSWORD
    other = ServerSettings(host="db.office.lan", port=5433, database="register", user="desk2")
    assert password_store.load(other) is None
    password_store.delete(SERVER)
    assert password_store.load(SERVER) is None
    password_store.delete(SERVER)  # nothing left: no error


def test_without_a_keyring_nothing_is_saved_and_nothing_fails() -> None:
    with using(no_keyring()):
        assert not password_store.available()
        assert not password_store.save(SERVER, PASSWORD)
        assert password_store.load(SERVER) is None
        password_store.delete(SERVER)
    assert password_store.MSG_NO_KEYRING.startswith("本机没有可用的密码保管库")


def test_a_failing_keyring_is_reported_as_not_saved(monkeypatch: pytest.MonkeyPatch) -> None:
    class Broken(MemoryKeyring):
        def set_password(self, service: str, username: str, password: str) -> None:
            raise RuntimeError("locked")

        def get_password(self, service: str, username: str) -> str | None:
            raise RuntimeError("locked")

    with using(Broken()):
        assert password_store.available()
        assert not password_store.save(SERVER, PASSWORD)
        assert password_store.load(SERVER) is None
