"""The CJK font choice: forced file, installed 宋体/仿宋, bundled fallback, glyph fallback."""

from __future__ import annotations

import io
import logging
import shutil
from pathlib import Path

import pytest
from reportlab.pdfgen.canvas import Canvas

from petitiondesk.printing import fonts
from petitiondesk.printing.fonts import (
    BUNDLED_FONT,
    FONT_ENV,
    MISSING_GLYPH,
    FontError,
    draw_bold_string,
    fallback_font_name,
    find_installed_font,
    font_file_in_use,
    font_for_char,
    register_cjk_font,
    reset_font_cache,
)

DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


def test_forced_bundled_font_is_used_and_cached() -> None:
    name = register_cjk_font()
    assert register_cjk_font() == name  # idempotent
    assert font_file_in_use() == BUNDLED_FONT
    assert fallback_font_name() is None  # the primary is the bundled font already


def test_env_rejects_otf_and_missing_files(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    otf = tmp_path / "NotoSerifCJK-Regular.otf"
    otf.write_bytes(b"OTTO")
    monkeypatch.setenv(FONT_ENV, str(otf))
    reset_font_cache()
    with pytest.raises(FontError, match=r"\.otf"):
        register_cjk_font()
    monkeypatch.setenv(FONT_ENV, str(tmp_path / "nope.ttf"))
    reset_font_cache()
    with pytest.raises(FontError, match="not found"):
        register_cjk_font()


def test_env_broken_font_is_a_clear_error(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    broken = tmp_path / "simsun.ttc"
    broken.write_bytes(b"not a font at all")
    monkeypatch.setenv(FONT_ENV, str(broken))
    reset_font_cache()
    with pytest.raises(FontError, match="simsun.ttc"):
        register_cjk_font()


def test_find_installed_font_prefers_simsun(tmp_path: Path) -> None:
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "STFANGSO.TTF").write_bytes(b"")
    (tmp_path / "NotoSerifCJK-Regular.otf").write_bytes(b"")
    (tmp_path / "a" / "b" / "SimSun.ttc").write_bytes(b"")
    assert find_installed_font([tmp_path]) == tmp_path / "a" / "b" / "SimSun.ttc"
    (tmp_path / "a" / "b" / "SimSun.ttc").unlink()
    assert find_installed_font([tmp_path]) == tmp_path / "STFANGSO.TTF"
    assert find_installed_font([tmp_path / "missing"]) is None


def test_installed_font_is_preferred_with_bundled_fallback(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    installed = tmp_path / "simsun.ttc"
    shutil.copyfile(BUNDLED_FONT, installed)  # stands in for 宋体
    monkeypatch.delenv(FONT_ENV)
    monkeypatch.setattr(fonts, "font_search_dirs", lambda: [tmp_path])
    reset_font_cache()
    assert font_file_in_use() == installed
    assert fallback_font_name() is not None
    assert fallback_font_name() != register_cjk_font()


def test_broken_installed_font_falls_back_to_bundled(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    (tmp_path / "simsun.ttc").write_bytes(b"garbage")
    monkeypatch.delenv(FONT_ENV)
    monkeypatch.setattr(fonts, "font_search_dirs", lambda: [tmp_path])
    reset_font_cache()
    with caplog.at_level(logging.WARNING, logger=fonts.__name__):
        assert font_file_in_use() == BUNDLED_FONT
    assert "installed font skipped" in caplog.text


@pytest.mark.skipif(not DEJAVU.is_file(), reason="DejaVu Sans not installed")
def test_characters_missing_from_primary_use_the_bundled_font(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv(FONT_ENV, str(DEJAVU))  # a Latin-only font as the "installed" one
    reset_font_cache()
    primary = register_cjk_font()
    assert font_for_char("A") == (primary, "A")
    assert font_for_char("张") == (fallback_font_name(), "张")


def test_character_no_font_has_prints_geta_mark_not_tofu() -> None:
    rare = "\U00020bb7"  # 𠮷, CJK Extension B, not in WenQuanYi Micro Hei
    assert font_for_char(rare) == (register_cjk_font(), MISSING_GLYPH)
    assert font_for_char("信")[1] == "信"


def test_bold_is_fill_and_stroke() -> None:
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pageCompression=0)
    width = draw_bold_string(
        canvas, 100, 100, "来访登记单", register_cjk_font(), 22, align="centre", char_space=6
    )
    canvas.showPage()
    canvas.save()
    assert width > 5 * 22
    assert b"2 Tr" in buffer.getvalue()  # text render mode 2: fill, then stroke


def test_windows_lookup_finds_simsun_then_fangsong(tmp_path: Path) -> None:
    system, user = tmp_path / "Windows" / "Fonts", tmp_path / "Local" / "Fonts"
    system.mkdir(parents=True)
    user.mkdir(parents=True)
    assert fonts.find_windows_font([system, user]) is None
    (user / "simfang.ttf").write_bytes(b"")
    assert fonts.find_windows_font([system, user]) == user / "simfang.ttf"
    (system / "simsun.ttc").write_bytes(b"")
    assert fonts.find_windows_font([system, user]) == system / "simsun.ttc"


def test_windows_font_dirs_only_on_windows(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fonts.sys, "platform", "linux")
    assert fonts.windows_font_dirs() == []
    monkeypatch.setattr(fonts.sys, "platform", "win32")
    monkeypatch.setenv("WINDIR", "D:/Win")
    monkeypatch.setenv("LOCALAPPDATA", "D:/Users/zl/AppData/Local")
    assert fonts.windows_font_dirs() == [
        Path("D:/Win") / "Fonts",
        Path("D:/Users/zl/AppData/Local") / "Microsoft" / "Windows" / "Fonts",
    ]


def test_on_windows_simsun_is_printed_with_and_named(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    simsun = tmp_path / "simsun.ttc"
    shutil.copyfile(BUNDLED_FONT, simsun)  # stands in for C:\Windows\Fonts\simsun.ttc
    monkeypatch.delenv(FONT_ENV)
    monkeypatch.setattr(fonts, "windows_font_dirs", lambda: [tmp_path])
    monkeypatch.setattr(fonts, "find_installed_font", lambda: pytest.fail("no walk needed"))
    reset_font_cache()
    assert font_file_in_use() == simsun
    assert fonts.describe_font_in_use() == f"宋体（SimSun）：{simsun}"


def test_font_display_names() -> None:
    assert fonts.font_display_name(Path("C:/Windows/Fonts/SIMFANG.TTF")) == "仿宋（FangSong）"
    assert fonts.font_display_name(BUNDLED_FONT) == "文泉驿微米黑（随程序附带）"
    assert fonts.font_display_name(Path("/x/SomeSong.ttf")) == "SomeSong"
