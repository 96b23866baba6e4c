"""What the Linux and the Windows PyInstaller specs share (imported by both .spec files).

One-folder build: ``dist/PetitionDesk/PetitionDesk[.exe]`` plus ``_internal/`` holding the
Python runtime, the Qt libraries and plugins the program uses, and the data the program
reads at run time (nothing is fetched at run time):

* ``forms/`` (the printed forms as TOML) and ``resources/`` (the bundled WenQuanYi Micro
  Hei font: the fallback for printing and for the window when the PC has no Chinese font);
* ``petitiondesk/store/migrations/`` as source files (alembic reads them from disk);
* ``petitiondesk/build_info.json``: version and build date, written here at build time;
* Qt: platforms (xcb, offscreen, minimal on Linux; windows on Windows), print support,
  PDF (QtPdf + QtPdfWidgets for the print preview), image formats, and only the
  ``qtbase_zh_CN`` translation.  Qt modules the program never imports (WebEngine,
  Qml/Quick, 3D, Multimedia, Network …) and big libraries it does not need are excluded.

chinesecalendar keeps its holiday table in Python modules, collected like any import.
"""

from __future__ import annotations

import datetime as _dt
import json
import os
import platform
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APP_NAME = "PetitionDesk"
ENTRY = str(ROOT / "packaging" / "entry.py")

# Python packages the program does not use at run time (test and build tools that the
# development venv has, and optional extras that libraries try to import).
EXCLUDED_MODULES = [
    "tkinter",
    "unittest",
    "pydoc_data",
    "pytest",
    "_pytest",
    "pytestqt",
    "hypothesis",
    "mypy",
    "mypyc",
    "ruff",
    "pypdf",
    "IPython",
    "numpy",
    "pandas",
    "matplotlib",
    "PyInstaller",
    "setuptools",
    "pkg_resources",
    "pip",
    "PySide6.QtNetwork",
    "PySide6.QtQml",
    "PySide6.QtQuick",
    "PySide6.QtQuickWidgets",
    "PySide6.QtWebEngineCore",
    "PySide6.QtWebEngineWidgets",
    "PySide6.QtWebChannel",
    "PySide6.Qt3DCore",
    "PySide6.QtMultimedia",
    "PySide6.QtOpenGL",
    "PySide6.QtOpenGLWidgets",
    "PySide6.QtSql",
    "PySide6.QtSvg",
    "PySide6.QtDBus",
    "PySide6.QtTest",
    "PySide6.QtDesigner",
    "PySide6.QtUiTools",
]

# Files (by the start of their path inside the bundle) left out after analysis: Qt parts
# that the PySide6 hooks collect for every program but this one never loads. (QtNetwork's
# library stays: QtPdf links against it; QtSvg's stays for SVG icons in file dialogs.)
DROPPED_PREFIXES = (
    "PySide6/Qt/plugins/qmltooling",
    "PySide6/Qt/plugins/designer",
    "PySide6/Qt/plugins/sqldrivers",
    "PySide6/Qt/plugins/networkinformation",
    "PySide6/Qt/plugins/tls",
    "PySide6/Qt/plugins/wayland",
    "PySide6/Qt/plugins/egldeviceintegrations",
    "PySide6/Qt/plugins/generic/libqtuiotouchplugin",
    "PySide6/Qt/plugins/platforms/libqwayland",
    "PySide6/Qt/plugins/platforms/libqeglfs",
    "PySide6/Qt/plugins/platforms/libqminimalegl",
    "PySide6/Qt/plugins/platforms/libqlinuxfb",
    "PySide6/Qt/plugins/platforms/libqvnc",
    "PySide6/Qt/plugins/platforms/libqvkkhrdisplay",
    "PySide6/Qt/plugins/platformthemes/libqgtk3",  # needs the system's GTK 3 anyway
    "PySide6/Qt/qml",
    "PySide6/Qt/lib/libQt6Qml",
    "PySide6/Qt/lib/libQt6Quick",
    "PySide6/Qt/lib/libQt6WebEngine",
    "PySide6/Qt/lib/libQt6VirtualKeyboard",
    "PySide6/Qt/lib/libQt6Wayland",
    "PySide6/Qt/lib/libQt6WlShell",
    "PySide6/Qt/lib/libQt6EglFS",
    "PySide6/Qt/lib/libQt6EglFs",
    "PySide6/Qt/lib/libQt6OpenGLWidgets",
    "PySide6/Qt/lib/libQt6Designer",
    "PySide6/Qt6Qml",
    "PySide6/Qt6Quick",
    "PySide6/Qt6VirtualKeyboard",
    "PySide6/Qt6OpenGLWidgets",
    "PySide6/opengl32sw.dll",  # software OpenGL (20 MB): widgets draw without OpenGL
    "PySide6/plugins/qmltooling",
    "PySide6/plugins/designer",
    "PySide6/plugins/sqldrivers",
    "PySide6/plugins/networkinformation",
    "PySide6/plugins/tls",
    "PySide6/qml",
    # Pillow's AVIF codec (≈ 5 MB; Pillow reports AVIF as unsupported without it) and its
    # Tk bridge; lxml's objectify (pikepdf's XMP metadata needs only lxml.etree)
    "PIL/_avif",
    "pillow.libs/libavif",
    "PIL/_imagingtk",
    "lxml/objectify",
)

# Qt translations: only Simplified Chinese (qtbase_zh_CN; the window installs it).
KEPT_TRANSLATIONS = ("qtbase_zh_CN.qm",)


def _norm(dest: str) -> str:
    return dest.replace("\\", "/")


def keep(dest: str) -> bool:
    """False for a collected file (its path inside the bundle) the program does not need."""
    path = _norm(dest)
    if path.startswith(DROPPED_PREFIXES):
        return False
    if "/translations/" in path and path.endswith(".qm"):
        return path.rsplit("/", 1)[-1] in KEPT_TRANSLATIONS
    return True


def filter_toc(toc: list[tuple[str, str, str]]) -> list[tuple[str, str, str]]:
    """A PyInstaller TOC without the entries :func:`keep` refuses (and without the
    symbolic links that would point at a refused file)."""
    return [
        (dest, src, kind)
        for dest, src, kind in toc
        if keep(dest) and (kind != "SYMLINK" or keep(src))
    ]


def _git_commit() -> str:
    try:
        out = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
            timeout=10,
        )
        return out.stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return ""


def write_build_info(workpath: str) -> str:
    """Write ``build_info.json`` (version, build date, commit, platform) into the build
    folder; returns its path (added to the bundle as ``petitiondesk/build_info.json``).

    ``SOURCE_DATE_EPOCH`` (reproducible builds) overrides the build time."""
    sys.path.insert(0, str(ROOT))
    from petitiondesk.version import __version__

    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    when = _dt.datetime.fromtimestamp(int(epoch), _dt.UTC) if epoch else _dt.datetime.now(_dt.UTC)
    info = {
        "version": __version__,
        "build_date": when.date().isoformat(),
        "build_time": when.isoformat(timespec="seconds"),
        "commit": _git_commit(),
        "platform": f"{platform.system()} {platform.machine()}",
    }
    target = Path(workpath) / "build_info.json"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(info, ensure_ascii=False, indent=2), encoding="utf-8")
    return str(target)


def datas(build_info: str) -> list[tuple[str, str]]:
    """(source, folder inside the bundle) of the data files the program reads."""
    migrations = ROOT / "petitiondesk" / "store" / "migrations"
    found = [
        (str(ROOT / "forms"), "forms"),
        (str(ROOT / "resources"), "resources"),
        (str(migrations / "env.py"), "petitiondesk/store/migrations"),
        (str(migrations / "script.py.mako"), "petitiondesk/store/migrations"),
        (build_info, "petitiondesk"),
    ]
    found += [
        (str(path), "petitiondesk/store/migrations/versions")
        for path in sorted((migrations / "versions").glob("*.py"))
    ]
    return found


# Modules imported lazily (inside functions, or by name) that analysis may not see.
HIDDEN_IMPORTS = [
    "petitiondesk.gui.app",
    "petitiondesk.gui.main_window",
    # The tabs are imported by name (petitiondesk/gui/tabs.py, lazy_tab.py).
    "petitiondesk.gui.intake.tab",
    "petitiondesk.gui.roster.tab",
    "petitiondesk.gui.referral.tab",
    "petitiondesk.gui.closure.tab",
    "petitiondesk.gui.statistics.tab",
    "petitiondesk.services.demo",
    "petitiondesk.services.printouts",
    "sqlalchemy.dialects.sqlite",
    "alembic.runtime.migration",
    "alembic.ddl.sqlite",
    "argon2",
    # several desks on one PostgreSQL register (issue 14): the driver SQLAlchemy loads by
    # the URL's name, and the OS keyring that keeps the server password
    "sqlalchemy.dialects.postgresql.psycopg",
    "alembic.ddl.postgresql",
    "psycopg",
    "psycopg_binary",
    "keyring",
]


def program_modules() -> list[str]:
    """Every module of the program: tabs, dialogs and services are imported on first use
    (by name, which PyInstaller's analysis cannot follow)."""
    from PyInstaller.utils.hooks import collect_submodules

    return collect_submodules("petitiondesk")


def analysis_options(workpath: str) -> dict[str, object]:
    """The keyword arguments of both specs' ``Analysis`` (writes the build info first)."""
    return {
        "scripts": [ENTRY],
        "pathex": [str(ROOT)],
        "datas": datas(write_build_info(workpath)),
        "hiddenimports": HIDDEN_IMPORTS + program_modules(),
        "excludes": EXCLUDED_MODULES,
        "noarchive": False,
        "optimize": 0,  # keep docstrings and asserts: argparse help and alembic need them
    }


def trim(analysis: object) -> None:
    """Drop from an ``Analysis`` the collected files the program does not need."""
    for name in ("binaries", "datas"):
        setattr(analysis, name, filter_toc(getattr(analysis, name)))


def windows_version_resource(workpath: str) -> str:
    """Write the Windows version resource (file properties: 详细信息) of the .exe files
    in PyInstaller's version-file syntax; returns its path."""
    sys.path.insert(0, str(ROOT))
    from petitiondesk.version import __version__

    numbers = [int(part) for part in __version__.split(".")[:3] if part.isdigit()]
    four = tuple((numbers + [0, 0, 0, 0])[:4])
    strings = {
        "CompanyName": "PetitionDesk",
        "FileDescription": "PetitionDesk 信访桌面",
        "FileVersion": __version__,
        "InternalName": APP_NAME,
        "LegalCopyright": "GNU GPL 3.0 或更高版本",
        "OriginalFilename": f"{APP_NAME}.exe",
        "ProductName": "PetitionDesk 信访桌面",
        "ProductVersion": __version__,
    }
    table = ",\n        ".join(f"StringStruct({k!r}, {v!r})" for k, v in strings.items())
    text = f"""VSVersionInfo(
  ffi=FixedFileInfo(filevers={four}, prodvers={four}, mask=0x3f, flags=0x0,
                    OS=0x40004, fileType=0x1, subtype=0x0, date=(0, 0)),
  kids=[
    StringFileInfo([StringTable('080404b0', [
        {table}])]),
    VarFileInfo([VarStruct('Translation', [2052, 1200])])
  ]
)
"""
    target = Path(workpath) / "version_info.txt"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    return str(target)
