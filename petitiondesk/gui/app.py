"""Start the desktop program: application, database, first-start offer, main window."""

from __future__ import annotations

import logging
import sys

from PySide6.QtCore import QTimer
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication
from sqlalchemy.exc import SQLAlchemyError

from petitiondesk.paths import APP_NAME, FONTS_DIR, default_database_path
from petitiondesk.services.bootstrap import ensure_defaults
from petitiondesk.store.db import Database, DatabaseError

from . import errors, integrity_check
from .main_window import MainWindow

log = logging.getLogger(__name__)

BUNDLED_UI_FONT = FONTS_DIR / "wqy-microhei.ttc"
MSG_CANNOT_OPEN = "无法打开数据库：{target}\n\n{reason}"


def application() -> QApplication:
    """The QApplication (created once)."""
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    app = QApplication(sys.argv)
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(_version())
    ensure_cjk_font(app)
    return app


def _version() -> str:
    from petitiondesk import __version__

    return __version__


def ensure_cjk_font(app: QApplication) -> None:
    """Use the bundled font if the PC has no font for Simplified Chinese (no tofu boxes)."""
    if QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese):
        return
    font_id = QFontDatabase.addApplicationFont(str(BUNDLED_UI_FONT))
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    if families:
        font = QFont(app.font())
        font.setFamilies([families[0], *app.font().families()])
        app.setFont(font)
    else:
        log.warning("no Chinese font found and the bundled one could not be loaded")


def open_database(target: str) -> Database:
    """Open (create, migrate) the database and seed defaults; raise DatabaseError if unusable."""
    try:
        db = Database.open(target, create=True)
    except DatabaseError:
        raise
    except (SQLAlchemyError, OSError) as exc:
        raise DatabaseError(errors.translate(exc)) from exc
    try:
        ensure_defaults(db)
    except SQLAlchemyError as exc:
        db.close()
        raise DatabaseError(errors.translate(exc)) from exc
    return db


def run(db_target: str | None = None) -> int:
    """Run the GUI on ``db_target`` (a file path or URL; default: the user's data folder)."""
    app = application()
    target = db_target or str(default_database_path())
    try:
        db = open_database(target)
    except DatabaseError as exc:
        errors.show_error(
            None, MSG_CANNOT_OPEN.format(target=target, reason=str(exc)), title="无法启动"
        )
        return 1
    errors.install_excepthook()
    window = MainWindow(db)
    window.show()
    QTimer.singleShot(0, window.offer_demo_data)
    QTimer.singleShot(0, lambda: integrity_check.start(window, db))
    try:
        return int(app.exec())
    finally:
        db.close()
