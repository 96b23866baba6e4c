"""The board on boundary days, the overdue list, the 通报 data, what a unit may see."""

from __future__ import annotations

from datetime import date, timedelta

from petitiondesk.core.enums import DueState
from petitiondesk.core.referral_rules import REDACTED
from petitiondesk.services.referrals import (
    BoardFilter,
    Exclusion,
    ReportInput,
    case_view,
    office_view,
    overdue_notice,
    overdue_referrals,
    referral_board,
    report_back,
    unit_view,
)
from petitiondesk.store.db import Database
from petitiondesk.store.models import Petition
from tests.helpers import GOOD_ID, actor
from tests.services.referrals.setup import TODAY, accepted_case, refer

DUE = date(2026, 12, 23)  # dept_reply: 20 working days from 2026-11-25


def test_board_states_on_boundary_days(db: Database, units: dict[str, int]) -> None:
    number = accepted_case(db)
    out = refer(db, number, units["信访科"])
    assert out.deadline.due == DUE
    for as_of, state in (
        (DUE - timedelta(days=4), DueState.NORMAL),
        (DUE - timedelta(days=3), DueState.DUE_SOON),  # due_soon_days = 3
        (DUE, DueState.DUE_SOON),
        (DUE + timedelta(days=1), DueState.OVERDUE),
    ):
        board = referral_board(db, as_of)
        assert [r.state for r in board.rows] == [state], as_of
        assert board.counts[state] == 1
    board = referral_board(db, DUE + timedelta(days=1))
    assert board.title == "交办督办（超期 1 · 将到期 0）"
    assert board.rows[0].days_overdue == 1


def test_board_filters_and_sorting(db: Database, units: dict[str, int]) -> None:
    first = refer(db, accepted_case(db), units["信访科"])
    second = refer(
        db, accepted_case(db), units["城关镇人民政府"], units["督查科"], rule="reply_urgent"
    )
    rows = referral_board(db, TODAY).rows
    assert [r.referral_no for r in rows] == [second.referral_no, first.referral_no]
    rows = referral_board(db, TODAY, descending=True).rows
    assert rows[0].referral_no == first.referral_no
    by_unit = referral_board(db, TODAY, BoardFilter(unit_id=units["督查科"])).rows
    assert [r.referral_no for r in by_unit] == [second.referral_no]
    assert referral_board(db, TODAY, BoardFilter(leader_id=999)).rows == ()


def test_overdue_rows_and_notice(db: Database, units: dict[str, int]) -> None:
    late_open = refer(db, accepted_case(db), units["信访科"])
    late_answered = refer(db, accepted_case(db), units["城关镇人民政府"])
    on_time = refer(db, accepted_case(db), units["督查科"])
    after = DUE + timedelta(days=5)
    report_back(
        db, late_answered.referral_id, units["城关镇人民政府"],
        ReportInput("已答复", DUE + timedelta(days=2)), actor=actor("x"), today=after,
    ).unwrap()  # fmt: skip
    report_back(
        db,
        on_time.referral_id,
        units["督查科"],
        ReportInput("已答复", DUE),
        actor=actor("x"),
        today=after,
    ).unwrap()
    rows = overdue_referrals(db, after)
    assert [(r.register_no, r.days_overdue) for r in rows] == [(late_open.register_no, 5)]
    assert rows[0].cells()[3] == DUE.isoformat()
    notice = overdue_notice(db, date(2026, 12, 1), date(2026, 12, 31)).unwrap()
    found = {u.unit: [(c.register_no, c.days_overdue) for c in u.cases] for u in notice.units}
    assert found == {
        "信访科": [(late_open.register_no, 8)],
        "城关镇人民政府": [(late_answered.register_no, 2)],
    }
    excluded = overdue_notice(
        db, date(2026, 12, 1), date(2026, 12, 31),
        [Exclusion(late_open.register_no, "经领导同意延期，系统未及时登记")],
    ).unwrap()  # fmt: skip
    assert excluded.case_count == 1
    assert excluded.excluded[0].unit == "信访科"
    assert not overdue_notice(db, date(2026, 12, 1), date(2026, 12, 31), [Exclusion("x", " ")]).ok


def test_unit_view_hides_identity_office_view_keeps_it(db: Database, units: dict[str, int]) -> None:
    number = accepted_case(db, confidential=True, accused="前进村村委会主任")
    out = refer(db, number, units["信访科"])
    secrets = ("王秀英", GOOD_ID, "13912345678", "青山县城关镇前进村8号")
    with db.read() as session:
        petition = session.get(Petition, out.petition_id)
        assert petition is not None
        unit = unit_view(petition)
        office = office_view(petition)
    assert unit.redacted and unit.note
    text = repr(unit)
    assert not any(s in text for s in secrets)
    assert unit.name == unit.id_number == unit.phone == unit.address == REDACTED
    assert all(s in repr(office) for s in secrets) and not office.redacted
    plain = case_view(db, refer(db, accepted_case(db), units["督查科"]).petition_id, for_unit=True)
    assert plain is not None and plain.name == "王秀英" and not plain.redacted
