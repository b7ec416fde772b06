"""Edition files: the TOML format (pydantic models) and building an Edition from one.

An edition file declares its tables (a "list" table: 统计指标 | 单位 | 统计数, or a "matrix" table
made of blocks with spanning headings) and its rules. Building turns it into what everything else
reads (gkdesk.editions): the ordered cells, a printable grid per table, and the rule instances.
Imported only when an edition is not in the cache: pydantic costs a quarter second to start.
"""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Literal, Union

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from .editions import (Cell, Edition, EditionError, Grid, GridItem, Phrase, RuleInstance, Severity,
                       Table, Term)
from .numbers import Kind

class _Spec(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ListRowSpec(_Spec):
    id: str = Field(min_length=1)
    label: str = Field(min_length=1)
    unit: str = ""
    level: int = Field(default=0, ge=0, le=5)
    heading: bool = False
    kind: Kind = "count"
    name: str | None = None
    aliases: list[str] = Field(default_factory=list)  # older or local wordings of the label


class ListTableSpec(_Spec):
    layout: Literal["list"]
    id: str
    title: str
    headers: list[str] = Field(min_length=3, max_length=3)
    rows: list[ListRowSpec] = Field(min_length=1)
    note: str = ""


class ColumnSpec(_Spec):
    """A value column of a matrix block; labels run top to bottom, "" extends the one above."""
    id: str = Field(min_length=1)
    labels: list[str] = Field(min_length=1)
    kind: Kind = "count"
    unit: str = ""
    show_unit: bool = False  # print the unit inside each value box, after the number
    name: str | None = None
    aliases: list[str] = Field(default_factory=list)  # other wordings of its last label


class MatrixRowSpec(_Spec):
    """A row of a matrix block; labels run left to right, "" extends the one to the left.
    An empty id makes the cells' ids table.column (a block that is one row of values)."""
    id: str = ""
    labels: list[str] = Field(default_factory=list)
    name: str | None = None
    aliases: list[str] = Field(default_factory=list)  # other wordings of its last label


class BlockSpec(_Spec):
    heading: str = ""
    corner: str = ""
    columns: list[ColumnSpec] = Field(min_length=1)
    rows: list[MatrixRowSpec] = Field(min_length=1)

    @model_validator(mode="after")
    def _even_paths(self) -> "BlockSpec":
        depths = {len(c.labels) for c in self.columns}
        if len(depths) != 1:
            raise ValueError("all columns of a block need the same number of header labels")
        if len({len(r.labels) for r in self.rows}) != 1:
            raise ValueError("all rows of a block need the same number of labels")
        return self


class MatrixTableSpec(_Spec):
    layout: Literal["matrix"]
    id: str
    title: str
    blocks: list[BlockSpec] = Field(min_length=1)
    note: str = ""


TableSpec = Annotated[Union[ListTableSpec, MatrixTableSpec], Field(discriminator="layout")]


class RuleSpec(_Spec):
    id: str = Field(min_length=1)
    kind: Literal["equal", "compare", "requires"]
    severity: Severity
    left: list[str] = Field(min_length=1)
    right: list[str] = Field(min_length=1)
    op: Literal["<=", ">="] | None = None
    target: str | None = None
    hint: str = ""
    for_each: dict[str, list[str]] = Field(default_factory=dict, max_length=1)

    @model_validator(mode="after")
    def _op_for_compare(self) -> "RuleSpec":
        if (self.kind == "compare") != (self.op is not None):
            raise ValueError("op is required for kind = compare and only there")
        return self


class PhraseSpec(_Spec):
    """Words a report uses for a figure of the table; "a|b" in a word lists its spellings."""
    id: str = Field(min_length=1)
    words: list[str] = Field(min_length=1)
    cells: list[str] = Field(min_length=1)
    also: list[list[str]] = Field(default_factory=list)  # other cell sets the words may mean
    units: list[str] = Field(min_length=1)
    name: str = ""  # default: the cells' names joined by " + "
    exclude: list[str] = Field(default_factory=list)
    none: bool = True


class YearsSpec(_Spec):
    first: int | None = None
    last: int | None = None


class EditionSpec(_Spec):
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    name: str
    short: str = ""
    years: YearsSpec
    title: str
    subtitle: str = ""
    tables: list[TableSpec] = Field(min_length=1)
    rules: list[RuleSpec] = Field(default_factory=list)
    phrases: list[PhraseSpec] = Field(default_factory=list)


# --------------------------------------------------------------------------------------------
# Building

_NUMBERING = re.compile(
    r"^(其中[：:]|（[一二三四五六七八九十]+）|[一二三四五六七八九十]+、|\d+[.．、])\s*"
)
_TRAILING_NOTE = re.compile(r"（[^（）]*）$")


def short_name(label: str) -> str:
    """A label without its numbering and trailing note: （二）申请办结数 → 申请办结数."""
    name = _NUMBERING.sub("", label.strip())
    stripped = _TRAILING_NOTE.sub("", name)
    return stripped or name


def _list_table(spec: ListTableSpec, cells: dict[str, Cell], headings: set[str]) -> Table:
    items = [GridItem(0, c, "header", text) for c, text in enumerate(spec.headers)]
    ids: list[str] = []
    for r, row in enumerate(spec.rows, start=1):
        if row.id in cells or row.id in headings:
            raise ValueError(f"row id {row.id!r} appears twice")
        if row.heading:
            headings.add(row.id)
            items.append(GridItem(r, 0, "heading", row.label, level=row.level))
            items.append(GridItem(r, 1, "unit", ""))
            items.append(GridItem(r, 2, "value", ""))
            continue
        cells[row.id] = Cell(row.id, spec.id, row.name or short_name(row.label), row.label,
                             row.kind, row.unit)
        ids.append(row.id)
        items.append(GridItem(r, 0, "label", row.label, level=row.level,
                              aliases=tuple(row.aliases)))
        items.append(GridItem(r, 1, "unit", row.unit))
        items.append(GridItem(r, 2, "value", cell=row.id))
    grid = Grid(len(spec.rows) + 1, 3, 1, 1, tuple(items))
    return Table(spec.id, spec.title, "list", grid, tuple(ids), spec.note)


@dataclass
class _Box:
    """A label box being laid out: where it starts, how far it runs, what it says."""
    line: int  # first line (row for row labels, column for header labels)
    pos: int  # position along the path (label column, or header row)
    along: int  # lines it spans
    across: int  # positions it spans
    text: str
    prefix: tuple[str, ...]  # the labels before it on its path


def _spans(paths: list[list[str]], depth: int) -> list[_Box]:
    """Lay out label paths (one per line, `depth` long) as boxes.

    "" extends the label before it in the same path; equal labels with an equal prefix on
    consecutive lines merge into one box along the lines."""
    boxes: list[_Box] = []
    open_boxes: dict[int, _Box] = {}  # by position: the box the next line may extend
    for line, path in enumerate(paths):
        pos = 0
        while pos < depth:
            text = path[pos]
            across = 1
            while pos + across < depth and path[pos + across] == "":
                across += 1
            prefix = tuple(path[:pos])
            box = open_boxes.get(pos)
            if (box is not None and text and box.text == text and box.across == across
                    and box.prefix == prefix and box.line + box.along == line):
                box.along += 1
            else:
                box = _Box(line, pos, 1, across, text, prefix)
                boxes.append(box)
                open_boxes[pos] = box
            for covered in range(pos + 1, pos + across):
                open_boxes.pop(covered, None)
            pos += across
    return boxes


def _leaf_aliases(box: _Box, specs: list, depth: int) -> tuple[str, ...]:
    """The aliases of the rows or columns whose last label this box is."""
    if box.pos + box.across != depth:
        return ()
    found: list[str] = []
    for spec in specs[box.line:box.line + box.along]:
        found.extend(a for a in spec.aliases if a not in found)
    return tuple(found)


def _last_label(labels: list[str]) -> str:
    return next((x for x in reversed(labels) if x), "")


def _matrix_table(spec: MatrixTableSpec, cells: dict[str, Cell]) -> Table:
    label_cols = max(len(b.rows[0].labels) for b in spec.blocks)
    value_cols = max(len(b.columns) for b in spec.blocks)
    n_cols = max(label_cols + value_cols, 1)
    items: list[GridItem] = []
    ids: list[str] = []
    top = 0
    header_rows = 0
    for b_index, block in enumerate(spec.blocks):
        if block.heading:
            items.append(GridItem(top, 0, "heading", block.heading, colspan=n_cols))
            top += 1
        depth = len(block.columns[0].labels)
        block_labels = len(block.rows[0].labels)
        # Header: the corner over the label columns, then the column label boxes.
        if block_labels:
            items.append(GridItem(top, 0, "corner", block.corner, rowspan=depth,
                                  colspan=label_cols))
        col_paths = [c.labels for c in block.columns]
        last = len(block.columns) - 1
        stretch = n_cols - label_cols - len(block.columns)  # the last column takes the rest
        for box in _spans(col_paths, depth):
            span = box.along + (stretch if box.line + box.along - 1 == last else 0)
            items.append(GridItem(top + box.pos, label_cols + box.line, "header", box.text,
                                  rowspan=box.across, colspan=span,
                                  aliases=_leaf_aliases(box, block.columns, depth)))
        if b_index == 0:
            header_rows = top + depth if len(spec.blocks) == 1 else 0
        top += depth
        # Rows: labels, then one value box per column (the last stretched to the table's width).
        row_paths = [r.labels for r in block.rows]
        for box in _spans(row_paths, block_labels):
            extra = label_cols - block_labels if box.pos + box.across == block_labels else 0
            items.append(GridItem(top + box.line, box.pos, "label", box.text, rowspan=box.along,
                                  colspan=box.across + extra,
                                  aliases=_leaf_aliases(box, block.rows, block_labels)))
        col_names = [c.name or short_name(_last_label(c.labels)) for c in block.columns]
        for r_index, row in enumerate(block.rows):
            row_label = _last_label(row.labels)
            row_name = row.name or short_name(row_label)
            for c_index, column in enumerate(block.columns):
                cell_id = ".".join(p for p in (spec.id, row.id, column.id) if p)
                col_name = col_names[c_index]
                name = f"{row_name}·{col_name}" if row_name else col_name
                if cell_id in cells:
                    raise ValueError(f"cell {cell_id} appears twice")
                cells[cell_id] = Cell(cell_id, spec.id, name, row_label, column.kind, column.unit)
                ids.append(cell_id)
                span = n_cols - label_cols - c_index if c_index == last else 1
                items.append(GridItem(top + r_index, label_cols + c_index, "value", cell=cell_id,
                                      colspan=span,
                                      suffix=column.unit if column.show_unit else ""))
        top += len(block.rows)
    grid = Grid(top, n_cols, header_rows, label_cols, tuple(items))
    return Table(spec.id, spec.title, "matrix", grid, tuple(ids), spec.note)


def _term(text: str, cells: dict[str, Cell]) -> Term:
    sign = 1
    if text.startswith("-"):
        sign, text = -1, text[1:]
    previous = text.startswith("prev:")
    if previous:
        text = text[len("prev:"):]
    if text not in cells:
        raise ValueError(f"rule operand {text!r} is not a cell of this edition")
    return Term(text, sign, previous)


def _rule_instances(spec: RuleSpec, cells: dict[str, Cell]) -> list[RuleInstance]:
    if spec.for_each:
        ((name, values),) = spec.for_each.items()
        substitutions = [{name: v} for v in values]
    else:
        substitutions = [{}]
    instances = []
    for sub in substitutions:
        def fill(text: str) -> str:
            for placeholder, value in sub.items():
                text = text.replace("{" + placeholder + "}", value)
            return text

        left = tuple(_term(fill(t), cells) for t in spec.left)
        right = tuple(_term(fill(t), cells) for t in spec.right)
        target = fill(spec.target) if spec.target else left[0].cell
        if target not in cells or target not in {t.cell for t in left + right if not t.previous}:
            raise ValueError(f"rule {spec.id}: target {target!r} is not one of its cells")
        instances.append(RuleInstance(spec.id, spec.kind, spec.severity, left, right, target,
                                      spec.op, spec.hint))
    return instances


def build_edition(spec: EditionSpec) -> Edition:
    cells: dict[str, Cell] = {}
    headings: set[str] = set()
    tables = []
    for table in spec.tables:
        if isinstance(table, ListTableSpec):
            tables.append(_list_table(table, cells, headings))
        else:
            tables.append(_matrix_table(table, cells))
    rules: list[RuleInstance] = []
    for rule in spec.rules:
        rules.extend(_rule_instances(rule, cells))
    order = {cell_id: i for i, cell_id in enumerate(cells)}
    phrases = tuple(_phrase(p, cells) for p in spec.phrases)
    if len({p.id for p in phrases}) != len(phrases):
        raise ValueError("phrase ids must be unique")
    return Edition(spec.id, spec.name, spec.short or spec.name, spec.years.first, spec.years.last,
                   spec.title, spec.subtitle, tuple(tables), cells, tuple(rules),
                   frozenset(headings), order, phrases)


def _phrase(spec: PhraseSpec, cells: dict[str, Cell]) -> Phrase:
    for cell_set in [spec.cells, *spec.also]:
        for cell_id in cell_set:
            if cell_id not in cells:
                raise ValueError(f"phrase {spec.id}: {cell_id!r} is not a cell of this edition")
    words = tuple(tuple(w for w in word.split("|") if w) for word in spec.words)
    if not all(words):
        raise ValueError(f"phrase {spec.id}: an empty word")
    name = spec.name or " + ".join(cells[c].name for c in spec.cells)
    return Phrase(spec.id, words, tuple(spec.cells), tuple(tuple(s) for s in spec.also),
                  tuple(spec.units), name, tuple(spec.exclude), spec.none)


def read_edition_file(path: Path) -> Edition:
    """Load and validate one edition file; any defect raises EditionError naming file and place."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise EditionError(f"{path.name}: cannot read edition file: {exc}") from exc
    try:
        spec = EditionSpec.model_validate(data)
    except ValidationError as exc:
        raise EditionError(f"{path.name}: {_describe(exc, data)}") from exc
    try:
        return build_edition(spec)
    except ValueError as exc:
        raise EditionError(f"{path.name}: {exc}") from exc


def _describe(exc: ValidationError, data: dict) -> str:
    """Name the row of the first error, not only its index."""
    error = exc.errors()[0]
    place = ".".join(str(p) for p in error["loc"])
    node: object = data
    row_id = None
    for part in error["loc"]:
        if isinstance(node, dict) and part in node:
            node = node[part]
        elif isinstance(node, list) and isinstance(part, int) and part < len(node):
            node = node[part]
        else:
            continue  # a discriminator tag, not a key of the file
        if isinstance(node, dict) and "id" in node:
            row_id = node["id"]
    where = f" (row {row_id!r})" if row_id is not None else ""
    return f"{place}{where}: {error['msg']}"
