"""A list on the left, the form of the chosen item on the right (:class:`ListFormPage`):
the leaders and the reception rules today, the accounts and the settings later."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Generic, Protocol, TypeVar

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from petitiondesk.core.identity import Actor
from petitiondesk.services.result import Result
from petitiondesk.store.db import Database

from ..operations import Operation, run_write
from .field_messages import FieldSet
from .form_dialog import WARN_STYLE, button_row

OK_STYLE = "color: #2e7d32;"


class SavedItem(Protocol):
    """What a service returns after saving an item: its id (and, if it has them,
    ``warnings`` to show)."""

    @property
    def id(self) -> int: ...


def _status_label() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def _show_saved(label: QLabel, result: Result[S]) -> None:
    warnings: Sequence[str] = getattr(result.value, "warnings", ())
    label.setStyleSheet(WARN_STYLE if warnings else OK_STYLE)
    text = result.message
    for warning in warnings:
        if warning not in text:
            text += "。" + warning
    label.setText(text)


class _Listed(Protocol):
    @property
    def id(self) -> int: ...


Item = TypeVar("Item", bound=_Listed)
S = TypeVar("S", bound=SavedItem)


class ListFormPage(QWidget, Generic[Item]):
    """A list on the left, the form of the chosen item on the right: 新增 empties the
    form, 保存 saves it through a service (messages under the fields, then the list is
    reloaded with the saved item chosen and the result under the form)."""

    saved = Signal(object)
    #: The change topics a save touches (told to the data hub by the write helper).
    topics: tuple[str, ...] = ()
    operation: Operation | None = None

    def __init__(
        self,
        db: Database,
        *,
        actor: Actor,
        new_text: str,
        save_text: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.db, self.actor = db, actor
        self.current_id: int | None = None
        self._items: list[Item] = []
        self.list = QListWidget()
        self.new_button = QPushButton(new_text)
        self.new_button.setAutoDefault(False)  # Enter in the form saves, never empties it
        self.list.currentRowChanged.connect(self._row_chosen)
        self.new_button.clicked.connect(self.new_item)
        self.fieldset = FieldSet()
        self.save_button = QPushButton(save_text)
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        self.status = _status_label()

    # --- what a page says ----------------------------------------------------------------
    def list_items(self) -> list[Item]:  # pragma: no cover - abstract
        raise NotImplementedError

    def item_text(self, item: Item) -> tuple[str, str]:  # pragma: no cover - abstract
        """The line of ``item`` in the list, and its tooltip."""
        raise NotImplementedError

    def load(self, item: Item) -> None:  # pragma: no cover - abstract
        raise NotImplementedError

    def new_item(self) -> None:  # pragma: no cover - abstract
        raise NotImplementedError

    def save(self) -> Operation | None:  # pragma: no cover - abstract
        raise NotImplementedError

    def write_item(
        self, work: Callable[[], Result[S]], *, aliases: dict[str, str] | None = None
    ) -> Operation | None:
        """Run the saving service call ``work()`` off the UI thread, then
        :meth:`_after_save` with its result."""
        if self.operation is not None and not self.operation.done:
            return None

        def done(result: Result[S]) -> None:
            self._after_save(result, aliases=aliases)

        self.operation = run_write(
            self, lambda _progress: work(), topics=self.topics, on_success=done, on_refused=done
        )
        return self.operation

    # --- shared --------------------------------------------------------------------------
    def _lay_out(
        self, list_title: str, *notes: QWidget, buttons: Sequence[QPushButton] = ()
    ) -> None:
        """The list under ``list_title`` with 新增 below it; ``notes``, the form, the
        result and ``buttons`` then 保存 beside it."""
        left = QVBoxLayout()
        left.setContentsMargins(0, 0, 0, 0)
        left.addWidget(QLabel(list_title))
        left.addWidget(self.list, 1)
        left.addWidget(self.new_button)
        left_box = QWidget()
        left_box.setLayout(left)
        right = QVBoxLayout()
        right.setContentsMargins(0, 0, 0, 0)
        for note in notes:
            right.addWidget(note)
        right.addWidget(self.fieldset.general)
        right.addLayout(self.fieldset.form)
        right.addStretch(1)
        right.addWidget(self.status)
        right.addLayout(button_row(*buttons, self.save_button))
        right_box = QWidget()
        right_box.setLayout(right)
        splitter = QSplitter()
        splitter.addWidget(left_box)
        splitter.addWidget(right_box)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

    def reload(self, select_id: int | None = None) -> None:
        """Refill the list; choose ``select_id`` (default: the item shown, else the first
        item; an empty form when there is none)."""
        self._items = self.list_items()
        self.list.blockSignals(True)
        self.list.clear()
        for entry in self._items:
            text, tip = self.item_text(entry)
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, entry.id)
            item.setToolTip(tip)
            self.list.addItem(item)
        self.list.blockSignals(False)
        wanted = select_id if select_id is not None else self.current_id
        row = next((i for i, entry in enumerate(self._items) if entry.id == wanted), None)
        if row is None and self._items and wanted is None:
            row = 0
        if row is not None:
            self.list.setCurrentRow(row)
            self._row_chosen(row)
        else:
            self.new_item()

    def _row_chosen(self, row: int) -> None:
        if 0 <= row < len(self._items):
            self.load(self._items[row])

    def _start_new(self) -> None:
        """No messages, no item, nothing chosen in the list."""
        self.fieldset.clear_messages()
        self.current_id = None
        self.list.blockSignals(True)
        self.list.setCurrentRow(-1)
        self.list.blockSignals(False)

    def _after_save(self, result: Result[S], *, aliases: dict[str, str] | None = None) -> bool:
        """Refused: the messages under their fields. Saved: the list again, the saved
        item chosen, the result (and its warnings) under the form, ``saved(result)``."""
        if not result.ok or result.value is None:
            self.fieldset.show_errors(result.errors, aliases=aliases)
            self.status.clear()
            return False
        self.fieldset.clear_messages()
        self.current_id = result.value.id
        self.reload(result.value.id)
        _show_saved(self.status, result)
        self.saved.emit(result)
        return True
