"""The table's boxes are items that hold what they show, set again only where something changed:
after edits, tints, undo and last year's draft coming and going, every box must show exactly what
a table built afresh from the same draft shows (a stale item would show an old number or tint)."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from gkdesk.carry import attach_previous
from gkdesk.draft import new_draft
from gkdesk.ui.document import DraftDocument
from gkdesk.ui.table_model import (BOX_ROLE, CELL_ID_ROLE, LEVEL_ROLE, PREVIOUS_ROLE,
                                   IndicatorTableModel)

R = Qt.ItemDataRole
ROLES = (R.DisplayRole, R.BackgroundRole, R.FontRole, R.TextAlignmentRole, R.ForegroundRole,
         PREVIOUS_ROLE, CELL_ID_ROLE, LEVEL_ROLE, BOX_ROLE)


def shown(model) -> list:
    return [(row, column, [model.index(row, column).data(role) for role in ROLES],
             model.flags(model.index(row, column)), model.tooltip(model.index(row, column)))
            for row in range(model.rowCount()) for column in range(model.columnCount())]


def assert_as_if_built_afresh(document, models) -> None:
    for model in models:
        fresh = IndicatorTableModel(document, model.table)
        assert (model.rowCount(), model.columnCount()) == (fresh.rowCount(), fresh.columnCount())
        assert shown(model) == shown(fresh), model.table.id


@pytest.mark.parametrize("edition", ["stat2014", "report2021"])
def test_every_box_follows_every_change(edition, qtbot):
    draft = new_draft(2021, edition)
    document = DraftDocument(draft)
    models = [IndicatorTableModel(document, table) for table in draft.edition_obj.tables]
    cells = [c for t in draft.edition_obj.tables for c in t.cells]
    document.edit_values({c: i % 7 + 1 for i, c in enumerate(cells)})  # totals that disagree
    document.edit_values({cells[3]: None})  # and a blank box again
    assert document.tints  # the edit tinted something: the items must show it
    assert_as_if_built_afresh(document, models)
    last = new_draft(2020, edition)
    last.values.update({cells[0]: 4, cells[-1]: 9})
    attached = new_draft(2021, edition)
    attach_previous(attached, last)
    document.edit_previous(attached.previous)  # 上年 column and lines appear
    first = next(m for m in models if m.index_of(cells[0]).isValid())
    box = first.index_of(cells[0])
    if first.previous_column is not None:  # a list table: 上年 in a column of its own
        assert first.index(box.row(), first.previous_column).data(R.DisplayRole) == "4"
    else:  # a matrix: a second line in the box
        assert box.data(PREVIOUS_ROLE) == "4"
    assert_as_if_built_afresh(document, models)
    document.undo_stack.undo()  # … and go
    document.undo_stack.undo()  # the blank box filled again
    assert_as_if_built_afresh(document, models)


def test_a_box_shows_the_draft_and_its_state(qtbot):
    draft = new_draft(2021, "report2021")
    document = DraftDocument(draft)
    model = IndicatorTableModel(document, draft.edition_obj.tables[1])
    index = model.index_of("t3.new.person")
    assert index.data(R.DisplayRole) == "" and "未填写" in model.tooltip(index)
    assert model.setData(index, "１２")  # full-width digits, as an input method types them
    assert document.value("t3.new.person") == 12
    assert index.data(R.DisplayRole) == "12" and model.edit_text(index) == "12"
    assert not model.setData(index, "12o")  # not a number: nothing written
    assert document.value("t3.new.person") == 12
    label = model.index(0, 0)
    assert not model.flags(label) & Qt.ItemFlag.ItemIsEditable
    assert model.flags(index) & Qt.ItemFlag.ItemIsEditable
