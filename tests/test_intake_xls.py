"""Excel 97–2003 templates (.xls, written with xlwt as old templates are): merged headings and
title rows, read through xlrd's merged ranges."""
import pytest
import xlwt

from intake_support import expected_values, half_width, table_rows, xls_sheet
from gkdesk.editions import get_edition
from gkdesk.intake import IntakeError, read_document
from gkdesk.numbers import format_value


def xls_template(values, edition_id, title, relabel=half_width):
    texts = {k: format_value(v) for k, v in values.items()}
    book = xlwt.Workbook(encoding="utf-8")
    ws = book.add_sheet("Sheet1")
    ws.write_merge(0, 0, 0, 9, title)
    ws.write(1, 0, "填报单位（盖章）：某某镇人民政府")
    top = 3
    for table in get_edition(edition_id).tables:
        ws.write(top, 0, table.title)
        top = xls_sheet(ws, table_rows(table, texts, relabel), top + 1) + 1
    return book


@pytest.mark.parametrize("edition_id, year", [("report2021", 2022), ("report2019", 2020),
                                              ("stat2014", 2016)])
def test_xls_template_every_value_read(tmp_path, edition_id, year):
    values = expected_values(edition_id)
    path = tmp_path / "统计表.xls"
    xls_template(values, edition_id, f"{year}年度政府信息公开工作情况统计表").save(str(path))
    result = read_document(path)
    assert result.source == "xls"
    assert (result.draft.edition, result.draft.year, result.draft.unit) == \
        (edition_id, year, "某某镇人民政府")
    assert result.draft.values == values
    assert result.cells_read == len(values) and result.notes == [] and result.not_found == []


def test_xls_text_cells_and_notes(tmp_path):
    values = expected_values("report2021")
    values["t3.new.person"] = "１２"
    values["t3.open.person"] = "不详"
    path = tmp_path / "统计表.xls"
    xls_template(values, "report2021", "2021年政府信息公开工作年度报告统计表").save(str(path))
    result = read_document(path)
    assert result.draft.values["t3.new.person"] == 12
    (note,) = result.notes
    assert note.cell == "t3.open.person" and note.text == "不详" and "Sheet1!D" in note.note


def test_damaged_xls_is_refused(tmp_path):
    path = tmp_path / "坏.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 2000)
    with pytest.raises(IntakeError, match="另存为 .xlsx"):
        read_document(path)
