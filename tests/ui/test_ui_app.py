"""The model against Qt's model tester, matrix tables with spans as tabs, the window's size and
language, the screenshot and no-display start-up, the error hook, export and copy wiring."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage
from PySide6.QtWidgets import QFileDialog, QMessageBox

from gkdesk.draft import new_draft
from gkdesk.editions import get_edition
from gkdesk.ui import settings
from gkdesk.ui.document import DraftDocument
from gkdesk.ui.table_model import IndicatorTableModel, TINTS
from ui_helpers import commit_text, type_into

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("edition, table", [("stat2014", 0), ("report2019", 1),
                                            ("report2021", 0), ("report2021", 1),
                                            ("report2021", 2)])
def test_table_model_passes_qt_model_tester(qtmodeltester, edition, table):
    draft = new_draft(2021, edition)
    draft.values[get_edition(edition).tables[table].cells[0]] = 3
    document = DraftDocument(draft)
    model = IndicatorTableModel(document, document.edition.tables[table])
    qtmodeltester.check(model, force_py=True)


def test_matrix_tables_render_with_spans_and_check_live(make_window, qtbot):
    window = make_window()  # a bare start: last year's draft, today's report2021 edition
    assert window.document.edition.id == "report2021"
    assert [window.tabs.tabText(i) for i in range(window.tabs.count())] == \
        [t.title for t in window.document.edition.tables]
    t3 = window.views[1]
    model = t3.model()
    grid = model.grid
    spanned = [i for i in grid.items if i.colspan > 1 or i.rowspan > 1]
    assert spanned
    for item in spanned:
        assert (t3.rowSpan(item.row, item.col), t3.columnSpan(item.row, item.col)) == \
            (item.rowspan, item.colspan)
    header = next(i for i in grid.items if i.role == "header")
    index = model.index(header.row, header.col)
    assert index.data(Qt.ItemDataRole.FontRole).bold()
    assert not index.flags() & Qt.ItemFlag.ItemIsEditable
    # R-T3-ROWSUM: one applicant typed without the total is 待填; a typed total that
    # disagrees is an error on the row total at once.
    window.tabs.setCurrentWidget(t3)
    type_into(qtbot, t3, "t3.new.person", "2")
    assert "R-T3-ROWSUM@t3.new.total" in window.document.pending
    type_into(qtbot, t3, "t3.new.total", "3")
    rules = {f.key for f in window.document.findings}
    assert "R-T3-ROWSUM@t3.new.total" in rules - window.document.pending
    assert model.index_of("t3.new.total").data(Qt.ItemDataRole.BackgroundRole) \
        == TINTS[("error", True)]
    # Clicking a finding about another table switches to its tab.
    window.tabs.setCurrentIndex(0)
    card = next(c for c in window.panel.cards if c.finding.key == "R-T3-ROWSUM@t3.new.total")
    qtbot.mouseClick(card, Qt.MouseButton.LeftButton)
    assert window.tabs.currentWidget() is t3
    assert t3.currentIndex() == model.index_of("t3.new.total")


def test_header_fields_take_full_width_year_and_warn_on_edition(window, qtbot):
    year = window.header_form.edits["year"]
    year.setFocus()
    year.selectAll()
    commit_text(year, "２０２５")
    year.editingFinished.emit()
    assert window.document.draft.year == 2025
    assert [f.rule for f in window.document.findings][0] == "EDITION-YEAR"
    assert "2025年度的报告应使用" in window.document.findings[0].message
    assert window.title_label.text().startswith("2025年度")
    window.act_undo.trigger()
    assert window.document.draft.year == 2018 and year.text() == "2018"


def test_default_window_fits_1366x768_with_the_value_column_visible(window):
    assert window.width() <= 1366 and window.frameGeometry().height() <= 768 - 40
    view = window.views[0]
    right = view.columnViewportPosition(2) + view.columnWidth(2)
    assert view.columnViewportPosition(2) >= 0 and right <= view.viewport().width()
    window.resize(900, 560)  # 1366×768 at 150 % scaling leaves about this much
    right = view.columnViewportPosition(2) + view.columnWidth(2)
    assert right <= view.viewport().width()


def test_menus_are_chinese(window, qtbot):
    menus = [a.text() for a in window.menuBar().actions()]
    assert menus == ["文件(&F)", "编辑(&E)", "校验(&C)", "帮助(&H)"]  # the titles in the first paint
    file_menu = window.menuBar().actions()[0].menu()
    qtbot.waitUntil(lambda: bool(file_menu.actions()), timeout=2000)  # filled once painted
    texts = [a.text() for a in file_menu.actions()]
    for wanted in ("新建(&N)…", "打开(&O)…", "保存(&S)", "另存为(&A)…", "导入…",
                   "导出 Excel…", "导出 Word (HTML)…", "复制表格", "退出(&X)"):
        assert wanted in texts
    assert window.act_undo.text().startswith("撤销")


def test_screenshot_command_renders_the_window(tmp_path):
    out = tmp_path / "shot.png"
    env = dict(os.environ, GKDESK_DATA_DIR=str(tmp_path / "data"))
    env.pop("QT_QPA_PLATFORM", None)
    env.pop("DISPLAY", None)
    result = subprocess.run([sys.executable, "-m", "gkdesk",
                             str(ROOT / "resources/samples/sample2018.gkd"),
                             "--screenshot", str(out)], env=env, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1280, 680)
    assert result.stderr == ""


def test_no_display_says_so_in_one_line():
    env = dict(os.environ)
    for name in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY"):
        env.pop(name, None)
    result = subprocess.run([sys.executable, "-m", "gkdesk"], env=env, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "没有可用的图形显示" in lines[0] and "--screenshot" in lines[0]


def _free_display_number() -> int:
    """A display number no X server listens on, by path or abstract socket."""
    from gkdesk.ui.app import x_server_reachable

    for number in range(59999, 59000, -1):
        if not Path(f"/tmp/.X11-unix/X{number}").exists() and \
                not x_server_reachable(f":{number}"):
            return number
    pytest.skip("no free X display number")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="X11 display probe: Linux")
def test_unreachable_x_display_says_so_in_one_line_instead_of_qts_abort():
    from gkdesk.ui.app import NO_DISPLAY_MESSAGE

    env = dict(os.environ, DISPLAY=f":{_free_display_number()}.0")
    for name in ("QT_QPA_PLATFORM", "WAYLAND_DISPLAY"):
        env.pop(name, None)
    result = subprocess.run([sys.executable, "-m", "gkdesk"], env=env, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 2, result.stderr
    assert result.stderr.strip().splitlines() == [NO_DISPLAY_MESSAGE]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="abstract sockets: Linux")
def test_x_display_probe_finds_a_listening_server_by_socket_or_tcp():
    import socket

    from gkdesk.ui.app import x_server_reachable

    number = _free_display_number()
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as server:
        server.bind(f"\0/tmp/.X11-unix/X{number}")  # abstract: nothing on disk
        server.listen(8)
        assert x_server_reachable(f":{number}") and x_server_reachable(f":{number}.0")
        assert x_server_reachable(f"unix:{number}.1")
    assert not x_server_reachable(f":{number}.0")
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen(8)
        port = server.getsockname()[1]
        assert port > 6000  # an ephemeral port, as display 127.0.0.1:(port − 6000)
        assert x_server_reachable(f"127.0.0.1:{port - 6000}.0")
    assert not x_server_reachable(f"127.0.0.1:{port - 6000}", timeout=0.5)
    assert x_server_reachable("/private/tmp/com.apple.launchd.x/org.xquartz:0")  # left to Qt


def test_unexpected_error_is_logged_shown_and_the_draft_survives(window, qtbot, monkeypatch):
    from gkdesk.ui import app

    shown = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(
        (box.text(), box.informativeText())))
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    type_into(qtbot, window.views[0], "3.2.1", "1")
    app.install_exception_hook(window)
    try:
        raise ZeroDivisionError("boom")
    except ZeroDivisionError:
        sys.excepthook(*sys.exc_info())
    log = Path(os.environ["GKDESK_DATA_DIR"]) / "logs" / "gkdesk.log"
    assert "ZeroDivisionError: boom" in log.read_text(encoding="utf-8")
    (text, info), = shown
    assert "意外错误" in text and str(log) in info and "Traceback" not in info
    assert window.autosaver.file.exists()  # the numbers are in the recovery folder too
    assert window.document.value("3.2.1") == 1


def test_copy_table_puts_html_and_tsv_on_the_clipboard(window):
    pytest.importorskip("gkdesk.exporting.html")
    pytest.importorskip("gkdesk.exporting.text")
    window.copy_table()
    mime = QGuiApplication.clipboard().mimeData()
    assert "申请办结数" in mime.html() and "<table" in mime.html().lower()
    assert "8405" in mime.text() and "\t" in mime.text()


def test_export_excel_remembers_the_folder(window, tmp_path, monkeypatch, fake_dialogs):
    pytest.importorskip("gkdesk.exporting.xlsx")
    out = tmp_path / "导出" / "统计表"
    out.parent.mkdir()
    asked = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(
        lambda parent, title, suggested, *a: asked.append(suggested) or (str(out), "")))
    window.act_export_xlsx.trigger()
    assert "show_error" not in fake_dialogs.names(), fake_dialogs.calls
    assert out.with_suffix(".xlsx").exists()
    assert settings.folder("export") == str(out.parent)
    window.act_export_xlsx.trigger()
    assert Path(asked[-1]).parent == out.parent


def test_export_word_html_and_import_excel_round_trip(window, tmp_path, monkeypatch,
                                                      fake_dialogs, qtbot):
    xlsx = pytest.importorskip("gkdesk.exporting.xlsx")
    pytest.importorskip("gkdesk.exporting.html")
    type_into(qtbot, window.views[0], "3.2.1", "1")
    html_out = tmp_path / "表.html"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *a, **k: (str(html_out), "")))
    window.act_export_html.trigger()
    assert "申请办结数" in html_out.read_text(encoding="utf-8")
    book = tmp_path / "表.xlsx"
    xlsx.write_xlsx(window.document.draft, book, window.document.findings)
    fake_dialogs.save_answer = "discard"
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        staticmethod(lambda *a, **k: (str(book), "")))
    window.act_import.trigger()
    assert fake_dialogs.names() == ["ask_save_changes"]
    assert window.document.path is None and window.isWindowModified()
    assert window.document.value("3.2.1") == 1
    assert window.document.draft.unit == "淄博市公共资源交易中心"
    assert window.document.findings == []


def test_import_of_a_foreign_workbook_says_why(window, tmp_path, monkeypatch, fake_dialogs):
    pytest.importorskip("gkdesk.exporting.xlsx")
    openpyxl = pytest.importorskip("openpyxl")
    book = tmp_path / "别的表.xlsx"
    workbook = openpyxl.Workbook()
    workbook.active["A1"] = "与统计表无关"
    workbook.save(book)
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        staticmethod(lambda *a, **k: (str(book), "")))
    window.act_import.trigger()
    assert fake_dialogs.names() == ["show_error"]
    assert fake_dialogs.calls[0][1] == "无法导入"
    assert window.document.path is not None  # the open draft stays


def test_what_starting_made_is_kept_out_of_the_collectors_way(sample_path, qtbot):
    """A full garbage collection over the ~50,000 objects of a started window took ~45 ms, a
    stalled keystroke; once the window has painted they are frozen, and a collection then looks
    only at what was made since."""
    import gc

    from gkdesk.ui.app import open_window

    gc.unfreeze()
    window = open_window(str(sample_path))
    qtbot.addWidget(window)
    try:
        qtbot.waitUntil(lambda: gc.get_freeze_count() > 10_000, timeout=5000)
        assert window.document.path == sample_path
        assert len(gc.get_objects()) < gc.get_freeze_count() / 5  # a collection's work now
    finally:
        gc.unfreeze()
        window.document.undo_stack.setClean()


def test_the_table_viewport_is_set_up_as_qts_own(make_window):
    """The table's viewport is made in Python (start-up: see GridTableView); it must look and
    behave as the one Qt makes: white behind the boxes, touch, focus to the table."""
    from PySide6.QtGui import QPalette, QStandardItemModel
    from PySide6.QtWidgets import QTableView

    window = make_window()
    plain = QTableView()
    plain.setModel(QStandardItemModel(2, 2))
    for view in window.views:
        ours, qts = view.viewport(), plain.viewport()
        assert ours.backgroundRole() == qts.backgroundRole() == QPalette.ColorRole.Base
        assert ours.autoFillBackground() and qts.autoFillBackground()
        assert ours.focusProxy() is view
        for attribute in (Qt.WidgetAttribute.WA_AcceptTouchEvents, Qt.WidgetAttribute.WA_Hover):
            assert ours.testAttribute(attribute) == qts.testAttribute(attribute)
