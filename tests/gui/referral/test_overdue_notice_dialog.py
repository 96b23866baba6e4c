"""超期通报: the clerk picks the period and may leave cases out, each with a reason
(issue 10: "the clerk can exclude a case with a reason")."""

from __future__ import annotations

from datetime import date
from typing import Any

from pytestqt.qtbot import QtBot

from petitiondesk.gui.main_window import MainWindow
from petitiondesk.gui.referral.printouts import OverduePeriodDialog, parse_exclusions
from petitiondesk.services.referrals import Exclusion


def test_exclusions_are_one_case_a_line_with_a_reason() -> None:
    text = "2026-00012 已报经主任同意延期\n\n交〔2026〕3号  承办单位已书面说明"
    assert parse_exclusions(text) == (
        (
            Exclusion("2026-00012", "已报经主任同意延期"),
            Exclusion("交〔2026〕3号", "承办单位已书面说明"),
        ),
        "",
    )
    assert parse_exclusions("2026-00012 理由\n2026-00013") == (
        (),
        "第2行：请在编号后写明不列入通报的理由",
    )


def test_the_dialog_refuses_a_case_without_reason_and_passes_the_exclusions(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    dialog = OverduePeriodDialog(main_window.db, date(2026, 12, 4), parent=main_window)
    qtbot.addWidget(dialog)
    chosen: list[Any] = []
    dialog.saved.connect(chosen.append)
    dialog.exclusions.setPlainText("2026-00012")
    dialog.submit()
    assert chosen == []
    assert "理由" in dialog.message_text("exclusions")
    dialog.exclusions.setPlainText("2026-00012 已报经主任同意延期")
    dialog.submit()
    assert chosen == [
        (date(2026, 12, 1), date(2026, 12, 4), (Exclusion("2026-00012", "已报经主任同意延期"),))
    ]
