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


def _image(label, width, height):
    from PySide6.QtGui import QImage

    label.resize(width, height)
    image = QImage(width, height, QImage.Format.Format_RGB32)
    label.render(image)
    return image


def _plain(text):
    from PySide6.QtCore import Qt

    label = WrappedLabel()
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
    label.setText(text)
    return label


def test_plain_text_is_shown_whole_at_the_height_it_asks_for(qtbot):
    """A finding's message is painted from the layout its height came from: given that height,
    no line is cut off (the rows a taller label adds stay empty)."""
    label = _plain(LONG + LONG)
    qtbot.addWidget(label)
    for width in (120, 200, 323, 479):
        height = label.heightForWidth(width)
        assert height > label.fontMetrics().height() * 2  # it wraps
        snug, roomy = _image(label, width, height), _image(label, width, height + 40)
        assert roomy.copy(0, 0, width, height) == snug
        blank = roomy.copy(0, height, width, 40)
        background = blank.pixel(0, 0)
        assert all(blank.pixel(x, y) == background for x in range(width) for y in range(40))


def test_plain_text_painted_follows_text_and_colour(qtbot):
    from PySide6.QtGui import QColor, QPalette

    label = _plain(LONG)
    qtbot.addWidget(label)
    width = 323
    before = _image(label, width, label.heightForWidth(width))
    label.setText(LONG.replace("（43）", "（45）"))  # the same lines, one number changed
    assert label.heightForWidth(width) == before.height()
    assert _image(label, width, before.height()) != before
    label.setText(LONG)
    assert _image(label, width, label.heightForWidth(width)) == before  # the same text again
    palette = label.palette()
    palette.setColor(QPalette.ColorRole.WindowText, QColor("#c62828"))
    label.setPalette(palette)
    assert _image(label, width, label.heightForWidth(width)) != before  # red now
    fresh = _plain(LONG)
    qtbot.addWidget(fresh)
    fresh.setPalette(palette)
    assert _image(label, width, label.heightForWidth(width)) == \
        _image(fresh, width, fresh.heightForWidth(width))
