"""QSettings for window state, recent files and the last folders: an ini file inside
GKDESK_DATA_DIR when that is set (tests, portable installs), else the platform's own store."""
from __future__ import annotations

import os

from PySide6.QtCore import QSettings

from ..datadir import data_dir

MAX_RECENT = 8


def app_settings() -> QSettings:
    if os.environ.get("GKDESK_DATA_DIR"):
        return QSettings(str(data_dir() / "settings.ini"), QSettings.Format.IniFormat)
    return QSettings("gkdesk", "gkdesk")


def recent_files() -> list[str]:
    value = app_settings().value("recent_files", [])
    if isinstance(value, str):
        value = [value]
    return [str(v) for v in (value or []) if v]


def add_recent_file(path: str) -> list[str]:
    files = [path] + [p for p in recent_files() if os.path.normcase(p) != os.path.normcase(path)]
    files = files[:MAX_RECENT]
    app_settings().setValue("recent_files", files)
    return files


def remove_recent_file(path: str) -> None:
    app_settings().setValue("recent_files", [p for p in recent_files() if p != path])


def folder(key: str, default: str = "") -> str:
    return str(app_settings().value(f"folders/{key}", default) or default)


def set_folder(key: str, path: str) -> None:
    app_settings().setValue(f"folders/{key}", path)
