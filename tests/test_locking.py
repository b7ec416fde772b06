"""Draft locks: created atomically, a reused pid is not mistaken for the holder, and the command
line never writes over a draft a window has open."""
import json
import multiprocessing
import os
import socket
import sys

import pytest

from gkdesk import locking
from gkdesk.cli import main
from gkdesk.draft import load_draft, new_draft, save_draft


def _race(path, start, results):
    start.wait()
    owner = locking.acquire(path)
    results.put((os.getpid(), owner is None and locking.holds(path)))


@pytest.mark.skipif(sys.platform == "win32", reason="fork start keeps the race tight")
def test_of_windows_started_together_exactly_one_gets_the_lock(tmp_path):
    ctx = multiprocessing.get_context("fork")
    path = tmp_path / "d.gkd"
    for _round in range(5):
        start, results = ctx.Event(), ctx.Queue()
        workers = [ctx.Process(target=_race, args=(path, start, results)) for _ in range(6)]
        for worker in workers:
            worker.start()
        start.set()
        outcomes = [results.get(timeout=30) for _ in workers]
        for worker in workers:
            worker.join()
        winners = [pid for pid, won in outcomes if won]
        assert len(winners) == 1
        locking.lock_path(path).unlink()  # its holder is gone: next round


def live_lock(path, **changes):
    """A lock held by a live process on this host: our parent (the pytest runner's parent)."""
    pid = os.getppid()
    record = {"user": "王芳", "host": socket.gethostname(), "pid": pid,
              "since": "2026-01-15 09:30", "started": locking.process_start(pid) or "",
              "boot": locking.boot_id() or ""}
    record.update(changes)
    locking.lock_path(path).write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")


def test_a_live_holder_keeps_the_lock(tmp_path):
    path = tmp_path / "d.gkd"
    live_lock(path)
    owner = locking.acquire(path)
    assert owner is not None and owner.user == "王芳" and owner.pid == os.getppid()
    assert not locking.holds(path)
    assert locking.acquire(path, take_over=True) is None and locking.holds(path)


@pytest.mark.skipif(locking.process_start(os.getpid()) is None, reason="no process start time")
def test_a_pid_now_belonging_to_another_process_is_stale(tmp_path):
    path = tmp_path / "d.gkd"
    live_lock(path, started="12345")  # the pid runs, but started at another time
    assert locking.other_owner(path) is None
    assert locking.acquire(path) is None and locking.holds(path)


@pytest.mark.skipif(locking.boot_id() is None, reason="no boot id on this system")
def test_a_lock_from_before_a_reboot_is_stale(tmp_path):
    path = tmp_path / "d.gkd"
    live_lock(path, boot="00000000-0000-0000-0000-000000000000")
    assert locking.other_owner(path) is None


def test_a_lock_being_written_right_now_is_not_taken(tmp_path):
    path = tmp_path / "d.gkd"
    locking.lock_path(path).write_bytes(b"")  # created, not yet written
    assert locking.acquire(path) is not None
    assert locking.lock_path(path).read_bytes() == b""


def test_the_lock_appears_complete(tmp_path, monkeypatch):
    path = tmp_path / "d.gkd"
    assert locking.acquire(path) is None
    owner = locking.read_owner(path)
    assert owner.pid == os.getpid() and owner.host == socket.gethostname()
    assert [p.name for p in tmp_path.iterdir() if p.name != "gkdesk-data"] == [
        locking.lock_path(path).name]  # no temp file left beside it


def test_without_hard_links_the_lock_is_still_exclusive(tmp_path, monkeypatch):
    monkeypatch.setattr(locking.os, "link", lambda *a: (_ for _ in ()).throw(PermissionError(1, "no")))
    path = tmp_path / "d.gkd"
    live_lock(path)
    assert locking.acquire(path).user == "王芳"
    locking.lock_path(path).unlink()
    assert locking.acquire(path) is None and locking.holds(path)


@pytest.mark.parametrize("command", [
    lambda out: ["new", "--year", "2025", "-o", out, "--force"],
    lambda out: ["sample", "-o", out, "--force"],
    lambda out: ["next", "LAST", "-o", out, "--force"],
    lambda out: ["import", "BOOK", "-o", out, "--force"],
])
def test_the_command_line_never_writes_over_a_draft_open_in_a_window(tmp_path, capsys, command):
    from gkdesk.exporting.xlsx import write_xlsx

    last = tmp_path / "last.gkd"
    save_draft(new_draft(2024, unit="去年"), last)
    book = tmp_path / "book.xlsx"
    write_xlsx(new_draft(2024, unit="表"), book)
    target = tmp_path / "open.gkd"
    save_draft(new_draft(2025, unit="窗口中打开的"), target)
    before = target.read_bytes()
    live_lock(target)
    args = [str(last) if a == "LAST" else str(book) if a == "BOOK" else a
            for a in command(str(target))]
    assert main(args) == 2
    err = capsys.readouterr().err
    assert f"王芳@{socket.gethostname()}" in err and "--force 也不行" in err
    assert err.count("\n") == 1
    assert target.read_bytes() == before


def test_a_command_writing_a_draft_leaves_no_lock_behind(tmp_path):
    out = tmp_path / "new.gkd"
    assert main(["new", "--year", "2025", "-o", str(out)]) == 0
    assert load_draft(out).year == 2025
    assert not locking.lock_path(out).exists()
