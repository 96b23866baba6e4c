"""Attachments (附件): scanned letters and photos copied into the data folder and hashed.

Files live under ``<data_dir>/<year>/<register_no>/`` where ``data_dir`` defaults to
``paths.user_data_dir()/"attachments"``; the database stores the path relative to that
folder, so the whole data folder can be moved or restored from a backup. A copy never
overwrites a file: a name already taken becomes ``name (2).ext``. The file is copied to a
temporary name first and its SHA-256 computed on the way; only a complete copy gets its
real name, and if the database save fails the copy is removed again, so nothing is ever
left half-copied.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import tempfile
import unicodedata
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Final

from sqlalchemy import select

from petitiondesk import paths
from petitiondesk.core.identity import Actor
from petitiondesk.core.permissions import Permission, refusal
from petitiondesk.store.db import Database
from petitiondesk.store.models import Attachment, Petition

from . import audit
from .result import Result

_CHUNK: Final = 1 << 20
_MAX_NAME: Final = 120  # characters of a stored file name (the column holds 200)
# Characters Windows refuses in file names, and control characters.
_UNSAFE: Final = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]')
_MAX_TRIES: Final = 1000
_RESERVED: Final = frozenset(
    {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"}
    | {f"{port}{n}" for port in ("COM", "LPT") for n in (*"123456789", "¹", "²", "³")}
)
MSG_OUTSIDE: Final = "附件记录指向附件文件夹以外的位置，为安全起见不予打开：{name}"


@dataclass(frozen=True)
class AttachmentInfo:
    id: int
    petition_id: int
    filename: str  # the stored file's name (may differ from the original: "scan (2).jpg")
    stored_path: str  # relative to the attachments folder, "/" separators
    sha256: str
    size: int
    added_at: datetime


def attachments_dir(data_dir: Path | None = None) -> Path:
    return Path(data_dir) if data_dir is not None else paths.user_data_dir() / "attachments"


def _visible(name: str) -> str:
    """Drop invisible format and control characters (a right-to-left override makes
    "\u202egpj.exe" look like "exe.jpg"); an undecodable byte (lone surrogate) becomes "_"."""
    kept = []
    for ch in name:
        if "\ud800" <= ch <= "\udfff":
            kept.append("_")
        elif unicodedata.category(ch) not in ("Cf", "Cc"):
            kept.append(ch)
    return "".join(kept)


def _not_reserved(name: str) -> str:
    """Windows refuses CON, NUL, COM1 … as a name, also with an extension (con.txt)."""
    first, dot, rest = name.partition(".")
    if first.rstrip(" ").upper() in _RESERVED:
        return f"{first}_{dot}{rest}"
    return name


def safe_filename(name: str) -> str:
    """A file name safe on Windows and Linux: no path separators, reserved characters,
    invisible format characters or reserved device names (CON, NUL, …); no leading dots
    or trailing dots/spaces; at most ``_MAX_NAME`` characters with the extension kept;
    "附件" if nothing is left."""
    name = unicodedata.normalize("NFC", _visible(name))
    name = _UNSAFE.sub("_", name).strip().lstrip(".").rstrip(". ")
    if not name:
        return "附件"
    stem, dot, ext = name.rpartition(".")
    if not dot or not stem:
        stem, ext = name, ""
    ext = ext[:16]
    room = _MAX_NAME - (len(ext) + 1 if ext else 0)
    stem = stem[:room].rstrip(". ") or "附件"
    return _not_reserved(f"{stem}.{ext}" if ext else stem)


def _candidates(name: str) -> list[str]:
    stem, dot, ext = name.rpartition(".")
    if not dot or not stem:
        stem, ext = name, ""
    suffix = f".{ext}" if ext else ""
    return [name] + [f"{stem} ({n}){suffix}" for n in range(2, _MAX_TRIES + 2)]


def _info(row: Attachment) -> AttachmentInfo:
    return AttachmentInfo(
        id=row.id,
        petition_id=row.petition_id,
        filename=row.filename,
        stored_path=row.stored_path,
        sha256=row.sha256,
        size=row.size,
        added_at=row.added_at,
    )


def _copy_hashing(source: Path, target_dir: Path) -> tuple[Path, str, int]:
    """Copy ``source`` to a temporary file in ``target_dir``; returns (temp, sha256, size).
    The temporary file is removed on any error."""
    fd, tmp_name = tempfile.mkstemp(prefix=".attach-", suffix=".part", dir=target_dir)
    tmp = Path(tmp_name)
    digest = hashlib.sha256()
    size = 0
    try:
        with open(source, "rb") as src, os.fdopen(fd, "wb") as dst:
            while chunk := src.read(_CHUNK):
                digest.update(chunk)
                dst.write(chunk)
                size += len(chunk)
            dst.flush()
            os.fsync(dst.fileno())
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return tmp, digest.hexdigest(), size


def _place(tmp: Path, target_dir: Path, name: str) -> Path:
    """Give the finished copy its name without overwriting anything: reserve the first
    free name (exclusive create), then move the copy onto the reserved name."""
    for candidate in _candidates(name):
        final = target_dir / candidate
        try:
            with open(final, "xb"):
                pass
        except FileExistsError:
            continue
        os.replace(tmp, final)
        return final
    raise FileExistsError(f"too many files named {name!r} in {target_dir}")


def _os_message(exc: OSError) -> str:
    return exc.strerror or str(exc)


def add_attachment(
    db: Database,
    petition_id: int,
    source_path: Path | str,
    *,
    actor: Actor,
    data_dir: Path | None = None,
) -> Result[AttachmentInfo]:
    """Copy ``source_path`` into the petition's attachment folder, hash it and record it
    (one Attachment row and one audit row). Failures come back in Chinese; on failure no
    file is left behind and nothing is recorded."""
    if why := refusal(actor, Permission.REGISTER):
        return Result.failure({"": why})
    source = Path(source_path)
    if not source.exists():
        return Result.failure({"file": f"找不到文件：{source}"})
    if not source.is_file():
        return Result.failure({"file": f"不是文件，不能作为附件：{source}"})
    if not os.access(source, os.R_OK):
        return Result.failure({"file": f"无法读取文件（没有权限）：{source}"})
    with db.read() as session:
        found = session.execute(
            select(Petition.year, Petition.register_no).where(Petition.id == petition_id)
        ).one_or_none()
    if found is None:
        return Result.failure({"": "找不到该信访事项，附件未添加"})
    year, register_no = found
    root = attachments_dir(data_dir)
    relative_dir = Path(str(year)) / register_no
    target_dir = root / relative_dir
    try:
        target_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        return Result.failure({"file": f"无法创建附件文件夹 {target_dir}：{_os_message(exc)}"})
    try:
        tmp, sha256, size = _copy_hashing(source, target_dir)
    except PermissionError:
        return Result.failure({"file": f"无法读取文件（没有权限）：{source}"})
    except OSError as exc:
        return Result.failure({"file": f"复制附件失败：{source}（{_os_message(exc)}）"})
    try:
        final = _place(tmp, target_dir, safe_filename(source.name))
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        return Result.failure({"file": f"保存附件失败：{_os_message(exc)}"})
    try:
        with db.write() as session:
            row = Attachment(
                petition_id=petition_id,
                filename=final.name,
                stored_path=(relative_dir / final.name).as_posix(),
                sha256=sha256,
                size=size,
            )
            session.add(row)
            audit.record(
                session,
                actor=actor,
                action="add_attachment",
                entity=row,
                summary=f"{register_no} 添加附件 {final.name}（原文件 {source.name}）",
            )
            session.flush()
            session.refresh(row)
            value = _info(row)
    except BaseException:
        with contextlib.suppress(OSError):
            final.unlink()
        raise
    return Result.success(value, f"已添加附件：{value.filename}")


def list_attachments(db: Database, petition_id: int) -> list[AttachmentInfo]:
    """The petition's attachments in the order they were added."""
    with db.read() as session:
        rows = session.scalars(
            select(Attachment).where(Attachment.petition_id == petition_id).order_by(Attachment.id)
        )
        return [_info(row) for row in rows]


def attachment_path(
    db: Database, attachment_id: int, *, data_dir: Path | None = None
) -> Result[Path]:
    """Where the attachment's file is (to open it); a failure if the record or the file
    is missing."""
    with db.read() as session:
        row = session.get(Attachment, attachment_id)
        if row is None:
            return Result.failure({"": "找不到该附件记录"})
        root = attachments_dir(data_dir)
        path = root / Path(row.stored_path)
        name = row.filename
    if not _inside(path, root):
        return Result.failure({"file": MSG_OUTSIDE.format(name=name)})
    if not path.is_file():
        return Result.failure({"file": f"附件文件已丢失：{name}（应在 {path}）"})
    return Result.success(path)


def _inside(path: Path, root: Path) -> bool:
    """True if ``path`` (links and ".." resolved) lies within ``root``."""
    try:
        return path.resolve().is_relative_to(root.resolve())
    except (OSError, RuntimeError, ValueError):  # a link loop, a bad name
        return False


def verify_attachment(
    db: Database, attachment_id: int, *, data_dir: Path | None = None
) -> Result[AttachmentInfo]:
    """Re-read the file and compare size and SHA-256 with the record: success when the
    file is intact, a failure saying what is wrong otherwise."""
    located = attachment_path(db, attachment_id, data_dir=data_dir)
    if not located.ok:
        return Result.failure(located.errors, located.message)
    path = located.unwrap()
    with db.read() as session:
        row = session.get(Attachment, attachment_id)
        assert row is not None
        info = _info(row)
    digest = hashlib.sha256()
    size = 0
    try:
        with open(path, "rb") as fh:
            while chunk := fh.read(_CHUNK):
                digest.update(chunk)
                size += len(chunk)
    except OSError as exc:
        return Result.failure({"file": f"无法读取附件 {info.filename}：{_os_message(exc)}"})
    if size != info.size or digest.hexdigest() != info.sha256:
        return Result.failure(
            {"file": f"附件 {info.filename} 与登记时不一致（文件已被修改或损坏）"}
        )
    return Result.success(info, f"附件 {info.filename} 完好")
