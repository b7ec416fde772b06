"""Calm live checking in the core: a gap that blank totals (or 结转下年度) could still close is
pending, a typed total that disagrees is not; 填入空白合计 fills only blank totals of fully typed
sums, row totals first and then the column totals they feed; quick fixes never make things
worse; cross-year rules skip last year's blanks."""
from gkdesk.editions import get_edition
from gkdesk.fixes import safe_fix
from gkdesk.pending import blank_totals, pending_keys
from gkdesk.rules import PreviousYear, evaluate

APPLICANTS = ["person", "business", "research", "nonprofit", "legal", "org_other"]
RESULTS = (["open", "partial"] + [f"deny.{i}" for i in range(1, 9)]
           + [f"unable.{i}" for i in range(1, 4)] + [f"reject.{i}" for i in range(1, 6)]
           + ["other.1", "other.2", "other.3"])


def _split(edition, values, previous=None):
    findings = evaluate(edition, values, previous)
    pending = pending_keys(edition, values, findings,
                           previous.values if previous is not None else None)
    errors = [f.key for f in findings if f.key not in pending and f.severity == "error"]
    return errors, sorted(pending)


def test_a_column_typed_down_to_its_results_is_pending_not_wrong():
    edition = get_edition("report2021")
    values = {"t3.new.person": 10, "t3.carried.person": 2, "t3.open.person": 5,
              "t3.partial.person": 3}
    errors, pending = _split(edition, values)
    assert errors == []
    assert "R-T3-TOTAL@t3.total.person" in pending
    assert "R-T3-BALANCE@t3.total.person" in pending
    assert "R-T3-ROWSUM@t3.new.total" in pending


def test_balance_waits_for_forward_then_turns_into_an_error():
    edition = get_edition("report2021")
    values = {"t3.new.person": 10, "t3.carried.person": 2, "t3.open.person": 8,
              "t3.total.person": 8}
    errors, pending = _split(edition, values)
    assert "R-T3-BALANCE@t3.total.person" in pending  # 结转下年度 still empty: 4 would close it
    assert "R-T3-TOTAL@t3.total.person" not in pending + errors
    values["t3.forward.person"] = 3
    errors, pending = _split(edition, values)
    assert "R-T3-BALANCE@t3.total.person" in errors
    # Too much on the total's side already: no value ≥ 0 of a blank cell could close it.
    values = {"t3.new.person": 1, "t3.total.person": 3, "t3.open.person": 3}
    errors, _ = _split(edition, values)
    assert "R-T3-BALANCE@t3.total.person" in errors


def test_a_typed_total_that_differs_from_its_parts_is_an_error_at_once():
    edition = get_edition("report2021")
    values = {"t3.open.person": 5, "t3.total.person": 7}  # other parts blank: still red
    errors, pending = _split(edition, values)
    assert "R-T3-TOTAL@t3.total.person" in errors
    values = {"t4.review.upheld": 2, "t4.review.total": 1}
    errors, _ = _split(edition, values)
    assert errors == ["R-T4-SUM@t4.review.total"]


def test_stat2014_sum_with_blank_total_is_pending():
    edition = get_edition("stat2014")
    errors, pending = _split(edition, {"3.2.1": 1})
    assert errors == [] and pending == ["S14-SUM-CLOSED@3.2"]


def test_blank_totals_fills_rows_then_the_columns_they_feed():
    edition = get_edition("report2021")
    values = {}
    for row in ["new", "carried"] + RESULTS + ["forward"]:
        for column in APPLICANTS:
            values[f"t3.{row}.{column}"] = 1
    filled = blank_totals(edition, values)
    assert filled["t3.new.total"] == 6  # a row total
    assert filled["t3.total.person"] == len(RESULTS)  # a column total
    assert filled["t3.total.total"] == 6 * len(RESULTS)  # fed by the ones filled before
    values.update(filled)
    assert _split(edition, values) == (["R-T3-BALANCE@t3.total.person",
                                        "R-T3-BALANCE@t3.total.business",
                                        "R-T3-BALANCE@t3.total.research",
                                        "R-T3-BALANCE@t3.total.nonprofit",
                                        "R-T3-BALANCE@t3.total.legal",
                                        "R-T3-BALANCE@t3.total.org_other",
                                        "R-T3-BALANCE@t3.total.total"], [])


def test_blank_totals_leaves_typed_totals_and_incomplete_parts_alone():
    edition = get_edition("report2021")
    values = {"t4.review.upheld": 1, "t4.review.corrected": 0, "t4.review.other": 0,
              "t4.review.pending": 0, "t4.suit_direct.upheld": 1,
              "t4.suit_after.upheld": 1, "t4.suit_after.corrected": 1, "t4.suit_after.other": 1,
              "t4.suit_after.pending": 1, "t4.suit_after.total": 9}
    assert blank_totals(edition, values) == {"t4.review.total": 1}


def _previous(values, edition="report2021", year=2024):
    return PreviousYear(edition, year, "", values)


def test_cross_year_rules_skip_when_last_years_operand_is_blank():
    edition = get_edition("report2021")
    values = {"t2.normative.in_force": 45, "t2.normative.issued": 2}
    assert evaluate(edition, values, _previous({})) == []  # 上年现行有效件数 blank: unknown
    findings = evaluate(edition, values, _previous({"t2.normative.in_force": 45}))
    assert [f.key for f in findings] == ["R21-STOCK@t2.normative.in_force"]


def test_quick_fix_is_offered_only_when_it_makes_nothing_worse():
    edition = get_edition("report2021")
    # 办理结果总计 2 = 予以公开 2, but new 3 ≠ total 2 + forward 0: changing the total to 3
    # would break R-T3-TOTAL, so the balance's fix is not offered.
    values = {"t3.new.person": 3, "t3.new.total": 3, "t3.open.person": 2, "t3.open.total": 2,
              "t3.total.person": 2, "t3.total.total": 2, "t3.forward.person": 0,
              "t3.forward.total": 0}
    findings = evaluate(edition, values)
    balance = next(f for f in findings if f.key == "R-T3-BALANCE@t3.total.person")
    assert balance.fix_value == 3
    assert safe_fix(edition, values, balance, findings) is None
    # A stock that is off: the fix names the column and the number.
    values = {"t2.normative.in_force": 46, "t2.normative.issued": 2}
    last = _previous({"t2.normative.in_force": 45})
    findings = evaluate(edition, values, last)
    fix = safe_fix(edition, values, findings[0], findings, last)
    assert fix is not None and fix.cell == "t2.normative.in_force" and fix.value == 47
    assert fix.text == "将 行政规范性文件·现行有效件数 改为 47"


def test_seed_fix_is_offered_although_it_raises_a_warning():
    from gkdesk.datafiles import sample_draft_path
    from gkdesk.draft import load_draft

    draft = load_draft(sample_draft_path())
    findings = draft.findings()
    fix = safe_fix(draft.edition_obj, draft.values, findings[0], findings)
    assert fix is not None and fix.text == "将 申请办结数 改为 0"


def test_pending_text_says_what_the_blank_cells_should_come_to():
    from gkdesk.pending import pending_text

    edition = get_edition("report2021")
    values = {"t3.open.person": 5, "t3.open.business": 3, "t3.new.person": 10,
              "t3.total.person": 8}
    findings = {f.key: f for f in evaluate(edition, values)}
    assert pending_text(edition, findings["R-T3-ROWSUM@t3.open.total"], values) \
        == "予以公开·总计 应为 8"
    assert pending_text(edition, findings["R-T3-BALANCE@t3.total.person"], values) \
        == "结转下年度继续办理·自然人 应为 2"
