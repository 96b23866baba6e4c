"""A workbook made byte-identical from run to run: openpyxl writes the clock into the
document properties (created / modified) and into every zip entry's timestamp.
:func:`fixed_xlsx` rewrites both with a given date (the archive's)."""

from __future__ import annotations

import io
import re
import zipfile
from datetime import datetime
from typing import Final

CORE_PROPS: Final = "docProps/core.xml"
_DATE_ELEMENTS: Final = re.compile(rb"(<dcterms:(created|modified)\b[^>]*>)[^<]*(</dcterms:\2>)")


def fixed_xlsx(data: bytes, when: datetime) -> bytes:
    """``data`` (an .xlsx) with its properties' dates and zip timestamps set to ``when``."""
    stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for entry in source.infolist():
            content = source.read(entry)
            if entry.filename == CORE_PROPS:
                content = _DATE_ELEMENTS.sub(rb"\g<1>" + stamp + rb"\g<3>", content)
            info = zipfile.ZipInfo(entry.filename, date_time=when.timetuple()[:6])
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o600 << 16
            target.writestr(info, content)
    return out.getvalue()
