"""Where the program finds its bundled data (forms, fonts) and the user's data folder."""

from __future__ import annotations

from pathlib import Path

import platformdirs

PROJECT_ROOT = Path(__file__).resolve().parent.parent
FORMS_DIR = PROJECT_ROOT / "forms"
RESOURCES_DIR = PROJECT_ROOT / "resources"
FONTS_DIR = RESOURCES_DIR / "fonts"

APP_NAME = "PetitionDesk"


def user_data_dir() -> Path:
    """The per-user data folder (database, attachments, backups); created on demand."""
    path = Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def default_database_path() -> Path:
    return user_data_dir() / "petitiondesk.sqlite"
