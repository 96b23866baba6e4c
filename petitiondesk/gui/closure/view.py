"""The 办结 tab's widgets: the three queues (left) and the selected case (right)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from petitiondesk.services.closure import (
    AwaitingRow,
    ClosureView,
    ReviewDueRow,
    ReviewView,
    WindowRow,
)

from ..tab import Tab
from ..widgets.form_dialog import WARN_STYLE

AWAITING_HEADERS = ("登记编号", "信访人", "类别", "办结报告", "尚缺")
WINDOWS_HEADERS = ("登记编号", "信访人", "可申请", "收到日期", "期限至", "剩余")
DUE_HEADERS = ("登记编号", "信访人", "类别", "机关", "申请日期", "应办结", "剩余")
HINT_NONE = "在左侧选择一件事项，或输入登记编号查找。"


def make_table(headers: Sequence[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(list(headers))
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().hide()
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    return table


def fill_table(table: QTableWidget, rows: Sequence[tuple[str, ...]]) -> None:
    """Rows of texts; the first column is the register number (Qt.UserRole)."""
    table.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            item = QTableWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, row[0])
            item.setToolTip(text)
            table.setItem(r, c, item)


def _day(d: date | None) -> str:
    return d.isoformat() if d else "—"


def _left(days: int | None) -> str:
    if days is None:
        return "—"
    return f"超期{-days}天" if days < 0 else f"{days}天"


def awaiting_rows(rows: Sequence[AwaitingRow]) -> list[tuple[str, ...]]:
    return [
        (r.register_no, r.name, r.category, _day(r.reported_on), "；".join(r.missing) or "可办结")
        for r in rows
    ]


def window_rows(rows: Sequence[WindowRow]) -> list[tuple[str, ...]]:
    return [
        (
            r.register_no,
            r.name,
            r.level.label,
            _day(r.received_on),
            _day(r.last_day) + ("（待核）" if r.estimate else ""),
            _left(r.days_left),
        )  # fmt: skip
        for r in rows
    ]


def due_rows(rows: Sequence[ReviewDueRow]) -> list[tuple[str, ...]]:
    return [
        (
            r.register_no,
            r.name,
            r.level.label + ("（听证）" if r.hearing else ""),
            (r.body or "—") + ("" if r.office_reviews else "（他机关）"),
            _day(r.requested_on),
            _day(r.due_date),
            _left(r.days_left),
        )  # fmt: skip
        for r in rows
    ]


def _review_html(rv: ReviewView) -> str:
    lines = [
        f"<b>{rv.level.label}</b>：{rv.requested_on} 申请，{rv.body or '—'}"
        + ("" if rv.office_reviews else "（他机关办理）"),
        f"应于 {_day(rv.due_date)} 前作出意见" + ("（待核）" if rv.due_uncovered else ""),
    ]
    if rv.hearing_start:
        lines.append(f"听证 {rv.hearing_start} 至 {_day(rv.hearing_end)}")
    if rv.decided_on and rv.outcome:
        lines.append(
            f"{rv.decided_on} {rv.outcome.label}（{rv.decision_no or '无文号'}）：{rv.decision}"
        )
        lines.append(f"信访人收到：{_day(rv.decision_received_on)}")
    return "<br>".join(lines)


def closure_html(v: ClosureView) -> str:
    """The case's closure as the side panel shows it."""
    parts = [
        f"<h3>{v.register_no} {v.name}（{v.status.label}）</h3>",
        f"<p>{v.category}：{v.summary}</p>",
    ]
    r = v.report
    parts.append(
        f"<p><b>办结报告</b>：{r.unit or '本机关'} {r.doc_no} {_day(r.report_date)}<br>{r.handling}</p>"
        if r
        else "<p><b>办结报告</b>：未记录</p>"
    )
    o = v.opinion
    parts.append(
        f"<p><b>{o.title}</b> {o.number}（{_day(o.opinion_date)}）："
        f"{o.decision.label if o.decision else '未选择'}<br>{o.decision_text}</p>"
        if o
        else "<p><b>处理意见书</b>：未保存</p>"
    )
    d = v.delivery
    parts.append(
        f"<p><b>送达</b>：{d.method.label} {_day(d.handed_on)} {d.signer}{d.tracking_no}{d.note}"
        f"，收到 {_day(d.received_on)}</p>"
        if d
        else "<p><b>送达</b>：未记录</p>"
    )
    how = (
        f"（{v.satisfaction_method.label}，{_day(v.satisfaction_on)}）"
        if v.satisfaction_method
        else ""
    )
    parts.append(f"<p><b>满意度</b>：{v.satisfaction.label}{how}</p>")
    if v.closed_at:
        parts.append(f"<p><b>办结</b>：{v.closed_at.date()}</p>")
    if v.reopen_reason:
        parts.append(f"<p><b>撤销办结</b>：{_day(v.reopened_on)} {v.reopen_reason}</p>")
    if v.archived_on:
        parts.append(f"<p><b>存档销案</b>：{v.archived_on}</p>")
    parts.extend(f"<p>{_review_html(rv)}</p>" for rv in v.reviews)
    return "".join(parts)


class ClosureViewWidgets(Tab):
    """Builds the widgets; :class:`tab.ClosureTab` wires them."""

    def _build(self) -> None:
        self.awaiting = make_table(AWAITING_HEADERS)
        self.windows = make_table(WINDOWS_HEADERS)
        self.reviews_due = make_table(DUE_HEADERS)
        self.awaiting_label = QLabel("待办结")
        self.windows_label = QLabel("复查/复核申请期内")
        self.due_label = QLabel("复查/复核待办")
        left = QWidget()
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        for label, table in (
            (self.awaiting_label, self.awaiting),
            (self.windows_label, self.windows),
            (self.due_label, self.reviews_due),
        ):
            label.setStyleSheet("font-weight: bold;")
            column.addWidget(label)
            column.addWidget(table, 1)
        right = QWidget()
        side = QVBoxLayout(right)
        side.setContentsMargins(0, 0, 0, 0)
        find = QHBoxLayout()
        self.case_number = QLineEdit()
        self.case_number.setPlaceholderText("登记编号")
        self.find_button = QPushButton("查找")
        find.addWidget(self.case_number, 1)
        find.addWidget(self.find_button)
        side.addLayout(find)
        self.missing = QLabel()
        self.missing.setWordWrap(True)
        self.missing.setStyleSheet(WARN_STYLE)
        self.missing.hide()
        side.addWidget(self.missing)
        self.detail = QTextBrowser()
        self.detail.setPlaceholderText(HINT_NONE)
        side.addWidget(self.detail, 1)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

    def show_missing(self, missing: Sequence[str]) -> None:
        """What still stops closing, instead of a disabled button."""
        self.missing.setText("办结尚缺：\n" + "\n".join(f"· {m}" for m in missing))
        self.missing.setVisible(bool(missing))
