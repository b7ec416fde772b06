"""FindingsPanel: every finding of the draft by severity, each with its one-click offers, and the
待填 ones (totals not typed yet) quietly in a group of their own below.

Clicking a finding asks the window to select its cells. A finding offers its fix when the fix
cannot make things worse (never applied by itself); a warning takes the clerk's explanation."""
from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPalette
from PySide6.QtWidgets import (QFrame, QHBoxLayout, QLabel, QPushButton, QScrollArea,
                               QSizePolicy, QStyle, QStyleOptionButton, QStylePainter,
                               QVBoxLayout, QWidget)

from ..fixes import Fix
from ..rules import SEVERITY_NAMES, SEVERITY_ORDER, Finding
from .wrapped_label import WrappedLabel

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


class FindingCard(QFrame):
    """One finding: severity, message, explanation, and its buttons. A card is filled again
    when its finding changes, and kept for the next one when it goes: cards come and go as the
    clerk types, and making and deleting the widgets cost more than the check itself."""

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
        self._edge = QColor()
        self._background = ""
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(10, 6, 6, 6)
        self._layout.setSpacing(4)
        self.title = QLabel()  # plain text in a bold font: rich text is laid out per paint
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        bold = self.title.font()
        bold.setBold(True)
        self.title.setFont(bold)
        self._layout.addWidget(self.title)
        self.message = WrappedLabel()  # a 20-term sum: laid out once per width
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self._layout.addWidget(self.message)
        self.sentence = self.explanation = None  # shown when the finding has them
        self._sentence = self._explanation = None  # the labels, made at first need
        self.fix_button = self.explain_button = None  # shown when offered
        self._fix_button = self._explain_button = None
        self._buttons: QHBoxLayout | None = None
        self.show_finding(finding, fix, force=True)

    def show_finding(self, finding: Finding, fix: Fix | None, force: bool = False) -> None:
        """Show this finding and its fix; widgets whose text is unchanged are not touched."""
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
        self._edge = QColor(colour)
        title = SEVERITY_NAMES[finding.severity] + ("（已说明）" if finding.explanation else "")
        if self.title.text() != title:
            self.title.setText(title)
            palette = self.title.palette()
            palette.setColor(QPalette.ColorRole.WindowText, QColor(colour))
            self.title.setPalette(palette)
        self.message.setText(finding.message)
        sentence = getattr(finding, "context", "")  # a finding about the report's text
        self.sentence = self._quiet_label("_sentence", f"正文：{sentence}" if sentence else "",
                                          position=2)
        self.setToolTip(sentence)
        self.explanation = self._quiet_label(
            "_explanation", f"说明：{finding.explanation}" if finding.explanation else "",
            position=self._layout.indexOf(self.message) + 1 + (self.sentence is not None))
        self.fix_button = self._button("_fix_button", fix.text if fix is not None else "",
                                       lambda: self.fixRequested.emit(self.fix),
                                       "只改这一个数（可撤销）；如果是别的数填错了，请直接改那个数")
        explainable = finding.severity != "error" and finding.rule not in (
            "COMPLETE", "EDITION-YEAR") and not finding.rule.startswith("TEXT-")
        self.explain_button = self._button(  # a sentence is fixed in the report, not explained
            "_explain_button",
            ("修改说明…" if finding.explanation else "填写说明…") if explainable else "",
            lambda: self.explainRequested.emit(self.finding))
        self.update()

    def _quiet_label(self, name: str, text: str, position: int) -> QLabel | None:
        label = getattr(self, name)
        if not text:
            if label is not None:
                label.hide()
            return None
        if label is None:
            label = QLabel()
            label.setWordWrap(True)
            label.setStyleSheet("color: #444;")
            self._layout.insertWidget(position, label)
            setattr(self, name, label)
        label.setText(text)
        label.show()
        return label

    def _button(self, name: str, text: str, slot, tip: str = "") -> QPushButton | None:
        button = getattr(self, name)
        if not text:
            if button is not None:
                button.hide()
            return None
        if button is None:
            if self._buttons is None:
                self._buttons = QHBoxLayout()
                self._buttons.setSpacing(6)
                self._buttons.addStretch(1)
                self._layout.addLayout(self._buttons)
            button = ElidingButton(text, tip)
            button.clicked.connect(slot)
            # the fix first, then the explanation, then the stretch
            self._buttons.insertWidget(0 if name == "_fix_button" else
                                       self._buttons.count() - 1, button)
            setattr(self, name, button)
        button.setText(text)
        button.show()
        return button

    def paintEvent(self, event) -> None:
        super().paintEvent(event)
        painter = QPainter(self)
        painter.fillRect(0, 0, 4, self.height(), self._edge)  # the severity's colour
        painter.end()

    def mousePressEvent(self, event) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.clicked.emit(self.finding)
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
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.heading = QLabel("<b>校验结果</b>")
        layout.addWidget(self.heading)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.body = QWidget()
        self.body_layout = QVBoxLayout(self.body)
        self.body_layout.setContentsMargins(2, 2, 2, 2)
        self.body_layout.setSpacing(6)
        self.empty = WrappedLabel()
        self.empty.setTextFormat(Qt.TextFormat.PlainText)
        self.body_layout.addWidget(self.empty)
        # 待填: one quiet label of links (cheap to refresh on every keystroke), not cards.
        self.pending_label = WrappedLabel()
        self.pending_label.setTextFormat(Qt.TextFormat.RichText)
        self.pending_label.setStyleSheet(f"color: {PENDING_COLOUR}; padding: 4px 2px;")
        self.pending_label.linkActivated.connect(self._on_pending_link)
        self.pending_label.hide()
        self.body_layout.addWidget(self.pending_label)
        self.body_layout.addStretch(1)
        self.set_empty_text(False)
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

    def set_findings(self, findings: list[Finding],
                     pending: list[tuple[Finding, str]] = ()) -> None:
        self._set_pending(list(pending))
        ordered = sorted(findings, key=lambda f: SEVERITY_ORDER[f.severity])  # stable
        if ordered == self._findings:
            return  # typing a number that changes nothing here: keep the widgets
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
        for position, card in enumerate(cards):  # in order, moved only when out of place
            if self.body_layout.indexOf(card) != position:
                self.body_layout.removeWidget(card)
                self.body_layout.insertWidget(position, card)
            if card.isHidden():
                card.show()
        self.cards = cards
        self.empty.setVisible(not ordered and not self._pending)

    def _spare_for(self, key: str) -> FindingCard | None:
        """A hidden card, the one that last showed this finding if any: a finding that comes
        back as the clerk types finds its texts laid out already."""
        for position, card in enumerate(self._spare):
            if card.finding.key == key:
                return self._spare.pop(position)
        return self._spare.pop() if self._spare else None

    def _set_pending(self, pending: list[tuple[Finding, str]]) -> None:
        if pending == self._pending:
            return
        self._pending = pending
        self.empty.setVisible(not self._findings and not pending)
        if not pending:
            self.pending_label.hide()
            return
        import html

        lines = [f"<b>待填（{len(pending)} 处）</b>：合计或结转尚未填写，填完后自动核对；"
                 "也可用“校验 → 填入空白合计”。"]
        lines += [f"<a href='{i}' style='color:{PENDING_COLOUR}; text-decoration:none'>"
                  f"· {html.escape(text)}</a>" for i, (_, text) in enumerate(pending)]
        self.pending_label.setText("<br>".join(lines))
        self.pending_label.show()

    def _on_pending_link(self, link: str) -> None:
        if link.isdigit() and int(link) < len(self._pending):
            self.findingClicked.emit(self._pending[int(link)][0])
