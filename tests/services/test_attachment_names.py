"""Issue 9: attachment names that deceive or break Windows, and stored paths that lead
out of the attachments folder."""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import update

from petitiondesk.core.enums import Channel
from petitiondesk.services.attachments import (
    add_attachment,
    attachment_path,
    safe_filename,
    verify_attachment,
)
from petitiondesk.services.intake import VisitInput, register_visit
from petitiondesk.store.db import Database
from petitiondesk.store.models import Attachment
from tests.helpers import actor


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("\u202egpj.exe", "gpj.exe"),  # shows as "exe.jpg" with the override
        ("photo\u200b\u2066.jpg\u2069", "photo.jpg"),
        ("scan\x85\x9f.pdf", "scan.pdf"),
        ("bad\udcff.jpg", "bad_.jpg"),  # an undecodable byte in a Linux file name
        ("CON", "CON_"),
        ("nul.txt", "nul_.txt"),
        ("com1.tar.gz", "com1_.tar.gz"),
        ("LPT9 .pdf", "LPT9_.pdf"),
        ("console.txt", "console.txt"),
        ("长" * 300 + ".tiff", "长" * 115 + ".tiff"),
    ],
)
def test_names_are_visible_windows_safe_and_short(name: str, expected: str) -> None:
    got = safe_filename(name)
    assert got == expected
    assert len(got) <= 120


@pytest.fixture
def petition_id(db: Database) -> int:
    data = VisitInput(
        channel=Channel.LETTER, received_at=datetime(2026, 3, 2, 9, 0), name="王秀英",
        phone="13912345678", category_id=1, summary="来信反映拆迁补偿问题。",
        receiving_officer="赵丽",
    )  # fmt: skip
    return (
        register_visit(db, data, actor=actor("赵丽"), now=datetime(2026, 3, 2, 10))
        .unwrap()
        .petition_id
    )


def test_a_reversed_name_is_stored_as_what_it_is(
    db: Database, petition_id: int, tmp_path: Path
) -> None:
    source = tmp_path / "in" / "\u202egpj.exe"
    source.parent.mkdir()
    source.write_bytes(b"MZ")
    info = add_attachment(
        db, petition_id, source, actor=actor("a"), data_dir=tmp_path / "a"
    ).unwrap()
    assert info.filename == "gpj.exe" and info.stored_path.endswith("/gpj.exe")


@pytest.mark.parametrize("stored", ["../../secret.txt", "/etc/hostname", "2026/../../x.txt"])
def test_a_stored_path_outside_the_folder_is_never_opened(
    db: Database, petition_id: int, tmp_path: Path, stored: str
) -> None:
    store = tmp_path / "data" / "attachments"
    source = tmp_path / "in.pdf"
    source.write_bytes(b"%PDF")
    info = add_attachment(db, petition_id, source, actor=actor("a"), data_dir=store).unwrap()
    (tmp_path / "secret.txt").write_bytes(b"%PDF")
    (tmp_path / "x.txt").write_bytes(b"%PDF")
    with db.write() as session:
        session.execute(update(Attachment).values(stored_path=stored))
    located = attachment_path(db, info.id, data_dir=store)
    assert not located.ok and "附件文件夹以外" in located.errors["file"]
    assert "附件文件夹以外" in verify_attachment(db, info.id, data_dir=store).message


def test_a_link_inside_the_folder_pointing_out_is_refused(
    db: Database, petition_id: int, tmp_path: Path
) -> None:
    store = tmp_path / "attachments"
    source = tmp_path / "in.pdf"
    source.write_bytes(b"%PDF")
    info = add_attachment(db, petition_id, source, actor=actor("a"), data_dir=store).unwrap()
    stored = store / info.stored_path
    stored.unlink()
    os.symlink(tmp_path / "in.pdf", stored)
    assert "附件文件夹以外" in attachment_path(db, info.id, data_dir=store).message
