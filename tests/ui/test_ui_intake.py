"""文件 → 导入 and dropping a document on the window: the notes are shown (单元格 · 原文 · 处理)
before the draft opens as an untitled draft; refusals end in one dialog; cancelling keeps the
open draft."""
from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QFileDialog

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from intake_support import expected_values, seed_page  # noqa: E402
from test_intake_html import report_page, texts_of  # noqa: E402

from gkdesk.intake import read_document  # noqa: E402
from gkdesk.ui import intake_dialog  # noqa: E402


def noted_page(tmp_path) -> Path:
    values = expected_values("report2021")
    texts = texts_of(values)
    texts["t3.open.person"] = "约12"
    texts["t2.fee.amount"] = "251000元"
    path = tmp_path / "某局2021年报.html"
    path.write_bytes(report_page("report2021", texts, "2021年某某县教育局政府信息公开工作年度报告",
                                 tables=("t2", "t3")))
    return path


def choose(monkeypatch, path):
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        staticmethod(lambda *a, **k: (str(path), "")))


def record_notes(monkeypatch, answer=True):
    shown = []

    def fake(parent, result, name):
        shown.append((result, name))
        return answer
    monkeypatch.setattr(intake_dialog, "show_notes", fake)
    return shown


def test_import_menu_takes_every_format(window):
    assert window.act_import.text() == "导入…"
    for suffix in (".xlsx", ".xlsm", ".xls", ".docx", ".html", ".htm"):
        assert f"*{suffix}" in intake_dialog.FILE_FILTER


def test_imported_page_opens_as_untitled_draft_after_its_notes(window, monkeypatch, tmp_path,
                                                              fake_dialogs):
    path = noted_page(tmp_path)
    choose(monkeypatch, path)
    shown = record_notes(monkeypatch)
    window.act_import.trigger()
    ((result, name),) = shown
    assert name == path.name and [n.cell for n in result.notes] == ["t2.fee.amount",
                                                                   "t3.open.person"]
    doc = window.document
    assert doc.path is None and window.isWindowModified()
    assert doc.draft.edition == "report2021" and doc.draft.unit == "某某县教育局"
    assert doc.value("t3.open.person") is None and str(doc.value("t2.fee.amount")) == "25.1"


def test_cancel_in_the_notes_keeps_the_open_draft(window, monkeypatch, tmp_path, sample_path):
    choose(monkeypatch, noted_page(tmp_path))
    record_notes(monkeypatch, answer=False)
    window.act_import.trigger()
    assert window.document.path == sample_path.absolute()


def test_a_file_without_a_table_is_refused_in_a_dialog(window, monkeypatch, tmp_path,
                                                       fake_dialogs, sample_path):
    path = tmp_path / "报告.pdf"
    path.write_bytes(b"%PDF-1.4")
    choose(monkeypatch, path)
    window.act_import.trigger()
    assert fake_dialogs.names() == ["show_error"]
    assert fake_dialogs.calls[0][1] == "无法导入" and "PDF" in fake_dialogs.calls[0][2]
    assert window.document.path == sample_path.absolute()


def test_the_year_is_asked_when_the_document_has_none(window, monkeypatch, tmp_path):
    values = expected_values("report2021")
    path = tmp_path / "报告.html"
    path.write_bytes(report_page("report2021", texts_of(values), "政府信息公开工作年度报告"))
    choose(monkeypatch, path)
    record_notes(monkeypatch)
    monkeypatch.setattr(intake_dialog, "ask_year", lambda parent, name: 2023)
    window.act_import.trigger()
    assert window.document.draft.year == 2023 and window.document.draft.values == values


def test_a_dropped_page_is_imported(window, qtbot, monkeypatch, tmp_path):
    path = tmp_path / "淄博.html"
    path.write_bytes(seed_page())
    shown = record_notes(monkeypatch)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    event = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime,
                       Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    window.dropEvent(event)
    qtbot.waitUntil(lambda: window.document.path is None)
    assert len(shown) == 1 and window.document.draft.unit == "淄博市公共资源交易中心"
    assert window.document.value("1.1") == 8405


def test_notes_dialog_lists_cell_text_and_what_was_done(qtbot, tmp_path):
    path = noted_page(tmp_path)
    result = read_document(path)
    dialog = intake_dialog.IntakeNotesDialog(None, result, path.name)
    qtbot.addWidget(dialog)
    table = dialog.table
    headers = [table.horizontalHeaderItem(c).text() for c in range(3)]
    assert headers == ["单元格", "原文", "处理"]
    rows = [[table.item(r, c).text() for c in range(3)] for r in range(table.rowCount())]
    assert rows[0][:2] == ["行政事业性收费·本年收费金额", "251000元"] and "25.1 万元" in rows[0][2]
    assert rows[1][:2] == ["予以公开·自然人", "约12"] and "未读取" in rows[1][2]
    assert rows[2] == ["四、政府信息公开行政复议、行政诉讼情况", "", "文件中没有这张表"]
    dialog.show()
    qtbot.waitExposed(dialog)
    out = Path(__import__("os").environ.get("GKDESK_SHOT_DIR", tmp_path)) / "intake_notes.png"
    assert dialog.grab().save(str(out))
