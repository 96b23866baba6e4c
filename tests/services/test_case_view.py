"""One case as an account opens it (issue 13): a leader only the cases it owns (包案),
for the detail and the printed forms; a confidential case redacted for roles the settings
do not name."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from petitiondesk.services import printouts
from petitiondesk.services.case_view import open_case
from petitiondesk.services.conversations import ConversationInput, save_conversation_record
from petitiondesk.store.db import Database
from petitiondesk.store.models import OfficeSettings
from tests.helpers import GOOD_ID, actor, admin
from tests.services.printouts.roster_setup import pdf_text
from tests.services.test_visibility import ID_LI, leader_actor, own, register


def test_a_leader_opens_only_the_cases_it_owns(db: Database) -> None:
    mine = register(db)
    theirs = register(db, name="李四", id_number=ID_LI, phone="13912340000")
    own(db, mine, "张建国")
    own(db, theirs, "李红梅")
    leader = leader_actor(db)
    assert open_case(db, mine, actor=leader).unwrap().row.name == "王秀英"
    refused = open_case(db, theirs, actor=leader)
    assert not refused.ok
    assert refused.errors[""] == (
        f"{theirs} 不是本账户包案的信访事项，领导只能查看、打印自己包案的事项"
    )
    assert open_case(db, theirs, actor=actor()).unwrap().row.name == "李四"  # a clerk: all
    assert "找不到" in open_case(db, "X-1", actor=actor()).errors["case"]


def test_a_leader_may_not_print_a_case_it_does_not_own(db: Database, tmp_path: Path) -> None:
    theirs = register(db)
    own(db, theirs, "李红梅")
    leader = leader_actor(db)
    out = tmp_path / "slip.pdf"
    refused = printouts.print_registration(db, theirs, out, actor=leader)
    assert not refused.ok and "包案" in refused.errors[""] and not out.exists()
    talk = ConversationInput(
        leader_id=1, held_at=datetime(2026, 11, 23, 9, 40), content="陈述", recorder="赵丽"
    )
    save_conversation_record(db, theirs, talk, actor()).unwrap()
    refused = printouts.print_conversation_record(db, theirs, out, actor=leader)
    assert not refused.ok and "包案" in refused.errors[""] and not out.exists()
    own(db, theirs, "张建国")
    assert printouts.print_registration(db, theirs, out, actor=leader).ok


def test_a_confidential_case_is_redacted_for_roles_the_settings_do_not_name(
    db: Database, tmp_path: Path
) -> None:
    number = register(db, confidential=True, accused="某局某科长")
    seen = open_case(db, number, actor=actor()).unwrap()
    assert seen.row.name == "（保密）" and seen.row.id_number != GOOD_ID
    assert seen.work_unit == "（保密）" and seen.accused == "某局某科长"
    assert open_case(db, number, actor=admin()).unwrap().row.id_number == GOOD_ID
    out = tmp_path / "slip.pdf"
    printouts.print_registration(db, number, out, actor=actor()).unwrap()
    text = pdf_text(out)
    assert "王秀英" not in text and GOOD_ID not in text and "（保密）" in text
    with db.write() as session:
        office = session.get(OfficeSettings, 1)
        assert office is not None
        office.confidential_roles = "clerk,admin"
    printouts.print_registration(db, number, out, actor=actor()).unwrap()
    assert "王秀英" in pdf_text(out)
