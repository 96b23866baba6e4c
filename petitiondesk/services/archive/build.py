"""年底归档: one year of the register as a folder an archive room accepts (DA/T 22-2015,
DA/T 70-2018) — see :func:`archive_year` and the folder's own 说明.txt
(:mod:`.readme`).

The folder is built as ``OUT/YYYY.part`` and renamed to ``OUT/YYYY`` only when complete
and audited: a cancelled or failed run leaves nothing behind. Every file is
deterministic (dates fixed to 31 December of the year, PDF IDs from the content, xlsx
properties and zip times fixed), so archiving unchanged data again gives the same bytes.
"""

from __future__ import annotations

import json
import shutil
import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, Final

from petitiondesk.core.archive import (
    MAX_ITEMS,
    Retention,
    archive_code,
    code_file_stem,
    date8,
    item_no,
)
from petitiondesk.core.identity import Actor
from petitiondesk.core.permissions import Permission, refusal
from petitiondesk.store.db import Database

from .. import audit
from ..attachments import attachment_path, list_attachments
from ..cases import reference_data
from ..result import Result
from . import checks
from .cases import ArchiveCase, year_cases
from .catalogue import CATALOGUE_STEM, OPEN_STEM, CatalogueRow, catalogue_files, open_files
from .items import ItemJob, RenderedItem
from .ledgers import ARCHIVE_LEDGERS, ArchiveLedger
from .pool import rendered
from .readme import README, ReadmeFacts, readme_text
from .settings import ArchiveSettings, get_archive_settings

ITEMS: Final = "件"
ATTACHMENTS: Final = "附件"
LEDGERS: Final = "台账"
RETENTION_ORDER: Final = (Retention.PERMANENT, Retention.YEARS_30, Retention.YEARS_10)
ProgressFn = Callable[[int], None]


class ArchiveCancelled(Exception):
    """The cancel flag was set: the half-built folder has been removed."""


@dataclass(frozen=True)
class ArchiveSummary:
    folder: Path
    items: int
    open_cases: int
    pages: int
    files: int
    problems: tuple[str, ...]  # what the self-check found ("" none)


@dataclass
class _Item:
    case: ArchiveCase
    retention: Retention
    number: int
    code: str
    attachments: list[dict[str, Any]] = field(default_factory=list)

    @property
    def stem(self) -> str:
        return code_file_stem(self.code)


def planned_steps(db: Database, year: int) -> int:
    """How many progress steps :func:`archive_year` reports for ``year``: one per
    closed case, one per ledger, the catalogue and the self-check."""
    closed = sum(1 for case in year_cases(db, year) if not case.open)
    return closed + len(ARCHIVE_LEDGERS) + 2


def _number_items(cases: Sequence[ArchiveCase], s: ArchiveSettings, year: int) -> list[_Item]:
    """Closed cases in 保管期限 order, each period numbered from 0001 in register order."""
    items: list[_Item] = []
    for retention in RETENTION_ORDER:
        chosen = [c for c in cases if s.retention_of(c.category) is retention]
        for number, case in enumerate(chosen, start=1):
            code = archive_code(s.fonds_no, s.class_code, year, retention, s.org_code, number)
            items.append(_Item(case, retention, number, code))
    return items


class _Builder:
    def __init__(self, db: Database, year: int, folder: Path, settings: ArchiveSettings,
                 attachments_dir: Path | None, step: Callable[[], None]) -> None:  # fmt: skip
        self.db, self.year, self.folder, self.settings = db, year, folder, settings
        self.attachments_dir, self.step = attachments_dir, step
        self.office = reference_data(db).office_name
        self.when = datetime(year, 12, 31)
        self.files: list[str] = []
        self.pages = 0

    def put(self, relative: str, data: bytes) -> None:
        path = self.folder / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        self.files.append(relative)

    def put_pair(self, stem: str, files: Mapping[str, bytes], title: str) -> None:
        """A PDF (made PDF/A) and an xlsx (dates fixed) under ``stem``."""
        from petitiondesk.printing.fixed_xlsx import fixed_xlsx
        from petitiondesk.printing.pdfa import DocInfo, to_pdfa

        info = DocInfo(title=title, when=self.when, author=self.office)
        self.put(f"{stem}.pdf", to_pdfa(files[".pdf"], info))
        self.put(f"{stem}.xlsx", fixed_xlsx(files[".xlsx"], self.when))

    # --- items --------------------------------------------------------------------------------
    def _copy_attachments(self, item: _Item) -> None:
        for info in list_attachments(self.db, item.case.petition_id):
            entry: dict[str, Any] = {"name": info.filename, "sha256": info.sha256, "file": ""}
            located = attachment_path(self.db, info.id, data_dir=self.attachments_dir)
            if located.ok:
                relative = f"{ATTACHMENTS}/{item.stem}/{info.filename}"
                self.put(relative, located.unwrap().read_bytes())
                entry["file"] = relative
            item.attachments.append(entry)

    def job(self, item: _Item) -> ItemJob:
        """What the item's PDF needs (its attachments copied first: the 件内目录 lists them)."""
        from petitiondesk.printing.archive_pdf import ArchiveStamp
        from petitiondesk.printing.pdfa import DocInfo

        self._copy_attachments(item)
        s = self.settings
        stamp = ArchiveStamp(s.fonds_no, self.year, item_no(item.number), s.org_code,
                             item.retention.label, item.code)  # fmt: skip
        info = DocInfo(title=item.case.title(), when=self.when, author=self.office,
                       subject=item.code, keywords=item.case.register_no)  # fmt: skip
        listed = tuple((a["name"], a["sha256"]) for a in item.attachments)
        return ItemJob(item.case.register_no, item.case.petition_id, item.code, item.stem,
                       stamp, info, listed)  # fmt: skip

    def item(self, item: _Item, done: RenderedItem) -> int:
        self.put(f"{ITEMS}/{item.stem}.pdf", done.pdf)
        self.pages += done.pages
        return done.pages

    def catalogue_row(self, serial: int, item: _Item, pages: int) -> CatalogueRow:
        case = item.case
        note = [f"登记号 {case.register_no}"]
        if item.attachments:
            note.append(f"附件 {len(item.attachments)} 件")
        if case.confidential:
            note.append("检举控告件，注意保密")
        return CatalogueRow(
            serial=serial, code=item.code, doc_no="；".join(case.doc_nos), author=self.office,
            title=case.title(), date=date8(case.done_on), secrecy="", pages=pages,
            note="；".join(note),
        )  # fmt: skip

    def ledger(self, ledger: ArchiveLedger) -> None:
        files = ledger.write(self.db, self.year, None)
        self.put_pair(
            f"{LEDGERS}/{ledger.stem}", files, f"{self.office} {self.year}年{ledger.stem}"
        )

    def index(self, items: Sequence[_Item], cases: Sequence[ArchiveCase],
              open_cases: Sequence[ArchiveCase]) -> None:  # fmt: skip
        data = {
            "year": self.year,
            "office": self.office,
            "fonds_no": self.settings.fonds_no,
            "register_numbers": [c.register_no for c in cases],
            "items": [
                {
                    "code": i.code,
                    "register_no": i.case.register_no,
                    "retention": i.retention.value,
                    "file": f"{ITEMS}/{i.stem}.pdf",
                    "attachments": i.attachments,
                }
                for i in items
            ],  # fmt: skip
            "open": [c.register_no for c in open_cases],
            "files": sorted(self.files),
        }
        text = json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
        self.put(checks.INDEX, text.encode("utf-8"))


def _check(cancel: threading.Event | None) -> None:
    if cancel is not None and cancel.is_set():
        raise ArchiveCancelled


def _items(b: _Builder, items: Sequence[_Item], cancel: threading.Event | None,
           workers: int | None) -> list[CatalogueRow]:  # fmt: skip
    """Every item's PDF (see :mod:`.pool`), in item order; the catalogue's rows."""
    jobs = (b.job(item) for item in items)  # made just ahead of the results
    rows: list[CatalogueRow] = []
    results = rendered(b.db, jobs, len(items), workers)
    try:
        for serial, (item, done) in enumerate(zip(items, results, strict=True), start=1):
            _check(cancel)
            rows.append(b.catalogue_row(serial, item, b.item(item, done)))
            b.step()
    finally:
        results.close()  # stops the workers on cancel or failure
    return rows


def _build(b: _Builder, cases: list[ArchiveCase], cancel: threading.Event | None,
           workers: int | None = None) -> list[str]:  # fmt: skip
    """Everything into ``b.folder``; returns the self-check's problems."""
    closed = [c for c in cases if not c.open]
    open_cases = [c for c in cases if c.open]
    items = _number_items(closed, b.settings, b.year)
    rows = _items(b, items, cancel, workers)
    for ledger in ARCHIVE_LEDGERS:
        b.ledger(ledger)
        b.step()
    title = f"{b.office} {b.year}年度"
    b.put_pair(CATALOGUE_STEM, catalogue_files(b.office, b.year, rows), f"{title}{CATALOGUE_STEM}")
    if open_cases:
        pair = open_files(b.office, b.year, [c.open_row() for c in open_cases])
        b.put_pair(OPEN_STEM, pair, f"{title}{OPEN_STEM}")
    facts = ReadmeFacts(b.office, b.year, b.settings.fonds_no, len(items), len(open_cases),
                        tuple(ledger.stem for ledger in ARCHIVE_LEDGERS), checks.sm3_available())  # fmt: skip
    b.put(README, readme_text(facts).encode("utf-8"))
    b.index(items, cases, open_cases)
    b.step()
    checks.write_manifest(b.folder)
    report = checks.self_check(b.folder)
    heading = f"{b.office} {b.year}年度信访档案 自检报告（归档时生成）"
    (b.folder / checks.REPORT).write_text(report.text(heading), encoding="utf-8", newline="\n")
    checks.write_manifest(b.folder)
    b.step()
    return report.all_problems()


def _too_many_items(
    cases: Sequence[ArchiveCase], settings: ArchiveSettings, year: int
) -> str | None:
    """件号 are four digits (DA/T 22-2015): a 保管期限 of one year holds at most 9,999 items."""
    for retention in RETENTION_ORDER:
        count = sum(
            1 for c in cases if not c.open and settings.retention_of(c.category) is retention
        )
        if count > MAX_ITEMS:
            return (
                f"{year} 年{retention.label}的办结事项有 {count:,} 件，超过件号上限 {MAX_ITEMS:,}"
                "（DA/T 22-2015 件号为四位）：请与档案部门商定按机构（问题）或分卷归档；未作任何归档"
            )
    return None


def _refused(db: Database, year: int, actor: Actor, include_open: bool,
             cases: Sequence[ArchiveCase], settings: ArchiveSettings) -> str | None:  # fmt: skip
    """Why the year cannot be archived, or None."""
    if why := refusal(actor, Permission.EXPORT):
        return why
    if not settings.fonds_no:
        return "尚未设置全宗号：请在 设置 → 办公室设置 → 归档设置 中填写全宗号等档号要素"
    if not cases:
        return f"{year} 年没有登记，无可归档"
    if why := _too_many_items(cases, settings, year):
        return why
    open_cases = [c for c in cases if c.open]
    if open_cases and not include_open:
        shown = "、".join(c.register_no for c in open_cases[:5])
        more = " 等" if len(open_cases) > 5 else ""
        return (
            f"{year} 年还有 {len(open_cases)} 件未办结（{shown}{more}）；"
            "办结后再归档，或选择“未结事项另列清单”（命令行 --include-open）"
        )
    return None


def archive_year(
    db: Database,
    year: int,
    out: Path,
    *,
    actor: Actor,
    include_open: bool = False,
    attachments_dir: Path | None = None,
    progress: ProgressFn | None = None,
    cancel: threading.Event | None = None,
    workers: int | None = None,
) -> Result[ArchiveSummary]:
    """Archive ``year`` into ``out/<year>`` (see the module). ``progress(n)`` counts
    :func:`planned_steps` steps (raise from it to cancel); ``cancel`` is checked between
    items. ``workers``: processes rendering the items (None: by the year's size and the
    cores, see :mod:`.pool`; 1: this process only). Refused (a failure) without Permission.EXPORT, without a 全宗号, for an empty
    year, a year with open cases unless ``include_open``, or an existing target folder."""
    settings = get_archive_settings(db)
    cases = year_cases(db, year)
    if why := _refused(db, year, actor, include_open, cases, settings):
        return Result.failure({"": why})
    out = Path(out)
    target, part = out / str(year), out / f"{year}.part"
    if target.exists():
        return Result.failure({"out": f"{target} 已存在：请另选输出位置，或先移走旧的归档文件夹"})
    done = [0]

    def step() -> None:
        done[0] += 1
        if progress is not None:
            progress(done[0])

    try:
        if part.exists():  # left by a killed run
            shutil.rmtree(part)
        part.mkdir(parents=True)
        builder = _Builder(db, year, part, settings, attachments_dir, step)
        problems = _build(builder, cases, cancel, workers)
        items = sum(1 for c in cases if not c.open)
        with db.write() as session:
            audit.record_export(session, actor=actor, ledger="archive", label=f"{year}年度归档",
                                out=target, count=items)  # fmt: skip
        part.rename(target)
    except ArchiveCancelled:
        shutil.rmtree(part, ignore_errors=True)
        return Result.failure({"": "已取消归档，未留下文件"})
    except BaseException:
        shutil.rmtree(part, ignore_errors=True)
        raise
    summary = ArchiveSummary(target, items, len(cases) - items, builder.pages,
                             len(builder.files) + 2, tuple(problems))  # fmt: skip
    verdict = "自检全部通过" if not problems else f"自检发现 {len(problems)} 个问题，见自检报告"
    return Result.success(
        summary, f"已归档 {year} 年度 {items} 件（{builder.pages} 页），{verdict}：{target}"
    )


def verify_archive(folder: Path) -> Result[checks.CheckReport]:
    """``archive verify``: the manifest and the four checks again, from the files alone.
    A failure lists every problem; success when all four checks pass."""
    folder = Path(folder)
    if not (folder / checks.MANIFEST).is_file() or not (folder / checks.INDEX).is_file():
        return Result.failure(
            {"": f"{folder} 不是归档文件夹（缺少 {checks.MANIFEST} 或 {checks.INDEX}）"}
        )
    report = checks.self_check(folder)
    if not report.ok:
        lines = report.all_problems()
        return Result.failure({"": f"核对发现 {len(lines)} 个问题：\n" + "\n".join(lines)})
    return Result.success(report, f"核对通过：{folder} 的文件与清单一致，四性检测全部通过")
