"""FindingsPanel: every finding of the draft by severity, each with its one-click offers.

Clicking a finding asks the window to select its cells. A sum finding offers its fix (never
applied by itself); a warning takes the clerk's explanation."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QFrame, QHBoxLayout, QLabel, QPushButton, QScrollArea,
                               QVBoxLayout, QWidget)

from ..numbers import format_value
from ..rules import SEVERITY_NAMES, SEVERITY_ORDER, Finding

_COLOURS = {"error": "#c62828", "warning": "#b26a00", "info": "#1565c0"}
_BACKGROUNDS = {"error": "#fdecea", "warning": "#fff6e0", "info": "#e8f1ff"}


def fix_text(finding: Finding) -> str:
    return f"将合计改为分项之和 {format_value(finding.fix_value)}"


class FindingCard(QFrame):
    """One finding: severity, message, explanation, and its buttons."""

    clicked = Signal(object)
    fixRequested = Signal(object)
    explainRequested = Signal(object)

    def __init__(self, finding: Finding, parent=None):
        super().__init__(parent)
        self.finding = finding
        self.setObjectName("findingCard")
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        colour = _COLOURS[finding.severity]
        background = "#f4f4f4" if finding.explanation else _BACKGROUNDS[finding.severity]
        self.setStyleSheet(
            f"#findingCard {{ background: {background}; border-left: 4px solid {colour};"
            f" border-radius: 2px; }}")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 6, 6)
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
        if finding.fix_value is not None:
            self.fix_button = QPushButton(fix_text(finding))
            self.fix_button.setToolTip("只改合计；如果是分项填错了，请直接改分项")
            self.fix_button.clicked.connect(lambda: self.fixRequested.emit(self.finding))
            buttons.addWidget(self.fix_button)
        if finding.severity != "error" and finding.rule not in ("COMPLETE", "EDITION-YEAR") \
                and not finding.rule.startswith("TEXT-"):  # a sentence is fixed in the report
            self.explain_button = QPushButton("修改说明…" if finding.explanation else "填写说明…")
            self.explain_button.clicked.connect(lambda: self.explainRequested.emit(self.finding))
            buttons.addWidget(self.explain_button)
        if buttons.count():
            buttons.addStretch(1)
            layout.addLayout(buttons)

    def mousePressEvent(self, event) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.clicked.emit(self.finding)
        super().mousePressEvent(event)


class FindingsPanel(QWidget):
    """The list of findings beside the table."""

    findingClicked = Signal(object)
    fixRequested = Signal(object)
    explainRequested = Signal(object)

    def __init__(self, parent=None):
        super().__init__(parent)
        self._findings: list[Finding] | None = None
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
        self.empty = QLabel("校验通过：没有发现问题。\n\n填完后请点“校验 → 完成”，检查是否有漏填。")
        self.empty.setWordWrap(True)
        self.empty.setStyleSheet("color: #2e7d32;")
        self.body_layout.addWidget(self.empty)
        self.body_layout.addStretch(1)
        self.scroll.setWidget(self.body)
        layout.addWidget(self.scroll)

    def set_findings(self, findings: list[Finding]) -> None:
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
            card = FindingCard(finding, self.body)
            card.clicked.connect(self.findingClicked)
            card.fixRequested.connect(self.fixRequested)
            card.explainRequested.connect(self.explainRequested)
            self.body_layout.insertWidget(position, card)
            self.cards.append(card)
        self.empty.setVisible(not ordered)
