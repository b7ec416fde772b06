"""Headings and labels stay in view (issue 9): table three scrolled to its bottom right still
shows its column headings and row labels in frozen parts that follow the table's scrolling;
moving the cursor never leaves a value box hidden under them; an opened draft puts the cursor
on its first value box."""
from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtWidgets import QApplication

from gkdesk.draft import new_draft, save_draft
from gkdesk.ui.table_model import PREVIOUS_ROLE


def _t3(window, qtbot, size=(1000, 600)):
    window.resize(*size)
    view = window.views[1]
    window.tabs.setCurrentWidget(view)
    qtbot.waitUntil(lambda: view.isVisible())
    qtbot.waitUntil(lambda: view.frozen is not None)  # made once the window has painted
    QApplication.processEvents()
    return view


def _bottom_right(view, qtbot):
    model = view.model()
    view.setCurrentIndex(model.index_of("t3.forward.total"))
    QApplication.processEvents()
    assert view.verticalScrollBar().value() > 0


def test_t3_scrolled_to_the_bottom_right_keeps_headings_and_labels(make_window, qtbot):
    window = make_window()
    view = _t3(window, qtbot, (900, 560))
    _bottom_right(view, qtbot)
    frozen = view.frozen
    viewport = view.viewport().geometry()
    labels, headings, corner = frozen.left, frozen.top, frozen.corner
    for part in (labels, headings, corner):
        assert part.isVisible()
    assert labels.geometry() == QRect(viewport.x(), viewport.y(), frozen.width(),
                                      viewport.height())
    assert headings.geometry().height() == frozen.height() > 0
    assert corner.geometry().size().toTuple() == (frozen.width(), frozen.height())
    # The frozen parts follow the table: labels up and down, headings sideways.
    assert labels.verticalScrollBar().value() == view.verticalScrollBar().value()
    assert labels.horizontalScrollBar().value() == 0
    assert headings.horizontalScrollBar().value() == view.horizontalScrollBar().value()
    assert headings.verticalScrollBar().value() == 0
    model = view.model()
    # What the labels part shows at the bottom: 四、结转下年度继续办理 (row label), visible.
    forward_label = model.index(model.index_of("t3.forward.total").row(), 0)
    assert labels.viewport().rect().intersects(labels.visualRect(forward_label))
    # The headings part shows 总计 over the last column.
    total_heading = model.index(1, model.index_of("t3.forward.total").column())
    assert headings.viewport().rect().intersects(headings.visualRect(total_heading))
    # The current box is not hidden under the frozen parts.
    rect = view.visualRect(view.currentIndex())
    assert rect.left() >= frozen.width() and rect.top() >= frozen.height()
    # Column widths and row heights match the table's.
    for column in range(model.columnCount()):
        assert labels.columnWidth(column) == view.columnWidth(column)
    for row in range(model.rowCount()):
        assert headings.rowHeight(row) == view.rowHeight(row)


def test_moving_left_and_up_uncovers_the_box_under_the_frozen_parts(make_window, qtbot):
    window = make_window()
    view = _t3(window, qtbot, (800, 500))
    _bottom_right(view, qtbot)
    model = view.model()
    view.setCurrentIndex(model.index_of("t3.open.person"))
    QApplication.processEvents()
    rect = view.visualRect(view.currentIndex())
    assert rect.left() >= view.frozen.width() and rect.top() >= view.frozen.height()
    assert view.viewport().rect().contains(rect.center())


def test_labels_give_up_width_on_a_narrow_window(make_window, qtbot):
    window = make_window()
    view = _t3(window, qtbot, (760, 500))
    labels = sum(view.columnWidth(c) for c in range(view.model().grid.label_cols))
    assert labels <= view.viewport().width() * view.LABEL_SHARE + 1


def test_frozen_parts_paint_last_years_second_line(make_window, qtbot, tmp_path):
    from gkdesk.carry import next_year_draft

    last = new_draft(2024, "report2021")
    last.values.update({"t3.forward.person": 4, "t3.forward.total": 4})
    draft, _ = next_year_draft(last, "report2021")
    path = tmp_path / "2025.gkd"
    save_draft(draft, path)
    window = make_window(path)
    view = _t3(window, qtbot)
    qtbot.waitUntil(lambda: type(view.frozen.left.itemDelegate()) is type(view.delegate))
    assert type(view.delegate).__name__ == "PreviousLineDelegate"
    assert view.model().index_of("t3.carried.person").data(PREVIOUS_ROLE) is not None


def test_an_opened_draft_puts_the_cursor_on_its_first_value_box(make_window, qtbot, sample_path):
    window = make_window(sample_path)
    view = window.views[0]
    qtbot.waitUntil(lambda: QApplication.focusWidget() is view)
    first = view.currentIndex()
    assert first == view.model().index_of("1.1")
    qtbot.keyClicks(view, "7")  # typing starts there
    assert view.state() == view.State.EditingState
