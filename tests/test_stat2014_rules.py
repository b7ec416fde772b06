"""Every stat2014 rule fails and passes on purpose-made drafts; the seed gives exactly one finding."""
from decimal import Decimal

import pytest

from gkdesk.draft import load_draft
from gkdesk.editions import get_edition
from gkdesk.datafiles import samples_dir
from gkdesk.rules import check, evaluate

EDITION = get_edition("stat2014")


def keys(values, **kw):
    return [f.key for f in evaluate(EDITION, values, **kw)]


def test_seed_sample_gives_exactly_the_closed_sum_error():
    draft = load_draft(samples_dir() / "sample2018.gkd")
    findings = draft.findings()
    assert [f.key for f in findings] == ["S14-SUM-CLOSED@3.2"]
    (closed,) = findings
    assert closed.severity == "error"
    assert closed.target == "3.2"
    assert closed.cells == ("3.2", "3.2.1", "3.2.2")
    assert closed.message == "申请办结数（1）应等于 按时办结数 + 延期办结数（0 + 0 = 0），相差 1"
    assert closed.fix_value == 0  # offered, never applied by the core


def test_correcting_the_seed_the_likely_way_clears_it():
    draft = load_draft(samples_dir() / "sample2018.gkd")
    draft.values["3.2.1"] = 1
    assert draft.findings() == []


def test_rewriting_the_total_instead_raises_the_answered_closed_warning():
    draft = load_draft(samples_dir() / "sample2018.gkd")
    draft.values["3.2"] = 0
    assert [f.key for f in draft.findings()] == ["S14-ANSWERED-CLOSED@3.3"]


# (rule key, failing values, passing values)
CASES = [
    ("S14-SUM-RECEIVED@3.1", {"3.1": 5, "3.1.1": 1, "3.1.3": 2}, {"3.1": 3, "3.1.1": 1, "3.1.3": 2}),
    ("S14-SUM-CLOSED@3.2", {"3.2": 2, "3.2.1": 1}, {"3.2": 2, "3.2.1": 1, "3.2.2": 1}),
    ("S14-SUM-ANSWERED@3.3", {"3.3": 4, "3.3.1": 1, "3.3.8": 1, "3.3.4.a": 2},
     {"3.3": 2, "3.3.1": 1, "3.3.8": 1, "3.3.4.a": 2}),  # the grounds are not added in
    ("S14-DENIED-COVER@3.3.4", {"3.3": 3, "3.3.4": 3, "3.3.4.a": 1},
     {"3.3": 3, "3.3.4": 3, "3.3.4.a": 1, "3.3.4.c": 2}),
    ("S14-OF-DENIED@3.3.4.b", {"3.3": 1, "3.3.4": 1, "3.3.4.b": 2},
     {"3.3": 2, "3.3.4": 2, "3.3.4.b": 2}),
    ("S14-SUM-REVIEW@4", {"4": 1}, {"4": 1, "4.3": 1}),
    ("S14-SUM-SUIT@5", {"5": 0, "5.1": 1}, {"5": 1, "5.1": 1}),
    ("S14-SUM-COMPLAINT@6", {"6.2": 2}, {"6": 2, "6.2": 2}),
    ("S14-ARCHIVE-COVER@7", {"7": 5, "7.1": 2, "7.2": 2}, {"7": 5, "7.1": 5, "7.2": 2}),
    ("S14-OF-ARCHIVE@7.2", {"7": 5, "7.2": 6}, {"7": 6, "7.2": 6}),
    ("S14-SUM-STAFF@8.4", {"8.4": 3, "8.4.1": 1, "8.4.2": 1}, {"8.4": 2, "8.4.1": 1, "8.4.2": 1}),
    ("S14-OF-NORMATIVE@1.1.a", {"1.1": 1, "1.1.a": 2}, {"1.1": 2, "1.1.a": 2}),
    ("S14-OF-PRESS@2.2.1.a", {"2.2.1": 1, "2.2.1.a": 2}, {"2.2.1": 3, "2.2.1.a": 2}),
    ("S14-OF-INTERVIEW@2.2.2.a", {"2.2.2": 0, "2.2.2.a": 1}, {"2.2.2": 1, "2.2.2.a": 1}),
    ("S14-CHANNEL-LE@1.2.3", {"1.1": 10, "1.2.1": 10, "1.2.3": 11}, {"1.1": 11, "1.2.1": 10, "1.2.3": 11}),
    ("S14-CHANNEL-COVER@1.1", {"1.1": 10, "1.2.1": 4, "1.2.2": 5}, {"1.1": 9, "1.2.1": 4, "1.2.2": 5}),
    ("S14-CLOSED-LE@3.2", {"3.1": 1, "3.1.3": 1, "3.2": 2, "3.2.1": 2},
     {"3.1": 2, "3.1.3": 2, "3.2": 2, "3.2.1": 2}),
    ("S14-ANSWERED-LE@3.3", {"3.1": 1, "3.1.1": 1, "3.3": 2, "3.3.2": 2},
     {"3.1": 2, "3.1.1": 2, "3.3": 2, "3.3.2": 2}),
    ("S14-ANSWERED-CLOSED@3.3", {"3.2": 1, "3.2.1": 1, "3.3": 2, "3.3.2": 2},
     {"3.2": 2, "3.2.1": 2, "3.3": 2, "3.3.2": 2}),
    ("S14-VISITORS@8.3", {"8.2": 0, "8.3": 100}, {"8.2": 1, "8.3": 100}),
]


@pytest.mark.parametrize("key, failing, passing", CASES, ids=[c[0] for c in CASES])
def test_rule_fails_then_passes(key, failing, passing):
    assert keys(failing) == [key]
    assert keys(passing) == []


def test_every_rule_of_the_edition_is_exercised():
    tested = {key.split("@")[0] for key, _, _ in CASES}
    assert tested == {r.rule for r in EDITION.rules}


def test_of_which_rules_give_one_finding_per_part():
    values = {"3.3.4": 1, "3.3.4.a": 2, "3.3.4.f": 3, "3.3": 1}
    assert keys(values) == ["S14-OF-DENIED@3.3.4.a", "S14-OF-DENIED@3.3.4.f"]


def test_sum_message_names_rows_numbers_and_difference():
    (finding,) = evaluate(EDITION, {"4": 3, "4.1": 1, "4.2": 1})
    assert finding.message == ("行政复议数量（3）应等于 行政复议·维持具体行政行为数 + 行政复议·被依法纠错数"
                               " + 行政复议·其他情形数（1 + 1 + 空 = 2），相差 1")
    assert finding.cells == ("4", "4.1", "4.2", "4.3")


def test_comparison_message_says_by_how_much():
    (finding,) = evaluate(EDITION, {"2.2.1": 1, "2.2.1.a": 3})
    assert finding.message == "主要负责同志参加新闻发布会次数（3）不应大于 参加或举办新闻发布会总次数（1），多 2"


def test_findings_come_in_table_order_of_their_targets():
    values = {"8.4": 1, "8.4.1": 2, "4": 1, "1.1": 1, "1.1.a": 2}
    assert keys(values) == ["S14-OF-NORMATIVE@1.1.a", "S14-SUM-REVIEW@4", "S14-SUM-STAFF@8.4"]


# Blank is not zero --------------------------------------------------------------------------

def test_an_untouched_table_has_no_findings():
    assert keys({}) == []


def test_equality_counts_blank_parts_as_zero():
    assert keys({"3.2": 1}) == ["S14-SUM-CLOSED@3.2"]
    assert keys({"3.2.1": 1}) == ["S14-SUM-CLOSED@3.2"]


def test_equality_is_skipped_only_when_all_operands_are_blank():
    assert keys({"3.2": 0}) == []  # 0 = blank + blank
    assert "S14-SUM-CLOSED@3.2" not in keys({"3.1": 1, "3.1.1": 1})


def test_comparison_is_skipped_when_one_side_is_all_blank():
    assert keys({"2.2.1.a": 3}) == []
    assert keys({"8.3": 100}) == []  # 8.2 blank: not asked yet


def test_money_takes_part_as_a_decimal():
    findings = check(EDITION, 2018, {"8.5": Decimal("2.6")})
    assert findings == []


def test_edition_year_warning_for_a_year_it_does_not_serve():
    findings = check(EDITION, 2025, {})
    assert [f.rule for f in findings] == ["EDITION-YEAR"]
    assert findings[0].severity == "warning"
    assert findings[0].message.startswith("2025年度的报告")
    assert check(EDITION, 2018, {}) == []


def test_complete_lists_blank_cells_only_when_asked():
    values = {cell: 0 for cell in EDITION.cells}
    del values["9.3"], values["1.1"]
    assert check(EDITION, 2018, values) == []
    (complete,) = check(EDITION, 2018, values, complete=True)
    assert complete.rule == "COMPLETE"
    assert complete.severity == "warning"
    assert complete.cells == ("1.1", "9.3")
    assert "接受培训人员数" in complete.message


def test_an_explanation_is_attached_to_its_finding():
    values = {"3.2": 2, "3.2.1": 2, "3.1": 1, "3.1.1": 1}
    (finding,) = check(EDITION, 2018, values, {"S14-CLOSED-LE@3.2": "含上年结转申请1件"})
    assert finding.key == "S14-CLOSED-LE@3.2"
    assert finding.explanation == "含上年结转申请1件"
