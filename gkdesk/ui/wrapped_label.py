"""A word-wrapped QLabel that lays its text out once per width.

A layout pass asks a wrapped label's height for the same width several times (a finding card
showing a 20-term message was asked 17 times, 5 widths, when it appeared), and Qt lays the whole
text out again for each: a card's message of 400 characters cost ~1.4 ms per keystroke that
brought it. The answers are remembered for the text, font and margins they were computed with
(a few texts: a card shown again, after an undo, shows one it had).

Plain text is also painted from that layout, drawn once into an image on the label's background
and copied from there: QLabel lays a wrapped text out and draws its glyphs again on every paint,
~0.5 ms for a long message each time its card appears (a copy of the image is a fraction)."""
from __future__ import annotations

import math

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPalette, QStaticText, QTextOption
from PySide6.QtWidgets import QLabel

_REMEMBERED = 16  # (text, width) answers kept; the oldest go first
_IMAGES = 2  # drawn texts kept (the text as shown, and one it may come back to)


def wrapped_text(text: str, font: QFont, width: int, rich: bool = False) -> QStaticText:
    """Text laid out once, wrapped at this width (between words, or anywhere in Chinese or a
    long run without spaces), ready to draw again and again; plain unless `rich`."""
    laid = QStaticText(text)
    laid.setTextFormat(Qt.TextFormat.RichText if rich else Qt.TextFormat.PlainText)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    laid.setTextOption(option)
    laid.setTextWidth(max(width, 1))
    laid.prepare(font=font)
    return laid


def text_image(texts, width: int, height: int, ratio: float, background: QColor) -> QImage:
    """Laid-out texts drawn once on a plain background, to be copied on every paint:
    `texts` are (QStaticText, font, pen colour, top) each."""
    image = QImage(max(1, round(width * ratio)), max(1, round(height * ratio)),
                   QImage.Format.Format_RGB32)
    image.setDevicePixelRatio(ratio)
    image.fill(background)
    painter = QPainter(image)
    for laid, font, pen, top in texts:
        painter.setFont(font)
        painter.setPen(pen)
        painter.drawStaticText(QPointF(0, top), laid)
    painter.end()
    return image


class WrappedLabel(QLabel):
    def __init__(self, text: str = "", parent=None):
        super().__init__(text, parent)
        self.setWordWrap(True)
        self._heights: dict[tuple, int] = {}
        self._layouts: dict[tuple, QStaticText] = {}
        self._images: dict[tuple, QImage] = {}

    def _plain(self) -> bool:
        return self.textFormat() == Qt.TextFormat.PlainText and self.wordWrap()

    def _laid_out(self, width: int) -> QStaticText:
        """The text wrapped at this width, laid out once (a few widths and texts kept)."""
        key = (width, self.text(), self.font().key())
        text = self._layouts.get(key)
        if text is None:
            if len(self._layouts) >= _REMEMBERED:
                del self._layouts[next(iter(self._layouts))]
            text = self._layouts[key] = wrapped_text(self.text(), self.font(), width)
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

    def _drawn(self, width: int, height: int) -> QImage:
        """The text as painted at this size: glyphs drawn once on the label's background."""
        palette = self.palette()
        background = palette.color(QPalette.ColorRole.Window)
        pen = palette.color(self.foregroundRole())
        ratio = self.devicePixelRatioF()
        key = (width, height, self.text(), self.font().key(), background.rgba(), pen.rgba(),
               ratio, int(self.alignment().value))
        image = self._images.get(key)
        if image is None:
            if len(self._images) >= _IMAGES:
                del self._images[next(iter(self._images))]
            text = self._laid_out(width)
            top = 0.0
            spare = height - text.size().height()
            if spare > 0 and self.alignment() & Qt.AlignmentFlag.AlignVCenter:
                top = spare / 2
            elif spare > 0 and self.alignment() & Qt.AlignmentFlag.AlignBottom:
                top = spare
            image = self._images[key] = text_image([(text, self.font(), pen, top)], width,
                                                   height, ratio, background)
        return image

    def paintEvent(self, event) -> None:
        if not self._plain():
            super().paintEvent(event)
            return
        box = self.contentsRect().adjusted(self.margin(), self.margin(), -self.margin(),
                                           -self.margin())
        if box.width() <= 0 or box.height() <= 0:
            return
        painter = QPainter(self)
        painter.drawImage(box.topLeft(), self._drawn(box.width(), box.height()))
