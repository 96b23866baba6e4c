"""A throw-away PostgreSQL cluster for the tests (issue 14).

``start()`` runs ``initdb`` + ``pg_ctl start`` in a temporary folder on a free loopback
port (as the unprivileged user ``nobody`` when run as root: initdb refuses root) and
returns a :class:`Cluster`; ``Cluster.stop()`` stops it and removes the folder.
``PETITIONDESK_TEST_PG_URL`` set by hand skips all this and uses that server instead.
"""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

SUPERUSER = "pdtest"


class ClusterUnavailable(Exception):
    """No PostgreSQL server could be started here (the reason is the message)."""


def _bin_dir() -> Path:
    override = os.environ.get("PETITIONDESK_PG_BIN")
    candidates = [override] if override else []
    candidates += sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True)
    found = shutil.which("initdb")
    if found:
        candidates.append(str(Path(found).parent))
    for candidate in candidates:
        if candidate and (Path(candidate) / "initdb").exists():
            return Path(candidate)
    raise ClusterUnavailable("未找到 PostgreSQL 服务器程序 (initdb)：apt-get install postgresql")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _as_user() -> list[str]:
    if os.geteuid() != 0:
        return []
    return ["runuser", "-u", "nobody", "--"]


@dataclass
class Cluster:
    """A server the tests may create and drop databases on (``root`` None: not ours)."""

    base_url: str
    root: Path | None = None
    bin_dir: Path | None = None
    template: str = ""

    def url(self, database: str = "postgres") -> str:
        return f"{self.base_url}/{database}"

    def _admin(self) -> Any:
        import psycopg
        from sqlalchemy.engine import make_url

        url = make_url(self.url())
        return psycopg.connect(
            host=url.host,
            port=url.port,
            user=url.username,
            password=url.password,
            dbname="postgres",
            autocommit=True,
        )

    def create_database(self, name: str | None = None, template: str = "") -> str:
        """A new database (a copy of ``template``'s URL if given); returns its URL."""
        name = name or "t_" + uuid.uuid4().hex[:12]
        source = f' TEMPLATE "{template.rsplit("/", 1)[1]}"' if template else ""
        with self._admin() as conn:
            if source and conn.info.server_version >= 150000:
                # copying the files is ~40 % faster than WAL-logging every block (fsync off)
                source += " STRATEGY FILE_COPY"
            conn.execute(f'CREATE DATABASE "{name}"{source}')
        return self.url(name)

    def drop_database(self, url: str) -> None:
        import psycopg

        name = url.rsplit("/", 1)[1]
        with contextlib.suppress(psycopg.Error), self._admin() as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def stop(self) -> None:
        if self.root is None or self.bin_dir is None:
            return
        subprocess.run(
            [
                *_as_user(),
                str(self.bin_dir / "pg_ctl"),
                "-D",
                str(self.root / "data"),
                "-m",
                "immediate",
                "-w",
                "stop",
            ],
            capture_output=True,
            check=False,
            cwd=self.root,
        )
        shutil.rmtree(self.root, ignore_errors=True)


def start() -> Cluster:
    """initdb + pg_ctl start in a fresh temporary folder (ClusterUnavailable if not possible)."""
    bin_dir = _bin_dir()
    root = Path(tempfile.mkdtemp(prefix="pd-pg-"))
    if os.geteuid() == 0:
        shutil.chown(root, user="nobody")
    root.chmod(0o700)
    port = _free_port()
    data = root / "data"
    user = _as_user()
    steps = [
        [
            *user,
            str(bin_dir / "initdb"),
            "-D",
            str(data),
            "-U",
            SUPERUSER,
            "-A",
            "trust",
            "-E",
            "UTF8",
            "--locale=C.UTF-8",
            "--no-sync",
        ],
        [
            *user,
            str(bin_dir / "pg_ctl"),
            "-D",
            str(data),
            "-l",
            str(root / "log"),
            "-w",
            "-o",
            f"-h 127.0.0.1 -p {port} -k {root} -F -c max_connections=60",
            "start",
        ],
    ]
    for step in steps:
        try:
            done = subprocess.run(  # cwd: a folder `nobody` may enter
                step, capture_output=True, text=True, check=False, timeout=120, cwd=root
            )
        except (OSError, subprocess.TimeoutExpired) as exc:
            shutil.rmtree(root, ignore_errors=True)
            raise ClusterUnavailable(f"{Path(step[len(user)]).name}: {exc}") from exc
        if done.returncode != 0:
            log = (root / "log").read_text(encoding="utf-8") if (root / "log").exists() else ""
            shutil.rmtree(root, ignore_errors=True)
            raise ClusterUnavailable(
                f"{Path(step[len(user)]).name} failed: {done.stderr.strip()} {log[-500:]}"
            )
    return Cluster(
        base_url=f"postgresql+psycopg://{SUPERUSER}@127.0.0.1:{port}", root=root, bin_dir=bin_dir
    )


def existing(url: str) -> Cluster:
    """A server given by URL (``postgresql+psycopg://user:pw@host:port[/db]``): the user
    must be allowed to create databases."""
    base = url.rsplit("/", 1)[0] if url.count("/") > 2 else url
    cluster = Cluster(base_url=base)
    try:
        cluster._admin().close()
    except Exception as exc:  # noqa: BLE001 - any failure means: no server
        raise ClusterUnavailable(f"{url}: {exc}") from exc
    return cluster
