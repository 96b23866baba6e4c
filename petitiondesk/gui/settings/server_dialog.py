"""设置 → 数据库服务器…: which database this desk opens — the local file (one desk) or the
office's PostgreSQL server (several desks) — with host, port, database, user, password,
"保存密码到系统密码库" and a 测试连接 button that runs off the UI thread and shows ✓ and the
server's version, or the Chinese reason under the field at fault.

保存 writes the desk's settings file (no password: :mod:`petitiondesk.services.desk_config`)
and keeps or forgets the password in the OS keyring; where this computer has no keyring
the box is off and the dialog says the password is asked at every start.
``saved(DeskConfig)`` afterwards; :attr:`password` is what was typed (for a switch now).
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from petitiondesk.services import desk_config, password_store, server_connection
from petitiondesk.services.desk_config import DatabaseChoice, DeskConfig
from petitiondesk.services.result import Result
from petitiondesk.services.server_connection import DEFAULT_PORT, ServerSettings

from ..operations import Operation, run_in_background
from ..widgets.form_dialog import FormDialog

TITLE = "数据库服务器"
LOCAL_TEXT = "本机数据文件（单窗口）"
SERVER_TEXT = "办公室数据库服务器（多窗口）"
SAVE_PASSWORD_TEXT = "保存密码到系统密码库"
TESTING = "正在连接…"
NOTE_STYLE = "color: #555;"


class ServerDialog(FormDialog):
    """The form; ``saved(DeskConfig)`` after 保存."""

    test_operation: Operation | None = None

    def __init__(self, config: DeskConfig | None = None, parent: QWidget | None = None) -> None:
        super().__init__(TITLE, parent)
        self.config = config if config is not None else desk_config.load()
        self.password_text = ""
        self.keyring_available = password_store.available()
        self.test_button = QPushButton("测试连接")
        self.test_button.clicked.connect(self.test_connection)
        self._build_choice()
        self._build_fields()
        self.add_save_cancel("保存")
        self.lay_out(
            self.choice_box,
            buttons=(self.test_button, self.save_button, self.cancel_button),
            width=520,
        )
        self.load(self.config)

    def _build_choice(self) -> None:
        self.choice_box = QWidget()
        layout = QVBoxLayout(self.choice_box)
        layout.setContentsMargins(0, 0, 0, 0)
        self.local_choice = QRadioButton(LOCAL_TEXT)
        self.server_choice = QRadioButton(SERVER_TEXT)
        self.choice_group = QButtonGroup(self)
        for button in (self.local_choice, self.server_choice):
            self.choice_group.addButton(button)
            layout.addWidget(button)
        self.server_choice.toggled.connect(self._choice_changed)

    def _build_fields(self) -> None:
        self.host = QLineEdit()
        self.host.setPlaceholderText("服务器计算机名或 IP 地址，如 192.168.1.20")
        self.port = QLineEdit()
        self.port.setPlaceholderText(str(DEFAULT_PORT))
        self.database = QLineEdit()
        self.user = QLineEdit()
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.save_password = QCheckBox(SAVE_PASSWORD_TEXT)
        self.keyring_note = QLabel(password_store.MSG_NO_KEYRING)
        self.keyring_note.setWordWrap(True)
        self.keyring_note.setStyleSheet(NOTE_STYLE)
        self.keyring_note.setVisible(not self.keyring_available)
        self.save_password.setEnabled(self.keyring_available)
        self.add_field("host", "服务器地址", self.host)
        self.add_field("port", "端口", self.port)
        self.add_field("database", "数据库名", self.database)
        self.add_field("user", "用户名", self.user)
        self.add_field("password", "密码", self.password)
        self.form.addRow("", self.save_password)
        self.form.addRow("", self.keyring_note)
        self.server_widgets: tuple[QWidget, ...] = (
            self.host,
            self.port,
            self.database,
            self.user,
            self.password,
            self.test_button,
        )

    # --- load / collect ---------------------------------------------------------------------
    def load(self, config: DeskConfig) -> None:
        server = config.server
        self.host.setText(server.host if server else "")
        self.port.setText(str(server.port if server else DEFAULT_PORT))
        self.database.setText(server.database if server else "petitiondesk")
        self.user.setText(server.user if server else "")
        kept = password_store.load(server) if server is not None else None
        self.password.setText(kept or "")
        self.save_password.setChecked(self.keyring_available and kept is not None)
        uses_server = config.choice is DatabaseChoice.SERVER
        (self.server_choice if uses_server else self.local_choice).setChecked(True)
        self._choice_changed(uses_server)

    def _choice_changed(self, server: bool) -> None:
        for widget in self.server_widgets:
            widget.setEnabled(server)
        self.save_password.setEnabled(server and self.keyring_available)

    def uses_server(self) -> bool:
        return self.server_choice.isChecked()

    def settings(self) -> Result[ServerSettings]:
        return server_connection.parse_settings(
            self.host.text(), self.port.text(), self.database.text(), self.user.text()
        )

    # --- 测试连接 ------------------------------------------------------------------------------
    def is_testing(self) -> bool:
        return self.test_operation is not None and not self.test_operation.done

    def test_connection(self) -> Operation | None:
        """Check the fields, then connect off the UI thread; the outcome under the form."""
        if self.is_testing():
            return None
        self.clear_messages()
        parsed = self.settings()
        if not parsed.ok:
            self.show_errors(parsed.errors)
            return None
        settings, password = parsed.unwrap(), self.password.text()
        self.general.set_ok(TESTING)
        self.test_button.setEnabled(False)
        self.test_operation = run_in_background(
            self,
            lambda _progress: server_connection.test_connection(settings, password),
            on_success=self._tested,
            on_failure=self._test_failed,
        )
        return self.test_operation

    def _tested(self, result: Result[str]) -> None:
        self.test_button.setEnabled(self.uses_server())
        self.clear_messages()
        if result.ok:
            self.general.set_ok("✓ " + result.message)
        else:
            self.show_errors(result.errors)

    def _test_failed(self, exc: BaseException) -> None:
        self.test_button.setEnabled(self.uses_server())
        self.clear_messages()
        self.general.set_error(f"测试连接时出错：{type(exc).__name__}")

    # --- 保存 -----------------------------------------------------------------------------------
    def submit(self) -> DeskConfig | None:
        """Save the choice (and keep or forget the password); None when a field is wrong."""
        self.clear_messages()
        parsed = self.settings()
        if self.uses_server() and not parsed.ok:
            self.show_errors(parsed.errors)
            return None
        server = parsed.value if parsed.ok else self.config.server
        choice = DatabaseChoice.SERVER if self.uses_server() else DatabaseChoice.LOCAL
        config = DeskConfig(choice=choice, server=server)
        if self.uses_server() and server is not None:
            self._keep_password(server)
        desk_config.save(config)
        self.config = config
        self.password_text = self.password.text() if self.uses_server() else ""
        self.saved.emit(config)
        self.accept()
        return config

    def _keep_password(self, server: ServerSettings) -> None:
        previous = self.config.server
        if previous is not None and previous != server:
            password_store.delete(previous)
        if self.save_password.isChecked() and self.password.text():
            password_store.save(server, self.password.text())
        else:
            password_store.delete(server)
