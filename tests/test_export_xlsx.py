"""The Excel export, reopened with openpyxl: what a clerk submits and a superior prints."""
import zipfile
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from export_support import EDITIONS, HOSTILE_UNIT, expected_rows, filled, sample
from gkdesk.exporting import stamp
from gkdesk.exporting.xlsx import write_xlsx


def export(draft, tmp_path, name="out.xlsx"):
    path = tmp_path / name
    write_xlsx(draft, path)
    return path, load_workbook(path)


def number(value):
    """What a value cell holds, as the draft's type (openpyxl reads 2.6 as a float)."""
    if isinstance(value, float):
        return Decimal(repr(value))
    return value


def grid_top(ws, draft):
    """The sheet row where the table's grid starts: right after the 填报单位 line."""
    for row in ws.iter_rows(min_col=1, max_col=1):
        if row[0].value == "填报单位：" + draft.unit:
            return row[0].row + 1
    raise AssertionError("no 填报单位 line")


def sheet_rows(ws, draft, table):
    """The grid as the sheet shows it: per row, the texts of the boxes (top-left cells)."""
    top = grid_top(ws, draft)
    rows = []
    for r in range(table.grid.n_rows):
        texts = []
        for item in sorted((i for i in table.grid.items if i.row == r), key=lambda i: i.col):
            value = ws.cell(top + r, 1 + item.col).value
            texts.append(value)
        rows.append(texts)
    return rows


def test_sample_sheet_has_every_row_in_official_order_with_its_values(tmp_path):
    draft = sample()
    _, book = export(draft, tmp_path)
    assert book.sheetnames == ["统计表", "校验结果"]
    ws = book["统计表"]
    assert ws["A1"].value == "2018年度政府信息公开工作情况统计表"
    assert ws["A2"].value == "（市政府各部门、各有关单位、各高等院校）"
    assert ws["A3"].value == "填报单位：淄博市公共资源交易中心"
    table = draft.edition_obj.tables[0]
    shown = sheet_rows(ws, draft, table)
    assert shown[0] == ["统计指标", "单位", "统计数"]
    expected = expected_rows(draft)
    assert len(shown) == len(expected) == 72
    for got, want in zip(shown, expected):
        label, unit, value = got
        assert label == want[0]
        assert (unit or "") == want[1]
        if want[2] in ("", "统计数"):  # a heading's empty box, or the header
            assert value == (want[2] or None)
        else:
            assert number(value) == Decimal(want[2])
    # a few rows checked against the official wording directly, numbering included
    labels = [row[0] for row in shown]
    assert labels[1] == "一、主动公开情况"
    assert labels[2] == "（一）主动公开政府信息数（不同渠道和方式公开相同信息计1条）"
    assert "（五）政府信息公开专项经费（不包括政府公报编辑管理及政府网站建设维护等方面的经费）" in labels
    assert labels[-1] == "（三）接受培训人员数"
    assert shown[labels.index("（一）主动公开政府信息数（不同渠道和方式公开相同信息计1条）")][2] == 8405
    money = shown[labels.index("（五）政府信息公开专项经费（不包括政府公报编辑管理及政府网站建设维护等方面的经费）")]
    assert money[1] == "万元" and number(money[2]) == Decimal("2.6")


def test_contact_lines_follow_the_table(tmp_path):
    draft = sample()
    draft.meta.update(filled_by="李四", phone="0533-3188888")
    _, book = export(draft, tmp_path)
    column = [c.value for c in book["统计表"]["A"]]
    tail = column[column.index("（三）接受培训人员数") + 1:]
    assert tail == ["填报人：李四", "联系电话：0533-3188888", "填报日期：2019-01-22"]


def test_values_are_numbers_blank_stays_blank_and_formats_fit_the_kind(tmp_path):
    draft = sample()
    del draft.values["9.3"]  # blank
    draft.values["1.1"] = 0
    _, book = export(draft, tmp_path)
    cells = {}
    for name, entry in book.defined_names.items():
        ((sheet, coordinate),) = list(entry.destinations)
        cells[name] = book[sheet][coordinate.replace("$", "")]
    blank = cells[stamp.cell_name("9.3")]
    assert blank.value is None  # not 0, not ""
    zero = cells[stamp.cell_name("1.1")]
    assert zero.value == 0 and zero.data_type == "n"
    count = cells[stamp.cell_name("1.2.1")]
    assert count.value == 8405 and count.data_type == "n" and count.number_format == "0"
    money = cells[stamp.cell_name("8.5")]
    assert money.data_type == "n" and number(money.value) == Decimal("2.6")
    assert money.number_format == "0.0###"  # 2.6 prints as 2.6, 1.2345 as 1.2345
    for name, cell in cells.items():
        if name.startswith(stamp.CELL_PREFIX) and cell.value is not None:
            assert cell.data_type == "n", name


def test_whole_money_amount_prints_without_a_decimal_point(tmp_path):
    draft = sample()
    draft.values["8.5"] = Decimal("3")
    _, book = export(draft, tmp_path)
    dest = next(book.defined_names[stamp.cell_name("8.5")].destinations)
    assert book[dest[0]][dest[1].replace("$", "")].number_format == "General"


def test_user_text_never_becomes_a_formula(tmp_path):
    draft = sample()
    draft.unit = HOSTILE_UNIT
    draft.meta["filled_by"] = "=1+1"
    draft.meta["phone"] = "#N/A"
    draft.explanations["S14-SUM-CLOSED@3.2"] = "=cmd|' /C calc'!A0"
    path, book = export(draft, tmp_path)
    ws = book["统计表"]
    assert ws["A3"].value == "填报单位：" + HOSTILE_UNIT and ws["A3"].data_type == "s"
    for sheet in book:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", cell.coordinate
                assert cell.data_type != "e", cell.coordinate
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/"):
                assert b"<f>" not in archive.read(name) and b"<f " not in archive.read(name)
    dest = next(book.defined_names[stamp.explanation_name("S14-SUM-CLOSED@3.2")].destinations)
    cell = book[dest[0]][dest[1].replace("$", "")]
    assert cell.value == "=cmd|' /C calc'!A0" and cell.data_type == "s"


def test_an_explanation_key_too_long_for_a_defined_name_is_a_plain_export_error(tmp_path):
    from gkdesk.draft import DraftError

    draft = sample()
    draft.explanations["X" * 80] = "手工改过的草稿"  # every capital is spelled _58_
    with pytest.raises(DraftError, match="编号过长"):
        write_xlsx(draft, tmp_path / "out.xlsx")
    assert not (tmp_path / "out.xlsx").exists()


def test_unit_property_keeps_hostile_text_as_text(tmp_path):
    draft = sample()
    draft.unit = HOSTILE_UNIT
    _, book = export(draft, tmp_path)
    assert book.custom_doc_props[stamp.PROP_UNIT].value == HOSTILE_UNIT


def test_print_setup_a4_portrait_one_page_wide_with_repeated_header(tmp_path):
    draft = sample()
    path, book = export(draft, tmp_path)
    ws = book["统计表"]
    setup = ws.page_setup
    assert setup.paperSize == 9  # A4
    assert setup.orientation == "portrait"
    assert setup.fitToWidth == 1 and setup.fitToHeight == 0
    assert ws.sheet_properties.pageSetUpPr.fitToPage is True
    assert ws.print_options.horizontalCentered is True
    header = grid_top(ws, draft)
    assert ws.print_title_rows == f"${header}:${header}"
    assert ws.oddFooter.center.text == "第 &P 页 共 &N 页"
    # the table fits the printable width of A4 at 100 %: nothing has to shrink to fit
    total_pt = sum(ws.column_dimensions[c].width * 7 * 0.75 for c in "ABC")  # 7 px digits
    printable = 595.3 - (ws.page_margins.left + ws.page_margins.right) * 72
    assert total_pt <= printable
    assert ws.column_dimensions["A"].width > 3 * ws.column_dimensions["C"].width


def test_fonts_and_borders(tmp_path):
    _, book = export(sample(), tmp_path)
    ws = book["统计表"]
    title = ws["A1"].font
    body = ws["A6"].font
    assert body.name == "宋体"
    assert title.sz > body.sz and (title.b or title.name in ("黑体", "方正小标宋简体"))
    top = grid_top(ws, sample())
    for row in ws.iter_rows(min_row=top, max_row=top + 71, max_col=3):
        for cell in row:
            border = cell.border
            assert {border.left.style, border.right.style, border.top.style,
                    border.bottom.style} == {"thin"}, cell.coordinate


def test_long_labels_wrap_and_their_rows_are_tall_enough(tmp_path):
    _, book = export(sample(), tmp_path)
    ws = book["统计表"]
    width_pt = ws.column_dimensions["A"].width * 7 * 0.75
    for row in ws.iter_rows(min_row=5, max_col=1):
        cell = row[0]
        if not isinstance(cell.value, str) or cell.value.startswith("填报"):
            continue
        assert cell.alignment.wrap_text, cell.coordinate
        chars_per_line = int((width_pt - 8 - cell.alignment.indent * 10.5) // 10.5)
        lines = -(-len(cell.value) // chars_per_line)
        assert ws.row_dimensions[cell.row].height >= lines * 10.5 * 1.2, cell.value


def test_levels_are_indented(tmp_path):
    _, book = export(sample(), tmp_path)
    ws = book["统计表"]
    indent = {c.value: c.alignment.indent for c in ws["A"] if isinstance(c.value, str)}
    assert indent["一、主动公开情况"] == 0
    assert indent["（一）主动公开政府信息数（不同渠道和方式公开相同信息计1条）"] == 1
    assert indent["1.政府网站公开政府信息数"] == 2
    assert indent["其中：主要负责同志参加新闻发布会次数"] == 3


def test_document_properties_name_edition_year_unit_and_format(tmp_path):
    _, book = export(sample(), tmp_path)
    props = {p.name: p.value for p in book.custom_doc_props}
    assert props[stamp.PROP_FORMAT] == "gkdesk-workbook"
    assert props[stamp.PROP_FORMAT_VERSION] == 1
    assert props[stamp.PROP_EDITION] == "stat2014"
    assert props[stamp.PROP_YEAR] == 2018
    assert props[stamp.PROP_UNIT] == "淄博市公共资源交易中心"
    assert book.properties.title == "2018年度政府信息公开工作情况统计表"


def test_cell_map_lives_in_defined_names_not_in_visible_cells(tmp_path):
    draft = sample()
    _, book = export(draft, tmp_path)
    assert [ws.sheet_state for ws in book] == ["visible", "hidden"]  # 校验结果 off the printout
    names = dict(book.defined_names.items())
    for cell_id in draft.edition_obj.cells:
        entry = names[stamp.cell_name(cell_id)]
        ((sheet, coordinate),) = list(entry.destinations)
        assert sheet == "统计表"
        value = book[sheet][coordinate.replace("$", "")].value
        assert number(value) == draft.values.get(cell_id)
    texts = {c.value for ws in book for row in ws.iter_rows() for c in row
             if isinstance(c.value, str)}
    assert not any(t.startswith(("gk.", "gkmeta.", "gkx.")) for t in texts)
    assert "3.2.1" not in texts and "S14-SUM-CLOSED" not in texts


def test_last_years_numbers_ride_along_on_a_very_hidden_sheet(tmp_path):
    from gkdesk.rules import PreviousYear

    draft = sample()
    _, book = export(draft, tmp_path)
    assert stamp.PREVIOUS_SHEET not in book.sheetnames  # nothing to carry, no sheet
    draft.previous = PreviousYear("stat2014", 2017, "淄博市公共资源交易中心", {"1.1": 7000})
    _, book = export(draft, tmp_path, "with-previous.xlsx")
    hidden = book[stamp.PREVIOUS_SHEET]
    assert hidden.sheet_state == "veryHidden"  # not even listed under 取消隐藏
    assert '"1.1": 7000' in hidden["A1"].value and hidden["A1"].data_type == "s"
    assert [ws.title for ws in book if ws.sheet_state != "veryHidden"] == ["统计表", "校验结果"]


def test_findings_sheet_lists_findings_and_explanations(tmp_path):
    draft = sample()
    draft.values["3.2"] = 5  # now also more closed than received (a warning)
    draft.explanations["S14-CLOSED-LE@3.2"] = "含上年结转申请4件"
    _, book = export(draft, tmp_path)
    ws = book["校验结果"]
    rows = [[c.value for c in row] for row in ws.iter_rows()]
    assert rows[0][0].startswith("校验结果：")
    assert rows[1] == ["序号", "级别", "所在表格", "问题", "说明"]
    findings = draft.findings()
    assert len(findings) == 2
    for row, finding in zip(rows[2:], findings):
        assert row[2] == "统计表"
        assert row[3] == finding.message
        assert (row[4] or None) == finding.explanation
    assert rows[3][4] == "含上年结转申请4件" and rows[3][1] == "警告"
    # In words only: no rule ids or cell ids anywhere on the sheet.
    texts = " ".join(str(v) for row in rows for v in row if v is not None)
    assert "@" not in texts and "S14-" not in texts and "3.2.1" not in texts
    # Kept off the printout (printing the whole workbook skips a hidden sheet), still there
    # to open with 取消隐藏.
    assert ws.sheet_state == "hidden"
    assert not ws.print_area  # LibreOffice then prints only the tables' print areas
    assert book["统计表"].print_area


@pytest.mark.parametrize("edition_id", EDITIONS)
def test_every_edition_every_table_boxes_and_spans(tmp_path, edition_id):
    """Report tables (headings over several columns and rows) come out of the same exporter."""
    draft = filled(edition_id)
    _, book = export(draft, tmp_path)
    edition = draft.edition_obj
    assert len(book.sheetnames) == len(edition.tables) + 1
    for index, table in enumerate(edition.tables):
        ws = book.worksheets[index]
        column_a = [c.value for c in ws["A"]]
        if len(edition.tables) > 1:
            assert table.title in column_a  # 三、收到和处理政府信息公开申请情况 above its table
        top = grid_top(ws, draft)
        shown = sheet_rows(ws, draft, table)
        for got, want in zip(shown, expected_rows(draft, index)):
            for cell_value, text in zip(got, want):
                if text == "" or cell_value is None:
                    assert (cell_value, text) in ((None, ""), ("", ""))
                elif isinstance(cell_value, str):
                    assert cell_value == text
                else:  # a number; the text may carry the unit printed beside it
                    assert number(cell_value) == Decimal(text.split(" ")[0])
        merged = {str(r) for r in ws.merged_cells.ranges}
        from openpyxl.utils import get_column_letter as col
        spans = {f"{col(1 + i.col)}{top + i.row}:{col(i.col + i.colspan)}{top + i.row + i.rowspan - 1}"
                 for i in table.grid.items if i.rowspan > 1 or i.colspan > 1}
        grid_merges = {m for m in merged
                       if top <= ws[m.split(":")[0]].row < top + table.grid.n_rows}
        assert grid_merges == spans
        if table.note:
            assert table.note in column_a
        if table.grid.header_rows:
            assert ws.print_title_rows == f"${top}:${top + table.grid.header_rows - 1}"


def test_report_t3_keeps_the_official_spanning_headings(tmp_path):
    if "report2021" not in EDITIONS:
        pytest.skip("report2021 not shipped")
    _, book = export(filled("report2021"), tmp_path)
    ws = book["三、收到和处理政府信息公开申请情况"]
    merged = {str(r): ws[str(r).split(":")[0]].value for r in ws.merged_cells.ranges}
    assert "申请人情况" in merged.values()
    assert "法人或其他组织" in merged.values()
    assert "三、本年度办理结果" in merged.values()
    assert "（三）不予公开" in merged.values()
    span = next(r for r, v in merged.items() if v == "法人或其他组织")
    first, last = span.split(":")
    assert ws[first].row == ws[last].row  # one row high, five columns wide
    assert ws[last].column - ws[first].column == 4


def test_export_replaces_whole_file_and_keeps_old_one_on_failure(tmp_path, monkeypatch):
    path = tmp_path / "out.xlsx"
    path.write_bytes(b"old")
    from openpyxl import Workbook

    def boom(self, filename):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(Workbook, "save", boom)
    from gkdesk.draft import DraftError

    with pytest.raises(DraftError, match="磁盘空间不足"):
        write_xlsx(sample(), path)
    assert path.read_bytes() == b"old"
    assert not list(tmp_path.glob(".out.xlsx*"))  # no temp file left behind
