"""GridTableView: shows one IndicatorTableModel as the printed form and moves like a spreadsheet:
Enter commits and goes down, Tab goes to the next value box, Delete clears, Ctrl+C copies, Ctrl+V
pastes a column (or block) copied from Excel as one undo step."""
from __future__ import annotations

import bisect

from PySide6.QtCore import QItemSelectionModel, QMimeData, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QFontMetrics, QGuiApplication, QKeySequence, QPalette
from PySide6.QtWidgets import (QAbstractItemDelegate, QAbstractItemView, QApplication,
                               QHeaderView, QMenu, QTableView, QWidget)

from ..numbers import InputError, Value, parse_value
from .cell_editor import CellEditor
from .delegates import CellDelegate, PreviousLineDelegate
from .frozen import FrozenPanes
from .table_model import CELL_ID_ROLE, INDENT, IndicatorTableModel

VALUE_COLUMN_WIDTH = 110


class _PasteRefused(Exception):
    """A paste that does not fit; its message tells the clerk why nothing was pasted."""


class GridTableView(QTableView):
    """The table as a grid of spanning boxes, with spreadsheet keys."""

    messageRaised = Signal(str)  # something the clerk must be told (a refused paste)
    fixRequested = Signal(object)  # a quick fix chosen from the context menu (a Fix)

    def __init__(self, model: IndicatorTableModel, parent=None):
        super().__init__(parent)
        # A viewport made in Python, set up as Qt sets up its own: asked for the one Qt made,
        # PySide would try every QWidget class it wraps to find its type, creating each with
        # its enums (~30 ms of start-up, at the first resize of a matrix table).
        viewport = QWidget()
        viewport.setObjectName("qt_scrollarea_viewport")
        viewport.setBackgroundRole(QPalette.ColorRole.Base)
        viewport.setAutoFillBackground(True)
        viewport.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents)
        self.setViewport(viewport)
        self._fitted_widths: tuple[int, ...] | None = None
        self._fit_pending = False
        self._label_natural: list[int] = []  # matrix label columns' widths before fitting
        self.frozen: FrozenPanes | None = None
        self.delegate: CellDelegate | None = None
        self.setModel(model)
        self._choose_delegate()
        self.horizontalHeader().hide()
        self.verticalHeader().hide()
        self.verticalHeader().setMinimumSectionSize(1)
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 4)
        self.setWordWrap(True)
        self.setCornerButtonEnabled(False)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                             | QAbstractItemView.EditTrigger.EditKeyPressed
                             | QAbstractItemView.EditTrigger.AnyKeyPressed)
        self.setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled, True)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        for row, column, rows, columns in model.spans():
            self.setSpan(row, column, rows, columns)
        self._layout_columns()
        grid = model.grid
        self._frozen_shape = (grid.header_rows,
                              grid.label_cols if model.table.layout != "list" else 0)
        model.columnsInserted.connect(self._on_columns_changed)
        model.columnsRemoved.connect(self._on_columns_changed)
        model.document.previousChanged.connect(self._on_previous_changed)
        # Value boxes in reading order, for Tab; the grid's boxes never move (上年 is added last).
        self._value_positions = sorted((i.row, i.col) for i in model.grid.items if i.cell)
        if self._value_positions:  # the cursor on the first value box: typing starts there
            self.selectionModel().setCurrentIndex(
                model.index(*self._value_positions[0]),
                QItemSelectionModel.SelectionFlag.NoUpdate)

    def freeze_panes(self) -> None:
        """Headings and labels that stay in view while the values scroll (list tables: the
        heading row only; their label column stretches and never scrolls away sideways). The
        window makes them once it has painted: until the table scrolls they would show just
        what it shows, and making them first cost ~20 ms of start-up."""
        if self.frozen is None:
            self.frozen = FrozenPanes(self, *self._frozen_shape)

    def model(self) -> IndicatorTableModel:  # type: ignore[override]
        return super().model()  # type: ignore[return-value]

    # -- layout --------------------------------------------------------------------------
    def _layout_columns(self) -> None:
        model = self.model()
        grid = model.grid
        header = self.horizontalHeader()
        if model.table.layout == "list":
            # 统计指标 takes the room left; 单位 and 统计数 keep their width, so the value column
            # stays visible however narrow the window.
            header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
            header.setSectionResizeMode(1, QHeaderView.ResizeMode.Fixed)
            metrics = self.fontMetrics()
            self.setColumnWidth(1, metrics.horizontalAdvance("人次") + 28)
            # 统计数, and 上年 beside it when last year's draft is known.
            for column in range(2, model.columnCount()):
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
                self.setColumnWidth(column, max(VALUE_COLUMN_WIDTH,
                                                metrics.horizontalAdvance("0" * 12)))
        else:
            # Label columns as wide as their labels (long ones wrap); value columns share the
            # rest, narrow enough that a 15-column table fits without scrolling.
            metrics = self.fontMetrics()
            char = metrics.horizontalAdvance("国")
            widths = [0] * grid.label_cols
            for item in grid.items:
                if item.col < grid.label_cols and item.colspan == 1 and item.role == "label":
                    widths[item.col] = max(widths[item.col],
                                           metrics.horizontalAdvance(item.text) + 14)
            self._label_natural = [min(max(width, 4 * char), 14 * char) for width in widths]
            for column, width in enumerate(self._label_natural):
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
                self.setColumnWidth(column, width)
            self._fit_label_columns()
            header.setMinimumSectionSize(max(3 * char, metrics.horizontalAdvance("0" * 6)) + 12)
            for column in range(grid.label_cols, grid.n_cols):
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)

    def ideal_width(self) -> int:
        """The width at which every label fits on one line (list tables) or every column has
        its minimum (matrix tables): the window gives the table this much, the panel the rest."""
        model = self.model()
        grid = model.grid
        metrics = self.fontMetrics()
        if model.table.layout == "list":
            labels = max(self._label_widths(), default=200) + 12
            columns = min(labels, 40 * metrics.horizontalAdvance("国")) \
                + sum(self.columnWidth(c) for c in range(1, model.columnCount()))
        else:
            minimum = self.horizontalHeader().minimumSectionSize()
            columns = sum(self.columnWidth(c) for c in range(grid.label_cols)) \
                + max(minimum, metrics.horizontalAdvance("国" * 5)) * (grid.n_cols - grid.label_cols)
        return columns + self.verticalScrollBar().sizeHint().width() + 2 * self.frameWidth() + 2

    def _on_columns_changed(self, *_args) -> None:
        self._layout_columns()
        self.refit_rows()

    def _choose_delegate(self) -> None:
        """The 上年 line's painting costs a Python call per box: only while a matrix shows it."""
        model = self.model()
        wanted = PreviousLineDelegate if model.table.layout != "list" \
            and model.shows_previous() else CellDelegate
        if type(self.delegate) is wanted:
            return
        if self.delegate is not None:
            self.commit_pending_edit()
        old, self.delegate = self.delegate, wanted(self)
        self.delegate.inputRefused.connect(self.messageRaised)
        self.setItemDelegate(self.delegate)
        if self.frozen is not None:
            self.frozen.set_delegate(self.delegate)
        if old is not None:
            old.deleteLater()

    def _on_previous_changed(self) -> None:
        # After the model took the change in (it connected first) and outside the undo command
        # that made it: matrix boxes gained or lost their 上年 line, so the delegate may change
        # and rows change height at the same column widths.
        QTimer.singleShot(0, self, self._on_previous_settled)

    def _on_previous_settled(self) -> None:
        self._choose_delegate()
        self.refit_rows()

    def refit_rows(self) -> None:
        self._fitted_widths = None
        self.fit_rows()

    LABEL_SHARE = 0.5  # frozen labels take at most this share of the view's width

    def _fit_label_columns(self) -> None:
        """Matrix labels give up width (and wrap) on a narrow view, so that frozen labels
        leave room for values; never below four characters a column."""
        natural = self._label_natural
        if not natural:
            return
        char = self.fontMetrics().horizontalAdvance("国")
        budget = int(self.viewport().width() * self.LABEL_SHARE)
        total = sum(natural)
        widths = natural if total <= budget or budget <= 0 else [
            max(4 * char, width * budget // total) for width in natural]
        for column, width in enumerate(widths):
            if self.columnWidth(column) != width:
                self.setColumnWidth(column, width)

    def updateGeometries(self) -> None:
        super().updateGeometries()
        if self.frozen is not None:  # the viewport changed: scroll bars came or went
            self.frozen.place()

    def scrollTo(self, index: QModelIndex, hint=QAbstractItemView.ScrollHint.EnsureVisible) -> None:
        super().scrollTo(index, hint)
        if self.frozen is not None and index.isValid():
            self.frozen.uncover(self.visualRect(index), index.row(), index.column())

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit_label_columns()
        # Coalesced: the window's layout passes through several widths while it settles.
        if not self._fit_pending:
            self._fit_pending = True
            QTimer.singleShot(0, self, self.fit_rows)

    def fit_rows(self) -> None:
        """Row heights for the current column widths: one line where labels fit, taller rows
        only where a label must wrap. Done once per change of widths (it measures every box)."""
        self._fit_pending = False
        widths = tuple(self.columnWidth(c) for c in range(self.model().columnCount()))
        if widths == self._fitted_widths:
            return
        self._fitted_widths = widths
        if self.model().table.layout == "list":
            # Measure only the rows whose label is wider than its column; the rest are one line.
            height = self.verticalHeader().defaultSectionSize()
            for row, needed in enumerate(self._label_widths()):
                if needed > widths[0]:
                    self.resizeRowToContents(row)
                elif self.rowHeight(row) != height:
                    self.setRowHeight(row, height)
            return
        self.resizeRowsToContents()

    def _label_widths(self) -> list[int]:
        """Per row, the width its first-column text needs on one line (cached)."""
        cached = self.__dict__.get("_label_widths_cache")
        if cached is None:
            metrics = self.fontMetrics()
            bold = self.font()
            bold.setBold(True)
            bold_metrics = QFontMetrics(bold)
            cached = [0] * self.model().grid.n_rows
            for item in self.model().grid.items:
                if item.col == 0 and item.text:
                    m = bold_metrics if item.role in ("header", "heading", "corner") else metrics
                    cached[item.row] = m.horizontalAdvance(INDENT * item.level + item.text) + 12
            self._label_widths_cache = cached
        return cached

    # -- navigation ----------------------------------------------------------------------
    def _next_value(self, index: QModelIndex, step: int) -> QModelIndex:
        """The value box after (step 1) or before (step -1) this one in reading order."""
        key = (index.row(), index.column())
        if step > 0:
            at = bisect.bisect_right(self._value_positions, key)
            found = at < len(self._value_positions)
        else:
            at = bisect.bisect_left(self._value_positions, key) - 1
            found = at >= 0
        return self.model().index(*self._value_positions[at]) if found else index

    def _value_below(self, index: QModelIndex) -> QModelIndex:
        model = self.model()
        for row in range(index.row() + 1, model.rowCount()):
            candidate = model.index(row, index.column())
            if candidate.data(CELL_ID_ROLE):
                return candidate
        return index

    def moveCursor(self, action, modifiers):
        if action == QAbstractItemView.CursorAction.MoveNext:
            return self._next_value(self.currentIndex(), 1)
        if action == QAbstractItemView.CursorAction.MovePrevious:
            return self._next_value(self.currentIndex(), -1)
        return super().moveCursor(action, modifiers)

    def open_editor(self) -> CellEditor | None:
        """The cell editor open now, if any."""
        editor = self.delegate.last_editor if self.delegate is not None else None
        if self.state() == QAbstractItemView.State.EditingState and editor is not None:
            return editor
        return None

    def _holds_wrong_text(self) -> CellEditor | None:
        """The open editor when its text is not a number (it must not be committed or lost)."""
        editor = self.open_editor()
        return editor if editor is not None and editor.problem() else None

    def closeEditor(self, editor, hint) -> None:
        # Every way an editor closes passes here (Enter, Tab, a click on another box, a finding
        # clicked): text that is not a number keeps it open. Esc (RevertModelCache) closes it.
        if hint != QAbstractItemDelegate.EndEditHint.RevertModelCache \
                and isinstance(editor, CellEditor) and editor.insist():
            return
        if hint == QAbstractItemDelegate.EndEditHint.SubmitModelCache:  # Enter: commit, go down
            super().closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)
            self.setCurrentIndex(self._value_below(self.currentIndex()))
            return
        super().closeEditor(editor, hint)

    def currentChanged(self, current: QModelIndex, previous: QModelIndex) -> None:
        super().currentChanged(current, previous)
        editor = self._holds_wrong_text()
        if editor is not None and editor.index is not None and current != editor.index:
            # The editor refused to close: the cursor goes back to its box.
            QTimer.singleShot(0, self, self._back_to_editor)

    def _back_to_editor(self) -> None:
        editor = self._holds_wrong_text()
        if editor is not None and editor.index is not None and editor.index.isValid():
            self.selectionModel().setCurrentIndex(
                QModelIndex(editor.index), QItemSelectionModel.SelectionFlag.ClearAndSelect)

    def mousePressEvent(self, event) -> None:
        # A click on another box does not take a wrong number away (and, the press refused,
        # a double click opens no second box either).
        editor = self._holds_wrong_text()
        if editor is not None and not editor.geometry().contains(event.position().toPoint()):
            editor.insist()
            event.accept()
            return
        super().mousePressEvent(event)

    def keyPressEvent(self, event) -> None:
        editor = self._holds_wrong_text()
        if editor is not None:  # arrows, Page Up/Down the editor leaves to the table
            editor.insist()
            event.accept()
            return
        if self.state() != QAbstractItemView.State.EditingState:
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) \
                    and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
                self.setCurrentIndex(self._value_below(self.currentIndex()))
                return
            if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
                self.clear_selection_values()
                return
            if event.matches(QKeySequence.StandardKey.Copy):
                self.copy_selection()
                return
            if event.matches(QKeySequence.StandardKey.Paste):
                self.paste()
                return
        super().keyPressEvent(event)

    def inputMethodEvent(self, event) -> None:
        # A Chinese input method sends full-width digits as committed text, not key presses;
        # on a selected value box that text starts the editor and replaces the value, as a
        # typed key does.
        index = self.currentIndex()
        if (self.state() != QAbstractItemView.State.EditingState and event.commitString()
                and not event.preeditString() and index.isValid()
                and index.flags() & Qt.ItemFlag.ItemIsEditable):
            self.edit(index)
            editor = self.open_editor()
            if editor is not None:
                editor.selectAll()
                QApplication.sendEvent(editor, event)
                event.accept()
                return
        super().inputMethodEvent(event)

    def contextMenuEvent(self, event) -> None:
        index = self.indexAt(event.pos())
        if index.isValid() and not self.selectionModel().isSelected(index):
            self.setCurrentIndex(index)
        self.context_menu(index).exec(event.globalPos())

    def context_menu(self, index: QModelIndex) -> QMenu:
        """复制 / 粘贴 / 清除, and on a total with a sum finding its one-click fix."""
        menu = QMenu(self)
        menu.addAction("复制", self.copy_selection)
        menu.addAction("粘贴", self.paste)
        menu.addAction("清除", self.clear_selection_values)
        cell_id = index.data(CELL_ID_ROLE) if index.isValid() else None
        document = self.model().document
        fixes = [document.fix_for(f) for f in document.findings if cell_id and f.target == cell_id]
        fixes = [fix for fix in fixes if fix is not None]
        if fixes:
            menu.addSeparator()
            for fix in fixes:
                menu.addAction(fix.text, lambda fix=fix: self.fixRequested.emit(fix))
        return menu

    def commit_pending_edit(self) -> bool:
        """A number still in the editor counts (the clerk saves or closes mid-typing). False,
        with the editor left open and red, when its text is not a number."""
        editor = self.open_editor()
        if editor is None:
            return True
        if editor.insist():
            return False
        self.commitData(editor)
        self.closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)
        return True

    def select_cells(self, cell_ids: list[str]) -> None:
        """Select these value boxes and scroll to the first (a finding was clicked)."""
        model = self.model()
        indexes = [model.index_of(c) for c in cell_ids]
        indexes = [i for i in indexes if i.isValid()]
        if not indexes:
            return
        selection = self.selectionModel()
        flags = QItemSelectionModel.SelectionFlag.Select
        selection.clearSelection()
        self.setCurrentIndex(indexes[0])
        for index in indexes:
            selection.select(index, flags)
        self.scrollTo(indexes[0], QAbstractItemView.ScrollHint.EnsureVisible)

    # -- clipboard -----------------------------------------------------------------------
    def _selected_value_cells(self) -> list[str]:
        cells = [i.data(CELL_ID_ROLE) for i in self.selectionModel().selectedIndexes()]
        if not cells and self.currentIndex().isValid():
            cells = [self.currentIndex().data(CELL_ID_ROLE)]
        return [c for c in cells if c]

    def clear_selection_values(self) -> None:
        cells = self._selected_value_cells()
        if cells:
            self.model().document.edit_values({c: None for c in cells}, "清除")

    def selection_text(self) -> tuple[str, str]:
        """The selected boxes as TSV and as an HTML table (Excel and Word paste both)."""
        import html

        indexes = self.selectionModel().selectedIndexes() or (
            [self.currentIndex()] if self.currentIndex().isValid() else [])
        if not indexes:
            return "", ""
        rows = sorted({i.row() for i in indexes})
        cols = sorted({i.column() for i in indexes})
        chosen = {(i.row(), i.column()): i for i in indexes}
        lines, html_rows = [], []
        for r in rows:
            fields = []
            for c in cols:
                index = chosen.get((r, c))
                text = (index.data(Qt.ItemDataRole.DisplayRole) or "") if index else ""
                fields.append(str(text))
            lines.append("\t".join(fields))
            html_rows.append("<tr>" + "".join(f"<td>{html.escape(f)}</td>" for f in fields)
                             + "</tr>")
        return "\r\n".join(lines) + "\r\n", "<table>" + "".join(html_rows) + "</table>"

    def copy_selection(self) -> None:
        text, markup = self.selection_text()
        if not text:
            return
        mime = QMimeData()
        mime.setText(text)
        mime.setHtml(markup)
        QGuiApplication.clipboard().setMimeData(mime)

    def paste(self, text: str | None = None) -> bool:
        """Paste a column (or block) from Excel down the value boxes from the current one, as
        one undo step; one value pasted over several selected value boxes fills them all, as
        Excel does. Anything that is not a number refuses the whole paste, and says where."""
        if text is None:
            text = QGuiApplication.clipboard().text()
        lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        while lines and lines[-1] == "":
            lines.pop()
        try:
            if len(lines) == 1 and "\t" not in lines[0]:
                selected = list(dict.fromkeys(
                    i.data(CELL_ID_ROLE) for i in self.selectionModel().selectedIndexes()
                    if i.data(CELL_ID_ROLE)))  # value boxes only, once each, headings skipped
                if len(selected) > 1:
                    return self._fill(selected, lines[0])
            changes = self._block_changes(lines)
        except _PasteRefused as refusal:
            self.messageRaised.emit(str(refusal))
            return False
        if self.model().document.edit_values(changes, "粘贴"):
            self.messageRaised.emit(f"已粘贴 {len(changes)} 个数值")
        return True

    def _block_changes(self, lines: list[str]) -> dict[str, Value | None]:
        """Each line down the value boxes below the current one, its tab-separated fields to
        the right; _PasteRefused when it does not fit."""
        start = self.currentIndex()
        if not start.isValid() or not start.data(CELL_ID_ROLE):
            raise _PasteRefused("请先选中要粘贴到的第一个数值格")
        if not lines:
            raise _PasteRefused("剪贴板里没有可粘贴的数字")
        model = self.model()
        changes: dict[str, Value | None] = {}
        row_index = start
        for line_no, line in enumerate(lines, start=1):
            if line_no > 1:
                below = self._value_below(row_index)
                if below == row_index:
                    raise _PasteRefused(f"粘贴的 {len(lines)} 行超出了表格，未粘贴任何内容")
                row_index = below
            for offset, field in enumerate(line.split("\t")):
                target = model.index(row_index.row(), row_index.column() + offset)
                cell_id = target.data(CELL_ID_ROLE)
                if not cell_id:
                    raise _PasteRefused("粘贴的内容超出了可填写的列，未粘贴任何内容")
                changes[cell_id] = self._parsed(cell_id, field, f"第 {line_no} 行的")
        return changes

    def _fill(self, cell_ids: list[str], field: str) -> bool:
        """One value into every selected value box, as one undo step; refused as a whole if it
        does not fit one of them (a decimal into a count, text anywhere)."""
        order = self.model().document.edition.order
        changes = {cell_id: self._parsed(cell_id, field)
                   for cell_id in sorted(cell_ids, key=order.__getitem__)}
        if self.model().document.edit_values(changes, f"粘贴到 {len(changes)} 格"):
            self.messageRaised.emit(f"已将 {len(changes)} 个选中的数值格填为“{field.strip()}”")
        return True

    def _parsed(self, cell_id: str, field: str, where: str = "") -> Value | None:
        """A pasted field as this cell's value; _PasteRefused saying why when it does not fit."""
        cell = self.model().document.edition.cells[cell_id]
        try:
            return parse_value(field, cell.kind, cell.unit)
        except InputError as exc:
            raise _PasteRefused(f"{where}“{field.strip()}”不能填入“{cell.name}”：{exc}。"
                                "未粘贴任何内容") from None
