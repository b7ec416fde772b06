"""The window checks again after an edit by running only the rules that read the edited cells
(rules.recheck): after any sequence of edits it must hold exactly the findings a full check
gives — the same findings, messages, explanations and order, cross-year rules included."""
from __future__ import annotations

import random
from decimal import Decimal

import pytest

from gkdesk.draft import new_draft
from gkdesk.rules import PreviousYear, check, recheck


@pytest.mark.parametrize("edition_id", ["stat2014", "report2019", "report2021"])
def test_recheck_after_any_edits_equals_a_full_check(edition_id):
    rnd = random.Random(edition_id)
    draft = new_draft(2021, edition_id)
    edition = draft.edition_obj
    cells = list(edition.cells)
    explanations = {key: "本单位说明" for key in
                    [f.key for f in check(edition, 2021, {c: 1 for c in cells[::3]})][:3]}
    previous = PreviousYear(edition_id, 2020, "某局", {c: rnd.randint(0, 9) for c in cells[::2]})
    for prev in (None, previous):
        values: dict = {}
        findings = check(edition, 2021, values, explanations, prev)
        for step in range(400):
            changed = rnd.sample(cells, rnd.choice([1, 1, 1, 2, 5]))
            for cell in changed:
                choice = rnd.random()
                if choice < 0.2:
                    values.pop(cell, None)  # cleared: blank again
                elif edition.cells[cell].kind == "money":
                    values[cell] = Decimal(rnd.randint(0, 300)) / 10
                else:
                    values[cell] = rnd.randint(0, 6)
            findings = recheck(edition, findings, values, changed, explanations, prev)
            assert findings == check(edition, 2021, values, explanations, prev), step
        assert findings  # the random values broke rules: the comparison meant something


def test_recheck_drops_the_blank_cells_finding_of_complete():
    draft = new_draft(2021, "report2021")
    edition = draft.edition_obj
    done = check(edition, 2021, {}, complete=True)
    assert [f.rule for f in done] == ["COMPLETE"]
    assert recheck(edition, done, {"t3.new.person": 1}, ["t3.new.person"]) == \
        check(edition, 2021, {"t3.new.person": 1})


@pytest.mark.parametrize("edition_id", ["stat2014", "report2019", "report2021"])
def test_broken_rules_are_the_rules_a_full_check_finds(edition_id):
    """A quick fix's candidate is checked without writing messages: the rules it names as
    broken must be exactly those a check reports, for any cell read, with last year or not."""
    from gkdesk.rules import broken_rules, evaluate

    rnd = random.Random(edition_id + "broken")
    edition = new_draft(2021, edition_id).edition_obj
    cells = list(edition.cells)
    previous = PreviousYear(edition_id, 2020, "某局", {c: rnd.randint(0, 9) for c in cells[::2]})
    for step in range(300):
        values = {c: rnd.randint(0, 4) for c in rnd.sample(cells, rnd.randint(0, len(cells)))}
        prev = previous if step % 2 else None
        cell = rnd.choice(cells)
        for reading in (None, cell):
            broken = [i.key for i in broken_rules(edition, values, prev, reading)]
            assert len(broken) == len(set(broken))
            assert set(broken) == {f.key for f in evaluate(edition, values, prev, reading)}
