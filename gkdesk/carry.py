"""Year to year: the next year's draft from this year's, and attaching last year's draft.

What carries over is read off the new edition's rules, not written here per edition: a cross-year
equality whose left side is one of this year's cells and whose right side reads only last year's
draft states what that cell must be, so the next draft starts with it filled in. In the shipped
editions that is R-CARRY (上年结转 = last year's 结转下年度继续办理, column by column) and, within
report2019, R19-ITEMS (上一年项目数量 = last year's 上一年项目数量 + 本年增/减). A rule that also
reads this year's cells (R21-STOCK) fills nothing; it only checks once the clerk has typed.
A rule reading cells the previous edition lacks carries nothing, exactly as it is skipped when
checking, so from a stat2014 draft nothing carries into the report editions.
"""
from __future__ import annotations

import os

from .draft import (MAX_YEAR, Draft, DraftError, as_previous, check_previous_year, new_draft,
                    read_previous_year)
from .editions import Edition, RuleInstance, default_edition_for, find_edition, get_edition
from .numbers import InputError, Value, check_value
from .rules import PreviousYear

def carry_rules(edition: Edition) -> tuple[RuleInstance, ...]:
    """The rules of this edition that say what a cell is, from last year's draft alone."""
    return tuple(
        rule for rule in edition.rules
        if rule.kind == "equal" and len(rule.left) == 1 and not rule.left[0].previous
        and rule.left[0].sign > 0 and rule.right and all(t.previous for t in rule.right)
    )


def carried_values(edition: Edition, previous: PreviousYear) -> tuple[dict[str, Value], int]:
    """This year's values that follow from last year's, and how many carry rules could apply.

    A cell whose last-year operands are all blank stays blank; a blank among others counts as 0
    (as in the rules). A result the cell cannot hold (a negative count) is left blank for the
    clerk, and the rule will question whatever is typed there."""
    previous_edition = find_edition(previous.edition)
    previous_cells = previous_edition.cells if previous_edition else {}
    values: dict[str, Value] = {}
    applicable = 0
    for rule in carry_rules(edition):
        if any(t.cell not in previous_cells for t in rule.right):
            continue
        applicable += 1
        operands = [(previous.values.get(t.cell), t.sign) for t in rule.right]
        if all(value is None for value, _ in operands):
            continue
        total: Value = sum((value * sign for value, sign in operands if value is not None), 0)
        target = edition.cells[rule.left[0].cell]
        try:
            values[target.id] = check_value(total, target.kind)
        except InputError:
            continue
    return {c: values[c] for c in edition.cells if c in values}, applicable


def next_year_draft(draft: Draft, edition: str | None = None) -> tuple[Draft, str | None]:
    """The draft for the year after `draft`, and a one-line note when nothing could carry over.

    The edition defaults to the one serving the new year. Unit and contact details carry; last
    year's draft is embedded as `previous`; every other value starts blank."""
    year = draft.year + 1
    if year > MAX_YEAR:
        raise DraftError(f"无法新建 {year} 年度草稿：年度超出范围")
    new_edition = get_edition(edition) if edition else default_edition_for(year)
    previous = as_previous(draft)
    values, applicable = carried_values(new_edition, previous)
    new = new_draft(year, new_edition.id, contacts_from=draft)
    new.values, new.previous = values, previous
    note = None
    if carry_rules(new_edition) and applicable == 0:
        old = draft.edition_obj
        note = (f"{draft.year}年度草稿使用{old.short}格式，没有可结转到{new_edition.short}格式的数据，"
                f"上年结转等数据请手工填写")
    return new, note


def attach_previous(draft: Draft, last_year: Draft | PreviousYear) -> PreviousYear:
    """Embed last year's numbers in this year's draft (打开上年数据); refuses any other year."""
    previous = last_year if isinstance(last_year, PreviousYear) else as_previous(last_year)
    check_previous_year(draft, previous)
    draft.previous = previous
    return previous


def attach_previous_file(draft: Draft, path: str | os.PathLike) -> PreviousYear:
    """Read last year's draft file and embed it; a DraftError says plainly why not."""
    return attach_previous(draft, read_previous_year(draft, path))


def previous_note(draft: Draft) -> str | None:
    """One line for the window when last year's draft shares no cell with this year's edition
    (a stat2014 draft under a report edition): no 上年 values to show, no cross-year checks."""
    previous = draft.previous
    if previous is None:
        return None
    edition = draft.edition_obj
    previous_edition = find_edition(previous.edition)
    if previous_edition and any(cell in previous_edition.cells for cell in edition.cells):
        return None
    old = previous_edition.short if previous_edition else previous.edition
    return (f"{previous.year}年度草稿使用{old}格式，与{edition.short}格式没有可对照的指标，"
            f"不显示上年数，也不做跨年度校验")
