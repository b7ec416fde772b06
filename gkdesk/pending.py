"""Calm live checking: which equality findings an unfinished table may still close by itself,
and filling the blank totals whose parts are all typed.

While the clerk types, a total not typed yet (or a 结转下年度 still empty) is not a wrong
number: the finding is *pending* (待填). The window shows those apart; 完成, `gkdesk check` and
everything that leaves the window still count them as errors, as the spec says.

Decision: the cells that may still close a gap are the blank cells on the *target's side* of the
equation (the total, and for the 勾稽关系 also 结转下年度 beside it) — the cells a clerk fills
last. A typed total that differs from its typed parts is a contradiction at once, even when
some parts are still blank: those count as 0, as the blank policy says.
"""
from __future__ import annotations

from typing import Iterable, Mapping

from .editions import Edition, RuleInstance, Term
from .numbers import Value, format_value
from .rules import Finding, count_by_severity, summary_text

Values = Mapping[str, Value]

_INSTANCES: dict[int, tuple[Edition, dict[str, RuleInstance]]] = {}


def instances_by_key(edition: Edition) -> dict[str, RuleInstance]:
    """Each rule instance of the edition by its finding key (`RULE@target`), cached."""
    entry = _INSTANCES.get(id(edition))
    if entry is None or entry[0] is not edition:
        entry = (edition, {instance.key: instance for instance in edition.rules})
        _INSTANCES[id(edition)] = entry
    return entry[1]


def _target_side(instance: RuleInstance) -> tuple[tuple[Term, ...], tuple[Term, ...]]:
    """(the side holding the target, the other side)."""
    if any(t.cell == instance.target and not t.previous for t in instance.left):
        return instance.left, instance.right
    return instance.right, instance.left


def _side_sum(terms: tuple[Term, ...], values: Values) -> Value:
    total: Value = 0
    for term in terms:
        if not term.previous:
            value = values.get(term.cell)
            if value is not None:
                total += value * term.sign
    return total


def could_close(edition: Edition, instance: RuleInstance, values: Values,
                previous: Values | None = None) -> bool:
    """Whether blank cells on the target's side, filled with values ≥ 0 (any value for a cell
    that may be negative), could still make this equality hold."""
    if instance.kind != "equal":
        return False
    own, other = _target_side(instance)
    previous = previous or {}
    gap = _side_sum(own, values) - _side_sum(other, values)
    gap += sum((previous.get(t.cell) or 0) * t.sign for t in own if t.previous)
    gap -= sum((previous.get(t.cell) or 0) * t.sign for t in other if t.previous)
    if gap == 0:
        return False
    for term in own:
        if term.previous or values.get(term.cell) is not None:
            continue
        if edition.cells[term.cell].kind == "signed":
            return True
        if term.sign * gap < 0:  # filling this cell moves its side towards the other
            return True
    return False


def pending_keys(edition: Edition, values: Values, findings: Iterable[Finding],
                 previous: Values | None = None) -> frozenset[str]:
    """Keys of the findings that are only 待填: equality findings that blank cells on the
    target's side could still close."""
    instances = instances_by_key(edition)
    pending = set()
    for finding in findings:
        instance = instances.get(finding.key)
        if instance is not None and could_close(edition, instance, values, previous):
            pending.add(finding.key)
    return frozenset(pending)


def is_sum_rule(instance: RuleInstance) -> bool:
    """A total and its parts: the target alone on its side, the parts added on the other, all
    of this year."""
    own, other = _target_side(instance)
    return (instance.kind == "equal" and len(own) == 1 and own[0].sign > 0
            and not any(t.previous for t in instance.left + instance.right)
            and all(t.sign > 0 for t in other))


def blank_totals(edition: Edition, values: Values) -> dict[str, Value]:
    """The blank totals of sum rules whose parts are all typed, each set to its parts' sum;
    repeated until nothing changes (row totals, then the column totals they feed). The
    clerk's values are never changed: only blank totals are filled."""
    filled: dict[str, Value] = {}
    current = dict(values)
    sums = [i for i in edition.rules if is_sum_rule(i)]
    changed = True
    while changed:
        changed = False
        for instance in sums:
            if current.get(instance.target) is not None:
                continue
            _, parts = _target_side(instance)
            part_values = [current.get(t.cell) for t in parts]
            if any(v is None for v in part_values):
                continue
            total: Value = sum(part_values)  # type: ignore[arg-type]
            current[instance.target] = filled[instance.target] = total
            changed = True
    return filled


def live_summary(settled: list[Finding], pending: int, has_values: bool) -> tuple[str, str]:
    """The window's status-bar count and its colour: `2 个错误 · 14 处合计待填`; an empty draft
    says it is empty rather than 校验通过."""
    counts = count_by_severity(settled)
    parts = [summary_text(settled)] if settled else []
    explained = sum(1 for f in settled if f.explanation)
    if explained:
        parts[-1] += f"（{explained} 个已说明）"
    if pending:
        parts.append(f"{pending} 处合计待填")
    if not parts:
        return ("校验通过", "#2e7d32") if has_values else ("尚未填写", "#555555")
    colour = "#c62828" if counts["error"] else ("#b26a00" if counts["warning"] else "#555555")
    return " · ".join(parts), colour


def pending_text(edition: Edition, finding: Finding, values: Values,
                 previous: Values | None = None) -> str:
    """A 待填 finding in a few words: the blank cells and what they should come to
    (`予以公开·总计 应为 21`), not the whole equation."""
    instance = instances_by_key(edition).get(finding.key)
    if instance is None:
        return finding.message
    own, other = _target_side(instance)
    previous = previous or {}
    wanted = _side_sum(other, values) - _side_sum(own, values)
    wanted += sum((previous.get(t.cell) or 0) * t.sign for t in other if t.previous)
    wanted -= sum((previous.get(t.cell) or 0) * t.sign for t in own if t.previous)
    blanks = [t.cell for t in own if not t.previous and values.get(t.cell) is None]
    names = " + ".join(edition.cells[c].name for c in blanks)
    return f"{names} 应为 {format_value(wanted)}"
