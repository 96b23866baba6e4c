"""The booking dialog's 登记号 field: the visitor's petition, typed by its register number
or picked from the visitor's recent petitions, looked up to show the name and category.

Linking the petition is what carries a confidential (检举控告) case to the 四卡: the
responsible unit's card then withholds the visitor's identity.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from petitiondesk.services.appointments import PetitionChoice, find_petition, recent_petitions
from petitiondesk.store.db import Database

from ..widgets.form_dialog import WARN_STYLE

NO_PETITION = "不关联信访事项"
HINT = "填写登记号或从该来访人的信访事项中选择，检举控告件的责任单位联将隐去来访人信息"
FOUND_STYLE = "color: #2e7d32;"


class PetitionPicker(QWidget):
    """登记号 (``petition_no``), the visitor's recent petitions (``recent``) and what the
    look-up found (``petition_info``). ``found`` is the petition looked up last;
    ``looked_up(choice)`` after each look-up that found one."""

    looked_up = Signal(object)

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.found: PetitionChoice | None = None
        self.petition_no = QLineEdit()
        self.petition_no.setPlaceholderText("如 2026-00012（可不填）")
        self.petition_no.setToolTip(HINT)
        self.recent = QComboBox()
        self.recent.addItem(NO_PETITION, None)
        self.recent.setToolTip("该来访人近期的信访事项（填写来访人姓名后列出）")
        self.petition_info = QLabel()
        self.petition_info.setWordWrap(True)
        self.petition_no.editingFinished.connect(self.look_up)
        self.recent.activated.connect(self._recent_chosen)
        self.recent.currentIndexChanged.connect(self._recent_chosen)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.petition_no, 1)
        row.addWidget(self.recent, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.petition_info)

    def text(self) -> str:
        return self.petition_no.text()

    def look_up(self) -> PetitionChoice | None:
        """Show the petition of the typed register number (name, category, 保密), or why
        there is none; empty: nothing linked."""
        text = self.petition_no.text().strip()
        self.found = None
        if not text:
            self.petition_info.clear()
            return None
        result = find_petition(self.db, text)
        if not result.ok or result.value is None:
            self.petition_info.setStyleSheet(WARN_STYLE)
            self.petition_info.setText(result.message)
            return None
        self.found = result.value
        self.petition_info.setStyleSheet(FOUND_STYLE)
        self.petition_info.setText(result.value.label)
        self.looked_up.emit(self.found)
        return self.found

    def load_recent(self, name: str) -> None:
        """List the petitions of the visitor called ``name``, newest first."""
        self.recent.blockSignals(True)
        self.recent.clear()
        self.recent.addItem(NO_PETITION, None)
        for choice in recent_petitions(self.db, name=name):
            self.recent.addItem(choice.label, choice.register_no)
        self.recent.setCurrentIndex(0)
        self.recent.blockSignals(False)

    def _recent_chosen(self, index: int) -> None:
        register_no = self.recent.itemData(index)
        if register_no is None:
            return
        if self.petition_no.text().strip() != register_no:
            self.petition_no.setText(str(register_no))
            self.petition_no.editingFinished.emit()
