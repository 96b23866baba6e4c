"""Sign-in, first administrator and own-password dialogs.

Each calls one service of :mod:`petitiondesk.services.accounts` off the UI thread (argon2
takes a moment) through :class:`FormDialog`; a refusal shows under the fields.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QLabel, QLineEdit, QPushButton, QWidget

from petitiondesk.core.identity import Actor
from petitiondesk.services import account_admin, accounts, settings
from petitiondesk.services.result import Result
from petitiondesk.store.db import Database

from ..widgets.form_dialog import FormDialog

LOCK_NOTE = "屏幕已锁定。请输入本账户的密码解锁，或换一个账户登录。"


def password_field() -> QLineEdit:
    field = QLineEdit()
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setMaxLength(accounts.MAX_PASSWORD)
    return field


def text_field(max_length: int = accounts.MAX_NAME) -> QLineEdit:
    field = QLineEdit()
    field.setMaxLength(max_length)
    return field


class LoginDialog(FormDialog):
    """登录: user name and password; :attr:`actor` after a good sign-in. With ``locked``
    it is the lock screen (the same account, or another one: switch user)."""

    def __init__(
        self,
        db: Database,
        *,
        username: str = "",
        locked: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__("已锁定 — 请登录" if locked else "登录 PetitionDesk 信访桌面", parent)
        self.db = db
        self.actor: Actor | None = None
        self.username = text_field()
        self.username.setText(username)
        self.password = password_field()
        self.add_field("username", "用户名", self.username)
        self.add_field("password", "密码", self.password)
        self.add_save_cancel("解锁" if locked else "登录")
        if locked:
            self.cancel_button.hide()  # a locked window stays locked until someone signs in
        note = QLabel(LOCK_NOTE if locked else "请用您的账户登录。")
        note.setWordWrap(True)
        self.lay_out(note, buttons=[self.save_button, self.cancel_button], width=380)
        (self.password if username else self.username).setFocus()

    def submit(self) -> object:
        self.clear_messages()
        db, name, password = self.db, self.username.text(), self.password.text()
        return self.write(lambda: accounts.login(db, name, password), topics=())

    def finish(self, result: Result[Any], *, emit: Result[Any] | None = None) -> bool:
        if result.ok:
            self.actor = result.value
        else:
            self.password.clear()
        return super().finish(result, emit=emit)

    def reject(self) -> None:
        if self.cancel_button.isHidden():
            return  # Esc does not unlock
        super().reject()


class FirstAdminDialog(FormDialog):
    """The first start: the administrator's account (user name, name, password twice)."""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__("首次使用：建立管理员账户", parent)
        self.db = db
        self.actor: Actor | None = None
        self.username = text_field()
        self.display_name = text_field()
        self.password = password_field()
        self.password_again = password_field()
        self.add_field("username", "用户名", self.username)
        self.add_field("display_name", "姓名", self.display_name)
        self.add_field("password", "密码", self.password)
        self.add_field("password_again", "再次输入密码", self.password_again)
        self.add_save_cancel("建立并登录")
        self.demo_button = QPushButton("改用演示数据…")
        self.demo_button.setToolTip("载入虚构的演示数据和演示账户，以演示登记员赵丽登录")
        self.demo_button.clicked.connect(self.use_demo)
        self.demo_button.setVisible(settings.demo_offer_pending(db))
        note = QLabel(
            "这是一个新的数据库，还没有任何账户。请建立管理员账户：管理员管理账户、"
            f"设置和节假日安排。密码至少 {accounts.MIN_PASSWORD} 个字符；"
            "忘记密码时只能由另一位管理员重置，程序无法找回。"
        )
        note.setWordWrap(True)
        buttons = [self.demo_button, self.save_button, self.cancel_button]
        self.lay_out(note, buttons=buttons, width=460)

    def use_demo(self) -> object:
        """Load the demo data (with the demo accounts) and sign in as the demo clerk."""
        self.clear_messages()
        db = self.db

        def work() -> Result[Actor]:
            from petitiondesk.services import demo

            demo.load_demo(db, visits=200, seed=1)
            settings.mark_demo_offer_answered(db)
            return accounts.login(db, accounts.DEMO_CLERK, accounts.DEMO_CLERK_PASSWORD)

        self.general.set_ok("正在载入演示数据…")
        return self.write(work, topics=())

    def submit(self) -> object:
        self.clear_messages()
        data = accounts.AccountInput(
            username=self.username.text(),
            display_name=self.display_name.text(),
            password=self.password.text(),
            password_again=self.password_again.text(),
        )
        db = self.db
        return self.write(lambda: accounts.create_first_admin(db, data), topics=())

    def finish(self, result: Result[Any], *, emit: Result[Any] | None = None) -> bool:
        if result.ok:
            self.actor = result.value
        return super().finish(result, emit=emit)


class ChangePasswordDialog(FormDialog):
    """账户 → 修改密码: the old password, the new one twice."""

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__("修改密码", parent)
        self.db, self.actor = db, actor
        self.old_password = password_field()
        self.password = password_field()
        self.password_again = password_field()
        self.add_field("old_password", "原密码", self.old_password)
        self.add_field("password", "新密码", self.password)
        self.add_field("password_again", "再次输入新密码", self.password_again)
        self.add_save_cancel("修改")
        self.lay_out(
            QLabel(f"账户：{actor.name}（{actor.role.label}）"),
            buttons=[self.save_button, self.cancel_button],
            width=400,
        )

    def submit(self) -> object:
        self.clear_messages()
        if self.password.text() != self.password_again.text():
            self.show_errors({"password_again": "两次输入的新密码不一致"})
            return None
        db, actor = self.db, self.actor
        old, new = self.old_password.text(), self.password.text()
        return self.write(
            lambda: account_admin.change_own_password(db, old, new, actor=actor), topics=()
        )
