"""A word-wrapped QLabel that lays its text out once per width.

A layout pass asks a wrapped label's height for the same width several times (a finding card
showing a 20-term message was asked 17 times, 5 widths, when it appeared), and Qt lays the whole
text out again for each: a card's message of 400 characters cost ~1.4 ms per keystroke that
brought it. The answers are remembered for the text, font and margins they were computed with
(a few texts: a card shown again, after an undo, shows one it had)."""
from __future__ import annotations

from PySide6.QtWidgets import QLabel

_REMEMBERED = 16  # (text, width) answers kept; the oldest go first


class WrappedLabel(QLabel):
    def __init__(self, text: str = "", parent=None):
        super().__init__(text, parent)
        self.setWordWrap(True)
        self._heights: dict[tuple, int] = {}

    def heightForWidth(self, width: int) -> int:
        margins = self.contentsMargins()
        key = (width, self.text(), self.font().key(), self.margin(), self.indent(),
               margins.left(), margins.top(), margins.right(), margins.bottom(),
               self.wordWrap(), self.textFormat(), self.styleSheet())
        height = self._heights.get(key)
        if height is None:
            if len(self._heights) >= _REMEMBERED:
                del self._heights[next(iter(self._heights))]
            height = self._heights[key] = super().heightForWidth(width)
        return height
