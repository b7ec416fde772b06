"""FindingsPanel: every finding of the draft by severity, each with its one-click offers, and the
待填 ones (totals not typed yet) quietly in a group of their own below.

Clicking a finding asks the window to select its cells. A finding offers its fix when the fix
cannot make things worse (never applied by itself); a warning takes the clerk's explanation."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPalette
from PySide6.QtWidgets import (QFrame, QHBoxLayout, QLabel, QPushButton, QScrollArea,
                               QVBoxLayout, QWidget)

from ..fixes import Fix
from ..rules import SEVERITY_NAMES, SEVERITY_ORDER, Finding

_COLOURS = {"error": "#c62828", "warning": "#b26a00", "info": "#1565c0"}
_BACKGROUNDS = {"error": "#fdecea", "warning": "#fff6e0", "info": "#e8f1ff"}


PENDING_COLOUR = "#6b7280"


class FindingCard(QFrame):
    """One finding: severity, message, explanation, and its buttons."""

    clicked = Signal(object)
    fixRequested = Signal(object)
    explainRequested = Signal(object)

    def __init__(self, finding: Finding, fix: Fix | None = None, parent=None):
        super().__init__(parent)
        self.finding = finding
        self.fix = fix
        self.setObjectName("findingCard")
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        colour = _COLOURS[finding.severity]
        background = "#f4f4f4" if finding.explanation else _BACKGROUNDS[finding.severity]
        # A palette and a painted edge, not a style sheet: cards come and go as the clerk
        # types, and polishing a style sheet per card costs more than the check itself.
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.Window, QColor(background))
        self.setPalette(palette)
        self.setAutoFillBackground(True)
        self._edge = QColor(colour)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 6, 6)
        layout.setSpacing(4)
        state = "（已说明）" if finding.explanation else ""
        self.title = QLabel(f"<b style='color:{colour}'>{SEVERITY_NAMES[finding.severity]}"
                            f"</b>{state}")
        layout.addWidget(self.title)
        self.message = QLabel(finding.message)
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        sentence = getattr(finding, "context", "")  # a finding about the report's text
        if sentence:
            self.sentence = QLabel(f"正文：{sentence}")
            self.sentence.setWordWrap(True)
            self.sentence.setStyleSheet("color: #444;")
            self.setToolTip(sentence)
            layout.addWidget(self.sentence)
        if finding.explanation:
            self.explanation = QLabel(f"说明：{finding.explanation}")
            self.explanation.setWordWrap(True)
            self.explanation.setStyleSheet("color: #444;")
            layout.addWidget(self.explanation)
        buttons = QHBoxLayout()
        buttons.setSpacing(6)
        self.fix_button = self.explain_button = None
        if fix is not None:
            self.fix_button = QPushButton(fix.text)
            self.fix_button.setToolTip("只改这一个数（可撤销）；如果是别的数填错了，请直接改那个数")
            self.fix_button.clicked.connect(lambda: self.fixRequested.emit(self.fix))
            buttons.addWidget(self.fix_button)
        if finding.severity != "error" and finding.rule not in ("COMPLETE", "EDITION-YEAR") \
                and not finding.rule.startswith("TEXT-"):  # a sentence is fixed in the report
            self.explain_button = QPushButton("修改说明…" if finding.explanation else "填写说明…")
            self.explain_button.clicked.connect(lambda: self.explainRequested.emit(self.finding))
            buttons.addWidget(self.explain_button)
        if buttons.count():
            buttons.addStretch(1)
            layout.addLayout(buttons)

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
        self.cards: list[FindingCard] = []
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
        self.empty = QLabel()
        self.empty.setWordWrap(True)
        self.body_layout.addWidget(self.empty)
        # 待填: one quiet label of links (cheap to refresh on every keystroke), not cards.
        self.pending_label = QLabel()
        self.pending_label.setWordWrap(True)
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
        for card in self.cards:
            self.body_layout.removeWidget(card)
            card.hide()  # not painted again while it waits for its deletion
            card.deleteLater()
        self.cards = []
        for position, finding in enumerate(ordered):
            card = FindingCard(finding, self.fix_for(finding), self.body)
            card.clicked.connect(self.findingClicked)
            card.fixRequested.connect(self.fixRequested)
            card.explainRequested.connect(self.explainRequested)
            self.body_layout.insertWidget(position, card)
            self.cards.append(card)
        self.empty.setVisible(not ordered and not self._pending)

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
