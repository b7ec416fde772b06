"""Reading and writing the clerk's files: never half a file, and why a failure happened in plain
Chinese."""
from __future__ import annotations

import errno
import os
import re
import shutil
import time
from pathlib import Path

from .locking import pid_alive

# Windows: antivirus or the search indexer briefly holding the file (access denied, sharing and
# lock violations). Only these are retried.
SHARING_WINERRORS = {5, 32, 33}
REPLACE_RETRY_SECONDS = 2.0


TEMP_SUFFIX = ".gkdesk-tmp"
LEFTOVER_SECONDS = 24 * 3600  # a temp file this old is a leftover whoever wrote it


def temp_path_for(path: Path) -> Path:
    """A temp file in the same folder, so the final rename never crosses drives. Its name says
    whose it is (`.NAME.<pid>-<random>.gkdesk-tmp`), so a later save can recognise the
    leftovers of a killed one and remove them, and never anything else."""
    return path.with_name(f".{path.name}.{os.getpid()}-{os.urandom(4).hex()}{TEMP_SUFFIX}")


def _temp_pattern(path: Path) -> re.Pattern[str]:
    # ours, and the older `.NAME.<pid>.tmp` that versions before 0.x left behind
    return re.compile(rf"\.{re.escape(path.name)}\.(\d+)(?:-[0-9a-f]{{8}}{re.escape(TEMP_SUFFIX)}|\.tmp)")


def remove_leftovers(*paths: Path) -> list[Path]:
    """Remove temp files of earlier saves of `paths` (files of one folder: a draft and its
    .bak) that were killed (their process is gone, or the file is a day old); a save running
    now in another process keeps its own. The folder is listed once."""
    patterns = [_temp_pattern(path) for path in paths]
    folder = paths[0].parent
    removed = []
    try:
        names = os.listdir(folder)
    except OSError:
        return removed
    now = time.time()
    for name in names:
        match = next(filter(None, (pattern.fullmatch(name) for pattern in patterns)), None)
        if not match:
            continue
        candidate = folder / name
        pid = int(match.group(1)) if len(match.group(1)) < 10 else 0
        try:
            old = now - candidate.stat().st_mtime > LEFTOVER_SECONDS
        except OSError:
            continue
        if pid == os.getpid() or old or not pid_alive(pid):
            remove_quietly(candidate)
            removed.append(candidate)
    return removed


def replace_backup(path: Path, backup: Path, copy_limit: int | None = None) -> None:
    """Make `backup` the current content of `path`, atomically: a hard link to it (nothing
    copied, however large) renamed over the old backup; where links are impossible (FAT, some
    shares), a copy written to a temp file, fsynced, then renamed. Either way the old backup
    stays whole until the new one is complete. A file over `copy_limit` is not copied."""
    temp = temp_path_for(backup)
    try:
        os.link(path, temp)
    except OSError:
        if copy_limit is not None and path.stat().st_size > copy_limit:
            return
        try:
            with open(path, "rb") as source, open(temp, "wb") as target:
                shutil.copyfileobj(source, target, 1024 * 1024)
                target.flush()
                os.fsync(target.fileno())
        except BaseException:
            remove_quietly(temp)
            raise
    try:
        replace_with_retry(temp, backup)
    except BaseException:
        remove_quietly(temp)
        raise


def replace_with_retry(source: Path, target: Path) -> None:
    """os.replace, retried for a couple of seconds on Windows sharing violations only."""
    deadline = time.monotonic() + REPLACE_RETRY_SECONDS
    delay = 0.05
    while True:
        try:
            os.replace(source, target)
            return
        except OSError as exc:
            if getattr(exc, "winerror", None) not in SHARING_WINERRORS \
                    or time.monotonic() > deadline:
                raise
            time.sleep(delay)
            delay = min(delay * 2, 0.4)


def fsync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX; Windows has no folder handles for this)."""
    if os.name != "posix":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def remove_quietly(path: Path) -> None:
    try:
        path.unlink()
    except OSError:
        pass


def reason(exc: OSError) -> str:
    """Why a write failed, in words a clerk can act on."""
    if exc.errno == errno.ENOSPC:
        return "磁盘空间不足"
    if exc.errno in (errno.EACCES, errno.EPERM) \
            or getattr(exc, "winerror", None) in SHARING_WINERRORS:
        return "文件被占用（可能正在 Excel、WPS 或其他程序中打开，请先关闭）或没有写入权限"
    if exc.errno == errno.ENOENT:
        return "文件夹不存在"
    return exc.strerror or str(exc)


def read_bytes(path: Path, what: str, error: type[Exception], limit: int | None = None) -> bytes:
    """A file's bytes, or `error` with one sentence: missing, a folder, unreadable, too large.
    With a limit, no more than limit + 1 bytes are read, whatever the file claims to be."""
    try:
        with open(path, "rb") as handle:
            data = handle.read() if limit is None else handle.read(limit + 1)
    except FileNotFoundError:
        raise error(f"找不到文件：{path}") from None
    except IsADirectoryError:
        raise error(f"“{path}”是文件夹，不是{what}") from None
    except OSError as exc:
        raise error(f"无法读取文件 {path}：{exc.strerror or exc}") from None
    if limit is not None and len(data) > limit:
        raise error(f"“{path.name}”太大（超过 {limit // 1048576} MB），不是 gkdesk 写出的{what}")
    return data
