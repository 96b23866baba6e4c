"""The office's server as the desk connects to it: what the clerk types is checked field by
field, the URL escapes the password, connection failures are told in Chinese."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy.engine import make_url

from petitiondesk.services import server_connection as sc
from petitiondesk.services.server_connection import ServerSettings, parse_settings

SERVER = ServerSettings(host="db.office.lan", port=5432, database="register", user="desk1")


def test_good_settings_are_accepted_and_trimmed() -> None:
    result = parse_settings(" 192.168.1.20 ", "5433", "register", "desk1")
    assert result.ok
    assert result.unwrap() == ServerSettings("192.168.1.20", 5433, "register", "desk1")


@pytest.mark.parametrize(
    ("host", "port", "database", "user", "field", "text"),
    [
        ("", "5432", "db", "u", "host", "请填写服务器地址"),
        ("my server", "5432", "db", "u", "host", "不能有空格"),
        ("a'b", "5432", "db", "u", "host", "不能有空格"),
        ("h", "0", "db", "u", "port", "1–65535"),
        ("h", "65536", "db", "u", "port", "1–65535"),
        ("h", "54x", "db", "u", "port", "1–65535"),
        ("h", "", "db", "u", "port", "1–65535"),
        ("h", "5432", "", "u", "database", "请填写数据库名"),
        ("h", "5432", "my db", "u", "database", "不能含空格"),
        ("h", "5432", 'db"', "u", "database", "引号"),
        ("h", "5432", "db", "", "user", "请填写用户名"),
        ("h", "5432", "db", "u;drop", "user", "不能含空格"),
        ("h", "5432", "x" * 64, "u", "database", "太长"),
    ],
)
def test_each_bad_field_gets_its_own_message(
    host: str, port: str, database: str, user: str, field: str, text: str
) -> None:
    result = parse_settings(host, port, database, user)
    assert not result.ok
    assert list(result.errors) == [field]
    assert text in result.errors[field]


def test_all_bad_fields_are_reported_at_once() -> None:
    result = parse_settings("", "99999", "", "")
    assert set(result.errors) == {"host", "port", "database", "user"}


def test_the_url_escapes_the_password_and_carries_the_timeout() -> None:
    password = "p@ss:w/rd?#%&="
    text = SERVER.url_text(password)
    assert text.startswith("postgresql+psycopg://desk1:")
    assert password not in text  # escaped
    url = make_url(text)
    assert url.password == password
    assert (url.host, url.port, url.database, url.username) == (
        "db.office.lan",
        5432,
        "register",
        "desk1",
    )
    assert url.query["connect_timeout"] == "5"
    assert password not in str(SERVER.url(password))  # a URL printed by mistake hides it


def test_the_label_names_the_keyring_entry() -> None:
    assert SERVER.label() == "desk1@db.office.lan:5432/register"


class FakeError(Exception):
    def __init__(self, message: str, sqlstate: str | None = None) -> None:
        super().__init__(message)
        self.sqlstate = sqlstate


@pytest.mark.parametrize(
    ("error", "field", "text"),
    [
        (FakeError("x", "28P01"), "password", "密码错误"),
        (
            FakeError('connection failed: FATAL:  password authentication failed for user "desk1"'),
            "password",
            "密码错误",
        ),
        (FakeError("fe_sendauth: no password supplied"), "password", "请填写密码"),
        (
            FakeError('FATAL:  database "register" does not exist'),
            "database",
            "没有数据库“register”",
        ),
        (FakeError("x", "3D000"), "database", "没有数据库"),
        (FakeError('FATAL:  role "desk1" does not exist'), "user", "没有用户“desk1”"),
        (
            FakeError(
                'connection to server at "10.0.0.9", port 5432 failed: Connection refused\n\t'
                "Is the server running on that host and accepting TCP/IP connections?"
            ),
            "port",
            "5432 端口没有 PostgreSQL",
        ),
        (
            FakeError(
                "failed to resolve host 'db.office.lan': [Errno -2] Name or service not known"
            ),
            "host",
            "找不到服务器“db.office.lan”",
        ),
        (FakeError("connection timeout expired"), "host", "超时"),
        (FakeError("could not connect: No route to host"), "host", "超时"),
        (FakeError('FATAL:  no pg_hba.conf entry for host "10.0.0.5"'), "host", "不允许本机连接"),
        (FakeError("x", "53300"), "", "连接数已满"),
        (FakeError("FATAL:  the database system is starting up"), "", "正在启动"),
        (
            FakeError("something odd happened\nsecond line"),
            "",
            "无法连接到数据库服务器：something odd",
        ),
    ],
)
def test_driver_errors_become_chinese_messages(error: Exception, field: str, text: str) -> None:
    got_field, message = sc.explain_connect_error(error, SERVER)
    assert got_field == field
    assert text in message
    assert "second line" not in message


class FakeInfo:
    server_version = 150004


class FakeConnection:
    info = FakeInfo()

    def __init__(
        self,
        version: str = "PostgreSQL 15.4 (Debian 15.4-1) on x86_64-pc-linux-gnu, compiled by gcc",
    ) -> None:
        self.version = version
        self.closed = False

    def __enter__(self) -> FakeConnection:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.closed = True

    def execute(self, sql: str) -> Any:
        assert sql == "SELECT version()"
        version = self.version

        class Cursor:
            def fetchone(self) -> tuple[str]:
                return (version,)

        return Cursor()


def test_a_good_server_reports_its_version(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: dict[str, Any] = {}
    connection = FakeConnection()

    def connect(settings: ServerSettings, password: str) -> FakeConnection:
        seen["args"] = (settings, password)
        return connection

    monkeypatch.setattr(sc, "_connect", connect)
    result = sc.test_connection(SERVER, "secret")
    assert result.ok and result.unwrap() == "PostgreSQL 15.4 (Debian 15.4-1)"
    assert result.message == "连接成功：PostgreSQL 15.4 (Debian 15.4-1)"
    assert seen["args"] == (SERVER, "secret")
    assert connection.closed


def test_an_old_server_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    connection = FakeConnection("PostgreSQL 11.22 on x86_64-pc-linux-gnu")
    monkeypatch.setattr(FakeInfo, "server_version", 112200)
    monkeypatch.setattr(sc, "_connect", lambda *_a: connection)
    result = sc.test_connection(SERVER, "secret")
    assert not result.ok
    assert "版本过旧（PostgreSQL 11.22）" in result.message and "12 或更高" in result.message


def test_a_server_that_is_not_postgresql_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sc, "_connect", lambda *_a: FakeConnection("CockroachDB CCL v23.1"))
    result = sc.test_connection(SERVER, "secret")
    assert not result.ok and "不是 PostgreSQL" in result.message


def test_a_failed_connection_names_the_field_and_hides_the_password(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def refuse(*_a: object) -> None:
        raise FakeError("x", "28P01")

    monkeypatch.setattr(sc, "_connect", refuse)
    with caplog.at_level("DEBUG"):
        result = sc.test_connection(SERVER, "Top$ecret1")
    assert result.errors == {"password": sc.MSG_BAD_PASSWORD.format(user="desk1")}
    assert "Top$ecret1" not in caplog.text and "Top$ecret1" not in result.message


def test_without_psycopg_the_extra_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    def missing(*_a: object) -> None:
        raise ImportError("No module named 'psycopg'")

    monkeypatch.setattr(sc, "_connect", missing)
    result = sc.test_connection(SERVER, "x")
    assert not result.ok and "petitiondesk[postgres]" in result.message


def test_an_unreachable_port_is_told_by_the_real_driver() -> None:
    pytest.importorskip("psycopg")
    closed = ServerSettings(host="127.0.0.1", port=1, database="register", user="desk1")
    result = sc.test_connection(closed, "x")
    assert result.errors == {"port": sc.MSG_REFUSED.format(host="127.0.0.1", port=1)}
