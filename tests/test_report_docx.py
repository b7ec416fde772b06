"""The annual report in Word (gkdesk report DRAFT -o REPORT.docx): its parts in order, generated
sentences and placeholders, the GB/T 9704 layout written into the XML (the fonts are not on
Linux, so they are asserted, not rendered), page numbers, and the command's file handling."""
import json
import os

import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_COLOR_INDEX
from docx.oxml.ns import qn

from docx_support import grid_of, open_docx, run_fonts, run_size, style_fonts, tc_text
from export_support import filled, sample
from gkdesk.cli import main
from gkdesk.draft import load_draft
from gkdesk.report.writer import write_report
from test_export_docx import assert_page

REPORT_SECTIONS = ["一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
                   "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况",
                   "六、其他需要报告的事项"]
STAT2014_SECTIONS = ["一、概述", "二、政府信息公开的组织领导和制度建设",
                     "三、发布解读、回应社会关注以及互动交流情况", "四、重点领域政府信息公开工作推进情况",
                     "五、主动公开政府信息以及公开平台建设情况", "六、政府信息公开申请的办理情况",
                     "七、政府信息的公开收费及减免情况", "八、因政府信息公开提起申请行政复议、行政诉讼的情况",
                     "九、政府信息公开保密审查及监督检查情况", "十、政府信息公开存在的主要问题以及改进情况"]


def written(draft, tmp_path):
    path = tmp_path / "report.docx"
    write_report(draft, path)
    return open_docx(path)


def headings(document, style):
    return [p.text for p in document.paragraphs if p.style.name == style]


@pytest.mark.parametrize("edition", ["report2019", "report2021"])
def test_report_editions_have_the_six_sections_and_their_tables_in_order(edition, tmp_path):
    draft = filled(edition)
    document = written(draft, tmp_path)
    assert document.paragraphs[0].text == f"{draft.year}年某某县人民政府办公室政府信息公开工作年度报告"
    assert headings(document, "Heading 1") == REPORT_SECTIONS
    assert headings(document, "Heading 2") == ["（一）主动公开", "（二）依申请公开", "（三）政府信息管理",
                                               "（四）政府信息公开平台建设", "（五）监督保障"]
    # the tables follow sections 二, 三 and 四, in that order
    body = list(document.element.body.iterchildren())
    order = []
    for element in body:
        if element.tag == qn("w:tbl"):
            order.append("table")
        elif element.tag == qn("w:p"):
            text = "".join(t.text or "" for t in element.iter(qn("w:t")))
            if text in REPORT_SECTIONS:
                order.append(text[:2])
    assert order == ["一、", "二、", "table", "三、", "table", "四、", "table", "五、", "六、"]
    assert "申请人情况" in tc_text(next(tc for tc in grid_of(document.tables[1]).values()
                                      if tc_text(tc) == "申请人情况"))
    opening = document.paragraphs[1].text
    assert "《中华人民共和国政府信息公开条例》" in opening
    assert f"自{draft.year}年1月1日起至{draft.year}年12月31日止" in opening


def test_sentences_carry_the_tables_numbers_and_say_none_where_it_says_zero(tmp_path):
    draft = filled("report2021")
    draft.values.update({"t3.new.total": 120, "t3.carried.total": 0, "t4.review.total": 0,
                         "t4.suit_direct.total": 2, "t4.suit_after.total": 1,
                         "t3.open.total": 40, "t3.forward.total": 7})
    text = "\n".join(p.text for p in written(draft, tmp_path).paragraphs)
    assert "本年度新收政府信息公开申请120件" in text
    assert "无上年结转的申请" in text
    assert "本年度未发生政府信息公开行政复议" in text
    assert "发生政府信息公开行政诉讼3件" in text
    assert "其中予以公开40件" in text
    assert "结转下年度继续办理7件" in text


def test_blank_numbers_say_nothing_and_prose_is_a_highlighted_placeholder(tmp_path):
    draft = filled("report2021", blank_share=1.0)  # every cell blank
    draft.unit = ""
    document = written(draft, tmp_path)
    text = "\n".join(p.text for p in document.paragraphs)
    assert "件" not in text.replace("文件", "")  # no number sentence at all
    placeholders = [r for p in document.paragraphs for r in p.runs if r.text.startswith("【请填写：")]
    assert len(placeholders) >= 8
    title = document.paragraphs[0]
    assert title.text == f"{draft.year}年【请填写：单位名称】政府信息公开工作年度报告"
    assert title.runs[1].font.highlight_color == WD_COLOR_INDEX.YELLOW
    assert all(r.font.highlight_color == WD_COLOR_INDEX.YELLOW for r in placeholders)


def test_stat2014_report_follows_the_seed_reports_parts_with_the_table_as_attachment(tmp_path):
    document = written(sample(), tmp_path)
    assert headings(document, "Heading 1") == STAT2014_SECTIONS
    texts = [p.text for p in document.paragraphs]
    assert texts[0] == "2018年淄博市公共资源交易中心政府信息公开工作年度报告"
    assert "本年度收到政府信息公开申请1件" in "".join(texts)
    assert "本年度没有发生因政府信息公开申请行政复议的情况" in "".join(texts)
    at = texts.index("附件")
    assert document.paragraphs[at].paragraph_format.page_break_before
    assert texts[at + 1] == "2018年度政府信息公开工作情况统计表"
    assert len(document.tables) == 1
    # the signature block before the attachment: unit, then 填报日期, right-aligned
    assert texts[at - 2:at] == ["淄博市公共资源交易中心", "2019年1月22日"]
    assert {document.paragraphs[i].alignment for i in (at - 2, at - 1)} == {WD_ALIGN_PARAGRAPH.RIGHT}


def test_gb_t_9704_layout_fonts_sizes_and_line_spacing(tmp_path):
    document = written(filled("report2021"), tmp_path)
    assert_page(document.sections[0])
    styles = document.styles
    assert style_fonts(styles["Normal"])["eastAsia"] == "仿宋_GB2312"
    assert styles["Normal"].font.size.pt == 16  # 3号
    spacing = styles["Normal"].element.pPr.find(qn("w:spacing"))
    assert spacing.get(qn("w:lineRule")) == "exact"
    assert 28 * 20 <= int(spacing.get(qn("w:line"))) <= 29 * 20
    assert style_fonts(styles["Heading 1"])["eastAsia"] == "黑体"
    assert style_fonts(styles["Heading 2"])["eastAsia"] == "楷体_GB2312"
    for name in ("Normal", "Heading 1", "Heading 2"):
        assert not any(k.endswith("Theme") for k in style_fonts(styles[name]))
    defaults = styles.element.find(qn("w:docDefaults"))
    assert not [f for f in defaults.iter(qn("w:rFonts")) if f.get(qn("w:eastAsiaTheme"))]
    title_run = document.paragraphs[0].runs[0]._r
    assert run_fonts(title_run)["eastAsia"] == "方正小标宋简体" and run_size(title_run) == 22
    # tables: 小五 宋体, single line spacing (a fixed 28.9 pt line would cut them)
    for table in document.tables:
        for run in table._tbl.iter(qn("w:r")):
            assert run_fonts(run)["eastAsia"] == "宋体" and run_size(run) == 9
        for p in table._tbl.iter(qn("w:p")):
            spacing = p.pPr.find(qn("w:spacing")) if p.pPr is not None else None
            assert spacing is None or spacing.get(qn("w:lineRule")) != "exact"


def test_the_font_table_names_what_word_uses_where_a_gb_font_is_missing(tmp_path):
    import zipfile

    from lxml import etree

    path = tmp_path / "r.docx"
    write_report(sample(), path)
    fonts = etree.fromstring(zipfile.ZipFile(path).read("word/fontTable.xml"))
    alt = {f.get(qn("w:name")): f.find(qn("w:altName")).get(qn("w:val"))
           for f in fonts.iter(qn("w:font")) if f.find(qn("w:altName")) is not None}
    assert alt["仿宋_GB2312"] == "仿宋" and alt["楷体_GB2312"] == "楷体"
    assert alt["方正小标宋简体"] == "宋体"


def test_page_numbers_odd_right_even_left_in_song_four(tmp_path):
    document = written(filled("report2019"), tmp_path)
    assert document.settings.odd_and_even_pages_header_footer
    section = document.sections[0]
    for footer, align in ((section.footer, WD_ALIGN_PARAGRAPH.RIGHT),
                          (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT)):
        paragraph = footer.paragraphs[0]
        assert paragraph.alignment == align
        xml = paragraph._p
        assert [f.get(qn("w:fldCharType")) for f in xml.iter(qn("w:fldChar"))] == \
            ["begin", "separate", "end"]
        assert "".join(t.text for t in xml.iter(qn("w:instrText"))).strip() == "PAGE"
        assert paragraph.text.startswith("— ") and paragraph.text.endswith(" —")
        for run in xml.iter(qn("w:r")):
            assert run_fonts(run)["eastAsia"] == "宋体" and run_size(run) == 14


def test_report_command_never_overwrites_and_the_draft_remembers_the_report(tmp_path, capsys):
    draft_path = tmp_path / "d.gkd"
    assert main(["sample", "-o", str(draft_path)]) == 0
    data = json.loads(draft_path.read_text(encoding="utf-8"))
    data["from_a_newer_program"] = {"kept": True}
    draft_path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "年报.docx"
    assert main(["report", str(draft_path), "-o", str(out)]) == 0
    saved = json.loads(draft_path.read_text(encoding="utf-8"))
    assert saved["report_file"] == "年报.docx"
    assert saved["from_a_newer_program"] == {"kept": True}
    assert load_draft(draft_path).values == load_draft(tmp_path / "d.gkd").values
    out.write_bytes(out.read_bytes())  # the clerk's edited copy
    before = out.read_bytes()
    capsys.readouterr()
    assert main(["report", str(draft_path), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "已存在" in err and "--force" in err
    assert out.read_bytes() == before
    assert main(["report", str(draft_path), "-o", str(out), "--force"]) == 0
    assert main(["report", str(draft_path), "-o", str(tmp_path / "年报.doc")]) == 2
    # check --text alone reads the remembered report: a fresh report has no TEXT finding
    capsys.readouterr()
    assert main(["check", str(draft_path), "--text", "--json"]) == 1  # the seed's one error
    findings = json.loads(capsys.readouterr().out)["findings"]
    assert [f["rule"] for f in findings] == ["S14-SUM-CLOSED"]


def test_report_command_leaves_the_draft_file_alone_when_it_already_remembers_that_report(
        tmp_path):
    draft_path = tmp_path / "d.gkd"
    assert main(["sample", "-o", str(draft_path)]) == 0
    out = tmp_path / "年报.docx"
    assert main(["report", str(draft_path), "-o", str(out)]) == 0
    os.utime(draft_path, ns=(1_000_000_000, 1_000_000_000))
    assert main(["report", str(draft_path), "-o", str(out), "--force"]) == 0
    assert draft_path.stat().st_mtime_ns == 1_000_000_000  # not saved again
    assert main(["report", str(draft_path), "-o", str(tmp_path / "另一份.docx")]) == 0
    assert json.loads(draft_path.read_text(encoding="utf-8"))["report_file"] == "另一份.docx"
