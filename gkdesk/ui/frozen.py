"""Frozen headings and labels for a GridTableView (Qt's frozen-column technique).

Three overlay QTableViews sit on the table's viewport and show the same model through the same
selection model: the heading rows (scrolling sideways with the values), the label columns
(scrolling up and down with them) and the corner where both meet (never scrolling). Each is
clipped by its own size, so boxes spanning the boundary draw as they do in the table. Column
widths, row heights and scroll positions follow the table; the table's own scrollTo keeps the
current box out from under them (see GridTableView.scrollTo)."""
from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRect, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QAbstractItemView, QApplication, QFrame, QTableView, QWidget

EDGE_COLOUR = "#8a94a0"  # the line where the frozen parts end and the values scroll


class FrozenPart(QTableView):
    """One frozen part: read-only, no focus, no scroll bars; wheel turns go to the table."""

    def __init__(self, table: QTableView, name: str, rows: int | None = None,
                 columns: int | None = None):
        super().__init__(table)
        self.table = table
        self.rows = rows  # the part shows only rows above this one (None: every row)
        self.columns = columns  # and only columns left of this one
        self.setObjectName(name)
        self.setModel(table.model())
        self.setSelectionModel(table.selectionModel())
        self.paint_like(table.itemDelegate())
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(table.selectionMode())
        self.setAutoScroll(False)
        self.setFrameShape(QFrame.Shape.NoFrame)
        # Opaque: a repaint of the values below leaves the parts alone (their viewport, with
        # no frame and no scroll bars, covers them whole).
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.setAutoFillBackground(True)
        self.setWordWrap(True)
        self.setCornerButtonEnabled(False)
        self.horizontalHeader().hide()
        self.verticalHeader().hide()
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.horizontalHeader().setMinimumSectionSize(1)
        self.verticalHeader().setMinimumSectionSize(1)
        self.viewport().installEventFilter(self)
        # No dataChanged of its own: a changed value box lies outside this part's viewport,
        # where Qt's own update (in C++) paints nothing; a Python filter cost a call per box.

    def paint_like(self, delegate) -> None:
        """A delegate of the table's kind, of its own: it paints the same (tints, 上年 lines)
        but is never the table's editor delegate, whose commit and close signals every view
        using it would act on."""
        old = self.itemDelegate()
        self.setItemDelegate(type(delegate)(self))
        if old is not None and old.parent() is self:
            old.deleteLater()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.viewport() and event.type() == QEvent.Type.Wheel:
            QApplication.sendEvent(self.table.viewport(), event)
            return True
        return super().eventFilter(watched, event)

    def mousePressEvent(self, event) -> None:
        super().mousePressEvent(event)
        self.table.setFocus(Qt.FocusReason.MouseFocusReason)  # typing goes on in the table

    def copy_layout(self) -> None:
        table = self.table
        self.clearSpans()
        for row, column, rows, columns in table.model().spans():
            self.setSpan(row, column, rows, columns)
        for column in range(table.model().columnCount()):
            self.setColumnWidth(column, table.columnWidth(column))
        for row in range(table.model().rowCount()):
            self.setRowHeight(row, table.rowHeight(row))


class FrozenPanes(QObject):
    """Keeps the heading rows and label columns of one table in view while its values scroll."""

    def __init__(self, table: QTableView, header_rows: int, label_cols: int):
        super().__init__(table)
        self.table = table
        self.header_rows = header_rows
        self.label_cols = label_cols
        self.parts: list[FrozenPart] = []
        self.left = self.top = self.corner = None
        if label_cols:
            self.left = self._part("frozenLabels", None, label_cols)
        if header_rows:
            self.top = self._part("frozenHeadings", header_rows, None)
        if label_cols and header_rows:
            self.corner = self._part("frozenCorner", header_rows, label_cols)
        if not self.parts:
            return
        self.edges = [self._edge() for _ in range(2)]  # below the headings, right of the labels
        table.horizontalHeader().sectionResized.connect(self._on_column_resized)
        table.verticalHeader().sectionResized.connect(self._on_row_resized)
        table.horizontalScrollBar().valueChanged.connect(self._on_scrolled_sideways)
        table.verticalScrollBar().valueChanged.connect(self._on_scrolled_down)
        model = table.model()
        for signal in (model.columnsInserted, model.columnsRemoved, model.modelReset):
            signal.connect(self.relayout)
        self.relayout()

    def _part(self, name: str, rows: int | None, columns: int | None) -> FrozenPart:
        part = FrozenPart(self.table, name, rows, columns)
        self.parts.append(part)
        return part

    def _edge(self) -> QWidget:
        edge = QWidget(self.table)
        palette = edge.palette()
        palette.setColor(QPalette.ColorRole.Window, QColor(EDGE_COLOUR))
        edge.setPalette(palette)
        edge.setAutoFillBackground(True)
        edge.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        return edge

    def set_delegate(self, delegate) -> None:
        for part in self.parts:
            part.paint_like(delegate)

    def width(self) -> int:
        """How far the frozen label columns reach into the viewport."""
        return sum(self.table.columnWidth(c) for c in range(self.label_cols)) \
            if self.left is not None else 0

    def height(self) -> int:
        return sum(self.table.rowHeight(r) for r in range(self.header_rows)) \
            if self.top is not None else 0

    def relayout(self, *_args) -> None:
        for part in self.parts:
            part.copy_layout()
        self.place()

    def place(self) -> None:
        """Lay the parts over the viewport: left strip, top strip, and the corner on top."""
        if not self.parts:
            return
        viewport = self.table.viewport().geometry()
        width = min(self.width(), viewport.width())
        height = min(self.height(), viewport.height())
        if self.left is not None:
            self.left.setGeometry(QRect(viewport.x(), viewport.y(), width, viewport.height()))
        if self.top is not None:
            self.top.setGeometry(QRect(viewport.x(), viewport.y(), viewport.width(), height))
        if self.corner is not None:
            self.corner.setGeometry(QRect(viewport.x(), viewport.y(), width, height))
        for part in self.parts:  # in order: labels, headings, then the corner above both
            part.show()
            part.raise_()
        below, beside = self.edges
        below.setGeometry(viewport.x(), viewport.y() + height - 1, viewport.width(), 1)
        beside.setGeometry(viewport.x() + width - 1, viewport.y(), 1, viewport.height())
        for edge, shown in ((below, self.top is not None), (beside, self.left is not None)):
            edge.setVisible(shown)
            edge.raise_()
        self._on_scrolled_sideways(self.table.horizontalScrollBar().value())
        self._on_scrolled_down(self.table.verticalScrollBar().value())

    def _on_column_resized(self, column: int, _old: int, new: int) -> None:
        for part in self.parts:
            part.setColumnWidth(column, new)
        if column < self.label_cols:
            self.place()

    def _on_row_resized(self, row: int, _old: int, new: int) -> None:
        for part in self.parts:
            part.setRowHeight(row, new)
        if row < self.header_rows:
            self.place()

    def _on_scrolled_sideways(self, value: int) -> None:
        if self.top is not None:
            self.top.horizontalScrollBar().setValue(value)

    def _on_scrolled_down(self, value: int) -> None:
        if self.left is not None:
            self.left.verticalScrollBar().setValue(value)

    def uncover(self, rect: QRect, row: int, column: int) -> None:
        """Scroll the table so a box (viewport rect) does not sit under a frozen part."""
        if column >= self.label_cols and rect.left() < self.width():
            bar = self.table.horizontalScrollBar()
            bar.setValue(bar.value() - (self.width() - rect.left()))
        if row >= self.header_rows and rect.top() < self.height():
            bar = self.table.verticalScrollBar()
            bar.setValue(bar.value() - (self.height() - rect.top()))
