"""归档设置… (from 办公室设置): the elements of the archival code (全宗号, 机构(问题)代码,
门类代码), the default 保管期限 and the 保管期限 of each issue category
(``services.archive.ArchiveSettings``). Messages show under their fields; Enter saves."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QLineEdit, QScrollArea, QWidget

from petitiondesk.core.archive import Retention, archive_code
from petitiondesk.services.archive import (
    ArchiveSettings,
    get_archive_settings,
    update_archive_settings,
)
from petitiondesk.services.cases import reference_data
from petitiondesk.services.result import Result
from petitiondesk.store.db import Database

from .. import signals
from ..operations import Operation
from ..session import current_actor
from ..widgets.form_dialog import FormDialog

NOTE_STYLE = "color: #555;"
DEFAULT_CHOICE = "按默认"


def _retention_box(with_default: bool) -> QComboBox:
    box = QComboBox()
    if with_default:
        box.addItem(DEFAULT_CHOICE, None)
    for retention in Retention:
        box.addItem(f"{retention.label}（{retention.value}）", retention.value)
    return box


class ArchiveSettingsDialog(FormDialog):
    def __init__(self, db: Database, *, year: int = 2026, parent: QWidget | None = None) -> None:
        super().__init__("归档设置", parent)
        self.db, self.year = db, year
        self.fonds_no, self.org_code, self.class_code = QLineEdit(), QLineEdit(), QLineEdit()
        self.fonds_no.setPlaceholderText("档案馆（室）给定的全宗号，如 X001")
        self.org_code.setPlaceholderText("可不填，如 XF")
        self.retention = _retention_box(with_default=False)
        self.example = QLabel()
        self.example.setStyleSheet(NOTE_STYLE)
        for key, label, widget in (
            ("fonds_no", "全宗号", self.fonds_no),
            ("org_code", "机构(问题)代码", self.org_code),
            ("class_code", "门类代码", self.class_code),
            ("retention", "默认保管期限", self.retention),
        ):
            self.add_field(key, label, widget)
        self.add_field("example", "档号示例", self.example)
        self.categories: dict[str, QComboBox] = {}
        self.add_field("by_category", "各类别保管期限", self._category_boxes())
        for edit in (self.fonds_no, self.org_code, self.class_code):
            edit.textChanged.connect(self._update_example)
        self.retention.currentIndexChanged.connect(self._update_example)
        self.add_save_cancel("保存")
        self.lay_out(buttons=(self.save_button, self.cancel_button), width=560)
        self.load(get_archive_settings(db))
        self.fonds_no.setFocus()

    def _category_boxes(self) -> QWidget:
        inner = QWidget()
        form = QFormLayout(inner)
        for choice in reference_data(self.db).categories:
            box = _retention_box(with_default=True)
            self.categories[choice.label] = box
            form.addRow(choice.label, box)
        area = QScrollArea()
        area.setWidget(inner)
        area.setWidgetResizable(True)
        area.setMaximumHeight(220)
        return area

    def load(self, s: ArchiveSettings) -> None:
        self.fonds_no.setText(s.fonds_no)
        self.org_code.setText(s.org_code)
        self.class_code.setText(s.class_code)
        self.retention.setCurrentIndex(self.retention.findData(s.retention.value))
        for name, box in self.categories.items():
            wanted = s.by_category.get(name)
            box.setCurrentIndex(box.findData(wanted.value) if wanted is not None else 0)
        self._update_example()

    def collect(self) -> ArchiveSettings:
        chosen = {name: box.currentData() for name, box in self.categories.items()}
        retention = Retention(self.retention.currentData())
        return ArchiveSettings(
            fonds_no=self.fonds_no.text(),
            org_code=self.org_code.text(),
            class_code=self.class_code.text(),
            retention=retention,
            by_category={name: Retention(r) for name, r in chosen.items() if r},
        )

    def _update_example(self) -> None:
        s = self.collect()
        if not s.fonds_no.strip() or not s.class_code.strip():
            self.example.setText("填写全宗号和门类代码后显示")
            return
        code = archive_code(s.fonds_no.strip(), s.class_code.strip(), self.year, s.retention,
                            s.org_code.strip(), 1)  # fmt: skip
        self.example.setText(code)

    def submit(self) -> Operation | None:
        self.clear_messages()
        data, db, actor = self.collect(), self.db, current_actor()
        return self.write(
            lambda: update_archive_settings(db, data, actor=actor),
            topics=(signals.SETTINGS,),
            on_done=self._done,
        )

    def _done(self, result: Result[ArchiveSettings]) -> None:
        self.finish(result)
