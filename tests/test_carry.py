"""Year to year: `next` carries 结转 into 上年结转 (and 上一年项目数量 within report2019), unit and
contact details, embeds last year's draft and leaves the rest blank; attaching last year's draft
refuses any other year; `gkdesk next` and `gkdesk check --previous` on the command line."""
import datetime
import json
import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from gkdesk.carry import attach_previous, attach_previous_file, next_year_draft, previous_note
from gkdesk.cli import main
from gkdesk.draft import Draft, DraftError, load_draft, new_draft, save_draft
from gkdesk.rules import PreviousYear

ROOT = Path(__file__).resolve().parents[1]
COLUMNS = ["person", "business", "research", "nonprofit", "legal", "org_other", "total"]


def last_year(edition="report2021", year=2024):
    """Last year's draft with contact details and an explanation; each test sets its values."""
    draft = new_draft(year, edition, "某市某局")
    draft.meta = {"filled_by": "张三", "phone": "0533-1234567", "filled_on": "2025-01-20"}
    draft.explanations = {"R-CARRY@t3.carried.person": "去年的说明"}
    return draft


def forward(**per_column):
    return {f"t3.forward.{c}": v for c, v in per_column.items()}


def carried(n):
    """This year's t3 with n carried applications (自然人), all answered: balanced in-year."""
    values = {}
    for c in ("person", "total"):
        values.update({f"t3.carried.{c}": n, f"t3.open.{c}": n, f"t3.total.{c}": n,
                       f"t3.new.{c}": 0, f"t3.forward.{c}": 0})
    return values


def test_report2021_to_report2021_carries_结转_column_by_column():
    old = last_year()
    old.values = {**forward(person=3, legal=1, total=4), "t3.new.person": 9,
                  "t2.regulation.in_force": 12, "t4.review.total": 2}
    new, note = next_year_draft(old)
    assert note is None
    assert (new.edition, new.year, new.unit) == ("report2021", 2025, "某市某局")
    assert new.values == {"t3.carried.person": 3, "t3.carried.legal": 1, "t3.carried.total": 4}
    assert new.meta == {"filled_by": "张三", "phone": "0533-1234567",
                        "filled_on": datetime.date.today().isoformat()}  # not last year's date
    assert new.explanations == {}
    assert new.previous == PreviousYear("report2021", 2024, "某市某局", old.values)
    assert new.previous.values is not old.values  # later edits of last year's draft stay apart
    # what was carried satisfies the cross-year rule it came from
    assert not [f for f in new.findings() if f.rule == "R-CARRY"]


def test_blank_结转_stays_blank_and_zero_carries_as_zero():
    old = last_year()
    old.values = forward(person=0)
    new, _ = next_year_draft(old)
    assert new.values == {"t3.carried.person": 0}


def test_report2019_to_report2021_carries_only_上年结转():
    old = last_year("report2019", 2020)
    old.values = {**forward(business=2, total=2), "t2.license.last_year": 5,
                  "t2.license.change": 1, "t2.regulation.total": 30}
    new, note = next_year_draft(old)
    assert note is None
    assert new.edition == "report2021" and new.year == 2021
    assert new.values == {"t3.carried.business": 2, "t3.carried.total": 2}
    assert new.previous.edition == "report2019"
    # R21-STOCK cannot run from a report2019 draft (no 现行有效件数); R-CARRY can
    new.values["t2.normative.in_force"] = 3
    new.values["t3.carried.business"] = 1
    assert {f.rule for f in new.findings() if f.severity == "warning"} == {"R-CARRY"}


def test_report2019_to_report2019_carries_上一年项目数量():
    old = last_year("report2019", 2019)
    old.values = {"t2.license.last_year": 5, "t2.license.change": 2,
                  "t2.other_service.last_year": 4, "t2.other_service.change": -3,
                  "t2.penalty.change": 6,  # last_year blank: counts as 0
                  "t2.enforcement.last_year": 7,  # change blank: counts as 0
                  "t2.fee.last_year": 1, "t2.fee.change": -2,  # would be negative: left blank
                  "t2.license.decisions": 40, "t3.forward.person": 1}
    new, note = next_year_draft(old)
    assert note is None and new.edition == "report2019" and new.year == 2020
    assert new.values == {"t2.license.last_year": 7, "t2.other_service.last_year": 1,
                          "t2.penalty.last_year": 6, "t2.enforcement.last_year": 7,
                          "t3.carried.person": 1}
    assert list(new.values) == ["t2.license.last_year", "t2.other_service.last_year",
                                "t2.penalty.last_year", "t2.enforcement.last_year",
                                "t3.carried.person"]  # table order
    # last year's fee numbers cannot both be right (1 − 2 items): the rule says so
    assert [f.key for f in new.findings() if f.rule in ("R19-ITEMS", "R-CARRY")] == [
        "R19-ITEMS@t2.fee.last_year"]


def test_from_stat2014_nothing_carries_and_a_note_says_so():
    old = load_draft(ROOT / "resources" / "samples" / "sample2018.gkd")
    new, note = next_year_draft(old)
    assert new.edition == "report2019" and new.year == 2019
    assert new.values == {}
    assert new.unit == "淄博市公共资源交易中心"
    assert new.previous.edition == "stat2014" and new.previous.values == old.values
    assert note == ("2018年度草稿使用2014年版格式，没有可结转到2019年版格式的数据，上年结转等数据请手工填写")
    assert "\n" not in note


def test_the_clerk_may_choose_the_edition():
    old = last_year("report2021", 2024)
    old.values = forward(person=2)
    new, note = next_year_draft(old, "report2019")
    assert new.edition == "report2019" and new.values == {"t3.carried.person": 2}
    stat, note = next_year_draft(old, "stat2014")
    assert stat.values == {} and note is None  # stat2014 has nothing to carry into


def test_next_saves_and_reloads_with_previous_embedded(tmp_path):
    old = last_year("report2019", 2019)
    old.values = {"t2.procurement.amount": Decimal("12.5"), "t2.fee.change": -1,
                  "t3.forward.total": 3}
    new, _ = next_year_draft(old)
    save_draft(new, tmp_path / "n.gkd")
    again = load_draft(tmp_path / "n.gkd")
    assert again.previous == new.previous
    assert again.previous.values["t2.procurement.amount"] == Decimal("12.5")
    assert again.values == {"t3.carried.total": 3}


def test_year_limit():
    with pytest.raises(DraftError):
        next_year_draft(new_draft(2100, "report2021"))


# ---------------------------------------------------------------------------------- attach

def test_attach_previous_embeds_last_years_numbers():
    draft = new_draft(2025, "report2021")
    draft.values = carried(2)
    old = last_year()
    old.values = forward(person=3, total=2)
    assert draft.findings() == []
    attached = attach_previous(draft, old)
    assert draft.previous is attached and attached.year == 2024
    (finding,) = draft.findings()
    assert finding.key == "R-CARRY@t3.carried.person" and finding.severity == "warning"


@pytest.mark.parametrize("year", [2022, 2025, 2026])
def test_attach_previous_refuses_any_other_year(year):
    draft = new_draft(2025, "report2021")
    with pytest.raises(DraftError) as caught:
        attach_previous(draft, last_year(year=year))
    assert draft.previous is None
    assert str(caught.value) == (f"上年数据是 {year} 年度的，而本草稿是 2025 年度，"
                                 f"应使用 2024 年度的草稿")


def test_attach_previous_file(tmp_path):
    save_draft(last_year(), tmp_path / "2024.gkd")
    draft = new_draft(2025)
    attach_previous_file(draft, tmp_path / "2024.gkd")
    assert draft.previous.unit == "某市某局"
    with pytest.raises(DraftError, match="找不到文件"):
        attach_previous_file(draft, tmp_path / "nope.gkd")


# ---------------------------------------------------------------------------------- CLI

def gkdesk(*args, cwd=None):
    env = {**os.environ, "PYTHONIOENCODING": "cp936", "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "gkdesk", *map(str, args)], capture_output=True,
                          env=env, cwd=cwd, timeout=60)


def out(result):
    return result.stdout.decode("utf-8"), result.stderr.decode("utf-8")


def test_gkdesk_next_from_the_sample_writes_the_draft_and_says_nothing_carried(tmp_path):
    assert gkdesk("sample", "-o", tmp_path / "s.gkd").returncode == 0
    result = gkdesk("next", tmp_path / "s.gkd", "-o", tmp_path / "n.gkd")
    stdout, stderr = out(result)
    assert result.returncode == 0 and stderr == ""
    assert stdout.splitlines()[-1] == ("2018年度草稿使用2014年版格式，没有可结转到2019年版格式的数据，"
                                       "上年结转等数据请手工填写")
    data = json.loads((tmp_path / "n.gkd").read_text(encoding="utf-8"))
    assert (data["edition"], data["year"], data["values"]) == ("report2019", 2019, {})
    assert data["previous"]["year"] == 2018 and data["previous"]["values"]["1.1"] == 8405


def test_gkdesk_next_carries_and_refuses_to_overwrite(tmp_path):
    old = last_year()
    old.values = forward(person=3, total=3)
    save_draft(old, tmp_path / "2024.gkd")
    target = tmp_path / "2025.gkd"
    assert main(["next", str(tmp_path / "2024.gkd"), "-o", str(target)]) == 0
    new = load_draft(target)
    assert new.values == {"t3.carried.person": 3, "t3.carried.total": 3}
    assert new.previous.year == 2024 and new.meta["phone"] == "0533-1234567"
    target.write_text("mine", encoding="utf-8")
    result = gkdesk("next", tmp_path / "2024.gkd", "-o", target)
    assert result.returncode == 2 and "--force" in out(result)[1]
    assert target.read_text(encoding="utf-8") == "mine"
    assert gkdesk("next", tmp_path / "2024.gkd", "-o", target, "--force").returncode == 0
    assert load_draft(target).year == 2025


def test_gkdesk_next_with_an_unknown_edition(tmp_path):
    save_draft(last_year(), tmp_path / "2024.gkd")
    result = gkdesk("next", tmp_path / "2024.gkd", "--edition", "nope", "-o", tmp_path / "x.gkd")
    stdout, stderr = out(result)
    assert result.returncode == 2 and stdout == "" and "nope" in stderr
    assert len(stderr.strip().splitlines()) == 1
    assert not (tmp_path / "x.gkd").exists()


def write_pair(tmp_path, n=2, forward_=3, this_year=2025, last=2024):
    old = last_year(year=last)
    old.values = forward(person=forward_)
    save_draft(old, tmp_path / "last.gkd")
    draft = new_draft(this_year, "report2021", "某市某局")
    draft.values = carried(n)
    save_draft(draft, tmp_path / "this.gkd")
    return tmp_path / "this.gkd", tmp_path / "last.gkd"


def test_check_previous_runs_the_cross_year_rules_without_touching_the_file(tmp_path):
    this, last = write_pair(tmp_path)
    before = this.read_bytes()
    assert json.loads(out(gkdesk("check", this, "--json"))[0])["findings"] == []
    result = gkdesk("check", this, "--previous", last, "--json")
    assert result.returncode == 0  # warnings only
    findings = json.loads(out(result)[0])["findings"]
    # Last year's 结转下年度·总计 is blank: unknown, so that column's check is skipped.
    assert [f["key"] for f in findings] == ["R-CARRY@t3.carried.person"]
    assert findings[0]["message"] == ("上年结转政府信息公开申请数量·自然人（2）应等于 "
                                      "上年结转下年度继续办理·自然人（3），相差 1")
    assert this.read_bytes() == before


def test_check_uses_the_embedded_previous_and_previous_flag_wins(tmp_path):
    this, last = write_pair(tmp_path, n=3)
    draft = load_draft(this)
    other = last_year()
    other.values = forward(person=1, total=1)
    attach_previous(draft, other)
    save_draft(draft, this)
    embedded = json.loads(out(gkdesk("check", this, "--json"))[0])["findings"]
    assert [f["key"] for f in embedded] == ["R-CARRY@t3.carried.person",
                                           "R-CARRY@t3.carried.total"]
    # the file given with --previous (forward 3, no total) wins over the embedded one: person
    # agrees, and last year's blank total is unknown, not 0
    given = json.loads(out(gkdesk("check", this, "--previous", last, "--json"))[0])["findings"]
    assert [f["key"] for f in given] == []


@pytest.mark.parametrize("last", [2023, 2025])
def test_check_refuses_a_previous_draft_not_of_the_year_before(tmp_path, last):
    this, last_file = write_pair(tmp_path, last=last)
    result = gkdesk("check", this, "--previous", last_file)
    stdout, stderr = out(result)
    assert result.returncode == 2 and stdout == ""
    assert stderr.strip() == (f"gkdesk：上年数据是 {last} 年度的，而本草稿是 2025 年度，"
                              f"应使用 2024 年度的草稿")
    assert "Traceback" not in stderr


def test_r21_stock_skipped_on_the_command_line_from_a_report2019_previous(tmp_path):
    old = last_year("report2019", 2020)
    old.values = {"t2.regulation.total": 50, **forward(person=1, total=1)}
    save_draft(old, tmp_path / "2020.gkd")
    draft = Draft("report2021", 2021, "某市某局", {"t2.regulation.in_force": 7, **carried(1)})
    save_draft(draft, tmp_path / "2021.gkd")
    result = gkdesk("check", tmp_path / "2021.gkd", "--previous", tmp_path / "2020.gkd", "--json")
    assert result.returncode == 0
    assert json.loads(out(result)[0])["findings"] == []


def test_previous_note_when_last_years_draft_shares_no_cell():
    draft = new_draft(2019, "report2019")
    assert previous_note(draft) is None
    attach_previous(draft, load_draft(ROOT / "resources" / "samples" / "sample2018.gkd"))
    assert previous_note(draft) == ("2018年度草稿使用2014年版格式，与2019年版格式没有可对照的指标，"
                                    "不显示上年数，也不做跨年度校验")
    draft = new_draft(2021, "report2021")
    attach_previous(draft, last_year("report2019", 2020))
    assert previous_note(draft) is None  # t3 compares cell by cell
