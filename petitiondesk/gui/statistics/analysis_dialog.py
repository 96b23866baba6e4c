"""信访形势分析: the paragraphs prefilled from the figures, one text box each, edited by
the clerk before the PDF is made."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from petitiondesk.core.statistics import Paragraph


class AnalysisDialog(QDialog):
    """One text box per paragraph; 生成并预览 accepts, 取消 rejects."""

    def __init__(
        self, title: str, paragraphs: Sequence[Paragraph], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"{title} — 编辑")
        self.headings = [p.heading for p in paragraphs]
        self.editors: list[QPlainTextEdit] = []
        body = QWidget()
        column = QVBoxLayout(body)
        column.addWidget(QLabel("以下内容已按统计数据填好，可修改后生成："))
        for paragraph in paragraphs:
            column.addWidget(QLabel(paragraph.heading))
            editor = QPlainTextEdit(paragraph.text)
            editor.setTabChangesFocus(True)
            editor.setMinimumHeight(90)
            column.addWidget(editor)
            self.editors.append(editor)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText("生成并预览")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(buttons)
        self.resize(720, 640)

    def paragraphs(self) -> list[Paragraph]:
        """The paragraphs as edited."""
        return [
            Paragraph(heading, editor.toPlainText().strip())
            for heading, editor in zip(self.headings, self.editors, strict=True)
        ]
