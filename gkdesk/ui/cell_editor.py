"""The line edit a value box is typed into. It never drops or changes a keystroke: text that is
not a number for this cell stays as typed, the box turns red with the reason under it, and the
delegate and the view refuse to commit it (Enter, Tab, clicking away) until the clerk corrects
it or presses Esc, which restores the old value."""
from __future__ import annotations

import re

from PySide6.QtCore import QEvent, QObject, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QValidator
from PySide6.QtWidgets import QLabel, QLineEdit, QWidget

from ..numbers import MAX_DIGITS, MONEY_PLACES, InputError, Kind, normalize_text, parse_value

_GROUPING = str.maketrans("", "", ",，")
WRONG_STYLE = ("QLineEdit { background: #fde4e4; color: #b71c1c; "
               "border: 2px solid #d32f2f; }")
REASON_STYLE = ("QLabel { background: #d32f2f; color: white; padding: 2px 6px; "
                "border-radius: 2px; }")


def classify(text: str, kind: Kind, unit: str = "") -> tuple[QValidator.State, str]:
    """Acceptable (parses), Intermediate (could still become a number as typing goes on) or
    Invalid (wrong already: no more keystrokes make it a number), with the reason in Chinese
    when it is not acceptable. The parsing itself is gkdesk.numbers."""
    try:
        parse_value(text, kind, unit)
        return QValidator.State.Acceptable, ""
    except InputError as exc:
        reason = str(exc)
    folded = normalize_text(text).translate(_GROUPING).replace(" ", "")
    folded_unit = normalize_text(unit)
    for k in range(len(folded_unit), 0, -1):  # a unit being typed: 3人 on the way to 3人次
        if folded.endswith(folded_unit[:k]):
            folded = folded[:-k]
            break
    if folded.startswith("-") and kind != "signed":
        return QValidator.State.Invalid, "不能为负数"
    sign = "[+-]?" if kind == "signed" else r"\+?"
    fraction = r"(?:\.\d*)?" if kind == "money" else r"(?:\.0*)?"
    match = re.fullmatch(f"{sign}(\\d*){fraction}", folded)
    if not match:
        if kind != "money" and re.fullmatch(f"{sign}\\d*\\.\\d*", folded):
            return QValidator.State.Invalid, "请填写整数（只有金额可以有小数）"
        return QValidator.State.Invalid, reason
    if len(match.group(1).lstrip("0")) > MAX_DIGITS:
        return QValidator.State.Invalid, "数字过大，请核对"
    if kind == "money" and "." in folded and len(folded.split(".", 1)[1].rstrip("0")) > MONEY_PLACES:
        return QValidator.State.Invalid, reason
    return QValidator.State.Intermediate, reason


class CellValidator(QValidator):
    """Acceptable when gkdesk.numbers parses the text, otherwise Intermediate — never Invalid,
    which would make QLineEdit drop the keystroke silently (`-5` would become 5)."""

    def __init__(self, kind: Kind, unit: str = "", parent: QObject | None = None):
        super().__init__(parent)
        self.kind = kind
        self.unit = unit

    def validate(self, text: str, pos: int):  # noqa: D401 - Qt's signature
        state, _reason = classify(text, self.kind, self.unit)
        if state != QValidator.State.Acceptable:
            state = QValidator.State.Intermediate
        return state, text, pos

    # No fixup(): Qt calls it on Enter and focus-out, and anything it did would change what
    # the clerk typed (`12o` → `12`).


class CellEditor(QLineEdit):
    """A value box being typed into: shows at once when the text cannot become a number, and
    on a refused commit (insist) also why an unfinished entry is not one."""

    refused = Signal(str)  # a sentence for the status bar

    def __init__(self, kind: Kind, unit: str, name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.kind, self.unit, self.name = kind, unit, name
        self.index: QPersistentModelIndex | None = None  # the box it edits (set by the delegate)
        self.setFrame(False)
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.setValidator(CellValidator(kind, unit, self))
        self._shown_reason = ""
        self._reason_label: QLabel | None = None
        self.textChanged.connect(self._on_text_changed)

    # -- what the text is ---------------------------------------------------------------
    def problem(self) -> str:
        """Why the text is not a value for this cell; "" when it is one."""
        return classify(self.text(), self.kind, self.unit)[1]

    def refusal(self, reason: str) -> str:
        return (f"“{self.name}”中的“{self.text().strip()}”不能保存：{reason}。"
                "请改正，或按 Esc 恢复原来的数。")

    def insist(self, take_focus: bool = True) -> bool:
        """A commit was asked for (Enter, Tab, a click elsewhere, 保存): True, with the box red
        and the reason said, when the text is not a number; the editor takes the focus."""
        reason = self.problem()
        if not reason:
            return False
        self._show(reason)
        self.refused.emit(self.refusal(reason))
        if take_focus:
            self.setFocus(Qt.FocusReason.OtherFocusReason)
        return True

    def _on_text_changed(self, text: str) -> None:
        state, reason = classify(text, self.kind, self.unit)
        if state != QValidator.State.Invalid:
            self._hide()  # a number, or on the way to one (a lone `-` in a signed box)
        elif reason != self._shown_reason:
            self._show(reason)
            self.refused.emit(self.refusal(reason))

    # -- the red box and its reason -----------------------------------------------------
    def _show(self, reason: str) -> None:
        if not self._shown_reason:
            self.setStyleSheet(WRONG_STYLE)
        self._shown_reason = reason
        self.setToolTip(reason)
        label = self._label()
        if label is not None:
            label.setText(reason)
            label.adjustSize()
            self._place_label()
            label.show()
            label.raise_()

    def _hide(self) -> None:
        if not self._shown_reason:
            return
        self._shown_reason = ""
        self.setStyleSheet("")
        self.setToolTip("")
        if self._reason_label is not None:
            self._reason_label.hide()

    def shown_reason(self) -> str:
        """The reason on screen now ("" when the box is not red)."""
        return self._shown_reason

    def reason_label(self) -> QLabel | None:
        return self._reason_label

    def _label(self) -> QLabel | None:
        """The reason under the box: a sibling, so it may reach beyond the box (a child would
        be clipped to it); removed with the editor."""
        if self._reason_label is None and self.parentWidget() is not None:
            label = QLabel(self.parentWidget())
            label.setStyleSheet(REASON_STYLE)
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
            self.destroyed.connect(label.deleteLater)
            self.installEventFilter(self)
            self._reason_label = label
        return self._reason_label

    def _place_label(self) -> None:
        label, area = self._reason_label, self.parentWidget()
        if label is None or area is None:
            return
        box = self.geometry()
        x = max(0, min(box.right() - label.width() + 1, area.width() - label.width()))
        y = box.bottom() + 1
        if y + label.height() > area.height():  # no room below: above the box
            y = max(0, box.top() - label.height())
        label.move(x, y)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self and self._reason_label is not None:
            kind = event.type()
            if kind in (QEvent.Type.Move, QEvent.Type.Resize):
                self._place_label()
            elif kind == QEvent.Type.Hide:
                self._reason_label.hide()
            elif kind == QEvent.Type.Show and self._shown_reason:
                self._reason_label.show()
        return False
