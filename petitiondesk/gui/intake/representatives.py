"""The representatives of a group visit (集体访代表): one line per representative.

Each line holds 姓名, 身份证号 and 联系电话 as plain line edits, so Tab runs through
them like through the rest of the form. 添加代表 (or Enter in the last phone field) adds
a line and puts the cursor in its name; Ctrl+Delete in a line removes it. The editor holds any number of lines up to the number of people: the office limit
(《信访工作条例》第二十条, 5 by default) is shown in the title and checked as the clerk
types, and the register service refuses more with the rule quoted — the form shows that
message under the editor, and the lines typed stay as they are.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from petitiondesk.services.intake import RepresentativeInput

#: Never more lines than this, whatever the number of people (the form stays usable).
MAX_LINES = 20


@dataclass
class RepresentativeLine:
    """The widgets of one representative."""

    number: QLabel
    name: QLineEdit
    id_number: QLineEdit
    phone: QLineEdit
    remove: QToolButton

    def value(self) -> RepresentativeInput:
        return RepresentativeInput(
            name=self.name.text(), id_number=self.id_number.text(), phone=self.phone.text()
        )

    def is_empty(self) -> bool:
        return not (self.name.text().strip() or self.id_number.text().strip() or self.phone.text())


class RepresentativesEditor(QWidget):
    """Lines of representatives. ``edited``: whenever a character changes or a line comes
    or goes; ``committed``: a line came or went, or the clerk left a field (time to check
    without nagging while typing)."""

    edited = Signal()
    committed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lines: list[RepresentativeLine] = []
        self._limit = 5
        self._max_lines = MAX_LINES
        self.title = QLabel()
        self.title.setStyleSheet("font-weight: bold;")
        self.add_button = QPushButton("＋ 添加代表")
        self.add_button.setToolTip(
            "再添加一位代表（在最后一行的电话中按回车也可）；在一行中按 Ctrl+Delete 删除该行"
        )
        self.add_button.clicked.connect(lambda: self.add_line(focus=True))
        head = QHBoxLayout()
        head.setContentsMargins(0, 0, 0, 0)
        head.addWidget(self.title)
        head.addStretch(1)
        head.addWidget(self.add_button)

        self.grid = QGridLayout()
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setHorizontalSpacing(6)
        self.grid.setVerticalSpacing(3)
        for column, text in enumerate(("", "姓名", "身份证号", "联系电话")):
            label = QLabel(text)
            label.setStyleSheet("color: #555;")
            self.grid.addWidget(label, 0, column)
        self.grid.setColumnStretch(1, 2)
        self.grid.setColumnStretch(2, 3)
        self.grid.setColumnStretch(3, 2)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(3)
        layout.addLayout(head)
        layout.addLayout(self.grid)
        self._update_title()

    # --- limits ------------------------------------------------------------------------
    def set_limit(self, limit: int, max_lines: int) -> None:
        """The office limit (shown in the title) and how many lines may exist (people)."""
        self._limit = limit
        self._max_lines = max(1, min(max_lines, MAX_LINES))
        self._update_title()

    def _update_title(self) -> None:
        named = len(self.values())
        self.title.setText(f"集体访代表（{named}人，不超过{self._limit}人）")
        self.add_button.setEnabled(len(self.lines) < self._max_lines)

    # --- lines ---------------------------------------------------------------------------
    def add_line(self, *, focus: bool = False) -> RepresentativeLine | None:
        if len(self.lines) >= self._max_lines:
            return None
        row = len(self.lines) + 1
        number = QLabel(f"{row}.")
        name = QLineEdit()
        name.setMaxLength(40)
        name.setPlaceholderText("代表姓名")
        id_number = QLineEdit()
        id_number.setMaxLength(20)
        id_number.setPlaceholderText("18位身份证号")
        phone = QLineEdit()
        phone.setPlaceholderText("手机号")
        remove = QToolButton()
        remove.setText("✕")
        remove.setToolTip("删除这一行（Ctrl+Delete）")
        remove.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        line = RepresentativeLine(number, name, id_number, phone, remove)
        for column, widget in enumerate((number, name, id_number, phone, remove)):
            self.grid.addWidget(widget, row, column)
            widget.show()  # now, not when the layout gets round to it: focus may follow
        for field in (name, id_number, phone):
            field.textChanged.connect(self._changed)
            field.editingFinished.connect(self.committed.emit)
            shortcut = QShortcut(QKeySequence("Ctrl+Delete"), field)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(lambda ln=line: self.remove_line(ln))
        name.returnPressed.connect(id_number.setFocus)
        id_number.returnPressed.connect(phone.setFocus)
        phone.returnPressed.connect(lambda ln=line: self._enter_in_phone(ln))
        remove.clicked.connect(lambda _c=False, ln=line: self.remove_line(ln))
        self.lines.append(line)
        self._update_title()
        if focus:
            name.setFocus(Qt.FocusReason.OtherFocusReason)
        self.edited.emit()
        self.committed.emit()
        return line

    def _enter_in_phone(self, line: RepresentativeLine) -> None:
        """Enter at the end of the last line adds the next representative."""
        if line is self.lines[-1] and line.name.text().strip() and self.add_line(focus=True):
            return
        self.add_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def remove_line(self, line: RepresentativeLine) -> None:
        if line not in self.lines:
            return
        index = self.lines.index(line)
        values = [ln.value() for ln in self.lines]
        del values[index]
        self._set_values(values)
        if self.lines:
            target = self.lines[min(index, len(self.lines) - 1)].name
            target.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            self.add_button.setFocus(Qt.FocusReason.OtherFocusReason)
        self.edited.emit()
        self.committed.emit()

    def _set_values(self, values: list[RepresentativeInput]) -> None:
        """Rebuild the lines (keeps the grid's widgets and tab order simple)."""
        for line in self.lines:
            for widget in (line.number, line.name, line.id_number, line.phone, line.remove):
                self.grid.removeWidget(widget)
                widget.deleteLater()
        self.lines = []
        for value in values:
            added = self.add_line()
            if added is None:
                break
            for field, text in (
                (added.name, value.name),
                (added.id_number, value.id_number),
                (added.phone, value.phone),
            ):
                field.blockSignals(True)
                field.setText(text)
                field.blockSignals(False)
        self._update_title()

    def clear(self) -> None:
        self._set_values([])

    def ensure_one_line(self) -> None:
        if not self.lines:
            self.add_line()

    def _changed(self) -> None:
        self._update_title()
        self.edited.emit()

    # --- values --------------------------------------------------------------------------
    def values(self) -> list[RepresentativeInput]:
        """The lines with a name (empty lines are ignored, as the service does)."""
        return [line.value() for line in self.lines if line.name.text().strip()]

    def state(self) -> tuple[tuple[str, str, str], ...]:
        return tuple(
            (ln.name.text(), ln.id_number.text(), ln.phone.text())
            for ln in self.lines
            if not ln.is_empty()
        )

    def has_input(self) -> bool:
        return any(not line.is_empty() for line in self.lines)

    def tab_chain(self) -> list[QWidget]:
        """The editor's fields in tab order, 添加代表 last."""
        chain: list[QWidget] = []
        for line in self.lines:
            chain += [line.name, line.id_number, line.phone]
        return [*chain, self.add_button]

    def first_field(self) -> QWidget:
        return self.lines[0].name if self.lines else self.add_button
