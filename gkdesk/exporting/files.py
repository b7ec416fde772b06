"""Writing an export file whole or not at all, and the errors a clerk sees when that fails."""
from __future__ import annotations

from pathlib import Path
from typing import Callable

from ..draft import DraftError
from ..safefiles import reason, remove_quietly, replace_with_retry, temp_path_for


class ExportError(DraftError):
    """An export that could not be written; str() is one sentence for the clerk."""


def write_atomically(path: str | Path, write: Callable[[Path], None]) -> None:
    """Let `write` fill a temp file beside `path`, then replace `path` with it.

    A failure leaves any earlier file untouched (a half-written .xlsx would not open)."""
    path = Path(path)
    temp = temp_path_for(path)
    try:
        write(temp)
        replace_with_retry(temp, path)
    except OSError as exc:
        remove_quietly(temp)
        raise ExportError(f"无法写入 {path}：{reason(exc)}") from None
    except BaseException:
        remove_quietly(temp)
        raise
