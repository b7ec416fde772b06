"""The window's Word commands: 导出 Word 表格, 生成年度报告, and 核对年报正文 — the report's
contradictions in the findings panel (not tinting cells), the sentence shown on a click, and the
check made again whenever the report file is saved (an atomic replace included)."""
from __future__ import annotations

import os

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from docx_support import open_docx
from gkdesk.draft import load_draft
from gkdesk.ui import dialogs
from ui_helpers import type_into


def _answer_save(monkeypatch, path):
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(path), "")))


def _answer_open(monkeypatch, path):
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(path), "")))


def _write_atomically(path, text):
    temp = path.with_name(path.name + ".tmp")
    temp.write_text(text, encoding="utf-8")
    os.replace(temp, path)  # how Word and gkdesk save: the watched file is a new one


def _text_keys(window):
    return [card.finding.key for card in window.panel.cards if card.finding.rule.startswith("TEXT-")]


def test_export_word_tables_writes_the_table(window, monkeypatch, tmp_path):
    target = tmp_path / "表格"
    _answer_save(monkeypatch, target)
    window.act_export_docx.trigger()
    document = open_docx(target.with_name("表格.docx"))
    assert len(document.tables) == 1


def test_generate_report_writes_it_remembers_it_and_finds_nothing_against_its_draft(
        window, monkeypatch, tmp_path, qtbot, sample_path):
    target = tmp_path / "年报.docx"
    _answer_save(monkeypatch, target)
    window.act_report.trigger()
    assert target.exists()
    assert window.report_text is not None and window.report_text.findings == []
    assert _text_keys(window) == []
    assert window.isWindowModified()  # the remembered report is saved with the draft
    with qtbot.waitSignal(window.draftSaved):
        qtbot.keyClick(window.views[0], Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert load_draft(sample_path).extra["report_file"] == "年报.docx"
    # generating again over the (possibly edited) report asks first
    before = target.read_bytes()
    asked = []
    monkeypatch.setattr(dialogs, "ask_overwrite_report",
                        lambda window, path: asked.append(path) or False)
    window.act_report.trigger()
    assert asked == [target] and target.read_bytes() == before


def test_check_report_text_lists_contradictions_selects_cells_and_rechecks_on_save(
        window, monkeypatch, tmp_path, qtbot):
    report = tmp_path / "年报.txt"
    report.write_text("2018年淄博市公共资源交易中心政府信息公开工作年度报告\n"
                      "本年度收到政府信息公开申请5件。\n本年度未发生行政复议。\n", encoding="utf-8")
    _answer_open(monkeypatch, report)
    tints_before = dict(window.document.tints)
    window.act_check_text.trigger()
    assert _text_keys(window) == ["TEXT-NUMBER@received"]
    assert window.document.tints == tints_before  # a sentence does not make the table wrong
    assert "年报正文 1 处不符" in window.count_label.text()
    card = next(c for c in window.panel.cards if c.finding.rule == "TEXT-NUMBER")
    assert "收到政府信息公开申请5件" in card.finding.message
    assert card.explain_button is None
    qtbot.mouseClick(card, Qt.MouseButton.LeftButton)
    view = window.views[0]
    selected = {view.model().grid_item(i).cell for i in view.selectionModel().selectedIndexes()}
    assert selected == {"3.1"}
    assert "本年度收到政府信息公开申请5件。" in window.statusBar().currentMessage()

    # the clerk corrects the sentence and saves: checked again, though the file was replaced
    _write_atomically(report, "本年度收到政府信息公开申请1件。\n本年度未发生行政复议。\n")
    qtbot.waitUntil(lambda: _text_keys(window) == [], timeout=5000)
    assert "重新核对" in window.statusBar().currentMessage()
    # and again: the watch was re-armed after the replace
    _write_atomically(report, "本年度收到政府信息公开申请9件。\n")
    qtbot.waitUntil(lambda: _text_keys(window) == ["TEXT-NUMBER@received"], timeout=5000)

    # the table changes: the same sentence is compared again at once
    type_into(qtbot, view, "3.1.3", "9")  # 3.1 stays 1 but its parts now disagree: no matter
    window.document.edit_values({"3.1": 9})
    assert _text_keys(window) == []


def test_an_unreadable_report_is_one_dialog(window, monkeypatch, tmp_path, fake_dialogs):
    bad = tmp_path / "年报.docx"
    bad.write_bytes(b"\xd0\xcf\x11\xe0old word")
    _answer_open(monkeypatch, bad)
    window.act_check_text.trigger()
    errors = [c for c in fake_dialogs.calls if c[0] == "show_error"]
    assert len(errors) == 1 and "旧版 .doc" in errors[0][2]
    assert window.report_text is None


def test_a_report_deleted_and_written_again_is_checked_again(window, monkeypatch, tmp_path, qtbot):
    report = tmp_path / "年报.txt"
    report.write_text("本年度收到政府信息公开申请1件。\n", encoding="utf-8")
    _answer_open(monkeypatch, report)
    window.act_check_text.trigger()
    assert _text_keys(window) == []
    report.unlink()  # some editors save by deleting, then writing anew
    qtbot.waitUntil(lambda: "暂时无法读取" in window.statusBar().currentMessage(), timeout=5000)
    report.write_text("本年度收到政府信息公开申请3件。\n", encoding="utf-8")
    qtbot.waitUntil(lambda: _text_keys(window) == ["TEXT-NUMBER@received"], timeout=8000)
