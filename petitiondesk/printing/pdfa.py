"""PDF/A-2b by post-processing (reportlab has no PDF/A mode), with pikepdf.

:func:`to_pdfa` takes a finished PDF and returns it as PDF/A-2b: an sRGB OutputIntent
(the ICC profile from Pillow's ImageCms, its creation date fixed), XMP metadata with
``pdfaid:part=2`` and ``pdfaid:conformance=B`` matching the document information, no
encryption, no JavaScript or other actions. Fonts are embedded already (reportlab embeds
TrueType subsets; :func:`pdfa_problems` checks it). Deterministic: the dates are given,
the file ID is derived from the content (``deterministic_id``), so the same input gives
the same bytes.

:func:`pdfa_problems` lists what breaks the structure this module promises (used by the
archive's self-check and by tests). Full validation needs veraPDF, which is not here.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from typing import Any, Final

import pikepdf

from petitiondesk.printing.pdfdraw import CREATOR

OUTPUT_CONDITION: Final = "sRGB IEC61966-2.1"
#: Catalog / page keys that carry actions (JavaScript, launch, …): PDF/A forbids them.
ACTION_KEYS: Final = ("/OpenAction", "/AA")
_FIXED_ICC_DATE: Final = bytes.fromhex("07d000010001000000000000")  # 2000-01-01


@dataclass(frozen=True)
class DocInfo:
    """What the document says about itself (Info dictionary and XMP)."""

    title: str
    when: datetime  # creation and modification date (fixed: the archive's date)
    author: str = ""
    subject: str = ""
    keywords: str = ""


@cache
def srgb_profile() -> bytes:
    """An sRGB ICC profile (Pillow/LittleCMS) with its header date fixed, so every run
    embeds the same bytes."""
    from PIL import ImageCms

    data = bytearray(ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes())
    data[24:36] = _FIXED_ICC_DATE  # the header's dateTimeNumber (LittleCMS writes "now")
    return bytes(data)


def _pdf_date(when: datetime) -> str:
    return when.strftime("D:%Y%m%d%H%M%S+08'00'")


def _xmp_date(when: datetime) -> str:
    return when.strftime("%Y-%m-%dT%H:%M:%S+08:00")


def _strip_actions(pdf: pikepdf.Pdf) -> None:
    """No JavaScript, no actions: the catalog's and every page's are removed."""
    root = pdf.Root
    for key in ACTION_KEYS:
        if key in root:
            del root[key]
    if "/Names" in root and "/JavaScript" in root.Names:
        del root.Names["/JavaScript"]
    for page in pdf.pages:
        if "/AA" in page.obj:
            del page.obj["/AA"]


def _output_intent(pdf: pikepdf.Pdf) -> None:
    profile = pikepdf.Stream(pdf, srgb_profile())
    profile["/N"] = 3
    intent = pikepdf.Dictionary(
        Type=pikepdf.Name.OutputIntent,
        S=pikepdf.Name.GTS_PDFA1,
        OutputConditionIdentifier=OUTPUT_CONDITION,
        Info=OUTPUT_CONDITION,
        RegistryName="http://www.color.org",
        DestOutputProfile=profile,
    )
    pdf.Root.OutputIntents = pikepdf.Array([pdf.make_indirect(intent)])


def _metadata(pdf: pikepdf.Pdf, info: DocInfo) -> None:
    stamp_pdf, stamp_xmp = _pdf_date(info.when), _xmp_date(info.when)
    docinfo = pikepdf.Dictionary(
        Title=info.title,
        Author=info.author,
        Subject=info.subject,
        Keywords=info.keywords,
        Creator=CREATOR,
        Producer=CREATOR,
        CreationDate=stamp_pdf,
        ModDate=stamp_pdf,
    )
    pdf.trailer.Info = pdf.make_indirect(docinfo)
    if "/Metadata" in pdf.Root:
        del pdf.Root["/Metadata"]
    with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as meta:
        meta["pdfaid:part"] = "2"
        meta["pdfaid:conformance"] = "B"
        meta["dc:title"] = info.title
        if info.author:
            meta["dc:creator"] = [info.author]
        if info.subject:
            meta["dc:description"] = info.subject
        meta["pdf:Producer"] = CREATOR
        meta["pdf:Keywords"] = info.keywords
        meta["xmp:CreatorTool"] = CREATOR
        meta["xmp:CreateDate"] = stamp_xmp
        meta["xmp:ModifyDate"] = stamp_xmp
        meta["xmp:MetadataDate"] = stamp_xmp


def save_pdfa(pdf: pikepdf.Pdf, info: DocInfo) -> bytes:
    """``pdf`` (changed in place) as PDF/A-2b bytes."""
    _strip_actions(pdf)
    _output_intent(pdf)
    _metadata(pdf, info)
    if "/Lang" not in pdf.Root:
        pdf.Root.Lang = "zh-CN"
    if "/ID" in pdf.trailer:  # reportlab's ID is from the clock; qpdf would keep its half
        del pdf.trailer["/ID"]
    out = io.BytesIO()
    pdf.save(
        out,
        deterministic_id=True,
        encryption=False,
        min_version="1.7",
        object_stream_mode=pikepdf.ObjectStreamMode.disable,
    )
    return out.getvalue()


def to_pdfa(data: bytes, info: DocInfo) -> bytes:
    """A finished PDF as PDF/A-2b (see the module)."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        return save_pdfa(pdf, info)


# --- checking ---------------------------------------------------------------------------------
def _fonts(pdf: pikepdf.Pdf) -> list[Any]:
    """Every font the pages use (each object once)."""
    found: dict[tuple[int, int], Any] = {}
    for page in pdf.pages:
        resources: Any = page.obj.get("/Resources")
        fonts: Any = resources.get("/Font") if resources is not None else None
        for font in fonts.values() if fonts is not None else ():
            found[font.objgen] = font
    return list(found.values())


def _font_embedded(font: Any) -> bool:
    if font.get("/Subtype") == "/Type0":
        descendants: Any = font.get("/DescendantFonts") or []
        return all(_font_embedded(d) for d in descendants)
    if font.get("/Subtype") == "/Type3":
        return True  # drawn with PDF operators
    descriptor = font.get("/FontDescriptor")
    if descriptor is None:
        return False
    return any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))


def _has_javascript(pdf: pikepdf.Pdf) -> bool:
    root = pdf.Root
    if any(key in root for key in ACTION_KEYS):
        return True
    if "/Names" in root and "/JavaScript" in root.Names:
        return True
    return any("/AA" in page.obj for page in pdf.pages)


def pdfa_problems(data: bytes) -> list[str]:
    """What is wrong with ``data`` as the PDF/A-2b this module writes ([] = the
    structure is right): parses, not encrypted, OutputIntent, XMP pdfaid 2/B, fonts
    embedded, no JavaScript. The messages are Chinese (they go into the self-check)."""
    try:
        pdf = pikepdf.open(io.BytesIO(data))
    except pikepdf.PasswordError:
        return ["文件已加密"]
    except pikepdf.PdfError as exc:
        return [f"无法解析：{exc}"]
    problems: list[str] = []
    with pdf:
        if pdf.is_encrypted:
            problems.append("文件已加密")
        intents: Any = pdf.Root.get("/OutputIntents") or []
        if not any(i.get("/S") == "/GTS_PDFA1" and "/DestOutputProfile" in i for i in intents):
            problems.append("缺少 sRGB 输出意图（OutputIntent）")
        meta = pdf.open_metadata()
        if (meta.get("pdfaid:part"), meta.get("pdfaid:conformance")) != ("2", "B"):
            problems.append("XMP 元数据未声明 PDF/A-2b（pdfaid）")
        missing = [str(f.get("/BaseFont", "?")) for f in _fonts(pdf) if not _font_embedded(f)]
        if missing:
            problems.append("字体未嵌入：" + "、".join(missing))
        if _has_javascript(pdf):
            problems.append("含有 JavaScript 或动作")
    return problems
