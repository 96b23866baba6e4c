"""The intake form's autosaved draft (the file itself: :mod:`services.drafts`).

:func:`form_values` and :func:`fill_form` turn the form's fields into plain JSON values
and back; :class:`DraftKeeper` writes them a moment after the last edit, clears them
when the form is saved or emptied, and offers a draft left by a crash at the next start.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, Final

from PySide6.QtCore import QDateTime, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QComboBox, QWidget

from petitiondesk.services import drafts

from .. import errors, prompts
from .form import IntakeForm

#: How long after the last edit the draft is written.
DELAY_MS: Final = 2_000
TITLE: Final = "恢复登记"
QUESTION: Final = "上次有未保存的登记内容，是否恢复？"
MSG_NOT_KEPT: Final = "未能自动保存登记草稿"

LINE_FIELDS: Final = (
    "letter_date",
    "postmark",
    "id_number",
    "name",
    "phone",
    "address",
    "work_unit",
    "place",
    "accused",
    "receiving_officer",
)
TEXT_FIELDS: Final = ("summary", "demands")
CHOICE_FIELDS: Final = ("channel", "sex", "category", "duty_leader")
FLAG_FIELDS: Final = ("skipped_level", "urgent", "anonymous", "confidential")


def form_values(form: IntakeForm) -> dict[str, Any]:
    """The form's field values as JSON values (only what the clerk can type or choose)."""
    values: dict[str, Any] = {key: getattr(form, key).text() for key in LINE_FIELDS}
    values |= {key: getattr(form, key).toPlainText() for key in TEXT_FIELDS}
    values |= {key: getattr(form, key).currentData() for key in CHOICE_FIELDS}
    values |= {key: getattr(form, key).isChecked() for key in FLAG_FIELDS}
    values["people_count"] = form.people_count.value()
    values["received_at"] = form.received_at.dateTime().toString(Qt.DateFormat.ISODate)
    values["representatives"] = [list(line) for line in form.representatives.state()]
    return values


def _choose(combo: QComboBox, value: object) -> None:
    found = combo.findData(value) if value is not None else 0
    combo.setCurrentIndex(max(found, 0))


def fill_form(form: IntakeForm, values: dict[str, Any]) -> None:
    """Put ``values`` (from :func:`form_values`) back into the form; unknown keys are
    ignored, missing ones left as they are."""
    for key in CHOICE_FIELDS:
        if key in values:
            _choose(getattr(form, key), values[key])
    received = QDateTime.fromString(str(values.get("received_at", "")), Qt.DateFormat.ISODate)
    if received.isValid():
        form.received_at.setDateTime(received)  # the clock no longer moves it
    for key in LINE_FIELDS:
        if isinstance(values.get(key), str):
            getattr(form, key).setText(values[key])
    for key in TEXT_FIELDS:
        if isinstance(values.get(key), str):
            getattr(form, key).setPlainText(values[key])
    for key in FLAG_FIELDS:
        if key in values:
            getattr(form, key).setChecked(bool(values[key]))
    if isinstance(values.get("people_count"), int):
        form.people_count.setValue(values["people_count"])
    _fill_representatives(form, values.get("representatives"))


def _fill_representatives(form: IntakeForm, rows: object) -> None:
    if not isinstance(rows, list) or not rows:
        return
    editor = form.representatives
    editor.clear()
    for row in rows:
        line = editor.add_line()
        if line is None or not isinstance(row, list) or len(row) != 3:
            break
        for field, text in zip((line.name, line.id_number, line.phone), row, strict=True):
            field.setText(str(text))
    form.reps_box.show()
    editor.committed.emit()


class DraftKeeper(QObject):
    """Keeps ``form``'s draft beside the database at ``db_path`` (none for an in-memory
    database). Nothing is written or cleared before :meth:`offer` has run, so a draft
    left by a crash is not overwritten before the clerk was asked about it."""

    #: The draft could not be written (a line for the status bar).
    failed = Signal(str)

    def __init__(self, form: IntakeForm, db_path: Path | None, parent: QObject) -> None:
        super().__init__(parent)
        self.form = form
        self.path = drafts.draft_path(db_path) if db_path is not None else None
        self._armed = False
        self._last: dict[str, Any] | None = None
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DELAY_MS)
        self.timer.timeout.connect(self.flush)
        form.edited.connect(self._edited)

    def _edited(self) -> None:
        if self.path is None or not self._armed:
            return
        values = form_values(self.form)
        if values != self._last:
            self._last = values
            self.timer.start()

    def flush(self) -> None:
        """Write the draft now (or remove it when the form holds nothing typed)."""
        self.timer.stop()
        if self.path is None or not self._armed:
            return
        try:
            if self.form.is_dirty():
                drafts.save_draft(self.path, form_values(self.form))
            else:
                drafts.clear_draft(self.path)
        except OSError as exc:  # a full disk must not interrupt the typing with a box
            self.failed.emit(f"{MSG_NOT_KEPT}：{errors.describe(exc).text}")

    def clear(self) -> None:
        """The registration was saved or the form emptied: no draft any more."""
        self.timer.stop()
        self._last = None
        if self.path is not None and self._armed:
            drafts.clear_draft(self.path)

    def offer(
        self, parent: QWidget | None, before_fill: Callable[[], object] | None = None
    ) -> bool:
        """At start: offer a draft left behind; True if it was put back into the form
        (``before_fill``: runs first, e.g. to load the form's lists)."""
        restored = False
        values = drafts.load_draft(self.path) if self.path is not None else None
        if values is not None:
            if prompts.confirm(parent, TITLE, QUESTION, default_yes=True):
                if before_fill is not None:
                    before_fill()
                fill_form(self.form, values)
                restored = True
            elif self.path is not None:
                drafts.clear_draft(self.path)
        self._armed = True
        return restored
