"""The cell editor: a QLineEdit made only while a cell is edited, with a validator that accepts
what Chinese input methods type (full-width digits, ，) and says why it refuses a keystroke."""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QModelIndex, QObject, QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QValidator
from PySide6.QtWidgets import QLineEdit, QStyledItemDelegate

from ..numbers import MAX_DIGITS, MONEY_PLACES, InputError, Kind, normalize_text, parse_value
from .table_model import CELL_ID_ROLE, PREVIOUS_HEADER, PREVIOUS_ROLE

if TYPE_CHECKING:
    from PySide6.QtWidgets import QStyleOptionViewItem

PREVIOUS_COLOUR = QColor("#6f757e")
PREVIOUS_SCALE = 0.85  # the 上年 line is smaller than this year's number
_PAD = 4

_GROUPING = str.maketrans("", "", ",，")


def classify(text: str, kind: Kind, unit: str = "") -> tuple[QValidator.State, str]:
    """Acceptable (parses), Intermediate (could still become a number) or Invalid, with the
    reason in Chinese when it is not acceptable. The parsing itself is gkdesk.numbers."""
    try:
        parse_value(text, kind, unit)
        return QValidator.State.Acceptable, ""
    except InputError as exc:
        reason = str(exc)
    folded = normalize_text(text).translate(_GROUPING).replace(" ", "")
    folded_unit = normalize_text(unit)
    for k in range(len(folded_unit), 0, -1):  # a unit being typed: 3人 on the way to 3人次
        if folded.endswith(folded_unit[:k]):
            folded = folded[:-k]
            break
    if folded.startswith("-") and kind != "signed":
        return QValidator.State.Invalid, "不能为负数"
    sign = "[+-]?" if kind == "signed" else r"\+?"
    fraction = r"(?:\.\d*)?" if kind == "money" else r"(?:\.0*)?"
    match = re.fullmatch(f"{sign}(\\d*){fraction}", folded)
    if not match:
        if kind != "money" and re.fullmatch(f"{sign}\\d*\\.\\d*", folded):
            return QValidator.State.Invalid, "请填写整数（只有金额可以有小数）"
        return QValidator.State.Invalid, reason
    if len(match.group(1).lstrip("0")) > MAX_DIGITS:
        return QValidator.State.Invalid, "数字过大，请核对"
    if kind == "money" and "." in folded and len(folded.split(".", 1)[1].rstrip("0")) > MONEY_PLACES:
        return QValidator.State.Invalid, reason
    return QValidator.State.Intermediate, reason


class CellValidator(QValidator):
    """Validates with gkdesk.numbers; `refused` carries the reason a keystroke was refused."""

    refused = Signal(str)

    def __init__(self, kind: Kind, unit: str = "", parent: QObject | None = None):
        super().__init__(parent)
        self.kind = kind
        self.unit = unit

    def validate(self, text: str, pos: int):  # noqa: D401 - Qt's signature
        state, reason = classify(text, self.kind, self.unit)
        if state == QValidator.State.Invalid:
            self.refused.emit(reason)
        return state, text, pos

    def fixup(self, text: str) -> str:
        """Make an unfinished entry acceptable rather than lose it: drop a dangling sign, point
        or partial unit (`3人` in a 人次 cell → `3`)."""
        candidate = normalize_text(text)
        while candidate and classify(candidate, self.kind, self.unit)[0] \
                != QValidator.State.Acceptable:
            candidate = candidate[:-1].rstrip()
        return candidate

    def reason(self, text: str) -> str:
        return classify(text, self.kind, self.unit)[1]


def previous_font(font: QFont) -> QFont:
    small = QFont(font)
    if font.pointSizeF() > 0:
        small.setPointSizeF(font.pointSizeF() * PREVIOUS_SCALE)
    else:
        small.setPixelSize(max(8, round(font.pixelSize() * PREVIOUS_SCALE)))
    return small


class CellDelegate(QStyledItemDelegate):
    """Edits value boxes with a validated QLineEdit, made only while a box is edited. Painting
    stays Qt's own (no Python call per box) unless a matrix shows 上年 lines: PreviousLineDelegate."""

    inputRefused = Signal(str)
    last_editor: QLineEdit | None = None

    def createEditor(self, parent, option, index: QModelIndex):
        cell_id = index.data(CELL_ID_ROLE)
        if not cell_id:
            return None
        cell = index.model().document.edition.cells[cell_id]
        editor = QLineEdit(parent)
        editor.setFrame(False)
        editor.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        editor.setMaxLength(40)
        validator = CellValidator(cell.kind, cell.unit, editor)
        validator.refused.connect(lambda reason, e=editor: self._refuse(e, reason))
        editor.setValidator(validator)
        self.last_editor = editor
        editor.destroyed.connect(lambda _obj=None, e=editor: self._forget(e))
        return editor

    def _forget(self, editor: QLineEdit) -> None:
        if self.last_editor is editor:
            self.last_editor = None

    def setEditorData(self, editor: QLineEdit, index: QModelIndex) -> None:
        editor.setText(index.data(Qt.ItemDataRole.EditRole) or "")

    def setModelData(self, editor: QLineEdit, model, index: QModelIndex) -> None:
        validator: CellValidator = editor.validator()  # createEditor gave it one
        text = editor.text()
        if not editor.hasAcceptableInput():
            text = validator.fixup(text)
        if not model.setData(index, text, Qt.ItemDataRole.EditRole):
            self._refuse(editor, validator.reason(text))

    def eventFilter(self, editor: QObject, event: QEvent) -> bool:
        # Enter on an unfinished entry (a lone "-"): Qt keeps the editor open silently; say why.
        if (event.type() == QEvent.Type.KeyPress and isinstance(editor, QLineEdit)
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
                and not editor.hasAcceptableInput()):
            validator = editor.validator()
            if isinstance(validator, CellValidator):
                fixed = validator.fixup(editor.text())
                if fixed != editor.text():
                    editor.setText(fixed)
                else:
                    self._refuse(editor, validator.reason(editor.text()))
        return super().eventFilter(editor, event)

    def _refuse(self, editor: QLineEdit, reason: str) -> None:
        from PySide6.QtWidgets import QToolTip

        self.inputRefused.emit(reason)
        if editor.isVisible():
            QToolTip.showText(editor.mapToGlobal(editor.rect().bottomLeft()), reason, editor)


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
        from PySide6.QtGui import QPalette
        from PySide6.QtWidgets import QApplication, QStyle, QStyleOptionViewItem

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
