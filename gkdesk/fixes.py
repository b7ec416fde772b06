"""Quick fixes that cannot make things worse: a finding's fix is offered only when applying it
clears the finding and raises no new error (the rules are re-run on the candidate values)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Mapping

from .editions import Edition
from .numbers import Value, format_value
from .rules import Finding, PreviousYear, broken_rules


@dataclass(frozen=True)
class Fix:
    """Set one cell to one value; `text` says so in the clerk's words."""
    finding_key: str
    cell: str
    value: Value
    text: str


def fix_text(edition: Edition, cell: str, value: Value) -> str:
    """`将 现行有效件数 改为 47`."""
    return f"将 {edition.cells[cell].name} 改为 {format_value(value)}"


def safe_fix(edition: Edition, values: Mapping[str, Value], finding: Finding,
             findings: Iterable[Finding], previous: PreviousYear | None = None) -> Fix | None:
    """The finding's fix, if applying it clears the finding and raises no error that is not
    there now; None otherwise (or when the rule has no fix)."""
    if finding.fix_value is None or finding.target is None:
        return None
    if values.get(finding.target) == finding.fix_value:
        return None
    candidate = dict(values)
    candidate[finding.target] = finding.fix_value
    # Only the rules reading the target can change: the others' findings stay as they are.
    after = broken_rules(edition, candidate, previous, reading=finding.target)
    errors_now = {f.key for f in findings if f.severity == "error"}
    for new in after:
        if new.key == finding.key:
            return None
        if new.severity == "error" and new.key not in errors_now:
            return None
    return Fix(finding.key, finding.target, finding.fix_value,
               fix_text(edition, finding.target, finding.fix_value))
