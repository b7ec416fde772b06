"""IndicatorTableModel: one table of an edition, adapted from its Grid to Qt.

Generic over the grid: a "list" table (统计指标 | 单位 | 统计数) and a matrix table with spanning
headings are the same to it. Every grid box is a model cell (spans are set on the view from
`spans()`); header boxes are bold grey and read-only, value boxes edit the draft through undo
commands. No business logic: parsing is gkdesk.numbers, checking is gkdesk.rules.

The boxes are QStandardItems that hold what they show, set again only when it changes: a view
then paints without calling Python at all. A Python model was asked rowCount, columnCount and
flags about six times per painted box, ~4 µs a call: four fifths of a table three repaint.
"""
from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QStandardItem, QStandardItemModel

from ..editions import GridItem, Table
from ..numbers import InputError, format_value, parse_value
from .document import DraftDocument

CELL_ID_ROLE = Qt.ItemDataRole.UserRole + 1
LEVEL_ROLE = Qt.ItemDataRole.UserRole + 2
BOX_ROLE = Qt.ItemDataRole.UserRole + 3  # corner/header/heading/label/unit/value/previous
# A matrix value box's 上年 line: None = none; "" = last year's edition has the cell, left blank.
PREVIOUS_ROLE = Qt.ItemDataRole.UserRole + 4
PREVIOUS_HEADER = "上年"
INDENT = "\u3000"  # one full-width space per level of the official numbering


def _brush(colour: str, style: Qt.BrushStyle = Qt.BrushStyle.SolidPattern) -> QBrush:
    # Set, not passed to QBrush(...): PySide's choice among QBrush's constructors loads the
    # Python side of QGradient and QImage first, ~6 ms of start-up for nothing.
    brush = QBrush()
    brush.setColor(QColor(colour))
    brush.setStyle(style)
    return brush


HEADER_BRUSH = _brush("#e4e7eb")
HEADING_BRUSH = _brush("#f1f3f5")
BLANK_BRUSH = _brush("#d3d8df", Qt.BrushStyle.BDiagPattern)  # blank is not 0
PREVIOUS_BRUSH = _brush("#f6f7f9")  # the read-only 上年 column
PREVIOUS_PEN = _brush("#7b818a")
TINTS = {
    ("error", True): _brush("#f5aca5"),
    ("error", False): _brush("#fbe1de"),
    ("warning", True): _brush("#ffd27a"),
    ("warning", False): _brush("#fff0cc"),
    ("info", True): _brush("#cfe3ff"),
    ("info", False): _brush("#e8f1ff"),
}
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
_CENTER = Qt.AlignmentFlag.AlignCenter
_ALIGNMENTS = {"value": _RIGHT, "header": _CENTER, "corner": _CENTER, "unit": _CENTER}  # else left
_EDITABLE = (Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
             | Qt.ItemFlag.ItemIsEditable)
_READ_ONLY = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
_NO_ITEM = Qt.ItemFlag.NoItemFlags  # a place a spanning box covers
_DISPLAY = Qt.ItemDataRole.DisplayRole
_BACKGROUND = Qt.ItemDataRole.BackgroundRole
_UNSET = object()  # a role an item has not been given yet


class IndicatorTableModel(QStandardItemModel):
    """One table of the open draft, box by box as the official form prints it.

    With last year's draft known, 上年 values show beside this year's: a list table gets one more
    read-only column after 统计数; a matrix table gives each value box a second, grey line.
    Tooltips are worked out when asked (tooltip(), on hover), not kept up to date per edit."""

    def __init__(self, document: DraftDocument, table: Table, parent=None):
        super().__init__(parent)
        self.document = document
        self.table = table
        self.grid = table.grid
        self._items: dict[tuple[int, int], GridItem] = {(i.row, i.col): i for i in self.grid.items}
        self._bold = QFont()
        self._bold.setBold(True)
        self._previous_column = self._wants_previous_column()
        # (row, column) → {role: value} its item holds: only what changes is set again.
        self._shown: dict[tuple[int, int], dict[int, object]] = {}
        self.setRowCount(self.grid.n_rows)
        self.setColumnCount(self.grid.n_cols + self._previous_column)
        for row in range(self.grid.n_rows):
            for column in range(self.grid.n_cols):
                self.setItem(row, column, self._make_item(row, column))
            if self._previous_column:
                self.setItem(row, self.grid.n_cols, self._make_previous_item(row))
        # cell id → (row, column, its item): an edit or a tint finds its box at once.
        self._boxes: dict[str, tuple[int, int, QStandardItem]] = {
            i.cell: (i.row, i.col, self.item(i.row, i.col)) for i in self.grid.items if i.cell}
        document.valuesChanged.connect(self._on_cells_changed)
        document.findingsChanged.connect(self._on_tints_changed)
        document.previousChanged.connect(self._on_previous_changed)

    # -- the items -----------------------------------------------------------------------
    def _make_item(self, row: int, column: int) -> QStandardItem:
        item = QStandardItem()
        box = self._items.get((row, column))
        if box is None:
            item.setFlags(_NO_ITEM)
            return item
        item.setFlags(_EDITABLE if box.cell else _READ_ONLY)
        item.setData(int(_ALIGNMENTS.get(box.role, _LEFT)), Qt.ItemDataRole.TextAlignmentRole)
        if box.role in ("header", "corner", "heading"):
            item.setData(self._bold, Qt.ItemDataRole.FontRole)
        item.setData(box.role, BOX_ROLE)
        item.setData(box.level, LEVEL_ROLE)
        if box.cell:
            item.setData(box.cell, CELL_ID_ROLE)
        self._refresh(row, column, item)
        return item

    def _refresh(self, row: int, column: int, item: QStandardItem) -> None:
        """Show the box's text, background and 上年 line on its item."""
        box = self._items[(row, column)]
        self._show(row, column, item, _DISPLAY, self._text(box))
        self._show(row, column, item, PREVIOUS_ROLE, self._previous_line(box))
        self._show(row, column, item, _BACKGROUND, self._background(box))

    def _show(self, row: int, column: int, item: QStandardItem, role, value) -> None:
        """Set one thing a box shows, if it changed (its views repaint it)."""
        shown = self._shown.setdefault((row, column), {})
        old = shown.get(role, _UNSET)
        if old is value or (isinstance(value, str) and old == value):
            return  # brushes are shared constants: the same tint is the same object
        item.setData(value, role)
        shown[role] = value

    def _make_previous_item(self, row: int) -> QStandardItem:
        """A box of the read-only 上年 column of a list table."""
        item = QStandardItem()
        item.setFlags(_READ_ONLY)
        if row < self.grid.header_rows:
            item.setData(PREVIOUS_HEADER, _DISPLAY)
            item.setData(int(_CENTER), Qt.ItemDataRole.TextAlignmentRole)
            item.setData(HEADER_BRUSH, _BACKGROUND)
            item.setData(self._bold, Qt.ItemDataRole.FontRole)
            item.setData("header", BOX_ROLE)
            return item
        item.setData(int(_RIGHT), Qt.ItemDataRole.TextAlignmentRole)
        item.setData(PREVIOUS_PEN, Qt.ItemDataRole.ForegroundRole)
        item.setData(HEADING_BRUSH if self._is_heading_row(row) else PREVIOUS_BRUSH, _BACKGROUND)
        item.setData("previous", BOX_ROLE)
        item.setData(self._previous_column_text(row), _DISPLAY)
        return item

    def _previous_column_text(self, row: int) -> str:
        cell = self._row_cell(row)
        return (self.previous_text(cell) or "") if cell else ""

    def _row_cell(self, row: int) -> str | None:
        value_box = self._items.get((row, self.grid.n_cols - 1))
        return value_box.cell if value_box is not None else None

    # -- last year -----------------------------------------------------------------------
    def shows_previous(self) -> bool:
        """Whether last year's draft has any cell of this table (else nothing 上年 is shown)."""
        shared = self.document.previous_cells()
        return any(cell in shared for cell in self.table.cells)

    def _wants_previous_column(self) -> bool:
        return self.table.layout == "list" and self.shows_previous()

    @property
    def previous_column(self) -> int | None:
        """The 上年 column of a list table, when shown."""
        return self.grid.n_cols if self._previous_column else None

    def _on_previous_changed(self) -> None:
        wanted = self._wants_previous_column()
        if wanted and not self._previous_column:
            self._previous_column = True
            self.insertColumn(self.grid.n_cols,
                              [self._make_previous_item(row) for row in range(self.grid.n_rows)])
        elif self._previous_column and not wanted:
            self._previous_column = False
            self.removeColumn(self.grid.n_cols)
        # The 上年 column's numbers and matrix boxes' second lines follow from valuesChanged,
        # which the document emits next.

    def previous_text(self, cell_id: str) -> str | None:
        """Last year's value of this cell as shown; "" when blank; None when not comparable."""
        if cell_id not in self.document.previous_cells():
            return None
        return format_value(self.document.previous_value(cell_id))

    def spans(self) -> list[tuple[int, int, int, int]]:
        """(row, column, rows, columns) of every box larger than one cell."""
        return [(i.row, i.col, i.rowspan, i.colspan) for i in self.grid.items
                if i.rowspan > 1 or i.colspan > 1]

    def grid_item(self, index: QModelIndex) -> GridItem | None:
        if not index.isValid():
            return None
        return self._items.get((index.row(), index.column()))

    def index_of(self, cell_id: str) -> QModelIndex:
        box = self._boxes.get(cell_id)
        return self.index(box[0], box[1]) if box else QModelIndex()

    def value_cells(self) -> list[str]:
        return list(self._boxes)

    # -- reading -------------------------------------------------------------------------
    def edit_text(self, index: QModelIndex) -> str:
        """What an editor opened on the box starts with: the number alone, without 万元."""
        box = self.grid_item(index)
        if box is None:
            return ""
        return format_value(self.document.value(box.cell)) if box.cell else box.text

    def tooltip(self, index: QModelIndex) -> str | None:
        """The box's tooltip: the indicator, its unit, blank or not, 上年, and its findings."""
        if not index.isValid():
            return None
        if self._previous_column and index.column() == self.grid.n_cols:
            return self._previous_tooltip(index.row())
        box = self._items.get((index.row(), index.column()))
        if box is None:
            return None
        if not box.cell:
            return box.text or None
        cell = box.cell
        tip = self.document.tip(cell)
        c = self.document.edition.cells[cell]
        what = f"{c.name}（{c.unit}）" if c.unit else c.name
        if self.document.value(cell) is None:
            what += "：未填写"
        if self.document.draft.previous is not None:
            last = self.document.previous_value(cell)
            if last is not None:
                what += f"\n上年：{format_value(last)}"
        return f"{what}\n{tip}" if tip else what

    def _previous_tooltip(self, row: int) -> str | None:
        year = self.document.draft.previous.year
        if row < self.grid.header_rows:
            return f"{year}年度草稿中的数，只读，供对照"
        cell = self._row_cell(row)
        if not cell:
            return None
        text = self.previous_text(cell)
        name = self.document.edition.cells[cell].name
        return f"{name}：{year}年度 {text}" if text else f"{name}：{year}年度未填写"

    # What a box shows.
    def _text(self, item) -> str:
        if item.cell:
            text = format_value(self.document.value(item.cell))
            return f"{text} {item.suffix}" if text and item.suffix else text
        if item.level:
            return INDENT * item.level + item.text  # indented by level, as the form prints
        return item.text

    def _background(self, item):
        box, cell = item.role, item.cell
        if box == "header" or box == "corner":
            return HEADER_BRUSH
        if box == "heading" or (box in ("unit", "value") and not cell
                                and self._is_heading_row(item.row)):
            return HEADING_BRUSH
        return self._cell_background(cell) if cell else None

    def _cell_background(self, cell: str):
        """A value box's: its strongest finding's tint, else hatched when blank."""
        tint = self.document.tints.get(cell)
        if tint is not None:
            return TINTS[tint]
        return BLANK_BRUSH if self.document.value(cell) is None else None

    def _previous_line(self, item) -> str | None:
        return self.previous_text(item.cell) if item.cell and self.table.layout != "list" \
            else None

    def _is_heading_row(self, row: int) -> bool:
        first = self._items.get((row, 0))
        return first is not None and first.role == "heading"

    # -- writing -------------------------------------------------------------------------
    def setData(self, index: QModelIndex | QPersistentModelIndex, value,
                role: int = Qt.ItemDataRole.EditRole) -> bool:
        """Parse what the clerk typed and change the draft through an undo command.
        Raises nothing: text that does not parse returns False (the editor says why)."""
        item = self.grid_item(index)
        if role != Qt.ItemDataRole.EditRole or item is None or not item.cell:
            return False
        cell = self.document.edition.cells[item.cell]
        if isinstance(value, str) or value is None:
            try:
                value = parse_value(value, cell.kind, cell.unit)
            except InputError:
                return False
        self.document.edit_values({item.cell: value})
        return True

    def _on_cells_changed(self, cell_ids: list[str]) -> None:
        for cell_id in cell_ids:
            box = self._boxes.get(cell_id)
            if box is not None:  # else another table's cell
                self._refresh(*box)
                if self._previous_column:
                    self.item(box[0], self.grid.n_cols).setData(
                        self._previous_column_text(box[0]), _DISPLAY)

    def _on_tints_changed(self, cell_ids: list[str]) -> None:
        for cell_id in cell_ids:
            box = self._boxes.get(cell_id)
            if box is not None:
                self._show(*box, _BACKGROUND, self._cell_background(cell_id))
