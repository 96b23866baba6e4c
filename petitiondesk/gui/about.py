"""帮助 → 关于: what the program is, its version and build date, the database it works
on and which version last opened it, where the data lives, and the font it prints with.

The text is built by :func:`about_text` (tested without a dialog); :func:`show_about`
shows it in Qt's about box, whose text can be selected and copied (for the IT person).
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMessageBox, QWidget

from petitiondesk.services.program_version import last_open
from petitiondesk.store.db import Database
from petitiondesk.version import build_info

if TYPE_CHECKING:
    from .main_window import MainWindow

TITLE = "关于 PetitionDesk"
NO_RECORD = "尚无记录"

FEATURES = (
    "<p>信访办公室的离线桌面程序：</p><ul>"
    "<li>排班：领导接待日排班、替班与调换、预约与现场登记，排班公示和四卡打印；</li>"
    "<li>登记：来信、来访、来电、网上信访登记，查重（以前的来访、相似事项），集体访代表；</li>"
    "<li>受理：受理、不予受理、转送决定，15日内告知的期限提醒（待告知），接谈记录和附件；</li>"
    "<li>打印：登记单、告知书、接谈记录，登记台账导出为 Excel；</li>"
    "<li>节假日与设置：法定节假日安排（期限按工作日推算）、期限规则、单位信息。</li></ul>"
)
LICENCE = "<p>以 GNU GPL 3.0 或更高版本发布。随附字体：文泉驿微米黑（GPL，含字体例外）。</p>"


def _row(label: str, value: str) -> str:
    return f"<p>{label}：<br><code>{escape(value)}</code></p>"


def about_text(db: Database, database_text: str, font_text: str) -> str:
    """The about box's text (HTML) for the database ``db`` (named ``database_text``)."""
    from petitiondesk.paths import user_data_dir

    info = build_info()
    built = f"构建于 {info.build_date}" if info.bundled else info.build_date
    if info.commit:
        built += f"（{info.commit}）"
    record = last_open(db)
    return "".join(
        (
            f"<h3>PetitionDesk 信访桌面 {escape(info.version)}</h3>",
            f"<p>{escape(built)}</p>",
            FEATURES,
            "<p>数据只保存在本机数据库文件中。</p>",
            _row("数据库文件", database_text),
            _row("最近打开此数据库的程序版本", record.text() if record else NO_RECORD),
            _row("数据文件夹（默认数据库、附件、自动备份）", str(user_data_dir())),
            _row("打印所用字体", font_text),
            LICENCE,
        )
    )


def show_about(window: MainWindow) -> None:
    """Show the about box over the main window."""
    from petitiondesk.services.printouts.office import print_font_file

    parent: QWidget = window
    text = about_text(window.db, window.database_text(), print_font_file())
    QMessageBox.about(parent, TITLE, text)
