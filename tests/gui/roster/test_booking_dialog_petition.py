"""Issue 9: the booking dialog links the visitor's petition — typed by its register number
(登记号, looked up to show the name and category) or picked from the visitor's recent
petitions — so a confidential (检举控告) petition redacts the unit's card of the 四卡."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from petitiondesk.gui import operations
from petitiondesk.gui.roster.booking_dialog import BookingDialog
from petitiondesk.services.printouts import print_cards
from petitiondesk.store.db import Database
from petitiondesk.store.models import Appointment
from tests.helpers import GOOD_ID, actor
from tests.services.printouts.roster_setup import (
    REPORTER_PHONE,
    TODAY,
    cards_text,
    register_report,
    set_up_office,
)

SECRET_PHONE = REPORTER_PHONE


@pytest.fixture
def office(db: Database) -> Database:
    """The roster office with 孙桂兰's confidential report 2026-00001."""
    set_up_office(db)
    register_report(db)
    return db


@pytest.fixture
def dialog(qtbot: QtBot, office: Database) -> BookingDialog:
    shown = BookingDialog(office, actor=actor("赵敏"), today=TODAY)
    qtbot.addWidget(shown)
    shown.show()
    return shown


def _unit_card_after_booking(dialog: BookingDialog, tmp_path: Path) -> dict[str, str]:
    dialog.book_button.click()
    operations.wait_for_all()
    assert dialog.booking is not None, dialog.last_result
    out = tmp_path / "四卡.pdf"
    print_cards(dialog.db, dialog.booking.appointment_id, out, actor=actor()).unwrap()
    return cards_text(out)


def test_typed_register_number_is_looked_up_and_redacts_the_unit_card(
    qtbot: QtBot, dialog: BookingDialog, tmp_path: Path
) -> None:
    qtbot.keyClicks(dialog.petition_no, "2026-00001")
    qtbot.keyClick(dialog.petition_no, Qt.Key.Key_Tab)  # leaving the field looks it up
    shown = dialog.petition_info.text()
    assert "孙桂兰" in shown and "劳动社保" in shown and "保密" in shown
    # The visitor's details come from the petition.
    assert dialog.visitor_name.text() == "孙桂兰"
    assert dialog.category.currentText() == "劳动社保"

    cards = _unit_card_after_booking(dialog, tmp_path)
    with dialog.db.read() as session:
        row = session.get(Appointment, dialog.booking.appointment_id if dialog.booking else 0)
        assert row is not None and row.petition_id == 1
    for secret in ("孙桂兰", SECRET_PHONE, GOOD_ID):
        assert secret not in cards["unit"]
    assert "（保密）" in cards["unit"]
    assert "孙桂兰" in cards["stub"] and "孙桂兰" in cards["leader"]


def test_a_recent_petition_of_the_visitor_can_be_picked(
    qtbot: QtBot, dialog: BookingDialog, tmp_path: Path
) -> None:
    dialog.visitor_name.setText("孙桂兰")
    dialog.visitor_name.editingFinished.emit()
    assert dialog.recent.count() == 2  # 不关联 and 2026-00001
    dialog.recent.setCurrentIndex(1)
    assert dialog.petition_no.text() == "2026-00001"
    assert "孙桂兰" in dialog.petition_info.text()
    cards = _unit_card_after_booking(dialog, tmp_path)
    assert "孙桂兰" not in cards["unit"]


def test_an_unknown_or_foreign_register_number_is_refused_in_place(
    qtbot: QtBot, dialog: BookingDialog
) -> None:
    qtbot.keyClicks(dialog.petition_no, "2026-00077")
    qtbot.keyClick(dialog.petition_no, Qt.Key.Key_Tab)
    assert "找不到登记号 2026-00077" in dialog.petition_info.text()
    dialog.petition_no.clear()
    qtbot.keyClicks(dialog.petition_no, "2026-00001")
    dialog.visitor_name.setText("王秀英")
    dialog.category.setCurrentIndex(dialog.category.findText("劳动社保"))
    dialog.book_button.click()
    operations.wait_for_all()
    assert dialog.booking is None
    assert "来访人是孙桂兰" in dialog.message_text("petition_register_no")


def test_without_a_register_number_the_booking_prints_in_full(
    qtbot: QtBot, dialog: BookingDialog, tmp_path: Path
) -> None:
    dialog.visitor_name.setText("王秀英")
    dialog.category.setCurrentIndex(dialog.category.findText("劳动社保"))
    cards = _unit_card_after_booking(dialog, tmp_path)
    assert "王秀英" in cards["unit"]
    assert date(2026, 10, 12) <= (dialog.booking.day if dialog.booking else date.min)
