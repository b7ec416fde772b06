"""Writing an export file whole or not at all, and the errors a clerk sees when that fails."""
from __future__ import annotations

import errno
import os
from pathlib import Path
from typing import Callable

from ..draft import DraftError


class ExportError(DraftError):
    """An export that could not be written; str() is one sentence for the clerk."""


def write_atomically(path: str | os.PathLike, write: Callable[[Path], None]) -> None:
    """Let `write` fill a temp file beside `path`, then replace `path` with it.

    A failure leaves any earlier file untouched (a half-written .xlsx would not open)."""
    path = Path(path)
    temp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        write(temp)
        os.replace(temp, path)
    except OSError as exc:
        _remove_quietly(temp)
        raise ExportError(f"无法写入 {path}：{_reason(exc)}") from None
    except BaseException:
        _remove_quietly(temp)
        raise


def _remove_quietly(path: Path) -> None:
    try:
        path.unlink()
    except OSError:
        pass


def _reason(exc: OSError) -> str:
    if exc.errno == errno.ENOSPC:
        return "磁盘空间不足"
    if exc.errno in (errno.EACCES, errno.EPERM) or getattr(exc, "winerror", None) in (5, 32, 33):
        return "文件被占用（可能正在 Excel 或 WPS 中打开，请先关闭）或没有写入权限"
    if exc.errno == errno.ENOENT:
        return "文件夹不存在"
    return exc.strerror or str(exc)
