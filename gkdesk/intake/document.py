"""What every format reader produces: plain grids of cell texts, and the document's text lines.

A grid is one table (a sheet, a Word table, an HTML <table>) with merged cells expanded: a cell
spanning three columns puts its text in all three, and `origin` tells which grid cells are the
same printed box. Numbers come as the text a reader sees (12, 2.6); a formula without a cached
value is kept in `formulas` so that it is reported, never guessed.
"""
from __future__ import annotations

from dataclasses import dataclass, field


def column_letter(col: int) -> str:
    """1 → A, 27 → AA (as Excel names columns)."""
    letters = ""
    while col > 0:
        col, rest = divmod(col - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


@dataclass
class Grid:
    name: str  # 工作表“Sheet1” or 表格2: where the clerk looks
    rows: list[list[str]]
    origin: list[list[int]]  # the id of the printed box each cell belongs to; -1: none
    excel: bool = False  # cells are named A1-style
    formulas: dict[tuple[int, int], str] = field(default_factory=dict)
    parts: list[tuple[int, "Grid"]] = field(default_factory=list)  # a joined grid's pieces

    def where(self, row: int, col: int) -> str:
        for top, part in reversed(self.parts):
            if row >= top:
                return part.where(row - top, col)
        if self.excel:
            return f"{self.name}!{column_letter(col + 1)}{row + 1}"
        return f"{self.name}第{row + 1}行第{col + 1}列"


@dataclass
class Document:
    source: str  # xlsx | xls | docx | html
    grids: list[Grid]
    lines: list[str]  # text outside the tables (and the tables' title rows), in reading order
    file_name: str = ""


def joined(grids: list[Grid]) -> Grid:
    """Grids one under the other: a table a page break or a blank paragraph cut in two."""
    width = max(len(g.rows[0]) if g.rows else 0 for g in grids)
    rows, origin, parts, formulas = [], [], [], {}
    offset = 0
    for grid in grids:
        parts.append((len(rows), grid))
        for (r, c), text in grid.formulas.items():
            formulas[(r + len(rows), c)] = text
        for line, ids in zip(grid.rows, grid.origin):
            rows.append(line + [""] * (width - len(line)))
            origin.append([i + offset if i >= 0 else -1 for i in ids] + [-1] * (width - len(ids)))
        offset += 1 + max((i for ids in grid.origin for i in ids), default=0)
    return Grid("、".join(g.name for g in grids), rows, origin, grids[0].excel, formulas, parts)


def grid_lines(grids: list[Grid]) -> list[str]:
    """The tables' own texts as lines, once each (a title row or 填报单位 line inside a table)."""
    return list(dict.fromkeys(text for grid in grids for row in grid.rows for text in row if text))


class GridBuilder:
    """Lays out rows of (text, rowspan, colspan) boxes the way HTML and Word tables do."""

    def __init__(self, name: str, max_cells: int) -> None:
        self.name = name
        self.max_cells = max_cells
        self.rows: list[list[str | None]] = []
        self.origin: list[list[int]] = []
        self._next_id = 0
        self._cells = 0
        self._row = 0  # the next row to add (rows below may already hold spanning boxes)

    def _ensure(self, row: int, col: int) -> None:
        while len(self.rows) <= row:
            self.rows.append([])
            self.origin.append([])
        line, ids = self.rows[row], self.origin[row]
        while len(line) <= col:
            line.append(None)
            ids.append(-1)
            self._cells += 1
        if self._cells > self.max_cells:
            raise OverflowError("table too large")

    def add_row(self, boxes: list[tuple[str, int, int]]) -> None:
        r = self._row
        self._row += 1
        self._ensure(r, 0)
        col = 0
        for text, rowspan, colspan in boxes:
            while col < len(self.rows[r]) and self.rows[r][col] is not None:
                col += 1  # taken by a box from a row above
            col += self._place(text, r, col, rowspan, colspan)

    def add_row_at(self, boxes: list[tuple[str, int, int, int]]) -> None:
        """A row whose boxes know their grid column (text, rowspan, colspan, column)."""
        r = self._row
        self._row += 1
        self._ensure(r, 0)
        for text, rowspan, colspan, col in boxes:
            self._place(text, r, col, rowspan, colspan)

    def _place(self, text: str, row: int, col: int, rowspan: int, colspan: int) -> int:
        """One box over the free cells its spans cover from (row, col); returns its width."""
        box = self._next_id
        self._next_id += 1
        rowspan = min(max(rowspan, 1), 1000)  # as browsers clamp them
        colspan = min(max(colspan, 1), 1000)
        for dr in range(rowspan):
            for dc in range(colspan):
                self._ensure(row + dr, col + dc)
                if self.rows[row + dr][col + dc] is None:
                    self.rows[row + dr][col + dc] = text
                    self.origin[row + dr][col + dc] = box
        return colspan

    def grid(self) -> Grid:
        del self.rows[self._row:], self.origin[self._row:]  # spans past the last row are clipped
        width = max((len(r) for r in self.rows), default=0)
        rows = [[t or "" for t in line] + [""] * (width - len(line)) for line in self.rows]
        # a row shorter than the table is padded with cells of no box (origin -1)
        origin = [list(line) + [-1] * (width - len(line)) for line in self.origin]
        return Grid(self.name, rows, origin)
