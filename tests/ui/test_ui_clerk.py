"""Issue 9's smaller things a clerk tripped on: exporting a table with errors asks first, 新建
after 打开示例 starts clean, Qt's own file dialog speaks Chinese, the title names the program
once."""
from __future__ import annotations

import pytest
from PySide6.QtWidgets import QFileDialog, QLabel


def test_exporting_a_table_with_errors_asks_first(window, tmp_path, monkeypatch, fake_dialogs):
    pytest.importorskip("gkdesk.exporting.xlsx")
    out = tmp_path / "out.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *a, **k: (str(out), "")))
    fake_dialogs.export_with_errors_answer = False  # 取消
    window.act_export_xlsx.trigger()
    assert fake_dialogs.names()[-1] == "ask_export_with_errors"
    assert fake_dialogs.calls[-1][1] == 1  # the seed's one error
    assert not out.exists()
    fake_dialogs.export_with_errors_answer = True  # 导出
    window.act_export_xlsx.trigger()
    assert out.exists()


def test_pending_totals_count_as_errors_before_exporting(make_window, tmp_path, monkeypatch,
                                                         fake_dialogs):
    window = make_window()
    window.document.edit_values({"t3.new.person": 3})  # a total not typed yet: 待填
    assert window.document.pending and "错误" not in window.count_label.text()
    fake_dialogs.export_with_errors_answer = False
    window.act_export_html.trigger()
    assert fake_dialogs.names()[-1] == "ask_export_with_errors"


def test_a_clean_table_exports_without_asking(make_window, tmp_path, monkeypatch, fake_dialogs):
    window = make_window()
    out = tmp_path / "out.html"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *a, **k: (str(out), "")))
    window.act_export_html.trigger()
    assert "ask_export_with_errors" not in fake_dialogs.names() and out.exists()


def test_new_after_the_sample_starts_clean(window, fake_dialogs):
    window.open_sample()
    assert window.document.draft.unit == "淄博市公共资源交易中心"
    fake_dialogs.new_answer = (2025, "report2021")
    window.new_file()
    assert window.document.draft.unit == ""
    assert window.header_form.edits["unit"].text() == ""
    assert window.document.draft.meta.get("phone", "") == ""


def test_new_after_the_clerks_own_draft_keeps_the_unit(window, fake_dialogs):
    fake_dialogs.new_answer = (2025, "report2021")
    window.new_file()  # the window opened the clerk's copy, not the shipped sample
    assert window.document.draft.unit == "淄博市公共资源交易中心"


def test_qt_file_dialog_speaks_chinese(qapp):
    from gkdesk.ui.app import make_application

    make_application()
    dialog = QFileDialog(None, "打开草稿")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    texts = [label.text() for label in dialog.findChildren(QLabel)]
    assert "查找范围(&L)：" in texts and "文件类型(&T)：" in texts
    assert not any("Look in" in t or "Files of" in t for t in texts)
    dialog.deleteLater()


def test_title_names_the_program_once(window):
    # Qt adds the application's display name once, after the file's name.
    assert window.windowTitle() == "sample2018.gkd[*]"


def test_header_fields_take_two_rows_on_a_narrow_window_and_stay_whole(window, qtbot):
    form = window.header_form
    phone = form.edits["phone"]
    phone.setText("0533-12345678")
    window.resize(1280, 680)
    qtbot.waitUntil(lambda: form.two_rows is False)
    assert phone.width() >= phone.fontMetrics().horizontalAdvance("0533-12345678") + 8
    window.resize(form.one_row_width - 60, 600)
    qtbot.waitUntil(lambda: form.two_rows is True)
    # the contacts go to a second row
    qtbot.waitUntil(lambda: form.edits["unit"].y() < form.edits["phone"].y())
    assert phone.width() >= phone.fontMetrics().horizontalAdvance("0533-12345678") + 8
    assert form.width() <= window.width()
