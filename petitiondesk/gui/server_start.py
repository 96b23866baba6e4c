"""The desk on the office's PostgreSQL server: at start-up (the saved choice of
设置 → 数据库服务器…) and after that dialog is saved (switch the window now, or at the
next start).

At start-up the password comes from the OS keyring, or is asked in a small dialog; when
the server cannot be used the clerk sees why and chooses: 重试, 修改设置…, 打开本机数据文件
or 退出. ``--db`` / ``PETITIONDESK_DB`` win over the saved choice (see :func:`app.run`).
The password never reaches a message, a log or a file.
"""

from __future__ import annotations

from enum import Enum
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QMessageBox

from petitiondesk.paths import default_database_path
from petitiondesk.services import desk_config, password_store, server_connection
from petitiondesk.services.desk_config import DeskConfig
from petitiondesk.services.result import Result
from petitiondesk.services.server_connection import ServerSettings
from petitiondesk.store.db import Database, DatabaseError

from . import errors, prompts

if TYPE_CHECKING:
    from .main_window import MainWindow

TITLE = "连接数据库服务器"
ASK_PASSWORD = "请输入数据库服务器 {label} 的密码："
MSG_NO_PASSWORD = "未输入密码，没有连接数据库服务器。"
MSG_FAILED = "无法连接办公室数据库服务器 {label}：\n\n{reason}"
ASK_SWITCH_SERVER = (
    "设置已保存。现在就切换到办公室数据库服务器 {label} 吗？\n（选“否”则下次启动时生效。）"
)
ASK_SWITCH_LOCAL = "设置已保存。现在就切换到本机数据文件吗？\n{path}\n（选“否”则下次启动时生效。）"
CONNECTING = "正在连接数据库服务器…"


class StartChoice(Enum):
    RETRY = "重试"
    EDIT = "修改设置…"
    LOCAL = "打开本机数据文件"
    QUIT = "退出"


class Outcome(Enum):
    """What :func:`open_saved_server` did instead of opening the server."""

    LOCAL = "local"  # open the local file as usual
    QUIT = "quit"


def _scrub(text: str, password: str) -> str:
    return text.replace(password, "***") if password else text


def connect(settings: ServerSettings, password: str) -> Result[Database]:
    """Test the server (Chinese reasons), then open (migrate) the register on it."""
    from . import app

    tested = server_connection.test_connection(settings, password)
    if not tested.ok:
        return Result.failure(tested.errors, tested.message)
    try:
        return Result.success(app.open_database(settings.url_text(password)))
    except DatabaseError as exc:
        return Result.failure({"": _scrub(str(exc), password)})


def current_server(db: Database) -> ServerSettings | None:
    """The server ``db`` is on (None for a file)."""
    url = db.url
    if not url.get_backend_name().startswith("postgresql"):
        return None
    return ServerSettings(
        host=url.host or "",
        port=url.port or server_connection.DEFAULT_PORT,
        database=url.database or "",
        user=url.username or "",
    )


# --- questions (tests replace them) ----------------------------------------------------------
def ask_password(settings: ServerSettings) -> str | None:
    return prompts.ask_password(None, TITLE, ASK_PASSWORD.format(label=settings.label()))


def ask_after_failure(message: str) -> StartChoice:
    """重试 / 修改设置… / 打开本机数据文件 / 退出 under the reason."""
    box = QMessageBox(QMessageBox.Icon.Warning, TITLE, message)
    roles = {
        StartChoice.RETRY: QMessageBox.ButtonRole.AcceptRole,
        StartChoice.EDIT: QMessageBox.ButtonRole.ActionRole,
        StartChoice.LOCAL: QMessageBox.ButtonRole.ActionRole,
        StartChoice.QUIT: QMessageBox.ButtonRole.RejectRole,
    }
    buttons = [(box.addButton(choice.value, role), choice) for choice, role in roles.items()]
    box.exec()
    clicked = box.clickedButton()
    return next((choice for button, choice in buttons if button is clicked), StartChoice.QUIT)


def edit_settings(config: DeskConfig) -> tuple[DeskConfig, str] | None:
    """设置 → 数据库服务器… as a dialog of its own (no window yet); None if cancelled."""
    from .settings.server_dialog import ServerDialog

    dialog = ServerDialog(config)
    if not dialog.exec():
        return None
    return dialog.config, dialog.password_text


# --- start-up ----------------------------------------------------------------------------------
def open_saved_server(config: DeskConfig | None = None) -> Database | Outcome:
    """The register on the server the desk is set to; :attr:`Outcome.LOCAL` when it is
    set to the local file (or the clerk chose it after a failure), QUIT to leave."""
    config = config if config is not None else desk_config.load()
    if not config.uses_server or config.server is None:
        return Outcome.LOCAL
    settings = config.server
    password = password_store.load(settings)
    while True:
        if password is None:
            password = ask_password(settings)
        if password is None:
            result: Result[Database] = Result.failure({"": MSG_NO_PASSWORD})
        else:
            result = connect(settings, password)
        if result.ok:
            return result.unwrap()
        choice = ask_after_failure(MSG_FAILED.format(label=settings.label(), reason=result.message))
        if choice is StartChoice.LOCAL:
            return Outcome.LOCAL
        if choice is StartChoice.QUIT:
            return Outcome.QUIT
        if choice is StartChoice.RETRY:
            password = password if "password" not in result.errors else None
            continue
        edited = edit_settings(config)
        if edited is not None:
            config, typed = edited
            if not config.uses_server or config.server is None:
                return Outcome.LOCAL
            settings = config.server
            password = typed or password_store.load(settings)


# --- after 保存 in the dialog ------------------------------------------------------------------
def after_save(window: MainWindow, config: DeskConfig, password: str) -> None:
    """Offer to switch ``window`` now when the saved choice differs from what it shows."""
    now = current_server(window.db)
    if config.uses_server and config.server is not None and config.server != now:
        label = config.server.label()
        if prompts.confirm(window, TITLE, ASK_SWITCH_SERVER.format(label=label), default_yes=True):
            switch_to_server(window, config.server, password)
    elif not config.uses_server and now is not None:
        path = default_database_path()
        if prompts.confirm(window, TITLE, ASK_SWITCH_LOCAL.format(path=path), default_yes=True):
            from .database_switch import open_in_place_of

            open_in_place_of(window, path, create=not path.exists())


def switch_to_server(window: MainWindow, settings: ServerSettings, password: str) -> None:
    """Connect off the UI thread; then a new window on the server replaces ``window``."""
    from .database_switch import replace_window
    from .operations import run_in_background

    if not password:
        typed = prompts.ask_password(window, TITLE, ASK_PASSWORD.format(label=settings.label()))
        if not typed:
            return
        password = typed

    def done(result: Result[Database]) -> None:
        if result.ok:
            # After this operation has ended: closing the old window waits for operations.
            new_db = result.unwrap()
            QTimer.singleShot(0, lambda: replace_window(window, new_db))
        else:
            failed = MSG_FAILED.format(label=settings.label(), reason=result.message)
            errors.show_error(window, failed, title=TITLE)

    run_in_background(
        window, lambda _progress: connect(settings, password), on_success=done,
        label=CONNECTING, cancellable=False,
    )  # fmt: skip
