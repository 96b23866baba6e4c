"""The 统计 tab: the period picker, the figures it shows (hand-counted register), the
charts, 形势分析 prefilled and the xlsx export."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pytestqt.qtbot import QtBot

from petitiondesk.core.statistics import Period
from petitiondesk.gui import operations
from petitiondesk.gui.signals import CASES, DataHub
from petitiondesk.gui.statistics.tab import StatisticsTab
from petitiondesk.store.db import Database


@pytest.fixture
def tab(may_db: Database, qtbot: QtBot) -> Iterator[StatisticsTab]:
    widget = StatisticsTab(may_db, DataHub())
    qtbot.addWidget(widget)
    widget.picker.set_period(Period.month(2026, 5))
    widget.resize(1200, 800)
    widget.show()
    wait(qtbot, widget)
    yield widget
    operations.wait_for_all(10_000)


def wait(qtbot: QtBot, tab: StatisticsTab) -> None:
    qtbot.waitUntil(lambda: not tab.is_loading(), timeout=20_000)


def overview(tab: StatisticsTab) -> dict[str, list[str]]:
    return {row[0]: row[1:] for row in tab.tables.texts("overview")}


def test_shows_the_figures_of_the_picked_month(tab: StatisticsTab) -> None:
    assert tab.report is not None and tab.report.period == Period.month(2026, 5)
    assert overview(tab)["登记信访事项（件）"][:2] == ["4", "2"]
    assert overview(tab)["登记信访事项（件）"][2] == "+100.0%"
    categories = {row[0]: row[1] for row in tab.tables.texts("category")}
    assert categories == {"城乡建设": "2", "劳动社保": "1", "未分类": "1"}
    units = {row[0]: row for row in tab.tables.texts("units")}
    assert units["住建局"][-1] == "续报率超过2%"
    assert "2026年5月：登记 4 件" in tab.status.text() and "续报率" in tab.status.text()
    for label in tab.charts.labels.values():  # the charts are drawn (not placeholder text)
        assert label.pixmap() is not None and not label.pixmap().isNull()
    assert tab.print_button.isEnabled() and tab.export_button.isEnabled()


def test_changing_the_period_refreshes_the_figures(tab: StatisticsTab, qtbot: QtBot) -> None:
    tab.picker.previous_button.click()  # April 2026
    wait(qtbot, tab)
    assert tab.report is not None and tab.report.period == Period.month(2026, 4)
    assert overview(tab)["登记信访事项（件）"][:2] == ["2", "0"]
    tab.picker.kind.setCurrentIndex(tab.picker.kind.findData("quarter"))  # 2026 Q2
    wait(qtbot, tab)
    assert tab.report is not None and tab.report.period == Period.quarter(2026, 2)
    assert overview(tab)["登记信访事项（件）"][0] == "6"
    tab.picker.kind.setCurrentIndex(tab.picker.kind.findData("year"))
    tab.picker.year.setValue(2025)
    wait(qtbot, tab)
    assert tab.report is not None and tab.report.period == Period.whole_year(2025)
    assert overview(tab)["登记信访事项（件）"][0] == "1"
    assert not tab.picker.number.isVisible()


def test_data_change_reloads(tab: StatisticsTab, qtbot: QtBot, may_db: Database) -> None:
    from tests.statistics_register import add_may_visit

    add_may_visit(may_db)
    tab.hub.notify(CASES)
    wait(qtbot, tab)
    assert overview(tab)["登记信访事项（件）"][0] == "5"


def test_analysis_dialog_is_prefilled_and_editable(tab: StatisticsTab) -> None:
    dialog = tab.analysis_dialog()
    assert dialog is not None
    texts = [editor.toPlainText() for editor in dialog.editors]
    assert "共登记信访事项4件、11人次" in texts[0]
    assert "住建局（33.3%）" in texts[2]
    dialog.editors[4].setPlainText("加强督办。")
    assert dialog.paragraphs()[4].text == "加强督办。"
    assert dialog.paragraphs()[0].heading == "一、总体情况"
    dialog.deleteLater()


def test_export_writes_the_xlsx(tab: StatisticsTab, qtbot: QtBot, tmp_path: Path) -> None:
    out = tmp_path / "统计.xlsx"
    operation = tab.export_to(out)
    qtbot.waitUntil(lambda: operation.done, timeout=20_000)
    assert len(load_workbook(out)["按问题类别"]._charts) == 1


def test_the_tab_lists_the_early_warning_clusters(db: Database, qtbot: QtBot) -> None:
    from datetime import datetime

    from petitiondesk.services.demo import load_demo

    load_demo(db, visits=200, seed=1, now=datetime(2026, 11, 20, 12, 0))
    widget = StatisticsTab(db, DataHub())
    qtbot.addWidget(widget)
    widget.picker.set_period(Period.month(2026, 11))
    widget.show()
    qtbot.waitUntil(lambda: "新华社区通村公路" in widget.tables.clusters.text(), timeout=20_000)
    assert widget.tables.clusters.text().startswith("【重点】新华社区通村公路")
    widget.picker.set_period(Period.month(2026, 6))
    qtbot.waitUntil(lambda: widget.tables.clusters.text().startswith("本期未发现"), timeout=20_000)
    operations.wait_for_all(10_000)
