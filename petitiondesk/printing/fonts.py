"""The CJK font every printed page uses.

Offices print in 宋体 or 仿宋. If the PC has one of those as a TrueType file we use it
(on Windows: C:\\Windows\\Fonts\\simsun.ttc, else simfang.ttf, looked up directly);
otherwise we fall back to the bundled WenQuanYi Micro Hei so a PDF never shows tofu boxes.
reportlab always embeds (a subset of) a TrueType font, so the PDF prints the same anywhere.

``PETITIONDESK_FONT=/path/to/font.ttf`` (or ``.ttc``, optionally ``.ttc#1`` to pick a
face of a collection) forces one file; tests use it to pin the bundled font.

Bold: reportlab has no synthetic bold for TrueType fonts. Everything "bold" on our forms
(letterhead, titles) is drawn with text render mode 2 (fill + stroke) and a stroke width
of ``BOLD_STROKE_RATIO`` x the font size; see :func:`draw_bold_string`. Nothing uses
``<b>`` in a paragraph.
"""

from __future__ import annotations

import logging
import os
import re
import sys
import threading
import zlib
from dataclasses import dataclass
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont
from reportlab.pdfgen.canvas import Canvas

from petitiondesk.paths import FONTS_DIR

log = logging.getLogger(__name__)

FONT_ENV = "PETITIONDESK_FONT"
BUNDLED_FONT = FONTS_DIR / "wqy-microhei.ttc"

# Stroke width of fake bold, relative to the font size (0.03 x 22pt title = 0.66pt).
BOLD_STROKE_RATIO = 0.03

# Printed in place of a character that no available font can draw (the 'geta mark'
# Chinese typesetters use for a missing glyph) instead of an empty .notdef box.
MISSING_GLYPH = "\u3013"  # 〓

# Known 宋体/仿宋 TrueType files, best first (compared case-insensitively). OpenType/CFF
# files (.otf, Noto/Source Han) are left out on purpose: reportlab cannot embed CFF.
# FZSTK.TTF (方正舒体) is a calligraphic script face, wrong for an official form.
PREFERRED_FONT_FILES: tuple[str, ...] = (
    "simsun.ttc",  # 宋体 / 新宋体 (Windows)
    "simsun.ttf",
    "simfang.ttf",  # 仿宋 (Windows)
    "仿宋_gb2312.ttf",
    "fs_gb2312.ttf",
    "stsong.ttf",  # 华文宋体 (Office)
    "stfangso.ttf",  # 华文仿宋 (Office)
    "stzhongs.ttf",  # 华文中宋 (Office)
    "fzssjw.ttf",  # 方正书宋简体
    "fzfsjw.ttf",  # 方正仿宋简体
    "uming.ttc",  # AR PL UMing, a Ming/Song face (Linux fonts-arphic-uming)
)

# On Windows every office PC has these (宋体, 仿宋): looked up directly, before any walk.
WINDOWS_FONT_FILES: tuple[str, ...] = ("simsun.ttc", "simfang.ttf")

# What 关于 calls a font file (by lower-case file name); other files go by their name.
FONT_DISPLAY_NAMES: dict[str, str] = {
    "simsun.ttc": "宋体（SimSun）",
    "simsun.ttf": "宋体（SimSun）",
    "simfang.ttf": "仿宋（FangSong）",
    "仿宋_gb2312.ttf": "仿宋_GB2312",
    "fs_gb2312.ttf": "仿宋_GB2312",
    "stsong.ttf": "华文宋体",
    "stfangso.ttf": "华文仿宋",
    "stzhongs.ttf": "华文中宋",
    "fzssjw.ttf": "方正书宋简体",
    "fzfsjw.ttf": "方正仿宋简体",
    "uming.ttc": "AR PL UMing（明体）",
    "wqy-microhei.ttc": "文泉驿微米黑（随程序附带）",
}

# Don't walk forever through a huge fonts tree.
_MAX_SCAN_ENTRIES = 20_000
_MAX_SCAN_DEPTH = 4


class FontError(RuntimeError):
    """No usable CJK font (the forced file is broken, or the bundled font is missing)."""


@dataclass(frozen=True)
class _Registered:
    name: str
    path: Path
    subfont_index: int
    font: TTFont


_lock = threading.Lock()
_primary: _Registered | None = None
_fallback: _Registered | None = None
_char_cache: dict[tuple[str, str], tuple[str, str]] = {}


def font_search_dirs() -> list[Path]:
    """Where installed fonts are looked for (only the ones that exist are scanned)."""
    dirs = [
        Path("/usr/share/fonts"),
        Path("/usr/local/share/fonts"),
        Path.home() / ".fonts",
        Path.home() / ".local" / "share" / "fonts",
    ]
    return dirs + _windows_dirs()


def _windows_dirs() -> list[Path]:
    windir = os.environ.get("WINDIR") or os.environ.get("SYSTEMROOT") or r"C:\Windows"
    dirs = [Path(windir) / "Fonts"]
    local_appdata = os.environ.get("LOCALAPPDATA")
    if local_appdata:  # per-user installs on Windows 10+
        dirs.append(Path(local_appdata) / "Microsoft" / "Windows" / "Fonts")
    return dirs


def windows_font_dirs() -> list[Path]:
    """The Windows fonts folders (system, then per-user); empty on other systems."""
    return _windows_dirs() if sys.platform == "win32" else []


def find_windows_font(dirs: list[Path] | None = None) -> Path | None:
    """宋体 (simsun.ttc), else 仿宋 (simfang.ttf), in the Windows fonts folders; None if
    neither is there. No directory walk: Windows keeps them at a fixed place."""
    for filename in WINDOWS_FONT_FILES:
        for folder in dirs if dirs is not None else windows_font_dirs():
            candidate = folder / filename
            if candidate.is_file():
                return candidate
    return None


def find_installed_font(dirs: list[Path] | None = None) -> Path | None:
    """The best installed 宋体/仿宋 TrueType file, or None. Bounded, cheap directory walk."""
    wanted = {name: rank for rank, name in enumerate(PREFERRED_FONT_FILES)}
    best: tuple[int, Path] | None = None
    seen = 0
    for root in dirs if dirs is not None else font_search_dirs():
        if not root.is_dir():
            continue
        base_depth = len(root.parts)
        for dirpath, dirnames, filenames in os.walk(root, onerror=lambda _e: None):
            depth = len(Path(dirpath).parts) - base_depth
            if depth >= _MAX_SCAN_DEPTH:
                dirnames[:] = []
            for filename in filenames:
                seen += 1
                rank = wanted.get(filename.lower())
                if rank is not None and (best is None or rank < best[0]):
                    best = (rank, Path(dirpath) / filename)
            seen += len(dirnames)
            if seen > _MAX_SCAN_ENTRIES or (best is not None and best[0] == 0):
                return best[1] if best else None
    return best[1] if best else None


def _split_index(spec: str) -> tuple[Path, int]:
    """``/x/font.ttc#1`` -> (Path('/x/font.ttc'), 1); no suffix -> index 0."""
    match = re.fullmatch(r"(.*)#(\d+)", spec)
    if match:
        return Path(match.group(1)), int(match.group(2))
    return Path(spec), 0


def _register(path: Path, subfont_index: int) -> _Registered:
    if path.suffix.lower() == ".otf":
        raise FontError(f"{path}: OpenType/CFF fonts (.otf) cannot be embedded; use .ttf/.ttc")
    if not path.is_file():
        raise FontError(f"{path}: font file not found")
    stem = re.sub(r"[^A-Za-z0-9]+", "-", path.stem).strip("-") or "font"
    # The name encodes the file so that switching fonts (tests) never reuses a stale entry.
    name = f"PD-{stem}-{subfont_index}-{zlib.crc32(str(path.resolve()).encode()):08x}"
    try:
        font = pdfmetrics.getFont(name)
    except KeyError:
        try:
            font = TTFont(name, str(path), subfontIndex=subfont_index)
        except (TTFError, OSError, ValueError) as exc:
            raise FontError(f"{path}: cannot use this font for PDF: {exc}") from exc
        pdfmetrics.registerFont(font)
        # One face for every style: a stray <b>/<i> in paragraph markup stays in this font.
        pdfmetrics.registerFontFamily(name, normal=name, bold=name, italic=name, boldItalic=name)
    if not isinstance(font, TTFont):  # pragma: no cover - our names are always TTFonts
        raise FontError(f"{name} is registered but is not a TrueType font")
    return _Registered(name, path, subfont_index, font)


def _choose() -> tuple[_Registered, _Registered | None]:
    bundled = _register(BUNDLED_FONT, 0) if BUNDLED_FONT.is_file() else None
    forced = os.environ.get(FONT_ENV, "").strip()
    primary: _Registered | None = None
    if forced:
        primary = _register(*_split_index(forced))
    else:
        installed = find_windows_font() or find_installed_font()
        if installed is not None:
            try:
                primary = _register(installed, 0)
            except FontError as exc:
                log.warning("installed font skipped: %s", exc)
    if primary is None:
        if bundled is None:
            raise FontError(f"bundled font missing: {BUNDLED_FONT}")
        primary = bundled
    fallback = bundled if bundled is not None and bundled.name != primary.name else None
    log.info("CJK font for printing: %s (index %d)", primary.path, primary.subfont_index)
    return primary, fallback


def _ensure() -> tuple[_Registered, _Registered | None]:
    global _primary, _fallback
    with _lock:
        if _primary is None:
            _primary, _fallback = _choose()
        return _primary, _fallback


def register_cjk_font() -> str:
    """Register the CJK font with reportlab (once) and return its reportlab font name."""
    return _ensure()[0].name


def font_file_in_use() -> Path:
    """The font file behind :func:`register_cjk_font`."""
    return _ensure()[0].path


def font_display_name(path: Path) -> str:
    """What the clerk calls the font in ``path``: 宋体（SimSun）, 仿宋（FangSong）…"""
    return FONT_DISPLAY_NAMES.get(path.name.lower(), path.stem)


def describe_font_in_use() -> str:
    """The font printed forms use, for 关于: ``宋体（SimSun）：C:\\Windows\\Fonts\\simsun.ttc``."""
    path = font_file_in_use()
    return f"{font_display_name(path)}：{path}"


def fallback_font_name() -> str | None:
    """The bundled font, registered as a per-character fallback when the primary font is
    an installed one (e.g. a rare name character that 宋体 lacks). None if not needed."""
    fallback = _ensure()[1]
    return fallback.name if fallback else None


def reset_font_cache() -> None:
    """Forget the chosen font (tests, or after the user installs a font)."""
    global _primary, _fallback
    with _lock:
        _primary = _fallback = None
        _char_cache.clear()


def has_glyph(font_name: str, char: str) -> bool:
    """True if the registered TrueType font ``font_name`` can draw ``char``."""
    font = pdfmetrics.getFont(font_name)
    face = getattr(font, "face", None)
    char_to_glyph = getattr(face, "charToGlyph", None)
    if char_to_glyph is None:  # pragma: no cover - not a TrueType font
        return True
    return ord(char) in char_to_glyph


def draw_bold_string(
    canvas: Canvas,
    x: float,
    y: float,
    text: str,
    font_name: str,
    size: float,
    *,
    align: str = "left",
    char_space: float = 0.0,
) -> float:
    """Draw ``text`` in fake bold (fill + stroke) on one line; return its width.

    ``align`` is "left", "centre" or "right" relative to ``x``. ``char_space`` adds
    letter spacing (official titles are often spaced: 来 访 登 记 单).
    """
    width = float(pdfmetrics.stringWidth(text, font_name, size))
    width += char_space * max(len(text) - 1, 0)
    if align in ("centre", "center"):
        x -= width / 2
    elif align == "right":
        x -= width
    canvas.saveState()
    canvas.setLineWidth(size * BOLD_STROKE_RATIO)
    canvas.setLineJoin(1)
    obj = canvas.beginText(x, y)
    obj.setFont(font_name, size)
    obj.setCharSpace(char_space)
    obj.setTextRenderMode(2)
    obj.textOut(text)
    canvas.drawText(obj)
    canvas.restoreState()
    return width


def font_for_char(char: str) -> tuple[str, str]:
    """(font name, character to print) for one character: the primary CJK font, else the
    bundled fallback font if it has the glyph, else :data:`MISSING_GLYPH` (never an empty
    tofu box)."""
    primary, fallback = _ensure()
    key = (primary.name, char)
    hit = _char_cache.get(key)
    if hit is not None:
        return hit
    result = (primary.name, char)
    if char != "\n" and not has_glyph(primary.name, char):
        if fallback is not None and has_glyph(fallback.name, char):
            result = (fallback.name, char)
        else:
            log.warning("no font can print U+%04X; printing %s instead", ord(char), MISSING_GLYPH)
            if has_glyph(primary.name, MISSING_GLYPH) or fallback is None:
                result = (primary.name, MISSING_GLYPH)
            else:
                result = (fallback.name, MISSING_GLYPH)
    if len(_char_cache) < 100_000:
        _char_cache[key] = result
    return result


def font_runs(text: str) -> list[tuple[str, str]]:
    """Split ``text`` into (font name, text) runs using :func:`font_for_char`."""
    runs: list[tuple[str, str]] = []
    for char in text:
        font, printed = font_for_char(char)
        if runs and runs[-1][0] == font:
            runs[-1] = (font, runs[-1][1] + printed)
        else:
            runs.append((font, printed))
    return runs
