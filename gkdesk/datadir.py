"""Per-user folders (recovery files, logs, caches): under GKDESK_DATA_DIR if set, else platformdirs."""
from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_cache_dir, user_data_dir, user_log_dir

APP = "gkdesk"


def _override() -> Path | None:
    """GKDESK_DATA_DIR: one folder for everything (tests, portable installs)."""
    value = os.environ.get("GKDESK_DATA_DIR")
    return Path(value) if value else None


def data_dir() -> Path:
    return _override() or Path(user_data_dir(APP, appauthor=False))


def recovery_dir() -> Path:
    return data_dir() / "recovery"


def log_dir() -> Path:
    override = _override()
    return override / "logs" if override else Path(user_log_dir(APP, appauthor=False))


def cache_dir() -> Path:
    override = _override()
    return override / "cache" if override else Path(user_cache_dir(APP, appauthor=False))
