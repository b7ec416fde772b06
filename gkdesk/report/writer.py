"""The annual report as a Word document, laid out after GB/T 9704-2012 (党政机关公文格式).

A4 with margins 37/28/26/35 mm; title 2号 方正小标宋简体; body 3号 仿宋_GB2312 at a fixed 28.9 pt
line (22 lines a page); first-level headings 黑体, second-level 楷体_GB2312; page numbers
`— 1 —` in 4号 宋体 at the foot, odd pages right and even pages left; tables at 小五 in 宋体 with
single line spacing; the signature block right-aligned. Every font is written as the East Asian
font too (w:eastAsia): government PCs have these fonts, other machines substitute.
"""
from __future__ import annotations

import os

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_COLOR_INDEX
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

from ..draft import Draft
from ..exporting.docx import add_table
from ..exporting.docx_style import (SIZE_2, SIZE_3, SIZE_4, SIZE_SMALL_5, a4_page, add_text,
                                    declare_fonts, plain_defaults, run_font, style_font, tight)
from ..exporting.files import write_atomically
from ..exporting.layout import table_layout
from .content import Block, Placeholder, report_blocks

TITLE_FONT = "方正小标宋简体"
BODY_FONT = "仿宋_GB2312"
HEADING1_FONT = "黑体"
HEADING2_FONT = "楷体_GB2312"
PAGE_NUMBER_FONT = "宋体"
TABLE_FONT = "宋体"
LATIN_FONT = "Times New Roman"  # digits and Latin letters in body text, as offices set them
# where a PC lacks the GB/T fonts, Word uses these (every Windows has them)
SUBSTITUTES = {TITLE_FONT: "宋体", BODY_FONT: "仿宋", HEADING2_FONT: "楷体"}
LINE_PT = 28.9  # 22 lines in the 225 mm type area
TITLE_LINE_PT = 35.0
INDENT_PT = 2 * SIZE_3  # two characters


def write_report(draft: Draft, path: str | os.PathLike) -> None:
    document = report_document(draft)
    write_atomically(path, lambda temp: document.save(str(temp)))


def report_document(draft: Draft) -> DocumentObject:
    document = Document()
    _styles(document)
    declare_fonts(document, SUBSTITUTES)
    a4_page(document)
    _page_numbers(document)
    edition = draft.edition_obj
    first = document.paragraphs[0] if document.paragraphs else None
    for block in report_blocks(draft):
        if block.kind == "table":
            layout = table_layout(edition.tables[block.table], edition, draft.values,
                                  titled=False)
            add_table(document, layout, SIZE_SMALL_5, TABLE_FONT)
            continue
        paragraph = first if first is not None else document.add_paragraph()
        first = None
        _block(document, paragraph, block)
    return document


def _styles(document: DocumentObject) -> None:
    plain_defaults(document, BODY_FONT, SIZE_3)
    styles = document.styles
    normal = styles["Normal"]
    style_font(normal, BODY_FONT, SIZE_3, latin=LATIN_FONT)
    fmt = normal.paragraph_format
    fmt.first_line_indent = Pt(INDENT_PT)
    fmt.line_spacing = Pt(LINE_PT)  # exact: python-docx writes lineRule="exact" for a Length
    fmt.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    fmt.widow_control = False
    for name, font in (("Heading 1", HEADING1_FONT), ("Heading 2", HEADING2_FONT)):
        style = styles[name]
        style_font(style, font, SIZE_3, bold=False, latin=LATIN_FONT)
        fmt = style.paragraph_format
        fmt.space_before = Pt(0)
        fmt.space_after = Pt(0)
        fmt.first_line_indent = Pt(INDENT_PT)
        fmt.line_spacing = Pt(LINE_PT)
        fmt.keep_with_next = True
    document.settings.odd_and_even_pages_header_footer = True


def _block(document: DocumentObject, paragraph, block: Block) -> None:
    kind = block.kind
    if kind == "title":
        tight(paragraph, TITLE_LINE_PT)
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.paragraph_format.space_after = Pt(LINE_PT)  # one blank line under the title
        _parts(paragraph, block, TITLE_FONT, SIZE_2, latin=TITLE_FONT)
    elif kind in ("heading1", "heading2"):
        paragraph.style = document.styles[
            "Heading 1" if kind == "heading1" else "Heading 2"]
        font = HEADING1_FONT if kind == "heading1" else HEADING2_FONT
        _parts(paragraph, block, font, SIZE_3)
    elif kind == "signature":
        unit, date = block.parts
        _signature(paragraph, document.add_paragraph(), unit, date)
    elif kind == "attachment":
        paragraph.paragraph_format.first_line_indent = Pt(0)
        paragraph.paragraph_format.page_break_before = True
        _parts(paragraph, block, HEADING1_FONT, SIZE_3)
    elif kind in ("attachment_title", "attachment_subtitle"):
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.paragraph_format.first_line_indent = Pt(0)
        if kind == "attachment_title":
            paragraph.paragraph_format.space_before = Pt(LINE_PT / 2)
            _parts(paragraph, block, TITLE_FONT, 18, latin=TITLE_FONT)
        else:
            _parts(paragraph, block, BODY_FONT, SIZE_3)
    else:
        _parts(paragraph, block, BODY_FONT, SIZE_3)


def _parts(paragraph, block: Block, font: str, size: float, latin: str = LATIN_FONT) -> None:
    for part in block.parts:
        _part(paragraph, part, font, size, latin)


def _part(paragraph, part, font: str, size: float, latin: str = LATIN_FONT) -> None:
    if isinstance(part, Placeholder):
        run = add_text(paragraph, part.text, font, size, latin=latin)
        run.font.highlight_color = WD_COLOR_INDEX.YELLOW  # the clerk cannot miss it
    else:
        add_text(paragraph, part, font, size, latin=latin)


def _signature(paragraph, date_paragraph, unit, date) -> None:
    """Unit and date right-aligned, four characters in from the right margin (GB/T 9704 7.3.5),
    two blank lines under the text."""
    paragraph.paragraph_format.first_line_indent = Pt(0)
    paragraph.paragraph_format.space_before = Pt(2 * LINE_PT)
    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    paragraph.paragraph_format.right_indent = Pt(2 * SIZE_3)
    _part(paragraph, unit, BODY_FONT, SIZE_3)
    date_paragraph.paragraph_format.first_line_indent = Pt(0)
    date_paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    date_paragraph.paragraph_format.right_indent = Pt(4 * SIZE_3)
    _part(date_paragraph, date, BODY_FONT, SIZE_3)


# --------------------------------------------------------------------------------------------
# Page numbers: — 1 — in 4号 宋体, odd pages right, even pages left, one character in

def _page_numbers(document: DocumentObject) -> None:
    for section in document.sections:
        section.different_first_page_header_footer = False
        for footer, align, side in ((section.footer, WD_ALIGN_PARAGRAPH.RIGHT, "right"),
                                    (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT, "left")):
            footer.is_linked_to_previous = False
            paragraph = footer.paragraphs[0]
            tight(paragraph)
            paragraph.alignment = align
            if side == "right":
                paragraph.paragraph_format.right_indent = Pt(SIZE_4)
            else:
                paragraph.paragraph_format.left_indent = Pt(SIZE_4)
            add_text(paragraph, "— ", PAGE_NUMBER_FONT, SIZE_4)
            _page_field(paragraph)
            add_text(paragraph, " —", PAGE_NUMBER_FONT, SIZE_4)


def _page_field(paragraph) -> None:
    """A PAGE field: Word and LibreOffice put the page's number in its place."""
    def field_char(kind: str):
        run = paragraph.add_run()
        run_font(run, PAGE_NUMBER_FONT, SIZE_4)
        element = OxmlElement("w:fldChar")
        element.set(qn("w:fldCharType"), kind)
        run._r.append(element)
        return run

    field_char("begin")
    run = paragraph.add_run()
    run_font(run, PAGE_NUMBER_FONT, SIZE_4)
    instruction = OxmlElement("w:instrText")
    instruction.set(qn("xml:space"), "preserve")
    instruction.text = " PAGE "
    run._r.append(instruction)
    field_char("separate")
    add_text(paragraph, "1", PAGE_NUMBER_FONT, SIZE_4)
    field_char("end")

