"""Attachments: copied into the data folder, hashed, never overwritten, never half-copied."""

from __future__ import annotations

import hashlib
import json
import os
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select

from petitiondesk.core.enums import Channel
from petitiondesk.services import attachments
from petitiondesk.services.attachments import (
    add_attachment,
    attachment_path,
    list_attachments,
    safe_filename,
    verify_attachment,
)
from petitiondesk.services.intake import VisitInput, register_visit
from petitiondesk.store.db import Database
from petitiondesk.store.models import Attachment, AuditLog
from tests.helpers import actor


@pytest.fixture
def petition_id(db: Database) -> int:
    data = VisitInput(
        channel=Channel.LETTER,
        received_at=datetime(2026, 3, 2, 9, 0),
        name="王秀英",
        phone="13912345678",
        category_id=1,
        summary="来信反映拆迁补偿问题。",
        receiving_officer="赵丽",
    )
    return (
        register_visit(db, data, actor=actor("赵丽"), now=datetime(2026, 3, 2, 10))
        .unwrap()
        .petition_id
    )


@pytest.fixture
def store(tmp_path: Path) -> Path:
    return tmp_path / "data" / "attachments"


def scan(tmp_path: Path, name: str = "来信扫描.pdf", data: bytes = b"%PDF-1.4 letter") -> Path:
    source = tmp_path / "in" / name
    source.parent.mkdir(parents=True, exist_ok=True)
    source.write_bytes(data)
    return source


def count_rows(db: Database) -> int:
    with db.read() as session:
        return int(session.scalar(select(func.count(Attachment.id))) or 0)


def test_add_copies_hashes_records_and_audits(
    db: Database, petition_id: int, store: Path, tmp_path: Path
) -> None:
    source = scan(tmp_path)
    result = add_attachment(db, petition_id, source, actor=actor("赵丽"), data_dir=store)
    assert result.ok, result.errors
    info = result.unwrap()
    assert info.stored_path == "2026/2026-00001/来信扫描.pdf"
    assert info.sha256 == hashlib.sha256(b"%PDF-1.4 letter").hexdigest() and info.size == 15
    copied = store / "2026" / "2026-00001" / "来信扫描.pdf"
    assert copied.read_bytes() == source.read_bytes() and source.exists()
    assert attachment_path(db, info.id, data_dir=store).unwrap() == copied
    assert list_attachments(db, petition_id) == [info]
    assert verify_attachment(db, info.id, data_dir=store).ok
    with db.read() as session:
        row = session.scalar(select(AuditLog).where(AuditLog.action == "add_attachment"))
        assert row is not None and row.actor == "赵丽"
        assert json.loads(row.after)["sha256"] == info.sha256
    assert [p.name for p in copied.parent.iterdir()] == ["来信扫描.pdf"]  # no temp files left


def test_same_name_never_overwrites(
    db: Database, petition_id: int, store: Path, tmp_path: Path
) -> None:
    first = add_attachment(
        db, petition_id, scan(tmp_path, data=b"one"), actor=actor("a"), data_dir=store
    ).unwrap()
    second = add_attachment(
        db, petition_id, scan(tmp_path, data=b"two"), actor=actor("a"), data_dir=store
    ).unwrap()
    third = add_attachment(
        db, petition_id, scan(tmp_path, data=b"3"), actor=actor("a"), data_dir=store
    ).unwrap()
    assert [first.filename, second.filename, third.filename] == [
        "来信扫描.pdf",
        "来信扫描 (2).pdf",
        "来信扫描 (3).pdf",
    ]
    folder = store / "2026" / "2026-00001"
    assert (folder / "来信扫描.pdf").read_bytes() == b"one"
    assert (folder / "来信扫描 (2).pdf").read_bytes() == b"two"
    assert [a.id for a in list_attachments(db, petition_id)] == [first.id, second.id, third.id]


def test_missing_directory_and_unknown_petition_are_refused(
    db: Database, petition_id: int, store: Path, tmp_path: Path
) -> None:
    missing = add_attachment(
        db, petition_id, tmp_path / "nope.jpg", actor=actor("a"), data_dir=store
    )
    assert missing.errors["file"].startswith("找不到文件")
    folder = add_attachment(db, petition_id, tmp_path, actor=actor("a"), data_dir=store)
    assert folder.errors["file"].startswith("不是文件")
    unknown = add_attachment(db, 999, scan(tmp_path), actor=actor("a"), data_dir=store)
    assert "找不到该信访事项" in unknown.message
    assert count_rows(db) == 0 and not store.exists()


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads everything")
def test_unreadable_file_is_refused(
    db: Database, petition_id: int, store: Path, tmp_path: Path
) -> None:
    source = scan(tmp_path)
    source.chmod(0)
    try:
        result = add_attachment(db, petition_id, source, actor=actor("a"), data_dir=store)
    finally:
        source.chmod(0o644)
    assert "无法读取" in result.errors["file"]
    assert count_rows(db) == 0


def test_read_error_mid_copy_leaves_nothing(
    db: Database, petition_id: int, store: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_open = open

    class Failing:
        def __init__(self, path: object, mode: str) -> None:
            self.fh = real_open(path, mode)  # noqa: SIM115

        def __enter__(self) -> Failing:
            return self

        def __exit__(self, *exc: object) -> None:
            self.fh.close()

        def read(self, _n: int) -> bytes:
            raise OSError(5, "Input/output error")

    def fake_open(path: object, mode: str = "r", *args: object, **kwargs: object) -> object:
        if mode == "rb" and str(path).endswith("来信扫描.pdf"):
            return Failing(path, mode)
        return real_open(path, mode, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr("builtins.open", fake_open)
    result = add_attachment(db, petition_id, scan(tmp_path), actor=actor("a"), data_dir=store)
    monkeypatch.undo()
    assert (
        result.errors["file"].startswith("复制附件失败")
        and "Input/output error" in result.errors["file"]
    )
    assert count_rows(db) == 0
    assert list((store / "2026" / "2026-00001").iterdir()) == []


def test_failed_database_save_removes_the_copy(
    db: Database, petition_id: int, store: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken_record(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(attachments.audit, "record", broken_record)
    with pytest.raises(RuntimeError):
        add_attachment(db, petition_id, scan(tmp_path), actor=actor("a"), data_dir=store)
    assert count_rows(db) == 0
    assert list((store / "2026" / "2026-00001").iterdir()) == []


def test_verify_detects_changed_and_missing_files(
    db: Database, petition_id: int, store: Path, tmp_path: Path
) -> None:
    info = add_attachment(
        db, petition_id, scan(tmp_path), actor=actor("a"), data_dir=store
    ).unwrap()
    path = attachment_path(db, info.id, data_dir=store).unwrap()
    path.write_bytes(b"%PDF-1.4 lettex")  # same size, other content
    changed = verify_attachment(db, info.id, data_dir=store)
    assert not changed.ok and "不一致" in changed.message
    path.unlink()
    gone = verify_attachment(db, info.id, data_dir=store)
    assert not gone.ok and "已丢失" in gone.message
    assert "已丢失" in attachment_path(db, info.id, data_dir=store).message
    assert not verify_attachment(db, 999, data_dir=store).ok


def test_default_folder_is_in_the_user_data_dir(
    db: Database, petition_id: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(attachments.paths, "user_data_dir", lambda: tmp_path / "userdata")
    info = add_attachment(db, petition_id, scan(tmp_path), actor=actor("a")).unwrap()
    assert (tmp_path / "userdata" / "attachments" / info.stored_path).is_file()
    assert attachment_path(db, info.id).ok


@pytest.mark.parametrize(
    "name, expected",
    [
        ("scan.jpg", "scan.jpg"),
        ('a<b>:c"d|e?f*.png', "a_b__c_d_e_f_.png"),
        ("..hidden", "hidden"),
        ("name. ", "name"),
        ("", "附件"),
        ("...", "附件"),
        ("长" * 300 + ".tiff", "长" * 115 + ".tiff"),
    ],
)
def test_safe_filename(name: str, expected: str) -> None:
    assert safe_filename(name) == expected
