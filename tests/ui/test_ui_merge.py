"""文件 → 汇总多个单位…: the merge view lists the units and their states, makes the total a new
untitled draft, writes the workbook, opens a unit, and a long merge can be cancelled."""
from __future__ import annotations

import sys
import time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from gkdesk.consolidation import reading_pool
from gkdesk.ui import merge_view
from gkdesk.ui.merge_view import MergeView

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from merge_support import sample, write_unit  # noqa: E402


@pytest.fixture
def units(tmp_path) -> Path:
    folder = tmp_path / "units"
    base = sample()
    write_unit(folder / "1.gkd", "甲局", {}, base=base)  # the seed's error
    write_unit(folder / "2.gkd", "乙局", {"3.2.1": 1}, base=base)
    write_unit(folder / "sub" / "3.gkd", "丙局", {"3.2.1": 1}, base=base, year=2017)
    (tmp_path / "roster.txt").write_text("甲局\n乙局\n丙局\n丁局\n", encoding="utf-8")
    return folder


def open_view(window, qtbot) -> MergeView:
    window.act_merge.trigger()
    view = window.findChild(MergeView)
    assert view is not None and view.isVisible()
    return view


def rows(view) -> list[tuple[str, str, str]]:
    table = view.table
    return [tuple(table.item(r, c).text() for c in range(3)) for r in range(table.rowCount())]


def add_folder(view, qtbot, monkeypatch, folder) -> None:
    monkeypatch.setattr(merge_view, "choose_folder", lambda parent: str(folder))
    with qtbot.waitSignal(view.mergeFinished, timeout=20000):
        qtbot.mouseClick(view.add_folder_button, Qt.MouseButton.LeftButton)


def test_adding_a_folder_lists_units_with_their_states(window, qtbot, monkeypatch, units):
    view = open_view(window, qtbot)
    monkeypatch.setattr(merge_view, "choose_roster", lambda parent: str(units.parent / "roster.txt"))
    qtbot.mouseClick(view.roster_button, Qt.MouseButton.LeftButton)
    add_folder(view, qtbot, monkeypatch, units)
    assert rows(view) == [
        ("甲局", str(units / "1.gkd"), "1 个错误"),
        ("乙局", str(units / "2.gkd"), "已汇总"),
        ("丙局", str(units / "sub" / "3.gkd"), "已拒收：是 2017 年度的报表，汇总的是 2018 年度"),
        ("丁局", "", "未报送"),
    ]
    assert "已汇总 2 个单位" in view.summary.text() and "未报送 1 个" in view.summary.text()
    assert view.total_button.isEnabled() and not view.progress.isVisible()
    (finding,) = [view.findings_list.item(i).text() for i in range(view.findings_list.count())]
    assert finding.startswith("[汇总数·错误] 申请办结数（2）应等于")
    assert finding.endswith("涉及单位：甲局（差额 +1）")
    view.grab().save(str(units.parent / "merge_view.png"))


def test_generate_total_opens_it_as_a_new_untitled_draft(window, qtbot, monkeypatch, units):
    view = open_view(window, qtbot)
    add_folder(view, qtbot, monkeypatch, units)
    qtbot.mouseClick(view.total_button, Qt.MouseButton.LeftButton)
    doc = window.document
    assert doc.path is None and doc.is_modified()
    assert doc.draft.unit == "汇总" and doc.draft.values["1.1"] == 2 * 8405
    assert doc.draft.values["3.2.1"] == 1
    assert "consolidation" in doc.draft.extra


def test_export_table_writes_the_workbook(window, qtbot, monkeypatch, units, tmp_path):
    from openpyxl import load_workbook

    view = open_view(window, qtbot)
    add_folder(view, qtbot, monkeypatch, units)
    target = tmp_path / "汇总表"
    monkeypatch.setattr(merge_view, "choose_table_path", lambda parent, suggested: str(target))
    with qtbot.waitSignal(view.exportFinished, timeout=20000):
        qtbot.mouseClick(view.export_button, Qt.MouseButton.LeftButton)
        assert view.progress.isVisible() and not view.export_button.isEnabled()
    assert view.summary.text() == f"已导出汇总表：{tmp_path / '汇总表.xlsx'}"
    assert view.export_button.isEnabled() and not view.progress.isVisible()
    book = load_workbook(tmp_path / "汇总表.xlsx")
    assert book.sheetnames == ["统计表", "分单位明细", "校验结果"]


def test_double_click_opens_the_units_draft_in_the_main_window(window, qtbot, monkeypatch,
                                                                units, fake_dialogs):
    view = open_view(window, qtbot)
    add_folder(view, qtbot, monkeypatch, units)
    monkeypatch.setattr(merge_view, "ask_where_to_open", lambda parent, unit: "main")
    rect = view.table.visualItemRect(view.table.item(1, 0))
    qtbot.mouseClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.document.path == units / "2.gkd"
    assert window.document.draft.unit == "乙局"


def test_double_click_can_open_a_unit_in_a_window_of_its_own(window, qtbot, monkeypatch, units):
    view = open_view(window, qtbot)
    add_folder(view, qtbot, monkeypatch, units)
    before = window.document
    monkeypatch.setattr(merge_view, "ask_where_to_open", lambda parent, unit: "new")
    view.open_unit(str(units / "1.gkd"), "甲局")
    (other,) = view.opened
    qtbot.addWidget(other)
    assert other.isVisible() and other.document.draft.unit == "甲局"
    assert window.document is before


def test_a_long_merge_shows_progress_and_can_be_cancelled(window, qtbot, monkeypatch, tmp_path):
    folder = tmp_path / "many"
    for i in range(60):
        write_unit(folder / f"{i:03d}.gkd", f"单位{i}", {"1.1": i})
    real = reading_pool.read_units

    def slow(paths, year=None):  # a slow disk or big workbooks: 60 files take 3 s
        time.sleep(0.05 * len(paths))
        return real(paths, year)

    monkeypatch.setattr(reading_pool, "read_units", slow)
    monkeypatch.setattr(reading_pool, "CHUNK_WEIGHT", 2)
    view = open_view(window, qtbot)
    monkeypatch.setattr(merge_view, "choose_folder", lambda parent: str(folder))
    with qtbot.waitSignal(view.mergeFinished, timeout=20000) as finished:
        qtbot.mouseClick(view.add_folder_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: view.progress.value() >= 4, timeout=10000)
        assert view.progress.isVisible() and view.cancel_button.isVisible()
        assert view.progress.maximum() == 60
        qtbot.mouseClick(view.cancel_button, Qt.MouseButton.LeftButton)
    assert finished.signal_triggered
    assert view.progress.value() < 60
    assert view.result is None and view.table.rowCount() == 0
    assert "已取消" in view.summary.text()
    assert not view.progress.isVisible() and not view.total_button.isEnabled()


def test_added_files_and_folders_are_merged_together_each_file_once(window, qtbot, monkeypatch,
                                                                    units):
    view = open_view(window, qtbot)
    monkeypatch.setattr(merge_view, "choose_files",
                        lambda parent: [str(units / "1.gkd"), str(units / "2.gkd")])
    with qtbot.waitSignal(view.mergeFinished, timeout=20000):
        qtbot.mouseClick(view.add_files_button, Qt.MouseButton.LeftButton)
    assert [r[0] for r in rows(view)] == ["甲局", "乙局"]
    add_folder(view, qtbot, monkeypatch, units)  # the same two files again, and a third
    assert [r[0] for r in rows(view)] == ["甲局", "乙局", "丙局"]
    assert len(view.result.merged) == 2
