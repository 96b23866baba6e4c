"""The board's table model without widgets: what each cell says and how it is coloured."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from PySide6.QtCore import Qt

from petitiondesk.core.enums import CaseSource, DueState, ReferralEvent, ReferralKind
from petitiondesk.gui.referral.badge import board_title
from petitiondesk.gui.referral.board_model import (
    BOARD_ROW_ROLE,
    COL_DAYS,
    COL_DUE,
    COL_REGISTER,
    COL_SOURCE,
    COL_STATE,
    COL_UNIT,
    HEADERS,
    OVERDUE_COLOR,
    SOON_COLOR,
    BoardTableModel,
    HistoryTableModel,
)
from petitiondesk.services.referrals import Board, BoardRow, HistoryEvent

AS_OF = date(2026, 12, 28)

ROW = BoardRow(
    referral_id=7,
    petition_id=3,
    register_no="2026-00012",
    referral_no="转〔2026〕4号",
    kind=ReferralKind.FORWARD,
    unit="城关镇人民政府",
    co_units=("督查科",),
    case_leader="张建国",
    category="城乡建设",
    source=CaseSource.HOTLINE,
    summary="反映工地夜间\n施工噪音扰民。",
    referred_on=date(2026, 11, 25),
    due_date=date(2026, 12, 23),
    due_estimate=False,
    state=DueState.OVERDUE,
    days_left=-5,
    received=True,
    extended=False,
    supervised=True,
    urged=2,
)


def board(*rows: BoardRow) -> Board:
    counts = {s: sum(1 for r in rows if r.state is s) for s in DueState}
    return Board(AS_OF, 3, rows, counts)


def cell(model: BoardTableModel, row: int, column: int, role: int = 0) -> object:
    return model.index(row, column).data(role)


def test_cells_of_an_overdue_row(qapp: object) -> None:
    model = BoardTableModel()
    model.set_board(board(ROW))
    assert model.rowCount() == 1 and model.columnCount() == len(HEADERS)
    assert cell(model, 0, COL_REGISTER) == "2026-00012"
    assert cell(model, 0, COL_UNIT) == "城关镇人民政府（协办：督查科）"
    assert cell(model, 0, COL_SOURCE) == "12345热线转办"
    assert cell(model, 0, COL_DUE) == "2026-12-23"
    assert cell(model, 0, COL_STATE) == "已超期"
    assert cell(model, 0, COL_DAYS) == "超期5天"
    assert cell(model, 0, COL_STATE, Qt.ItemDataRole.ForegroundRole).color() == OVERDUE_COLOR
    assert "已催办2次" in str(cell(model, 0, COL_STATE, Qt.ItemDataRole.ToolTipRole))
    assert "已督办" in str(cell(model, 0, COL_STATE, Qt.ItemDataRole.ToolTipRole))
    assert cell(model, 0, COL_UNIT, Qt.ItemDataRole.ToolTipRole) == "反映工地夜间 施工噪音扰民。"
    assert cell(model, 0, COL_REGISTER, BOARD_ROW_ROLE) == ROW
    assert model.row_of(7) == 0 and model.row_of(8) is None


def test_due_soon_estimate_and_normal_rows(qapp: object) -> None:
    soon = replace(
        ROW, referral_id=8, state=DueState.DUE_SOON, days_left=2, due_estimate=True, co_units=()
    )
    today = replace(ROW, referral_id=9, state=DueState.DUE_SOON, days_left=0)
    normal = replace(ROW, referral_id=10, state=DueState.NORMAL, days_left=12)
    model = BoardTableModel()
    model.set_board(board(soon, today, normal))
    assert cell(model, 0, COL_STATE) == "3日内到期"
    assert cell(model, 0, COL_UNIT) == "城关镇人民政府"
    assert cell(model, 0, COL_DUE) == "2026-12-23（估算）"
    assert "尚未录入" in str(cell(model, 0, COL_DUE, Qt.ItemDataRole.ToolTipRole))
    assert cell(model, 0, COL_DAYS, Qt.ItemDataRole.ForegroundRole).color() == SOON_COLOR
    assert cell(model, 1, COL_DAYS) == "今天到期"
    assert cell(model, 2, COL_STATE) == "正常"
    assert cell(model, 2, COL_DAYS) == "剩12天"
    assert cell(model, 2, COL_STATE, Qt.ItemDataRole.BackgroundRole) is None


def test_tab_title_shows_counts_only_when_something_is_due(qapp: object) -> None:
    assert board_title(board(ROW)) == "交办督办（超期 1 · 将到期 0）"
    assert board_title(board(replace(ROW, state=DueState.NORMAL))) == "交办督办"
    assert board_title(board()) == "交办督办"


def test_history_model(qapp: object) -> None:
    model = HistoryTableModel()
    model.set_items(
        [
            HistoryEvent(
                date(2026, 11, 25), ReferralEvent.REFERRED, "转〔2026〕4号", "城关镇", "转送"
            )
        ]
    )
    assert [model.index(0, c).data() for c in range(5)] == [
        "2026-11-25",
        "交办",
        "转〔2026〕4号",
        "城关镇",
        "转送",
    ]
