"""The main window's size and place: fit the screen it opens on, remember them between
starts (QSettings, INI format, under the organisation and application names).

Tests point QSettings at a temporary folder (``QSettings.setPath``), never at the clerk's.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSettings, QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMainWindow

from petitiondesk.paths import APP_NAME

ORGANIZATION = "PetitionDesk"
#: The size the window prefers on a large screen.
PREFERRED = QSize(1280, 800)
#: The smallest size at which every tab is still usable (a 1024×768 screen with a task bar).
MINIMUM = QSize(960, 600)
#: Room for the title bar and frame that the window manager adds around the window.
FRAME_ALLOWANCE = QSize(16, 40)

KEY_GEOMETRY = "main_window/geometry"
KEY_MAXIMIZED = "main_window/maximized"


def window_settings() -> QSettings:
    """Where the window's state is kept (per user; INI so it is readable and testable)."""
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANIZATION, APP_NAME)


def available_geometry(window: QMainWindow) -> QRect:
    """The usable area (without task bars) of the screen the window is on."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    return screen.availableGeometry() if screen is not None else QRect(0, 0, 1280, 800)


def _frame_margins(window: QMainWindow) -> QSize:
    """What the frame adds around the client area (a guess until the window is shown)."""
    frame, inner = window.frameGeometry(), window.geometry()
    extra = QSize(frame.width() - inner.width(), frame.height() - inner.height())
    return extra if window.isVisible() else FRAME_ALLOWANCE


def fit_to_screen(window: QMainWindow, available: QRect) -> None:
    """Size the window to :data:`PREFERRED`, shrunk to fit ``available`` (frame included),
    and centre it there."""
    margins = _frame_margins(window)
    room = QSize(available.width() - margins.width(), available.height() - margins.height())
    # A small screen (a laptop's 1366×768) gets all of it; a large one the preferred size.
    wanted = room if room.height() < PREFERRED.height() else PREFERRED
    width = max(min(wanted.width(), room.width()), MINIMUM.width())
    height = max(min(wanted.height(), room.height()), MINIMUM.height())
    window.resize(width, height)
    left = available.x() + max((available.width() - width - margins.width()) // 2, 0)
    top = available.y() + max((available.height() - height - margins.height()) // 2, 0)
    window.move(left, top)


def _clamp(window: QMainWindow, available: QRect) -> None:
    """Shrink and move a restored window back onto ``available``."""
    margins = _frame_margins(window)
    width = max(min(window.width(), available.width() - margins.width()), MINIMUM.width())
    height = max(min(window.height(), available.height() - margins.height()), MINIMUM.height())
    window.resize(width, height)
    right = available.right() + 1 - width - margins.width()
    bottom = available.bottom() + 1 - height - margins.height()
    x = min(max(window.x(), available.x()), max(right, available.x()))
    y = min(max(window.y(), available.y()), max(bottom, available.y()))
    window.move(x, y)


def restore_window(
    window: QMainWindow, available: QRect | None = None, settings: QSettings | None = None
) -> bool:
    """Put the window where it was last time (kept on the screen), else fit the screen.

    Returns whether it is to be shown maximised.
    """
    settings = settings if settings is not None else window_settings()
    area = available if available is not None else available_geometry(window)
    saved = settings.value(KEY_GEOMETRY)
    if isinstance(saved, QRect) and saved.isValid():
        window.resize(saved.size())
        window.move(saved.topLeft())
        _clamp(window, area)
    else:
        fit_to_screen(window, area)
    return str(settings.value(KEY_MAXIMIZED, "false")).lower() == "true"


def save_window(window: QMainWindow, settings: QSettings | None = None) -> None:
    """Remember the window's size and place for the next start."""
    settings = settings if settings is not None else window_settings()
    # The frame's place and the client size (normalGeometry: not the maximised one).
    normal = window.normalGeometry() if window.isMaximized() else window.geometry()
    settings.setValue(KEY_GEOMETRY, QRect(window.frameGeometry().topLeft(), normal.size()))
    settings.setValue(KEY_MAXIMIZED, window.isMaximized())
    settings.sync()
