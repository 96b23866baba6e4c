"""The 导出台账 dialog: which ledger, which period (month / quarter / year shortcuts or
any range), PDF or Excel, 内部使用 or 对外提供, and where to save."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from petitiondesk.core.periods import PERIOD_CUSTOM, PERIOD_KINDS, PERIOD_MONTH, period_containing
from petitiondesk.services.ledgers import LEDGERS
from petitiondesk.services.ledgers.export import (
    Format,
    check_request,
    ledger_file_name,
    office_name,
)

from .. import prompts
from ..widgets.dates import to_date, to_qdate

__all__ = ["LedgerChoice", "LedgerExportDialog", "office_name"]

TITLE = "导出台账"
FILTERS = {"pdf": "PDF 文件 (*.pdf)", "xlsx": "Excel 工作簿 (*.xlsx)"}
MSG_NO_FILE = "请选择保存位置"


@dataclass(frozen=True)
class LedgerChoice:
    key: str
    start: date
    end: date
    out: Path
    outside: bool


class LedgerExportDialog(QDialog):
    def __init__(
        self, office: str, parent: QWidget | None = None, *, today: date | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(TITLE)
        self.office = office
        self._chosen_path = False  # the clerk picked a file: stop suggesting names
        self.ledger = QComboBox()
        for key, item in LEDGERS.items():
            self.ledger.addItem(item.title, key)
        self.period_kind = QComboBox()
        for label, kind in PERIOD_KINDS:
            self.period_kind.addItem(label, kind)
        start, end = period_containing(PERIOD_MONTH, today or date.today())
        self.date_from = QDateEdit(to_qdate(start))
        self.date_to = QDateEdit(to_qdate(end))
        for edit in (self.date_from, self.date_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        self.pdf = QRadioButton("PDF（打印）")
        self.xlsx = QRadioButton("Excel 工作簿")
        self.xlsx.setChecked(True)
        self.inside = QRadioButton(prompts.EXPORT_INTERNAL)
        self.outside = QRadioButton(prompts.EXPORT_OUTSIDE)
        self.inside.setChecked(True)
        for button in (self.inside, self.outside):
            button.setToolTip(prompts.EXPORT_USE_TEXT)
        self.path = QLineEdit()
        self.browse = QPushButton("浏览(&B)…")
        self.message = QLabel()
        self.message.setStyleSheet("color: #b00020")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("导出(&E)")
        self._lay_out()
        self._connect()
        self.period_kind.setCurrentIndex(self.period_kind.findData(PERIOD_MONTH))
        self._suggest()

    def _lay_out(self) -> None:
        form = QFormLayout()
        form.addRow("台账(&L)：", self.ledger)
        form.addRow("期间(&P)：", self.period_kind)
        dates = QHBoxLayout()
        dates.addWidget(self.date_from)
        dates.addWidget(QLabel("至"))
        dates.addWidget(self.date_to)
        form.addRow("起止日期：", dates)
        formats, uses = QHBoxLayout(), QHBoxLayout()
        self._format_group, self._use_group = QButtonGroup(self), QButtonGroup(self)
        for row, group, buttons in (
            (formats, self._format_group, (self.xlsx, self.pdf)),
            (uses, self._use_group, (self.inside, self.outside)),
        ):
            for button in buttons:
                group.addButton(button)
                row.addWidget(button)
            row.addStretch(1)
        form.addRow("格式：", formats)
        form.addRow("用途：", uses)
        where = QHBoxLayout()
        where.addWidget(self.path, 1)
        where.addWidget(self.browse)
        form.addRow("保存到(&S)：", where)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(560)

    def _connect(self) -> None:
        self.period_kind.currentIndexChanged.connect(self._period_kind_changed)
        self.date_from.dateChanged.connect(self._from_changed)
        self.date_to.dateChanged.connect(self._suggest)
        self.ledger.currentIndexChanged.connect(self._suggest)
        for button in (self.pdf, self.xlsx, self.inside, self.outside):
            button.toggled.connect(self._suggest)
        self.path.textEdited.connect(self._path_typed)
        self.browse.clicked.connect(self._browse)
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)

    # --- state -----------------------------------------------------------------------
    @property
    def fmt(self) -> Format:
        return "pdf" if self.pdf.isChecked() else "xlsx"

    def choice(self) -> LedgerChoice:
        return LedgerChoice(
            key=str(self.ledger.currentData()),
            start=to_date(self.date_from.date()),
            end=to_date(self.date_to.date()),
            out=Path(self.path.text().strip()) if self.path.text().strip() else Path(),
            outside=self.outside.isChecked(),
        )

    def set_ledger(self, key: str) -> None:
        self.ledger.setCurrentIndex(self.ledger.findData(key))

    def set_period(self, kind: str, day: date) -> None:
        """A month / quarter / year shortcut containing ``day`` (custom: that day)."""
        self.period_kind.setCurrentIndex(self.period_kind.findData(kind))
        start, end = period_containing(kind, day)
        self.date_from.setDate(to_qdate(start))
        self.date_to.setDate(to_qdate(end))

    # --- slots -----------------------------------------------------------------------
    def _period_kind_changed(self) -> None:
        self._from_changed()

    def _from_changed(self) -> None:
        kind = str(self.period_kind.currentData())
        if kind != PERIOD_CUSTOM:
            start, end = period_containing(kind, to_date(self.date_from.date()))
            self.date_from.blockSignals(True)
            self.date_from.setDate(to_qdate(start))
            self.date_from.blockSignals(False)
            self.date_to.setDate(to_qdate(end))
        self._suggest()

    def _suggest(self) -> None:
        """A file name that says what is in it, in the folder chosen last (or home)."""
        if self._chosen_path:
            self._match_suffix()
            return
        choice = self.choice()
        folder = choice.out.parent if self.path.text().strip() else Path.home()
        name = ledger_file_name(self.office, choice.key, choice.start, choice.end, self.fmt)
        if choice.outside:
            name = f"{Path(name).stem}（{prompts.EXPORT_OUTSIDE}）.{self.fmt}"
        self.path.setText(str(folder / name))

    def _match_suffix(self) -> None:
        text = self.path.text().strip()
        if text:
            self.path.setText(str(Path(text).with_suffix(f".{self.fmt}")))

    def _path_typed(self) -> None:
        self._chosen_path = True

    def _browse(self) -> None:
        current = Path(self.path.text().strip() or Path.home())
        target = prompts.ask_save_path(self, TITLE, current, FILTERS[self.fmt])
        if target is not None:
            self._chosen_path = True
            self.xlsx.setChecked(target.suffix.lower() != ".pdf")
            self.pdf.setChecked(target.suffix.lower() == ".pdf")
            self.path.setText(str(target))

    def _accept(self) -> None:
        choice = self.choice()
        if not self.path.text().strip():
            self.message.setText(MSG_NO_FILE)
            return
        why = check_request(choice.key, choice.start, choice.end, choice.out)
        if why:
            self.message.setText(why)
            return
        self.accept()
