"""测试连接 against a real, throw-away PostgreSQL server (tests/pgserver.py): the version
is reported, a missing database and a missing user are told in Chinese. Skipped with the
reason when no server can be started here (never in CI)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy.engine import make_url

from petitiondesk.services import server_connection
from petitiondesk.services.server_connection import ServerSettings
from tests import pgserver


@pytest.fixture
def cluster(pg_server: pgserver.Cluster) -> pgserver.Cluster:
    """The session's throw-away server (tests/conftest.py ``pg_server``)."""
    return pg_server


@pytest.fixture
def settings(cluster: pgserver.Cluster) -> Iterator[ServerSettings]:
    url = make_url(cluster.create_database())
    yield ServerSettings(
        host=url.host or "", port=url.port or 5432, database=url.database or "",
        user=url.username or "",
    )  # fmt: skip
    cluster.drop_database(cluster.url(url.database or ""))


def _password(cluster: pgserver.Cluster) -> str:
    return make_url(cluster.url()).password or ""


def test_a_real_server_reports_its_version(
    cluster: pgserver.Cluster, settings: ServerSettings
) -> None:
    result = server_connection.test_connection(settings, _password(cluster))
    assert result.ok, result.message
    assert result.unwrap().startswith("PostgreSQL ")
    assert result.message.startswith("连接成功：PostgreSQL ")


def test_a_missing_database_and_user_are_told(
    cluster: pgserver.Cluster, settings: ServerSettings
) -> None:
    password = _password(cluster)
    missing_db = ServerSettings(settings.host, settings.port, "no_such_register", settings.user)
    result = server_connection.test_connection(missing_db, password)
    assert result.errors == {
        "database": server_connection.MSG_NO_DATABASE.format(database="no_such_register")
    }
    missing_user = ServerSettings(settings.host, settings.port, settings.database, "nobody_here")
    result = server_connection.test_connection(missing_user, password)
    assert result.errors == {"user": server_connection.MSG_NO_USER.format(user="nobody_here")}
