"""Cell and page helpers shared by the exported workbook (exporting/xlsx.py) and the merge's
汇总 workbook (consolidation/workbook.py): fonts, borders and number formats set fast, merged
boxes, text kept as text, column widths in pt, and A4 print setup."""
from __future__ import annotations

from copy import copy
from decimal import Decimal

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.merge import MergedCellRange
from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.worksheet import Worksheet

from ..numbers import Value, normalize_decimal

BODY_FONT = "宋体"
COUNT_FORMAT = "0"
MONEY_FORMAT = "0.0###"  # a fractional 万元 amount: its digits, up to 4, no trailing zeros

# Page margins in inches: left, right, top, bottom, header, footer
Margins = tuple[float, float, float, float, float, float]

_THIN = Side(style="thin", color="000000")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)


def style(cell, font: Font, align: tuple[str, bool, int], border: bool = True,
          number_format: str = "General") -> None:
    """Give a cell its font, alignment (horizontal, wrap, indent), border and number format.

    openpyxl hashes every Font/Alignment/Border object on assignment, which took most of the
    export time; a style met before in this workbook is copied as openpyxl's own style array
    (what its copy_worksheet does)."""
    cache = cell.parent.parent.__dict__.setdefault("_gkdesk_styles", {})
    key = (id(font), align, border, number_format)
    known = cache.get(key)
    if known is not None:
        cell._style = copy(known)
        return
    horizontal, wrap, indent = align
    cell.font = font
    cell.alignment = Alignment(horizontal=horizontal, vertical="center", wrap_text=wrap or None,
                               indent=indent)
    if border:
        cell.border = _BORDER
    cell.number_format = number_format
    cache[key] = copy(cell._style)


def merge(ws: Worksheet, first_row: int, first_col: int, last_row: int, last_col: int) -> None:
    """Merge a range whose top-left cell is styled: the covered cells get the same style (so
    the box's border is drawn all round), as Excel itself writes merged cells. Done directly
    because openpyxl's merge_cells re-derives each edge cell's border, slowly."""
    first = ws.cell(first_row, first_col)._style
    for row in range(first_row, last_row + 1):
        for col in range(first_col, last_col + 1):
            if (row, col) != (first_row, first_col):
                ws.cell(row, col)._style = copy(first)
    coordinates = (f"{get_column_letter(first_col)}{first_row}:"
                   f"{get_column_letter(last_col)}{last_row}")
    ws.merged_cells.add(MergedCellRange(ws, coordinates))


def put_text(cell, text: str) -> None:
    """Store text as text: a unit name like =HYPERLINK(…) or #N/A must never become a formula
    or an error value; characters XML cannot hold are dropped."""
    cell.value = ILLEGAL_CHARACTERS_RE.sub("", text)
    cell.data_type = "s"


def excel_width(pt: float) -> float:
    """Excel's column width for a width in pt: in widths of the default font's digit (7 px for
    openpyxl's Calibri 11 at 96 dpi), the cell padding included (ECMA-376 §18.3.1.13)."""
    return round(max(pt / 0.75, 7) / 7, 2)


def cell_number(value: Value | None) -> Value | None:
    """A value as a cell holds it: a number or blank, a Decimal without exponent."""
    return normalize_decimal(value) if isinstance(value, Decimal) else value


def number_format(kind: str, value: Value | None) -> str:
    """A whole count as 0; an amount in 万元 as it is, with its decimals when it has some."""
    if kind == "money":
        fractional = isinstance(value, Decimal) and value != value.to_integral_value()
        return MONEY_FORMAT if fractional else "General"
    return COUNT_FORMAT


def print_setup(ws: Worksheet, area: str, *, orientation: str, margins: Margins,
                fit_width: bool = True, centred: bool = False, title_rows: str | None = None,
                title_cols: str | None = None) -> None:
    """A4 in `orientation`, page numbers in the footer, no grid lines; `fit_width`: one page
    wide, as many down as it takes; `title_rows`/`title_cols` repeated on every page."""
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = orientation
    if fit_width:
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0  # as many pages down as it takes
        ws.sheet_properties.pageSetUpPr.fitToPage = True
    if centred:
        ws.print_options.horizontalCentered = True
    ws.page_margins = PageMargins(*margins)
    ws.oddFooter.center.text = "第 &P 页 共 &N 页"
    ws.oddFooter.center.font = BODY_FONT
    ws.oddFooter.center.size = 9
    ws.print_area = area
    if title_rows:
        ws.print_title_rows = title_rows
    if title_cols:
        ws.print_title_cols = title_cols
    ws.sheet_view.showGridLines = False
