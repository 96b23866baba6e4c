"""Screenshot of the main window on a temporary demo database.

    xvfb-run -a .venv/bin/python tools/screenshot.py [docs/screenshot.png] [--preview shot.png]
    QT_QPA_PLATFORM=offscreen .venv/bin/python tools/screenshot.py /tmp/shot.png

Loads the demo data (if the demo loader exists), registers two visits today, fills the
intake form with a realistic visitor and saves ``window.grab()`` at 1280x800.
``--preview PATH`` also grabs the print preview of the newest slip.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from datetime import datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from petitiondesk.core.enums import Channel  # noqa: E402
from petitiondesk.core.idcard import id_check_digit  # noqa: E402
from petitiondesk.gui import operations  # noqa: E402
from petitiondesk.gui.app import application, open_database  # noqa: E402
from petitiondesk.gui.main_window import MainWindow  # noqa: E402
from petitiondesk.services import cases, intake  # noqa: E402

WIDTH, HEIGHT = 1280, 800


def id_number(first17: str) -> str:
    return first17 + id_check_digit(first17)


def prepare(db_path: Path) -> None:
    db = open_database(str(db_path))
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
            result = intake.register_visit(db, visit, actor="screenshot")
            if not result.ok:
                print("demo visit not saved:", result.message, file=sys.stderr)
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out", nargs="?", default=str(ROOT / "docs" / "screenshot.png"))
    parser.add_argument("--preview", help="also save the print preview here")
    args = parser.parse_args(argv)
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)

    app = application()
    folder = Path(tempfile.mkdtemp(prefix="petitiondesk-shot-"))
    db_path = folder / "demo.sqlite"
    prepare(db_path)
    db = open_database(str(db_path))
    window = MainWindow(db)
    window.resize(WIDTH, HEIGHT)
    window.show()
    fill_form(window)
    status = {"code": 0}

    def grab_preview() -> None:
        preview = window.intake.preview
        if preview is None:
            print("print preview did not open", file=sys.stderr)
            status["code"] = 1
        else:
            app.processEvents()
            preview.grab().save(str(args.preview))
            print(f"saved {args.preview}")
            preview.close()
        app.quit()

    def shoot() -> None:
        app.processEvents()
        if not window.grab().save(str(out)):
            print(f"could not write {out}", file=sys.stderr)
            status["code"] = 1
        else:
            print(f"saved {out} ({window.width()}x{window.height()})")
        if args.preview:
            number = cases.page_cases(db, offset=0, limit=1)[0].register_no
            window.intake.open_preview(number)
            # Wait for the PDF to be rendered and the dialog to lay out.
            poll = QTimer(window)

            def check() -> None:
                if not operations.active_operations() and window.intake.preview is not None:
                    poll.stop()
                    QTimer.singleShot(800, grab_preview)

            poll.timeout.connect(check)
            poll.start(100)
        else:
            app.quit()

    QTimer.singleShot(800, shoot)
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
