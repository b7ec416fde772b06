"""The delegates paint from the model's cached paint record instead of asking data() role by
role: the record must say exactly what data() says, for every box, after edits, tints and last
year's draft come and go (a stale record would show an old number or tint)."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import QStyleOptionViewItem, QStyledItemDelegate

from gkdesk.carry import attach_previous
from gkdesk.draft import new_draft
from gkdesk.ui.delegates import CellDelegate
from gkdesk.ui.document import DraftDocument
from gkdesk.ui.table_model import PREVIOUS_ROLE, IndicatorTableModel

R = Qt.ItemDataRole
ROLES = (R.FontRole, R.TextAlignmentRole, R.ForegroundRole, R.DisplayRole, R.BackgroundRole,
         PREVIOUS_ROLE)


def as_data_says(model, row, column):
    index = model.index(row, column)
    said = [index.data(role) for role in ROLES]
    if said[3] is not None:
        said[3] = said[3].replace("\n", "\u2028")  # as QStyledItemDelegate shows a newline
    return tuple(said)


def assert_records_match(model):
    for row in range(model.rowCount()):
        for column in range(model.columnCount()):
            assert model.paint_record(row, column) == as_data_says(model, row, column), \
                (model.table.id if hasattr(model.table, "id") else "", row, column)


@pytest.mark.parametrize("edition", ["stat2014", "report2021"])
def test_paint_records_follow_every_change_data_shows(edition, qtbot):
    draft = new_draft(2021, edition)
    document = DraftDocument(draft)
    models = [IndicatorTableModel(document, table) for table in draft.edition_obj.tables]
    for model in models:
        assert_records_match(model)  # blank boxes hatched, headers bold and grey
    cells = [c for t in draft.edition_obj.tables for c in t.cells]
    document.edit_values({c: i % 7 + 1 for i, c in enumerate(cells)})  # totals that disagree
    document.edit_values({cells[3]: None})  # and a blank box again
    assert document.tints  # the edit tinted something: records must show it
    for model in models:
        assert_records_match(model)
    last = new_draft(2020, edition)
    last.values.update({cells[0]: 4, cells[-1]: 9})
    attached = new_draft(2021, edition)
    attach_previous(attached, last)
    document.edit_previous(attached.previous)  # 上年 column and lines appear
    for model in models:
        assert_records_match(model)
    document.undo_stack.undo()  # … and go
    document.undo_stack.undo()  # the blank box filled again
    for model in models:
        assert_records_match(model)


def test_the_delegate_sets_what_qts_own_initstyleoption_sets(qtbot):
    draft = new_draft(2021, "report2021")
    last = new_draft(2020, "report2021")
    last.values.update({"t3.forward.person": 2})
    attach_previous(draft, last)
    document = DraftDocument(draft)
    document.edit_values({"t3.new.person": 5})
    model = IndicatorTableModel(document, draft.edition_obj.tables[1])
    ours, qts = CellDelegate(), QStyledItemDelegate()
    for row in range(model.rowCount()):
        for column in range(model.columnCount()):
            index = model.index(row, column)
            mine, theirs = QStyleOptionViewItem(), QStyleOptionViewItem()
            ours.initStyleOption(mine, index)
            qts.initStyleOption(theirs, index)
            assert (mine.text, mine.displayAlignment, mine.backgroundBrush, mine.font,
                    mine.features, mine.palette) == \
                (theirs.text, theirs.displayAlignment, theirs.backgroundBrush, theirs.font,
                 theirs.features, theirs.palette), (row, column)
    other = QStandardItemModel(1, 1)  # any other model: Qt's own
    other.setData(other.index(0, 0), "x")
    option = QStyleOptionViewItem()
    ours.initStyleOption(option, other.index(0, 0))
    assert option.text == "x"
