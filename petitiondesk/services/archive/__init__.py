"""年底归档 (issue 12): one year of the register as a folder the archive room accepts.

- :mod:`.build` — :func:`archive_year`, :func:`verify_archive`
- :mod:`.settings` — 全宗号, 机构(问题)代码, 门类代码, 保管期限 by category
- :mod:`.documents` — every printed form of one case, in file order
- :mod:`.items` — one item's PDF/A from plain data; :mod:`.pool` — the items on every core
- :mod:`.ledgers` — :data:`ARCHIVE_LEDGERS`, the ledgers and reports the folder holds
- :mod:`.catalogue` — 归档文件目录 and 未结事项清单
- :mod:`.checks` — manifest (SHA-256, SM3) and the DA/T 70 self-check
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from petitiondesk.services.lazy import lazy_exports

if TYPE_CHECKING:
    from .build import ArchiveCancelled, ArchiveSummary, archive_year, planned_steps, verify_archive
    from .ledgers import ARCHIVE_LEDGERS, ArchiveLedger
    from .settings import ArchiveSettings, get_archive_settings, update_archive_settings

__getattr__ = lazy_exports(
    __name__,
    {
        "build": (
            "ArchiveCancelled",
            "ArchiveSummary",
            "archive_year",
            "planned_steps",
            "verify_archive",
        ),
        "ledgers": (
            "ARCHIVE_LEDGERS",
            "ArchiveLedger",
        ),
        "settings": (
            "ArchiveSettings",
            "get_archive_settings",
            "update_archive_settings",
        ),
    },
)

__all__ = [
    "ARCHIVE_LEDGERS",
    "ArchiveCancelled",
    "ArchiveLedger",
    "ArchiveSettings",
    "ArchiveSummary",
    "archive_year",
    "get_archive_settings",
    "planned_steps",
    "update_archive_settings",
    "verify_archive",
]
