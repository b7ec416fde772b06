"""The fields above the table: 填报单位, 年度, 填报人, 联系电话, 填报日期 — saved in the draft."""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QValidator
from PySide6.QtWidgets import QGridLayout, QLabel, QLineEdit, QWidget

from ..numbers import InputError, fold_year, parse_year
from .commands import FIELD_NAMES
from .document import DraftDocument


class YearValidator(QValidator):
    """Four digits, full-width accepted (what a Chinese input method types)."""

    refused = Signal(str)

    def validate(self, text: str, pos: int):
        folded = fold_year(text)
        if folded == "" or (folded.isdigit() and len(folded) < 4):
            return QValidator.State.Intermediate, text, pos  # still typing
        try:
            parse_year(text)
        except InputError as exc:
            self.refused.emit(str(exc))
            four_digits = folded.isdigit() and len(folded) == 4  # out of range: let it be fixed
            return (QValidator.State.Intermediate if four_digits else QValidator.State.Invalid,
                    text, pos)
        return QValidator.State.Acceptable, text, pos


class HeaderForm(QWidget):
    """Edits the draft's header through undo commands, one per field change."""

    messageRaised = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.document: DraftDocument | None = None
        self.edits: dict[str, QLineEdit] = {}
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setHorizontalSpacing(6)
        self.captions: dict[str, QLabel] = {}
        for name, label in FIELD_NAMES.items():  # the undo texts name the same fields
            edit = QLineEdit()
            edit.setObjectName(f"field_{name}")
            caption = QLabel(f"{label}：")
            caption.setBuddy(edit)
            self.captions[name] = caption
            self.edits[name] = edit
            edit.editingFinished.connect(lambda n=name: self._on_edited(n))
        year = self.edits["year"]
        year.setMaximumWidth(year.fontMetrics().horizontalAdvance("0000年度") + 16)
        # Never narrower than what they usually hold: a phone number with its area code and
        # extension, a date, a name (the unit takes what is left and scrolls if it must).
        for name, sample in (("year", "0000"), ("filled_by", "欧阳某某"),
                             ("phone", "0533-12345678"), ("filled_on", "2026-01-15"),
                             ("unit", "某某市某某局")):
            edit = self.edits[name]
            edit.setMinimumWidth(edit.fontMetrics().horizontalAdvance(sample) + 16)
        self.two_rows = None
        self._arrange(False)
        self.one_row_width = layout.minimumSize().width()
        self._arrange(True)
        # May shrink below one row's width: then the fields take two rows (resizeEvent).
        self.setMinimumWidth(layout.minimumSize().width())
        self._arrange(False)
        self.year_validator = YearValidator(year)
        self.year_validator.refused.connect(self.messageRaised)
        year.setValidator(self.year_validator)
        self.edits["filled_on"].setPlaceholderText("如 2026-01-15")
        self.edits["phone"].setPlaceholderText("办公电话")
        self.edits["unit"].setPlaceholderText("单位全称")

    # Two rows on a narrow window (150 % on a small screen): 单位 and 年度, then the contacts.
    # (row, caption column, field column, field columns spanned) per field.
    TWO_ROWS = {"unit": (0, 0, 1, 3), "year": (0, 4, 5, 1), "filled_by": (1, 0, 1, 1),
                "phone": (1, 2, 3, 1), "filled_on": (1, 4, 5, 1)}

    def _arrange(self, two_rows: bool) -> None:
        if two_rows == self.two_rows:
            return
        self.two_rows = two_rows
        layout: QGridLayout = self.layout()
        for name in FIELD_NAMES:
            layout.removeWidget(self.captions[name])
            layout.removeWidget(self.edits[name])
        for column in range(layout.columnCount()):
            layout.setColumnStretch(column, 0)
        for position, name in enumerate(FIELD_NAMES):
            row, caption, field, span = self.TWO_ROWS[name] if two_rows \
                else (0, 2 * position, 2 * position + 1, 1)
            layout.addWidget(self.captions[name], row, caption)
            layout.addWidget(self.edits[name], row, field, 1, span)
            if not two_rows:
                layout.setColumnStretch(field, {"unit": 5, "year": 0}.get(name, 2))
        if two_rows:
            for column in (1, 3, 5):
                layout.setColumnStretch(column, 1)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._arrange(event.size().width() < self.one_row_width)

    def set_document(self, document: DraftDocument) -> None:
        if self.document is not None:
            self.document.fieldsChanged.disconnect(self.refresh)
        self.document = document
        document.fieldsChanged.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        if self.document is None:
            return
        for name, edit in self.edits.items():
            text = str(self.document.field(name))
            if edit.text() != text:
                edit.setText(text)

    def commit_all(self) -> None:
        """Before saving: a field still being typed in counts."""
        for name in self.edits:
            self._on_edited(name)

    def _on_edited(self, name: str) -> None:
        if self.document is None:
            return
        text = self.edits[name].text().strip()
        if name == "year":
            try:
                year = parse_year(text)
            except InputError as exc:
                self.messageRaised.emit(f"{exc}，已恢复原值")
                self.edits[name].setText(str(self.document.draft.year))
                return
            self.document.edit_field("year", year)
            return
        self.document.edit_field(name, text)
