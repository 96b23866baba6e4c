"""Screenshot of the main window on a temporary demo database.

    xvfb-run -a .venv/bin/python tools/screenshot.py [docs/screenshot.png] [--preview shot.png]
    xvfb-run -a .venv/bin/python tools/screenshot.py /tmp/roster.png --tab roster
    QT_QPA_PLATFORM=offscreen .venv/bin/python tools/screenshot.py /tmp/shot.png

Loads the demo data (if the demo loader exists), registers two visits today, fills the
intake form with a realistic visitor and saves ``window.grab()`` at 1280x800.
``--preview PATH`` also grabs the print preview of the newest slip.
``--intake repeat`` fills in a returning visitor instead: the 查重 panel lists his
earlier visit and similar open petitions, and the first is chosen as the one repeated;
``--intake group`` a group visit of 12 with three representatives.
``--size 1366x768`` shoots the window fitted to a screen of that size (a task bar of
40 pixels below, as on a clerk's PC): ``make screenshot`` takes 1366×768 and 1024×768.
``--tab roster`` instead generates the roster of the current quarter, books two visitors
and a walk-in, records a substitution, shows the 排班 tab with that slot selected and
presses 生成排班 over this quarter and the next (whose year's holidays may not be entered
yet: （待核）); ``--preview`` then grabs the 四卡 preview.
``--tab closure`` shows the 办结 tab: three more cases (one closed with its 复查
window open, one in 复查, one awaiting closure and selected: what is missing shows)
(tools/screenshot_closure.py).
``--dialog holidays|settings`` grabs the 节假日 screen (2027 entered and previewed) or the
办公室设置 dialog instead of the window (tools/screenshot_settings.py).
``--tab statistics`` shows the 统计 tab on last month of the demo data: the tables with
their 环比/同比 columns and the three charts.
``--tab referral`` shows the 交办督办 board of the demo's referrals (every state) with an
overdue, supervised referral selected: its deadlines, slips and history beside it.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QRect, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from petitiondesk.core.enums import Channel  # noqa: E402
from petitiondesk.core.idcard import id_check_digit  # noqa: E402
from petitiondesk.core.identity import Role, issue  # noqa: E402
from petitiondesk.gui import operations, window_state  # noqa: E402
from petitiondesk.gui.app import application, open_database  # noqa: E402
from petitiondesk.gui.intake.repeats import VALUE_ROLE  # noqa: E402
from petitiondesk.gui.main_window import MainWindow  # noqa: E402
from petitiondesk.gui.widgets.print_preview import PrintPreviewDialog  # noqa: E402
from petitiondesk.services import cases, intake  # noqa: E402

WIDTH, HEIGHT = 1280, 800
#: The screenshots are taken signed in as the demo administrator.
TOOL_ACTOR = issue("赵丽", Role.ADMIN)
TASK_BAR = 40


def id_number(first17: str) -> str:
    return first17 + id_check_digit(first17)


def prepare(db_path: Path) -> None:
    db = open_database(str(db_path), create=True)
    try:
        try:
            from petitiondesk.services import demo, settings
        except ImportError:
            demo = settings = None  # type: ignore[assignment]
        if demo is not None and hasattr(demo, "load_demo"):
            demo.load_demo(db, visits=200, seed=1)
        if settings is not None and hasattr(settings, "mark_demo_offer_answered"):
            settings.mark_demo_offer_answered(db)
        ref = cases.reference_data(db)
        category = {c.label: c.id for c in ref.categories}
        now = datetime.now().replace(second=0, microsecond=0)
        visits = (
            intake.VisitInput(
                channel=Channel.VISIT,
                received_at=now - timedelta(minutes=50),
                name="李建华",
                id_number=id_number("41012219720611351"),
                phone="13937112345",
                address="青山县城关镇建设路18号",
                category_id=category.get("城乡建设"),
                place="城关镇建设路",
                summary="反映小区旁建筑工地夜间施工噪音扰民，多次向施工方反映无果。",
                demands="要求责令夜间停止施工。",
                receiving_officer="赵敏",
                duty_leader_id=ref.leaders[0].id if ref.leaders else None,
            ),
            intake.VisitInput(
                channel=Channel.PHONE,
                received_at=now - timedelta(minutes=20),
                name="孙桂兰",
                phone="0371-62345678",
                category_id=category.get("民政事务"),
                summary="询问城乡低保申请条件和办理流程。",
                receiving_officer="赵敏",
            ),
        )
        for visit in visits:
            result = intake.register_visit(db, visit, actor=TOOL_ACTOR)
            if not result.ok:
                print("demo visit not saved:", result.message, file=sys.stderr)
    finally:
        db.close()


def prepare_roster(db_path: Path, today: date) -> int | None:
    """Generate the current and the next quarter, book two visitors into the first slot
    from today on, and let another leader substitute on a later slot. Returns the slot
    with the bookings (to select it)."""
    from petitiondesk.core.periods import PERIOD_QUARTER, period_containing, shift_period
    from petitiondesk.services import appointments, roster

    db = open_database(str(db_path))
    try:
        start, end = period_containing(PERIOD_QUARTER, today)
        _next_start, next_end = shift_period(PERIOD_QUARTER, start, end, 1)
        result = roster.generate_roster(db, start, end, actor=TOOL_ACTOR)
        if not result.ok:
            print("roster not generated:", result.message, file=sys.stderr)
            return None
        rows = [r for r in roster.list_roster(db, today, end) if not r.on_day_off]
        if len(rows) < 3:  # late in the quarter: book into the next one
            roster.generate_roster(db, start, next_end, actor=TOOL_ACTOR)
            rows = [r for r in roster.list_roster(db, today, next_end) if not r.on_day_off]
        if len(rows) < 3:
            return None
        ref = cases.reference_data(db)
        category = {c.label: c.id for c in ref.categories}
        first = rows[0]
        for name, phone, issue, summary in (
            ("王秀英", "13803710123", "劳动社保", "反映原单位改制时未补缴养老保险费。"),
            ("赵德明", "13937154321", "城乡建设", "反映小区旁工地夜间施工噪音扰民。"),
        ):
            booked = appointments.book_appointment(
                db,
                appointments.BookingInput(
                    entry_id=first.entry_id,
                    visitor_name=name,
                    category_id=category.get(issue),
                    phone=phone,
                    summary=summary,
                ),
                actor=TOOL_ACTOR,
                today=today,
            )
            if not booked.ok:
                print("booking not saved:", booked.message, file=sys.stderr)
        appointments.register_walk_in(
            db,
            appointments.WalkInInput(entry_id=first.entry_id, visitor_name="孙桂兰"),
            actor=TOOL_ACTOR,
        )
        leaders = [ld for ld in roster.list_leaders(db) if ld.id != first.leader_id]
        if leaders:
            roster.substitute(
                db,
                first.entry_id,
                leaders[-1].id,
                reason="原定领导到市里参加会议",
                requested_by="办公室",
                actor=TOOL_ACTOR,
            )
        return first.entry_id
    finally:
        db.close()


def fill_form(window: MainWindow) -> None:
    form = window.intake.form
    form.id_number.setText(id_number("41012219650302452"))
    form.name.setText("王秀英")
    form.phone.setText("13803710123")
    form.address.setText("青山县城关镇幸福路12号院3号楼")
    form.work_unit.setText("青山县第二纺织厂（已退休）")
    index = form.category.findText("劳动社保")
    form.category.setCurrentIndex(max(index, 0))
    form.place.setText("青山县第二纺织厂")
    form.summary.setPlainText(
        "反映原单位2003年改制时未按规定为其补缴1998年至2003年的养老保险费，"
        "导致退休后养老金偏低，多次向原单位反映未果。"
    )
    form.demands.setPlainText("请求督促原单位补缴养老保险费，并重新核定养老金。")
    if not form.receiving_officer.text():
        form.receiving_officer.setText("赵敏")
    if form.duty_leader.count() > 1:
        form.duty_leader.setCurrentIndex(1)
    window.intake.table.selectRow(0)
    form.summary.setFocus()


def fill_returning(window: MainWindow) -> None:
    """李建华 again (his ID number), about the same building site: the 查重 panel fills."""
    form = window.intake.form
    form.id_number.setText(id_number("41012219720611351"))
    index = form.category.findText("城乡建设")
    form.category.setCurrentIndex(max(index, 0))
    form.place.setText("城关镇建设路")
    form.summary.setPlainText(
        "再次反映小区旁建筑工地夜间施工噪音扰民，施工方仍在夜间作业，问题没有解决。"
    )
    form.demands.setPlainText("要求责令夜间停止施工，并对施工方依法处理。")
    if not form.receiving_officer.text():
        form.receiving_officer.setText("赵敏")
    window.intake.table.selectRow(0)
    form.summary.setFocus()


def fill_group(window: MainWindow) -> None:
    """A group of 12 with three representatives."""
    fill_form(window)
    form = window.intake.form
    form.people_count.setValue(12)
    editor = form.representatives
    for number, (name, phone) in enumerate(
        (("王秀英", "13803710123"), ("刘志强", "13903712288"), ("陈桂芳", "13653716655"))
    ):
        line = editor.lines[number] if number < len(editor.lines) else editor.add_line()
        assert line is not None
        line.name.setText(name)
        line.id_number.setText(id_number(f"4101221965030245{number + 2}"))
        line.phone.setText(phone)
    window.intake.fit_form()


def settle_intake(window: MainWindow, then: Callable[[], None], choose: bool) -> None:
    """Wait for the 查重 look-ups; with ``choose``, mark the first petition listed as the
    one repeated; then ``then()``."""
    tab = window.intake
    poll = QTimer(window)

    def check() -> None:
        if tab.watcher.busy:
            return
        poll.stop()
        items = tab.repeat_panel.case_items()
        if choose and items:
            tab.repeat_panel.list.setCurrentItem(items[0])
            tab.repeat_panel.repeat_chosen.emit(items[0].data(VALUE_ROLE))
        QTimer.singleShot(300, then)

    poll.timeout.connect(check)
    poll.start(100)


def show_roster(window: MainWindow, slot: int | None) -> None:
    """The 排班 tab with the booked slot and its first visitor selected."""
    from petitiondesk.core.periods import PERIOD_CUSTOM, PERIOD_QUARTER, shift_period
    from petitiondesk.gui.tabs import TAB_ROSTER

    window.tabs.setCurrentIndex(TAB_ROSTER)
    tab = window.roster
    tab.refresh()
    if slot is not None and tab.select_entry(slot):
        tab.queue.selectRow(0)
    # 生成排班 as the clerk would, over this quarter and the next: the report shows, and
    # dates in a year whose holidays are not entered yet are marked （待核）.
    start, end = tab.period()
    tab.set_period(start, shift_period(PERIOD_QUARTER, start, end, 1)[1], PERIOD_CUSTOM)
    tab.generate()
    tab.table.setFocus()


def show_referral(window: MainWindow) -> None:
    """The 交办督办 board with the first supervised overdue referral selected."""
    from petitiondesk.core.enums import DueState
    from petitiondesk.gui.tabs import TAB_REFERRAL

    window.tabs.setCurrentIndex(TAB_REFERRAL)
    tab = window.referral
    tab.refresh()
    rows = tab.model.rows
    wanted = next(
        (r for r in rows if r.state is DueState.OVERDUE and r.supervised),
        next((r for r in rows if r.state is DueState.OVERDUE), rows[0] if rows else None),
    )
    if wanted is not None:
        tab.select_referral(wanted.referral_id)
    tab.table.setFocus()


def show_statistics(window: MainWindow) -> None:
    """The 统计 tab on last month, once its figures and charts are in."""
    tab = window.statistics
    window.tabs.setCurrentWidget(tab)
    tab.picker.step(-1)
    operations.wait_for_all(30_000)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out", nargs="?", default=str(ROOT / "docs" / "screenshot.png"))
    parser.add_argument("--preview", help="also save the print preview here")
    parser.add_argument(
        "--tab",
        choices=("intake", "roster", "referral", "closure", "statistics"),
        default="intake",
        help="intake（默认）= 来访登记；roster = 排班（生成本季度排班并预约两位来访人）；"
        "referral = 交办督办看板；closure = 办结；statistics = 统计（上月）",
    )
    parser.add_argument(
        "--intake",
        choices=("new", "repeat", "group"),
        default="new",
        help="来访登记表单：new（默认）新来访人；repeat 重复来访（查重面板）；group 集体访",
    )
    parser.add_argument(
        "--dialog",
        choices=("holidays", "settings"),
        help="截取设置窗口：holidays 节假日安排（预览2027年）；settings 办公室设置",
    )
    parser.add_argument(
        "--size",
        help="屏幕大小，如 1366x768：窗口按该屏幕（减去 40 像素任务栏）适配后截图",
    )
    args = parser.parse_args(argv)
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)

    app = application()
    folder = Path(tempfile.mkdtemp(prefix="petitiondesk-shot-"))
    db_path = folder / "demo.sqlite"
    prepare(db_path)
    slot = prepare_roster(db_path, date.today()) if args.tab == "roster" else None
    closing = None
    if args.tab == "closure":
        from screenshot_closure import prepare_closure

        closing = prepare_closure(db_path, date.today())
    db = open_database(str(db_path))
    window = MainWindow(db, actor=TOOL_ACTOR)
    if args.size:
        width, height = (int(n) for n in args.size.lower().split("x"))
        window_state.fit_to_screen(window, QRect(0, 0, width, height - TASK_BAR))
    else:
        window.resize(WIDTH, HEIGHT)
    window.show()
    if args.tab == "roster":
        show_roster(window, slot)
    elif args.tab == "referral":
        show_referral(window)
    elif args.tab == "closure":
        from screenshot_closure import show_closure

        show_closure(window, closing)
    elif args.tab == "statistics":
        show_statistics(window)
    elif args.intake == "repeat":
        fill_returning(window)
    elif args.intake == "group":
        fill_group(window)
    else:
        fill_form(window)
    status = {"code": 0}

    def current_preview() -> PrintPreviewDialog | None:
        return window.roster.preview if args.tab == "roster" else window.intake.preview

    def grab_preview() -> None:
        preview = current_preview()
        if preview is None:
            print("print preview did not open", file=sys.stderr)
            status["code"] = 1
        else:
            app.processEvents()
            preview.grab().save(str(args.preview))
            print(f"saved {args.preview}")
            preview.close()
        app.exit(0)  # not quit(): that closes the window, which asks about the filled form

    def shoot() -> None:
        app.processEvents()
        if not window.grab().save(str(out)):
            print(f"could not write {out}", file=sys.stderr)
            status["code"] = 1
        else:
            print(f"saved {out} ({window.width()}x{window.height()})")
        if args.preview:
            if args.tab == "roster":
                window.roster.print_cards()
            else:
                number = cases.page_cases(db, offset=0, limit=1)[0].register_no
                window.intake.open_preview(number)
            # Wait for the PDF to be rendered and the dialog to lay out.
            poll = QTimer(window)

            def check() -> None:
                if not operations.active_operations() and current_preview() is not None:
                    poll.stop()
                    QTimer.singleShot(800, grab_preview)

            poll.timeout.connect(check)
            poll.start(100)
        else:
            app.exit(0)

    def shoot_dialog() -> None:
        from screenshot_settings import open_dialog

        dialog = open_dialog(window, args.dialog)
        app.processEvents()
        if not dialog.grab().save(str(out)):
            status["code"] = 1
        print(f"saved {out} ({dialog.width()}x{dialog.height()})")
        dialog.close()
        app.exit(0)

    if args.dialog:
        QTimer.singleShot(800, shoot_dialog)
    elif args.tab in ("roster", "referral", "closure"):
        QTimer.singleShot(800, shoot)
    else:
        QTimer.singleShot(800, lambda: settle_intake(window, shoot, args.intake == "repeat"))
    app.exec()
    operations.wait_for_all()
    window.intake.form.clear_for_next()
    window.close()
    db.close()
    QApplication.processEvents()
    shutil.rmtree(folder, ignore_errors=True)
    return status["code"]


if __name__ == "__main__":
    sys.exit(main())
