"""Draft → .docx with the edition's tables as native Word tables (python-docx), in the official
layout the HTML and Excel exports draw from the same grid walk (layout.py): merged headings
(w:gridSpan / w:vMerge), header rows repeated on every page (w:tblHeader), borders on every
box, blanks left blank. `add_table` is also what the annual report (gkdesk.report) uses.
"""
from __future__ import annotations

import os
from copy import deepcopy

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.table import WD_ALIGN_VERTICAL, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt
from docx.table import _Cell
from docx.text.paragraph import Paragraph

from ..draft import Draft
from ..rules import Finding
from .docx_style import SIZE_5, SIZE_SMALL_5, a4_page, add_text, plain_defaults, tight
from .files import write_atomically
from .layout import TABLE_WIDTH_PT, TableLayout, document_layout, indent_pt, is_bold, is_centred

TABLE_FONT = "宋体"
TEXT_FONT = "仿宋"
TITLE_FONT = "黑体"
WIDE_COLUMNS = 10
CELL_PAD_PT = 1.5  # left and right, inside each box


def write_docx(draft: Draft, path: str | os.PathLike,
               findings: list[Finding] | None = None) -> None:
    document = tables_document(draft, draft.findings() if findings is None else findings)
    write_atomically(path, lambda temp: document.save(str(temp)))


def tables_document(draft: Draft, findings: list[Finding]) -> DocumentObject:
    """The table(s) on A4 with their title, 填报单位 and 填报人… lines, and the explanations."""
    doc = document_layout(draft)
    document = Document()
    plain_defaults(document, TEXT_FONT, 12)
    a4_page(document)
    body = document.paragraphs[0] if document.paragraphs else document.add_paragraph()
    _line(body, doc.title, TITLE_FONT, 16, WD_ALIGN_PARAGRAPH.CENTER, after=6)
    if doc.subtitle:
        _line(document.add_paragraph(), doc.subtitle, TEXT_FONT, 12, WD_ALIGN_PARAGRAPH.CENTER,
              after=6)
    _line(document.add_paragraph(), doc.unit_line, TEXT_FONT, 12, after=4)
    for table in doc.tables:
        if table.title:
            _line(document.add_paragraph(), table.title, TITLE_FONT, 12, before=6, after=4)
        add_table(document, table, SIZE_5)
        if table.note:
            _line(document.add_paragraph(), table.note, TEXT_FONT, SIZE_5, before=3)
    meta = "　　".join(line for _, line in doc.meta_lines)
    _line(document.add_paragraph(), meta, TEXT_FONT, 12, before=6)
    explained = [f for f in findings if f.explanation]
    if explained:
        _line(document.add_paragraph(), "说明：", TEXT_FONT, 12, before=6)
        for number, finding in enumerate(explained, start=1):
            _line(document.add_paragraph(), f"{number}. {finding.explanation}（{finding.message}）",
                  TEXT_FONT, SIZE_5)
    return document


def _line(paragraph, text: str, font: str, size: float, align=WD_ALIGN_PARAGRAPH.LEFT,
          before: float = 0, after: float = 0) -> None:
    tight(paragraph)
    paragraph.alignment = align
    paragraph.paragraph_format.space_before = Pt(before)
    paragraph.paragraph_format.space_after = Pt(after)
    add_text(paragraph, text, font, size)


# --------------------------------------------------------------------------------------------
# One table

def add_table(document: DocumentObject, layout: TableLayout, size: float,
              font: str = TABLE_FONT):
    """Append `layout` as a Word table in `size` pt; returns the python-docx Table.

    Paragraphs inside keep single line spacing and no indent whatever the document's body text
    uses (a fixed 28 pt line would cut 小五 text in half)."""
    table = document.add_table(rows=layout.n_rows, cols=layout.n_cols)
    if size > SIZE_SMALL_5 and layout.n_cols > WIDE_COLUMNS:
        size = SIZE_SMALL_5  # four-digit numbers in 15 columns fit the type area at 小五 only
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    _table_properties(table)
    # layout.py gives t4's fifteen columns their 五号 minimum (456 pt): at 小五 they fit the
    # type area, so the widths shrink to it
    scale = min(1.0, TABLE_WIDTH_PT / sum(layout.widths_pt))
    widths = [w * scale for w in layout.widths_pt]
    for column, width in zip(table.columns, widths):
        column.width = Pt(width)
    # The unmerged grid once (python-docx's table.cell() walks the whole table per call); a
    # merge keeps the top-left <w:tc> of its box, and boxes never overlap.
    grid = [row._tr.tc_lst for row in table.rows]
    for box in layout.boxes:
        if box.rowspan > 1 or box.colspan > 1:
            first = _Cell(grid[box.row][box.col], table)
            last = grid[box.row + box.rowspan - 1][box.col + box.colspan - 1]
            first.merge(_Cell(last, table))
    # Boxes print in a handful of ways (centred or indented, bold or not): each way is
    # formatted once through python-docx, then copied as XML (formatting 300 boxes one
    # property at a time costs half a second)
    templates: dict[tuple, object] = {}
    starts = set()
    for box in layout.boxes:
        tc = grid[box.row][box.col]
        starts.add(id(tc))
        cell = _Cell(tc, table)
        cell.width = Pt(sum(widths[box.col:box.col + box.colspan]))
        cell.vertical_alignment = WD_ALIGN_VERTICAL.CENTER
        centred = is_centred(box, layout)
        bold = is_bold(box, layout.table.layout)
        way = (centred, 0 if centred else box.level, bold, bool(box.text))
        template = templates.get(way)
        if template is None:
            template = templates[way] = _formatted_paragraph(table, way, size, font)
        paragraphs = tc.p_lst
        paragraph = deepcopy(template)
        paragraphs[0].addprevious(paragraph)
        for old in paragraphs:  # merging leaves one empty paragraph per merged cell
            tc.remove(old)
        if box.text:
            next(paragraph.iter(qn("w:t"))).text = box.text
    blank = _formatted_paragraph(table, (True, 0, False, False), size, font)
    for tc in table._tbl.iter(qn("w:tc")):  # the covered parts of a vertical merge: small too
        if id(tc) not in starts:
            for old in tc.p_lst:
                tc.remove(old)
            tc.append(deepcopy(blank))
    for index, row in enumerate(table.rows):
        properties = row._tr.get_or_add_trPr()
        properties.append(OxmlElement("w:cantSplit"))
        if index < layout.header_rows:
            properties.append(OxmlElement("w:tblHeader"))  # repeated at the top of every page
    return table


def _formatted_paragraph(table, way: tuple, size: float, font: str):
    """A <w:p> printed one way (see add_table), with a run holding "x" when it has text."""
    centred, level, bold, has_text = way
    paragraph = Paragraph(OxmlElement("w:p"), table)
    tight(paragraph)
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER if centred else WD_ALIGN_PARAGRAPH.LEFT
    if level:
        paragraph.paragraph_format.left_indent = Pt(indent_pt(level) * size / SIZE_5)
    if has_text:
        add_text(paragraph, "x", font, size, bold or None)
    _mark_size(paragraph, size)  # a blank box is as high as a line of the table's text
    return paragraph._p


def _mark_size(paragraph, size: float) -> None:
    """The paragraph mark's size: an empty paragraph takes its height from it, not its runs."""
    properties = paragraph._p.get_or_add_pPr()
    mark = OxmlElement("w:rPr")
    for tag in ("w:sz", "w:szCs"):
        element = OxmlElement(tag)
        element.set(qn("w:val"), str(round(size * 2)))
        mark.append(element)
    properties.append(mark)


def _table_properties(table) -> None:
    """Single borders on every box; a little padding inside."""
    properties = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "single")
        element.set(qn("w:sz"), "4")  # eighths of a point: ½ pt
        element.set(qn("w:space"), "0")
        element.set(qn("w:color"), "000000")
        borders.append(element)
    _insert_before(properties, borders, ("w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook"))
    margins = OxmlElement("w:tblCellMar")
    # layout.py leaves PAD_PT for padding; Word gets less, so numbers keep room to spare where
    # a substitute font has wider digits than 宋体 (LibreOffice on a machine without it)
    twips = str(round(CELL_PAD_PT * 20))
    for edge, value in (("top", "15"), ("left", twips), ("bottom", "15"), ("right", twips)):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:w"), value)
        element.set(qn("w:type"), "dxa")
        margins.append(element)
    _insert_before(properties, margins, ("w:tblLook",))


def _insert_before(parent, element, successors: tuple[str, ...]) -> None:
    """Word refuses a tblPr whose children are out of the schema's order."""
    for name in successors:
        following = parent.find(qn(name))
        if following is not None:
            following.addprevious(element)
            return
    parent.append(element)
