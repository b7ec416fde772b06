"""A typed number is never silently changed: text a box cannot take stays as typed, the box turns
red with the reason, Enter/Tab/a click elsewhere/保存 do not commit it, Esc restores the old value.
A paste with one bad value is refused whole, naming the cell and the text."""
from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from gkdesk.draft import new_draft
from gkdesk.ui.document import DraftDocument
from gkdesk.ui.table_model import CELL_ID_ROLE
from ui_helpers import commit_text, editor_of, press_enter

COUNT = "t3.new.person"  # 本年新收政府信息公开申请数量·自然人, table three of report2021


@pytest.fixture
def report_window(make_window):
    def make(edition: str = "report2021", year: int = 2021, table: int = 1):
        window = make_window()
        draft = new_draft(year, edition)
        window.set_document(DraftDocument(draft))
        window.tabs.setCurrentIndex(table)
        return window, window.views[table]
    return make


def _type_new(qtbot, view, cell_id: str, text: str):
    """Select the box and type `text` as a clerk does: ASCII as key presses (the first one starts
    the editor), anything else as an input method's commit string."""
    view.setCurrentIndex(view.model().index_of(cell_id))
    view.setFocus()
    if text.isascii():
        qtbot.keyClicks(view, text[0])
        editor = editor_of(view)
        qtbot.keyClicks(editor, text[1:])
    else:
        commit_text(view, text)
        editor = editor_of(view)
    return editor


@pytest.mark.parametrize("typed, reason", [
    ("-5", "不能为负数"),
    ("1e9", "请填写数字"),
    ("12o", "请填写数字"),
    ("３.５", "请填写整数"),
    ("1 2", "请填写数字"),
])
def test_a_count_box_keeps_wrong_text_red_and_never_commits_it(report_window, qtbot,
                                                                typed, reason):
    window, view = report_window()
    window.document.edit_values({COUNT: 7})
    window.document.undo_stack.setClean()
    editor = _type_new(qtbot, view, COUNT, typed)
    assert editor.text() == typed  # every keystroke kept, nothing dropped or changed

    for key in (Qt.Key.Key_Return, Qt.Key.Key_Tab, Qt.Key.Key_Enter):
        qtbot.keyClick(editor, key)
        qtbot.wait(20)  # Qt commits on the next turn of the event loop, if it commits
        assert editor_of(view) is editor and editor.text() == typed
        assert window.document.value(COUNT) == 7
    assert reason in editor.shown_reason()
    assert "#d32f2f" in editor.styleSheet()  # the red box
    label = editor.reason_label()
    assert label is not None and label.isVisible() and reason in label.text()
    message = window.statusBar().currentMessage()
    assert typed.strip() in message and reason in message and "Esc" in message
    assert QApplication.focusWidget() is editor
    assert not window.isWindowModified()

    # A click on another box does not take it away either.
    other = view.model().index_of("t3.new.business")
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton,
                     pos=view.visualRect(other).center())
    qtbot.wait(20)
    assert editor_of(view) is editor and editor.text() == typed
    assert view.currentIndex() == view.model().index_of(COUNT)

    qtbot.keyClick(editor, Qt.Key.Key_Escape)  # Esc: the old value, nothing changed
    qtbot.waitUntil(lambda: view.state() != view.State.EditingState)
    assert window.document.value(COUNT) == 7
    assert view.model().index_of(COUNT).data() == "7"
    assert window.document.undo_stack.count() == 1 and not window.isWindowModified()


def test_the_clerk_corrects_the_red_box_and_it_commits(report_window, qtbot):
    window, view = report_window()
    editor = _type_new(qtbot, view, COUNT, "1e9")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert editor.shown_reason()
    for _ in range(2):
        qtbot.keyClick(editor, Qt.Key.Key_Backspace)  # 1e9 → 1
    assert editor.text() == "1" and not editor.shown_reason()
    assert not editor.reason_label().isVisible()
    qtbot.keyClicks(editor, "9")
    press_enter(qtbot, view, editor)
    assert window.document.value(COUNT) == 19


def test_focus_taken_elsewhere_in_the_window_comes_back_to_the_red_box(report_window, qtbot):
    window, view = report_window()
    editor = _type_new(qtbot, view, COUNT, "-5")
    window.activateWindow()
    editor.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is editor, timeout=2000)
    window.header_form.edits["unit"].setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is editor, timeout=2000)
    assert editor.text() == "-5" and window.document.value(COUNT) is None


def test_save_and_close_wait_for_the_red_box(report_window, qtbot, fake_dialogs, tmp_path):
    window, view = report_window()
    window.document.path = tmp_path / "草稿.gkd"
    editor = _type_new(qtbot, view, COUNT, "-5")
    window.tabs.setCurrentIndex(0)  # the clerk looks at another table meanwhile
    assert not window.save()
    assert not (tmp_path / "草稿.gkd").exists()
    assert window.tabs.currentWidget() is view  # shown again, the wrong text still there
    assert editor_of(view).text() == "-5"
    assert not window.close()
    assert window.isVisible() and "ask_save_changes" not in fake_dialogs.names()
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: view.state() != view.State.EditingState)
    assert window.save()


def test_a_signed_change_box_takes_a_minus(report_window, qtbot):
    window, view = report_window("report2019", 2019, table=0)
    editor = _type_new(qtbot, view, "t2.license.change", "-5")
    assert not editor.shown_reason()  # `-` on the way to a number is not red
    press_enter(qtbot, view, editor)
    assert window.document.value("t2.license.change") == -5


def test_a_money_box_takes_decimals(report_window, qtbot):
    window, view = report_window(table=0)
    editor = _type_new(qtbot, view, "t2.fee.amount", "2.6")
    press_enter(qtbot, view, editor)
    assert window.document.value("t2.fee.amount") == Decimal("2.6")


def test_an_unfinished_entry_says_why_on_enter(report_window, qtbot):
    window, view = report_window("report2019", 2019, table=0)
    editor = _type_new(qtbot, view, "t2.license.change", "-")
    assert not editor.shown_reason()
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.wait(20)
    assert editor_of(view).text() == "-" and editor.shown_reason() == "请填写数字"
    assert window.document.value("t2.license.change") is None


def test_a_pasted_column_with_one_bad_value_changes_nothing_and_names_it(report_window, qtbot):
    window, view = report_window()
    model = view.model()
    view.setCurrentIndex(model.index_of(COUNT))
    view.setFocus()
    # Down the 自然人 column: 本年新收, 上年结转, then the first rows under 三、本年度办理结果.
    QGuiApplication.clipboard().setText("3\r\n2\r\n-5\r\n1\r\n")
    with qtbot.waitSignal(view.messageRaised) as blocker:
        window.act_paste.trigger()  # 编辑 → 粘贴
    message = blocker.args[0]
    assert "第 3 行" in message and "“-5”" in message and "不能为负数" in message
    third = view._value_below(view._value_below(model.index_of(COUNT)))
    name = window.document.edition.cells[third.data(CELL_ID_ROLE)].name
    assert f"“{name}”" in message and "未粘贴任何内容" in message
    assert window.document.draft.values == {}
    assert window.document.undo_stack.count() == 0
    assert window.statusBar().currentMessage() == message


def test_the_red_reason_fits_in_the_table(report_window, qtbot, tmp_path):
    """The reason under a box at the right edge stays inside the table (not cut off)."""
    window, view = report_window()
    editor = _type_new(qtbot, view, "t3.new.total", "-5")
    label = editor.reason_label()
    assert label.isVisible()
    top_left = label.mapTo(view.viewport(), QPoint(0, 0))
    assert top_left.x() >= 0 and top_left.x() + label.width() <= view.viewport().width()
    window.grab().save(str(tmp_path / "red.png"))


def test_keys_typed_ahead_of_the_window_go_to_the_next_box(report_window, qtbot):
    """`12⏎34⏎` arriving at once (a fast clerk, a busy window): 12 and 34 in two boxes, never
    1234 in one — Enter commits before the next key is handled."""
    from PySide6.QtTest import QTest

    window, view = report_window()
    model = view.model()
    window.activateWindow()
    view.setCurrentIndex(model.index_of(COUNT))
    view.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is view, timeout=2000)
    for key in "12\r34\r":  # each key to whatever has the focus then; no event loop between
        target = QApplication.focusWidget()
        if key == "\r":
            QTest.keyClick(target, Qt.Key.Key_Return)
        else:
            QTest.keyClicks(target, key)
    below = view._value_below(model.index_of(COUNT)).data(CELL_ID_ROLE)
    assert window.document.value(COUNT) == 12
    assert window.document.value(below) == 34


def test_a_double_click_on_another_box_opens_no_second_editor(report_window, qtbot):
    window, view = report_window()
    editor = _type_new(qtbot, view, COUNT, "12o")
    other = view.model().index_of("t3.new.business")
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton,
                      pos=view.visualRect(other).center())
    qtbot.wait(20)
    assert editor_of(view) is editor and editor.text() == "12o"
    assert window.document.value(COUNT) is None and window.document.value("t3.new.business") is None
