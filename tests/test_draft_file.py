"""Draft files: round trip, every kind of bad file refused plainly, saves that cannot lose data."""
import errno
import json
import os
from decimal import Decimal

import pytest

from gkdesk import draft as draft_module
from gkdesk import safefiles
from gkdesk.draft import (Draft, DraftError, backup_path, load_draft, new_draft, parse_draft,
                          save_draft)
from gkdesk.datafiles import samples_dir

SAMPLE = samples_dir() / "sample2018.gkd"


def write_json(path, data):
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def minimal(**changes):
    data = {"format": "gkdesk-draft", "format_version": 1, "edition": "stat2014", "year": 2018,
            "unit": "某单位", "values": {"1.1": 3}}
    data.update(changes)
    return data


def test_sample_round_trips_identically(tmp_path):
    original = load_draft(SAMPLE)
    save_draft(original, tmp_path / "copy.gkd")
    again = load_draft(tmp_path / "copy.gkd")
    assert again == original
    assert again.values["8.5"] == Decimal("2.6")
    assert again.meta["filled_on"] == "2019-01-22"


def test_written_file_follows_the_format(tmp_path):
    save_draft(load_draft(SAMPLE), tmp_path / "s.gkd")
    data = json.loads((tmp_path / "s.gkd").read_text(encoding="utf-8"))
    assert data["format"] == "gkdesk-draft" and data["format_version"] == 1
    assert data["values"]["8.5"] == "2.6"  # decimals as strings
    assert data["values"]["1.1"] == 8405  # counts as integers
    assert "淄博市公共资源交易中心" in (tmp_path / "s.gkd").read_text(encoding="utf-8")


def test_blank_stays_blank_through_save(tmp_path):
    draft = new_draft(2018, unit="某单位")
    draft.values["3.2"] = 0
    save_draft(draft, tmp_path / "d.gkd")
    again = load_draft(tmp_path / "d.gkd")
    assert again.values == {"3.2": 0}
    assert "3.2.1" not in again.values


def test_unknown_keys_survive_a_load_and_save(tmp_path):
    path = write_json(tmp_path / "d.gkd", minimal(signature={"by": "newer gkdesk"}, note="x"))
    save_draft(load_draft(path), path)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["signature"] == {"by": "newer gkdesk"} and data["note"] == "x"


def test_readers_accept_digit_strings_and_json_numbers_for_money(tmp_path):
    path = write_json(tmp_path / "d.gkd", minimal(values={"1.1": "12", "8.5": 2.6, "3.1": None}))
    draft = load_draft(path)
    assert draft.values == {"1.1": 12, "8.5": Decimal("2.6")}


@pytest.mark.parametrize("content, words", [
    (b"not json at all", "不是有效的 gkdesk 草稿文件"),
    (b"\xff\xfe\x00garbage", "不是 UTF-8"),
    (json.dumps({"hello": 1}).encode(), "不是 gkdesk 草稿文件"),
    (json.dumps(minimal(edition="stat2099")).encode(), "stat2099"),
    (json.dumps(minimal(format_version=2)).encode(), "较新版本"),
    (json.dumps(minimal(values={"3.2": "abc"})).encode(), "3.2（申请办结数）"),
    (json.dumps(minimal(values={"3.2": -1})).encode(), "不能为负数"),
    (json.dumps(minimal(values={"8.5": "1.23456"})).encode(), "8.5"),
    (json.dumps(minimal(values={"1.2": 3})).encode(), "标题行"),
    (json.dumps(minimal(values={"t3.new.person": 3})).encode(), "t3.new.person"),
    (json.dumps(minimal(year="soon")).encode(), "年度"),
])
def test_bad_files_are_refused_with_a_clear_sentence(tmp_path, content, words):
    path = tmp_path / "bad.gkd"
    path.write_bytes(content)
    with pytest.raises(DraftError) as info:
        load_draft(path)
    assert words in str(info.value)
    assert "Traceback" not in str(info.value)


def test_missing_file_is_named():
    with pytest.raises(DraftError, match="找不到文件"):
        load_draft("/nonexistent/x.gkd")


def test_a_newer_format_file_is_never_overwritten(tmp_path):
    path = write_json(tmp_path / "new.gkd", minimal(format_version=7))
    before = path.read_bytes()
    with pytest.raises(DraftError, match="较新版本"):
        save_draft(new_draft(2018), path)
    assert path.read_bytes() == before


def test_save_keeps_a_backup_of_the_previous_version(tmp_path):
    path = tmp_path / "d.gkd"
    first = new_draft(2018, unit="第一版")
    save_draft(first, path)
    second = new_draft(2018, unit="第二版")
    save_draft(second, path)
    assert load_draft(path).unit == "第二版"
    assert load_draft(backup_path(path)).unit == "第一版"


def test_a_save_that_fails_while_writing_leaves_the_old_file_whole(tmp_path, monkeypatch):
    path = tmp_path / "d.gkd"
    save_draft(load_draft(SAMPLE), path)
    before = path.read_bytes()

    def disk_full(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(draft_module.os, "fsync", disk_full)
    with pytest.raises(DraftError) as info:
        save_draft(new_draft(2018, unit="新内容"), path)
    assert "磁盘空间不足" in str(info.value) and "原文件未改动" in str(info.value)
    assert path.read_bytes() == before
    assert not list(tmp_path.glob("*.tmp"))  # no stray temp file


def test_a_save_that_fails_at_the_rename_says_where_the_new_content_is(tmp_path, monkeypatch):
    path = tmp_path / "d.gkd"
    save_draft(load_draft(SAMPLE), path)
    before = path.read_bytes()

    def locked(src, dst):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(draft_module.os, "replace", locked)
    with pytest.raises(DraftError) as info:
        save_draft(new_draft(2018, unit="新内容"), path)
    assert path.read_bytes() == before
    temp = str(info.value).split("新内容已保存在 ")[1]
    assert load_draft(temp).unit == "新内容"


def test_sharing_violations_are_retried_briefly(tmp_path, monkeypatch):
    path = tmp_path / "d.gkd"
    real_replace = os.replace
    attempts = []

    def antivirus_holds_it(src, dst):
        attempts.append(1)
        if len(attempts) < 3:
            error = PermissionError(13, "The process cannot access the file")
            error.winerror = 32
            raise error
        real_replace(src, dst)

    monkeypatch.setattr(draft_module.os, "replace", antivirus_holds_it)
    monkeypatch.setattr(safefiles.time, "sleep", lambda s: None)
    save_draft(new_draft(2018, unit="终于保存"), path)
    assert len(attempts) == 3
    assert load_draft(path).unit == "终于保存"


def test_other_errors_are_not_retried(tmp_path, monkeypatch):
    attempts = []

    def fails(src, dst):
        attempts.append(1)
        raise OSError(errno.EIO, "I/O error")

    monkeypatch.setattr(draft_module.os, "replace", fails)
    with pytest.raises(DraftError):
        save_draft(new_draft(2018), tmp_path / "d.gkd")
    assert len(attempts) == 1


def test_new_draft_uses_the_edition_serving_the_year():
    assert new_draft(2018).edition == "stat2014"
    assert isinstance(new_draft(2016), Draft)


def test_previous_year_embedded_round_trips(tmp_path):
    data = minimal(year=2018, previous={"edition": "stat2014", "year": 2017, "unit": "某单位",
                                        "values": {"1.1": 5}})
    draft = parse_draft(json.dumps(data).encode())
    assert draft.previous.year == 2017 and draft.previous.values == {"1.1": 5}
    save_draft(draft, tmp_path / "d.gkd")
    assert load_draft(tmp_path / "d.gkd").previous == draft.previous


def test_a_new_draft_is_dated_today_and_can_keep_the_unit_and_contacts():
    import datetime

    last = new_draft(2024, unit="某某局")
    last.meta.update(filled_by="张三", phone="0533-1234567", filled_on="2025-01-10")
    draft = new_draft(2025, contacts_from=last)
    assert draft.unit == "某某局"
    assert draft.meta == {"filled_by": "张三", "phone": "0533-1234567",
                          "filled_on": datetime.date.today().isoformat()}
    assert draft.values == {}
    assert new_draft(2025).meta["filled_by"] == ""


@pytest.mark.parametrize("content", [
    json.dumps(minimal(year="²")).encode(),  # a digit to str.isdigit, not to int()
    b'{"format": "gkdesk-draft", "values": ' + b"[" * 100_000 + b"]" * 100_000 + b"}",
])
def test_hostile_drafts_are_refused_as_bad_files_not_program_errors(tmp_path, content):
    path = tmp_path / "bad.gkd"
    path.write_bytes(content)
    with pytest.raises(DraftError):
        load_draft(path)


def test_a_huge_file_is_not_read_whole(tmp_path, monkeypatch):
    monkeypatch.setattr(draft_module, "MAX_DRAFT_BYTES", 1000)
    path = tmp_path / "huge.gkd"
    path.write_bytes(b" " * 5000)
    with pytest.raises(DraftError, match="太大"):
        load_draft(path)


# --------------------------------------------------------------------------------------------
# Backups and temp files (issue 8, item 5); killed saves: bench/bench_killed_saves.py

class _FullDisk:
    """A file whose writes fail as on a full disk."""

    def __init__(self, real):
        self.real = real

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.real.close()

    def write(self, data):
        raise OSError(errno.ENOSPC, "No space left on device")

    def __getattr__(self, name):
        return getattr(self.real, name)


def full_disk_open(real_open):
    def fake(file, mode="r", *args, **kwargs):
        handle = real_open(file, mode, *args, **kwargs)
        return _FullDisk(handle) if "w" in mode else handle
    return fake


def two_versions(tmp_path):
    path = tmp_path / "drafts" / "d.gkd"
    path.parent.mkdir()
    save_draft(new_draft(2018, unit="第一版"), path)
    save_draft(new_draft(2018, unit="第二版"), path)
    return path, path.read_bytes(), backup_path(path).read_bytes()


@pytest.mark.parametrize("links_work", [True, False])
def test_a_full_disk_leaves_the_draft_and_the_backup_whole(tmp_path, monkeypatch, links_work):
    import builtins

    path, draft_before, backup_before = two_versions(tmp_path)
    if not links_work:  # FAT or a share: the backup is a copy, and the copy hits the full disk
        monkeypatch.setattr(safefiles.os, "link", lambda *a: (_ for _ in ()).throw(
            OSError(errno.EPERM, "Operation not permitted")))
    monkeypatch.setattr(draft_module, "open", full_disk_open(builtins.open), raising=False)
    monkeypatch.setattr(safefiles, "open", full_disk_open(builtins.open), raising=False)
    with pytest.raises(DraftError, match="磁盘空间不足"):
        save_draft(new_draft(2018, unit="第三版"), path)
    assert path.read_bytes() == draft_before
    assert backup_path(path).read_bytes() == backup_before
    assert {p.name for p in path.parent.iterdir()} == {"d.gkd", "d.gkd.bak"}


def test_a_backup_copy_that_fails_midway_leaves_the_old_backup_whole(tmp_path, monkeypatch):
    import builtins

    path, draft_before, backup_before = two_versions(tmp_path)
    monkeypatch.setattr(safefiles.os, "link", lambda *a: (_ for _ in ()).throw(OSError(errno.EXDEV, "no links")))
    monkeypatch.setattr(safefiles, "open", full_disk_open(builtins.open), raising=False)
    with pytest.raises(DraftError) as info:
        save_draft(new_draft(2018, unit="第三版"), path)
    assert "磁盘空间不足" in str(info.value)
    assert path.read_bytes() == draft_before and backup_path(path).read_bytes() == backup_before


def test_without_hard_links_the_backup_is_a_whole_copy(tmp_path, monkeypatch):
    monkeypatch.setattr(safefiles.os, "link", lambda *a: (_ for _ in ()).throw(OSError(errno.EPERM, "x")))
    path, _, backup = two_versions(tmp_path)
    assert load_draft(backup_path(path)).unit == "第一版" and load_draft(path).unit == "第二版"
    assert not [p for p in path.parent.iterdir() if p.name.startswith(".")]


def test_the_next_save_removes_leftovers_of_killed_saves_only(tmp_path):
    tmp_path = tmp_path / "drafts"
    tmp_path.mkdir()
    path = tmp_path / "d.gkd"
    save_draft(new_draft(2018), path)
    dead = 2 ** 22 + 4321  # above any pid_max: no such process
    leftovers = [f".d.gkd.{dead}-0badc0de.gkdesk-tmp", f".d.gkd.bak.{dead}-12345678.gkdesk-tmp",
                 f".d.gkd.{dead}.tmp"]  # the last: how versions before this one named them
    running = f".d.gkd.{os.getppid()}-0123abcd.gkdesk-tmp"  # a save going on right now
    others = [".d.gkd.notes", "d.gkd.1.tmp", f".e.gkd.{dead}-0badc0de.gkdesk-tmp"]
    for name in leftovers + [running] + others:
        (tmp_path / name).write_bytes(b"x" * 1000)
    save_draft(new_draft(2018, unit="again"), path)
    names = {p.name for p in tmp_path.iterdir()}
    assert names == {"d.gkd", "d.gkd.bak", running, *others}


def test_saving_over_a_large_file_does_not_read_it_all(tmp_path, monkeypatch):
    """`gkdesk new --force -o big.file`: the newer-format check reads at most what a draft
    may be; the backup is a hard link (nothing read)."""
    monkeypatch.setattr(draft_module, "MAX_DRAFT_BYTES", 1000)
    path = tmp_path / "big.gkd"
    path.write_bytes(b"x" * 100_000)
    asked = []
    real_open = open

    class Counting:
        def __init__(self, handle):
            self.handle = handle

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.handle.close()

        def read(self, size=-1):
            asked.append(size)
            return self.handle.read(size)

        def __getattr__(self, name):
            return getattr(self.handle, name)

    def counting_open(file, mode="r", *args, **kwargs):
        handle = real_open(file, mode, *args, **kwargs)
        return Counting(handle) if "r" in mode else handle

    monkeypatch.setattr(draft_module, "open", counting_open, raising=False)
    monkeypatch.setattr(safefiles, "open", counting_open, raising=False)
    save_draft(new_draft(2018, unit="新"), path)
    assert load_draft(path).unit == "新"
    assert asked and all(0 < size <= 1001 for size in asked)
    assert backup_path(path).stat().st_size == 100_000
