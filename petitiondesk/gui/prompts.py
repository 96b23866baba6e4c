"""Small questions the program asks the clerk (yes/no, a year, a file name, internal or
outside use of an export).

Kept in one module so every modal question looks the same and tests can answer them.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QInputDialog, QLineEdit, QMessageBox, QWidget


def confirm(parent: QWidget | None, title: str, text: str, *, default_yes: bool = False) -> bool:
    """A 是/否 question; returns True for 是."""
    default = QMessageBox.StandardButton.Yes if default_yes else QMessageBox.StandardButton.No
    answer = QMessageBox.question(
        parent,
        title,
        text,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        default,
    )
    return answer == QMessageBox.StandardButton.Yes


EXPORT_INTERNAL = "内部使用"
EXPORT_OUTSIDE = "对外提供"
EXPORT_USE_TEXT = (
    "这份导出文件给谁用？\n\n"
    f"{EXPORT_INTERNAL}：本办留存，身份证号和电话完整显示。\n"
    f"{EXPORT_OUTSIDE}：交给外单位或他人，身份证号和电话只显示首尾几位。"
)


def ask_export_use(parent: QWidget | None, title: str) -> bool | None:
    """内部使用 / 对外提供 / 取消: True for outside use, False for the office's own use,
    None if cancelled."""
    box = QMessageBox(
        QMessageBox.Icon.Question, title, EXPORT_USE_TEXT, QMessageBox.StandardButton.Cancel, parent
    )
    internal = box.addButton(EXPORT_INTERNAL, QMessageBox.ButtonRole.AcceptRole)
    outside = box.addButton(EXPORT_OUTSIDE, QMessageBox.ButtonRole.AcceptRole)
    box.setDefaultButton(internal)
    box.setEscapeButton(QMessageBox.StandardButton.Cancel)
    box.exec()
    clicked = box.clickedButton()
    if clicked is outside:
        return True
    if clicked is internal:
        return False
    return None


def ask_year(parent: QWidget | None, title: str, label: str, default: int) -> int | None:
    value, ok = QInputDialog.getInt(parent, title, label, default, 2000, 2100, 1)
    return int(value) if ok else None


def ask_password(parent: QWidget | None, title: str, label: str) -> str | None:
    """A passphrase typed hidden; None if cancelled."""
    text, ok = QInputDialog.getText(parent, title, label, QLineEdit.EchoMode.Password)
    return str(text) if ok else None


def ask_save_path(
    parent: QWidget | None, title: str, suggested: Path, name_filter: str
) -> Path | None:
    """A file to write; the suffix of ``suggested`` is added if the clerk left it out."""
    name, _selected = QFileDialog.getSaveFileName(parent, title, str(suggested), name_filter)
    if not name:
        return None
    path = Path(name)
    if not path.suffix and suggested.suffix:
        path = path.with_suffix(suggested.suffix)
    return path


def ask_open_path(parent: QWidget | None, title: str, name_filter: str = "") -> Path | None:
    """An existing file to read (e.g. a scanned letter to attach); None if cancelled."""
    name, _selected = QFileDialog.getOpenFileName(parent, title, str(Path.home()), name_filter)
    return Path(name) if name else None


def ask_database_path(parent: QWidget | None, title: str, folder: Path) -> Path | None:
    """A database file to open; the clerk may type a new name (asked about afterwards)."""
    dialog = QFileDialog(
        parent, title, str(folder), "PetitionDesk 数据库 (*.sqlite *.db);;所有文件 (*)"
    )
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptOpen)
    dialog.setFileMode(QFileDialog.FileMode.AnyFile)
    dialog.setLabelText(QFileDialog.DialogLabel.Accept, "打开")
    if not dialog.exec() or not dialog.selectedFiles():
        return None
    path = Path(dialog.selectedFiles()[0])
    return path if path.suffix else path.with_suffix(".sqlite")
