"""Issue 9's clerk-facing words: a workbook given to `gkdesk check` says to import it; a file
that is not text says what to open instead; an empty draft does not "pass"; `gkdesk --help`
shows the `gkdesk FILE` form; the lock file is hidden on Windows (the call path, faked)."""
import subprocess
import sys
import zipfile

from gkdesk import locking
from gkdesk.draft import new_draft, save_draft


def gkdesk(*args):
    return subprocess.run([sys.executable, "-m", "gkdesk", *map(str, args)],
                          capture_output=True, text=True, encoding="utf-8")


def test_check_on_a_workbook_suggests_import(tmp_path):
    book = tmp_path / "统计表.xlsx"
    with zipfile.ZipFile(book, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
    result = gkdesk("check", book)
    assert result.returncode == 2 and result.stdout == ""
    line = result.stderr.strip()
    assert len(line.splitlines()) == 1
    assert "gkdesk import" in line and "Excel" in line and "UTF-8" not in line


def test_a_binary_file_says_what_to_open_instead(tmp_path):
    bad = tmp_path / "bad.gkd"
    bad.write_bytes(b"\xff\xfe\x00garbage")
    result = gkdesk("check", bad)
    assert result.returncode == 2
    assert "UTF-8" not in result.stderr and ".gkd" in result.stderr
    assert "导入 Excel" in result.stderr


def test_an_empty_draft_does_not_pass(tmp_path):
    path = tmp_path / "empty.gkd"
    save_draft(new_draft(2025, "report2021"), path)
    result = gkdesk("check", path)
    assert result.returncode == 0
    assert "校验通过" not in result.stdout and "尚未填写" in result.stdout


def test_help_shows_the_file_form():
    result = gkdesk("--help")
    assert result.returncode == 0
    assert "gkdesk [FILE.gkd]" in result.stdout and "gkdesk 草稿.gkd" in result.stdout


def test_help_names_every_command_in_its_usage_line():
    usage = gkdesk("--help").stdout.split("\n\n")[0]
    for command in ("check", "new", "sample", "next", "export", "report", "import", "merge"):
        assert command in usage, command


class FakeKernel32:
    def __init__(self):
        self.calls = []

    def GetFileAttributesW(self, path):
        self.calls.append(("get", path))
        return 0x20  # FILE_ATTRIBUTE_ARCHIVE

    def SetFileAttributesW(self, path, attributes):
        self.calls.append(("set", path, attributes))
        return 1


def test_lock_file_is_hidden_on_windows(tmp_path, monkeypatch):
    kernel32 = FakeKernel32()
    monkeypatch.setattr(locking, "ON_WINDOWS", True)
    monkeypatch.setattr(locking, "_kernel32", lambda: kernel32)
    draft = tmp_path / "a.gkd"
    lock = locking.lock_path(draft)
    assert locking.acquire(draft) is None  # taken
    assert locking.holds(draft)
    assert kernel32.calls == [("get", str(lock)), ("set", str(lock), 0x20 | 0x2)]


def test_lock_file_is_not_touched_elsewhere(tmp_path, monkeypatch):
    monkeypatch.setattr(locking, "ON_WINDOWS", False)
    monkeypatch.setattr(locking, "_kernel32", lambda: (_ for _ in ()).throw(AssertionError))
    assert locking.acquire(tmp_path / "a.gkd") is None
    assert locking.holds(tmp_path / "a.gkd")
