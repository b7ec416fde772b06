"""Year to year in the window: 新建下一年度 carries 结转 into 上年结转 and opens an unsaved draft;
打开上年数据 attaches last year's draft or refuses another year; 上年 values show beside this year's
(a column in 统计表, a second line in the matrix tables) only when there is a last year to show."""
from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from gkdesk.draft import load_draft, new_draft, save_draft
from gkdesk.ui.document import DraftDocument
from gkdesk.ui.table_model import PREVIOUS_HEADER, PREVIOUS_ROLE, IndicatorTableModel

COLUMNS = ("person", "business", "research", "nonprofit", "legal", "org_other", "total")
FORWARD = {"person": 4, "business": 1, "research": 0, "legal": 2, "total": 7}  # nonprofit blank


def choose_file(monkeypatch, path: Path) -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        staticmethod(lambda *a, **k: (str(path), "")))


@pytest.fixture
def report2024(tmp_path) -> Path:
    """A 2024 draft in the 2021 format with 结转下年度继续办理 filled (not for 社会公益组织)."""
    draft = new_draft(2024, "report2021", unit="某县交通运输局")
    draft.meta.update(filled_by="王芳", phone="0533-1234567")
    for column, value in FORWARD.items():
        draft.values[f"t3.forward.{column}"] = value
    draft.values.update({"t3.carried.person": 9, "t2.regulation.in_force": 5})
    path = tmp_path / "folder" / "某县交通运输局2024年度.gkd"
    path.parent.mkdir()
    save_draft(draft, path)
    return path


def test_next_year_from_a_report2021_draft_carries_forward_column_by_column(
        make_window, report2024, qtbot, monkeypatch, fake_dialogs):
    window = make_window(report2024)
    window.act_next_year.trigger()
    doc = window.document
    assert ("ask_next_year", 2024) in fake_dialogs.calls
    assert (doc.draft.year, doc.edition.id, doc.path) == (2025, "report2021", None)
    for column in COLUMNS:
        assert doc.value(f"t3.carried.{column}") == FORWARD.get(column), column
    assert set(doc.draft.values) == {f"t3.carried.{c}" for c in FORWARD}  # the rest is blank
    assert doc.draft.unit == "某县交通运输局" and doc.draft.meta["phone"] == "0533-1234567"
    # A new, unsaved document: the title says so and closing would ask.
    assert doc.is_modified() and "未命名" in window.windowTitle()
    assert "已新建 2025 年度草稿" in window.statusBar().currentMessage()
    # 上年 beside this year's numbers: last year's value of the same box.
    t3 = window.views[1].model()
    assert t3.index_of("t3.forward.person").data(PREVIOUS_ROLE) == "4"
    assert t3.index_of("t3.carried.person").data(PREVIOUS_ROLE) == "9"
    assert t3.index_of("t3.forward.nonprofit").data(PREVIOUS_ROLE) == ""  # blank last year
    assert t3.index_of("t3.carried.person").data() == "4"  # this year's number is unchanged
    assert window.views[0].model().index_of("t2.regulation.in_force").data(PREVIOUS_ROLE) == "5"
    # 保存 asks for a name, suggested beside last year's file.
    asked = []

    def save_dialog(_parent, _title, suggested, _filter):
        asked.append(suggested)
        return str(report2024.parent / "2025"), ""
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(save_dialog))
    assert window.save()
    assert asked == [str(report2024.parent / "某县交通运输局2025年度.gkd")]
    saved = load_draft(report2024.parent / "2025.gkd")
    assert saved.previous is not None and saved.previous.year == 2024
    assert saved.values["t3.carried.business"] == 1
    assert not window.document.is_modified()


def test_next_year_asks_about_unsaved_changes_first(make_window, report2024, qtbot,
                                                    fake_dialogs):
    window = make_window(report2024)
    window.document.edit_values({"t3.new.person": 3})
    fake_dialogs.save_answer = "cancel"
    window.act_next_year.trigger()
    assert fake_dialogs.names() == ["ask_save_changes"]
    assert window.document.draft.year == 2024 and window.document.value("t3.new.person") == 3
    fake_dialogs.next_year_answer = None  # the clerk cancels the edition dialog
    fake_dialogs.save_answer = "discard"
    window.act_next_year.trigger()
    assert fake_dialogs.names()[-1] == "ask_next_year"  # asked, and cancelled there
    assert window.document.draft.year == 2024


def test_next_year_from_stat2014_says_in_one_line_that_nothing_carries(window, fake_dialogs):
    window.act_next_year.trigger()  # the sample: 2018, 统计表 (stat2014)
    doc = window.document
    assert (doc.draft.year, doc.edition.id) == (2019, "report2019")
    assert doc.draft.values == {} and doc.draft.previous.edition == "stat2014"
    info = [c for c in fake_dialogs.calls if c[0] == "show_info"]
    assert len(info) == 1
    note = info[0][2]
    assert "没有可结转" in note and "\n" not in note
    assert window.statusBar().currentMessage() == note
    # Last year's 统计表 shares no box with the report format: no 上年 anywhere.
    for model in window.models:
        assert model.columnCount() == model.grid.n_cols
        assert all(model.index_of(c).data(PREVIOUS_ROLE) is None for c in model.value_cells())


def test_open_previous_data_refuses_a_draft_of_another_year(make_window, tmp_path, monkeypatch,
                                                            fake_dialogs):
    window = make_window()  # 2025
    assert window.act_previous.text() == "打开上年数据…"
    old = new_draft(2023, "report2021")
    save_draft(old, tmp_path / "2023.gkd")
    choose_file(monkeypatch, tmp_path / "2023.gkd")
    window.act_previous.trigger()
    errors = [c for c in fake_dialogs.calls if c[0] == "show_error"]
    assert len(errors) == 1
    assert "2023 年度" in errors[0][2] and "应使用 2024 年度的草稿" in errors[0][2]
    assert window.document.draft.previous is None
    assert not window.document.undo_stack.canUndo()
    assert window.views[1].model().index_of("t3.new.person").data(PREVIOUS_ROLE) is None


def test_the_previous_column_appears_only_with_last_years_draft(
        window, tmp_path, monkeypatch, fake_dialogs, qtbot):
    view = window.views[0]
    model = view.model()
    assert model.columnCount() == 3 and model.previous_column is None
    last = load_draft(window.document.path)
    last.year = 2017
    last.values["3.2"] = 6
    last.values.pop("3.1.2", None)
    save_draft(last, tmp_path / "2017.gkd")
    choose_file(monkeypatch, tmp_path / "2017.gkd")
    window.act_previous.trigger()
    assert model.columnCount() == 4 and model.previous_column == 3
    column = model.previous_column
    assert model.index(0, column).data() == PREVIOUS_HEADER
    row = model.index_of("3.2").row()
    previous = model.index(row, column)
    assert previous.data() == "6" and model.index_of("3.2").data() == "1"
    assert previous.data(Qt.ItemDataRole.TextAlignmentRole) & Qt.AlignmentFlag.AlignRight
    assert not previous.flags() & Qt.ItemFlag.ItemIsEditable
    assert model.index(model.index_of("3.1.2").row(), column).data() == ""
    assert model.index(model.index_of("1.2.1").row() - 1, column).data() == ""  # heading row
    # 统计数 and 上年 both in view at the default size, the labels still readable.
    qtbot.waitUntil(lambda: view.columnWidth(3) > 0)
    right = view.columnViewportPosition(3) + view.columnWidth(3)
    assert view.columnViewportPosition(2) >= 0 and right <= view.viewport().width()
    assert view.columnWidth(0) > 300
    window.act_undo.trigger()
    assert model.columnCount() == 3 and window.document.draft.previous is None


def test_last_years_draft_in_another_format_shows_nothing_and_says_why(
        window, tmp_path, monkeypatch, fake_dialogs):
    other = new_draft(2017, "report2021")
    other.values["t3.forward.person"] = 3
    save_draft(other, tmp_path / "2017.gkd")
    choose_file(monkeypatch, tmp_path / "2017.gkd")
    window.act_previous.trigger()
    assert window.document.draft.previous is not None  # attached: the file keeps it
    assert window.models[0].columnCount() == 3  # but no empty 上年 column
    info = [c for c in fake_dialogs.calls if c[0] == "show_info"]
    assert len(info) == 1 and "不显示上年数" in info[0][2]


@pytest.mark.parametrize("edition, table", [("stat2014", 0), ("report2021", 1)])
def test_model_with_last_year_passes_qt_model_tester(qtmodeltester, edition, table):
    last = new_draft(2020, edition)
    cells = last.edition_obj.tables[table].cells
    last.values.update({cells[0]: 3, cells[-1]: 4})
    draft = new_draft(2021, edition)
    from gkdesk.carry import attach_previous

    attach_previous(draft, last)
    model = IndicatorTableModel(DraftDocument(draft), draft.edition_obj.tables[table])
    qtmodeltester.check(model, force_py=True)


def test_from_a_report2019_draft_only_the_boxes_both_formats_have_show_last_year(
        make_window, tmp_path, fake_dialogs):
    last = new_draft(2020, "report2019")
    last.values.update({"t3.forward.person": 2, "t3.other.person": 1, "t2.regulation.total": 8})
    save_draft(last, tmp_path / "2020.gkd")
    window = make_window(tmp_path / "2020.gkd")
    window.act_next_year.trigger()
    doc = window.document
    assert (doc.draft.year, doc.edition.id) == (2021, "report2021")
    assert doc.value("t3.carried.person") == 2
    t2, t3 = window.models[0], window.models[1]
    assert t3.index_of("t3.forward.person").data(PREVIOUS_ROLE) == "2"
    # 现行有效件数 and the three （六） rows are new in the 2021 format: nothing from 2020.
    assert t2.index_of("t2.regulation.in_force").data(PREVIOUS_ROLE) is None
    assert t3.index_of("t3.other.1.person").data(PREVIOUS_ROLE) is None
    assert "上年" not in t2.tooltip(t2.index_of("t2.regulation.in_force"))


def test_matrix_paints_its_shang_nian_line_only_while_last_years_draft_is_shown(
        make_window, report2024, monkeypatch, fake_dialogs, qtbot):
    from gkdesk.ui.delegates import CellDelegate, PreviousLineDelegate

    window = make_window()  # 2025, report2021: matrices painted by Qt alone
    view = window.views[1]
    row = view.model().index_of("t3.forward.person").row()
    assert [type(v.delegate) for v in window.views] == [CellDelegate] * len(window.views)
    height = view.rowHeight(row)
    choose_file(monkeypatch, report2024)
    window.act_previous.trigger()
    qtbot.waitUntil(lambda: type(view.delegate) is PreviousLineDelegate, timeout=2000)
    assert view.itemDelegate() is view.delegate
    assert view.rowHeight(row) > height  # room for the second, 上年 line
    view.grab()  # paints every box through the 上年 delegate without error
    window.act_undo.trigger()
    qtbot.waitUntil(lambda: type(view.delegate) is CellDelegate, timeout=2000)
    assert view.rowHeight(row) == height


def test_a_fresh_next_year_draft_opens_calm(make_window, report2024, fake_dialogs):
    """Only 上年结转 is filled: its totals are 待填, not errors (issue 9)."""
    window = make_window(report2024)
    window.act_next_year.trigger()
    doc = window.document
    assert doc.findings  # the spec still counts them (完成, exports, gkdesk check)
    assert doc.settled_findings() == [] or all(f.severity != "error"
                                               for f in doc.settled_findings())
    assert "错误" not in window.count_label.text()
    assert "处合计待填" in window.count_label.text()
