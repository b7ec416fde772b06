"""A word-wrapped QLabel that lays its text out once per width.

A layout pass asks a wrapped label's height for the same width several times (a finding card
showing a 20-term message was asked 17 times, 5 widths, when it appeared), and Qt lays the whole
text out again for each: a card's message of 400 characters cost ~1.4 ms per keystroke that
brought it. The answers are remembered for the text, font and margins they were computed with
(a few texts: a card shown again, after an undo, shows one it had).

Plain text is also painted from that layout (a QStaticText): QLabel lays a wrapped text out again
on every paint, ~0.5 ms for a long message each time its card appears."""
from __future__ import annotations

import math

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QPainter, QStaticText, QTextOption
from PySide6.QtWidgets import QLabel

_REMEMBERED = 16  # (text, width) answers kept; the oldest go first


class WrappedLabel(QLabel):
    def __init__(self, text: str = "", parent=None):
        super().__init__(text, parent)
        self.setWordWrap(True)
        self._heights: dict[tuple, int] = {}
        self._layouts: dict[tuple, QStaticText] = {}

    def _plain(self) -> bool:
        return self.textFormat() == Qt.TextFormat.PlainText and self.wordWrap()

    def _laid_out(self, width: int) -> QStaticText:
        """The text wrapped at this width, laid out once (a few widths and texts kept)."""
        key = (width, self.text(), self.font().key())
        text = self._layouts.get(key)
        if text is None:
            if len(self._layouts) >= _REMEMBERED:
                del self._layouts[next(iter(self._layouts))]
            text = self._layouts[key] = QStaticText(self.text())
            text.setTextFormat(Qt.TextFormat.PlainText)
            option = QTextOption()
            option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
            text.setTextOption(option)
            text.setTextWidth(max(width, 1))
            text.prepare(font=self.font())
        return text

    def _text_width(self, width: int) -> int:
        margins = self.contentsMargins()
        return width - margins.left() - margins.right() - 2 * self.margin()

    def heightForWidth(self, width: int) -> int:
        margins = self.contentsMargins()
        key = (width, self.text(), self.font().key(), self.margin(), self.indent(),
               margins.left(), margins.top(), margins.right(), margins.bottom(),
               self.wordWrap(), self.textFormat(), self.styleSheet())
        height = self._heights.get(key)
        if height is None:
            if len(self._heights) >= _REMEMBERED:
                del self._heights[next(iter(self._heights))]
            if self._plain() and self.text():
                # The height of the very layout paintEvent draws: no line can be cut off.
                text = self._laid_out(self._text_width(width))
                height = math.ceil(text.size().height()) + margins.top() + margins.bottom() \
                    + 2 * self.margin()
            else:
                height = super().heightForWidth(width)
            self._heights[key] = height
        return height

    def paintEvent(self, event) -> None:
        if not self._plain():
            super().paintEvent(event)
            return
        box = self.contentsRect().adjusted(self.margin(), self.margin(), -self.margin(),
                                           -self.margin())
        text = self._laid_out(box.width())
        top = box.top()
        spare = box.height() - text.size().height()
        if spare > 0 and self.alignment() & Qt.AlignmentFlag.AlignVCenter:
            top += spare / 2
        elif spare > 0 and self.alignment() & Qt.AlignmentFlag.AlignBottom:
            top += spare
        painter = QPainter(self)
        painter.setFont(self.font())
        painter.setPen(self.palette().color(self.foregroundRole()))
        painter.drawStaticText(QPointF(box.left(), top), text)
