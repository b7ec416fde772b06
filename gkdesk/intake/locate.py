"""Finding an edition's tables in a document's grids by their labels, wherever they sit.

A row is recognised by its own label among the row's cells, together with its group (the label
of the heading or parent row, seen in the same row or above it): stat2014's 维持具体行政行为数 under
四 and under 六 stay apart. A value's column is found by walking up its grid column to the nearest
heading that is one of the table's columns, with that heading's own group further up. When a
published page's heading colspans do not line up with its data row, the row's values are taken
in the order of the headings instead.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .document import Grid
from .labels import fold
from .patterns import LabelPattern, TablePattern

FOUND_ROWS = 0.8  # a table counts as found with 80 % of its row labels and all its headings


@dataclass
class Located:
    """One cell's text in the document."""
    text: str
    where: str
    formula: str | None = None  # a formula whose value was never computed
    unit: str | None = None  # a unit note of its column heading (元 or 万元)


@dataclass
class TableMatch:
    pattern: TablePattern
    grid: Grid
    cells: dict[str, Located] = field(default_factory=dict)  # cell id → where its value is
    rows: set[int] = field(default_factory=set)  # pattern rows recognised
    columns: set[int] = field(default_factory=set)  # pattern columns recognised

    @property
    def labelled_rows(self) -> int:
        return sum(1 for r in self.pattern.rows if r.leaf) or 1

    @property
    def found(self) -> bool:
        enough = len(self.rows) >= FOUND_ROWS * self.labelled_rows
        return enough and len(self.columns) == len(self.pattern.columns)

    @property
    def score(self) -> tuple[int, int]:
        return (len(self.rows) + len(self.columns), len(self.cells))


class _Folded:
    """A grid's texts folded once: keys and unit notes."""

    def __init__(self, grid: Grid) -> None:
        self.grid = grid
        self.keys = [[fold(t)[0] for t in row] for row in grid.rows]
        self.units = [[fold(t)[1] for t in row] for row in grid.rows]

    def above(self, row: int, col: int) -> set[str]:
        return {self.keys[r][col] for r in range(row)} if col < len(self.keys[0]) else set()


def _index(patterns: list[LabelPattern]) -> dict[str, list[int]]:
    index: dict[str, list[int]] = {}
    for i, p in enumerate(patterns):
        for key in p.leaf:
            index.setdefault(key, []).append(i)
    return index


def _headings(folded: _Folded, pattern: TablePattern, index: dict[str, list[int]]
              ) -> dict[int, list[tuple[int, int]]]:
    """Where each column's heading sits (with its group above it): column → [(row, col)]."""
    found: dict[int, list[tuple[int, int]]] = {}
    for r, row in enumerate(folded.keys):
        for c, key in enumerate(row):
            for i in index.get(key, ()):
                parent = pattern.columns[i].parent
                if not parent or parent & folded.above(r, c):
                    found.setdefault(i, []).append((r, c))
    return found


def _column_at(folded: _Folded, pattern: TablePattern, index: dict[str, list[int]], row: int,
               col: int, block: int) -> tuple[int | None, bool, str | None]:
    """(the pattern column over this grid cell, whether it is the unit column, its unit note)."""
    for r in range(row - 1, -1, -1):
        key = folded.keys[r][col]
        if key in pattern.unit_column:
            return None, True, None
        for i in index.get(key, ()):
            column = pattern.columns[i]
            if column.block != block:
                continue
            if not column.parent or column.parent & folded.above(r, col):
                return i, False, folded.units[r][col]
    return None, False, None


def _value_cells(folded: _Folded, row: int, start: int) -> list[int]:
    """The first grid column of each printed box right of `start` in this row."""
    origin = folded.grid.origin[row]
    seen = {origin[start]} if start >= 0 else set()
    columns = []
    for c in range(start + 1, len(origin)):
        if origin[c] >= 0 and origin[c] not in seen:
            seen.add(origin[c])
            columns.append(c)
    return columns


def _read_row(match: TableMatch, folded: _Folded, index: dict[str, list[int]], row: int,
              pattern_row: int, leaf_col: int) -> bool:
    """Locate one data row's values; False when it holds no value box at all."""
    pattern = match.pattern
    block = pattern.rows[pattern_row].block
    wanted = [i for i in range(len(pattern.columns)) if (pattern_row, i) in pattern.cells]
    placed: dict[int, tuple[int, str | None]] = {}  # pattern column → (grid col, unit note)
    loose: list[int] = []  # value boxes whose heading was not found above them
    for c in _value_cells(folded, row, leaf_col):
        column, is_unit, unit = _column_at(folded, pattern, index, row, c, block)
        if is_unit:
            continue
        if column is None or column not in wanted or column in placed:
            loose.append(c)
            continue
        placed[column] = (c, unit)
    if len(placed) < len(wanted):
        boxes = sorted([c for c, _ in placed.values()] + loose)
        while len(boxes) > len(wanted) and not folded.grid.rows[row][boxes[-1]].strip():
            boxes.pop()  # empty boxes a clerk left at the end of the row
        if pattern.unit_column and len(boxes) > len(wanted):
            boxes = boxes[-len(wanted):]  # 统计指标 | 单位 | 统计数 without a 单位 heading
        if len(boxes) == len(wanted):  # headings that do not line up: take them in order
            placed = {i: (c, placed.get(i, (None, None))[1]) for i, c in zip(wanted, boxes)}
    if not placed:
        return False
    grid = folded.grid
    for column, (c, unit) in placed.items():
        cell_id = pattern.cells[(pattern_row, column)]
        if cell_id in match.cells:
            continue
        match.cells[cell_id] = Located(grid.rows[row][c], grid.where(row, c),
                                       grid.formulas.get((row, c)), unit)
    return True


def locate(grid: Grid, pattern: TablePattern, folded: _Folded | None = None) -> TableMatch:
    """Where this table's rows, headings and values are in one grid (maybe nowhere)."""
    folded = folded or _Folded(grid)
    match = TableMatch(pattern, grid)
    if not grid.rows:
        return match
    column_index = _index(pattern.columns)
    headings = _headings(folded, pattern, column_index)
    match.columns = set(headings)
    row_index = _index(pattern.rows)
    seen: dict[str, int] = {}  # label key → the last grid row it appeared in
    for r, keys in enumerate(folded.keys):
        choice = None
        for c, key in enumerate(keys):
            for i in row_index.get(key, ()):
                parent = pattern.rows[i].parent
                if parent and not any(k in seen for k in parent) \
                        and not parent & set(keys[:c]):
                    continue
                recency = max((seen.get(k, -1) for k in parent), default=-1)
                if parent & set(keys[:c]):
                    recency = r
                if choice is None or c > choice[0] or (c == choice[0] and recency > choice[2]):
                    choice = (c, i, recency)
        for key in keys:
            if key:
                seen[key] = r
        if choice is None:
            continue
        c, i, _ = choice
        if i in match.rows:
            continue  # a second row with the same label: the first is read
        if _read_row(match, folded, column_index, r, i, c):
            match.rows.add(i)
    _read_unlabelled(match, folded, column_index, headings)
    return match


def _read_unlabelled(match: TableMatch, folded: _Folded, index: dict[str, list[int]],
                     headings: dict[int, list[tuple[int, int]]]) -> None:
    """A table whose one row has no label (t4): the row right under its deepest heading."""
    pattern = match.pattern
    for i, row in enumerate(pattern.rows):
        if row.leaf or len(headings) < len(pattern.columns):
            continue
        first = {column: min(places) for column, places in headings.items()}
        below = max(r for r, _ in first.values()) + 1
        if below >= len(folded.keys):
            continue
        if _read_row(match, folded, index, below, i, min(c for _, c in first.values()) - 1):
            match.rows.add(i)


def fold_grid(grid: Grid) -> _Folded:
    return _Folded(grid)
