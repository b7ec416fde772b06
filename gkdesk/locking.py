"""A lock file beside an open draft, so a second gkdesk (this PC or another on a shared drive)
can tell the clerk who has the draft open.

The lock is `~$NAME.lock` in the draft's folder, a small JSON record of user, host, pid and time.
A lock is stale when its program is gone: on this host, when the pid no longer runs; from another
host (whose processes we cannot see), when it has not been refreshed for STALE_SECONDS — a running
gkdesk touches its lock every few minutes.
"""
from __future__ import annotations

import datetime
import getpass
import json
import os
import socket
import sys
import time
from dataclasses import dataclass
from pathlib import Path

STALE_SECONDS = 30 * 60
REFRESH_SECONDS = 5 * 60


@dataclass(frozen=True)
class LockOwner:
    user: str
    host: str
    pid: int
    since: str = ""

    def describe(self) -> str:
        """`张三（电脑 PC-01，自 2026-11-26 09:30 起）`"""
        when = f"，自 {self.since} 起" if self.since else ""
        return f"{self.user or '未知用户'}（电脑 {self.host or '未知'}{when}）"


def lock_path(draft_path: str | os.PathLike) -> Path:
    path = Path(draft_path)
    return path.with_name(f"~${path.name}.lock")


def current_owner() -> LockOwner:
    try:
        user = getpass.getuser()
    except Exception:  # getuser raises various errors where no user name is set
        user = os.environ.get("USERNAME") or os.environ.get("USER") or ""
    since = datetime.datetime.now().strftime("%Y-%m-%d %H:%M")
    return LockOwner(user, socket.gethostname(), os.getpid(), since)


def pid_alive(pid: int) -> bool:
    """Whether a process with this id runs on this computer."""
    if pid <= 0:
        return False
    if os.name == "nt":  # pragma: no cover - Windows only
        import ctypes

        kernel32 = ctypes.windll.kernel32
        handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return kernel32.GetLastError() == 5  # access denied: it exists
        code = ctypes.c_ulong()
        kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
        kernel32.CloseHandle(handle)
        return code.value == 259  # STILL_ACTIVE
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except OSError:
        return False
    return True


def read_owner(draft_path: str | os.PathLike) -> LockOwner | None:
    """Who holds the lock on this draft, or None when there is no readable lock."""
    try:
        data = json.loads(lock_path(draft_path).read_text(encoding="utf-8"))
        return LockOwner(str(data.get("user", "")), str(data.get("host", "")),
                         int(data.get("pid", 0)), str(data.get("since", "")))
    except (OSError, ValueError, TypeError, AttributeError):
        return None


def _is_me(owner: LockOwner) -> bool:
    return owner.host == socket.gethostname() and owner.pid == os.getpid()


def is_stale(draft_path: str | os.PathLike, owner: LockOwner) -> bool:
    if owner.host == socket.gethostname():
        return not pid_alive(owner.pid)
    try:
        age = time.time() - lock_path(draft_path).stat().st_mtime
    except OSError:
        return True
    return age > STALE_SECONDS


def other_owner(draft_path: str | os.PathLike) -> LockOwner | None:
    """The live holder of this draft's lock other than this program, else None."""
    owner = read_owner(draft_path)
    if owner is None or _is_me(owner) or is_stale(draft_path, owner):
        return None
    return owner


ON_WINDOWS = sys.platform == "win32"
FILE_ATTRIBUTE_HIDDEN = 0x2
INVALID_FILE_ATTRIBUTES = 0xFFFFFFFF


def _kernel32():
    import ctypes

    return ctypes.windll.kernel32  # type: ignore[attr-defined]


def hide_file(path: Path) -> bool:
    """On Windows, mark the file hidden, as Office hides its ~$ lock files: the clerk's folder
    shows the draft, not our bookkeeping. Elsewhere the ~$ name is all there is. True when
    hidden."""
    if not ON_WINDOWS:
        return False
    try:
        kernel32 = _kernel32()
        attributes = kernel32.GetFileAttributesW(str(path))
        if attributes == INVALID_FILE_ATTRIBUTES:
            return False
        return bool(kernel32.SetFileAttributesW(str(path), attributes | FILE_ATTRIBUTE_HIDDEN))
    except (AttributeError, OSError):  # no kernel32 or a share that refuses attributes
        return False


def acquire(draft_path: str | os.PathLike) -> bool:
    """Write our lock beside the draft (hidden on Windows); False when the folder does not
    allow it (read-only share): the draft still opens, only the lock is missing."""
    owner = current_owner()
    record = {"user": owner.user, "host": owner.host, "pid": owner.pid, "since": owner.since}
    path = lock_path(draft_path)
    try:
        if ON_WINDOWS:  # Windows refuses to overwrite a hidden file: a stale lock goes first
            path.unlink(missing_ok=True)
        path.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    except OSError:
        return False
    hide_file(path)
    return True


def refresh(draft_path: str | os.PathLike) -> None:
    """Touch our lock so other computers keep seeing it as live."""
    owner = read_owner(draft_path)
    if owner is not None and _is_me(owner):
        try:
            os.utime(lock_path(draft_path))
        except OSError:
            pass


def release(draft_path: str | os.PathLike) -> None:
    """Remove the lock if it is still ours (someone may have taken it over)."""
    owner = read_owner(draft_path)
    if owner is not None and _is_me(owner):
        try:
            lock_path(draft_path).unlink()
        except OSError:
            pass
