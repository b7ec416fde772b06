"""Every rule of report2019 and report2021 fails and passes on purpose-made drafts, with the keys,
targets and messages the spec gives; blanks follow the spec's policy; the cross-year rules run
only with last year's draft, and only when it holds the cells they read."""
from decimal import Decimal

import pytest

from gkdesk.editions import get_edition
from gkdesk.rules import PreviousYear, evaluate, has_error

APPLICANTS = ["person", "business", "research", "nonprofit", "legal", "org_other"]
COLUMNS = APPLICANTS + ["total"]
RESULT_ROWS = {
    "report2019": ["open", "partial"] + [f"deny.{i}" for i in range(1, 9)]
    + [f"unable.{i}" for i in range(1, 4)] + [f"reject.{i}" for i in range(1, 6)] + ["other"],
    "report2021": ["open", "partial"] + [f"deny.{i}" for i in range(1, 9)]
    + [f"unable.{i}" for i in range(1, 4)] + [f"reject.{i}" for i in range(1, 6)]
    + ["other.1", "other.2", "other.3"],
}
T4_BLOCKS = ["review", "suit_direct", "suit_after"]
EDITIONS = ["report2019", "report2021"]


def all_rows(edition_id):
    return ["new", "carried"] + RESULT_ROWS[edition_id] + ["total", "forward"]


def expected_keys(edition_id):
    keys = {f"R-T3-BALANCE@t3.total.{c}" for c in COLUMNS}
    keys |= {f"R-T3-TOTAL@t3.total.{c}" for c in COLUMNS}
    keys |= {f"R-T3-ROWSUM@t3.{r}.total" for r in all_rows(edition_id)}
    keys |= {f"R-T4-SUM@t4.{b}.total" for b in T4_BLOCKS}
    keys |= {f"R-CARRY@t3.carried.{c}" for c in COLUMNS}
    if edition_id == "report2021":
        keys |= {f"R21-STOCK@t2.{r}.in_force" for r in ("regulation", "normative")}
    else:
        keys |= {f"R19-ITEMS@t2.{r}.last_year"
                 for r in ("license", "other_service", "penalty", "enforcement", "fee")}
    return keys


def balanced(edition_id):
    """A fully filled, consistent draft: every cell has a value and no rule objects."""
    values = {}
    for i, c in enumerate(APPLICANTS):
        results = {r: (i + j) % 4 for j, r in enumerate(RESULT_ROWS[edition_id])}
        values.update({f"t3.{r}.{c}": v for r, v in results.items()})
        total = sum(results.values())
        values[f"t3.total.{c}"] = total
        values[f"t3.forward.{c}"] = i % 3
        values[f"t3.carried.{c}"] = 2
        values[f"t3.new.{c}"] = total + i % 3 - 2
    for r in all_rows(edition_id):
        values[f"t3.{r}.total"] = sum(values[f"t3.{r}.{c}"] for c in APPLICANTS)
    for k, b in enumerate(T4_BLOCKS):
        parts = {"upheld": k + 1, "corrected": 2, "other": 0, "pending": k}
        values.update({f"t4.{b}.{c}": v for c, v in parts.items()})
        values[f"t4.{b}.total"] = sum(parts.values())
    edition = get_edition(edition_id)
    for cell_id, cell in edition.cells.items():
        if cell.table == "t2":
            values[cell_id] = {"count": 7, "signed": -2, "money": Decimal("12.3456")}[cell.kind]
    assert set(values) == set(edition.cells)
    return values


def keys(findings):
    return [f.key for f in findings]


@pytest.mark.parametrize("edition_id", EDITIONS)
def test_the_editions_have_exactly_the_spec_rules(edition_id):
    edition = get_edition(edition_id)
    assert {r.key for r in edition.rules} == expected_keys(edition_id)
    assert len(edition.rules) == len(expected_keys(edition_id))  # no key twice
    severities = {r.rule: r.severity for r in edition.rules}
    assert severities == {
        "R-T3-BALANCE": "error", "R-T3-TOTAL": "error", "R-T3-ROWSUM": "error",
        "R-T4-SUM": "error", "R-CARRY": "warning",
        "R21-STOCK" if edition_id == "report2021" else "R19-ITEMS": "warning",
    }


@pytest.mark.parametrize("edition_id", EDITIONS)
def test_a_consistent_filled_draft_has_no_findings(edition_id):
    values = balanced(edition_id)
    assert evaluate(get_edition(edition_id), values) == []


def in_year_instances():
    for edition_id in EDITIONS:
        for rule in get_edition(edition_id).rules:
            if not rule.cross_year:
                yield pytest.param(edition_id, rule, id=f"{edition_id}:{rule.key}")


@pytest.mark.parametrize("edition_id, rule", list(in_year_instances()))
def test_every_in_year_rule_fails_when_its_target_is_off_by_one(edition_id, rule):
    edition = get_edition(edition_id)
    values = balanced(edition_id)
    values[rule.target] += 1
    findings = evaluate(edition, values)
    (finding,) = [f for f in findings if f.key == rule.key]
    assert finding.rule == rule.rule and finding.severity == "error"
    assert finding.target == rule.target and finding.cells[0] == rule.target
    assert finding.message.endswith("相差 1")
    assert finding.fix_value == values[rule.target] - 1  # the quick fix restores the balance
    values[rule.target] -= 1
    assert evaluate(edition, values) == []


@pytest.mark.parametrize("edition_id, rule", list(in_year_instances()))
def test_every_in_year_rule_fails_when_a_part_is_off(edition_id, rule):
    edition = get_edition(edition_id)
    values = balanced(edition_id)
    part = rule.right[-1].cell
    values[part] += 5
    assert rule.key in keys(evaluate(edition, values))


def test_balance_message_reads_target_first_and_names_the_column_once():
    edition = get_edition("report2021")
    values = {"t3.new.person": 5, "t3.carried.person": 1, "t3.total.person": 4,
              "t3.forward.person": 1, "t3.open.person": 4}
    (finding,) = [f for f in evaluate(edition, values) if f.rule == "R-T3-BALANCE"]
    assert finding.key == "R-T3-BALANCE@t3.total.person"
    assert finding.cells == ("t3.total.person", "t3.forward.person", "t3.new.person",
                             "t3.carried.person")
    assert finding.message == (
        "自然人列：办理结果总计 + 结转下年度继续办理（4 + 1 = 5）应等于 "
        "本年新收政府信息公开申请数量 + 上年结转政府信息公开申请数量（5 + 1 = 6），相差 1")
    assert finding.fix_value == 5


def test_total_message_names_the_result_rows():
    edition = get_edition("report2019")
    values = {"t3.total.legal": 3, "t3.open.legal": 1, "t3.other.legal": 1}
    finding = next(f for f in evaluate(edition, values) if f.key == "R-T3-TOTAL@t3.total.legal")
    assert finding.message.startswith("法律服务机构列：办理结果总计（3）应等于 予以公开 + 部分公开 + "
                                      "属于国家秘密 + ")
    assert " + 其他处理（" in finding.message
    assert finding.message.endswith("= 2），相差 1")
    assert len(finding.cells) == 1 + 2 + 8 + 3 + 5 + 1


def test_2021_total_sums_the_three_其他处理_rows():
    edition = get_edition("report2021")
    values = {"t3.total.person": 6, "t3.other.1.person": 1, "t3.other.2.person": 2,
              "t3.other.3.person": 3, "t3.open.person": 0}
    assert "R-T3-TOTAL@t3.total.person" not in keys(evaluate(edition, values))
    values["t3.other.3.person"] = 2
    finding = next(f for f in evaluate(edition, values) if f.key == "R-T3-TOTAL@t3.total.person")
    assert finding.message.startswith("自然人列：")
    assert " + 其他处理（其他）（" in finding.message


def test_rowsum_and_t4_messages():
    edition = get_edition("report2021")
    values = {"t3.deny.3.total": 2, "t3.deny.3.person": 1, "t4.suit_after.total": 1,
              "t4.suit_after.pending": 3}
    found = {f.key: f for f in evaluate(edition, values) if f.rule in ("R-T3-ROWSUM", "R-T4-SUM")}
    assert set(found) == {"R-T3-ROWSUM@t3.deny.3.total", "R-T4-SUM@t4.suit_after.total"}
    assert found["R-T3-ROWSUM@t3.deny.3.total"].message.startswith(
        "危及“三安全一稳定”：总计（2）应等于 自然人 + 商业企业 + ")
    assert found["R-T4-SUM@t4.suit_after.total"].message == (
        "复议后起诉：总计（1）应等于 结果维持 + 结果纠正 + 其他结果 + "
        "尚未审结（空 + 空 + 空 + 3 = 3），相差 2")
    assert found["R-T4-SUM@t4.suit_after.total"].cells == (
        "t4.suit_after.total", "t4.suit_after.upheld", "t4.suit_after.corrected",
        "t4.suit_after.other", "t4.suit_after.pending")


def test_findings_come_in_table_order_of_their_targets():
    edition = get_edition("report2021")
    values = {"t4.review.total": 1, "t3.forward.person": 1, "t3.new.legal": 2}
    assert keys(evaluate(edition, values)) == [
        "R-T3-ROWSUM@t3.new.total", "R-T3-BALANCE@t3.total.person", "R-T3-BALANCE@t3.total.legal",
        "R-T3-ROWSUM@t3.forward.total", "R-T4-SUM@t4.review.total"]


# ---------------------------------------------------------------------------------- blanks

@pytest.mark.parametrize("edition_id", EDITIONS)
def test_an_empty_draft_has_no_findings(edition_id):
    assert evaluate(get_edition(edition_id), {}) == []


def test_a_row_left_wholly_blank_is_skipped_but_one_value_counts_blanks_as_zero():
    edition = get_edition("report2021")
    assert "R-T3-ROWSUM@t3.open.total" not in keys(evaluate(edition, {"t3.partial.person": 0}))
    # typing only the total of a row: its blank parts count as 0
    findings = evaluate(edition, {"t3.reject.2.total": 2})
    assert keys(findings) == ["R-T3-ROWSUM@t3.reject.2.total",
                              "R-T3-TOTAL@t3.total.total"]  # the column's total is blank too
    finding = findings[0]
    assert "（空 + 空 + 空 + 空 + 空 + 空 = 0），相差 2" in finding.message
    # blank parts beside filled ones count as 0: 2 = 2 + blanks holds
    assert "R-T3-ROWSUM@t3.reject.2.total" not in keys(
        evaluate(edition, {"t3.reject.2.total": 2, "t3.reject.2.legal": 2}))


def test_zero_is_not_blank():
    edition = get_edition("report2019")
    # all zeros is filled and balanced; a single 0 total against blank parts balances too
    assert evaluate(edition, {"t4.review.total": 0}) == []
    assert keys(evaluate(edition, {"t4.review.total": 0, "t4.review.pending": 1})) == [
        "R-T4-SUM@t4.review.total"]


# ---------------------------------------------------------------------------------- cross-year

def previous(edition_id, year, values):
    return PreviousYear(edition_id, year, "某局", values)


@pytest.mark.parametrize("edition_id", EDITIONS)
def test_cross_year_rules_need_last_years_draft(edition_id):
    edition = get_edition(edition_id)
    values = {"t3.carried.person": 3, "t3.carried.total": 3, "t3.new.person": 0,
              "t3.new.total": 0, "t3.total.person": 3, "t3.open.person": 3, "t3.total.total": 3,
              "t3.open.total": 3, "t2.regulation.in_force": 9, "t2.license.last_year": 9}
    values = {k: v for k, v in values.items() if k in edition.cells}
    assert evaluate(edition, values) == []  # no previous: nothing cross-year runs
    last = previous(edition_id, 2020, {"t3.forward.person": 2, "t3.forward.total": 2})
    findings = evaluate(edition, values, last)
    carry = [f for f in findings if f.rule == "R-CARRY"]
    assert keys(carry) == ["R-CARRY@t3.carried.person", "R-CARRY@t3.carried.total"]
    assert all(f.severity == "warning" for f in findings)
    assert not has_error(findings)
    assert carry[0].message == ("上年结转政府信息公开申请数量·自然人（3）应等于 "
                                "上年结转下年度继续办理·自然人（2），相差 1")
    assert carry[0].cells == ("t3.carried.person",)  # last year's cells are not this year's
    assert carry[0].fix_value == 2
    matching = previous(edition_id, 2020, {"t3.forward.person": 3, "t3.forward.total": 3})
    assert not [f for f in evaluate(edition, values, matching) if f.rule == "R-CARRY"]


def test_carry_is_skipped_where_last_years_forward_is_blank():
    # The blank policy: an unknown number from last year is not a 0.
    edition = get_edition("report2021")
    last = previous("report2021", 2024, {"t3.forward.total": 0})
    assert evaluate(edition, {}, last) == []
    findings = evaluate(edition, {"t3.carried.research": 1, "t3.carried.total": 1}, last)
    assert "R-CARRY@t3.carried.research" not in keys(findings)
    assert "R-CARRY@t3.carried.total" in keys(findings)


def test_r21_stock_adds_issued_and_subtracts_repealed():
    edition = get_edition("report2021")
    last = previous("report2021", 2024, {"t2.normative.in_force": 40, "t2.regulation.in_force": 5})
    values = {"t2.normative.issued": 6, "t2.normative.repealed": 3, "t2.normative.in_force": 43,
              "t2.regulation.in_force": 5}
    assert evaluate(edition, values, last) == []
    values["t2.normative.in_force"] = 46
    (finding,) = evaluate(edition, values, last)
    assert finding.key == "R21-STOCK@t2.normative.in_force" and finding.severity == "warning"
    assert finding.message == (
        "行政规范性文件：现行有效件数（46）应等于 上年现行有效件数 + 本年制发件数"
        " − 本年废止件数（40 + 6 − 3 = 43），相差 3")
    assert finding.cells == ("t2.normative.in_force", "t2.normative.issued",
                             "t2.normative.repealed")
    assert finding.fix_value == 43


def test_r21_stock_is_skipped_from_a_2020_report2019_draft():
    edition = get_edition("report2021")
    last = previous("report2019", 2020, {"t2.regulation.total": 50, "t3.forward.person": 1})
    values = {"t2.regulation.in_force": 7, "t2.regulation.issued": 1, "t3.carried.person": 0}
    findings = evaluate(edition, values, last)
    assert keys(findings) == ["R-CARRY@t3.carried.person"]  # R-CARRY still runs


def test_cross_year_rules_skipped_from_a_stat2014_draft():
    edition = get_edition("report2019")
    last = previous("stat2014", 2018, {"3.1": 4})
    values = {"t3.carried.person": 2, "t3.carried.total": 2, "t2.fee.last_year": 3}
    assert evaluate(edition, values, last) == evaluate(edition, values)
    assert not [f for f in evaluate(edition, values, last) if f.rule in ("R-CARRY", "R19-ITEMS")]


def test_r19_items_last_year_plus_change():
    edition = get_edition("report2019")
    last = previous("report2019", 2019, {"t2.penalty.last_year": 10, "t2.penalty.change": -4,
                                         "t2.fee.last_year": 2})
    values = {"t2.penalty.last_year": 6, "t2.fee.last_year": 2}
    assert evaluate(edition, values, last) == []
    values["t2.penalty.last_year"] = 10
    (finding,) = evaluate(edition, values, last)
    assert finding.key == "R19-ITEMS@t2.penalty.last_year" and finding.severity == "warning"
    assert finding.message.startswith("行政处罚·上一年项目数量（10）应等于 上年行政处罚·上一年项目数量 + "
                                      "上年行政处罚·本年增/减")
    assert finding.message.endswith("相差 4")
    assert finding.cells == ("t2.penalty.last_year",)
    assert finding.fix_value == 6


def test_r19_items_is_skipped_from_a_report2021_previous():
    edition = get_edition("report2019")
    last = previous("report2021", 2021, {"t2.license.decisions": 3})
    assert evaluate(edition, {"t2.license.last_year": 4}, last) == []


def test_a_negative_change_reads_as_a_bracketed_minus_in_the_message():
    edition = get_edition("report2019")
    previous = PreviousYear("report2019", 2019, "", {"t2.license.last_year": 10,
                                                     "t2.license.change": -2})
    (finding,) = evaluate(edition, {"t2.license.last_year": 9}, previous)
    assert finding.key == "R19-ITEMS@t2.license.last_year"
    assert "（10 + (−2) = 8），相差 1" in finding.message
