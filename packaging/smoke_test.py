"""Smoke test of the bundled program (``make bundle-test``; .ci/run after ``make bundle``).

Runs the one-folder build's executable, never the source tree, offscreen, on a fresh
database in a temporary folder (its own HOME / data folder, so nothing of the user's is
touched):

1. ``--version`` names the version and the build date;
2. ``init`` creates the database, ``demo`` fills it, ``cases`` lists a registration;
3. ``print registration`` writes a slip: a non-empty PDF;
4. the window starts offscreen on that file and quits by itself
   (``PETITIONDESK_QUIT_AFTER_MS``): the Qt plugins load;
5. the database records which version opened it: the command line's record, marked as
   an older program's, is replaced by the window's (窗口, the older one kept as before).

Exits 0 when all pass, 1 with the failing step otherwise; prints the bundle's size.
Needs only the Python standard library (run it with any Python 3.11+).
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APP_NAME = "PetitionDesk"
SIZE_LIMIT_MB = 250
STEP_TIMEOUT_S = 180


class SmokeError(Exception):
    pass


#: The Windows build has a windowed PetitionDesk.exe (no console output) and this one
#: for the command line; the Linux build has one executable for both.
WINDOWS_CLI = "petitiondesk-cli.exe"


def executables(bundle: Path) -> tuple[Path, Path]:
    """(the command-line executable, the window's executable) of the bundle."""
    window = bundle / (f"{APP_NAME}.exe" if sys.platform == "win32" else APP_NAME)
    cli = bundle / WINDOWS_CLI if (bundle / WINDOWS_CLI).is_file() else window
    for exe in (window, cli):
        if not exe.is_file():
            raise SmokeError(f"no executable {exe}: run `make bundle` first")
    return cli, window


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def isolated_env(home: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.pop("PETITIONDESK_FONT", None)  # the bundle chooses its font as on an office PC
    env.update(
        QT_QPA_PLATFORM="offscreen",
        HOME=str(home),
        USERPROFILE=str(home),
        APPDATA=str(home / "AppData" / "Roaming"),
        LOCALAPPDATA=str(home / "AppData" / "Local"),
        XDG_DATA_HOME=str(home / ".local" / "share"),
        XDG_CONFIG_HOME=str(home / ".config"),
        XDG_CACHE_HOME=str(home / ".cache"),
        PYTHONUTF8="1",
    )
    return env


def run(exe: Path, env: dict[str, str], *args: str) -> str:
    started = time.monotonic()
    proc = subprocess.run(
        [str(exe), *args],
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        timeout=STEP_TIMEOUT_S,
        check=False,
    )
    took = time.monotonic() - started
    shown = " ".join(a if len(a) < 40 else "…" + a[-30:] for a in args)
    print(f"  {shown}: exit {proc.returncode} ({took:.1f} s)")
    if proc.returncode != 0 or "Traceback" in proc.stderr:
        raise SmokeError(f"`{shown}` failed (exit {proc.returncode}):\n{proc.stderr.strip()}")
    return proc.stdout


def check_pdf(pdf: Path) -> None:
    if not pdf.is_file() or pdf.stat().st_size == 0:
        raise SmokeError(f"no PDF written: {pdf}")
    if not pdf.read_bytes().startswith(b"%PDF-"):
        raise SmokeError(f"not a PDF: {pdf}")
    print(f"  slip: {pdf.name}, {pdf.stat().st_size} bytes")


#: Pretend an older program last opened the file, so the window has to record itself.
OLDER_VERSION = "0.0.0-smoke"


def recorded_version(db: Path, *, set_older: bool = False) -> tuple[str, str, str]:
    """(version, way, previous version) the database records; ``set_older`` first
    marks it as last opened by :data:`OLDER_VERSION`."""
    conn = sqlite3.connect(db)
    try:
        if set_older:
            with conn:
                conn.execute("UPDATE program_version SET version = ?", (OLDER_VERSION,))
        row = conn.execute(
            "SELECT version, opened_via, previous_version FROM program_version"
        ).fetchone()
    finally:
        conn.close()
    if row is None:
        raise SmokeError("the database does not record the version that opened it")
    return str(row[0]), str(row[1]), str(row[2])


def smoke(bundle: Path) -> None:
    exe, window = executables(bundle)
    with tempfile.TemporaryDirectory(prefix="petitiondesk-smoke-") as tmp:
        home = Path(tmp) / "home"
        home.mkdir()
        env = isolated_env(home)
        db = Path(tmp) / "smoke.sqlite"
        version = run(exe, env, "--version").strip()
        print(f"  version: {version}")
        if "构建于" not in version:
            raise SmokeError(f"--version names no build date: {version!r}")
        run(exe, env, "--db", str(db), "init")
        if not db.is_file():
            raise SmokeError(f"init created no database: {db}")
        run(exe, env, "--db", str(db), "demo", "--visits", "20", "--seed", "1")
        lines = run(exe, env, "--db", str(db), "cases").splitlines()
        if len(lines) < 2:
            raise SmokeError("demo registered nothing (cases lists no row)")
        case = lines[1].split("\t")[0]
        pdf = Path(tmp) / "slip.pdf"
        run(exe, env, "--db", str(db), "print", "registration", "--case", case, "--out", str(pdf))
        check_pdf(pdf)
        number, via, _ = recorded_version(db, set_older=True)
        if via != "命令行" or number != OLDER_VERSION:
            raise SmokeError(f"the command line recorded no version: {number} {via}")
        env["PETITIONDESK_QUIT_AFTER_MS"] = "3000"
        env["PETITIONDESK_SIGNIN"] = "zhaoli:zhaoli-demo-2026"  # the demo's clerk
        run(window, env, "--db", str(db))
        number, via, previous = recorded_version(db)
        print(f"  database last opened by: {number} ({via}; before: {previous})")
        if (via, previous) != ("窗口", OLDER_VERSION) or number not in version:
            raise SmokeError(f"expected the window's record of {version}, found {number} {via}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("bundle", nargs="?", type=Path, default=ROOT / "dist" / APP_NAME)
    args = parser.parse_args(argv)
    started = time.monotonic()
    print(f"smoke test of {args.bundle}")
    try:
        smoke(args.bundle)
    except (SmokeError, subprocess.TimeoutExpired) as exc:
        print(f"SMOKE TEST FAILED: {exc}", file=sys.stderr)
        return 1
    size_mb = folder_size(args.bundle) / 1024 / 1024
    print(f"bundle size: {size_mb:.0f} MB unpacked ({args.bundle})")
    print(f"smoke test passed in {time.monotonic() - started:.0f} s")
    if size_mb > SIZE_LIMIT_MB:
        print(f"warning: the bundle is over {SIZE_LIMIT_MB} MB", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
