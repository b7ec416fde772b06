"""The delegates of the table: a CellEditor made only while a value box is edited, which never
commits text that is not a number; and the painting of a matrix box's 上年 line."""
from __future__ import annotations

from PySide6.QtCore import (QEvent, QModelIndex, QObject, QPersistentModelIndex, QRect, QSize,
                            Qt, QTimer, Signal)
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPalette
from PySide6.QtWidgets import (QAbstractItemDelegate, QApplication, QStyledItemDelegate,
                               QStyleOptionViewItem, QToolTip)

from .cell_editor import CellEditor
from .table_model import CELL_ID_ROLE, PREVIOUS_HEADER, PREVIOUS_ROLE

PREVIOUS_COLOUR = QColor("#6f757e")
PREVIOUS_SCALE = 0.85  # the 上年 line is smaller than this year's number
_PAD = 4


def previous_font(font: QFont) -> QFont:
    small = QFont(font)
    if font.pointSizeF() > 0:
        small.setPointSizeF(font.pointSizeF() * PREVIOUS_SCALE)
    else:
        small.setPixelSize(max(8, round(font.pixelSize() * PREVIOUS_SCALE)))
    return small


class CellDelegate(QStyledItemDelegate):
    """Edits value boxes with a CellEditor, made only while a box is edited. Painting is Qt's
    own, with no Python call per box (a matrix showing 上年 lines: PreviousLineDelegate);
    tooltips are asked of the model when the mouse rests on a box."""

    inputRefused = Signal(str)
    last_editor: CellEditor | None = None

    def createEditor(self, parent, option, index: QModelIndex):
        cell_id = index.data(CELL_ID_ROLE)
        if not cell_id:
            return None
        cell = index.model().document.edition.cells[cell_id]
        editor = CellEditor(cell.kind, cell.unit, cell.name, parent)
        editor.index = QPersistentModelIndex(index)
        editor.refused.connect(self.inputRefused)
        self.last_editor = editor
        editor.destroyed.connect(lambda _obj=None, e=editor: self._forget(e))
        return editor

    def _forget(self, editor: CellEditor) -> None:
        if self.last_editor is editor:
            self.last_editor = None

    def setEditorData(self, editor: CellEditor, index: QModelIndex) -> None:
        editor.setText(index.model().edit_text(index))

    def setModelData(self, editor: CellEditor, model, index: QModelIndex) -> None:
        if editor.insist():  # not a number: nothing is written, the editor says why
            return
        if not model.setData(index, editor.text(), Qt.ItemDataRole.EditRole):
            editor.insist()

    def helpEvent(self, event, view, option, index) -> bool:
        if event.type() == QEvent.Type.ToolTip and hasattr(index.model(), "tooltip"):
            text = index.model().tooltip(index)
            if text:
                QToolTip.showText(event.globalPos(), text, view, view.visualRect(index))
            else:
                QToolTip.hideText()
            return True
        return super().helpEvent(event, view, option, index)

    def eventFilter(self, editor: QObject, event: QEvent) -> bool:
        """Enter, Tab and focus leaving do not commit text that is not a number: the editor
        stays open, red, with the focus (Esc still closes it and restores the old value)."""
        if isinstance(editor, CellEditor):
            kind = event.type()
            if kind == QEvent.Type.KeyPress and event.key() in (
                    Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
                if editor.insist():
                    return True
                if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                    # Commit now: Qt does it on a later turn of the event loop, and keys typed
                    # ahead meanwhile (a fast clerk, a busy window) went on into this box —
                    # `12⏎34⏎` became 1234. Tab is committed at once by Qt itself.
                    self.commitData.emit(editor)
                    self.closeEditor.emit(editor,
                                          QAbstractItemDelegate.EndEditHint.SubmitModelCache)
                    return True
            elif kind == QEvent.Type.FocusOut and editor.problem():
                # Qt would close the editor and drop the text. A menu, a dialog or another
                # program taking the focus leaves it be; a click elsewhere in the window is
                # answered, and the focus comes back.
                if event.reason() not in (Qt.FocusReason.PopupFocusReason,
                                          Qt.FocusReason.ActiveWindowFocusReason):
                    editor.insist(take_focus=False)
                    QTimer.singleShot(0, editor, lambda e=editor: _take_focus_back(e))
                return True
        return super().eventFilter(editor, event)


def _take_focus_back(editor: CellEditor) -> None:
    """Back to the wrong box, if the focus went elsewhere in its window (another window, a
    dialog or a menu, keeps it)."""
    focus = QApplication.focusWidget()
    if focus is not None and focus is not editor and focus.window() is editor.window() \
            and editor.isVisible() and editor.problem():
        editor.setFocus(Qt.FocusReason.OtherFocusReason)


class PreviousLineDelegate(CellDelegate):
    """A CellDelegate that also draws a matrix value box's 上年 line under this year's number
    (the editor keeps it in view); used only while last year's draft is shown in a matrix."""

    def _previous_height(self, option: QStyleOptionViewItem) -> int:
        return QFontMetrics(previous_font(option.font)).height()

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        size = super().sizeHint(option, index)
        previous = index.data(PREVIOUS_ROLE)
        if previous is None:
            return size
        metrics = QFontMetrics(previous_font(option.font))
        width = metrics.horizontalAdvance(f"{PREVIOUS_HEADER} {previous}") + 2 * _PAD
        return QSize(max(size.width(), width), size.height() + metrics.height() + 2)

    def paint(self, painter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        previous = index.data(PREVIOUS_ROLE)
        if previous is None:
            super().paint(painter, option, index)
            return
        from PySide6.QtWidgets import QStyle

        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        text, opt.text = opt.text, ""
        style = opt.widget.style() if opt.widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        small = previous_font(opt.font)
        low = QFontMetrics(small).height()
        box = opt.rect.adjusted(_PAD, 1, -_PAD, -1)
        upper = QRect(box.left(), box.top(), box.width(), box.height() - low)
        lower = QRect(box.left(), box.bottom() - low + 1, box.width(), low)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        align = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        painter.save()
        painter.setFont(opt.font)
        painter.setPen(opt.palette.color(QPalette.ColorRole.HighlightedText if selected
                                         else QPalette.ColorRole.Text))
        painter.drawText(upper, align, QFontMetrics(opt.font).elidedText(
            text, Qt.TextElideMode.ElideLeft, upper.width()))
        if previous:
            painter.setFont(small)
            painter.setPen(opt.palette.color(QPalette.ColorRole.HighlightedText) if selected
                           else PREVIOUS_COLOUR)
            painter.drawText(lower, align, QFontMetrics(small).elidedText(
                f"{PREVIOUS_HEADER} {previous}", Qt.TextElideMode.ElideMiddle, lower.width()))
        painter.restore()

    def updateEditorGeometry(self, editor, option: QStyleOptionViewItem,
                             index: QModelIndex) -> None:
        super().updateEditorGeometry(editor, option, index)
        if index.data(PREVIOUS_ROLE) is not None:  # type over this year's number only
            rect = editor.geometry()
            rect.setHeight(max(rect.height() - self._previous_height(option) - 2,
                               editor.fontMetrics().height()))
            editor.setGeometry(rect)
