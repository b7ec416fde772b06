"""The matrix tables like a clerk uses them: typing into table 三 (an input method's full-width
digits too), a per-column 勾稽 error tinting exactly its column, a per-row error its row, both
clearing once the numbers agree."""
from __future__ import annotations

from PySide6.QtCore import Qt

from gkdesk.ui.table_model import TINTS
from ui_helpers import commit_text, editor_of, press_enter, type_into

COLUMN = ("t3.total.business", "t3.new.business", "t3.carried.business",
          "t3.forward.business")  # R-T3-BALANCE's cells for 商业企业, target first
ERROR_STRONG, ERROR = TINTS[("error", True)], TINTS[("error", False)]


def background(model, cell_id):
    return model.index_of(cell_id).data(Qt.ItemDataRole.BackgroundRole)


def tinted(model, cell_id) -> bool:
    return background(model, cell_id) in TINTS.values()


def t3_of(window, qtbot):
    assert window.document.edition.id == "report2021"
    view = window.views[1]
    window.tabs.setCurrentWidget(view)
    view.setFocus()
    return view, view.model()


def test_full_width_typing_into_t3_and_the_balance_error_tints_its_column(make_window, qtbot):
    window = make_window()  # a bare start: last year's draft in the 2021 format
    view, model = t3_of(window, qtbot)
    # An input method commits full-width digits on the selected box: they start the editor.
    view.setCurrentIndex(model.index_of("t3.new.business"))
    commit_text(view, "１２")
    press_enter(qtbot, view, editor_of(view))
    assert window.document.value("t3.new.business") == 12
    assert model.index_of("t3.new.business").data() == "12"
    type_into(qtbot, view, "t3.new.total", "12")  # the row adds up: only the columns are off

    balance = {f.key: f for f in window.document.findings if f.rule == "R-T3-BALANCE"}
    assert set(balance) == {"R-T3-BALANCE@t3.total.business", "R-T3-BALANCE@t3.total.total"}
    # Totals and 结转下年度 still blank: 待填, nothing red yet.
    assert set(balance) <= window.document.pending
    assert not any(tinted(model, cell) for cell in COLUMN)
    assert "错误" not in window.count_label.text() and "合计待填" in window.count_label.text()
    # A 0 typed into 办理结果总计 and 结转下年度: now nothing blank can close the gap.
    type_into(qtbot, view, "t3.total.business", "0")
    type_into(qtbot, view, "t3.forward.business", "0")
    assert "R-T3-BALANCE@t3.total.business" not in window.document.pending
    assert set(balance["R-T3-BALANCE@t3.total.business"].cells) == set(COLUMN)
    assert background(model, "t3.total.business") == ERROR_STRONG
    for cell in COLUMN[1:]:
        assert background(model, cell) == ERROR, cell
    for neighbour in ("research", "person"):  # the same rows in other columns stay untinted
        for row in ("new", "carried", "total", "forward"):
            assert not tinted(model, f"t3.{row}.{neighbour}"), (row, neighbour)
    assert not tinted(model, "t3.open.business")  # a row the rule does not read

    # Fixed the way the clerk would: the 12 go on to next year.
    type_into(qtbot, view, "t3.forward.business", "12")
    type_into(qtbot, view, "t3.forward.total", "12")
    type_into(qtbot, view, "t3.total.total", "0")
    assert window.document.findings == []
    for cell in COLUMN + ("t3.new.total", "t3.forward.total", "t3.total.total"):
        assert not tinted(model, cell), cell
    assert "错误" not in window.count_label.text()


def test_a_row_that_does_not_add_up_tints_its_row_until_fixed(make_window, qtbot):
    window = make_window()
    view, model = t3_of(window, qtbot)
    type_into(qtbot, view, "t3.open.research", "3")
    assert "R-T3-ROWSUM@t3.open.total" in window.document.pending  # total not typed yet
    assert not tinted(model, "t3.open.total")
    type_into(qtbot, view, "t3.open.total", "2")  # a typed total that disagrees: red at once
    rowsum = [f for f in window.document.findings if f.rule == "R-T3-ROWSUM"]
    assert [f.key for f in rowsum] == ["R-T3-ROWSUM@t3.open.total"]
    assert rowsum[0].cells[0] == "t3.open.total"
    assert set(rowsum[0].cells) == {f"t3.open.{c}" for c in (
        "total", "person", "business", "research", "nonprofit", "legal", "org_other")}
    assert background(model, "t3.open.total") == ERROR_STRONG
    assert background(model, "t3.open.person") == ERROR
    assert background(model, "t3.open.org_other") == ERROR
    assert not tinted(model, "t3.partial.person")  # the row below is not involved
    assert "予以公开" in rowsum[0].message

    type_into(qtbot, view, "t3.open.total", "3")
    assert not [f for f in window.document.findings if f.rule == "R-T3-ROWSUM"]
    assert not tinted(model, "t3.open.person")
    assert background(model, "t3.open.total") != ERROR_STRONG
