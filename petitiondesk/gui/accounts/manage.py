"""账户 → 账户管理… (administrators): the accounts, and create / edit (name, role, leader
link) / reset password / disable or enable. Every change is a service call that refuses
a non-administrator anyway."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from petitiondesk.core.identity import Actor, Role
from petitiondesk.services import account_admin, accounts, cases
from petitiondesk.services.accounts import AccountView
from petitiondesk.store.db import Database

from ..widgets.form_dialog import NO_CHOICE, FormDialog, button_row
from .dialogs import password_field, text_field

COLUMNS = ("用户名", "姓名", "角色", "关联领导", "状态")


def role_box(current: Role = Role.CLERK) -> QComboBox:
    box = QComboBox()
    for role in accounts.ACCOUNT_ROLES:
        box.addItem(role.label, role)
    box.setCurrentIndex(max(0, box.findData(current)))
    return box


def leader_box(db: Database, current: int | None = None) -> QComboBox:
    box = QComboBox()
    box.addItem(NO_CHOICE, None)
    for leader in cases.reference_data(db).leaders:
        box.addItem(leader.label, leader.id)
    box.setCurrentIndex(max(0, box.findData(current)))
    return box


class AccountFormDialog(FormDialog):
    """A new account (``account`` None: user name and password too) or an account's name,
    role and leader link."""

    def __init__(
        self, db: Database, actor: Actor, account: AccountView | None, parent: QWidget | None
    ) -> None:
        super().__init__("新建账户" if account is None else "修改账户", parent)
        self.db, self.actor, self.account = db, actor, account
        self.username = text_field()
        self.display_name = text_field()
        self.role = role_box(account.role if account else Role.CLERK)
        self.leader = leader_box(db, account.leader_id if account else None)
        self.password = password_field()
        self.password_again = password_field()
        if account is None:
            self.add_field("username", "用户名", self.username)
        else:
            self.display_name.setText(account.display_name)
        self.add_field("display_name", "姓名", self.display_name)
        self.add_field("role", "角色", self.role)
        self.add_field("leader_id", "关联领导（领导账户）", self.leader)
        if account is None:
            self.add_field("password", "初始密码", self.password)
            self.add_field("password_again", "再次输入密码", self.password_again)
        self.add_save_cancel("保存")
        title = QLabel(f"账户：{account.username}" if account else "新账户")
        self.lay_out(title, buttons=[self.save_button, self.cancel_button], width=440)

    def submit(self) -> object:
        self.clear_messages()
        db, actor = self.db, self.actor
        role, leader_id = self.role.currentData(), self.leader.currentData()
        if self.account is None:
            data = accounts.AccountInput(
                self.username.text(),
                self.display_name.text(),
                self.password.text(),
                role,
                leader_id,
                self.password_again.text(),
            )
            return self.write(
                lambda: account_admin.create_account(db, data, actor=actor), topics=()
            )
        account_id, name = self.account.id, self.display_name.text()
        return self.write(
            lambda: account_admin.update_account(
                db, account_id, display_name=name, role=role, leader_id=leader_id, actor=actor
            ),
            topics=(),
        )


class ResetPasswordDialog(FormDialog):
    """Another administrator sets a new password (the account changes it at sign-in)."""

    def __init__(
        self, db: Database, actor: Actor, account: AccountView, parent: QWidget | None
    ) -> None:
        super().__init__("重置密码", parent)
        self.db, self.actor, self.account = db, actor, account
        self.password = password_field()
        self.password_again = password_field()
        self.add_field("password", "新密码", self.password)
        self.add_field("password_again", "再次输入", self.password_again)
        self.add_save_cancel("重置")
        note = QLabel(
            f"为 {account.display_name}（{account.username}）设置新密码；对方登录后须修改。"
        )
        note.setWordWrap(True)
        self.lay_out(note, buttons=[self.save_button, self.cancel_button], width=420)

    def submit(self) -> object:
        self.clear_messages()
        if self.password.text() != self.password_again.text():
            self.show_errors({"password_again": "两次输入的密码不一致"})
            return None
        db, actor, account_id, new = self.db, self.actor, self.account.id, self.password.text()
        return self.write(
            lambda: account_admin.reset_password(db, account_id, new, actor=actor), topics=()
        )


class AccountsDialog(QDialog):
    """The list of accounts and the buttons; ``child`` is the sub-dialog last opened."""

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("账户管理")
        self.db, self.actor = db, actor
        self.child: QDialog | None = None
        self.rows: list[AccountView] = []
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.new_button = QPushButton("新建账户(&N)…")
        self.edit_button = QPushButton("修改(&E)…")
        self.reset_button = QPushButton("重置密码(&R)…")
        self.active_button = QPushButton("停用(&D)")
        close = QPushButton("关闭")
        self.new_button.clicked.connect(lambda: self._open(None))
        self.edit_button.clicked.connect(lambda: self._open(self.selected()))
        self.reset_button.clicked.connect(self._reset)
        self.active_button.clicked.connect(self._toggle_active)
        close.clicked.connect(self.accept)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(self.message)
        buttons = (self.new_button, self.edit_button, self.reset_button, self.active_button)
        layout.addLayout(button_row(*buttons, close))
        self.resize(640, 360)
        self.reload()

    def reload(self) -> None:
        result = account_admin.list_accounts(self.db, actor=self.actor)
        if not result.ok:
            self.message.setText(result.message)
            self.rows = []
        else:
            self.rows = result.unwrap()
        self.table.setRowCount(len(self.rows))
        for row, view in enumerate(self.rows):
            status = "启用" if view.active else "已停用"
            cells = (view.username, view.display_name, view.role_label, view.leader_name, status)
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self._update_buttons()

    def selected(self) -> AccountView | None:
        rows = self.table.selectionModel().selectedRows()
        return self.rows[rows[0].row()] if rows else None

    def select_username(self, username: str) -> None:
        for row, view in enumerate(self.rows):
            if view.username == username:
                self.table.selectRow(row)

    def _update_buttons(self) -> None:
        view = self.selected()
        for button in (self.edit_button, self.reset_button, self.active_button):
            button.setEnabled(view is not None)
        self.active_button.setText(
            "启用(&D)" if view is not None and not view.active else "停用(&D)"
        )

    def _show_child(self, dialog: FormDialog) -> None:
        self.child = dialog
        dialog.saved.connect(lambda _r: self.reload())
        dialog.open()

    def _open(self, view: AccountView | None) -> None:
        self._show_child(AccountFormDialog(self.db, self.actor, view, self))

    def _reset(self) -> None:
        view = self.selected()
        if view is not None:
            self._show_child(ResetPasswordDialog(self.db, self.actor, view, self))

    def _toggle_active(self) -> Any:
        view = self.selected()
        if view is None:
            return None
        result = account_admin.set_active(self.db, view.id, not view.active, actor=self.actor)
        self.message.setText(result.message if not result.ok else "")
        self.reload()
        self.select_username(view.username)
        return result
