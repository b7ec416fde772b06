"""Evaluate an edition's rules on a draft's values → findings (pure and fast: runs per keystroke)."""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Iterable, Mapping

from .editions import Edition, RuleInstance, Term, find_edition, serving_edition
from .numbers import Value, format_value

Values = Mapping[str, Value]

SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}
SEVERITY_NAMES = {"error": "错误", "warning": "警告", "info": "提示"}


@dataclass(frozen=True)
class Finding:
    rule: str
    severity: str
    target: str | None
    cells: tuple[str, ...]
    key: str
    message: str
    explanation: str | None = None
    fix_value: Value | None = None  # for sum rules: the total that would make it balance
    difference: Value | None = None  # a rule's left side minus its right side (blanks as 0)

    def as_json(self) -> dict:
        return {
            "rule": self.rule,
            "severity": self.severity,
            "target": self.target,
            "cells": list(self.cells),
            "key": self.key,
            "message": self.message,
            "explanation": self.explanation,
        }


@dataclass(frozen=True)
class PreviousYear:
    """Last year's numbers, as the cross-year rules need them."""
    edition: str
    year: int
    unit: str
    values: dict[str, Value]


# Rules run on every keystroke, so each rule instance is prepared once per edition: its operands
# as plain tuples, the names half of its message, the cells it reports. Evaluating then only
# reads values, and formats numbers for the few rules that fail.

class _Side:
    """One side of a rule instance: signed operands and the names part of its text."""
    __slots__ = ("terms", "joiners", "names", "single")

    def __init__(self, terms: tuple[Term, ...], cell_names: dict[str, str]) -> None:
        self.terms = tuple((t.cell, t.sign, t.previous) for t in terms)
        joiners, names = [], []
        for i, term in enumerate(terms):
            name = cell_names[term.cell]
            if term.previous:
                name = "上年" + name
            if i == 0:
                joiner = "−" if term.sign < 0 else ""
            else:
                joiner = " − " if term.sign < 0 else " + "
            joiners.append(joiner)
            names.append(joiner + name)
        self.joiners = tuple(joiners)
        self.names = "".join(names)
        self.single = len(terms) == 1 and terms[0].sign > 0

    def total(self, values: Values, previous: Values) -> tuple[Value, bool]:
        """Signed sum with blanks as 0, and whether every operand was blank."""
        total: Value = 0
        all_blank = True
        for cell, sign, from_previous in self.terms:
            value = (previous if from_previous else values).get(cell)
            if value is not None:
                all_blank = False
                total += value * sign
        return total, all_blank

    def text(self, values: Values, previous: Values, total: Value) -> str:
        parts = []
        for joiner, (cell, _, from_previous) in zip(self.joiners, self.terms):
            value = (previous if from_previous else values).get(cell)
            parts.append(joiner)
            parts.append(_number(value))
        numbers = "".join(parts)
        if self.single:
            return f"{self.names}（{numbers}）"
        return f"{self.names}（{numbers} = {format_value(total)}）"


def _number(value: Value | None) -> str:
    """An operand as the message shows it: blank as 空, a negative in brackets (10 + (−2))."""
    if value is None:
        return "空"
    text = str(value) if type(value) is int else format_value(value)
    return f"(−{text[1:]})" if text.startswith("-") else text


FACTOR_FROM_TERMS = 4  # below this, every operand keeps its full 行·列 name


def _shared_part(instance: RuleInstance, edition: Edition) -> tuple[str, dict[str, str]]:
    """Matrix cells are named 行·列. When every operand of a long rule lies in one row or one
    column, say that once in front (予以公开：总计… / 自然人列：办理结果总计…) rather than in
    every operand; otherwise the names stay whole. Returns the lead and each cell's name."""
    terms = instance.left + instance.right
    cells = {t.cell for t in terms}
    whole = {cell: edition.cells[cell].name for cell in cells}
    parts = {cell: name.split("·") for cell, name in whole.items()}
    if len(terms) < FACTOR_FROM_TERMS or any(len(p) != 2 for p in parts.values()):
        return "", whole
    for shared, kept, suffix in ((0, 1, "："), (1, 0, "列：")):
        if len({p[shared] for p in parts.values()}) == 1:
            lead = next(iter(parts.values()))[shared] + suffix
            return lead, {c: p[kept] for c, p in parts.items()}
    return "", whole


class _Plan:
    """A rule instance prepared for evaluation."""
    __slots__ = ("instance", "left", "right", "cells", "key", "previous_cells", "target_side",
                 "target_sign", "target_signed", "lead")

    def __init__(self, instance: RuleInstance, edition: Edition) -> None:
        self.instance = instance
        self.lead, names = _shared_part(instance, edition)
        self.left = _Side(instance.left, names)
        self.right = _Side(instance.right, names)
        self.cells = instance.cells
        self.key = instance.key
        self.previous_cells = tuple(t.cell for t in instance.left + instance.right if t.previous)
        on_left = any(t.cell == instance.target and not t.previous for t in instance.left)
        self.target_side = "left" if on_left else "right"
        side = instance.left if on_left else instance.right
        self.target_sign = next(t for t in side if t.cell == instance.target and not t.previous).sign
        self.target_signed = edition.cells[instance.target].kind == "signed"

    def broken(self, values: Values, previous: Values) -> tuple[Value, Value] | None:
        """The two sides' totals when these values break the rule; None when they keep it
        (or it is skipped: blanks, per the spec's policy)."""
        instance = self.instance
        left, left_blank = self.left.total(values, previous)
        right, right_blank = self.right.total(values, previous)
        if instance.kind == "equal":
            return None if left_blank and right_blank or left == right else (left, right)
        if left_blank or right_blank:
            return None
        if instance.kind == "compare":
            broken = left > right if instance.op == "<=" else left < right
        else:  # requires: left > 0 needs right > 0
            broken = left > 0 and right <= 0
        return (left, right) if broken else None

    def check(self, values: Values, previous: Values) -> Finding | None:
        sides = self.broken(values, previous)
        if sides is None:
            return None
        left, right = sides
        instance = self.instance
        fix_value = None
        if instance.kind == "equal":
            verb, gap = "应等于", f"，相差 {format_value(abs(left - right))}"
            fix_value = self._fix(values, left, right)
        elif instance.kind == "compare" and instance.op == "<=":
            verb, gap = "不应大于", f"，多 {format_value(left - right)}"
        elif instance.kind == "compare":
            verb, gap = "不应小于", f"，少 {format_value(right - left)}"
        else:
            verb, gap = "大于 0 时，", "也应大于 0"
        left_text = self.left.text(values, previous, left)
        right_text = self.right.text(values, previous, right)
        if instance.kind == "requires":
            message = f"{self.lead}{left_text}{verb}{right_text}{gap}"
        else:
            message = f"{self.lead}{left_text}{verb} {right_text}{gap}"
        if instance.hint:
            message += f"（{instance.hint}）"
        return Finding(instance.rule, instance.severity, instance.target, self.cells, self.key,
                       message, fix_value=fix_value, difference=left - right)

    def _fix(self, values: Values, left: Value, right: Value) -> Value | None:
        """The target value that balances the rule (None when it would have to be negative)."""
        current = values.get(self.instance.target) or 0
        if self.target_side == "left":
            fixed = current + (right - left) * self.target_sign
        else:
            fixed = current + (left - right) * self.target_sign
        return fixed if fixed >= 0 or self.target_signed else None


@dataclass
class _Prepared:
    """An edition's rules made ready once: in order, by the cells they read, and each one's
    place (it breaks ties between findings on the same target)."""
    plans: tuple[_Plan, ...]
    reading: dict[str, tuple[_Plan, ...]]
    rank: dict[str, int]


_PREPARED: dict[int, tuple[Edition, _Prepared]] = {}


def _prepared(edition: Edition) -> _Prepared:
    entry = _PREPARED.get(id(edition))
    if entry is None or entry[0] is not edition:
        plans = tuple(_Plan(instance, edition) for instance in edition.rules)
        reading: dict[str, list[_Plan]] = {}
        for plan in plans:
            for cell_id in plan.cells:
                reading.setdefault(cell_id, []).append(plan)
        entry = (edition, _Prepared(plans, {c: tuple(p) for c, p in reading.items()},
                                    {plan.key: i for i, plan in enumerate(plans)}))
        _PREPARED[id(edition)] = entry  # holding the edition keeps its id from being reused
    return entry[1]


def _plans(edition: Edition, reading: str | None = None) -> tuple[_Plan, ...]:
    """The edition's rule instances; with `reading`, those that read this year's value of
    that cell."""
    prepared = _prepared(edition)
    return prepared.plans if reading is None else prepared.reading.get(reading, ())


def evaluate(edition: Edition, values: Values, previous: PreviousYear | None = None,
             reading: str | None = None) -> list[Finding]:
    """All rule findings for these values, in table order of their targets; with `reading`,
    only those of the rules that read that cell (the others' cannot change with it)."""
    findings = _run(_plans(edition, reading), values, previous)
    order = edition.order
    findings.sort(key=lambda f: order[f.target])  # stable: rule order breaks ties
    return findings


def _applicable(plans, previous: PreviousYear | None):
    """(plan, last year's values) of the plans that can run: a cross-year rule needs last
    year's edition to have its cells, and last year's numbers there (a blank from last year is
    unknown, not 0, and no fix is computed from it)."""
    prev_values: Values = {}
    prev_cells: Mapping[str, object] = {}
    if previous is not None:
        prev_values = previous.values
        prev_edition = find_edition(previous.edition)
        prev_cells = prev_edition.cells if prev_edition else {}
    for plan in plans:
        if plan.previous_cells and (previous is None or any(
                cell not in prev_cells or prev_values.get(cell) is None
                for cell in plan.previous_cells)):
            continue
        yield plan, prev_values


def _run(plans, values: Values, previous: PreviousYear | None) -> list[Finding]:
    findings = []
    for plan, prev_values in _applicable(plans, previous):
        finding = plan.check(values, prev_values)
        if finding is not None:
            findings.append(finding)
    return findings


def broken_rules(edition: Edition, values: Values, previous: PreviousYear | None = None,
                 reading: str | None = None) -> list[RuleInstance]:
    """The rule instances these values break, without their messages (a candidate's check:
    is anything new broken?); with `reading`, only the rules that read that cell."""
    return [plan.instance for plan, prev_values in _applicable(_plans(edition, reading), previous)
            if plan.broken(values, prev_values) is not None]


def recheck(edition: Edition, findings: list[Finding], values: Values, changed: Iterable[str],
            explanations: Mapping[str, str] = {},
            previous: PreviousYear | None = None) -> list[Finding]:
    """What check() (not complete) gives once the `changed` cells hold their new values, from
    what it gave before: only the rules that read those cells run again. A keystroke on table
    three runs 3 of report2021's 120 rules."""
    plans: dict[str, _Plan] = {}
    for cell in changed:
        for plan in _plans(edition, cell):
            plans.setdefault(plan.key, plan)
    kept = [f for f in findings if f.key not in plans and f.rule != "COMPLETE"]
    fresh = _run(plans.values(), values, previous)
    rank, order = _prepared(edition).rank, edition.order
    merged = kept + [replace(f, explanation=explanations[f.key]) if f.key in explanations
                     else f for f in fresh]
    merged.sort(key=lambda f: (-1, -1) if f.target is None else (order[f.target], rank[f.key]))
    return merged


def edition_year_finding(edition: Edition, year: int) -> Finding | None:
    if edition.serves(year):
        return None
    expected = serving_edition(year)
    message = (f"{year}年度的报告应使用{expected.short}格式" if expected
               else f"{year}年度的报告不适用{edition.short}格式")
    return Finding("EDITION-YEAR", "warning", None, (), "EDITION-YEAR", message)


def complete_finding(edition: Edition, values: Values) -> Finding | None:
    blank = tuple(cell_id for cell_id in edition.cells if values.get(cell_id) is None)
    if not blank:
        return None
    names = "、".join(edition.cells[c].name for c in blank[:10])
    more = f"等 {len(blank)} 项" if len(blank) > 10 else f"共 {len(blank)} 项"
    message = f"以下指标尚未填写：{names}{more}（如实际为 0，请填 0）"
    return Finding("COMPLETE", "warning", blank[0], blank, "COMPLETE", message)


def check(edition: Edition, year: int, values: Values, explanations: Mapping[str, str] = {},
          previous: PreviousYear | None = None, complete: bool = False) -> list[Finding]:
    """Every finding for a draft: edition/year mismatch, the rules, and blanks if asked."""
    findings = []
    mismatch = edition_year_finding(edition, year)
    if mismatch:
        findings.append(mismatch)
    findings.extend(evaluate(edition, values, previous))
    if complete:
        blank = complete_finding(edition, values)
        if blank:
            findings.append(blank)
            findings.sort(key=lambda f: -1 if f.target is None else edition.order[f.target])
    return [replace(f, explanation=explanations.get(f.key)) if f.key in explanations else f
            for f in findings]


def count_by_severity(findings: list[Finding]) -> dict[str, int]:
    counts = {"error": 0, "warning": 0, "info": 0}
    for finding in findings:
        counts[finding.severity] += 1
    return counts


def summary_text(findings: list[Finding]) -> str:
    """`2 个错误 · 1 个警告`, or 校验通过."""
    counts = count_by_severity(findings)
    parts = [f"{counts[s]} 个{SEVERITY_NAMES[s]}" for s in ("error", "warning", "info") if counts[s]]
    return " · ".join(parts) if parts else "校验通过"


def has_error(findings: list[Finding]) -> bool:
    return any(f.severity == "error" for f in findings)

