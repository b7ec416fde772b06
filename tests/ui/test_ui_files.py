"""Files and nothing lost: save and reopen, the unsaved-changes question on close/新建/打开,
autosave and recovery after a crash, the lock beside an open draft."""
from __future__ import annotations

import json
import os
import socket

from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QFileDialog

from gkdesk import locking
from gkdesk.draft import load_draft
from gkdesk.ui import recovery, settings
from ui_helpers import type_into


def test_save_and_reopen_keeps_numbers_header_and_blanks(window, qtbot, sample_path,
                                                         make_window):
    view = window.views[0]
    type_into(qtbot, view, "3.2.1", "1")
    view.setCurrentIndex(view.model().index_of("2.2.5"))
    qtbot.keyClick(view, Qt.Key.Key_Delete)  # a blank, not a 0
    fields = window.header_form.edits
    fields["filled_by"].setFocus()
    qtbot.keyClicks(fields["phone"], "0533-1234567")
    fields["phone"].editingFinished.emit()
    assert window.isWindowModified()
    assert window.windowTitle().startswith("sample2018.gkd[*]")
    with qtbot.waitSignal(window.draftSaved):
        qtbot.keyClick(view, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert not window.isWindowModified()
    saved = load_draft(sample_path)
    assert saved.values["3.2.1"] == 1 and "2.2.5" not in saved.values
    assert saved.meta["phone"] == "0533-1234567"
    again = make_window(sample_path, use_lock=False)
    assert again.document.value("3.2.1") == 1 and again.document.value("2.2.5") is None
    assert again.header_form.edits["phone"].text() == "0533-1234567"
    assert again.header_form.edits["unit"].text() == "淄博市公共资源交易中心"
    assert settings.recent_files()[0] == str(sample_path)


def test_save_as_names_a_new_file(window, qtbot, tmp_path, monkeypatch):
    target = tmp_path / "另存" / "2018年度"
    target.parent.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *a, **k: (str(target), "")))
    type_into(qtbot, window.views[0], "3.2.1", "1")
    assert window.save_as()
    assert load_draft(target.with_name("2018年度.gkd")).values["3.2.1"] == 1
    assert window.windowTitle().startswith("2018年度.gkd")


def test_closing_with_unsaved_changes_asks_and_cancel_keeps_everything(
        window, qtbot, fake_dialogs, sample_path):
    type_into(qtbot, window.views[0], "3.2.1", "1")
    fake_dialogs.save_answer = "cancel"
    assert not window.close()
    assert window.isVisible() and window.document.value("3.2.1") == 1
    assert fake_dialogs.names() == ["ask_save_changes"]
    assert fake_dialogs.calls[0][1] == "sample2018.gkd"
    fake_dialogs.save_answer = "save"
    assert window.close()
    assert load_draft(sample_path).values["3.2.1"] == 1


def test_closing_with_dont_save_leaves_the_file_alone(window, qtbot, fake_dialogs, sample_path):
    before = sample_path.read_bytes()
    type_into(qtbot, window.views[0], "3.2.1", "1")
    fake_dialogs.save_answer = "discard"
    assert window.close()
    assert sample_path.read_bytes() == before
    assert not locking.lock_path(sample_path).exists()  # the lock goes with the window


def test_new_and_open_ask_before_dropping_changes(window, qtbot, fake_dialogs, monkeypatch):
    type_into(qtbot, window.views[0], "3.2.1", "1")
    fake_dialogs.save_answer = "cancel"
    window.new_file()
    assert window.document.value("3.2.1") == 1
    opened = []
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        staticmethod(lambda *a, **k: opened.append(a) or ("", "")))
    window.open_file()
    assert opened == [] and window.document.value("3.2.1") == 1
    assert fake_dialogs.names() == ["ask_save_changes", "ask_save_changes"]
    fake_dialogs.save_answer = "discard"
    fake_dialogs.new_answer = (2025, "report2021")
    window.new_file()
    assert window.document.edition.id == "report2021"
    assert window.document.draft.unit == "淄博市公共资源交易中心"  # carried to the new draft
    assert window.tabs.count() == 3 and not window.tabs.tabBar().isHidden()


def test_a_dropped_draft_opens(make_window, qtbot, sample_path):
    window = make_window()
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(sample_path))])
    event = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime,
                       Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier)
    with qtbot.waitSignal(window.draftLoaded):
        window.dropEvent(event)
    assert window.document.path == sample_path.absolute()


def test_recovery_after_a_simulated_crash(make_window, qtbot, sample_path, fake_dialogs):
    before = sample_path.read_bytes()
    crashed = make_window(sample_path, autosave_ms=50)
    with qtbot.waitSignal(crashed.autosaver.autosaved, timeout=3000):
        type_into(qtbot, crashed.views[0], "3.2.1", "1")
    record = json.loads(crashed.autosaver.file.read_text(encoding="utf-8"))
    assert record["draft"]["values"]["3.2.1"] == 1
    # The crash: the window vanishes without closing (its record and lock stay behind).
    recovery._LIVE.discard(crashed.autosaver.file)
    crashed.autosaver.timer.stop()
    crashed.hide()
    fresh = make_window(use_lock=False)
    assert fresh.offer_recovery()
    assert fake_dialogs.names()[-1] == "ask_recover"
    assert "sample2018.gkd" in fake_dialogs.calls[-1][1]
    assert fresh.document.value("3.2.1") == 1
    assert fresh.document.path == sample_path.absolute()
    assert fresh.isWindowModified()  # recovered, not yet saved
    assert sample_path.read_bytes() == before
    assert not crashed.autosaver.file.exists()  # the old record is consumed...
    assert fresh.autosaver.file.exists()  # ...after being re-written under the new window
    assert recovery.orphans() == []
    crashed.document.undo_stack.setClean()  # let the fixture close it without questions


def test_a_clean_close_leaves_nothing_to_recover(window, qtbot, fake_dialogs):
    window.autosaver.timer.setInterval(10)
    with qtbot.waitSignal(window.autosaver.autosaved):
        type_into(qtbot, window.views[0], "3.2.1", "1")
    assert window.save()
    assert not window.autosaver.file.exists()
    assert recovery.orphans() == []


def test_a_draft_open_elsewhere_is_detected(make_window, sample_path, fake_dialogs):
    lock = locking.lock_path(sample_path)
    lock.write_text(json.dumps({"user": "王芳", "host": "PC-ZB-17", "pid": 4242,
                                "since": "2026-01-15 09:30"}, ensure_ascii=False),
                    encoding="utf-8")
    window = make_window()
    fake_dialogs.open_locked_answer = False
    assert not window.open_path(sample_path)
    name, owner = fake_dialogs.calls[-1][1:]
    assert (name, owner.user, owner.host) == ("sample2018.gkd", "王芳", "PC-ZB-17")
    assert "王芳" in owner.describe() and "PC-ZB-17" in owner.describe()
    assert window.document.path is None
    fake_dialogs.open_locked_answer = True  # 仍然打开: the lock becomes ours
    assert window.open_path(sample_path)
    assert locking.read_owner(sample_path).pid == os.getpid()


def test_a_stale_lock_is_taken_over_silently(make_window, sample_path, fake_dialogs):
    lock = locking.lock_path(sample_path)
    lock.write_text(json.dumps({"user": "me", "host": socket.gethostname(),
                                "pid": 2 ** 22 + 12345}), encoding="utf-8")  # no such process
    window = make_window(sample_path)
    assert "ask_open_locked" not in fake_dialogs.names()
    assert locking.read_owner(sample_path).pid == os.getpid()
    old = lock.stat().st_mtime - 2 * locking.STALE_SECONDS
    lock.write_text(json.dumps({"user": "x", "host": "OTHER-PC", "pid": 1}), encoding="utf-8")
    os.utime(lock, (old, old))  # another PC's lock not refreshed for an hour: it crashed
    assert locking.other_owner(sample_path) is None


def test_a_number_still_in_the_editor_is_not_lost_on_close(window, qtbot, fake_dialogs,
                                                          sample_path):
    view = window.views[0]
    view.setCurrentIndex(view.model().index_of("3.2.1"))
    qtbot.keyClicks(view, "1")  # typed, no Enter yet
    assert view.state() == view.State.EditingState
    fake_dialogs.save_answer = "save"
    assert window.close()
    assert fake_dialogs.names() == ["ask_save_changes"]
    assert load_draft(sample_path).values["3.2.1"] == 1


def test_saving_over_a_draft_someone_opened_meanwhile_asks(window, qtbot, fake_dialogs,
                                                            sample_path, monkeypatch):
    type_into(qtbot, window.views[0], "3.2.1", "1")
    locking.lock_path(sample_path).write_text(json.dumps(
        {"user": "李明", "host": "PC-ZB-02", "pid": 77}, ensure_ascii=False), encoding="utf-8")
    asked = []
    monkeypatch.setattr("gkdesk.ui.dialogs.ask_save_over_lock",
                        lambda parent, name, owner: asked.append(owner.user) or False)
    before = sample_path.read_bytes()
    assert not window.save()
    assert asked == ["李明"] and sample_path.read_bytes() == before
    assert window.isWindowModified()
    locking.lock_path(sample_path).unlink()


def test_every_twentieth_edit_is_recorded_at_once(window, qtbot):
    saver = window.autosaver
    saver.timer.setInterval(60_000)  # the minute is far away: only the edit count writes
    model = window.models[0]
    for n in range(1, 20):  # 19 edits (merged into one undo step: still 19 edits)
        model.setData(model.index_of("9.1"), str(100 + n))
    assert not saver.file.exists() and saver.timer.isActive()
    model.setData(model.index_of("3.2.1"), "1")  # the 20th edit
    record = json.loads(saver.file.read_text(encoding="utf-8"))
    assert record["draft"]["values"]["9.1"] == 119 and record["draft"]["values"]["3.2.1"] == 1
    assert saver.pending_edits == 0 and not saver.timer.isActive()


def test_typing_without_a_pause_still_autosaves_within_the_minute(window, qtbot):
    saver = window.autosaver
    saver.timer.setInterval(400)  # "the minute", shortened
    model = window.models[0]
    model.setData(model.index_of("3.2.1"), "1")  # the countdown starts here...
    for n in range(1, 8):  # ...and the next edits, 100 ms apart, do not restart it
        qtbot.wait(100)
        model.setData(model.index_of("9.1"), str(n))
        if saver.file.exists():
            break
    assert saver.file.exists()
    record = json.loads(saver.file.read_text(encoding="utf-8"))
    assert record["draft"]["values"]["3.2.1"] == 1
