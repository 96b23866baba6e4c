"""帮助 → 关于: version and build date, the database and the version that last opened it,
the data folder and the font printing uses (issue 16)."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox

from petitiondesk.gui import about
from petitiondesk.gui.main_window import MainWindow
from petitiondesk.services.program_version import VIA_WINDOW, record_open
from petitiondesk.store.db import Database
from petitiondesk.version import SOURCE_BUILD, BuildInfo, __version__


def _shown(main_window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> tuple[str, str]:
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(
        QMessageBox, "about", staticmethod(lambda _p, title, text: shown.append((title, text)))
    )
    main_window.about_action.trigger()
    assert len(shown) == 1
    return shown[0]


def test_about_shows_version_database_record_data_folder_and_font(
    db: Database, main_window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    record_open(db, VIA_WINDOW)
    title, text = _shown(main_window, monkeypatch)
    assert title == "关于 PetitionDesk"
    assert f"PetitionDesk 信访桌面 {__version__}" in text
    assert SOURCE_BUILD in text  # the tests run from the source tree
    assert str(db.path) in text
    assert f"最近打开此数据库的程序版本：<br><code>{__version__}（" in text and "窗口" in text
    assert "数据文件夹" in text
    assert "打印所用字体：<br><code>文泉驿微米黑（随程序附带）：" in text


def test_about_without_a_record_and_in_a_bundle(
    db: Database, main_window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    bundle = BuildInfo(__version__, "2026-12-04", commit="a56dbe5")
    monkeypatch.setattr(about, "build_info", lambda: bundle)
    _title, text = _shown(main_window, monkeypatch)
    assert "构建于 2026-12-04（a56dbe5）" in text
    assert f"最近打开此数据库的程序版本：<br><code>{about.NO_RECORD}" in text


def test_about_text_escapes_what_it_quotes(db: Database) -> None:
    text = about.about_text(
        db, "/tmp/<a&b>.sqlite", "宋体（SimSun）：C:\\Windows\\Fonts\\simsun.ttc"
    )
    assert "/tmp/&lt;a&amp;b&gt;.sqlite" in text
    assert "C:\\Windows\\Fonts\\simsun.ttc" in text
