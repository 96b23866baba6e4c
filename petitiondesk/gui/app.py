"""Start the desktop program: application, database, first-start offer, main window."""

from __future__ import annotations

import logging
import os
import sys

# isort: off
# The Qt-free layers first: once PySide6 is imported it reads the source of every module
# imported after it (its ``__feature__`` check, PYSIDE-2029), ≈ 60 ms for SQLAlchemy
# and the models on every start.
from sqlalchemy.exc import SQLAlchemyError

from petitiondesk.paths import APP_NAME, FONTS_DIR, default_database_path
from petitiondesk.services.bootstrap import ensure_defaults
from petitiondesk.services.program_version import VIA_WINDOW, record_open, recorded_version
from petitiondesk.store.db import Database, DatabaseError
from petitiondesk.version import __version__

from PySide6.QtCore import QLibraryInfo, QLocale, QTimer, QTranslator
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication
# isort: on

from . import errors, integrity_check, network_warning, server_start, window_state
from .accounts import signin
from .main_window import MainWindow

log = logging.getLogger(__name__)

BUNDLED_UI_FONT = FONTS_DIR / "wqy-microhei.ttc"
MSG_CANNOT_OPEN = "无法打开数据库：{target}\n\n{reason}"
#: Milliseconds after which the window quits by itself (packaging/smoke_test.py).
QUIT_AFTER_ENV = "PETITIONDESK_QUIT_AFTER_MS"


def application() -> QApplication:
    """The QApplication (created once)."""
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    app = QApplication(sys.argv)
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(window_state.ORGANIZATION)
    app.setApplicationVersion(__version__)
    install_qt_translations(app)
    ensure_cjk_font(app)
    return app


#: Qt's own texts (是/否, 确定/取消, the edit menu's 撤销/复制/粘贴) in Simplified Chinese.
QT_TRANSLATION = "qtbase_zh_CN"


def install_qt_translations(app: QApplication) -> QTranslator | None:
    """Load Qt's Chinese translations shipped with PySide6 (once); None if missing."""
    existing = app.findChild(QTranslator, QT_TRANSLATION)
    if isinstance(existing, QTranslator):
        return existing
    translator = QTranslator(app)
    translator.setObjectName(QT_TRANSLATION)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if not translator.load(QT_TRANSLATION, folder):
        log.warning("Qt translations %s not found in %s", QT_TRANSLATION, folder)
        translator.deleteLater()
        return None
    app.installTranslator(translator)
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    return translator


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


def open_database(target: str, *, create: bool = False) -> Database:
    """Open (migrate) the database and seed defaults; raise DatabaseError if unusable.

    A missing file is refused (with its path) unless ``create``: only the first start of
    the default database, and a new file the clerk confirmed, create one.
    """
    try:
        db = Database.open(target, create=create)
    except DatabaseError:
        raise
    except (SQLAlchemyError, OSError) as exc:
        raise DatabaseError(errors.translate(exc)) from exc
    try:
        ensure_defaults(db)
        if recorded_version(db) != __version__:
            record_open(db, VIA_WINDOW)
    except SQLAlchemyError as exc:
        db.close()
        raise DatabaseError(errors.translate(exc)) from exc
    return db


#: A database given in the environment (like ``--db``): wins over the desk's saved choice.
DB_ENV = "PETITIONDESK_DB"


def start_database(db_target: str | None) -> Database | int:
    """The database to start on, or the exit code when there is none.

    ``db_target`` (``--db``) or ``PETITIONDESK_DB`` first; else the server the desk is set
    to (设置 → 数据库服务器…); else the local file in the user's data folder.
    """
    explicit = db_target or os.environ.get(DB_ENV, "").strip() or None
    if explicit is None:
        opened = server_start.open_saved_server()
        if opened is server_start.Outcome.QUIT:
            return 0
        if isinstance(opened, Database):
            return opened
    default = default_database_path()
    target = explicit or str(default)
    # A mistyped --db must not become a new empty register.
    create = explicit is None and not default.exists()
    try:
        db = open_database(target, create=create)
    except DatabaseError as exc:
        errors.show_error(
            None, MSG_CANNOT_OPEN.format(target=target, reason=str(exc)), title="无法启动"
        )
        return 1
    network_warning.warn_if_shared(None, db)
    return db


def run(db_target: str | None = None) -> int:
    """Run the GUI on ``db_target`` (a file path or URL; default: :func:`start_database`)."""
    app = application()
    db = start_database(db_target)
    if isinstance(db, int):
        return db
    errors.install_excepthook()
    actor = signin.ask(db)  # the first start creates the administrator
    if actor is None:
        db.close()
        return 0
    window = MainWindow(db, actor=actor)
    if window_state.restore_window(window):
        window.showMaximized()
    else:
        window.show()
    QTimer.singleShot(0, window.offer_demo_data)
    QTimer.singleShot(0, lambda: integrity_check.start(window, db))
    QTimer.singleShot(0, window.start_daily_backup)
    _leave_after_delay(app, window)
    try:
        return int(app.exec())
    finally:
        db.close()


def _leave_after_delay(app: QApplication, window: MainWindow) -> None:
    """With ``PETITIONDESK_QUIT_AFTER_MS`` set (the bundle's smoke test): after that many
    milliseconds close the window the way the clerk would (it waits for background work
    and makes the closing backup). A dialog still open then (an error at start) fails
    the run: its title goes to stderr and the process ends at once with exit code 3."""
    delay = os.environ.get(QUIT_AFTER_ENV, "").strip()
    if not delay.isdigit():
        return

    def leave() -> None:
        modal = app.activeModalWidget()
        if modal is not None:
            print(f"PetitionDesk: 启动后仍有对话框未关闭：{modal.windowTitle()}", file=sys.stderr)
            sys.stderr.flush()
            os._exit(3)
        window.close()
        app.quit()

    QTimer.singleShot(int(delay), leave)
