"""Findings that name units: each unit's own findings with the signed difference of the rule's
two sides, and each finding of the total with the units whose same finding (same key) fails."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from ..numbers import Value, format_value
from ..rules import Finding


@dataclass(frozen=True)
class UnitFinding:
    """One finding of one unit, as a merge keeps it (small: thousands of units cross processes)."""
    key: str
    severity: str
    message: str
    difference: Value | None  # left side minus right side; None for findings of no rule sides


@dataclass(frozen=True)
class Attribution:
    unit: str
    difference: Value | None

    def as_json(self) -> dict:
        return {"unit": self.unit, "difference": json_number(self.difference)}


@dataclass(frozen=True)
class TotalFinding:
    """A finding on the total, with the units whose own same finding fails."""
    finding: Finding
    units: tuple[Attribution, ...]

    def as_json(self) -> dict:
        return {**self.finding.as_json(), "units": [u.as_json() for u in self.units]}

    def units_text(self, label: str = "") -> str:
        """The units named with their differences: 甲局（+1）、乙局（-2）; `label` goes before
        each difference (差额 )."""
        return "、".join(f"{a.unit}（{label}{signed(a.difference)}）" for a in self.units)


def json_number(value: Value | None):
    """A whole number as a JSON number; a decimal as its text, as draft files write it."""
    if value is None or isinstance(value, int):
        return value
    return format_value(value)


def signed(value: Value | None) -> str:
    """A difference as the findings show it: +3, -2 (the sign always written), — for none."""
    if value is None:
        return "—"
    text = format_value(value)
    return text if text.startswith("-") else "+" + text


def unit_findings(findings: Sequence[Finding]) -> tuple[UnitFinding, ...]:
    """A unit's findings as a merge keeps them, each with the difference its rule computed."""
    return tuple(UnitFinding(f.key, f.severity, f.message, f.difference) for f in findings)


def attribute(total_findings: Sequence[Finding],
              units: Sequence[tuple[str, Sequence[UnitFinding]]]) -> list[TotalFinding]:
    """Each finding on the total with (unit, difference) for every unit whose finding of the same
    key fails, in the units' order."""
    by_key: dict[str, list[Attribution]] = {}
    wanted = {f.key for f in total_findings}
    for unit, findings in units:
        for finding in findings:
            if finding.key in wanted:
                by_key.setdefault(finding.key, []).append(Attribution(unit, finding.difference))
    return [TotalFinding(f, tuple(by_key.get(f.key, ()))) for f in total_findings]
