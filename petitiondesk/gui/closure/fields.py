"""The base of the 办结 tab's dialogs: a :class:`FormDialog` that reads its fields on the
UI thread into one service call (:meth:`ClosureDialog.call`) and runs it through
:func:`operations.run_write` with the topics ``CLOSURE`` and ``CASES``."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from enum import Enum
from typing import Any

from PySide6.QtWidgets import QComboBox, QDateEdit, QLabel, QLineEdit, QPlainTextEdit, QWidget

from petitiondesk.core.identity import Actor
from petitiondesk.services import closure
from petitiondesk.services.result import Result
from petitiondesk.store.db import Database

from ..operations import Operation
from ..signals import CASES, CLOSURE
from ..widgets.dates import to_date, to_qdate
from ..widgets.form_dialog import FormDialog

#: A service call with every argument already read from the widgets.
Call = Callable[[], Result[Any]]


def date_edit(day: date) -> QDateEdit:
    edit = QDateEdit(to_qdate(day))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    return edit


class EnumCombo(QComboBox):
    """A combo of labelled enum members; :meth:`current` gives the member back (Qt keeps
    only the value), :meth:`select` chooses one."""

    def __init__(
        self, members: Iterable[Enum], current: Enum | None = None, *, empty: str = ""
    ) -> None:
        super().__init__()
        self.members: dict[object, Enum] = {}
        if empty:
            self.addItem(empty, None)
        for member in members:
            self.members[member.value] = member
            self.addItem(getattr(member, "label", str(member.value)), member.value)
        self.select(current)

    def current(self) -> Any:
        return self.members.get(self.currentData())

    def select(self, member: Enum | None) -> None:
        if member is not None:
            self.setCurrentIndex(self.findData(member.value))


def enum_combo(
    members: Iterable[Enum], current: Enum | None = None, *, empty: str = ""
) -> EnumCombo:
    return EnumCombo(members, current, empty=empty)


def text_box(text: str = "", *, height: int = 60) -> QPlainTextEdit:
    box = QPlainTextEdit(text)
    box.setTabChangesFocus(True)
    box.setMinimumHeight(height)
    return box


class ClosureDialog(FormDialog):
    """One write about one case (``register_no``) of the 办结 tab."""

    #: Errors about the case as a whole go on top of the form.
    ALIASES = {"case": ""}

    def __init__(
        self,
        title: str,
        db: Database,
        register_no: str,
        *,
        actor: Actor,
        today: date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(f"{title} — {register_no}", parent)
        self.db, self.register_no, self.actor, self.today = db, register_no, actor, today
        # Read before the form is filled: a change by another desk after it refuses the
        # save (the forms that edit the closure row hand it back; issue 14).
        self.loaded_version = closure.closure_version(db, register_no)

    def line(self, key: str, label: str, text: str = "", placeholder: str = "") -> QLineEdit:
        edit = QLineEdit(text)
        edit.setPlaceholderText(placeholder)
        self.add_field(key, label, edit)
        return edit

    def date(self, key: str, label: str, day: date | None = None) -> QDateEdit:
        edit = date_edit(day or self.today)
        self.add_field(key, label, edit)
        return edit

    def box(self, key: str, label: str, text: str = "", *, height: int = 60) -> QPlainTextEdit:
        edit = text_box(text, height=height)
        self.add_field(key, label, edit)
        return edit

    def finish_layout(self, save_text: str, intro: str = "", width: int = 520) -> None:
        self.add_save_cancel(save_text)
        top: list[QWidget] = []
        if intro:
            label = QLabel(intro)
            label.setWordWrap(True)
            top.append(label)
        self.lay_out(*top, buttons=(self.save_button, self.cancel_button), width=width)

    def call(self) -> Call:  # pragma: no cover - every dialog has its own
        raise NotImplementedError

    def show_errors(self, errors: dict[str, str], *, aliases: dict[str, str] | None = None) -> None:
        super().show_errors(errors, aliases=aliases or self.ALIASES)

    def submit(self) -> Operation | None:
        """Read the fields (UI thread), run the service (pool thread)."""
        self.clear_messages()
        return self.write(self.call(), topics=(CLOSURE, CASES))


def day_of(edit: QDateEdit) -> date:
    return to_date(edit.date())
