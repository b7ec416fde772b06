"""Writing an export file whole or not at all, and the errors a clerk sees when that fails."""
from __future__ import annotations

import os
from pathlib import Path
from typing import Callable

from ..draft import DraftError
from ..safefiles import (fsync_folder, reason, remove_leftovers, remove_quietly,
                         replace_with_retry, temp_path_for)


class ExportError(DraftError):
    """An export that could not be written; str() is one sentence for the clerk."""


def write_atomically(path: str | Path, write: Callable[[Path], None]) -> None:
    """Let `write` fill a temp file beside `path`, then replace `path` with it.

    A failure leaves any earlier file untouched (a half-written .xlsx would not open)."""
    path = Path(path)
    remove_leftovers(path)  # temp files of an export that was killed
    temp = temp_path_for(path)
    try:
        write(temp)
        _flush_to_disk(temp)
        replace_with_retry(temp, path)
    except OSError as exc:
        remove_quietly(temp)
        raise ExportError(f"无法写入 {path}：{reason(exc)}") from None
    except BaseException:
        remove_quietly(temp)
        raise
    fsync_folder(path.parent)


def _flush_to_disk(path: Path) -> None:
    """Without this a power cut soon after the rename can leave an empty file where the
    earlier, complete export was: the rename may reach the disk before the data."""
    with open(path, "rb+") as handle:
        os.fsync(handle.fileno())
