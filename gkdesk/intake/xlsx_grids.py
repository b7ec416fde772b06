"""A hand-filled .xlsx/.xlsm as grids, one per sheet (openpyxl; every part checked first).

Values are what Excel last computed (data_only): a formula cell that was never computed (a file
written by a program that does not calculate) is kept as a formula, to be reported, not guessed.
Merged ranges put their text in every cell they cover.
"""
from __future__ import annotations

import datetime
import io
import warnings

from .document import Document, Grid, grid_lines
from .limits import MAX_TABLE_CELLS, check_grids, refuse


def cell_text(value: object) -> str:
    """A cell's content as the text a reader sees: 8405.0 → 8405, 25.099999999999998 → 25.1."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float):
        return f"{value:.15g}"
    if isinstance(value, (datetime.date, datetime.time)):
        return value.isoformat()
    return str(value).strip()


def _load(raw: bytes, name: str, **options):
    from openpyxl import load_workbook

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return load_workbook(io.BytesIO(raw), keep_links=False, **options)
    except Exception:  # noqa: BLE001 - openpyxl raises anything on a malformed package
        refuse(f"“{name}”已损坏或不是 Excel 工作簿，未导入")


def _formulas(raw: bytes, name: str) -> dict[str, dict[tuple[int, int], str]]:
    """The formulas per sheet: (0-based row, column) → the formula as typed."""
    book = _load(raw, name, read_only=True, data_only=False)
    try:
        found: dict[str, dict[tuple[int, int], str]] = {}
        for ws in book.worksheets:
            for row in ws.iter_rows():
                for cell in row:
                    if getattr(cell, "data_type", None) == "f":
                        found.setdefault(ws.title, {})[(cell.row - 1, cell.column - 1)] = \
                            str(cell.value)
        return found
    finally:
        book.close()


def read_xlsx_grids(raw: bytes, name: str) -> Document:
    book = _load(raw, name, data_only=True)
    formulas = _formulas(raw, name)
    grids: list[Grid] = []
    for ws in book.worksheets:
        if getattr(ws, "sheet_state", "visible") != "visible":
            continue
        cells = {(c.row - 1, c.column - 1): c.value for c in ws._cells.values()
                 if c.value is not None}
        places = formulas.get(ws.title, {})
        if not cells and not places:
            continue
        height = max(r for r, _ in list(cells) + list(places)) + 1
        width = max(c for _, c in list(cells) + list(places)) + 1
        if height * width > MAX_TABLE_CELLS:
            refuse(f"“{name}”的工作表“{ws.title}”过大，不像统计表")
        rows = [[""] * width for _ in range(height)]
        origin = [[r * width + c for c in range(width)] for r in range(height)]
        for (r, c), value in cells.items():
            rows[r][c] = cell_text(value)
        for merged in ws.merged_cells.ranges:
            top, left = merged.min_row - 1, merged.min_col - 1
            if top >= height or left >= width:
                continue
            for r in range(top, min(merged.max_row, height)):
                for c in range(left, min(merged.max_col, width)):
                    rows[r][c] = rows[top][left]
                    origin[r][c] = origin[top][left]
        grid = Grid(ws.title, rows, origin, excel=True)
        for (r, c), formula in places.items():
            if r < height and c < width and cells.get((r, c)) is None:
                grid.formulas[(r, c)] = formula
        grids.append(grid)
        check_grids(grids, name)
    book.close()
    return Document("xlsx", grids, grid_lines(grids), name)
