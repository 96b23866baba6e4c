"""Who sees which cases: a leader only the cases it owns (包案); confidential cases in full
only for the roles the settings name (issue 13)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from petitiondesk.core.idcard import id_check_digit
from petitiondesk.core.identity import Role
from petitiondesk.services import account_admin, accounts, cases, closure, referrals
from petitiondesk.services.accounts import AccountInput
from petitiondesk.services.cases import SearchQuery
from petitiondesk.services.intake import register_visit
from petitiondesk.store.db import Database
from petitiondesk.store.models import Leader, OfficeSettings, Petition
from tests.helpers import GOOD_ID, actor, admin, visit_input
from tests.services.closure.setup import closed_case

PASSWORD = "secret-2026"
ID_LI = "41010219800101123" + id_check_digit("41010219800101123")
ID_ZHAO = "41010219750505432" + id_check_digit("41010219750505432")


def register(db: Database, **changes: object) -> str:
    return register_visit(db, visit_input(**changes), actor=actor()).unwrap().register_no


def own(db: Database, register_no: str, leader_name: str) -> None:
    with db.write() as session:
        leader = session.scalar(select(Leader).where(Leader.name == leader_name))
        petition = session.scalar(select(Petition).where(Petition.register_no == register_no))
        assert leader is not None and petition is not None
        petition.case_leader_id = leader.id


def leader_actor(db: Database) -> accounts.Actor:
    """张建国's leader account, signed in."""
    first = accounts.create_first_admin(db, AccountInput("admin", "钱卫东", PASSWORD)).unwrap()
    with db.read() as session:
        zhang = session.scalar(select(Leader.id).where(Leader.name == "张建国"))
    data = AccountInput("zhangjg", "张建国", PASSWORD, Role.LEADER, zhang)
    account_admin.create_account(db, data, actor=first).unwrap()
    return accounts.login(db, "zhangjg", PASSWORD).unwrap()


def test_a_leader_lists_only_the_cases_it_owns(db: Database) -> None:
    mine = register(db, name="王秀英")
    other = register(db, name="李四", id_number=ID_LI, phone="13912340000")
    register(db, name="赵五", id_number=ID_ZHAO, phone="13912340001")
    own(db, mine, "张建国")
    own(db, other, "李红梅")
    leader = leader_actor(db)
    rows = cases.page_cases(db, offset=0, limit=50, actor=leader)
    assert [r.register_no for r in rows] == [mine]
    assert cases.count_cases(db, actor=leader) == 1
    found = cases.search_cases(db, SearchQuery(text="李四"), actor=leader)
    assert found == [] and cases.count_search(db, SearchQuery(text="李四"), actor=leader) == 0
    # A clerk (and the office's own paths, no actor) see every case.
    assert len(cases.page_cases(db, offset=0, limit=50, actor=actor())) == 3
    assert cases.count_cases(db) == 3


def test_a_leader_account_without_a_leader_sees_nothing(db: Database) -> None:
    register(db)
    unlinked = accounts.issue("某领导", Role.LEADER, None)
    assert cases.page_cases(db, offset=0, limit=50, actor=unlinked) == []


def test_boards_show_a_leader_only_its_cases(db: Database) -> None:
    mine = closed_case(db, date(2026, 9, 1))
    theirs = closed_case(db, date(2026, 9, 1), name="李四", id_number=ID_LI, phone="13912340000")
    own(db, mine, "张建国")
    own(db, theirs, "李红梅")
    leader = leader_actor(db)
    today = date(2026, 9, 2)
    everyone = closure.closure_board(db, today, actor=admin())
    assert {w.register_no for w in everyone.windows_open} == {mine, theirs}
    board = closure.closure_board(db, today, actor=leader)
    assert [w.register_no for w in board.windows_open] == [mine]
    assert referrals.referral_board(db, today, actor=leader).rows == ()
    # the tab titles' cheap counts agree with the boards each reader sees
    assert closure.closure_counts(db, today, actor=admin()) == everyone.counts
    assert closure.closure_counts(db, today, actor=leader) == board.counts
    assert closure.closure_counts(db, today, actor=leader)[1] == 1
    assert sum(referrals.referral_counts(db, today, actor=leader).counts.values()) == 0


def confidential_case(db: Database) -> str:
    return register(db, confidential=True, accused="某局某科长")


def test_confidential_case_is_masked_for_a_clerk_when_only_admins_may_see(db: Database) -> None:
    number = confidential_case(db)
    (row,) = cases.page_cases(db, offset=0, limit=10, actor=actor())
    assert row.register_no == number
    assert row.name == "（保密）" and row.address == "（保密）"
    assert row.id_number != GOOD_ID and row.id_number.startswith("1101")
    assert "*" in row.id_number and row.phone == "139****5678"
    (full,) = cases.page_cases(db, offset=0, limit=10, actor=admin())
    assert full.name == "王秀英" and full.id_number == GOOD_ID


def test_settings_may_let_clerks_see_confidential_cases(db: Database) -> None:
    confidential_case(db)
    with db.write() as session:
        office = session.get(OfficeSettings, 1)
        assert office is not None
        office.confidential_roles = "admin,clerk"
    (row,) = cases.search_cases(db, SearchQuery(text="王秀英"), actor=actor())
    assert row.name == "王秀英" and row.id_number == GOOD_ID
    leader = accounts.issue("张建国", Role.LEADER, None)
    assert cases.search_cases(db, SearchQuery(text="王秀英"), actor=leader) == []


def test_an_ordinary_case_is_never_masked(db: Database) -> None:
    register(db)
    (row,) = cases.page_cases(db, offset=0, limit=10, actor=actor())
    assert row.name == "王秀英" and row.id_number == GOOD_ID
