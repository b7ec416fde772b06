"""帮助: the sample opens as an unsaved copy (the shipped file is never the one saved over), and
关于 tells the clerk where the log is that support will ask for."""
from __future__ import annotations

from PySide6.QtWidgets import QFileDialog

from gkdesk import __version__
from gkdesk.datadir import log_dir
from gkdesk.datafiles import sample_draft_path
from gkdesk.draft import load_draft
from ui_helpers import type_into


def test_open_sample_gives_an_untitled_copy_with_the_seed_error(make_window, fake_dialogs, qtbot,
                                                                tmp_path, monkeypatch):
    window = make_window()  # a new blank draft
    shipped = sample_draft_path().read_bytes()
    window.act_sample.trigger()
    document = window.document
    assert document.draft.unit == "淄博市公共资源交易中心"
    assert [f.key for f in document.findings] == ["S14-SUM-CLOSED@3.2"]
    type_into(qtbot, window.views[0], "3.2.1", "1")
    target = tmp_path / "试填"
    asked = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(
        lambda *a, **k: asked.append(a) or (str(target), "")))
    window.save()
    assert asked  # an untitled draft: 保存 asks for a name
    assert load_draft(tmp_path / "试填.gkd").values["3.2.1"] == 1
    assert sample_draft_path().read_bytes() == shipped


def test_open_sample_asks_before_dropping_unsaved_changes(window, fake_dialogs, qtbot):
    type_into(qtbot, window.views[0], "3.2.1", "1")
    fake_dialogs.save_answer = "cancel"
    before = window.document
    window.act_sample.trigger()
    assert "ask_save_changes" in fake_dialogs.names()
    assert window.document is before and window.document.value("3.2.1") == 1


def test_about_names_the_version_the_editions_and_the_log_folder(make_window, fake_dialogs):
    window = make_window()
    window.act_about.trigger()
    (call,) = [c for c in fake_dialogs.calls if c[0] == "show_info"]
    text = call[2]
    assert f"gkdesk {__version__}" in text
    assert "政府信息公开工作年度报告格式（2021年版）" in text
    assert str(log_dir()) in text
