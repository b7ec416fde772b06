"""The printed form of a draft, shared by every exporter.

Walks each table's Grid once and hands the exporters what they draw: boxes with their text and
value, column widths in points, and the lines around the tables (title, 填报单位, 填报人 …).
Nothing here knows a particular edition: a new edition is new layout data, not new code.
"""
from __future__ import annotations

import math
import unicodedata
from dataclasses import dataclass

from ..draft import Draft
from ..editions import Edition, Table
from ..numbers import Value, format_value

# The GB/T 9704 type area of an A4 page is 156 mm wide: a table this wide pastes into a report
# without sticking out of the margins, and prints on A4 portrait without scaling.
TABLE_WIDTH_PT = 442.0
FONT_PT = 10.5  # 五号, the usual size of a table in a government report
LINE_PT = 14.0  # one line of wrapped 10.5 pt 宋体 in a spreadsheet row
PAD_PT = 8.0  # left + right padding inside a box
GROUP_LABEL_EM = 7  # a group label up to this long keeps to one line, a longer one to two

UNIT_LABEL = "填报单位："
META_LABELS = {"filled_by": "填报人：", "phone": "联系电话：", "filled_on": "填报日期："}


@dataclass(frozen=True)
class Box:
    """One box of a table as printed; `text` is what it shows (a value already formatted)."""
    row: int
    col: int
    rowspan: int
    colspan: int
    role: str  # corner, header, heading, label, unit, value
    text: str
    cell: str | None = None
    value: Value | None = None
    kind: str | None = None
    level: int = 0
    suffix: str = ""  # a unit printed after a value's number (e.g. 万元)


def is_bold(box: Box, layout: str) -> bool:
    """Headers, and the top-level rows (一、二、…) of a list table, print in bold."""
    if box.role in ("header", "corner"):
        return True
    return box.level == 0 and (box.role == "heading" or (box.role == "label" and layout == "list"))


@dataclass(frozen=True)
class TableLayout:
    table: Table
    title: str  # printed above the table; "" when the document title already names it
    boxes: tuple[Box, ...]  # row by row, left to right
    n_rows: int
    n_cols: int
    header_rows: int  # rows repeated on every printed page
    widths_pt: tuple[float, ...]
    note: str

    def width_of(self, box: Box) -> float:
        return sum(self.widths_pt[box.col:box.col + box.colspan])


def is_centred(box: Box, table: TableLayout) -> bool:
    """Headers, units and values print centred, as do a heading across the whole table and a
    group label spanning three rows or more; other labels align left, indented by level."""
    across = box.role == "heading" and box.colspan == table.n_cols
    return box.role in ("header", "corner", "unit", "value") or across or box.rowspan > 2


@dataclass(frozen=True)
class DocumentLayout:
    title: str
    subtitle: str
    unit_line: str
    meta_lines: tuple[tuple[str, str], ...]  # (meta key, printed line)
    tables: tuple[TableLayout, ...]


def document_layout(draft: Draft) -> DocumentLayout:
    edition = draft.edition_obj
    tables = tuple(table_layout(table, edition, draft.values, titled=len(edition.tables) > 1)
                   for table in edition.tables)
    meta = tuple((key, label + draft.meta.get(key, "")) for key, label in META_LABELS.items())
    return DocumentLayout(edition.title_for(draft.year), edition.subtitle,
                          UNIT_LABEL + draft.unit, meta, tables)


def table_layout(table: Table, edition: Edition, values: dict[str, Value],
                 titled: bool = True) -> TableLayout:
    grid = table.grid
    boxes = []
    for item in sorted(grid.items, key=lambda i: (i.row, i.col)):
        value = values.get(item.cell) if item.cell else None
        cell = edition.cells.get(item.cell) if item.cell else None
        suffix = item.suffix
        if item.cell:
            text = format_value(value) + (f" {suffix}" if suffix and value is not None else "")
        else:
            text = item.text
        boxes.append(Box(item.row, item.col, item.rowspan, item.colspan, item.role, text,
                         item.cell, value, cell.kind if cell else None, item.level, suffix))
    widths = column_widths(boxes, grid.n_cols)
    return TableLayout(table, table.title if titled else "", tuple(boxes), grid.n_rows,
                       grid.n_cols, grid.header_rows, widths, table.note)


# --------------------------------------------------------------------------------------------
# Measuring

def text_width_pt(text: str, size: float = FONT_PT) -> float:
    """Printed width of one line: CJK and full-width characters are one em, others about half."""
    em = 0.0
    for ch in text:
        em += 1.0 if unicodedata.east_asian_width(ch) in "WFA" else 0.55
    return em * size


def indent_pt(level: int) -> float:
    return level * FONT_PT


def lines_needed(text: str, width_pt: float, size: float = FONT_PT) -> int:
    """How many lines a box of this width wraps its text into (CJK breaks anywhere)."""
    usable = max(width_pt - PAD_PT, size)
    total = 0
    for part in (text or "").split("\n"):
        total += max(1, math.ceil(text_width_pt(part, size) / usable - 0.02))
    return total


def _min_width(box: Box) -> float:
    if box.role == "value":
        return max(text_width_pt("0" * max(len(box.text), 3)) + PAD_PT, 24.0)
    natural = text_width_pt(box.text) + PAD_PT + indent_pt(box.level)
    if box.role == "label" and box.rowspan > 1:
        # A group label beside its rows (三、本年度办理结果, （三）不予公开) is read as one
        # phrase: on one line when short, else on two; never a column of 2-character lines.
        text = text_width_pt(box.text)
        lines = 1 if text <= GROUP_LABEL_EM * FONT_PT else 2
        # half an em to spare: Word's rounding must not push the last character down a line
        return (math.ceil(text / lines / FONT_PT) + 0.5) * FONT_PT + PAD_PT + indent_pt(box.level)
    # headers and tall boxes may stack their text narrowly; row labels need room to be read
    chars = 2 if box.rowspan >= 3 or box.role in ("header", "corner") else 4
    return min(natural, chars * FONT_PT + PAD_PT + indent_pt(box.level))


def _preferred_width(box: Box) -> float:
    """Room for the text on one line, with an em to spare so it never touches a border; a box
    spanning several rows only needs to fit its text into those rows."""
    if box.role == "value":
        return max(_min_width(box), text_width_pt("0" * 6) + PAD_PT) + FONT_PT
    text = text_width_pt(box.text)
    if box.rowspan > 1:
        text = max(text / box.rowspan, 4 * FONT_PT) if text > 4 * FONT_PT else text
    return text + PAD_PT + indent_pt(box.level) + FONT_PT


# Who gets the spare width first: the body of the table (its rows repeat, so wrapping there
# costs the most height), then the headers, whose text wraps only once.
_PHASES = (("label", "heading", "unit", "value"), ("header", "corner"))


def column_widths(boxes: list[Box], n_cols: int) -> tuple[float, ...]:
    """Share TABLE_WIDTH_PT among the columns: every column its minimum; then, phase by phase,
    the rest to the columns whose text would otherwise wrap, in proportion to what they lack
    (a column whose text fits takes no more than it needs); what is left is shared by all."""
    widths = [PAD_PT + FONT_PT * 2] * n_cols
    for box in boxes:
        if box.colspan == 1:
            widths[box.col] = max(widths[box.col], _min_width(box))
    for roles in _PHASES:
        wanted = list(widths)
        for box in boxes:
            if box.colspan == 1 and box.role in roles:
                wanted[box.col] = max(wanted[box.col], _preferred_width(box))
        spare = TABLE_WIDTH_PT - sum(widths)
        need = sum(w - have for w, have in zip(wanted, widths))
        if spare <= 0.01 or need <= 0.01:
            continue
        share = min(1.0, spare / need)
        widths = [have + (w - have) * share for w, have in zip(wanted, widths)]
    spare = TABLE_WIDTH_PT - sum(widths)
    if spare > 0.01:  # everything fits: widen in proportion, so the table fills the line
        scale = TABLE_WIDTH_PT / sum(widths)
        widths = [w * scale for w in widths]
    return tuple(round(w, 1) for w in widths)
