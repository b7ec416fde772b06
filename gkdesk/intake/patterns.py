"""What to look for in a document, read off an edition's printed grid: for every value cell, its
row label (with the group above it) and its column heading path, each as folded label keys
(the official wording and the edition file's aliases)."""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from ..editions import Edition, GridItem, Table, get_edition
from .labels import normalise


@dataclass(frozen=True)
class LabelPattern:
    """A row or a column: matched by its last label, kept apart from look-alikes by its group."""
    leaf: frozenset[str]  # keys of its own label; empty for t4's one unlabelled row
    parent: frozenset[str]  # keys of the group label above it (empty: none)
    official: str  # the label as the edition prints it, for "not found"
    block: int


@dataclass
class TablePattern:
    id: str
    title: str
    rows: list[LabelPattern] = field(default_factory=list)
    columns: list[LabelPattern] = field(default_factory=list)
    cells: dict[tuple[int, int], str] = field(default_factory=dict)  # (row, column) → cell id
    unit_column: frozenset[str] = frozenset()  # a list table's 单位 column

    @property
    def keys(self) -> set[str]:
        """Every label key this table has (rows, groups and headings)."""
        found: set[str] = set()
        for p in self.rows + self.columns:
            found |= p.leaf | p.parent
        return found


def _keys(item: GridItem | None) -> frozenset[str]:
    if item is None:
        return frozenset()
    return frozenset(k for k in (normalise(t) for t in (item.text, *item.aliases)) if k)


def _list_table(table: Table) -> TablePattern:
    pattern = TablePattern(table.id, table.title)
    headers = sorted((i for i in table.grid.items if i.role == "header"), key=lambda i: i.col)
    pattern.unit_column = _keys(headers[1])
    pattern.columns.append(LabelPattern(_keys(headers[2]), frozenset(), headers[2].text, 0))
    stack: list[GridItem] = []  # the rows above, one per level: a row's group is the last
    for item in sorted(table.grid.items, key=lambda i: (i.row, i.col)):
        if item.role not in ("label", "heading"):
            continue
        while stack and stack[-1].level >= item.level:
            stack.pop()
        parent = stack[-1] if stack else None
        stack.append(item)
        if item.role == "heading":
            continue
        value = next(i for i in table.grid.items if i.row == item.row and i.role == "value")
        pattern.cells[(len(pattern.rows), 0)] = value.cell or ""
        pattern.rows.append(LabelPattern(_keys(item), _keys(parent), item.text, 0))
    return pattern


def _matrix_table(table: Table) -> TablePattern:
    pattern = TablePattern(table.id, table.title)
    by_row: dict[int, list[GridItem]] = {}
    for item in table.grid.items:
        by_row.setdefault(item.row, []).append(item)
    labels = [i for i in table.grid.items if i.role == "label"]
    headers: list[GridItem] = []
    block = -1
    previous_was_header = False
    columns: dict[tuple[int, int, int], int] = {}  # (block, leaf item row, leaf col) → index
    for r in sorted(by_row):
        items = sorted(by_row[r], key=lambda i: i.col)
        if any(i.role in ("header", "heading") for i in items):
            if not previous_was_header:
                block += 1
                headers = []
            headers.extend(i for i in items if i.role == "header")
            previous_was_header = True
            continue
        previous_was_header = False
        values = [i for i in items if i.role == "value"]
        if not values:
            continue
        path = sorted((i for i in labels if i.row <= r < i.row + i.rowspan), key=lambda i: i.col)
        leaf = path[-1] if path else None
        parent = path[-2] if len(path) > 1 else None
        row_index = len(pattern.rows)
        pattern.rows.append(LabelPattern(_keys(leaf), _keys(parent),
                                         leaf.text if leaf else "", block))
        for value in values:
            heads = sorted((h for h in headers if h.col <= value.col < h.col + h.colspan),
                           key=lambda h: h.row)
            heads = [h for h in heads if h.text]
            head = heads[-1] if heads else None
            key = (block, head.row if head else -1, head.col if head else value.col)
            if key not in columns:
                columns[key] = len(pattern.columns)
                pattern.columns.append(LabelPattern(
                    _keys(head), _keys(heads[-2] if len(heads) > 1 else None),
                    head.text if head else "", block))
            pattern.cells[(row_index, columns[key])] = value.cell or ""
    return pattern


@lru_cache(maxsize=None)
def table_patterns(edition_id: str) -> tuple[TablePattern, ...]:
    edition: Edition = get_edition(edition_id)
    return tuple(_list_table(t) if t.layout == "list" else _matrix_table(t)
                 for t in edition.tables)
