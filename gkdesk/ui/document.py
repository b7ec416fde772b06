"""The open draft as the window sees it: the Draft, its undo stack, its findings and the tint of
every cell. Models and panels listen to its signals; only undo commands change it."""
from __future__ import annotations

from pathlib import Path
from typing import Iterable

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from ..draft import Draft
from ..editions import Edition, find_edition
from ..fixes import Fix, safe_fix
from ..numbers import Value
from ..pending import blank_totals, pending_keys, pending_text
from ..rules import Finding, recheck
from . import commands

# A cell's state for colouring: (severity, strong). Strong = the finding's target.
Tint = tuple[str, bool]
_RANK = {("error", True): 0, ("error", False): 2, ("warning", True): 1, ("warning", False): 3,
         ("info", True): 4, ("info", False): 5}


class DraftDocument(QObject):
    """One draft being edited: values in, findings and tints out."""

    # Lists of cell ids, sent as Python objects: declared `list`, PySide turned each into a Qt
    # list and back for every receiver (~10 µs a receiver, twice per keystroke).
    valuesChanged = Signal(object)  # cell ids whose value changed
    findingsChanged = Signal(object)  # cell ids whose tint changed (after every check)
    fieldsChanged = Signal()  # the header: unit, year, contact details
    explanationsChanged = Signal()
    previousChanged = Signal()  # last year's draft attached or removed
    modifiedChanged = Signal(bool)

    def __init__(self, draft: Draft, path: Path | None = None, parent: QObject | None = None,
                 modified: bool = False):
        super().__init__(parent)
        self.draft = draft
        self.edition: Edition = draft.edition_obj
        self.path = path
        self.complete = False  # 完成 asked: blanks are listed until the next edit
        self._dirty = modified  # changes that are not on the undo stack (import, recovery)
        self.undo_stack = QUndoStack(self)
        self.undo_stack.cleanChanged.connect(self._on_clean_changed)
        self.findings: list[Finding] = []  # every finding, as 完成 and the exports count them
        self.pending: frozenset[str] = frozenset()  # keys of findings only 待填 while typing
        self.tints: dict[str, Tint] = {}
        self._previous_cells: tuple[str, frozenset[str]] | None = None
        self.folder: Path | None = None  # where 保存 suggests a new draft goes (新建下一年度)
        self.is_sample = False  # the shipped sample: nothing of it carries into 新建
        self._recheck()

    # -- reading -------------------------------------------------------------------------
    def value(self, cell_id: str) -> Value | None:
        return self.draft.values.get(cell_id)

    def field(self, name: str) -> str | int:
        if name == "unit":
            return self.draft.unit
        if name == "year":
            return self.draft.year
        return self.draft.meta.get(name, "")

    def previous_value(self, cell_id: str):
        """Last year's value of the same cell; None when blank or last year's edition lacks it."""
        previous = self.draft.previous
        if previous is None or cell_id not in self.previous_cells():
            return None
        return previous.values.get(cell_id)

    def previous_cells(self) -> frozenset[str]:
        """The cells of last year's edition (empty without last year's draft)."""
        previous = self.draft.previous
        if previous is None:
            return frozenset()
        cached = self._previous_cells
        if cached is None or cached[0] != previous.edition:
            edition = find_edition(previous.edition)  # None: not shipped, nothing to compare
            cells = frozenset(edition.cells) if edition else frozenset()
            cached = self._previous_cells = (previous.edition, cells)
        return cached[1]

    def is_modified(self) -> bool:
        return self._dirty or not self.undo_stack.isClean()

    def _on_clean_changed(self, _clean: bool) -> None:
        self.modifiedChanged.emit(self.is_modified())

    def mark_saved(self, path: Path) -> None:
        self.path = path
        self._dirty = False
        self.undo_stack.setClean()
        self.modifiedChanged.emit(False)

    def mark_changed(self) -> None:
        """A change made outside the undo stack (the report file it remembers) needs saving."""
        self._dirty = True
        self.modifiedChanged.emit(True)

    # -- edits the clerk makes (undoable) ------------------------------------------------
    def edit_values(self, changes: dict[str, Value | None], text: str = "") -> bool:
        """Push one undoable command: a cell's (merged while the clerk keeps editing it), or
        one for several cells at once."""
        changes = {c: v for c, v in changes.items() if self.value(c) != v}
        if not changes:
            return False
        if len(changes) == 1:
            ((cell_id, value),) = changes.items()
            self.undo_stack.push(commands.SetCellCommand(self, cell_id, value))
        else:
            self.undo_stack.push(commands.SetValuesCommand(
                self, changes, text or f"修改 {len(changes)} 个数值"))
        return True

    def edit_field(self, name: str, value: str | int) -> bool:
        if self.field(name) == value:
            return False
        self.undo_stack.push(commands.SetFieldCommand(self, name, value))
        return True

    def edit_explanation(self, key: str, text: str) -> bool:
        text = text.strip()
        if self.draft.explanations.get(key, "") == text:
            return False
        self.undo_stack.push(commands.SetExplanationCommand(self, key, text or None))
        return True

    def edit_previous(self, previous) -> None:
        self.undo_stack.push(commands.SetPreviousCommand(self, previous))

    def fill_blank_totals(self) -> int:
        """填入空白合计: every blank total whose parts are all typed, as one undo step; how
        many were filled."""
        filled = blank_totals(self.edition, self.draft.values)
        if filled:
            self.edit_values(filled, f"填入空白合计（{len(filled)} 个）")
        return len(filled)

    def set_complete(self, complete: bool) -> None:
        if complete != self.complete:
            self.complete = complete
            self._recheck()

    # -- what the commands call ----------------------------------------------------------
    def apply_values(self, changes: dict[str, Value | None]) -> None:
        for cell_id, value in changes.items():
            if value is None:
                self.draft.values.pop(cell_id, None)
            else:
                self.draft.values[cell_id] = value
        self.complete = False  # blanks are listed on request only, never while typing
        self.valuesChanged.emit(list(changes))
        self._recheck(changed=changes)

    def apply_field(self, name: str, value: str | int) -> None:
        if name == "unit":
            self.draft.unit = str(value)
        elif name == "year":
            self.draft.year = int(value)
        else:
            self.draft.meta[name] = str(value)
        self.fieldsChanged.emit()
        if name == "year":
            self._recheck()

    def apply_explanation(self, key: str, text: str | None) -> None:
        if text:
            self.draft.explanations[key] = text
        else:
            self.draft.explanations.pop(key, None)
        self.explanationsChanged.emit()
        self._recheck()

    def apply_previous(self, previous) -> None:
        self.draft.previous = previous
        self.previousChanged.emit()
        self.valuesChanged.emit(list(self.edition.cells))  # every tooltip shows 上年
        self._recheck()

    # -- checking ------------------------------------------------------------------------
    def settled_findings(self) -> list[Finding]:
        """The findings shown as errors and warnings (all of them once 完成 was asked)."""
        if not self.pending:
            return self.findings
        return [f for f in self.findings if f.key not in self.pending]

    def pending_findings(self) -> list[tuple[Finding, str]]:
        """The 待填 findings, each with its few words (`予以公开·总计 应为 21`)."""
        previous = self.draft.previous.values if self.draft.previous is not None else None
        return [(f, pending_text(self.edition, f, self.draft.values, previous))
                for f in self.findings if f.key in self.pending]

    def tip(self, cell_id: str) -> str:
        """What the findings say of a cell, for its tooltip (worked out on hover, not per
        keystroke): each message, 待填 ones marked so; COMPLETE's list of blanks is not."""
        lines = []
        for finding in self.findings:
            if cell_id in finding.cells and finding.rule != "COMPLETE":
                lines.append(("待填：" if finding.key in self.pending else "") + finding.message)
        return "\n".join(lines)

    def fix_for(self, finding: Finding) -> Fix | None:
        """The finding's quick fix when it clears it and raises no new error (else None)."""
        if finding.key in self.pending:
            return None  # 填入空白合计 is the way to fill a total not typed yet
        return safe_fix(self.edition, self.draft.values, finding, self.findings,
                        self.draft.previous)

    def _recheck(self, changed: Iterable[str] | None = None) -> None:
        """Check the draft again: all of it, or after an edit of the `changed` cells only the
        rules that read them (the same findings, as a test holds it to)."""
        if changed is None or self.complete:
            findings = self.draft.findings(complete=self.complete)
        else:
            findings = recheck(self.edition, self.findings, self.draft.values, changed,
                               self.draft.explanations, self.draft.previous)
        # While typing (not after 完成), a gap that blank totals could still close is 待填.
        previous = self.draft.previous.values if self.draft.previous is not None else None
        pending = frozenset() if self.complete else pending_keys(
            self.edition, self.draft.values, findings, previous)
        tints: dict[str, Tint] = {}
        for finding in findings:
            if finding.key in pending:  # not tinted; the tooltip says what is awaited
                continue
            for cell_id in finding.cells:
                tint = (finding.severity, cell_id == finding.target)
                if finding.rule == "COMPLETE":
                    tint = (finding.severity, False)
                old = tints.get(cell_id)
                if old is None or _RANK[tint] < _RANK[old]:
                    tints[cell_id] = tint
        changed = {c for c in tints.keys() | self.tints.keys()
                   if tints.get(c) != self.tints.get(c)}
        self.findings, self.pending, self.tints = findings, pending, tints
        self.findingsChanged.emit(sorted(changed, key=self.edition.order.__getitem__))
