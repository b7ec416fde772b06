"""The per-user data folder (recovery files, settings in tests): GKDESK_DATA_DIR or platformdirs."""
from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_dir


def data_dir() -> Path:
    """GKDESK_DATA_DIR (tests, portable installs) or the per-user data folder."""
    override = os.environ.get("GKDESK_DATA_DIR")
    return Path(override) if override else Path(user_data_dir("gkdesk", appauthor=False))


def recovery_dir() -> Path:
    return data_dir() / "recovery"
