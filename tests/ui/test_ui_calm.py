"""Issue 9's calm live checking, through the real window: typing a new table three column by
column shows no red until a typed total disagrees; 填入空白合计 is one undo step; a quick fix
puts the cursor back on the fixed cell, so Ctrl+Z undoes the fix and nothing else."""
from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from gkdesk.draft import load_draft
from gkdesk.ui.table_model import CELL_ID_ROLE, TINTS
from ui_helpers import type_into

RED = [TINTS[("error", True)], TINTS[("error", False)]]
APPLICANTS = ["person", "business", "research", "nonprofit", "legal", "org_other"]
# One column as a clerk types it, top to bottom: 10 new + 2 carried = 9 results + 3 forward.
COLUMN = [("new", 10), ("carried", 2), ("open", 5), ("partial", 3), ("deny.1", 1),
          ("total", 9), ("forward", 3)]


def red_cells(view) -> list[str]:
    model = view.model()
    return [c for c in model.value_cells()
            if model.index_of(c).data(Qt.ItemDataRole.BackgroundRole) in RED]


def test_typing_table_three_column_by_column_shows_no_red_until_a_total_disagrees(
        make_window, qtbot):
    window = make_window()  # a new draft for last year, 2021 format
    view = window.views[1]
    window.tabs.setCurrentWidget(view)
    assert window.count_label.text() == "尚未填写"  # an empty draft has not "passed"
    assert "校验通过" not in window.panel.empty.text()
    for column in ("person", "business"):
        for row, value in COLUMN:
            type_into(qtbot, view, f"t3.{row}.{column}", str(value))
            assert red_cells(view) == [], (row, column)
            assert "错误" not in window.count_label.text()
    assert window.document.pending  # the 总计 column is still to come
    assert "处合计待填" in window.count_label.text()
    assert window.panel.cards == [] and window.panel.pending_lines.isVisible()
    # Each 待填 line names what is awaited; a click on it selects its cells.
    lines = window.panel.pending_lines
    qtbot.waitUntil(lambda: lines.height() >= lines.heightForWidth(lines.width()))
    placed = list(lines._placed(lines.width()))
    assert len(placed) == 1 + len(window.document.pending)  # the heading, then each one
    top, height, finding, text = placed[1]
    assert text.startswith("· ") and "应为" in text
    window.tabs.setCurrentIndex(0)
    QTest.mouseClick(lines, Qt.MouseButton.LeftButton, pos=QPoint(20, top + height // 2))
    assert window.tabs.currentWidget() is view
    assert {i.data(CELL_ID_ROLE) for i in view.selectedIndexes()} == set(finding.cells)
    for row, value in COLUMN:
        type_into(qtbot, view, f"t3.{row}.total", str(2 * value))
        assert red_cells(view) == [], row
    assert window.document.findings == []
    assert window.count_label.text() == "校验通过"
    # A typed total that disagrees with its parts is red at once.
    type_into(qtbot, view, "t3.open.total", "11")
    assert "t3.open.total" in red_cells(view)
    assert window.count_label.text() == "2 个错误"  # its row and the 总计 column


def test_pending_totals_still_count_as_errors_for_finish(make_window, qtbot, fake_dialogs):
    window = make_window()
    view = window.views[1]
    window.tabs.setCurrentWidget(view)
    type_into(qtbot, view, "t3.new.person", "4")
    assert window.document.pending and red_cells(view) == []
    window.act_finish.trigger()  # 完成: the spec's errors, all of them
    assert not window.document.pending
    assert "t3.new.total" in red_cells(view)
    assert "错误" in fake_dialogs.calls[-1][2]


def test_fill_blank_totals_is_one_undo_step_and_says_how_many(make_window, qtbot):
    window = make_window()
    view = window.views[1]
    window.tabs.setCurrentWidget(view)
    doc = window.document
    values = {f"t3.{row}.{c}": 1 for c in APPLICANTS
              for row in ("new", "open", "forward")}
    values.update({f"t3.carried.{c}": 0 for c in APPLICANTS})
    doc.edit_values(values, "粘贴")
    before = dict(doc.draft.values)
    depth = doc.undo_stack.count()
    window.act_fill_totals.trigger()
    assert doc.value("t3.new.total") == 6 and doc.value("t3.open.total") == 6
    assert doc.value("t3.carried.total") == 0
    # The result column totals need every result row typed: 不予公开 etc. are blank.
    assert doc.value("t3.total.person") is None
    assert doc.undo_stack.count() == depth + 1
    assert "已填入 4 个空白合计" in window.statusBar().currentMessage()
    window.act_undo.trigger()
    assert doc.draft.values == before


def test_quick_fix_then_ctrl_z_restores_the_table_not_the_unit_name(window, qtbot,
                                                                     sample_path):
    seed = load_draft(sample_path)
    unit = window.header_form.edits["unit"]
    unit.setFocus()  # the clerk was in 填报单位 before clicking the fix
    card = window.panel.cards[0]
    assert card.fix_button.text() == "将 申请办结数 改为 0"
    qtbot.mouseClick(card.fix_button, Qt.MouseButton.LeftButton)
    assert window.document.value("3.2") == 0
    view = window.views[0]
    qtbot.waitUntil(lambda: QApplication.focusWidget() is view)
    assert view.currentIndex() == view.model().index_of("3.2")
    # Through the window, as a real key press goes: shortcuts first, then the focus widget.
    QTest.keyClick(window.windowHandle(), Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.document.draft.values == seed.values
    assert window.document.draft.unit == seed.unit == unit.text()
    assert not window.isWindowModified()


def test_no_fix_is_offered_that_would_raise_a_new_error(make_window, qtbot):
    window = make_window()
    doc = window.document
    doc.edit_values({"t3.new.person": 3, "t3.new.total": 3, "t3.open.person": 2,
                     "t3.open.total": 2, "t3.total.person": 2, "t3.total.total": 2,
                     "t3.forward.person": 0, "t3.forward.total": 0})
    card = next(c for c in window.panel.cards
                if c.finding.key == "R-T3-BALANCE@t3.total.person")
    assert card.fix_button is None  # 办理结果总计 3 would break R-T3-TOTAL
