"""The intake form's autosaved draft: what the clerk typed, kept beside the database.

A crash or a power cut must not lose the typing: the window writes the form's field
values here a moment after each edit (``<db>.draft.json``, readable by the owner only,
written atomically) and clears it when the registration is saved or the form cleared.
On the next start a draft that is still there is offered back.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Final

from petitiondesk.store import backup as files

DRAFT_SUFFIX: Final = ".draft.json"
VERSION: Final = 1


def draft_path(db_path: Path) -> Path:
    """Where the draft of the database ``db_path`` is kept."""
    return db_path.with_name(db_path.name + DRAFT_SUFFIX)


def save_draft(path: Path, values: dict[str, Any]) -> None:
    """Write ``values`` (JSON-serialisable field values) atomically, owner-only."""
    text = json.dumps({"version": VERSION, "fields": values}, ensure_ascii=False, indent=1)
    files.write_private(path, text.encode("utf-8"))


def load_draft(path: Path) -> dict[str, Any] | None:
    """The field values of the draft at ``path``; None if there is none or it is unreadable."""
    try:
        with path.open(encoding="utf-8") as stream:
            data = json.load(stream)
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or not isinstance(data.get("fields"), dict):
        return None
    fields: dict[str, Any] = data["fields"]
    return fields


def clear_draft(path: Path) -> None:
    """Remove the draft (nothing happens if there is none)."""
    path.unlink(missing_ok=True)
