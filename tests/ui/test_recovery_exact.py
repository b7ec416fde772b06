"""A recovery record keeps a draft exactly, unknown keys included (issue 8, item 3): a draft
from a newer gkdesk holding `"future": 1.5` autosaves and comes back as it was."""
from gkdesk.draft import draft_text, parse_draft
from gkdesk.ui import recovery

RAW = (b'{"format": "gkdesk-draft", "format_version": 1, "edition": "stat2014", "year": 2018,'
       b' "unit": "u", "values": {"8.5": "2.6"}, "future": 1.5,'
       b' "later": {"rate": 0.10, "big": 1e400, "n": ' + b"7" * 5000 + b"}}")


def test_unknown_decimals_survive_an_autosave_and_recovery(tmp_path):
    draft = parse_draft(RAW)
    file = tmp_path / "session.json"
    recovery.write_record(file, draft, None)
    _writer, record = recovery._read(file)
    assert record.draft == draft
    assert draft_text(record.draft) == draft_text(draft)
    assert '"rate": 0.10' in draft_text(record.draft)


def _record_of_another_window(started: str) -> None:
    """A record as a live window would write it, but for the pid of this test's parent process
    (alive, not us) and the given process start time."""
    import os

    from gkdesk import jsontext
    from gkdesk.datadir import recovery_dir

    file = recovery_dir() / "session-other.json"
    recovery.write_record(file, parse_draft(RAW), None)
    data = jsontext.loads(file.read_text(encoding="utf-8"))
    data.update(pid=os.getppid(), started=started)
    file.write_text(jsontext.dumps(data), encoding="utf-8")


def test_a_record_of_a_window_still_open_is_not_offered():
    import os

    from gkdesk import locking

    _record_of_another_window(locking.process_start(os.getppid()) or "")
    assert recovery.orphans() == []


def test_a_record_whose_pid_now_belongs_to_another_process_is_offered():
    # The window that wrote it crashed; the system gave its pid to a new process since.
    _record_of_another_window("an earlier process's start time")
    (record,) = recovery.orphans()
    assert record.draft.unit == "u"


def test_a_record_that_cannot_be_written_leaves_no_temp_file(tmp_path, monkeypatch):
    # A full disk: the autosave fails (and is tried again later); each try must not leave
    # one more uniquely named temp file in the recovery folder.
    import errno

    import pytest

    def full_disk(*_args, **_kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(recovery, "replace_with_retry", full_disk)
    folder = tmp_path / "recovery"
    for _ in range(3):
        with pytest.raises(OSError):
            recovery.write_record(folder / "session.json", parse_draft(RAW), None)
    assert list(folder.iterdir()) == []
