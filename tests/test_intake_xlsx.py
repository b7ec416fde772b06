"""Hand-filled Excel templates (.xlsx) read by their labels: title rows, merged headings, labels
with spaces and half-width brackets, numbers typed as text, formulas with and without the value
Excel cached; gkdesk's own workbooks still read by their ids; hostile and tableless workbooks."""
import re
import zipfile

import pytest
from openpyxl import Workbook

from hostile_files import rewrite_member
from intake_support import expected_values, half_width, table_rows, xlsx_sheet
from gkdesk.editions import get_edition
from gkdesk.intake import IntakeError, read_document
from gkdesk.numbers import format_value

AS_TEXT = {"t3.new.person", "t3.open.business", "t2.fee.amount", "t4.review.total"}


def template(values, edition_id="report2021", relabel=half_width, sheets="one", title=True):
    """The superior's template as a clerk fills it: title, 填报单位 line, then the tables."""
    texts = {k: format_value(v) for k, v in values.items()}
    book = Workbook()
    ws = book.active
    ws.title = "统计表"
    edition = get_edition(edition_id)
    top = 1
    if title:
        ws.cell(row=1, column=1, value="2021年政府信息公开工作年度报告统计表")
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=10)
        ws.cell(row=2, column=1, value="填报单位（盖章）：某某县司法局")
        ws.cell(row=2, column=8, value="填报日期：2022年1月10日")
        top = 4
    for index, table in enumerate(edition.tables):
        if sheets == "many" and index:
            ws = book.create_sheet(table.title[:2])
            top = 1
        ws.cell(row=top, column=1, value=table.title)
        top = xlsx_sheet(ws, table_rows(table, texts, relabel), top + 1,
                         as_text=lambda cell: cell in AS_TEXT) + 2
    return book


def cached(path, cell_ref, formula, value):
    """Give one formula cell the value Excel would have cached (openpyxl never computes)."""
    with zipfile.ZipFile(path) as source:
        parts = {i.filename: source.read(i) for i in source.infolist()}
    for name, data in parts.items():
        if name.startswith("xl/worksheets/") and f'r="{cell_ref}"'.encode() in data:
            pattern = rf'(<c r="{cell_ref}"[^>]*>)<f>{re.escape(formula)}</f><v\s*/?>(</v>)?'
            new, count = re.subn(pattern.encode(),
                                 rb"\1<f>" + formula.encode() + b"</f><v>" + str(value).encode()
                                 + b"</v>", data)
            assert count == 1
            parts[name] = new
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts.items():
            target.writestr(name, data)


def find(ws, text):
    for row in ws.iter_rows():
        for cell in row:
            if cell.value == text:
                return cell
    raise KeyError(text)


def test_hand_filled_template_every_value_read(tmp_path):
    values = expected_values("report2021")
    path = tmp_path / "模板.xlsx"
    template(values).save(path)
    result = read_document(path)
    assert result.source == "xlsx"
    assert (result.draft.edition, result.draft.year, result.draft.unit) == \
        ("report2021", 2021, "某某县司法局")
    assert result.draft.values == values
    assert result.cells_read == len(values) and result.notes == [] and result.not_found == []


def test_tables_on_separate_sheets(tmp_path):
    values = expected_values("report2021")
    path = tmp_path / "2021年统计表.xlsx"
    template(values, sheets="many", title=False).save(path)
    result = read_document(path)
    assert result.draft.values == values and result.draft.year == 2021  # from the file name


def test_formulas_cached_value_read_missing_value_reported(tmp_path):
    values = expected_values("report2021")
    book = template(values)
    ws = book.active
    # the clerk let Excel add up 总计 of 本年新收 and of 上年结转
    total_new = ws.cell(row=find(ws, half_width("一、本年新收政府信息公开申请数量")).row, column=10)
    total_carried = ws.cell(row=find(ws, half_width("二、上年结转政府信息公开申请数量")).row, column=10)
    total_new.value = f"=SUM(D{total_new.row}:I{total_new.row})"
    total_carried.value = f"=SUM(D{total_carried.row}:I{total_carried.row})"
    path = tmp_path / "t.xlsx"
    book.save(path)
    cached(path, total_new.coordinate, total_new.value[1:], 777)
    result = read_document(path)
    assert result.draft.values["t3.new.total"] == 777
    assert "t3.carried.total" not in result.draft.values
    (note,) = result.notes
    assert note.cell == "t3.carried.total" and note.name == "上年结转政府信息公开申请数量·总计"
    assert note.text == total_carried.value  # the formula as typed: =SUM(D…:I…)
    assert total_carried.coordinate in note.note and "公式" in note.note
    assert result.cells_read == len(values) - 1


def test_unreadable_cells_listed_with_their_text(tmp_path):
    values = expected_values("report2021")
    book = template(values)
    ws = book.active
    cell = ws.cell(row=find(ws, half_width("（一）予以公开")).row, column=4)
    cell.value = "见附表"
    path = tmp_path / "t.xlsx"
    book.save(path)
    result = read_document(path)
    (note,) = result.notes
    assert (note.cell, note.text) == ("t3.open.person", "见附表")
    assert note.note.startswith(f"统计表!{cell.coordinate}")


def test_gkdesk_workbook_is_read_by_its_ids(tmp_path):
    from gkdesk.draft import load_draft
    from gkdesk.exporting.xlsx import write_xlsx
    from gkdesk.datafiles import sample_draft_path

    sample = load_draft(sample_draft_path())
    path = tmp_path / "ours.xlsx"
    write_xlsx(sample, path)
    result = read_document(path)
    assert result.source == "gkdesk" and result.draft.values == sample.values
    assert result.draft.unit == sample.unit


def test_workbook_without_a_statistics_table(tmp_path):
    book = Workbook()
    book.active.append(["姓名", "电话"])
    book.active.append(["张三", "123"])
    path = tmp_path / "通讯录.xlsx"
    book.save(path)
    with pytest.raises(IntakeError, match="^未找到可识别的统计表"):
        read_document(path)


def test_hostile_workbooks_get_one_sentence(tmp_path):
    values = expected_values("report2021")
    sheet = "xl/worksheets/sheet1.xml"
    bomb = tmp_path / "bomb.xlsx"
    template(values).save(bomb)
    rewrite_member(bomb, sheet, lambda data: b'<!DOCTYPE x [<!ENTITY a "aaaa">]>' + data)
    with pytest.raises(IntakeError) as caught:
        read_document(bomb)
    assert "实体" in str(caught.value) and "\n" not in str(caught.value)
    template(values).save(bomb)
    rewrite_member(bomb, sheet, lambda data: data.replace(
        b"</worksheet>", b'<mergeCells><mergeCell ref="A1:XFD1048576"/></mergeCells></worksheet>'))
    with pytest.raises(IntakeError, match="合并单元格"):
        read_document(bomb)


@pytest.mark.parametrize("name, data, words", [
    ("报告.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "另存为 .docx"),
    ("报告.wps", b"anything", "另存为 .docx"),
    ("表.et", b"anything", "另存为 .xlsx"),
    ("报告.pdf", b"%PDF-1.7\n", "PDF"),
    ("报告.txt", "2021年统计表".encode(), "请导入 Excel"),
    ("坏.xlsx", b"PK\x03\x04garbage", "已损坏"),
])
def test_formats_that_cannot_be_read_are_refused_saying_what_to_save_as(tmp_path, name, data, words):
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(IntakeError) as caught:
        read_document(path)
    assert words in str(caught.value) and "\n" not in str(caught.value)


def test_an_xls_that_is_really_html_or_xlsx(tmp_path):
    values = expected_values("report2021")
    book_path = tmp_path / "导出.xls"
    template(values).save(book_path)  # an .xlsx under a .xls name, as web systems export
    assert read_document(book_path).draft.values == values
    from test_intake_html import report_page, texts_of
    page_path = tmp_path / "网页导出.xls"
    page_path.write_bytes(report_page("report2021", texts_of(values), "2021年政府信息公开工作年度报告",
                                      encoding="gb18030", charset=None))
    result = read_document(page_path)
    assert result.source == "html" and result.draft.values == values


def test_unit_typed_beside_the_filler_label(tmp_path):
    values = expected_values("report2021")
    book = template(values)
    ws = book.active
    ws["A2"] = "填报单位（盖章）："
    ws["C2"] = "某某县民政局"
    path = tmp_path / "t.xlsx"
    book.save(path)
    result = read_document(path)
    assert result.draft.unit == "某某县民政局" and result.draft.values == values
