"""One archived item (件) rendered: the case's forms, its 件内目录, stamp and page numbers,
as PDF/A bytes (:func:`render_item`). Takes only plain, picklable data
(:class:`ItemJob`), so :mod:`.pool` can run it in worker processes; the result depends
on the job and the database alone (the same bytes in any process, in any order).
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from petitiondesk.printing.archive_pdf import ArchiveStamp
from petitiondesk.printing.ledgerspec import LedgerColumn
from petitiondesk.printing.pdfa import DocInfo
from petitiondesk.store.db import Database

from .documents import case_documents

CONTENTS_COLUMNS: Final = (
    LedgerColumn("n", "序号", 6, kind="int"),
    LedgerColumn("title", "文件名称", 40, wrap=True),
    LedgerColumn("pages", "页次", 12, align="center"),
)


@dataclass(frozen=True)
class ItemJob:
    """Everything one item's PDF needs besides the database (all picklable)."""

    register_no: str
    petition_id: int
    code: str  # 档号
    stem: str  # the file name's stem (件/<stem>.pdf, 附件/<stem>/)
    stamp: ArchiveStamp
    info: DocInfo
    attachments: tuple[tuple[str, str], ...]  # (file name, SHA-256), as listed in the item


@dataclass(frozen=True)
class RenderedItem:
    pdf: bytes
    pages: int


def contents_page(job: ItemJob, titles: list[str], counts: list[int]) -> bytes:
    """The 件内目录: each form with its pages, then the attachments."""
    from petitiondesk.printing.ledger_pdf import write_ledger_pdf

    rows, first = [], 1
    for n, (title, count) in enumerate(zip(titles, counts, strict=True), start=1):
        last = first + count - 1
        rows.append(
            {"n": n, "title": title, "pages": f"{first}–{last}" if count > 1 else str(first)}
        )
        first = last + 1
    notes = (
        [f"附件 {len(job.attachments)} 件（存于 附件/{job.stem}/）："]
        if job.attachments
        else ["附件：无"]
    )
    notes += [f"{name}　SHA-256：{sha256}" for name, sha256 in job.attachments]
    buffer = io.BytesIO()
    write_ledger_pdf(buffer, "件内目录", CONTENTS_COLUMNS, rows, subtitle=f"档号：{job.code}",
                     orientation="portrait", footer_lines=notes, font_size=10)  # fmt: skip
    return buffer.getvalue()


def render_item(db: Database, job: ItemJob, scratch: Path | None = None) -> RenderedItem:
    """The item's PDF/A and its page count. ``scratch``: a folder the forms may be
    printed into (reused from item to item; a temporary one when None)."""
    from petitiondesk.printing.archive_pdf import assemble_item, page_count

    documents = case_documents(db, job.register_no, job.petition_id, scratch)
    parts = [d.pdf for d in documents]
    counts = [page_count(p) for p in parts]
    parts.append(contents_page(job, [d.title for d in documents], counts))
    pdf, pages = assemble_item(parts, job.stamp, job.info)
    return RenderedItem(pdf, pages)
