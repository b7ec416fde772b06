"""Nothing lost: unsaved changes are written to the recovery folder after every 20 edits or one
minute after the first unsaved edit, whichever comes first, so a crash (even an abort or a kill,
which run no Python code) loses at most that; a record left behind by a gkdesk that did not close
normally is offered on the next start.

A record is one JSON file per running window, written atomically (temp file, then rename),
removed when the window closes normally or saves.
"""
from __future__ import annotations

import datetime
import functools
import os
import socket
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from PySide6.QtCore import QObject, QTimer, Signal

from .. import jsontext, locking
from ..datadir import recovery_dir
from ..draft import Draft, DraftError, parse_draft
from ..safefiles import remove_quietly, replace_with_retry, temp_path_for

AUTOSAVE_DELAY_MS = 60_000  # a record at most a minute after the first unsaved edit...
AUTOSAVE_EDITS = 20  # ...or after this many edits, whichever comes first
RECORD_FORMAT = "gkdesk-recovery"
_LIVE: set[Path] = set()  # records whose window is alive in this process


@dataclass
class RecoveryRecord:
    file: Path
    original: str | None  # the draft file it belongs to (None: never saved)
    saved_at: str
    draft: Draft

    def describe(self) -> str:
        name = Path(self.original).name if self.original else "未命名草稿"
        unit = self.draft.unit or "未填单位"
        return f"{name}（{unit}，{self.draft.year}年度），自动保存于 {self.saved_at}"


def write_record(file: Path, draft: Draft, original: Path | None) -> None:
    record = {
        "format": RECORD_FORMAT,
        **_this_process(os.getpid()),
        "path": str(original) if original else None,
        "saved_at": datetime.datetime.now().strftime("%Y-%m-%d %H:%M:%S"),
        "draft": draft.to_json(),  # as the file holds it: unknown keys' decimals too
    }
    # Compact, and the folder made only when missing: the 20th edit waits for this record.
    text = jsontext.compact_dumps(record)
    temp = temp_path_for(file)
    try:
        try:
            temp.write_text(text, encoding="utf-8")
        except FileNotFoundError:
            file.parent.mkdir(parents=True, exist_ok=True)
            temp.write_text(text, encoding="utf-8")
        replace_with_retry(temp, file)
    except BaseException:  # a full disk: each retry would leave one more (uniquely named) temp
        remove_quietly(temp)
        raise


@functools.lru_cache(maxsize=1)
def _this_process(pid: int) -> dict[str, object]:
    """Who writes the records: the same for every record this process writes."""
    return {
        "pid": pid,
        "started": locking.process_start(pid) or "",  # with boot: tells a reused pid
        "boot": locking.boot_id() or "",
        "host": socket.gethostname(),
    }


@dataclass(frozen=True)
class _Writer:
    """The gkdesk process that wrote a record."""
    pid: int
    host: str | None
    started: str
    boot: str

    def still_open(self) -> bool:
        """Another gkdesk window on this computer that is still running."""
        return (self.host == socket.gethostname() and self.pid != os.getpid()
                and locking.process_runs(self.pid, self.started, self.boot))


def _read(file: Path) -> tuple[_Writer, RecoveryRecord] | None:
    """Who wrote the record, and the record; None for a file that is not a readable one."""
    try:
        data = jsontext.loads(file.read_text(encoding="utf-8"))
        if data.get("format") != RECORD_FORMAT:
            return None
        draft = parse_draft(jsontext.dumps(data["draft"]).encode("utf-8"), file.name)
    except (OSError, ValueError, KeyError, TypeError, AttributeError, RecursionError,
            DraftError):
        return None
    try:
        pid = int(data.get("pid", 0) or 0)
    except (ValueError, TypeError):  # a damaged pid: no owner known, the draft still offered
        pid = 0
    record = RecoveryRecord(file, data.get("path"), str(data.get("saved_at", "")), draft)
    writer = _Writer(pid, data.get("host"), str(data.get("started") or ""),
                     str(data.get("boot") or ""))
    return writer, record


def orphans() -> list[RecoveryRecord]:
    """Records whose gkdesk is gone (crashed, killed, power cut), newest first."""
    found = []
    folder = recovery_dir()
    if not folder.is_dir():
        return []
    for file in folder.glob("*.json"):
        if file in _LIVE:
            continue
        read = _read(file)
        if read is None:
            continue
        writer, record = read
        if writer.still_open():
            continue  # another gkdesk window's own record
        found.append(record)
    found.sort(key=lambda r: r.saved_at, reverse=True)
    return found


def discard_record(record: RecoveryRecord) -> None:
    try:
        record.file.unlink()
    except OSError:
        pass


class Autosaver(QObject):
    """Writes the open draft to this window's recovery record after every AUTOSAVE_EDITS edits,
    or `delay_ms` after the first edit not yet recorded, whichever comes first."""

    autosaved = Signal(str)  # the record file

    def __init__(self, snapshot: Callable[[], tuple[Draft, Path | None] | None],
                 delay_ms: int = AUTOSAVE_DELAY_MS, parent: QObject | None = None):
        super().__init__(parent)
        self._snapshot = snapshot
        self.file = recovery_dir() / f"session-{os.getpid()}-{os.urandom(4).hex()}.json"
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(delay_ms)
        self.timer.timeout.connect(self.save_now)
        self.pending_edits = 0  # edits since the last record

    def schedule(self, edits: int = 1) -> None:
        """Edits happened (a paste counts each box). The countdown runs from the first edit not
        yet recorded and is not restarted by the next ones: a clerk typing without a pause
        still gets a record."""
        self.pending_edits += edits
        # Written at once, not on the next turn of the event loop: an abort may come first.
        if self.pending_edits >= AUTOSAVE_EDITS and self.save_now():
            return
        if not self.timer.isActive():  # (also when nothing was written: retried in a minute)
            self.timer.start()

    def save_now(self) -> bool:
        self.timer.stop()
        self.pending_edits = 0
        snapshot = self._snapshot()
        if snapshot is None:
            self.discard()
            return False
        draft, original = snapshot
        try:
            write_record(self.file, draft, original)
        except OSError as exc:
            # A full disk must not interrupt typing (the next edit retries), but support should
            # see in the log why there was nothing to recover.
            from ..logs import get_logger

            get_logger().warning("autosave to %s failed: %s", self.file, exc)
            return False
        _LIVE.add(self.file)
        self.autosaved.emit(str(self.file))
        return True

    def discard(self) -> None:
        """Saved or closed normally: nothing to recover."""
        self.timer.stop()
        self.pending_edits = 0
        _LIVE.discard(self.file)
        try:
            self.file.unlink()
        except OSError:
            pass
