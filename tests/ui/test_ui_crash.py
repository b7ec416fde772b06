"""Nothing lost beyond the last 20 edits (or the last minute) when gkdesk dies without running
any of its own code: a real window process aborted (SIGABRT, as the broken Qt binding does) or
killed (SIGKILL); on the next start the recovery record is offered and brings the numbers back."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from gkdesk.ui import recovery

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]


def _crash_a_window(how: str, tmp_path: Path) -> dict:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path / "config"),
               PYTHONPATH=os.pathsep.join(p for p in (str(ROOT), os.environ.get("PYTHONPATH"))
                                          if p))
    child = subprocess.Popen([sys.executable, str(HERE / "crash_child.py"), how], env=env,
                             cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             text=True)
    try:
        line = child.stdout.readline()
        if how == "kill":
            child.send_signal(signal.SIGKILL)
        child.wait(timeout=60)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    assert line, f"the window process printed nothing: {child.stderr.read()[-2000:]}"
    expected = -signal.SIGABRT if how == "abort" else -signal.SIGKILL
    assert child.returncode == expected
    return json.loads(line)


@pytest.mark.parametrize("how", ["abort", "kill"])
def test_the_next_start_recovers_all_but_the_edits_after_the_last_twenty(
        how, tmp_path, make_window, fake_dialogs):
    report = _crash_a_window(how, tmp_path)
    typed = report["typed"]
    assert len(typed) == 25
    records = recovery.orphans()
    assert len(records) == 1 and f"session-{report['pid']}-" in records[0].file.name

    fresh = make_window(use_lock=False)  # the next start
    assert fresh.offer_recovery()
    assert fake_dialogs.names()[-1] == "ask_recover"
    assert "未命名草稿" in fake_dialogs.calls[-1][1] and "2021年度" in fake_dialogs.calls[-1][1]
    draft = fresh.document.draft
    assert draft.edition == "report2021"
    # The record written at the 20th edit: edits 1–20 back; 21–25 came within the minute after.
    first_twenty = dict(list(typed.items())[:20])
    assert draft.values == first_twenty
    assert fresh.isWindowModified()
    assert recovery.orphans() == []  # now recorded under the new window only
