"""The office's PostgreSQL server as a desk connects to it (issue 14, settings screen).

:class:`ServerSettings` (host, port, database, user — never the password) is what the desk
remembers; :func:`parse_settings` checks what the clerk typed (Chinese messages per field);
:meth:`ServerSettings.url` builds the ``postgresql+psycopg://`` URL with the password
URL-escaped; :func:`test_connection` connects with a short timeout, asks ``SELECT version()``
and says in Chinese what failed (:func:`explain_connect_error`). The password is never
logged and never part of a message.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from typing import Any

from sqlalchemy.engine import URL

from .result import Result

log = logging.getLogger(__name__)

DEFAULT_PORT = 5432
CONNECT_TIMEOUT_S = 5
#: The oldest server the program supports (server_version_num).
MIN_SERVER_VERSION = 120000
APPLICATION_NAME = "PetitionDesk"
DRIVER = "postgresql+psycopg"
MAX_NAME_BYTES = 63  # PostgreSQL's NAMEDATALEN - 1

_HOST = re.compile(r"^[A-Za-z0-9._\-]+$|^\[?[0-9A-Fa-f:.]+\]?$")
#: What a database or user name may not contain (spaces, quotes, URL and SQL punctuation).
_BAD_NAME_CHARS = re.compile(r"[\s'\"`;/\\@:?#=&%,]")

MSG_HOST_MISSING = "请填写服务器地址（计算机名或 IP 地址）"
MSG_HOST_BAD = "服务器地址只能含字母、数字、点和减号（不能有空格、引号）"
MSG_PORT_BAD = "端口须为 1–65535 之间的数字（PostgreSQL 默认 5432）"
MSG_NAME_MISSING = "请填写{what}"
MSG_NAME_BAD = "{what}不能含空格、引号或 / \\ @ : ; 等符号"
MSG_NAME_LONG = "{what}太长（最多 63 个字节）"
FIELD_NAMES = {"database": "数据库名", "user": "用户名"}

MSG_NO_DRIVER = (
    "本机未安装 PostgreSQL 支持（psycopg）。请安装带 postgres 选项的程序："
    "pip install petitiondesk[postgres]"
)
MSG_HOST_UNKNOWN = "找不到服务器“{host}”：请检查服务器地址（计算机名或 IP 地址）"
MSG_REFUSED = (
    "服务器“{host}”的 {port} 端口没有 PostgreSQL 在运行：请检查端口，或请管理员启动数据库服务"
)
MSG_UNREACHABLE = "连接服务器“{host}”超时：服务器未开机、网络不通或被防火墙挡住"
MSG_BAD_PASSWORD = "用户名或密码错误：服务器拒绝了用户“{user}”的密码"
MSG_NO_PASSWORD = "请填写密码：服务器要求用户“{user}”输入密码"
MSG_NO_USER = "服务器上没有用户“{user}”：请检查用户名，或请管理员创建该用户"
MSG_NO_DATABASE = "服务器上没有数据库“{database}”：请检查数据库名，或请管理员创建该数据库"
MSG_NOT_ALLOWED = "服务器不允许本机连接（pg_hba.conf 中没有本机的条目）：请管理员放行本机"
MSG_TOO_MANY = "服务器连接数已满，请稍后再试或请管理员调大 max_connections"
MSG_STARTING = "数据库服务正在启动或关闭，请稍后再试"
MSG_OTHER = "无法连接到数据库服务器：{detail}"
MSG_NOT_POSTGRES = "该服务器不是 PostgreSQL（报告的版本：{version}）"
MSG_TOO_OLD = "服务器的 PostgreSQL 版本过旧（{version}）：本程序需要 PostgreSQL 12 或更高版本"
MSG_CONNECTED = "连接成功：{version}"


@dataclass(frozen=True)
class ServerSettings:
    """Where the office's database server is; the password is not part of it."""

    host: str
    port: int = DEFAULT_PORT
    database: str = "petitiondesk"
    user: str = "petitiondesk"

    def url(self, password: str | None) -> URL:
        """The SQLAlchemy URL (``connect_timeout`` and ``application_name`` included)."""
        return URL.create(
            DRIVER,
            username=self.user,
            password=password or None,
            host=self.host.strip("[]"),
            port=self.port,
            database=self.database,
            query={
                "connect_timeout": str(CONNECT_TIMEOUT_S),
                "application_name": APPLICATION_NAME,
            },
        )

    def url_text(self, password: str | None) -> str:
        """:meth:`url` as text, the password URL-escaped (for ``Database.open``; never log it)."""
        return self.url(password).render_as_string(hide_password=False)

    def label(self) -> str:
        """``user@host:port/database``: the keyring entry's name and what the clerk sees."""
        return f"{self.user}@{self.host}:{self.port}/{self.database}"

    def to_dict(self) -> dict[str, Any]:
        return {"host": self.host, "port": self.port, "database": self.database, "user": self.user}


def _name_error(value: str, what: str) -> str | None:
    if not value:
        return MSG_NAME_MISSING.format(what=what)
    if _BAD_NAME_CHARS.search(value):
        return MSG_NAME_BAD.format(what=what)
    if len(value.encode("utf-8")) > MAX_NAME_BYTES:
        return MSG_NAME_LONG.format(what=what)
    return None


def _port(text: str | int) -> int | None:
    value = str(text).strip()
    if not value.isascii() or not value.isdigit():
        return None
    port = int(value)
    return port if 1 <= port <= 65535 else None


def parse_settings(host: str, port: str | int, database: str, user: str) -> Result[ServerSettings]:
    """What the clerk typed as :class:`ServerSettings`, or a message per field
    (``host``, ``port``, ``database``, ``user``)."""
    host, database, user = host.strip(), database.strip(), user.strip()
    errors: dict[str, str] = {}
    if not host:
        errors["host"] = MSG_HOST_MISSING
    elif len(host) > 253 or not _HOST.match(host):
        errors["host"] = MSG_HOST_BAD
    number = _port(port)
    if number is None:
        errors["port"] = MSG_PORT_BAD
    for key, value in (("database", database), ("user", user)):
        message = _name_error(value, FIELD_NAMES[key])
        if message:
            errors[key] = message
    if errors or number is None:
        return Result.failure(errors)
    return Result.success(ServerSettings(host=host, port=number, database=database, user=user))


def settings_from_dict(data: object) -> ServerSettings | None:
    """Settings read back from the desk's file; None when they are missing or not valid."""
    if not isinstance(data, dict):
        return None
    values = [data.get(key, "") for key in ("host", "port", "database", "user")]
    if not all(isinstance(value, str | int) for value in values):
        return None
    parsed = parse_settings(*(str(value) for value in values))
    return parsed.value if parsed.ok else None


_MESSAGE_PATTERNS: tuple[tuple[str, str, str], ...] = (
    # (text in libpq's message, field, message)
    ("password authentication failed", "password", MSG_BAD_PASSWORD),
    ("no password supplied", "password", MSG_NO_PASSWORD),
    ("no pg_hba.conf entry", "host", MSG_NOT_ALLOWED),
    ("too many clients", "", MSG_TOO_MANY),
    ("starting up", "", MSG_STARTING),
    ("shutting down", "", MSG_STARTING),
    ("connection refused", "port", MSG_REFUSED),
    ("failed to resolve host", "host", MSG_HOST_UNKNOWN),
    ("could not translate host name", "host", MSG_HOST_UNKNOWN),
    ("name or service not known", "host", MSG_HOST_UNKNOWN),
    ("nodename nor servname", "host", MSG_HOST_UNKNOWN),
    ("no such host", "host", MSG_HOST_UNKNOWN),
    ("timeout expired", "host", MSG_UNREACHABLE),
    ("timed out", "host", MSG_UNREACHABLE),
    ("no route to host", "host", MSG_UNREACHABLE),
    ("network is unreachable", "host", MSG_UNREACHABLE),
)

_SQLSTATES: dict[str, tuple[str, str]] = {
    "28P01": ("password", MSG_BAD_PASSWORD),
    "3D000": ("database", MSG_NO_DATABASE),
    "53300": ("", MSG_TOO_MANY),
    "57P03": ("", MSG_STARTING),
}


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__


def explain_connect_error(exc: BaseException, settings: ServerSettings) -> tuple[str, str]:
    """``(field, Chinese message)`` for a failed connection (field "" when no one field
    is at fault); works on psycopg's errors by SQLSTATE and by libpq's message text."""
    names = {"host": settings.host, "port": settings.port}
    names |= {"user": settings.user, "database": settings.database}
    sqlstate = getattr(exc, "sqlstate", None)
    if isinstance(sqlstate, str) and sqlstate in _SQLSTATES:
        field, message = _SQLSTATES[sqlstate]
        return field, message.format(**names)
    text = str(exc).lower()
    if "database" in text and "does not exist" in text:
        return "database", MSG_NO_DATABASE.format(**names)
    if "role" in text and "does not exist" in text:
        return "user", MSG_NO_USER.format(**names)
    for needle, field, message in _MESSAGE_PATTERNS:
        if needle in text:
            return field, message.format(**names)
    return "", MSG_OTHER.format(detail=_first_line(exc))


def _connect(settings: ServerSettings, password: str) -> Any:
    import psycopg  # the optional extra petitiondesk[postgres]

    return psycopg.connect(
        host=settings.host.strip("[]"),
        port=settings.port,
        dbname=settings.database,
        user=settings.user,
        password=password,
        connect_timeout=CONNECT_TIMEOUT_S,
        application_name=APPLICATION_NAME,
    )


def check_version(version: str, number: int) -> str | None:
    """A message when the server is not PostgreSQL ≥ 12; None when it will do."""
    if not version.startswith("PostgreSQL"):
        return MSG_NOT_POSTGRES.format(version=version[:80])
    if number < MIN_SERVER_VERSION:
        return MSG_TOO_OLD.format(version=version.split(" on ")[0].split(",")[0])
    return None


def short_version(version: str) -> str:
    """``PostgreSQL 15.4 (Debian 15.4-1)`` out of ``SELECT version()``'s long line."""
    return version.split(" on ")[0].split(",")[0].strip()


def test_connection(settings: ServerSettings, password: str) -> Result[str]:
    """Connect (timeout :data:`CONNECT_TIMEOUT_S`), ask the server's version; the short
    version on success, else the Chinese reason (keyed by the field at fault)."""
    try:
        connection = _connect(settings, password)
    except ImportError:
        return Result.failure({"": MSG_NO_DRIVER})
    except Exception as exc:  # noqa: BLE001 — every driver error becomes a message
        field, message = explain_connect_error(exc, settings)
        log.info("test connection to %s failed: %s", settings.label(), type(exc).__name__)
        return Result.failure({field: message})
    try:
        with connection:
            row = connection.execute("SELECT version()").fetchone()
            version = str(row[0]) if row else ""
            number = int(getattr(connection.info, "server_version", 0) or 0)
    except Exception as exc:  # noqa: BLE001
        field, message = explain_connect_error(exc, settings)
        return Result.failure({field: message})
    refusal = check_version(version, number)
    if refusal:
        return Result.failure({"": refusal})
    shown = short_version(version)
    return Result.success(shown, MSG_CONNECTED.format(version=shown))
