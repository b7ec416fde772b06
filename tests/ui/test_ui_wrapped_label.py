"""WrappedLabel remembers its heights per width: it must answer what QLabel answers, also after
its text, font or margins change (a stale height clips a finding's message or leaves a gap)."""
from __future__ import annotations

from PySide6.QtWidgets import QLabel

from gkdesk.ui.wrapped_label import WrappedLabel

LONG = ("商业企业列：办理结果总计（43）应等于 予以公开 + 部分公开 + 属于国家秘密 + 其他处理（其他）"
        "（4 + 4 + 0 + 1 + 2 + 3 + 4 + 0 + 1 + 2 + 3 + 4 = 44），相差 1")


def heights(label, widths=(80, 200, 323, 479, 200)):
    return [label.heightForWidth(w) for w in widths]


def test_heights_follow_text_font_and_margins(qtbot):
    ours, qts = WrappedLabel(), QLabel()
    qts.setWordWrap(True)
    qtbot.addWidget(ours)
    qtbot.addWidget(qts)
    for label in (ours, qts):
        label.setText(LONG)
    assert heights(ours) == heights(qts)
    assert heights(ours) == heights(qts)  # remembered: the same again
    for change in (lambda l: l.setText("短"), lambda l: l.setText(LONG + LONG),
                   lambda l: l.setFont(_bigger(l.font())), lambda l: l.setContentsMargins(9, 9, 9, 9),
                   lambda l: l.setStyleSheet("padding: 6px 2px;"),
                   lambda l: l.setMargin(5), lambda l: l.setText("<b>待填</b><br>· 一<br>· 二")):
        change(ours)
        change(qts)
        assert heights(ours) == heights(qts)


def _bigger(font):
    font.setPointSizeF(font.pointSizeF() * 1.6)
    return font
