"""IndicatorTableModel: one table of an edition, adapted from its Grid to Qt.

Generic over the grid: a "list" table (统计指标 | 单位 | 统计数) and a matrix table with spanning
headings are the same to it. Every grid box is a model cell (spans are set on the view from
`spans()`); header boxes are bold grey and read-only, value boxes edit the draft through undo
commands. No business logic: parsing is gkdesk.numbers, checking is gkdesk.rules.
"""
from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

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
TIP_ROLES = [Qt.ItemDataRole.ToolTipRole]
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_EDIT = int(Qt.ItemDataRole.EditRole)
_ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole)
_BACKGROUND = int(Qt.ItemDataRole.BackgroundRole)
_FONT = int(Qt.ItemDataRole.FontRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole)  # the 上年 column's only
# Every role data() answers; any other is None without looking at the box.
_ANSWERED = frozenset({_DISPLAY, _EDIT, _ALIGNMENT, _BACKGROUND, _FONT, _TOOLTIP, _FOREGROUND,
                       CELL_ID_ROLE, LEVEL_ROLE, BOX_ROLE, PREVIOUS_ROLE})  # a change views need not repaint for


class IndicatorTableModel(QAbstractTableModel):
    """One table of the open draft, box by box as the official form prints it.

    With last year's draft known, 上年 values show beside this year's: a list table gets one more
    read-only column after 统计数; a matrix table gives each value box a second, grey line."""

    def __init__(self, document: DraftDocument, table: Table, parent=None):
        super().__init__(parent)
        self.document = document
        self.table = table
        self.grid = table.grid
        self._items: dict[tuple[int, int], GridItem] = {(i.row, i.col): i for i in self.grid.items}
        self._where: dict[str, tuple[int, int]] = {
            i.cell: (i.row, i.col) for i in self.grid.items if i.cell}
        self._bold = QFont()
        self._bold.setBold(True)
        self._previous_column = self._wants_previous_column()
        # (row, column) → what a delegate paints there, read once from data(): Qt's own
        # initStyleOption asks data() for seven roles per box on every repaint.
        self._paint: dict[tuple[int, int], tuple] = {}
        document.valuesChanged.connect(self._on_cells_changed)
        document.findingsChanged.connect(self._on_cells_changed)
        document.tipsChanged.connect(self._on_tips_changed)
        document.previousChanged.connect(self._on_previous_changed)

    # -- shape ---------------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else self.grid.n_rows

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else self.grid.n_cols + self._previous_column

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
        self._paint.clear()  # the 上年 lines and column of every box
        wanted = self._wants_previous_column()
        if wanted and not self._previous_column:
            self.beginInsertColumns(QModelIndex(), self.grid.n_cols, self.grid.n_cols)
            self._previous_column = True
            self.endInsertColumns()
        elif self._previous_column and not wanted:
            self.beginRemoveColumns(QModelIndex(), self.grid.n_cols, self.grid.n_cols)
            self._previous_column = False
            self.endRemoveColumns()
        elif self._previous_column:
            self.dataChanged.emit(self.index(0, self.grid.n_cols),
                                  self.index(self.grid.n_rows - 1, self.grid.n_cols))
        # Matrix boxes' second lines follow from valuesChanged, which the document emits next.

    def previous_text(self, cell_id: str) -> str | None:
        """Last year's value of this cell as shown; "" when blank; None when not comparable."""
        if cell_id not in self.document.previous_cells():
            return None
        return format_value(self.document.previous_value(cell_id))

    def _previous_data(self, row: int, role: int):
        """The read-only 上年 column of a list table."""
        if row < self.grid.header_rows:
            if role == Qt.ItemDataRole.DisplayRole:
                return PREVIOUS_HEADER
            if role == Qt.ItemDataRole.ToolTipRole:
                return f"{self.document.draft.previous.year}年度草稿中的数，只读，供对照"
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return _CENTER
            if role == Qt.ItemDataRole.BackgroundRole:
                return HEADER_BRUSH
            if role == Qt.ItemDataRole.FontRole:
                return self._bold
            if role == BOX_ROLE:
                return "header"
            return None
        value_box = self._items.get((row, self.grid.n_cols - 1))
        cell = value_box.cell if value_box is not None else None
        if role == Qt.ItemDataRole.DisplayRole:
            return (self.previous_text(cell) or "") if cell else ""
        if role == Qt.ItemDataRole.ToolTipRole and cell:
            text = self.previous_text(cell)
            name = self.document.edition.cells[cell].name
            year = self.document.draft.previous.year
            return f"{name}：{year}年度 {text}" if text else f"{name}：{year}年度未填写"
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT
        if role == Qt.ItemDataRole.ForegroundRole:
            return PREVIOUS_PEN
        if role == Qt.ItemDataRole.BackgroundRole:
            return HEADING_BRUSH if self._is_heading_row(row) else PREVIOUS_BRUSH
        if role == BOX_ROLE:
            return "previous"
        return None

    def spans(self) -> list[tuple[int, int, int, int]]:
        """(row, column, rows, columns) of every box larger than one cell."""
        return [(i.row, i.col, i.rowspan, i.colspan) for i in self.grid.items
                if i.rowspan > 1 or i.colspan > 1]

    def item(self, index: QModelIndex) -> GridItem | None:
        if not index.isValid():
            return None
        return self._items.get((index.row(), index.column()))

    def index_of(self, cell_id: str) -> QModelIndex:
        where = self._where.get(cell_id)
        return self.index(*where) if where else QModelIndex()

    def value_cells(self) -> list[str]:
        return list(self._where)

    # -- reading -------------------------------------------------------------------------
    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = _DISPLAY):
        # Called from C++ for every role of every box painted: the roles this model never
        # answers (check state, decoration, foreground of a box…) return at once.
        if role not in _ANSWERED or not index.isValid():
            return None
        if self._previous_column and index.column() == self.grid.n_cols:
            return self._previous_data(index.row(), role)
        item = self._items.get((index.row(), index.column()))
        if item is None:
            return None
        cell = item.cell
        if role == _DISPLAY:
            return self._text(item)
        if role == _BACKGROUND:
            return self._background(item)
        if role == _ALIGNMENT:
            return _ALIGNMENTS.get(item.role, _LEFT)
        if role == _FONT:
            return self._font(item)
        if role == _EDIT:
            return format_value(self.document.value(cell)) if cell else item.text
        if role == _TOOLTIP:
            if cell:
                tip = self.document.tips.get(cell)
                c = self.document.edition.cells[cell]
                what = f"{c.name}（{c.unit}）" if c.unit else c.name
                if self.document.value(cell) is None:
                    what += "：未填写"
                if self.document.draft.previous is not None:
                    last = self.document.previous_value(cell)
                    if last is not None:
                        what += f"\n上年：{format_value(last)}"
                return f"{what}\n{tip}" if tip else what
            return item.text or None
        if role == CELL_ID_ROLE:
            return cell
        if role == LEVEL_ROLE:
            return item.level
        if role == BOX_ROLE:
            return item.role
        if role == PREVIOUS_ROLE:
            return self._previous_line(item)
        return None

    # What a box shows, for data() and for the paint record alike.
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
        if cell:
            tint = self.document.tints.get(cell)
            if tint is not None:
                return TINTS[tint]
            if self.document.value(cell) is None:
                return BLANK_BRUSH
        return None

    def _font(self, item):
        return self._bold if item.role in ("header", "corner", "heading") else None

    def _previous_line(self, item) -> str | None:
        return self.previous_text(item.cell) if item.cell and self.table.layout != "list" \
            else None

    def paint_record(self, row: int, column: int) -> tuple:
        """(font, alignment, foreground, text, background, 上年 line) of a box: what data()
        answers for those roles (text with Qt's line separator for a newline, as Qt shows it),
        found in one go; cached until the box's value, tint or last year's draft changes."""
        record = self._paint.get((row, column))
        if record is None:
            record = self._paint[(row, column)] = self._make_paint_record(row, column)
        return record

    def _make_paint_record(self, row: int, column: int) -> tuple:
        item = self._items.get((row, column))
        if item is None or (self._previous_column and column == self.grid.n_cols):
            index = self.index(row, column)  # the 上年 column and covered boxes: rare, as data()
            text = self.data(index, _DISPLAY)
            return (self.data(index, _FONT), self.data(index, _ALIGNMENT),
                    self.data(index, _FOREGROUND),
                    text.replace("\n", "\u2028") if text is not None else None,
                    self.data(index, _BACKGROUND), self.data(index, PREVIOUS_ROLE))
        return (self._font(item), _ALIGNMENTS.get(item.role, _LEFT), None,
                self._text(item).replace("\n", "\u2028"), self._background(item),
                self._previous_line(item))

    def _is_heading_row(self, row: int) -> bool:
        first = self._items.get((row, 0))
        return first is not None and first.role == "heading"

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if index.isValid() and self._previous_column and index.column() == self.grid.n_cols:
            return _READ_ONLY
        item = self.item(index)
        if item is None:
            return Qt.ItemFlag.NoItemFlags
        return _EDITABLE if item.cell else _READ_ONLY

    # -- writing -------------------------------------------------------------------------
    def setData(self, index: QModelIndex | QPersistentModelIndex, value,
                role: int = Qt.ItemDataRole.EditRole) -> bool:
        """Parse what the clerk typed and change the draft through an undo command.
        Raises nothing: text that does not parse returns False (the editor says why)."""
        item = self.item(index)
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

    def _on_tips_changed(self, cell_ids: list[str]) -> None:
        # Only the tooltip role: views read it on hover and need not repaint the box.
        for cell_id in cell_ids:
            where = self._where.get(cell_id)
            if where is not None:
                index = self.index(*where)
                self.dataChanged.emit(index, index, TIP_ROLES)

    def _on_cells_changed(self, cell_ids: list[str]) -> None:
        # Box by box: a range's rectangle reaches into the boxes beside it, which a view then
        # repaints too (a rule's whole column cost twice as much as one dataChanged per box).
        for cell_id in cell_ids:
            where = self._where.get(cell_id)
            if where is not None:
                self._paint.pop(where, None)
                index = self.index(*where)
                self.dataChanged.emit(index, index)
                if self._previous_column:
                    self._paint.pop((where[0], self.grid.n_cols), None)
                    beside = self.index(where[0], self.grid.n_cols)
                    self.dataChanged.emit(beside, beside)
