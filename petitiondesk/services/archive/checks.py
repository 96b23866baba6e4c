"""The archive folder's manifest (every file with size, SHA-256 and SM3) and the
self-check modelled on DA/T 70-2018's four checks — from the files alone, so that
``petitiondesk archive verify DIR`` needs no database:

- 真实性 (authenticity): every file matches the manifest, every attachment matches the
  SHA-256 recorded when it was registered (kept in the index);
- 完整性 (completeness): no gaps in the year's register numbers, every item has its PDF,
  every attachment is present, no file is missing from or added to the manifest;
- 可用性 (usability): every PDF parses and is PDF/A-2b in structure, every xlsx loads;
- 安全性 (safety): nothing encrypted, no executable files.
"""

from __future__ import annotations

import hashlib
import json
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

from petitiondesk.core.archive import register_gaps

MANIFEST: Final = "文件清单.tsv"
INDEX: Final = "index.json"
REPORT: Final = "自检报告.txt"
CHECK_NAMES: Final = ("真实性", "完整性", "可用性", "安全性")
EXECUTABLE_SUFFIXES: Final = frozenset(
    [
        ".exe",
        ".dll",
        ".com",
        ".bat",
        ".cmd",
        ".msi",
        ".scr",
        ".ps1",
        ".vbs",
        ".js",
        ".jar",
        ".sh",
        ".app",
        ".lnk",
        ".pif",
        ".cpl",
    ]
)
EXECUTABLE_MAGIC: Final = (b"MZ", b"\x7fELF", b"#!", b"\xca\xfe\xba\xbe", b"\xcf\xfa\xed\xfe")
_CHUNK: Final = 1 << 20


def sm3_available() -> bool:
    try:
        hashlib.new("sm3")
    except ValueError:
        return False
    return True


@dataclass(frozen=True)
class FileHash:
    path: str  # relative, "/" separators
    size: int
    sha256: str
    sm3: str  # "" when OpenSSL has no SM3


def hash_file(folder: Path, relative: str) -> FileHash:
    sha = hashlib.sha256()
    sm3 = hashlib.new("sm3") if sm3_available() else None
    size = 0
    with open(folder / relative, "rb") as fh:
        while chunk := fh.read(_CHUNK):
            sha.update(chunk)
            if sm3 is not None:
                sm3.update(chunk)
            size += len(chunk)
    return FileHash(relative, size, sha.hexdigest(), sm3.hexdigest() if sm3 else "")


def folder_files(folder: Path) -> list[str]:
    """Every file under ``folder`` except the manifest, relative, sorted."""
    found = (p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())
    return sorted(name for name in found if name != MANIFEST)


def write_manifest(folder: Path) -> list[FileHash]:
    hashes = [hash_file(folder, name) for name in folder_files(folder)]
    sm3_note = (
        "SM3 按 GB/T 32905-2016 计算（本机 OpenSSL 提供）"
        if sm3_available()
        else "本机 OpenSSL 未提供 SM3，SM3 列为空；可用其他工具补算"
    )
    lines = [
        "# 归档文件清单：每个文件的相对路径、字节数、SHA-256、SM3（十六进制）",
        f"# {sm3_note}",
        "路径\t字节数\tSHA-256\tSM3",
        *(f"{h.path}\t{h.size}\t{h.sha256}\t{h.sm3}" for h in hashes),
    ]
    (folder / MANIFEST).write_text("\n".join(lines) + "\n", encoding="utf-8", newline="\n")
    return hashes


def read_manifest(folder: Path) -> dict[str, FileHash]:
    entries: dict[str, FileHash] = {}
    text = (folder / MANIFEST).read_text(encoding="utf-8")
    for line in text.splitlines()[3:]:
        path, size, sha, sm3 = (line.split("\t") + ["", "", ""])[:4]
        entries[path] = FileHash(path, int(size or -1), sha, sm3)
    return entries


@dataclass
class CheckReport:
    """Per check, the problems found (an empty list: passed) and what was checked."""

    problems: dict[str, list[str]] = field(default_factory=lambda: {n: [] for n in CHECK_NAMES})
    checked: dict[str, list[str]] = field(default_factory=lambda: {n: [] for n in CHECK_NAMES})

    @property
    def ok(self) -> bool:
        return not any(self.problems.values())

    def all_problems(self) -> list[str]:
        return [f"{name}：{p}" for name in CHECK_NAMES for p in self.problems[name]]

    def text(self, heading: str) -> str:
        lines = [
            heading,
            "依据：DA/T 70-2018 电子文件归档检测的四性（真实性、完整性、可用性、安全性）",
            "",
        ]
        for number, name in enumerate(CHECK_NAMES, start=1):
            verdict = "通过" if not self.problems[name] else "不通过"
            lines.append(f"{number}. {name}：{verdict}")
            lines += [f"   - {item}" for item in self.checked[name]]
            lines += [f"   ✗ {p}" for p in self.problems[name]]
            lines.append("")
        lines.append("结论：" + ("四项检测全部通过。" if self.ok else "存在问题，见上。"))
        return "\n".join(lines) + "\n"


def _authenticity(folder: Path, index: dict[str, Any], report: CheckReport) -> None:
    name = "真实性"
    manifest = read_manifest(folder) if (folder / MANIFEST).is_file() else None
    if manifest is not None:
        bad = [
            p for p, h in manifest.items() if (folder / p).is_file() and hash_file(folder, p) != h
        ]
        report.problems[name] += [f"{p} 与文件清单中的哈希值不符（文件被改动）" for p in bad]
        report.checked[name].append(f"文件清单 {len(manifest)} 个文件逐一核对 SHA-256 与 SM3")
    attachments = [a for item in index["items"] for a in item["attachments"] if a["file"]]
    for a in attachments:
        path = folder / a["file"]
        if path.is_file() and hash_file(folder, a["file"]).sha256 != a["sha256"]:
            report.problems[name].append(f"附件 {a['file']} 与登记时的 SHA-256 不符")
    report.checked[name].append(f"附件 {len(attachments)} 个与登记时记录的 SHA-256 核对")


def _completeness(folder: Path, index: dict[str, Any], report: CheckReport) -> None:
    name = "完整性"
    seqs = [int(no.split("-")[1]) for no in index["register_numbers"]]
    gaps = register_gaps(seqs)
    if gaps:
        shown = "、".join(f"{index['year']}-{n:05d}" for n in gaps[:20])
        report.problems[name].append(f"登记号不连续，缺 {len(gaps)} 个：{shown}")
    report.checked[name].append(f"本年度登记号 {len(seqs)} 个，自 1 号起连续")
    for item in index["items"]:
        if not (folder / item["file"]).is_file():
            report.problems[name].append(f"{item['code']} 缺少案卷 PDF：{item['file']}")
        for a in item["attachments"]:
            if not a["file"] or not (folder / a["file"]).is_file():
                report.problems[name].append(f"{item['code']} 缺少附件：{a['name']}")
    report.checked[name].append(f"归档 {len(index['items'])} 件，每件有 PDF，附件齐全")
    for listed in index["files"]:
        if not (folder / listed).is_file():
            report.problems[name].append(f"缺少文件：{listed}")
    manifest_path = folder / MANIFEST
    if manifest_path.is_file():
        listed_set = set(read_manifest(folder))
        present = set(folder_files(folder))
        report.problems[name] += [
            f"文件清单中的文件缺失：{p}" for p in sorted(listed_set - present)
        ]
        report.problems[name] += [f"文件不在文件清单中：{p}" for p in sorted(present - listed_set)]
        report.checked[name].append("文件夹中的文件与文件清单一一对应")


def _open_check(path: Path) -> list[str]:
    from petitiondesk.printing.pdfa import pdfa_problems

    if path.suffix == ".pdf":
        return pdfa_problems(path.read_bytes())
    if path.suffix == ".xlsx":
        from openpyxl import load_workbook

        try:
            load_workbook(path, read_only=True).close()
        except (OSError, ValueError, KeyError, zipfile.BadZipFile) as exc:
            return [f"无法打开：{exc}"]
    if path.suffix == ".json":
        try:
            json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            return [f"无法读取：{exc}"]
    return []


def _usability_and_safety(folder: Path, files: list[str], report: CheckReport,
                          progress: Callable[[], None]) -> None:  # fmt: skip
    usable, safe = report.problems["可用性"], report.problems["安全性"]
    counts = {".pdf": 0, ".xlsx": 0}
    for relative in files:
        path = folder / relative
        if not path.is_file():
            continue
        progress()
        if path.suffix in counts:
            counts[path.suffix] += 1
        problems = _open_check(path)
        usable += [f"{relative}：{p}" for p in problems if p != "文件已加密"]
        safe += [f"{relative}：文件已加密" for p in problems if p == "文件已加密"]
        with open(path, "rb") as fh:
            head = fh.read(4)
        if path.suffix.lower() in EXECUTABLE_SUFFIXES or head.startswith(EXECUTABLE_MAGIC):
            safe.append(f"{relative}：可执行文件或脚本")
    report.checked["可用性"].append(
        f"PDF {counts['.pdf']} 个可解析且为 PDF/A-2b 结构（字体嵌入、sRGB 输出意图、XMP 标识）；"
        f"Excel {counts['.xlsx']} 个可打开"
    )
    report.checked["安全性"].append(f"{len(files)} 个文件均未加密、无 JavaScript、无可执行文件")


def read_index(folder: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((folder / INDEX).read_text(encoding="utf-8"))
    return data


def self_check(folder: Path, progress: Callable[[], None] = lambda: None) -> CheckReport:
    """The four checks of the folder (see the module); the manifest is used if present."""
    report = CheckReport()
    try:
        index = read_index(folder)
    except (OSError, ValueError) as exc:
        report.problems["完整性"].append(f"无法读取 {INDEX}：{exc}")
        return report
    _authenticity(folder, index, report)
    _completeness(folder, index, report)
    files = [p for p in folder_files(folder) if p != REPORT]
    _usability_and_safety(folder, files, report, progress)
    return report
