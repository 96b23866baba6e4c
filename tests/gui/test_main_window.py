"""Main window: title, tabs, menus and shortcuts, export, first-start offer, start-up."""

from __future__ import annotations

import sys
import time
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from petitiondesk.core.enums import Channel
from petitiondesk.gui import app as gui_app
from petitiondesk.gui import errors, operations, prompts
from petitiondesk.gui import main_window as main_window_module
from petitiondesk.gui.main_window import MainWindow
from petitiondesk.gui.tabs import TAB_INTAKE
from petitiondesk.services import cases, settings
from petitiondesk.services.intake import VisitInput, register_visit
from petitiondesk.store.db import Database
from petitiondesk.store.models import AuditLog
from tests.helpers import actor


def test_title_tabs_and_status_bar(main_window: MainWindow, db: Database) -> None:
    assert main_window.windowTitle() == "PetitionDesk 信访桌面 — 信访办公室"
    tabs = main_window.tabs
    assert [tabs.tabText(i) for i in range(tabs.count())] == [
        "排班",
        "来访登记",
        "交办督办",
        "办结",
        "统计",
    ]
    assert tabs.currentIndex() == TAB_INTAKE
    assert tabs.currentWidget() is main_window.intake
    for index, key in ((0, "roster"), (2, "referral"), (3, "closure")):
        built = main_window.tab(key)  # a hidden tab is built on first use, in its place
        assert tabs.widget(index) is built is getattr(main_window, key)
        assert tabs.tabText(index) == built.title
    assert (
        str(db.path) in main_window.db_label.full_text()
    )  # elided when long, whole in the tooltip
    assert main_window.db_label.toolTip() == main_window.db_label.full_text()


def test_menus_and_shortcuts(main_window: MainWindow) -> None:
    menus = {a.text(): a.menu() for a in main_window.menuBar().actions()}
    assert list(menus) == [
        "文件(&F)",
        "登记(&R)",
        "排班(&D)",
        "交办督办(&J)",
        "办结(&B)",
        "统计(&T)",
        "台账(&L)",
        "设置(&S)",
        "工具(&O)",
        "账户(&U)",
        "帮助(&H)",
    ]
    shortcuts = {
        a.text(): a.shortcut().toString()
        for menu in menus.values()
        for a in menu.actions()
        if not a.isSeparator()
    }
    assert shortcuts == {
        "打开数据库(&O)…": "Ctrl+O",
        "备份数据库(&B)…": "",
        "从备份恢复(&R)…": "",
        "导出登记台账(&E)…": "Ctrl+E",
        "年底归档(&Y)…": "",
        "退出(&Q)": "Ctrl+Q",
        "导出台账(&L)…": "Ctrl+Shift+L",
        "矛盾纠纷排查台账(&D)…": "",
        "新登记(&N)": "Ctrl+N",
        "保存(&S)": "Ctrl+S",
        "打印登记单(&P)…": "Ctrl+P",
        "查找(&F)": "Ctrl+F",
        "受理决定(&J)…": "Ctrl+J",
        "打印告知书(&G)…": "",
        "接谈记录(&T)…": "Ctrl+T",
        "附件(&U)…": "Ctrl+U",
        "生成排班(&G)": "Ctrl+G",
        "替班(&T)…": "",
        "调换(&W)…": "",
        "按值班顺序递补(&N)…": "",
        "陪同(&A)…": "Ctrl+Shift+A",
        "手工加排(&M)…": "Ctrl+Shift+N",
        "预约(&B)…": "Ctrl+B",
        "现场登记(&K)…": "",
        "取消预约(&C)": "",
        "打印四卡(&4)…": "",
        "打印排班公示(&P)…": "Ctrl+Shift+P",
        "导出排班(&X)…": "",
        "办结报告(&R)…": "",
        "处理意见书(&O)…": "",
        "送达(&D)…": "",
        "登记收到日期(&V)…": "",
        "满意度(&S)…": "",
        "办结(&C)…": "",
        "撤销办结(&U)…": "",
        "存档销案(&A)…": "",
        "复查/复核申请(&Q)…": "",
        "听证(&H)…": "",
        "复查/复核意见(&J)…": "",
        "登记意见收到日期(&L)…": "",
        "打印意见书(&P)…": "",
        "打印办结单(&B)…": "",
        "打印复查/复核意见(&K)…": "",
        "领导与接待规则(&L)…": "",
        "打印月报(&P)…": "",
        "信访形势分析(&A)…": "",
        "导出统计 xlsx(&X)…": "",
        "交办/转送(&R)…": "Ctrl+Shift+R",
        "签收(&K)…": "Ctrl+Shift+K",
        "回退(&B)…": "",
        "办理结果(&E)…": "Ctrl+Shift+E",
        "延期(&Y)…": "",
        "催办(&U)…": "Ctrl+Shift+U",
        "督办单(&D)…": "Ctrl+Shift+D",
        "回执(&H)…": "Ctrl+Shift+H",
        "打印交办单…": "Ctrl+P",
        "打印信访送阅表…": "",
        "打印督办单…": "",
        "打印延期办理告知书…": "",
        "超期通报(&O)…": "",
        "刷新看板": "F5",
        "节假日安排(&H)…": "",
        "办公室设置(&O)…": "",
        "期限规则(&R)…": "",
        "数据库服务器(&D)…": "",
        "审计日志(&L)…": "",
        "锁定(&L)": "Ctrl+L",
        "修改密码(&P)…": "",
        "账户管理(&M)…": "",
        "关于(&A)": "",
    }


def test_registration_actions_follow_the_tab(qtbot: QtBot, main_window: MainWindow) -> None:
    main_window.tabs.setCurrentIndex(0)
    assert not main_window.intake.save_action.isEnabled()
    assert not main_window.intake.new_action.isEnabled()
    main_window.tabs.setCurrentIndex(TAB_INTAKE)
    assert main_window.intake.save_action.isEnabled()


def test_ctrl_n_starts_a_new_visit(
    qtbot: QtBot, main_window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    form = main_window.intake.form
    monkeypatch.setattr(prompts, "confirm", lambda *_a, **_k: True)
    qtbot.keyClicks(form.phone, "13803710123")
    qtbot.keyClick(form.phone, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert form.phone.text() == ""
    assert form.id_number.hasFocus()


PHONE = "13637103118"


@pytest.mark.parametrize("outside", [False, True])
def test_export_action_writes_the_year_in_the_background(
    qtbot: QtBot,
    db: Database,
    main_window: MainWindow,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    outside: bool,
) -> None:
    year = date.today().year - 1
    for day in (3, 4):
        visit = VisitInput(
            channel=Channel.PHONE,
            received_at=datetime(year, 5, day, 9, 30),
            name="孙桂兰",
            phone=PHONE,
            category_id=7,
            summary=f"询问低保政策（{day}日）",
            receiving_officer="赵敏",
        )
        assert register_visit(db, visit, actor=actor("test")).ok
    asked: dict[str, Any] = {}

    def get_int(_parent: Any, title: str, label: str, value: int, *_rest: Any) -> tuple[int, bool]:
        asked["default_year"] = value
        return year, True

    def get_save_file_name(
        _parent: Any, _title: str, suggested: str, _filter: str
    ) -> tuple[str, str]:
        asked["suggested"] = suggested
        return str(tmp_path / "台账"), ""

    monkeypatch.setattr(prompts.QInputDialog, "getInt", staticmethod(get_int))
    monkeypatch.setattr(prompts.QFileDialog, "getSaveFileName", staticmethod(get_save_file_name))
    monkeypatch.setattr(prompts, "ask_export_use", lambda *_a: outside)
    operation = main_window.export_register()
    assert operation is not None
    qtbot.waitUntil(lambda: operation.done, timeout=20_000)

    assert asked["default_year"] == date.today().year
    use = "（对外提供）" if outside else ""
    assert asked["suggested"].endswith(f"信访办公室{year}年来信来访登记台账{use}.xlsx")
    out = tmp_path / "台账.xlsx"
    book = load_workbook(out, read_only=True)
    try:
        sheet = book.worksheets[0]
        values = [cell for row in sheet.iter_rows(values_only=True) for cell in row if cell]
    finally:
        book.close()  # a read-only workbook keeps its file open until closed
    assert f"{year}-00001" in values and f"{year}-00002" in values
    assert (PHONE in values) is not outside and ("136****3118" in values) is outside
    use = "对外提供" if outside else "内部使用"
    assert f"已导出 {year} 年登记台账 2 条（{use}）" in main_window.statusBar().currentMessage()
    with db.read() as session:
        audit = session.scalars(select(AuditLog).where(AuditLog.entity == "export")).one()
        assert use in audit.summary and audit.actor


def test_cancelled_export_leaves_no_file(
    qtbot: QtBot,
    db: Database,
    main_window: MainWindow,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    monkeypatch.setattr(prompts, "ask_year", lambda *_a: 2026)
    monkeypatch.setattr(prompts, "ask_export_use", lambda *_a: False)
    monkeypatch.setattr(prompts, "ask_save_path", lambda *_a: tmp_path / "x.xlsx")

    def export_until_cancelled(
        _db: Any, _year: int, _out: Path, *, progress: Any, actor: str = "", outside: bool = False
    ) -> Any:
        # The worker may start before export_register() has stored the operation.
        deadline = time.monotonic() + 10
        while main_window.export_operation is None and time.monotonic() < deadline:
            time.sleep(0.01)
        operation = main_window.export_operation
        assert operation is not None
        operation.cancel()  # the clerk pressed 取消 while rows were being written
        progress(1)
        raise AssertionError("progress() should have raised Cancelled")

    from petitiondesk.services import printouts

    monkeypatch.setattr(printouts, "export_register", export_until_cancelled)
    operation = main_window.export_register()
    assert operation is not None
    qtbot.waitUntil(lambda: operation.done, timeout=10_000)
    assert main_window.statusBar().currentMessage() == "已取消导出，未生成文件"
    assert not (tmp_path / "x.xlsx").exists()


def test_export_asks_nothing_more_when_the_year_is_cancelled(
    main_window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(prompts, "ask_year", lambda *_a: None)
    assert main_window.export_register() is None


def test_export_asks_no_file_when_the_use_is_cancelled(
    main_window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(prompts, "ask_year", lambda *_a: 2026)
    monkeypatch.setattr(prompts, "ask_export_use", lambda *_a: None)
    assert main_window.export_register() is None  # the guard refuses a file dialog


@pytest.mark.parametrize(
    ("button", "answer"),
    [(prompts.EXPORT_INTERNAL, False), (prompts.EXPORT_OUTSIDE, True), ("Cancel", None)],
)
def test_ask_export_use_answers(
    qapp: QApplication, monkeypatch: pytest.MonkeyPatch, button: str, answer: bool | None
) -> None:
    shown: list[str] = []

    def click(box: QMessageBox) -> int:
        shown.append(box.text())
        cancel = box.button(QMessageBox.StandardButton.Cancel)
        chosen = [b for b in box.buttons() if b.text() == button] or [cancel]
        chosen[0].click()
        return 0

    monkeypatch.setattr(prompts.QMessageBox, "exec", click)
    assert prompts.ask_export_use(None, "导出登记台账") is answer
    assert "对外提供" in shown[0] and "内部使用" in shown[0]


def test_first_start_offers_demo_data_once(
    qtbot: QtBot, db: Database, main_window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    questions: list[str] = []

    def answer_yes(_parent: Any, _title: str, text: str, **_kw: Any) -> bool:
        questions.append(text)
        return True

    monkeypatch.setattr(prompts, "confirm", answer_yes)
    assert settings.demo_offer_pending(db)
    operation = main_window.offer_demo_data()
    assert operation is not None
    qtbot.waitUntil(lambda: operation.done, timeout=60_000)
    assert "是否载入演示数据？" in questions[0]
    assert not settings.demo_offer_pending(db)
    assert cases.count_cases(db) >= 200
    assert main_window.statusBar().currentMessage().startswith("已载入演示数据")
    # The hub told everyone: the title shows the demo office, the form its officer.
    ref = cases.reference_data(db)
    assert main_window.windowTitle() == f"PetitionDesk 信访桌面 — {ref.office_name}"
    assert ref.office_name != "信访办公室"
    assert ref.default_receiving_officer
    assert main_window.intake.form.receiving_officer.text() == ref.default_receiving_officer
    # Asked once only.
    assert main_window.offer_demo_data() is None
    assert len(questions) == 1


def test_declined_demo_offer_is_not_asked_again(
    db: Database, main_window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(prompts, "confirm", lambda *_a, **_k: False)
    assert main_window.offer_demo_data() is None
    operations.wait_for_all()  # the answer is written off the UI thread
    assert not settings.demo_offer_pending(db)
    assert cases.count_cases(db) == 0


def test_closing_with_unsaved_input_asks(
    qtbot: QtBot, main_window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(prompts, "confirm", lambda *_a, **_k: False)
    qtbot.keyClicks(main_window.intake.form.phone, "138")
    main_window.close()
    assert main_window.isVisible()  # 否: stays open


def test_save_refreshes_through_the_hub(main_window: MainWindow, fill: Any, save: Any) -> None:
    heard: list[str] = []
    main_window.hub.changed.connect(heard.append)
    fill()
    save()
    assert heard == ["cases"]
    assert main_window.intake.count_label.text() == "共 1 条"


def test_run_refuses_a_broken_database_file(
    tmp_path: Path, error_dialogs: list[Any], qapp: QApplication
) -> None:
    broken = tmp_path / "broken.sqlite"
    broken.write_bytes(b"this is not a database at all" * 10)
    before = broken.read_bytes()
    assert gui_app.run(str(broken)) == 1
    assert len(error_dialogs) == 1
    assert error_dialogs[0].text.startswith(f"无法打开数据库：{broken}")
    assert "已损坏或不是数据库文件" in error_dialogs[0].text
    assert broken.read_bytes() == before  # nothing touched


def test_run_opens_the_window_on_a_new_database(
    tmp_path: Path, qapp: QApplication, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: dict[str, Any] = {}

    def fake_exec() -> int:
        windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]
        seen["windows"] = [w.windowTitle() for w in windows if w.isVisible()]
        seen["excepthook"] = sys.excepthook
        for window in windows:
            window.close()
        return 0

    monkeypatch.setattr(qapp, "exec", fake_exec)
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # run() installs its own
    monkeypatch.setattr(main_window_module.MainWindow, "offer_demo_data", lambda self: None)
    target = tmp_path / "new" / "office.sqlite"
    Database.open(target, create=True).close()  # --db names an existing (empty) register
    assert gui_app.run(str(target)) == 0
    assert seen["windows"] == ["PetitionDesk 信访桌面 — 信访办公室"]
    assert seen["excepthook"] is errors._excepthook  # unexpected errors reach the clerk
    assert target.is_file()
    # The defaults were seeded.
    check = Database.open(target)
    try:
        assert len(cases.reference_data(check).categories) == 14
    finally:
        check.close()
    QApplication.processEvents()


def test_reference_reload_keeps_what_the_clerk_typed(
    qtbot: QtBot, main_window: MainWindow, fill: Any
) -> None:
    fill(category="民政事务")
    form = main_window.intake.form
    main_window.hub.notify("reference")
    assert form.category.currentText() == "民政事务"
    assert form.is_dirty()
