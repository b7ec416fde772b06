"""Word reports (.docx, built with python-docx as a clerk's office writes them): narrative text
around the tables, merged headings, year and unit from the body; report2021, report2019, stat2014."""
import zipfile

import pytest
from docx import Document

from hostile_files import rewrite_member
from intake_support import docx_table, expected_values, half_width, table_rows
from gkdesk.editions import get_edition
from gkdesk.intake import IntakeError, read_document
from gkdesk.numbers import format_value


def report(values, edition_id, title, relabel=lambda t: t):
    texts = {k: format_value(v) for k, v in values.items()}
    doc = Document()
    doc.add_heading(title, level=1)
    doc.add_paragraph("发布日期：2022年1月25日")
    doc.add_paragraph("根据《中华人民共和国政府信息公开条例》规定，现公布本机关年度报告。")
    doc.add_paragraph("一、总体情况")
    doc.add_paragraph("本年度共主动公开政府信息1200条，办理依申请公开事项35件。")
    for table in get_edition(edition_id).tables:
        doc.add_paragraph(table.title)
        docx_table(doc, table_rows(table, texts, relabel))
        doc.add_paragraph("上表数据截至12月31日。")
    doc.add_paragraph("五、存在的主要问题及改进情况")
    return doc


@pytest.mark.parametrize("edition_id, title, unit, year", [
    ("report2021", "某某市生态环境局2021年政府信息公开工作年度报告", "某某市生态环境局", 2021),
    ("report2019", "2019年上海市人民政府办公厅政府信息公开工作年度报告", "上海市人民政府办公厅", 2019),
    ("stat2014", "淄博市公共资源交易中心2018年信息公开年度报告", "淄博市公共资源交易中心", 2018),
])
def test_word_report_every_value_read(tmp_path, edition_id, title, unit, year):
    values = expected_values(edition_id)
    path = tmp_path / "报告.docx"
    report(values, edition_id, title).save(path)
    result = read_document(path)
    assert result.source == "docx"
    assert (result.draft.edition, result.draft.year, result.draft.unit) == (edition_id, year, unit)
    assert result.draft.values == values
    assert result.cells_read == len(values) and result.notes == [] and result.not_found == []


def test_word_labels_as_typed(tmp_path):
    values = expected_values("report2021")
    path = tmp_path / "报告.docx"
    report(values, "report2021", "二〇二一年某某局政府信息公开工作年度报告", half_width).save(path)
    result = read_document(path)
    assert result.draft.values == values and result.draft.year == 2021


def test_merged_cells_are_really_merged_in_the_file(tmp_path):
    path = tmp_path / "报告.docx"
    report(expected_values("report2021"), "report2021", "2021年政府信息公开工作年度报告").save(path)
    xml = zipfile.ZipFile(path).read("word/document.xml")
    assert xml.count(b"w:gridSpan") > 10 and xml.count(b"w:vMerge") > 10


def test_word_document_without_a_table(tmp_path):
    doc = Document()
    doc.add_heading("2021年某某局政府信息公开工作年度报告", 1)
    doc.add_paragraph("本年度没有收到政府信息公开申请。")
    path = tmp_path / "报告.docx"
    doc.save(path)
    with pytest.raises(IntakeError, match="^未找到可识别的统计表（文件中没有表格）$"):
        read_document(path)


def test_hostile_word_document(tmp_path):
    path = tmp_path / "报告.docx"
    report(expected_values("report2021"), "report2021", "2021年政府信息公开工作年度报告").save(path)
    rewrite_member(path, "word/document.xml",
                   lambda data: b'<!DOCTYPE x [<!ENTITY a SYSTEM "file:///etc/passwd">]>' + data)
    with pytest.raises(IntakeError) as caught:
        read_document(path)
    assert "实体" in str(caught.value) and "\n" not in str(caught.value)


def split_rows(rows, cut):
    """A table cut before row `cut`; the second part repeats the group labels still open, as a
    continued table does."""
    first = [[(t, min(rs, cut - r), cs, c, cell) for t, rs, cs, c, cell in row]
             for r, row in enumerate(rows[:cut])]
    second = [list(row) for row in rows[cut:]]
    for r, row in enumerate(rows[:cut]):
        for t, rs, cs, c, cell in row:
            if r + rs > cut:
                second[0].append((t, r + rs - cut, cs, c, cell))
    for row in second:
        row.sort(key=lambda box: box[3])
    return first, second


@pytest.mark.parametrize("cut", [14, 25])
def test_a_table_cut_in_two_by_a_page_break_is_read_whole(tmp_path, cut):
    values = expected_values("report2021")
    texts = {k: format_value(v) for k, v in values.items()}
    doc = Document()
    doc.add_heading("2021年某某局政府信息公开工作年度报告", 1)
    edition = get_edition("report2021")
    for table in edition.tables:
        rows = table_rows(table, texts)
        if table.id == "t3":  # the clerk split the long table at a page break
            first, second = split_rows(rows, cut)  # 25: only the last three rows continue
            docx_table(doc, first)
            doc.add_paragraph("（续表）")
            docx_table(doc, second)
        else:
            docx_table(doc, rows)
    path = tmp_path / "报告.docx"
    doc.save(path)
    result = read_document(path)
    assert result.draft.values == values
    assert result.notes == [] and result.not_found == []


def test_rows_and_cells_inside_content_controls_are_read(tmp_path):
    """WPS and Word form templates wrap rows or cells in content controls (w:sdt)."""
    from docx.oxml.ns import qn
    from lxml import etree

    values = expected_values("report2021")
    path = tmp_path / "报告.docx"
    doc = report(values, "report2021", "2021年某某局政府信息公开工作年度报告")
    table = doc.tables[1]._tbl
    rows = table.findall(qn("w:tr"))
    for tr in rows[5:7]:  # two data rows of t3 inside one content control
        sdt = etree.SubElement(table, qn("w:sdt"))
        content = etree.SubElement(sdt, qn("w:sdtContent"))
        tr.addprevious(sdt)
        content.append(tr)
    doc.save(path)
    assert read_document(path).draft.values == values
