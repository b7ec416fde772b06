"""Findings that name units: each unit's own findings with the signed difference of the rule's
two sides, and each finding of the total with the units whose same finding (same key) fails."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping, Sequence

from ..editions import Edition, RuleInstance
from ..numbers import Value, format_value
from ..rules import Finding, PreviousYear


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


def json_number(value: Value | None):
    """A whole number as a JSON number; a decimal as its text, as draft files write it."""
    if value is None or isinstance(value, int):
        return value
    return format_value(value)


_INSTANCES: dict[str, tuple[Edition, dict[str, RuleInstance]]] = {}


def _instances(edition: Edition) -> dict[str, RuleInstance]:
    entry = _INSTANCES.get(edition.id)
    if entry is None or entry[0] is not edition:
        entry = (edition, {instance.key: instance for instance in edition.rules})
        _INSTANCES[edition.id] = entry
    return entry[1]


def difference(instance: RuleInstance, values: Mapping[str, Value],
               previous: PreviousYear | None) -> Value:
    """Left side minus right side, blanks as 0, as the rule itself sums them."""
    last_year = previous.values if previous is not None else {}
    total: Value = 0
    for side, sign in ((instance.left, 1), (instance.right, -1)):
        for term in side:
            value = (last_year if term.previous else values).get(term.cell)
            if value is not None:
                total += value * term.sign * sign
    return total


def unit_findings(edition: Edition, values: Mapping[str, Value], previous: PreviousYear | None,
                  findings: Sequence[Finding]) -> tuple[UnitFinding, ...]:
    instances = _instances(edition)
    kept = []
    for finding in findings:
        instance = instances.get(finding.key)
        gap = difference(instance, values, previous) if instance is not None else None
        kept.append(UnitFinding(finding.key, finding.severity, finding.message, gap))
    return tuple(kept)


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
