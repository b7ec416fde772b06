"""Draft → .xlsx laid out like the official table, ready to print on A4; and back (read_xlsx).

One worksheet per table of the edition (stat2014 has one, 统计表), then 校验结果. Values are
numbers, never formulas; text from users is forced to text. The cell-id map lives in defined
names (see stamp.py), the edition, year and unit in the custom document properties.
"""
from __future__ import annotations

import json
import os
import re

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.packaging.custom import IntProperty, StringProperty
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.worksheet import Worksheet

from .. import __version__
from ..draft import Draft
from ..rules import SEVERITY_NAMES, Finding, summary_text
from . import stamp
from .files import write_atomically
from .layout import (FONT_PT, LINE_PT, Box, DocumentLayout, TableLayout,
                     document_layout, indent_pt, is_bold, is_centred, lines_needed)
from .xlsx_cells import (BODY_FONT, cell_number, excel_width, merge, number_format,
                         print_setup, put_text, style)
from .xlsx_read import WorkbookError, read_xlsx  # noqa: F401  (the importer lives beside)

TITLE_FONT = "黑体"
TITLE_PT = 16
FINDINGS_SHEET = "校验结果"

_BODY = Font(name=BODY_FONT, size=FONT_PT)
_BOLD = Font(name=BODY_FONT, size=FONT_PT, bold=True)
_TITLE = Font(name=TITLE_FONT, size=TITLE_PT)
_SUBTITLE = Font(name=BODY_FONT, size=12)
_TABLE_TITLE = Font(name=TITLE_FONT, size=12)
_SHEET_NAME_BAD = re.compile(r"[\[\]:*?/\\]")


def write_xlsx(draft: Draft, path: str | os.PathLike,
               findings: list[Finding] | None = None) -> None:
    """Write the workbook to `path` (replaced whole; an earlier file survives a failure)."""
    workbook = build_workbook(draft, draft.findings() if findings is None else findings)
    write_atomically(path, lambda temp: workbook.save(temp))


def build_workbook(draft: Draft, findings: list[Finding]) -> Workbook:
    workbook = Workbook()
    workbook.remove(workbook.active)
    doc = add_table_sheets(workbook, draft)
    _findings_sheet(workbook, workbook.create_sheet(FINDINGS_SHEET), draft, findings)
    if draft.previous is not None:
        _previous_sheet(workbook.create_sheet(stamp.PREVIOUS_SHEET), draft)
    stamp_properties(workbook, draft, doc)
    return workbook


def add_table_sheets(workbook: Workbook, draft: Draft) -> DocumentLayout:
    """The draft's table sheets in the official layout, as `export` writes them (the cell ids
    as defined names on the first); other workbooks (the 汇总 book) start with these too."""
    doc = document_layout(draft)
    for index, table in enumerate(doc.tables):
        name = "统计表" if len(doc.tables) == 1 else _sheet_name(table.title or table.table.id)
        sheet = workbook.create_sheet(name)
        _table_sheet(workbook, sheet, doc, table, named=index == 0)
    return doc


def _sheet_name(title: str) -> str:
    return _SHEET_NAME_BAD.sub("", title)[:31] or "表"


# --------------------------------------------------------------------------------------------
# The table sheet

def _table_sheet(workbook: Workbook, ws: Worksheet, doc: DocumentLayout, table: TableLayout,
                 named: bool) -> None:
    """Title lines, the grid, then the note and the 填报人 lines; names on the first sheet."""
    width = table.n_cols
    total_pt = sum(table.widths_pt)
    for col, pt in enumerate(table.widths_pt, start=1):
        ws.column_dimensions[get_column_letter(col)].width = excel_width(pt)
    row = 1
    row = _line(ws, row, width, total_pt, doc.title, _TITLE, "center")
    if doc.subtitle:
        row = _line(ws, row, width, total_pt, doc.subtitle, _SUBTITLE, "center")
    if table.title:
        row = _line(ws, row, width, total_pt, table.title, _TABLE_TITLE, "left")
    unit_row = row
    row = _line(ws, row, width, total_pt, doc.unit_line, _BODY, "left")
    if named:
        _name(workbook, ws, stamp.meta_name("unit"), unit_row, 1)
    top = row
    _grid(workbook, ws, table, top)
    row = top + table.n_rows
    if table.note:
        row = _line(ws, row, width, total_pt, table.note, _BODY, "left")
    for key, text in doc.meta_lines:
        if named:
            _name(workbook, ws, stamp.meta_name(key), row, 1)
        row = _line(ws, row, width, total_pt, text, _BODY, "left")
    header = (top, top + table.header_rows - 1) if table.header_rows else None
    _print_setup(ws, width, row - 1, header)


def _line(ws: Worksheet, row: int, n_cols: int, width_pt: float, text: str, font: Font,
          align: str) -> int:
    """One line of text across the table's width, its row as tall as the text in `font` needs;
    returns the next row."""
    cell = ws.cell(row, 1)
    put_text(cell, text)
    style(cell, font, (align, True, 0), border=False)
    if n_cols > 1:
        merge(ws, row, 1, row, n_cols)
    lines = lines_needed(text, width_pt, font.sz)
    ws.row_dimensions[row].height = round(lines * font.sz * 1.35 + 6, 1)
    return row + 1


def _grid(workbook: Workbook, ws: Worksheet, table: TableLayout, top: int) -> None:
    need = [0.0] * table.n_rows  # height each grid row needs
    tall: list[tuple[Box, float]] = []
    for box in table.boxes:
        row, col = top + box.row, 1 + box.col
        cell = ws.cell(row, col)
        if box.role == "value":
            _value_cell(cell, box)
            if box.cell:
                _name(workbook, ws, stamp.cell_name(box.cell), row, col)
        else:
            put_text(cell, box.text)
            style(cell, _BOLD if is_bold(box, table.table.layout) else _BODY,
                  _text_alignment(box, table))
        if box.rowspan > 1 or box.colspan > 1:
            merge(ws, row, col, row + box.rowspan - 1, col + box.colspan - 1)
        height = lines_needed(box.text, table.width_of(box) - indent_pt(box.level)) * LINE_PT + 6
        if box.rowspan == 1:
            need[box.row] = max(need[box.row], height)
        else:
            tall.append((box, height))
    for box, height in tall:  # a tall box's text must fit in the rows it spans
        rows = range(box.row, box.row + box.rowspan)
        short = height - sum(need[r] for r in rows)
        if short > 0:  # shared by its rows, so they stay even (not one tall last row)
            for r in rows:
                need[r] += short / len(rows)
    for r, height in enumerate(need):
        ws.row_dimensions[top + r].height = round(max(height, LINE_PT + 6), 1)


def _value_cell(cell, box: Box) -> None:
    value = cell_number(box.value)
    cell.value = value  # int | Decimal | None: a number or blank, never text or a formula
    if not box.cell:
        style(cell, _BODY, ("center", False, 0))
        return
    shown = number_format(box.kind, value)
    if box.suffix:  # the unit printed beside the number; the cell still holds a number
        shown += '" ' + box.suffix.replace('"', "") + '"'
    style(cell, _BODY, ("center", False, 0), number_format=shown)


def _text_alignment(box: Box, table: TableLayout) -> tuple[str, bool, int]:
    if is_centred(box, table):
        return ("center", True, 0)
    return ("left", True, box.level)


def _print_setup(ws: Worksheet, n_cols: int, last_row: int,
                 header: tuple[int, int] | None) -> None:
    print_setup(ws, f"A1:{get_column_letter(n_cols)}{last_row}", orientation="portrait",
                margins=(0.6, 0.6, 0.75, 0.75, 0.3, 0.35), centred=True,
                title_rows=f"{header[0]}:{header[1]}" if header else None)
    if header:
        ws.freeze_panes = ws.cell(header[1] + 1, 1).coordinate


# --------------------------------------------------------------------------------------------
# 校验结果

_FINDING_COLUMNS = (("序号", 26.0), ("级别", 32.0), ("所在表格", 72.0), ("问题", 210.0),
                    ("说明", 120.0))
EXPLANATION_COLUMN = 5


def _findings_sheet(workbook: Workbook, ws: Worksheet, draft: Draft,
                    findings: list[Finding]) -> None:
    """Every finding in words, with the clerk's explanation (editable: it is read back on
    import, found by its defined name), then explanations whose finding no longer arises, so
    nothing the clerk wrote is lost. The sheet is hidden: it is for the clerk, not part of the
    printed table (printing the whole workbook skips it); 取消隐藏 shows it."""
    ws.sheet_state = "hidden"
    edition_tables = draft.edition_obj.tables
    tables = {cell: table.title if len(edition_tables) > 1 else "统计表"
              for table in edition_tables for cell in table.cells}
    total_pt = sum(w for _, w in _FINDING_COLUMNS)
    for col, (_, pt) in enumerate(_FINDING_COLUMNS, start=1):
        ws.column_dimensions[get_column_letter(col)].width = excel_width(pt)
    n_cols = len(_FINDING_COLUMNS)
    title = f"校验结果：{summary_text(findings)}"
    row = _line(ws, 1, n_cols, total_pt, title, _TABLE_TITLE, "left")
    header_row = row
    for col, (text, _) in enumerate(_FINDING_COLUMNS, start=1):
        cell = ws.cell(row, col)
        put_text(cell, text)
        style(cell, _BOLD, ("center", False, 0))
    row += 1
    listed = set()
    entries = []
    for finding in findings:
        listed.add(finding.key)
        entries.append((SEVERITY_NAMES.get(finding.severity, finding.severity),
                        tables.get(finding.target, "—") if finding.target else "—",
                        finding.message, finding.explanation or "", finding.key))
    for key, text in draft.explanations.items():
        if key not in listed:
            entries.append(("—", "—", "（此说明对应的问题现已不存在）", text, key))
    for number, (severity, where, message, explanation, key) in enumerate(entries, start=1):
        texts = (str(number), severity, where, message, explanation)
        lines = 1
        for col, text in enumerate(texts, start=1):
            cell = ws.cell(row, col)
            put_text(cell, text)
            style(cell, _BODY, ("center" if col <= 2 else "left", True, 0))
            lines = max(lines, lines_needed(text, _FINDING_COLUMNS[col - 1][1]))
        _name(workbook, ws, stamp.explanation_name(key), row, EXPLANATION_COLUMN)
        ws.row_dimensions[row].height = lines * LINE_PT + 6
        row += 1
    if not entries:
        row = _line(ws, row, n_cols, total_pt, "没有发现问题。", _BODY, "left")
    _print_setup(ws, n_cols, row - 1, (header_row, header_row))
    # No print area: where the table sheets have one, LibreOffice prints only print areas
    # (Excel skips the hidden sheet anyway). Unhidden and printed on purpose, it prints whole.
    ws.print_area = None


def _previous_sheet(ws: Worksheet, draft: Draft) -> None:
    """Last year's numbers (the cross-year rules and the 上年 column read them), kept as the
    draft file keeps them, on a sheet Excel does not even list: they are not the clerk's to
    edit here, and a draft imported back must not lose them."""
    ws.sheet_state = "veryHidden"
    put_text(ws["A1"], json.dumps(draft.to_json()["previous"], ensure_ascii=False))


# --------------------------------------------------------------------------------------------
# Helpers

def _name(workbook: Workbook, ws: Worksheet, name: str, row: int, col: int) -> None:
    ref = f"{_quote_sheet(ws.title)}!${get_column_letter(col)}${row}"
    workbook.defined_names.add(DefinedName(name, attr_text=ref))


def _quote_sheet(title: str) -> str:
    return "'" + title.replace("'", "''") + "'"


def stamp_properties(workbook: Workbook, draft: Draft, doc: DocumentLayout) -> None:
    """The document properties that let `import` recognise the workbook as gkdesk's."""
    props = workbook.properties
    props.title = doc.title
    props.subject = draft.edition_obj.name
    props.creator = "gkdesk"
    props.lastModifiedBy = "gkdesk"
    props.keywords = "政府信息公开工作年度报告"
    custom = workbook.custom_doc_props
    custom.append(StringProperty(name=stamp.PROP_FORMAT, value=stamp.FORMAT))
    custom.append(IntProperty(name=stamp.PROP_FORMAT_VERSION, value=stamp.FORMAT_VERSION))
    custom.append(StringProperty(name=stamp.PROP_EDITION, value=draft.edition))
    custom.append(IntProperty(name=stamp.PROP_YEAR, value=draft.year))
    unit = ILLEGAL_CHARACTERS_RE.sub("", draft.unit)[:stamp.PROPERTY_MAX]
    if unit:
        custom.append(StringProperty(name=stamp.PROP_UNIT, value=unit))
    custom.append(StringProperty(name=stamp.PROP_PROGRAM, value=f"gkdesk {__version__}"))


__all__ = ["write_xlsx", "read_xlsx", "build_workbook", "add_table_sheets", "stamp_properties",
           "WorkbookError"]
