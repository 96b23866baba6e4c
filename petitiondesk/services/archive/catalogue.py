"""The catalogue (归档文件目录, DA/T 22-2015: 序号、档号、文号、责任者、题名、日期、密级、
页数、备注) and the list of open cases (未结事项清单), as xlsx and PDF bytes."""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass

from petitiondesk.printing.ledgerspec import LedgerColumn

CATALOGUE_STEM = "归档文件目录"
OPEN_STEM = "未结事项清单"

CATALOGUE_COLUMNS: tuple[LedgerColumn, ...] = (
    LedgerColumn("serial", "序号", 6, kind="int"),
    LedgerColumn("code", "档号", 24),
    LedgerColumn("doc_no", "文号", 18, wrap=True),
    LedgerColumn("author", "责任者", 16, wrap=True),
    LedgerColumn("title", "题名", 44, wrap=True),
    LedgerColumn("date", "日期", 10, align="center"),
    LedgerColumn("secrecy", "密级", 6, align="center"),
    LedgerColumn("pages", "页数", 6, kind="int"),
    LedgerColumn("note", "备注", 20, wrap=True),
)
OPEN_COLUMNS: tuple[LedgerColumn, ...] = (
    LedgerColumn("register_no", "登记号", 12),
    LedgerColumn("received", "登记日期", 11, align="center"),
    LedgerColumn("name", "信访人", 10),
    LedgerColumn("category", "问题类别", 12),
    LedgerColumn("status", "状态", 10),
    LedgerColumn("summary", "反映问题", 50, wrap=True),
)


@dataclass(frozen=True)
class CatalogueRow:
    serial: int
    code: str  # 档号
    doc_no: str  # 文号
    author: str  # 责任者
    title: str  # 题名
    date: str  # 8 digits
    secrecy: str  # 密级
    pages: int
    note: str  # 备注


@dataclass(frozen=True)
class OpenRow:
    register_no: str
    received: str
    name: str
    category: str
    status: str
    summary: str


def _files(
    title: str, subtitle: str, columns: Sequence[LedgerColumn], rows: Sequence[Mapping[str, object]]
) -> dict[str, bytes]:
    from petitiondesk.printing.ledger_pdf import write_ledger_pdf
    from petitiondesk.printing.ledger_xlsx import write_ledger_xlsx

    xlsx, pdf = io.BytesIO(), io.BytesIO()
    write_ledger_xlsx(xlsx, title, columns, rows, subtitle=subtitle)
    write_ledger_pdf(pdf, title, columns, rows, subtitle=subtitle, font_size=9)
    return {".pdf": pdf.getvalue(), ".xlsx": xlsx.getvalue()}


def catalogue_files(office: str, year: int, rows: Sequence[CatalogueRow]) -> dict[str, bytes]:
    subtitle = f"{office}　{year}年度　共 {len(rows)} 件"
    return _files(CATALOGUE_STEM, subtitle, CATALOGUE_COLUMNS, [asdict(r) for r in rows])


def open_files(office: str, year: int, rows: Sequence[OpenRow]) -> dict[str, bytes]:
    subtitle = f"{office}　{year}年度　归档时尚未办结 {len(rows)} 件（不列入归档文件目录）"
    return _files(OPEN_STEM, subtitle, OPEN_COLUMNS, [asdict(r) for r in rows])
