"""A lock file beside an open draft, so a second gkdesk (this PC or another on a shared drive)
can tell the clerk who has the draft open, and the command line never writes over it.

The lock is `~$NAME.lock` in the draft's folder, a small JSON record of user, host, pid, time,
and what tells this process apart from a later one given the same pid: its start time and the
boot it started in. It is created atomically, complete: written to a temp file, then hard-linked
to the lock's name, which fails if a lock exists (where links are impossible, an exclusive
create, O_EXCL, then the write). So of two windows started together exactly one gets the lock.

A lock is stale when its program is gone. On this host: the pid no longer runs, or it runs but
is another process — the machine was rebooted since (Linux boot id) or the process with that pid
started at another time than the recorded one (Linux: /proc/PID/stat's start time in clock
ticks since boot, hence the boot id beside it; Windows: the process creation time from
GetProcessTimes through ctypes, an absolute time, so a reboot needs no boot id; elsewhere (macOS)
only the pid is compared, no new dependency being worth it there). From another host, whose
processes we cannot see: when the lock has not been refreshed for STALE_SECONDS — a running
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
from functools import lru_cache
from pathlib import Path

STALE_SECONDS = 30 * 60
REFRESH_SECONDS = 5 * 60


@dataclass(frozen=True)
class LockOwner:
    user: str
    host: str
    pid: int
    since: str = ""
    started: str = ""  # the process's start time, as process_start() gives it
    boot: str = ""  # the boot it runs in, as boot_id() gives it

    def describe(self) -> str:
        """`张三（电脑 PC-01，自 2026-11-26 09:30 起）`"""
        when = f"，自 {self.since} 起" if self.since else ""
        return f"{self.user or '未知用户'}（电脑 {self.host or '未知'}{when}）"

    def who(self) -> str:
        """`张三@PC-01`, for one line on the command line."""
        return f"{self.user or '未知用户'}@{self.host or '未知电脑'}"


def lock_path(draft_path: str | os.PathLike) -> Path:
    path = Path(draft_path)
    return path.with_name(f"~${path.name}.lock")


def current_owner() -> LockOwner:
    try:
        user = getpass.getuser()
    except Exception:  # getuser raises various errors where no user name is set
        user = os.environ.get("USERNAME") or os.environ.get("USER") or ""
    since = datetime.datetime.now().strftime("%Y-%m-%d %H:%M")
    pid = os.getpid()
    return LockOwner(user, socket.gethostname(), pid, since, process_start(pid) or "",
                     boot_id() or "")


@lru_cache(maxsize=1)
def boot_id() -> str | None:
    """Changes at every boot (Linux); None where unknown."""
    try:
        with open("/proc/sys/kernel/random/boot_id", encoding="ascii") as handle:
            return handle.read().strip() or None
    except OSError:
        return None


def process_start(pid: int) -> str | None:
    """When process `pid` started, as an opaque string that differs between two processes that
    had the same pid; None when unknown (no such process, or no means on this system)."""
    if pid <= 0:
        return None
    if os.name == "nt":  # pragma: no cover - Windows only
        return _windows_creation_time(pid)
    try:
        with open(f"/proc/{pid}/stat", "rb") as handle:
            stat = handle.read()
    except OSError:
        return None
    fields = stat[stat.rfind(b")") + 2:].split()  # the name in (…) may hold spaces
    return fields[19].decode("ascii") if len(fields) > 19 else None  # field 22: starttime


def _windows_creation_time(pid: int) -> str | None:  # pragma: no cover - Windows only
    import ctypes
    from ctypes import wintypes

    kernel32 = _kernel32()
    handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
    if not handle:
        return None
    try:
        times = [wintypes.FILETIME() for _ in range(4)]
        if not kernel32.GetProcessTimes(handle, *(ctypes.byref(t) for t in times)):
            return None
        created = times[0]
        return str((created.dwHighDateTime << 32) | created.dwLowDateTime)
    finally:
        kernel32.CloseHandle(handle)


def pid_alive(pid: int) -> bool:
    """Whether a process with this id runs on this computer."""
    if pid <= 0:
        return False
    if os.name == "nt":  # pragma: no cover - Windows only
        import ctypes

        kernel32 = _kernel32()
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


def _owner_from(text: str) -> LockOwner | None:
    try:
        data = json.loads(text)
        return LockOwner(str(data.get("user", "")), str(data.get("host", "")),
                         int(data.get("pid", 0)), str(data.get("since", "")),
                         str(data.get("started", "")), str(data.get("boot", "")))
    except (ValueError, TypeError, AttributeError, RecursionError):
        return None


def read_owner(draft_path: str | os.PathLike) -> LockOwner | None:
    """Who holds the lock on this draft, or None when there is no readable lock."""
    try:
        return _owner_from(lock_path(draft_path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _is_me(owner: LockOwner) -> bool:
    return owner.host == socket.gethostname() and owner.pid == os.getpid()


def process_runs(pid: int, started: str = "", boot: str = "") -> bool:
    """Whether the process that recorded (pid, its start time, the boot id) on this host still
    runs: not merely its pid, which the system gives to another process once it has ended."""
    if boot and boot_id() and boot != boot_id():
        return False  # rebooted since: every pid is another process now
    if not pid_alive(pid):
        return False
    if started:
        now_started = process_start(pid)
        if now_started is not None and now_started != started:
            return False  # the pid was given to another process
    return True


def _runs_here(owner: LockOwner) -> bool:
    """Whether the process that wrote this lock on this host still runs."""
    return process_runs(owner.pid, owner.started, owner.boot)


def is_stale(draft_path: str | os.PathLike, owner: LockOwner) -> bool:
    if owner.host == socket.gethostname():
        return not _runs_here(owner)
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


def holds(draft_path: str | os.PathLike) -> bool:
    """Whether this program holds the draft's lock."""
    owner = read_owner(draft_path)
    return owner is not None and _is_me(owner)


UNREADABLE_GRACE_SECONDS = 10  # a lock being written right now may briefly read as nothing


def acquire(draft_path: str | os.PathLike, take_over: bool = False) -> LockOwner | None:
    """Take the lock on a draft, atomically (hidden on Windows). Returns the live holder when it is someone else
    (and then changes nothing, unless `take_over`: the clerk chose 仍然打开). Returns None when
    this program holds the lock now — or when the folder allows no lock file (a read-only
    share): the draft still opens, unlocked; `holds()` tells which."""
    owner = current_owner()
    record = json.dumps({"user": owner.user, "host": owner.host, "pid": owner.pid,
                         "since": owner.since, "started": owner.started, "boot": owner.boot},
                        ensure_ascii=False).encode("utf-8")
    lock = lock_path(draft_path)
    for _ in range(3):  # each round: create, or find a live holder, or clear a stale lock
        try:
            if _create_exclusively(lock, record):
                hide_file(lock)
                return None
        except OSError:
            return None  # no lock possible here
        try:
            held = lock.read_bytes()
            age = time.time() - lock.stat().st_mtime
        except OSError:
            continue  # released meanwhile: try again
        holder = _owner_from(held.decode("utf-8", "replace"))
        if holder is not None and _is_me(holder):
            return None
        if holder is None and age < UNREADABLE_GRACE_SECONDS and not take_over:
            return LockOwner("", "", 0)  # someone is writing it right now
        if holder is not None and not take_over and not is_stale(draft_path, holder):
            return holder
        _remove_if_unchanged(lock, held)
    return other_owner(draft_path)


def _create_exclusively(lock: Path, record: bytes) -> bool:
    """Create the lock complete, failing (False) if one exists. OSError: no lock possible."""
    temp = lock.with_name(f"{lock.name}.{os.getpid()}-{os.urandom(4).hex()}.new")
    try:
        temp.write_bytes(record)
        try:
            os.link(temp, lock)  # appears complete, or not at all
            return True
        except FileExistsError:
            return False
        except OSError:  # no hard links here (FAT, some shares): exclusive create, then write
            pass
        try:
            fd = os.open(lock, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        except FileExistsError:
            return False
        with os.fdopen(fd, "wb") as handle:
            handle.write(record)
        return True
    finally:
        try:
            temp.unlink()
        except OSError:
            pass


def _remove_if_unchanged(lock: Path, seen: bytes) -> None:
    """Remove a stale lock — but not one that another program put in its place meanwhile:
    the lock is renamed aside (atomic: of two programs clearing it, one succeeds), and put back
    if it is not the one judged stale."""
    aside = lock.with_name(f"{lock.name}.{os.getpid()}-{os.urandom(4).hex()}.old")
    try:
        os.replace(lock, aside)
    except OSError:
        return
    try:
        if aside.read_bytes() != seen:
            try:
                os.link(aside, lock)  # put it back unless yet another lock is there now
            except OSError:
                pass
    except OSError:
        pass
    try:
        aside.unlink()
    except OSError:
        pass


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
