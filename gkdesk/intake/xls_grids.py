"""An Excel 97–2003 .xls as grids, one per sheet (xlrd; merged ranges need formatting_info).

xlrd keeps the value Excel stored for a formula, which is what the clerk saw.
"""
from __future__ import annotations

from .document import Document, Grid, grid_lines
from .limits import MAX_TABLE_CELLS, check_grids, refuse
from .xlsx_grids import cell_text


def read_xls(raw: bytes, name: str) -> Document:
    import xlrd

    try:
        book = xlrd.open_workbook(file_contents=raw, formatting_info=True, on_demand=True,
                                  logfile=_Quiet())
    except Exception:  # noqa: BLE001 - xlrd raises many kinds on a damaged or encrypted file
        refuse(f"“{name}”已损坏、加密或不是 Excel 97–2003 工作簿（.xls），请在 Excel 中另存为 .xlsx 后再导入")
    grids: list[Grid] = []
    try:
        for index in range(book.nsheets):
            try:
                ws = book.sheet_by_index(index)
            except Exception:  # noqa: BLE001
                refuse(f"“{name}”已损坏，无法读取其中的工作表，未导入")
            if ws.visibility != 0 or ws.nrows == 0:
                continue
            height, width = ws.nrows, ws.ncols
            if height * width > MAX_TABLE_CELLS:
                refuse(f"“{name}”的工作表“{ws.name}”过大，不像统计表")
            rows = [[_text(ws.cell(r, c)) for c in range(width)] for r in range(height)]
            origin = [[r * width + c for c in range(width)] for r in range(height)]
            for top, bottom, left, right in ws.merged_cells:
                for r in range(top, min(bottom, height)):
                    for c in range(left, min(right, width)):
                        rows[r][c] = rows[top][left]
                        origin[r][c] = origin[top][left]
            grids.append(Grid(ws.name, rows, origin, excel=True))
            check_grids(grids, name)
    finally:
        book.release_resources()
    return Document("xls", grids, grid_lines(grids), name)


def _text(cell) -> str:
    import xlrd

    if cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK, xlrd.XL_CELL_ERROR):
        return ""
    if cell.ctype == xlrd.XL_CELL_BOOLEAN:
        return cell_text(bool(cell.value))
    return cell_text(cell.value)


class _Quiet:
    """xlrd writes warnings about odd files to a log file; a clerk's console stays clean."""

    def write(self, text: str) -> None:
        pass
