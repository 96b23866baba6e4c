"""The dialog that saves a form through one service off the UI thread (:class:`FormDialog`) and the row of
buttons under a form (:func:`button_row`), for every tab's dialogs."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from petitiondesk.services.result import Result

from ..operations import Operation, run_write
from .field_messages import FieldSet

#: A warning under a form (a saved change with something to check).
WARN_STYLE = "color: #b26a00;"
#: The first entry of a list the clerk must choose from, and of one that may stay empty.
CATEGORY_PLACEHOLDER = "请选择"
NO_CHOICE = "（不指定）"


class FormDialog(QDialog):
    """A dialog built on a :class:`FieldSet` (``fields``, ``messages``, ``general``) that
    calls one service in :meth:`submit`; ``saved(result)`` after a good save."""

    saved = Signal(object)
    last_result: Result[Any] | None = None
    operation: Operation | None = None

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.fieldset = FieldSet()
        self.fields = self.fieldset.fields
        self.messages = self.fieldset.messages
        self.general = self.fieldset.general
        self.form = self.fieldset.form

    def add_field(self, key: str, label: str, widget: QWidget) -> QWidget:
        return self.fieldset.add_field(key, label, widget)

    def clear_messages(self) -> None:
        self.fieldset.clear_messages()

    def show_errors(self, errors: dict[str, str], *, aliases: dict[str, str] | None = None) -> None:
        self.fieldset.show_errors(errors, aliases=aliases)

    def message_text(self, key: str) -> str:
        return self.fieldset.message_text(key)

    def button_row(self, *buttons: QPushButton) -> QHBoxLayout:
        return button_row(*buttons)

    def add_save_cancel(self, save_text: str) -> None:
        """``save_button`` (the default: Enter runs :meth:`submit`) and ``cancel_button``."""
        self.save_button = QPushButton(save_text)
        self.save_button.setDefault(True)
        self.cancel_button = QPushButton("取消")
        self.save_button.clicked.connect(self.submit)
        self.cancel_button.clicked.connect(self.reject)

    def lay_out(
        self,
        *top: QWidget,
        buttons: Sequence[QPushButton],
        under_general: Sequence[QWidget] = (),
        width: int = 520,
    ) -> None:
        """From the top: ``top``, the general message, ``under_general``, the form, the
        buttons; ``width`` wide and as high as it needs."""
        layout = QVBoxLayout(self)
        for widget in (*top, self.general, *under_general):
            layout.addWidget(widget)
        layout.addLayout(self.form)
        layout.addLayout(self.button_row(*buttons))
        self.resize(width, self.sizeHint().height())

    def submit(self) -> object:  # pragma: no cover - every dialog has its own
        raise NotImplementedError

    def is_saving(self) -> bool:
        return self.operation is not None and not self.operation.done

    def write(
        self,
        work: Callable[[], Result[Any]],
        *,
        topics: Sequence[str],
        on_done: Callable[[Result[Any]], object] | None = None,
    ) -> Operation | None:
        """Run the service call ``work()`` through :func:`operations.run_write`;
        afterwards ``on_done(result)`` (default :meth:`finish`), refused or not."""
        if self.is_saving():
            return None
        done = on_done if on_done is not None else self.finish
        self.operation = run_write(
            self,
            lambda _progress: work(),
            topics=topics,
            on_success=done,
            on_refused=done,
        )
        return self.operation

    def finish(self, result: Result[Any], *, emit: Result[Any] | None = None) -> bool:
        """After the service call: refused → the messages under their fields and the
        dialog stays open; done → ``saved(emit or result)`` and the dialog closes."""
        self.last_result = result
        if not result.ok:
            self.show_errors(result.errors)
            return False
        self.saved.emit(result if emit is None else emit)
        self.accept()
        return True


def button_row(*buttons: QPushButton) -> QHBoxLayout:
    row = QHBoxLayout()
    row.addStretch(1)
    for button in buttons:
        row.addWidget(button)
    return row
