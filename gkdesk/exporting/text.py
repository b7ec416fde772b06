"""Draft → tab-separated text: what 复制表格 puts beside the HTML, so a paste into Excel is a table.

A spanning box's text goes in its top-left position and the positions it covers stay empty, the
way Excel itself copies merged cells.
"""
from __future__ import annotations

from ..draft import Draft
from ..numbers import format_value
from .layout import document_layout


_CELL_BREAKS = str.maketrans("\t\r\n", "   ")


def _clean(text: str) -> str:
    """A tab or line break inside a box would split it into several cells: each is a space."""
    return text.translate(_CELL_BREAKS)


def table_tsv(draft: Draft) -> str:
    """The table(s) as lines of tab-separated boxes; tables with titles are separated by a
    blank line, each preceded by its title."""
    blocks = []
    for table in document_layout(draft).tables:
        grid = [[""] * table.n_cols for _ in range(table.n_rows)]
        for box in table.boxes:
            # a value goes as the bare number (12.5, not "12.5 万元") so Excel takes it as one
            text = format_value(box.value) if box.cell else box.text
            grid[box.row][box.col] = _clean(text)
        lines = ["\t".join(row) for row in grid]
        if table.title:
            lines.insert(0, _clean(table.title))
        if table.note:
            lines.append(_clean(table.note))
        blocks.append("\r\n".join(lines))
    return "\r\n\r\n".join(blocks) + "\r\n"
