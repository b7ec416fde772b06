"""Typing like a clerk: input-method (full-width) text, grouping commas, refusals that are said,
Enter/Tab/Delete, Excel paste as one undo step, undo/redo merged per cell."""
from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import QItemSelection, QItemSelectionModel, Qt
from PySide6.QtGui import QGuiApplication

from ui_helpers import commit_text, editor_of, press_enter, start_editing, type_into


@pytest.mark.parametrize("typed, expected", [
    ("１２", 12),            # full-width digits from a Chinese input method
    ("８，４０５", 8405),     # full-width comma as thousands separator
    ("8,405", 8405),
    ("３ 件", 3),            # the unit typed along with the number
])
def test_input_method_text_is_accepted(window, qtbot, typed, expected):
    view = window.views[0]
    editor = start_editing(view, "3.2.1")
    editor.selectAll()
    commit_text(editor, typed)
    assert editor.text() == typed  # not silently dropped by the validator
    press_enter(qtbot, view, editor)
    assert window.document.value("3.2.1") == expected


def test_input_method_text_on_a_selected_cell_starts_editing(window, qtbot):
    view = window.views[0]
    view.setCurrentIndex(view.model().index_of("3.2.1"))
    view.setFocus()
    commit_text(view, "１")
    editor = editor_of(view)
    press_enter(qtbot, view, editor)
    assert window.document.value("3.2.1") == 1
    assert window.document.findings == []


@pytest.mark.parametrize("cell, keys, reason", [
    ("3.2.1", "a", "请填写数字"),
    ("3.2.1", "1.5", "整数"),
    ("3.2.1", "-", "不能为负数"),
    ("8.5", "1.23456", "4位小数"),
])
def test_wrong_keystrokes_stay_in_the_box_and_are_explained(window, qtbot, cell, keys, reason):
    view = window.views[0]
    editor = start_editing(view, cell)
    editor.clear()
    with qtbot.waitSignal(view.messageRaised) as blocker:
        qtbot.keyClicks(editor, keys)
    assert reason in blocker.args[0]
    assert reason in window.statusBar().currentMessage()
    assert editor.text() == keys and reason in editor.shown_reason()  # kept as typed, red


def test_money_cell_takes_decimals(window, qtbot):
    type_into(qtbot, window.views[0], "8.5", "2.75")
    assert window.document.value("8.5") == Decimal("2.75")
    assert window.models[0].index_of("8.5").data() == "2.75"


def test_enter_moves_down_and_tab_moves_to_the_next_value(window, qtbot):
    view = window.views[0]
    model = view.model()
    type_into(qtbot, view, "1.1.b", "3")
    # 1.2 is a heading row: Enter skips it.
    assert view.currentIndex() == model.index_of("1.2.1")
    editor = start_editing(view, "3.2.1")
    qtbot.keyClicks(editor, "1")
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: view.currentIndex() == model.index_of("3.2.2"))
    assert window.document.value("3.2.1") == 1


def test_delete_clears_to_blank_not_zero(window, qtbot):
    view = window.views[0]
    index = view.model().index_of("2.2.5")
    view.setCurrentIndex(index)
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert window.document.value("2.2.5") is None
    assert "2.2.5" not in window.document.draft.values
    assert index.data() == ""
    window.act_undo.trigger()
    assert window.document.value("2.2.5") == 0


def test_paste_a_column_from_excel_is_one_undo_step(window, qtbot):
    view = window.views[0]
    view.setCurrentIndex(view.model().index_of("3.1.1"))
    QGuiApplication.clipboard().setText("0\r\n0\r\n1\r\n0\r\n0\r\n1\r\n1\r\n0\r\n")
    stack = window.document.undo_stack
    before = stack.count()
    qtbot.keyClick(view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    # 3.1.1 … 3.1.5, then 3.2, 3.2.1, 3.2.2: the next value boxes down the column.
    values = window.document.draft.values
    assert [values[c] for c in ("3.1.1", "3.1.2", "3.1.3", "3.1.4", "3.1.5",
                                "3.2", "3.2.1", "3.2.2")] == [0, 0, 1, 0, 0, 1, 1, 0]
    assert window.document.findings == []
    assert stack.count() == before + 1
    window.act_undo.trigger()
    assert window.document.value("3.2.1") == 0
    assert [f.rule for f in window.document.findings] == ["S14-SUM-CLOSED"]


def test_paste_refuses_non_numbers_and_changes_nothing(window, qtbot):
    view = window.views[0]
    view.setCurrentIndex(view.model().index_of("3.1.1"))
    QGuiApplication.clipboard().setText("2\n两件\n")
    before = dict(window.document.draft.values)
    with qtbot.waitSignal(view.messageRaised) as blocker:
        window.act_paste.trigger()
    assert "两件" in blocker.args[0] and "未粘贴" in blocker.args[0]
    assert window.document.draft.values == before
    assert not window.isWindowModified()


def _select_rows(view, first_row: int, last_row: int) -> None:
    """A drag over whole rows: labels, units, headings and value boxes alike."""
    model = view.model()
    selection = view.selectionModel()
    view.setCurrentIndex(model.index(first_row, 0))
    selection.select(QItemSelection(model.index(first_row, 0),
                                    model.index(last_row, model.columnCount() - 1)),
                     QItemSelectionModel.SelectionFlag.ClearAndSelect)


def test_one_value_pasted_over_a_selection_fills_every_value_box(window, qtbot):
    view = window.views[0]
    model = view.model()
    first, last = model.index_of("1.1").row() - 1, model.index_of("1.2.4").row()
    _select_rows(view, first, last)  # 一、 heading, its label/unit boxes and (二) heading too
    QGuiApplication.clipboard().setText("7\r\n")  # one cell copied from Excel
    stack = window.document.undo_stack
    before, values_before = stack.count(), dict(window.document.draft.values)
    with qtbot.waitSignal(view.messageRaised) as blocker:
        qtbot.keyClick(view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    filled = ["1.1", "1.1.a", "1.1.b", "1.2.1", "1.2.2", "1.2.3", "1.2.4"]
    assert "7 个" in blocker.args[0]
    assert {c: window.document.value(c) for c in filled} == dict.fromkeys(filled, 7)
    untouched = {c: v for c, v in window.document.draft.values.items() if c not in filled}
    assert untouched == {c: v for c, v in values_before.items() if c not in filled}
    assert stack.count() == before + 1  # one undo step for the seven boxes
    assert window.isWindowModified()
    window.act_undo.trigger()
    assert window.document.draft.values == values_before
    window.act_redo.trigger()
    assert window.document.value("1.2.4") == 7


def test_fill_refuses_a_non_number_or_a_decimal_count_and_changes_nothing(window, qtbot):
    view = window.views[0]
    model = view.model()
    before = dict(window.document.draft.values)
    _select_rows(view, model.index_of("8.4").row(), model.index_of("8.5").row())
    for text, shown in (("三", "三"), ("1.5", "1.5")):  # 1.5 fits 8.5 (万元), not the counts
        QGuiApplication.clipboard().setText(text)
        with qtbot.waitSignal(view.messageRaised) as blocker:
            window.act_paste.trigger()
        assert shown in blocker.args[0] and "未粘贴任何内容" in blocker.args[0]
        assert window.document.draft.values == before
    assert window.document.undo_stack.count() == 0
    assert not window.isWindowModified()


def test_one_value_with_one_box_selected_pastes_into_that_box_only(window, qtbot):
    view = window.views[0]
    view.setCurrentIndex(view.model().index_of("9.1"))
    QGuiApplication.clipboard().setText("4")
    window.act_paste.trigger()
    assert window.document.value("9.1") == 4
    assert window.document.value("9.2") == 15


def test_copy_gives_excel_text_and_html(window, qtbot):
    view = window.views[0]
    model = view.model()
    view.setCurrentIndex(model.index_of("8.4"))
    view.selectionModel().select(model.index_of("8.4.1"),
                                 view.selectionModel().SelectionFlag.Select)
    qtbot.keyClick(view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    mime = QGuiApplication.clipboard().mimeData()
    assert mime.text() == "2\r\n1\r\n"
    assert "<td>2</td>" in mime.html()


def test_undo_redo_merges_edits_of_one_cell(window, qtbot):
    view = window.views[0]
    stack = window.document.undo_stack
    type_into(qtbot, view, "3.2.1", "5")
    type_into(qtbot, view, "3.2.1", "1")
    assert stack.count() == 1  # two commits to the same cell: one undo step
    type_into(qtbot, view, "9.1", "2")
    assert stack.count() == 2
    assert window.act_undo.text() == "撤销 修改“召开政府信息公开工作会议或专题会议数”"
    window.act_undo.trigger()
    window.act_undo.trigger()
    assert window.document.value("3.2.1") == 0 and window.document.value("9.1") == 1
    window.act_redo.trigger()
    assert window.document.value("3.2.1") == 1
    assert window.document.findings == []
