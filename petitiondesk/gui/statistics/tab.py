"""The 统计 tab (fifth): pick a month, quarter or year; the figures with their change
columns (环比 / 同比), the three charts, 打印月报, 形势分析 and 导出 xlsx.

The report is read off the UI thread (with the chart images); a newer request wins over
an older one still running. The tab reloads when cases, referrals or closures change,
but only while it is shown (else when it is next shown: the tab contract, :mod:`..tab`)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSplitter, QVBoxLayout, QWidget

from petitiondesk.core.permissions import Permission
from petitiondesk.core.statistics import (
    Period,
    StatisticsReport,
    analysis_paragraphs,
    report_tables,
)
from petitiondesk.services import statistics
from petitiondesk.services.result import Result
from petitiondesk.store.db import Database

from .. import errors, prompts, signals
from ..operations import Operation, ProgressFn, run_in_background
from ..session import current_actor
from ..signals import DataHub
from ..tab import RoleRule, Tab, TabMenu, needs
from ..widgets.print_preview import open_pdf_preview
from .analysis_dialog import AnalysisDialog
from .charts import chart_images
from .view import ChartsPanel, PeriodPicker, TablesPanel, default_period


class StatisticsTab(Tab):
    title = "统计"
    key = "statistics"
    topics = (signals.CASES, signals.REFERRALS, signals.CLOSURE, signals.REFERENCE)

    def __init__(self, db: Database, hub: DataHub, parent: QWidget | None = None) -> None:
        super().__init__(db, hub, parent)
        self.report: StatisticsReport | None = None
        self.loading: Operation | None = None
        self._generation = 0
        self.picker = PeriodPicker(default_period(date.today()))
        self.status = QLabel()
        self.print_button = QPushButton("打印月报")
        self.analysis_button = QPushButton("形势分析…")
        self.export_button = QPushButton("导出 xlsx…")
        self.print_button.setToolTip("每月统计分类：各统计表和统计图")
        self.analysis_button.setToolTip("信访形势分析：按统计数据预填，可修改后打印")
        self.export_button.setToolTip("统计表与 Excel 原生图表，领导可自行调整样式")
        self.tables = TablesPanel()
        self.charts = ChartsPanel()
        self.print_action = self.menu_action("打印月报(&P)…", self.print_report)
        self.analysis_action = self.menu_action("信访形势分析(&A)…", self.print_analysis)
        self.export_action = self.menu_action("导出统计 xlsx(&X)…", self.export_xlsx)
        self._lay_out()
        self.picker.changed.connect(lambda _period: self.load())
        self.print_button.clicked.connect(self.print_report)
        self.analysis_button.clicked.connect(self.print_analysis)
        self.export_button.clicked.connect(self.export_xlsx)
        self.update_actions()

    def _lay_out(self) -> None:
        bar = QHBoxLayout()
        bar.addWidget(self.picker)
        bar.addWidget(self.status, 1)
        for button in (self.print_button, self.analysis_button, self.export_button):
            bar.addWidget(button)
        split = QSplitter()
        split.addWidget(self.tables)
        split.addWidget(self.charts)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(split, 1)

    # --- the tab contract ---------------------------------------------------------------
    def role_rules(self) -> list[RoleRule]:
        prints = (self.print_action, self.analysis_action, self.print_button, self.analysis_button)
        exports = (self.export_action, self.export_button)
        return [*needs(Permission.PRINT, *prints), *needs(Permission.EXPORT, *exports)]

    def menus(self) -> list[TabMenu]:
        actions = (self.print_action, self.analysis_action, self.export_action)
        return [TabMenu("统计(&T)", (actions,), rank=5)]

    def update_actions(self) -> None:
        ready = self.report is not None
        for widget in (self.print_button, self.analysis_button, self.export_button):
            widget.setEnabled(ready)
        for action in (self.print_action, self.analysis_action, self.export_action):
            action.setEnabled(ready)

    def refresh(self, topic: str = signals.ALL) -> None:
        self.load()  # the tab contract calls it only while shown (or when shown again)

    # --- loading ------------------------------------------------------------------------
    def period(self) -> Period:
        return self.picker.period()

    def is_loading(self) -> bool:
        return self.loading is not None and not self.loading.done

    def load(self) -> None:
        """Read the report of the picked period (and draw its charts) off the UI thread."""
        self.loaded, self.missed = True, frozenset()
        self._generation += 1
        generation, period, db, actor = self._generation, self.period(), self.db, current_actor()
        self.status.setText(f"正在统计{period.label}…")

        def work(_progress: ProgressFn) -> tuple[Result[StatisticsReport], dict[str, Any]]:
            result = statistics.load_report(db, period, actor)
            images = chart_images(result.value) if result.value is not None else {}
            return result, images

        def done(value: tuple[Result[StatisticsReport], dict[str, Any]]) -> None:
            if generation == self._generation:
                self._show(*value)

        def failed(exc: BaseException) -> None:
            if generation == self._generation:
                self.status.setText("统计失败")
                errors.show_error(self, exc, title="无法统计")

        self.loading = run_in_background(self, work, on_success=done, on_failure=failed)

    def _show(self, result: Result[StatisticsReport], images: dict[str, Any]) -> None:
        if not result.ok or result.value is None:
            self.report = None
            self.status.setText(result.message)
            self.update_actions()
            return
        report = result.value
        self.report = report
        self.tables.show_tables(report_tables(report))
        self.tables.show_clusters(report.clusters)
        self.charts.show_images(images)
        over = report.units_over_limit()
        note = f"；续报率超过{report.extension_limit:.0%}的单位 {len(over)} 个" if over else ""
        self.status.setText(
            f"{report.period.label}：登记 {report.current.total} 件，"
            f"办结 {report.current.closed} 件{note}"
        )
        self.status_message.emit(f"已统计{report.period.label}")
        self.update_actions()

    # --- output -------------------------------------------------------------------------
    def print_report(self) -> Operation | None:
        if self.report is None:
            return None
        period, db, actor = self.report.period, self.db, current_actor()
        return open_pdf_preview(
            self,
            lambda out: statistics.print_monthly_report(db, period, out, actor),
            file_name=f"{period.label}信访统计分类.pdf",
            title=f"{period.label}信访统计分类",
            label="正在生成统计月报…",
        )

    def analysis_dialog(self) -> AnalysisDialog | None:
        """The dialog with the paragraphs prefilled (opened by :meth:`print_analysis`)."""
        if self.report is None:
            return None
        title = f"{self.report.period.label}信访形势分析"
        return AnalysisDialog(title, analysis_paragraphs(self.report), self)

    def print_analysis(self) -> None:
        dialog = self.analysis_dialog()
        if dialog is None or self.report is None:
            return
        period, db, actor = self.report.period, self.db, current_actor()

        def accepted() -> None:
            paragraphs = dialog.paragraphs()
            open_pdf_preview(
                self,
                lambda out: statistics.print_situation_analysis(db, period, paragraphs, out, actor),
                file_name=f"{period.label}信访形势分析.pdf",
                title=f"{period.label}信访形势分析",
                label="正在生成形势分析…",
            )

        dialog.accepted.connect(accepted)
        dialog.open()

    def export_xlsx(self) -> Operation | None:
        if self.report is None:
            return None
        period = self.report.period
        suggested = Path.home() / f"{period.label}信访统计.xlsx"
        target = prompts.ask_save_path(self, "导出统计表", suggested, "Excel 文件 (*.xlsx)")
        if target is None:
            return None
        return self.export_to(target)

    def export_to(self, target: Path) -> Operation:
        """Write the statistics xlsx of the shown period to ``target`` off the UI thread."""
        period, db, actor = self.period(), self.db, current_actor()

        def done(result: Result[Path]) -> None:
            if result.ok:
                self.status_message.emit(result.message)
            else:
                errors.show_error(self, result.message, title="未能导出")

        return run_in_background(
            self,
            lambda _progress: statistics.export_statistics_xlsx(db, period, target, actor),
            on_success=done,
            label="正在导出统计表…",
            cancellable=False,
        )
