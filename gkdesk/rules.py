"""Evaluate an edition's rules on a draft's values → findings (pure and fast: runs per keystroke)."""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Mapping

from .editions import Edition, EditionError, RuleInstance, Term, get_edition, serving_edition
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


def _sum(terms: tuple[Term, ...], values: Values, previous: Values) -> tuple[Value, bool]:
    """Signed sum with blanks as 0, and whether every operand was blank."""
    total: Value = 0
    all_blank = True
    for term in terms:
        value = (previous if term.previous else values).get(term.cell)
        if value is not None:
            all_blank = False
            total += value * term.sign
    return total, all_blank


def _side_text(terms: tuple[Term, ...], edition: Edition, values: Values,
               previous: Values, total: Value) -> str:
    names, numbers = [], []
    for i, term in enumerate(terms):
        cell = edition.cells[term.cell]
        name = ("上年" + cell.name) if term.previous else cell.name
        value = (previous if term.previous else values).get(term.cell)
        number = "空" if value is None else format_value(value)
        joiner = "" if i == 0 else (" − " if term.sign < 0 else " + ")
        if i == 0 and term.sign < 0:
            joiner = "−"
        names.append(joiner + name)
        numbers.append(joiner + number)
    if len(terms) == 1 and terms[0].sign > 0:
        return f"{names[0]}（{numbers[0]}）"
    return f"{''.join(names)}（{''.join(numbers)} = {format_value(total)}）"


def _check(instance: RuleInstance, edition: Edition, values: Values,
           previous: Values) -> Finding | None:
    left, left_blank = _sum(instance.left, values, previous)
    right, right_blank = _sum(instance.right, values, previous)
    fix_value = None
    if instance.kind == "equal":
        if left_blank and right_blank or left == right:
            return None
        verb, gap = "应等于", f"，相差 {format_value(abs(left - right))}"
        fix_value = _fix_for_equal(instance, edition, values, left, right)
    elif left_blank or right_blank:
        return None
    elif instance.kind == "compare":
        if instance.op == "<=" and left > right:
            verb, gap = "不应大于", f"，多 {format_value(left - right)}"
        elif instance.op == ">=" and left < right:
            verb, gap = "不应小于", f"，少 {format_value(right - left)}"
        else:
            return None
    else:  # requires: left > 0 needs right > 0
        if not (left > 0 and right <= 0):
            return None
        verb, gap = "大于 0 时，", "也应大于 0"
    left_text = _side_text(instance.left, edition, values, previous, left)
    right_text = _side_text(instance.right, edition, values, previous, right)
    if instance.kind == "requires":
        message = f"{left_text}{verb}{right_text}{gap}"
    else:
        message = f"{left_text}{verb} {right_text}{gap}"
    if instance.hint:
        message += f"（{instance.hint}）"
    return Finding(instance.rule, instance.severity, instance.target, instance.cells,
                   instance.key, message, fix_value=fix_value)


def _fix_for_equal(instance: RuleInstance, edition: Edition, values: Values, left: Value,
                   right: Value) -> Value | None:
    """The target value that balances the rule (None when it would have to be negative)."""
    side = instance.left if any(t.cell == instance.target and not t.previous
                                for t in instance.left) else instance.right
    target_term = next(t for t in side if t.cell == instance.target and not t.previous)
    current = values.get(instance.target) or 0
    other_side = right if side is instance.left else left
    this_side = left if side is instance.left else right
    fixed = current + (other_side - this_side) * target_term.sign
    return fixed if fixed >= 0 or edition.cells[instance.target].kind == "signed" else None


def evaluate(edition: Edition, values: Values, previous: PreviousYear | None = None) -> list[Finding]:
    """All rule findings for these values, in table order of their targets."""
    prev_values: Values = {}
    prev_cells: set[str] | dict = {}
    if previous is not None:
        prev_values = previous.values
        try:
            prev_cells = get_edition(previous.edition).cells
        except EditionError:
            prev_cells = {}
    findings = []
    for instance in edition.rules:
        if instance.cross_year and (previous is None or any(
                t.cell not in prev_cells for t in instance.left + instance.right if t.previous)):
            continue
        finding = _check(instance, edition, values, prev_values)
        if finding is not None:
            findings.append(finding)
    order = edition.order
    findings.sort(key=lambda f: order[f.target])  # stable: rule order breaks ties
    return findings


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

