"""Undo commands: one per cell edit (merged while the clerk keeps editing the same cell), one per
header field, one per explanation. A paste or a clear of several cells is one command that
sets them all at once (checked once, not once per box)."""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QUndoCommand

from ..numbers import Value

if TYPE_CHECKING:
    from .document import DraftDocument

CELL_COMMAND_ID = 1001
FIELD_COMMAND_ID = 1002
FIELD_NAMES = {"unit": "填报单位", "year": "年度", "filled_by": "填报人", "phone": "联系电话",
               "filled_on": "填报日期"}


class _Change(QUndoCommand):
    """A change of the draft from `old` to `new`: redo applies `new`, undo applies `old`."""

    def __init__(self, text: str, document: "DraftDocument", old, new):
        super().__init__(text)
        self.document = document
        self.old = old
        self.new = new

    def apply(self, value) -> None:
        raise NotImplementedError

    def redo(self) -> None:
        self.apply(self.new)

    def undo(self) -> None:
        self.apply(self.old)


class _MergingCommand(_Change):
    """A change of one thing (`subject`); consecutive changes of the same thing merge into one
    undo step, which disappears if it ends where it started."""
    command_id = 0

    def __init__(self, text: str, document: "DraftDocument", subject: str, old, new):
        super().__init__(text, document, old, new)
        self.subject = subject

    def id(self) -> int:
        return self.command_id

    def mergeWith(self, other: QUndoCommand) -> bool:
        if type(other) is not type(self) or other.subject != self.subject:
            return False
        self.new = other.new
        if self.new == self.old:
            self.setObsolete(True)
        return True


class SetCellCommand(_MergingCommand):
    """Set one cell's value (None = blank); the subject is the cell id."""
    command_id = CELL_COMMAND_ID

    def __init__(self, document: "DraftDocument", cell_id: str, value: Value | None):
        super().__init__(f"修改“{document.edition.cells[cell_id].name}”", document, cell_id,
                         document.value(cell_id), value)

    def apply(self, value: Value | None) -> None:
        self.document.apply_values({self.subject: value})


class SetValuesCommand(_Change):
    """Set several cells at once (a paste, a clear, 填入空白合计): one undo step, and the draft
    is checked once for all of them (a macro of cell commands checked once per box: a 200-box
    paste took over a second)."""

    def __init__(self, document: "DraftDocument", changes: dict[str, Value | None], text: str):
        super().__init__(text, document, {c: document.value(c) for c in changes}, dict(changes))

    def apply(self, values: dict[str, Value | None]) -> None:
        self.document.apply_values(values)


class SetFieldCommand(_MergingCommand):
    """Change one header field (填报单位, 年度, 填报人, 联系电话, 填报日期); the subject is its name."""
    command_id = FIELD_COMMAND_ID

    def __init__(self, document: "DraftDocument", name: str, value: str | int):
        super().__init__(f"修改{FIELD_NAMES.get(name, name)}", document, name,
                         document.field(name), value)

    def apply(self, value: str | int) -> None:
        self.document.apply_field(self.subject, value)


class SetExplanationCommand(_Change):
    """The clerk's explanation of a warning (None removes it)."""

    def __init__(self, document: "DraftDocument", key: str, text: str | None):
        super().__init__("填写说明" if text else "删除说明", document,
                         document.draft.explanations.get(key), text)
        self.key = key

    def apply(self, text: str | None) -> None:
        self.document.apply_explanation(self.key, text)


class SetPreviousCommand(_Change):
    """Attach (or replace) last year's numbers embedded in the draft."""

    def __init__(self, document: "DraftDocument", previous):
        super().__init__("打开上年数据", document, document.draft.previous, previous)

    def apply(self, previous) -> None:
        self.document.apply_previous(previous)
