"""The status bar's count of findings keeps its width while its text changes within it (a label
that resized relaid out and repainted the whole status bar on most keystrokes), and grows
whenever a text needs more room: a count is never cut off."""
from __future__ import annotations

from PySide6.QtWidgets import QMainWindow

from gkdesk.ui.steady_label import SteadyLabel


def test_the_count_keeps_its_width_and_grows_for_a_longer_text(qtbot):
    window = QMainWindow()
    qtbot.addWidget(window)
    label = SteadyLabel()
    window.statusBar().addPermanentWidget(label)
    window.show()
    qtbot.waitExposed(window)
    label.setText("2 个错误 · 14 处合计待填")
    wide = label.width()
    assert wide >= label.fontMetrics().horizontalAdvance(label.text())
    label.setText("校验通过")
    assert label.width() == wide  # shorter: the same room, nothing around it moves
    longer = "12 个错误 · 3 个警告 · 14 处合计待填 · 年报正文 2 处不符"
    label.setText(longer)
    qtbot.waitUntil(lambda: label.width() > wide)
    assert label.width() >= label.fontMetrics().horizontalAdvance(longer)  # shown whole
    label.setText("2 个错误 · 14 处合计待填")  # measured before: from memory, same answer
    assert label.width() >= label.fontMetrics().horizontalAdvance(longer)
