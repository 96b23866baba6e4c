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


#: Overrides the folder of the desk's own settings (tests; a portable install).
CONFIG_DIR_ENV = "PETITIONDESK_CONFIG_DIR"


def user_config_dir() -> Path:
    """The per-user settings folder of this desk (which database it opens); on demand."""
    import os

    override = os.environ.get(CONFIG_DIR_ENV, "").strip()
    path = (
        Path(override)
        if override
        else Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))
    )
    path.mkdir(parents=True, exist_ok=True)
    return path


def desk_settings_path() -> Path:
    """The desk's choice of database (local file or the office's server); no passwords."""
    return user_config_dir() / "desk.json"
