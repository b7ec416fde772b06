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
