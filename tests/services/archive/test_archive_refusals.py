"""What archive_year refuses, and that a cancelled or failed run leaves nothing."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from petitiondesk.core.archive import Retention
from petitiondesk.core.identity import Role
from petitiondesk.services.archive import (
    ArchiveSettings,
    archive_year,
    planned_steps,
    update_archive_settings,
)
from petitiondesk.services.archive.cases import year_cases
from petitiondesk.store.db import Database
from tests.helpers import actor
from tests.services.archive.setup import YEAR, demo_database


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Database, Path]]:
    db, attachments = demo_database(tmp_path_factory.mktemp("refusals"))
    yield db, attachments
    db.close()


def test_open_cases_refused_without_include_open(
    demo: tuple[Database, Path], tmp_path: Path
) -> None:
    db, _ = demo
    result = archive_year(db, YEAR, tmp_path, actor=actor())
    assert not result.ok
    open_count = sum(1 for c in year_cases(db, YEAR) if c.open)
    assert f"还有 {open_count} 件未办结" in result.message
    assert list(tmp_path.iterdir()) == []


def test_refused_without_export_permission(demo: tuple[Database, Path], tmp_path: Path) -> None:
    db, _ = demo
    leader = actor("李局长", Role.LEADER)
    result = archive_year(db, YEAR, tmp_path, actor=leader, include_open=True)
    assert not result.ok and list(tmp_path.iterdir()) == []


def test_refused_without_fonds_no(db: Database, tmp_path: Path) -> None:
    result = archive_year(db, YEAR, tmp_path, actor=actor())
    assert "全宗号" in result.message


def test_an_empty_year_is_refused(demo: tuple[Database, Path], tmp_path: Path) -> None:
    db, _ = demo
    assert "没有登记" in archive_year(db, 1999, tmp_path, actor=actor()).message


def test_cancel_leaves_no_folder(demo: tuple[Database, Path], tmp_path: Path) -> None:
    db, attachments = demo
    cancel = threading.Event()
    seen: list[int] = []

    def progress(done: int) -> None:
        seen.append(done)
        if done == 2:
            cancel.set()

    result = archive_year(db, YEAR, tmp_path, actor=actor(), include_open=True,
                          attachments_dir=attachments, progress=progress, cancel=cancel)  # fmt: skip
    assert not result.ok and "已取消" in result.message
    assert seen == [1, 2]
    assert list(tmp_path.iterdir()) == []


def test_a_failure_leaves_no_folder(demo: tuple[Database, Path], tmp_path: Path) -> None:
    db, attachments = demo

    last = planned_steps(db, YEAR)

    def progress(done: int) -> None:
        if done == last - 1:
            raise RuntimeError("disk full")

    with pytest.raises(RuntimeError):
        archive_year(db, YEAR, tmp_path, actor=actor(), include_open=True,
                     attachments_dir=attachments, progress=progress)  # fmt: skip
    assert list(tmp_path.iterdir()) == []


def test_an_existing_folder_is_not_overwritten(demo: tuple[Database, Path], tmp_path: Path) -> None:
    db, _ = demo
    (tmp_path / str(YEAR)).mkdir()
    (tmp_path / str(YEAR) / "keep.txt").write_text("x", encoding="utf-8")
    result = archive_year(db, YEAR, tmp_path, actor=actor(), include_open=True)
    assert "已存在" in result.message
    assert (tmp_path / str(YEAR) / "keep.txt").exists()


def test_retention_by_category_goes_into_the_code(tmp_path: Path) -> None:
    db, attachments = demo_database(tmp_path)
    try:
        closed = [c for c in year_cases(db, YEAR) if not c.open]
        permanent = closed[0].category
        settings = ArchiveSettings(
            fonds_no="X001", org_code="", by_category={permanent: Retention.PERMANENT}
        )
        assert update_archive_settings(db, settings, actor=actor("管理员", Role.ADMIN)).ok
        result = archive_year(db, YEAR, tmp_path / "out", actor=actor(), include_open=True,
                              attachments_dir=attachments)  # fmt: skip
        assert result.ok, result.message
        names = sorted(p.name for p in (result.unwrap().folder / "件").iterdir())
        expected = sum(1 for c in closed if c.category == permanent)
        assert sum(1 for n in names if n.startswith("X001-WS.2025-Y-")) == expected
        assert "X001-WS.2025-Y-0001.pdf" in names  # no 机构(问题) segment when none is set
    finally:
        db.close()


def test_more_items_than_four_digit_numbers_is_refused_before_anything_is_written(
    demo: tuple[Database, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # 件号 are four digits (at most 9,999 a 保管期限); a smaller limit stands in for a huge year.
    from petitiondesk.services.archive import build

    monkeypatch.setattr(build, "MAX_ITEMS", 2)
    db, _ = demo
    result = archive_year(db, YEAR, tmp_path, actor=actor(), include_open=True)
    assert not result.ok
    assert "超过件号上限 2" in result.message and "未作任何归档" in result.message
    assert list(tmp_path.iterdir()) == []
