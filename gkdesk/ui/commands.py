"""Undo commands: one per cell edit (merged while the clerk keeps editing the same cell), one per
header field, one per explanation. A paste or a clear is a macro of cell commands."""
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


class SetCellCommand(QUndoCommand):
    """Set one cell's value (None = blank)."""

    def __init__(self, document: "DraftDocument", cell_id: str, value: Value | None):
        super().__init__(f"修改“{document.edition.cells[cell_id].name}”")
        self.document = document
        self.cell_id = cell_id
        self.old = document.value(cell_id)
        self.new = value

    def id(self) -> int:
        return CELL_COMMAND_ID

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, SetCellCommand) or other.cell_id != self.cell_id:
            return False
        self.new = other.new
        if self.new == self.old:
            self.setObsolete(True)
        return True

    def redo(self) -> None:
        self.document.apply_values({self.cell_id: self.new})

    def undo(self) -> None:
        self.document.apply_values({self.cell_id: self.old})


class SetFieldCommand(QUndoCommand):
    """Change one header field (填报单位, 年度, 填报人, 联系电话, 填报日期)."""

    def __init__(self, document: "DraftDocument", name: str, value: str | int):
        super().__init__(f"修改{FIELD_NAMES.get(name, name)}")
        self.document = document
        self.name = name
        self.old = document.field(name)
        self.new = value

    def id(self) -> int:
        return FIELD_COMMAND_ID

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, SetFieldCommand) or other.name != self.name:
            return False
        self.new = other.new
        if self.new == self.old:
            self.setObsolete(True)
        return True

    def redo(self) -> None:
        self.document.apply_field(self.name, self.new)

    def undo(self) -> None:
        self.document.apply_field(self.name, self.old)


class SetExplanationCommand(QUndoCommand):
    """The clerk's explanation of a warning (None removes it)."""

    def __init__(self, document: "DraftDocument", key: str, text: str | None):
        super().__init__("填写说明" if text else "删除说明")
        self.document = document
        self.key = key
        self.old = document.draft.explanations.get(key)
        self.new = text

    def redo(self) -> None:
        self.document.apply_explanation(self.key, self.new)

    def undo(self) -> None:
        self.document.apply_explanation(self.key, self.old)


class SetPreviousCommand(QUndoCommand):
    """Attach (or replace) last year's numbers embedded in the draft."""

    def __init__(self, document: "DraftDocument", previous):
        super().__init__("打开上年数据")
        self.document = document
        self.old = document.draft.previous
        self.new = previous

    def redo(self) -> None:
        self.document.apply_previous(self.new)

    def undo(self) -> None:
        self.document.apply_previous(self.old)
