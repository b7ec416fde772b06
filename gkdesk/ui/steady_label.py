"""SteadyLabel: a status bar label whose width only grows.

The count of findings changes its text on most keystrokes (`2 个错误` ↔ `校验通过`). A label that
resized with it made the status bar lay itself out and repaint whole each time, ~0.4 ms of a
commit; a label of fixed size repaints only itself."""
from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QLabel


class SteadyLabel(QLabel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.setAutoFillBackground(True)  # opaque: the status bar is not painted again under it
        self._hints: dict[tuple, QSize] = {}  # the few texts it shows, measured once each

    def setText(self, text: str) -> None:
        if text == self.text():
            return
        super().setText(text)
        key = (text, self.font().key())
        hint = self._hints.get(key)
        if hint is None:
            if len(self._hints) > 64:
                self._hints.clear()
            hint = self._hints[key] = self.sizeHint()
        fixed = self.minimumWidth() == self.maximumWidth()
        if not fixed or hint.width() > self.minimumWidth() or hint.height() != self.minimumHeight():
            # the first text, or one that needs more room: the one layout pass it costs
            self.setFixedSize(max(hint.width(), self.minimumWidth() if fixed else 0),
                              hint.height())
