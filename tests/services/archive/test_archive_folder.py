"""The archived demo year: one PDF per closed case with its stamp, the manifest, the
catalogue against the database, determinism, PDF/A structure, verify."""

from __future__ import annotations

import hashlib
import io
import json
import re
import shutil
from pathlib import Path

import pikepdf
import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from petitiondesk.core.archive import code_file_stem
from petitiondesk.services.archive import archive_year, verify_archive
from petitiondesk.services.archive.checks import INDEX, MANIFEST, read_manifest
from petitiondesk.store.db import Database
from tests.helpers import actor
from tests.services.archive.setup import ATTACHMENT_TEXT, YEAR, Archived


def _index(archived: Archived) -> dict[str, object]:
    data: dict[str, object] = json.loads((archived.folder / INDEX).read_text(encoding="utf-8"))
    return data


def _items(archived: Archived) -> list[dict[str, object]]:
    items = _index(archived)["items"]
    assert isinstance(items, list)
    return items


def test_every_closed_case_has_its_pdf_with_the_stamp(archived: Archived) -> None:
    closed = [c.register_no for c in archived.cases if not c.open]
    items = _items(archived)
    assert [i["register_no"] for i in items] == closed  # all D30 here: register order
    assert archived.summary.items == len(closed) > 0
    for item in items:
        code = str(item["code"])
        assert re.fullmatch(r"X001-WS·2025-D30-XF-\d{4}", code)
        path = archived.folder / "件" / f"{code_file_stem(code)}.pdf"
        reader = PdfReader(path)
        first = reader.pages[0].extract_text()
        assert "档号" in first and code in first
        assert "X001" in first and "30年" in first  # the stamp: 全宗号, 保管期限
        assert f"件内第 1 页 共 {len(reader.pages)} 页" in first
        assert "登记单" in first  # the registration slip comes first
        last = reader.pages[-1].extract_text()
        assert "件内目录" in last


def test_item_numbers_run_from_0001(archived: Archived) -> None:
    numbers = [str(i["code"])[-4:] for i in _items(archived)]
    assert numbers == [f"{n:04d}" for n in range(1, len(numbers) + 1)]


def test_the_attachment_is_copied_and_listed(archived: Archived) -> None:
    with_files = [i for i in _items(archived) if i["attachments"]]
    assert len(with_files) == 1
    item = with_files[0]
    (attachment,) = item["attachments"]  # type: ignore[misc]
    copied = archived.folder / attachment["file"]
    assert copied.read_bytes() == ATTACHMENT_TEXT
    assert attachment["sha256"] == hashlib.sha256(ATTACHMENT_TEXT).hexdigest()
    listing = PdfReader(archived.folder / str(item["file"])).pages[-1].extract_text()
    assert attachment["name"] in listing


def test_every_file_is_in_the_manifest_and_matches(archived: Archived) -> None:
    manifest = read_manifest(archived.folder)
    on_disk = {
        p.relative_to(archived.folder).as_posix()
        for p in archived.folder.rglob("*")
        if p.is_file() and p.name != MANIFEST
    }
    assert set(manifest) == on_disk
    for name, entry in manifest.items():
        data = (archived.folder / name).read_bytes()
        assert entry.size == len(data)
        assert entry.sha256 == hashlib.sha256(data).hexdigest()
        assert entry.sm3 == hashlib.new("sm3", data).hexdigest()
    assert archived.summary.problems == ()
    assert "四项检测全部通过" in (archived.folder / "自检报告.txt").read_text(encoding="utf-8")


def test_catalogue_rows_match_the_database(archived: Archived) -> None:
    closed = [c for c in archived.cases if not c.open]
    sheet = load_workbook(archived.folder / "归档文件目录.xlsx").active
    rows = [r for r in sheet.iter_rows(values_only=True) if isinstance(r[0], int)]
    assert len(rows) == len(closed)
    header = next(r for r in sheet.iter_rows(values_only=True) if r[0] == "序号")
    assert list(header) == [
        "序号",
        "档号",
        "文号",
        "责任者",
        "题名",
        "日期",
        "密级",
        "页数",
        "备注",
    ]
    items = {i["code"]: i for i in _items(archived)}
    for row, case in zip(rows, closed, strict=True):
        serial, code, doc_no, author, title, day, _secrecy, pages, note = row
        assert f"登记号 {case.register_no}" in note
        assert items[code]["register_no"] == case.register_no
        assert author == "青山县信访局"
        assert day == case.done_on.strftime("%Y%m%d") and len(day) == 8
        assert doc_no == "；".join(case.doc_nos)
        assert case.register_no in title
        with pikepdf.open(archived.folder / str(items[code]["file"])) as pdf:
            assert pages == len(pdf.pages)
    pdf_text = "".join(
        p.extract_text() for p in PdfReader(archived.folder / "归档文件目录.pdf").pages
    )
    assert all(str(r[1]) in pdf_text.replace("\n", "") for r in rows)


def test_open_cases_are_listed_apart(archived: Archived) -> None:
    open_nos = [c.register_no for c in archived.cases if c.open]
    assert open_nos and _index(archived)["open"] == open_nos
    sheet = load_workbook(archived.folder / "未结事项清单.xlsx").active
    listed = [r[0] for r in sheet.iter_rows(values_only=True) if str(r[0]).startswith(f"{YEAR}-")]
    assert listed == open_nos
    catalogue = (archived.folder / "归档文件目录.xlsx").read_bytes()
    assert archived.summary.open_cases == len(open_nos)
    assert catalogue  # (their register numbers are checked absent below)
    sheet = load_workbook(archived.folder / "归档文件目录.xlsx").active
    notes = " ".join(str(r[8]) for r in sheet.iter_rows(values_only=True))
    assert not any(no in notes for no in open_nos)


def test_ledger_and_readme(archived: Archived) -> None:
    sheet = load_workbook(archived.folder / "台账" / "来信来访登记台账.xlsx").active
    numbers = [r[0] for r in sheet.iter_rows(values_only=True) if str(r[0]).startswith(f"{YEAR}-")]
    assert numbers == [c.register_no for c in archived.cases]
    readme = (archived.folder / "说明.txt").read_text(encoding="utf-8")
    assert "veraPDF" in readme and "X001" in readme and "文件清单.tsv" in readme


def test_every_pdf_is_pdfa_2b_in_structure(archived: Archived) -> None:
    pdfs = sorted(archived.folder.rglob("*.pdf"))
    from petitiondesk.services.archive.ledgers import ARCHIVE_LEDGERS

    # items, catalogue, open list, each ledger and report
    assert len(pdfs) == archived.summary.items + 2 + len(ARCHIVE_LEDGERS)
    assert {p.stem for p in (archived.folder / "台账").glob("*.pdf")} == {
        "来信来访登记台账", "交办转送台账", "督办台账", "办结台账", "领导接待日记录", "信访统计年报",
    }  # fmt: skip
    for path in pdfs:
        data = path.read_bytes()
        assert b"/JavaScript" not in data and b"/Encrypt" not in data
        with pikepdf.open(io.BytesIO(data)) as pdf:
            assert not pdf.is_encrypted
            (intent,) = pdf.Root.OutputIntents
            assert intent.S == "/GTS_PDFA1" and intent.DestOutputProfile.N == 3
            meta = pdf.open_metadata()
            assert (meta["pdfaid:part"], meta["pdfaid:conformance"]) == ("2", "B")
            for page in pdf.pages:
                for font in page.Resources.Font.values():
                    assert "/FontFile2" in font.FontDescriptor, (path.name, font.BaseFont)


def test_a_second_run_is_byte_identical(archived: Archived, tmp_path: Path) -> None:
    db = Database.open(archived.db_path)
    try:
        again = archive_year(db, YEAR, tmp_path, actor=actor(), include_open=True,
                             attachments_dir=archived.attachments)  # fmt: skip
    finally:
        db.close()
    assert again.ok, again.message
    first = sorted(
        p.relative_to(archived.folder) for p in archived.folder.rglob("*") if p.is_file()
    )
    second = sorted(
        p.relative_to(again.unwrap().folder)
        for p in again.unwrap().folder.rglob("*")
        if p.is_file()
    )
    assert first == second
    for name in first:
        assert (archived.folder / name).read_bytes() == (
            again.unwrap().folder / name
        ).read_bytes(), name


def test_verify_passes_then_finds_a_tampered_file(archived: Archived, tmp_path: Path) -> None:
    assert verify_archive(archived.folder).ok
    copy = tmp_path / "copy"
    shutil.copytree(archived.folder, copy)
    item = next((copy / "件").iterdir())
    data = bytearray(item.read_bytes())
    data[len(data) // 2] ^= 0x01
    item.write_bytes(bytes(data))
    result = verify_archive(copy)
    assert not result.ok
    assert f"件/{item.name} 与文件清单中的哈希值不符" in result.message


def test_verify_finds_missing_and_extra_files(archived: Archived, tmp_path: Path) -> None:
    copy = tmp_path / "copy"
    shutil.copytree(archived.folder, copy)
    (copy / "归档文件目录.pdf").unlink()
    (copy / "件" / "tool.exe").write_bytes(b"MZ\x90\x00")
    message = verify_archive(copy).message
    assert "缺少文件：归档文件目录.pdf" in message
    assert "文件不在文件清单中：件/tool.exe" in message
    assert "件/tool.exe：可执行文件或脚本" in message


def test_verify_refuses_a_plain_folder(tmp_path: Path) -> None:
    assert "不是归档文件夹" in verify_archive(tmp_path).message


@pytest.mark.parametrize("name", ["index.json"])
def test_verify_sees_a_tampered_index(archived: Archived, tmp_path: Path, name: str) -> None:
    copy = tmp_path / "copy"
    shutil.copytree(archived.folder, copy)
    text = (copy / name).read_text(encoding="utf-8")
    (copy / name).write_text(text.replace(f"{YEAR}-00001", f"{YEAR}-00099"), encoding="utf-8")
    message = verify_archive(copy).message
    assert f"{name} 与文件清单中的哈希值不符" in message
    assert "登记号不连续" in message


def test_the_archive_is_audited(archived: Archived) -> None:
    from sqlalchemy import select

    from petitiondesk.store.models import AuditLog

    db = Database.open(archived.db_path, readonly=True)
    try:
        with db.read() as session:
            rows = session.scalars(
                select(AuditLog).where(AuditLog.action == "export_archive").order_by(AuditLog.id)
            )
            row = rows.first()  # later tests archive the year again elsewhere
            assert row is not None
            assert row.actor == "赵丽" and str(archived.folder) in row.after
            assert (
                f"{YEAR}年度归档 {archived.summary.items} 条" in row.summary
                and "内部使用" in row.summary
            )
    finally:
        db.close()
