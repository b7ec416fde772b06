"""FindingsPanel: every finding of the draft by severity, each with its one-click offers, and the
待填 ones (totals not typed yet) quietly in a group of their own below.

Clicking a finding asks the window to select its cells. A finding offers its fix when the fix
cannot make things worse (never applied by itself); a warning takes the clerk's explanation."""
from __future__ import annotations

import math

from PySide6.QtCore import QEvent, QPointF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPalette
from PySide6.QtWidgets import (QFrame, QLabel, QPushButton, QScrollArea, QSizePolicy, QStyle,
                               QStyleOptionButton, QStylePainter, QVBoxLayout, QWidget)

from ..fixes import Fix
from ..rules import SEVERITY_NAMES, SEVERITY_ORDER, Finding
from .wrapped_label import WrappedLabel, text_image, wrapped_text

_COLOURS = {"error": "#c62828", "warning": "#b26a00", "info": "#1565c0"}
_BACKGROUNDS = {"error": "#fdecea", "warning": "#fff6e0", "info": "#e8f1ff"}


PENDING_COLOUR = "#6b7280"


class ElidingButton(QPushButton):
    """A push button that may be narrower than its text: `将 本年新收政府信息公开申请数量·总计 改为
    2762` must not widen its card past the panel (which clips every line of the card at the
    right). Shrunk, it shows `将 本年新收…改为 2762`, and the whole text as its tooltip."""

    def __init__(self, text: str, tip: str = ""):
        super().__init__(text)
        self._tip = tip
        self.setToolTip(tip)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        return QSize(min(hint.width(), self.fontMetrics().horizontalAdvance("将 …改为 0000")),
                     hint.height())

    def paintEvent(self, event) -> None:
        option = QStyleOptionButton()
        self.initStyleOption(option)
        room = self.style().subElementRect(QStyle.SubElement.SE_PushButtonContents, option,
                                           self).width() - 4
        option.text = self.fontMetrics().elidedText(self.text(), Qt.TextElideMode.ElideMiddle,
                                                    room)
        tip = self.text() if option.text != self.text() else self._tip
        if self.toolTip() != tip:
            self.setToolTip(tip)
        QStylePainter(self).drawControl(QStyle.ControlElement.CE_PushButton, option)


_PAD_LEFT, _PAD_TOP, _PAD_RIGHT, _PAD_BOTTOM = 10, 6, 6, 6  # the edge lies in the left pad
_EDGE = 4
_GAP = 4  # between a card's lines, and above its buttons
_QUIET = "#444444"  # the report's sentence and the clerk's explanation


class _FollowsWidth:
    """A widget whose height follows its width: the list and the scroll area ask heightForWidth.
    Call _follow_width() in __init__."""

    def _follow_width(self) -> None:
        policy = self.sizePolicy()
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def hasHeightForWidth(self) -> bool:
        return True

    def sizeHint(self) -> QSize:
        return QSize(260, self.heightForWidth(260))


class FindingCard(_FollowsWidth, QFrame):
    """One finding: severity, message, the report's sentence, the explanation, its buttons.

    The card paints its texts itself, from an image drawn once per width: as labels in a layout
    they cost a layout pass and every glyph again each time a card came or went, most of a
    keystroke's time. The buttons are its only children. A card is filled again when its
    finding changes, and kept for the next one when it goes."""

    clicked = Signal(object)
    fixRequested = Signal(object)
    explainRequested = Signal(object)

    def __init__(self, finding: Finding, fix: Fix | None = None, parent=None):
        super().__init__(parent)
        self.finding = finding
        self.fix = fix
        self.setObjectName("findingCard")
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        # A palette and a painted edge, not a style sheet (polishing one per card is costly).
        self.setAutoFillBackground(True)
        self._follow_width()
        self._edge = QColor()
        self._background = ""
        self._lines: tuple[tuple[str, bool, str], ...] = ()  # (text, bold, colour)
        self._drawn: dict[tuple, tuple[QImage, int]] = {}  # (width, ratio) → (image, height)
        self._fix_button = self._explain_button = None  # made when first offered, then kept
        self.show_finding(finding, fix, force=True)

    def show_finding(self, finding: Finding, fix: Fix | None, force: bool = False) -> None:
        """Show this finding and its fix; nothing is drawn again when neither changed."""
        if not force and finding == self.finding and fix == self.fix:
            return
        self.finding, self.fix = finding, fix
        colour = _COLOURS[finding.severity]
        background = "#f4f4f4" if finding.explanation else _BACKGROUNDS[finding.severity]
        if background != self._background:
            palette = self.palette()
            palette.setColor(QPalette.ColorRole.Window, QColor(background))
            self.setPalette(palette)
            self._background = background
            self._drawn.clear()
        self._edge = QColor(colour)
        lines = [(SEVERITY_NAMES[finding.severity] + ("（已说明）" if finding.explanation else ""),
                  True, colour), (finding.message, False, "")]
        sentence = getattr(finding, "context", "")  # a finding about the report's text
        if sentence:
            lines.append((f"正文：{sentence}", False, _QUIET))
        if finding.explanation:
            lines.append((f"说明：{finding.explanation}", False, _QUIET))
        self.setToolTip(sentence)
        if tuple(lines) != self._lines:
            self._lines = tuple(lines)
            self._drawn.clear()
        self._button("_fix_button", fix.text if fix is not None else "",
                     lambda: self.fixRequested.emit(self.fix),
                     "只改这一个数（可撤销）；如果是别的数填错了，请直接改那个数")
        explainable = finding.severity != "error" and finding.rule not in (
            "COMPLETE", "EDITION-YEAR") and not finding.rule.startswith("TEXT-")
        self._button(  # a sentence is fixed in the report, not explained
            "_explain_button",
            ("修改说明…" if finding.explanation else "填写说明…") if explainable else "",
            lambda: self.explainRequested.emit(self.finding))
        self.updateGeometry()
        self._place_buttons()
        self.update()

    @property
    def texts(self) -> tuple[str, ...]:
        """The lines shown: severity, message, the report's sentence, the explanation."""
        return tuple(text for text, _, _ in self._lines)

    @property
    def fix_button(self) -> QPushButton | None:
        """The fix's button, while a fix is offered."""
        return _offered(self._fix_button)

    @property
    def explain_button(self) -> QPushButton | None:
        """填写说明… / 修改说明…, while the finding can be explained."""
        return _offered(self._explain_button)

    def _button(self, name: str, text: str, slot, tip: str = "") -> None:
        """Show the button kept in attribute `name` with this text (made the first time), or
        hide it when there is no text."""
        button = getattr(self, name)
        if not text:
            if button is not None:
                button.hide()
            return
        if button is None:
            button = ElidingButton(text, tip)
            button.setParent(self)
            button.clicked.connect(slot)
            setattr(self, name, button)
        button.setText(text)
        button.show()

    def _buttons(self) -> list[QPushButton]:
        return [b for b in (self.fix_button, self.explain_button) if b is not None]

    def _place_buttons(self) -> None:
        """In a row under the texts, the fix first; each as wide as it asks, or elided."""
        buttons = self._buttons()
        if not buttons:
            return
        x, right = _PAD_LEFT, self.width() - _PAD_RIGHT
        y = _PAD_TOP + self._text(self._text_width(self.width()))[1] + _GAP
        for button in buttons:
            hint = button.sizeHint()
            width = max(min(hint.width(), right - x), button.minimumSizeHint().width())
            button.setGeometry(x, y, width, hint.height())
            x += width + 6

    @staticmethod
    def _text_width(width: int) -> int:
        return max(width - _PAD_LEFT - _PAD_RIGHT, 1)

    def _text(self, width: int) -> tuple[QImage, int]:
        """The card's lines wrapped at this width, drawn on its background, and their height."""
        ratio = self.devicePixelRatioF()
        drawn = self._drawn.get((width, ratio))
        if drawn is not None:
            return drawn
        if len(self._drawn) >= 2:
            del self._drawn[next(iter(self._drawn))]
        palette = self.palette()
        laid = []
        height = 0
        for text, bold, colour in self._lines:
            font = QFont(self.font())
            font.setBold(bold)
            static = wrapped_text(text, font, width)
            pen = QColor(colour) if colour else palette.color(QPalette.ColorRole.WindowText)
            laid.append((static, font, pen, height))
            height += math.ceil(static.size().height()) + _GAP
        height = max(height - _GAP, 0)
        image = text_image(laid, width, height, ratio, palette.color(QPalette.ColorRole.Window))
        drawn = self._drawn[(width, ratio)] = (image, height)
        return drawn

    def heightForWidth(self, width: int) -> int:
        height = _PAD_TOP + self._text(self._text_width(width))[1] + _PAD_BOTTOM
        buttons = self._buttons()
        if buttons:
            height += _GAP + max(b.sizeHint().height() for b in buttons)
        return height

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.PaletteChange):
            self._drawn.clear()  # drawn with the old font or colours

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._place_buttons()

    def paintEvent(self, event) -> None:
        super().paintEvent(event)
        painter = QPainter(self)
        # The severity's colour. Not fillRect: PySide matching its overloads builds QGradient's
        # enums (169 presets), ~3 ms, at the first card painted.
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(self._edge)
        painter.drawRect(0, 0, _EDGE, self.height())
        painter.drawImage(QPointF(_PAD_LEFT, _PAD_TOP),
                          self._text(self._text_width(self.width()))[0])
        painter.end()

    def mousePressEvent(self, event) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.clicked.emit(self.finding)
        super().mousePressEvent(event)


def _offered(button: QPushButton | None) -> QPushButton | None:
    return button if button is not None and not button.isHidden() else None


class _CardList(_FollowsWidth, QWidget):
    """The cards one under another, then the quiet lines: placed by hand at the heights they
    ask for (a layout pass over every card and its labels, each time one came or went, cost
    more than drawing them)."""

    MARGIN, SPACING = 2, 6

    def __init__(self):
        super().__init__()
        self._follow_width()
        self.items: list[QWidget] = []  # shown, in order

    def heightForWidth(self, width: int) -> int:
        inner = width - 2 * self.MARGIN
        heights = [item.heightForWidth(inner) for item in self.items]
        return 2 * self.MARGIN + sum(heights) + self.SPACING * max(len(heights) - 1, 0)

    def place(self) -> None:
        y, width = self.MARGIN, self.width() - 2 * self.MARGIN
        for item in self.items:
            height = item.heightForWidth(width)
            item.setGeometry(self.MARGIN, y, width, height)
            y += height + self.SPACING

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.place()


class PendingLines(_FollowsWidth, QWidget):
    """The 待填 findings, quietly, one line each under a short heading; a click on a line
    selects its cells. Each line is drawn once into an image and copied (a rich-text label
    with a link per line was parsed and laid out again whenever one line changed)."""

    clicked = Signal(object)  # the Finding of the line clicked
    PAD_X, PAD_Y, GAP = 5, 4, 2

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self._follow_width()
        self.lines: list[tuple[Finding, str]] = []
        self._drawn: dict[tuple, tuple[QImage, int]] = {}  # (text, width, ratio) → image

    def set_lines(self, pending: list[tuple[Finding, str]]) -> None:
        self.lines = pending
        shown = {self._heading()} | {f"· {text}" for _, text in pending}
        self._drawn = {k: v for k, v in self._drawn.items() if k[0] in shown}
        self.updateGeometry()
        self.update()

    def _heading(self) -> str:
        return (f"<b>待填（{len(self.lines)} 处）</b>：合计或结转尚未填写，填完后自动核对；"
                "也可用“校验 → 填入空白合计”。")

    def _texts(self) -> list[tuple[str, Finding | None]]:
        return [(self._heading(), None)] + [(f"· {text}", f) for f, text in self.lines]

    def _line(self, text: str, width: int) -> tuple[QImage, int]:
        ratio = self.devicePixelRatioF()
        key = (text, width, ratio)
        drawn = self._drawn.get(key)
        if drawn is None:
            laid = wrapped_text(text, self.font(), width,
                                rich=text.startswith("<b>"))  # the heading's bold count
            height = math.ceil(laid.size().height())
            image = text_image([(laid, self.font(), QColor(PENDING_COLOUR), 0)], width, height,
                               ratio, self.palette().color(QPalette.ColorRole.Window))
            drawn = self._drawn[key] = (image, height)
        return drawn

    def _placed(self, width: int):
        """(top, height, finding, text) of each line at this width (the heading's finding is
        None)."""
        inner, top = max(width - 2 * self.PAD_X, 1), self.PAD_Y
        for text, finding in self._texts():
            height = self._line(text, inner)[1]
            yield top, height, finding, text
            top += height + self.GAP

    def heightForWidth(self, width: int) -> int:
        bottom = self.PAD_Y
        for top, height, _, _ in self._placed(width):
            bottom = top + height
        return bottom + self.PAD_Y

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.PaletteChange):
            self._drawn.clear()

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        inner = max(self.width() - 2 * self.PAD_X, 1)
        for top, _, _, text in self._placed(self.width()):
            painter.drawImage(QPointF(self.PAD_X, top), self._line(text, inner)[0])
        painter.end()

    def mousePressEvent(self, event) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            y = event.position().y()
            for top, height, finding, _ in self._placed(self.width()):
                if finding is not None and top <= y < top + height + self.GAP:
                    self.clicked.emit(finding)
                    break
        super().mousePressEvent(event)


class FindingsPanel(QWidget):
    """The list of findings beside the table."""

    findingClicked = Signal(object)
    fixRequested = Signal(object)  # a Fix
    explainRequested = Signal(object)

    def __init__(self, parent=None):
        super().__init__(parent)
        self._findings: list[Finding] | None = None
        self._pending: list[tuple[Finding, str]] = []
        self.fix_for = lambda finding: None  # the window asks its document
        self.cards: list[FindingCard] = []  # shown, in order
        self._spare: list[FindingCard] = []  # hidden, to show the next findings
        self._needed = 0  # the list's height when last placed
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.heading = QLabel("<b>校验结果</b>")
        layout.addWidget(self.heading)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # Always there: a bar that came and went as the list grew made Qt try the cards'
        # heights at some fifteen widths, one pixel apart.
        self.scroll.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.body = _CardList()
        self.empty = WrappedLabel(parent=self.body)
        self.empty.setTextFormat(Qt.TextFormat.PlainText)
        # 待填: quiet lines under the cards (cheap to refresh on every keystroke), not cards.
        self.pending_lines = PendingLines(self.body)
        self.pending_lines.clicked.connect(self.findingClicked)
        self.pending_lines.hide()
        self.set_empty_text(False)
        self._place()
        self.scroll.setWidget(self.body)
        layout.addWidget(self.scroll)

    def set_empty_text(self, has_values: bool) -> None:
        """What the panel says with nothing to list: an empty draft has not passed anything."""
        if has_values:
            text, colour = ("校验通过：没有发现问题。\n\n填完后请点“校验 → 完成”，检查是否有漏填。",
                            "#2e7d32")
        else:
            text, colour = "尚未填写任何数字。填写后，这里会列出需要核对的问题。", "#555"
        if self.empty.text() != text:
            self.empty.setText(text)
            self.empty.setStyleSheet(f"color: {colour};")
            self._place()

    def set_findings(self, findings: list[Finding],
                     pending: list[tuple[Finding, str]] = ()) -> None:
        pending_changed = self._set_pending(list(pending))
        ordered = sorted(findings, key=lambda f: SEVERITY_ORDER[f.severity])  # stable
        if ordered == self._findings:  # typing a number that changes no card: keep them
            if pending_changed:
                self._place()
            return
        self._findings = ordered
        by_key: dict[str, list[FindingCard]] = {}
        for card in self.cards:
            by_key.setdefault(card.finding.key, []).append(card)
        cards = []
        for finding in ordered:
            fix = self.fix_for(finding)
            same = by_key.get(finding.key)
            card = same.pop(0) if same else self._spare_for(finding.key)
            if card is not None:
                card.show_finding(finding, fix)
            else:
                card = FindingCard(finding, fix, self.body)
                card.clicked.connect(self.findingClicked)
                card.fixRequested.connect(self.fixRequested)
                card.explainRequested.connect(self.explainRequested)
            cards.append(card)
        for gone in by_key.values():  # kept hidden for the next findings
            for card in gone:
                card.hide()
                self._spare.append(card)
        for card in cards:
            if card.isHidden():
                card.show()
        self.cards = cards
        self._place()

    def _spare_for(self, key: str) -> FindingCard | None:
        """A hidden card, the one that last showed this finding if any: a finding that comes
        back as the clerk types finds its texts laid out already."""
        for position, card in enumerate(self._spare):
            if card.finding.key == key:
                return self._spare.pop(position)
        return self._spare.pop() if self._spare else None

    def _place(self) -> None:
        """The cards in order, then what the panel says with none, then the 待填 lines."""
        self.empty.setVisible(not self.cards and not self._pending)
        self.pending_lines.setVisible(bool(self._pending))
        self.body.items = self.cards + [w for w in (self.empty, self.pending_lines)
                                        if not w.isHidden()]
        self.body.place()
        # The scroll area fits the list's height to it: asked only when that shows (a list
        # shorter than the panel before and after keeps the panel's height).
        needed = self.body.heightForWidth(self.body.width())
        # (maximumViewportSize: asking for the viewport itself made PySide find its type among
        # every QWidget class it wraps, ~30 ms on the first call; no horizontal bar here.)
        room = self.scroll.maximumViewportSize().height()
        if needed != self._needed and max(needed, self._needed) > room:
            self.body.updateGeometry()
        self._needed = needed

    def _set_pending(self, pending: list[tuple[Finding, str]]) -> bool:
        """Whether the 待填 lines changed (the caller places the list once)."""
        if pending == self._pending:
            return False
        self._pending = pending
        if pending:
            self.pending_lines.set_lines(pending)
        return True
