"""The Word tables (gkdesk export DRAFT -o TABLES.docx), read back at the XML level: the official
merged headings, header rows repeated on every page, fonts Word shows for Chinese, A4, blanks."""
import pytest
from docx.oxml.ns import qn
from docx.shared import Mm

from docx_support import grid_of, header_rows, open_docx, run_fonts, run_size, tc_text, v_merge
from export_support import EDITIONS, filled, sample
from gkdesk.cli import main
from gkdesk.exporting.docx import write_docx
from gkdesk.exporting.layout import document_layout


def assert_page(section):
    """A4 portrait, margins top 37, left 28, right 26, bottom 35 mm (GB/T 9704)."""
    def mm(length):
        return round(length.mm, 1)

    assert (mm(section.page_width), mm(section.page_height)) == (210, 297)
    assert (mm(section.top_margin), mm(section.left_margin), mm(section.right_margin),
            mm(section.bottom_margin)) == (37, 28, 26, 35)


def exported(draft, tmp_path):
    path = tmp_path / "tables.docx"
    write_docx(draft, path)
    return open_docx(path)


@pytest.mark.parametrize("edition", EDITIONS)
def test_every_box_of_the_layout_is_one_word_cell_with_its_spans_and_text(edition, tmp_path):
    draft = filled(edition, seed=5)
    document = exported(draft, tmp_path)
    layouts = document_layout(draft).tables
    assert len(document.tables) == len(layouts)
    for table, layout in zip(document.tables, layouts):
        grid = grid_of(table)
        assert len(table._tbl.tr_lst) == layout.n_rows
        for box in layout.boxes:
            tc = grid[(box.row, box.col)]
            assert tc.grid_span == box.colspan, box
            assert tc_text(tc) == box.text, box  # a blank value stays blank
            if box.rowspan > 1:
                assert v_merge(tc) == "restart"
                for below in range(box.row + 1, box.row + box.rowspan):
                    assert v_merge(grid[(below, box.col)]) == "continue"
                    assert grid[(below, box.col)].grid_span == box.colspan
            else:
                assert v_merge(tc) is None
        assert header_rows(table) == [r < layout.header_rows for r in range(layout.n_rows)]


def _cell_with(table, text):
    return next(tc for tc in grid_of(table).values() if tc_text(tc) == text)


def test_report_table_three_has_the_official_merged_headings(tmp_path):
    document = exported(filled("report2021"), tmp_path)
    t3 = document.tables[1]
    assert _cell_with(t3, "申请人情况").grid_span == 7
    assert _cell_with(t3, "法人或其他组织").grid_span == 5
    corner = next(tc for tc in grid_of(t3).values() if "勾稽关系" in tc_text(tc))
    assert v_merge(corner) == "restart"
    results = _cell_with(t3, "三、本年度办理结果")
    assert v_merge(results) == "restart"
    rows_spanned = sum(1 for (r, c), tc in grid_of(t3).items() if c == 0 and r > 4
                       and v_merge(tc) == "continue")
    assert rows_spanned >= 20  # 予以公开 … 总计
    assert header_rows(t3)[:3] == [True, True, True] and not any(header_rows(t3)[3:])


def test_table_four_heads_its_fifteen_columns_with_the_review_and_suit_blocks(tmp_path):
    document = exported(filled("report2021"), tmp_path)
    t4 = document.tables[2]
    assert _cell_with(t4, "行政复议").grid_span == 5
    assert _cell_with(t4, "行政诉讼").grid_span == 10
    assert _cell_with(t4, "未经复议直接起诉").grid_span == 5
    assert _cell_with(t4, "复议后起诉").grid_span == 5
    assert sum(tc.grid_span for tc in t4._tbl.tr_lst[-1].tc_lst) == 15


def test_fonts_are_set_for_chinese_and_no_theme_font_remains(tmp_path):
    document = exported(sample(), tmp_path)
    body = document.element.body
    runs = list(body.iter(qn("w:r")))
    assert runs
    for run in runs:
        fonts = run_fonts(run)
        assert fonts.get("eastAsia") in ("宋体", "仿宋", "黑体"), fonts
        assert not any(k.endswith("Theme") or k == "cstheme" for k in fonts)
    table_runs = list(document.tables[0]._tbl.iter(qn("w:r")))
    assert {run_fonts(r)["eastAsia"] for r in table_runs} == {"宋体"}
    assert {run_size(r) for r in table_runs} == {10.5}
    styles = document.styles.element
    assert not [f for f in styles.iter(qn("w:rFonts")) if f.get(qn("w:eastAsiaTheme"))]


def test_a4_page_with_the_report_margins_and_borders_on_every_box(tmp_path):
    document = exported(filled("report2019"), tmp_path)
    section = document.sections[0]
    assert_page(section)
    for table in document.tables:
        borders = table._tbl.tblPr.find(qn("w:tblBorders"))
        assert {b.tag.split("}")[1]: b.get(qn("w:val")) for b in borders} == {
            "top": "single", "left": "single", "bottom": "single", "right": "single",
            "insideH": "single", "insideV": "single"}
        width = sum(int(col.get(qn("w:w"))) for col in table._tbl.tblGrid.iter(qn("w:gridCol")))
        assert width <= Mm(156).twips + 2  # fits the type area


def test_a_wide_table_is_set_at_small_five_so_its_numbers_fit(tmp_path):
    document = exported(filled("report2021"), tmp_path)
    t4_sizes = {run_size(r) for r in document.tables[2]._tbl.iter(qn("w:r"))}
    assert t4_sizes == {9.0}


def test_export_command_writes_docx_and_refuses_to_overwrite(tmp_path, capsys):
    draft_path = tmp_path / "d.gkd"
    assert main(["sample", "-o", str(draft_path)]) == 0
    out = tmp_path / "表格.docx"
    assert main(["export", str(draft_path), "-o", str(out)]) == 0
    assert len(open_docx(out).tables) == 1
    assert main(["export", str(draft_path), "-o", str(out)]) == 2
    assert "已存在" in capsys.readouterr().err
