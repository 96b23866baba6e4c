"""Fields with a message line under them, and a service's ``Result.errors`` shown there.

Every form of the program (the intake form, the acceptance and conversation dialogs, the
roster dialogs and pages) puts a :class:`FieldMessage` directly below each field
(:func:`with_message`) and one general line for what concerns no field. After a refused
save :func:`show_errors` puts each message under its field, the rest on the general line,
and moves the focus to the first field with a problem. :class:`FieldSet` is the same for a
plain form layout that is built field by field.
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

ERROR_COLOR = "#c62828"
OK_COLOR = "#2e7d32"


class FieldMessage(QLabel):
    """The line under a field: red for a problem, green for a good check, hidden if empty."""

    def __init__(self, key: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"msg_{key}" if key else "msg_general")
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.is_error = False
        self.hide()

    def set_error(self, text: str) -> None:
        self._set(text, ERROR_COLOR, error=True)

    def set_ok(self, text: str) -> None:
        self._set(text, OK_COLOR, error=False)

    def _set(self, text: str, color: str, *, error: bool) -> None:
        self.is_error = error
        self.setStyleSheet(f"color: {color};")
        self.setText(text)
        self.setVisible(bool(text))

    def clear_message(self) -> None:
        self.is_error = False
        self.setText("")
        self.hide()


def field_label(text: str) -> QLabel:
    """A label as tall as a one-line field, so its text lines up with the field's text."""
    label = QLabel(text)
    if "\n" not in text:
        # Exactly one field high: the layout then puts it at the top of its row, level
        # with the field and not drifting down when a message shows under the field.
        label.setFixedHeight(QLineEdit().sizeHint().height())
    label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return label


def with_message(field: QWidget, message: FieldMessage) -> QWidget:
    """A field with its message line directly below it."""
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(1)
    layout.addWidget(field)
    layout.addWidget(message)
    return box


def clear_messages(messages: Mapping[str, FieldMessage]) -> None:
    for message in messages.values():
        message.clear_message()


def place_errors(
    messages: Mapping[str, FieldMessage],
    errors: Mapping[str, str],
    *,
    aliases: Mapping[str, str] | None = None,
) -> set[str]:
    """Clear all lines, then each message under its field (``aliases`` maps other keys
    to a field), the rest joined on the general line (key ``""``). Returns the keys of
    the fields that got a message."""
    clear_messages(messages)
    aliases = aliases or {}
    general: list[str] = []
    shown: set[str] = set()
    for key, text in errors.items():
        target = aliases.get(key, key)
        if target and target in messages:
            messages[target].set_error(text)
            shown.add(target)
        else:
            general.append(text)
    if general:
        messages[""].set_error("；".join(general))
    return shown


def focus_first(
    fields: Mapping[str, QWidget],
    keys: set[str],
    *,
    visible_in: QWidget | None = None,
    select_all: bool = False,
) -> QWidget | None:
    """Focus the first of ``fields`` (in their order) whose key is in ``keys`` — only a
    field shown within ``visible_in`` when given; ``select_all`` selects a line's text.
    Returns the field focused."""
    for key, widget in fields.items():
        if key in keys and (visible_in is None or widget.isVisibleTo(visible_in)):
            widget.setFocus(Qt.FocusReason.OtherFocusReason)
            if select_all and isinstance(widget, QLineEdit):
                widget.selectAll()
            return widget
    return None


def show_errors(
    messages: Mapping[str, FieldMessage],
    fields: Mapping[str, QWidget],
    errors: Mapping[str, str],
    *,
    aliases: Mapping[str, str] | None = None,
    visible_in: QWidget | None = None,
    select_all: bool = False,
) -> QWidget | None:
    """:func:`place_errors`, then :func:`focus_first` on the first field with a problem."""
    shown = place_errors(messages, errors, aliases=aliases)
    keys = shown | (set(errors) - set(aliases or {}))
    return focus_first(fields, keys, visible_in=visible_in, select_all=select_all)


class FieldSet:
    """Labelled fields in a form layout, each with its message line, and a general
    message (key ``""``) for what concerns no field. Keyed by the service's error keys."""

    def __init__(self) -> None:
        self.fields: dict[str, QWidget] = {}
        self.messages: dict[str, FieldMessage] = {"": FieldMessage("")}
        self.general = self.messages[""]
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)

    def add_field(self, key: str, label: str, widget: QWidget) -> QWidget:
        message = self.add_message(key, widget)
        self.form.addRow(field_label(label), with_message(widget, message))
        return widget

    def add_message(self, key: str, widget: QWidget) -> FieldMessage:
        """A message line for a field laid out elsewhere."""
        message = FieldMessage(key)
        self.fields[key] = widget
        self.messages[key] = message
        return message

    def clear_messages(self) -> None:
        clear_messages(self.messages)

    def show_errors(self, errors: dict[str, str], *, aliases: dict[str, str] | None = None) -> None:
        """Each message under its field (``aliases`` maps other keys to a field); the rest
        on top. Focus goes to the first field with a problem."""
        show_errors(self.messages, self.fields, errors, aliases=aliases, select_all=True)

    def message_text(self, key: str) -> str:
        """The message shown under ``key`` ("" when none is shown)."""
        message = self.messages.get(key)
        return message.text() if message is not None and not message.isHidden() else ""
