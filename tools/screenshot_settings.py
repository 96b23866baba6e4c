"""The 设置 screens for ``tools/screenshot.py --dialog holidays|settings``.

``holidays``: the 节假日 screen on 2027 with an invented notice typed in and previewed
(the month calendar on 春节, the demo's open deadlines that would move); ``settings``:
the 办公室设置 dialog with the small-group rule switched on.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from PySide6.QtWidgets import QDialog

from petitiondesk.core.enums import AcceptanceDecision, Channel
from petitiondesk.core.identity import Role, issue
from petitiondesk.gui import operations
from petitiondesk.gui.main_window import MainWindow
from petitiondesk.services import acceptance, cases, intake

TOOL_ACTOR = issue("赵丽", Role.ADMIN)

#: Invented for the screenshot (the State Council publishes 2027 in late 2026).
NOTICE_2027 = """\
元旦 1月1日放假
春节 2月6日至2月12日放假，1月31日（周日）、2月20日（周六）上班
清明节 4月3日至4月5日放假
劳动节 5月1日至5月5日放假，4月25日（周日）、5月8日（周六）上班
端午节 6月9日放假
中秋节 9月15日放假
国庆节 10月1日至10月7日放假，9月26日（周日）、10月9日（周六）上班"""


def accept_two_visits(window: MainWindow) -> None:
    """Two visits accepted over the last days: their 60-day limits run into next year."""
    db = window.db
    ref = cases.reference_data(db)
    category = next((c.id for c in ref.categories if c.label == "劳动社保"), None)
    for days_ago, name, summary in (
        (10, "周永福", "反映原单位拖欠工资两个月。"),
        (3, "吴春燕", "反映小区物业擅自提高收费标准。"),
    ):
        received = datetime.combine(date.today() - timedelta(days=days_ago), datetime.min.time())
        visit = intake.VisitInput(
            channel=Channel.LETTER,
            received_at=received.replace(hour=9),
            name=name,
            address="青山县城关镇",
            category_id=category,
            summary=summary,
            receiving_officer="赵敏",
        )
        saved = intake.register_visit(db, visit, actor=TOOL_ACTOR, now=received.replace(hour=10))
        if saved.ok and saved.value is not None:
            acceptance.decide_acceptance(
                db,
                saved.value.register_no,
                acceptance.AcceptanceInput(AcceptanceDecision.ACCEPT, received.date()),
                actor=TOOL_ACTOR,
                today=received.date(),
            )


def open_dialog(window: MainWindow, which: str) -> QDialog:
    """Open and fill the dialog ``which``; background work is finished on return."""
    menu = window.settings_menu
    if which == "holidays":
        accept_two_visits(window)
        holidays = menu.open_holidays(2027)
        holidays.notice.setPlainText(NOTICE_2027)
        holidays.run_preview()
        operations.wait_for_all()
        holidays.calendar.setCurrentPage(2027, 2)
        holidays.table.scrollToTop()
        return holidays
    office = menu.open_office()
    office.small_rule.setChecked(True)
    office.small_limit.setValue(3)
    office.small_max.setValue(10)
    office.group_min.setValue(3)
    if not office.doc_prefix.text():
        office.doc_prefix.setText("青信")
    return office
