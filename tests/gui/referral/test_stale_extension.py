"""延期 at one desk after another desk changed the referral (issue 14): the save is
refused next to the form with the stale message, what was typed stays, and only the
other desk's extension is stored."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from petitiondesk.gui.main_window import MainWindow
from petitiondesk.gui.referral.tab import ReferralTab
from petitiondesk.services import referrals
from petitiondesk.store.db import Database
from petitiondesk.store.models import Extension
from tests.helpers import actor, url_of
from tests.services.referrals.setup import TODAY, accepted_case, add_units, refer


@pytest.fixture
def tab(main_window: MainWindow, db: Database) -> Iterator[ReferralTab]:
    referral: ReferralTab = main_window.referral  # type: ignore[attr-defined]
    referral.today = lambda: TODAY
    main_window.tabs.setCurrentWidget(referral)
    yield referral
    if referral.dialog is not None:
        referral.dialog.reject()


def test_an_extension_of_a_referral_the_other_desk_changed_is_refused(
    qtbot: QtBot, tab: ReferralTab, db: Database
) -> None:
    units = add_units(db)
    made = refer(db, accepted_case(db), units["城关镇人民政府"])
    tab.refresh()
    tab.table.selectRow(0)
    dialog = tab.extend()
    assert dialog is not None
    dialog.reason.setPlainText("甲窗口：情况复杂，需要进一步调查核实")
    dialog.approved_by.setText("张建国")
    dialog.days.setValue(10)

    other = Database.open(url_of(db))  # meanwhile the other desk extends it by 5 days
    try:
        data = referrals.ExtensionInput("乙窗口：需补充材料", "李明", TODAY, 5)
        done = referrals.extend_referral(
            other, made.referral_id, data, actor=actor("钱七"), today=TODAY
        )
        assert done.ok, done.message
    finally:
        other.close()

    dialog.save_button.click()
    qtbot.waitUntil(lambda: not dialog.is_saving(), timeout=10_000)
    shown = dialog.general.text()
    assert f"该记录已被其他窗口修改（交办 {made.referral_no}）" in shown
    assert "您的修改未保存" in shown
    assert dialog.reason.toPlainText() == "甲窗口：情况复杂，需要进一步调查核实"  # kept
    assert dialog.approved_by.text() == "张建国" and dialog.days.value() == 10
    assert dialog.last_result is not None and not dialog.last_result.ok
    assert dialog.isVisible() and dialog.save_button.isEnabled()
    with db.read() as session:
        assert [e.days for e in session.scalars(select(Extension))] == [5]
