"""gkdesk merge, the core: what is taken and refused, the exact sums, findings naming units."""
from __future__ import annotations

import json
from decimal import Decimal

import pytest

from gkdesk.consolidation.merging import merge_paths
from gkdesk.consolidation.roster import RosterError, read_roster
from gkdesk.draft import load_draft, save_draft
from merge_support import sample, write_unit


def test_sums_cells_and_keeps_blank_only_where_every_unit_is_blank(tmp_path):
    write_unit(tmp_path / "a.gkd", "甲", {"1.1": 5, "3.1": 2, "3.1.3": 2})
    write_unit(tmp_path / "b.gkd", "乙", {"1.1": 7, "3.1": None, "9.1": 0})
    result = merge_paths([tmp_path])
    total = result.total.values
    assert total["1.1"] == 12
    assert total["3.1"] == 2  # one unit blank, the other 2: the sum of the non-blank
    assert total["9.1"] == 0  # a 0 is not a blank
    assert "9.2" not in total  # blank in every unit: blank in the total
    assert [u.unit for u in result.merged] == ["甲", "乙"]
    assert result.exit_code() == 0


def test_money_is_summed_exactly_as_decimal(tmp_path):
    for i, amount in enumerate(["0.1", "0.2", "1234567.0001"]):
        write_unit(tmp_path / f"{i}.gkd", f"单位{i}", {"8.5": Decimal(amount)})
    result = merge_paths([tmp_path], unit="全市")
    assert result.total.values["8.5"] == Decimal("1234567.3001")
    assert isinstance(result.total.values["8.5"], Decimal)
    out = tmp_path / "out" / "total.gkd"
    out.parent.mkdir()
    save_draft(result.total, out)
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["values"]["8.5"] == "1234567.3001" and data["unit"] == "全市"


def test_folders_are_searched_recursively_in_sorted_path_order(tmp_path):
    write_unit(tmp_path / "z" / "deep" / "1.gkd", "丙", {"1.1": 1})
    write_unit(tmp_path / "a.gkd", "甲", {"1.1": 1})
    write_unit(tmp_path / "m" / "2.gkd", "乙", {"1.1": 1})
    result = merge_paths([tmp_path])
    assert [u.unit for u in result.merged] == ["甲", "乙", "丙"]
    assert result.total.values["1.1"] == 3


def test_first_readable_input_fixes_edition_and_year_others_refused(tmp_path):
    (tmp_path / "0 broken.gkd").write_text("{not json", encoding="utf-8")
    write_unit(tmp_path / "1.gkd", "甲", {"1.1": 1})
    write_unit(tmp_path / "2.gkd", "乙", {"1.1": 2}, year=2017)
    write_unit(tmp_path / "3.gkd", "丙", {"t3.new.person": 1}, edition="report2021", year=2018)
    result = merge_paths([tmp_path])
    assert (result.edition, result.year) == ("stat2014", 2018)
    reasons = {r.file.rsplit("/", 1)[-1]: r.reason for r in result.refused}
    assert set(reasons) == {"0 broken.gkd", "2.gkd", "3.gkd"}
    assert "格式错误" in reasons["0 broken.gkd"]
    assert "2017" in reasons["2.gkd"] and "2018" in reasons["2.gkd"]
    assert "2021" in reasons["3.gkd"] and "2014" in reasons["3.gkd"]
    assert result.total.values == {"1.1": 1}
    assert result.exit_code() == 1


def test_edition_and_year_given_win_over_the_first_input(tmp_path):
    write_unit(tmp_path / "1.gkd", "甲", {"1.1": 1}, year=2017)
    write_unit(tmp_path / "2.gkd", "乙", {"1.1": 2})
    result = merge_paths([tmp_path], year=2018)
    assert result.year == 2018 and [u.unit for u in result.merged] == ["乙"]
    assert len(result.refused) == 1 and "2017" in result.refused[0].reason


def test_duplicate_unit_newest_file_wins_the_other_refused(tmp_path):
    old = write_unit(tmp_path / "a-first.gkd", "淄博 市局", {"1.1": 1}, mtime=1_700_000_000)
    new = write_unit(tmp_path / "b-corrected.gkd", "淄博市局", {"1.1": 5}, mtime=1_700_000_900)
    result = merge_paths([tmp_path])
    assert [u.file for u in result.merged] == [str(new)]
    (refusal,) = result.refused
    assert refusal.file == str(old) and refusal.reason == f"重复：已采用 {new}"
    assert result.total.values["1.1"] == 5


def test_a_file_without_a_unit_is_named_by_its_file_name(tmp_path):
    write_unit(tmp_path / "交通局.gkd", "", {"1.1": 1}, mtime=1_700_000_000)
    write_unit(tmp_path / "sub" / "交通局.gkd", "", {"1.1": 2}, mtime=1_700_000_500)
    result = merge_paths([tmp_path])
    assert [u.unit for u in result.merged] == ["交通局"]
    assert result.refused[0].reason.startswith("重复：已采用 ")


def test_lock_files_unknown_kinds_and_own_outputs_are_skipped_not_refused(tmp_path):
    write_unit(tmp_path / "a.gkd", "甲", {"1.1": 1})
    (tmp_path / "~$a.xlsx").write_bytes(b"lock")
    (tmp_path / "~$b.gkd").write_bytes(b"lock")
    (tmp_path / "readme.txt").write_text("x", encoding="utf-8")
    (tmp_path / "a.gkd.bak").write_text("x", encoding="utf-8")
    own = write_unit(tmp_path / "total.gkd", "汇总", {"1.1": 100})
    result = merge_paths([tmp_path], own_outputs=[own])
    assert [u.unit for u in result.merged] == ["甲"] and result.refused == []
    assert result.exit_code() == 0


def test_a_named_file_that_does_not_exist_is_refused(tmp_path):
    write_unit(tmp_path / "a.gkd", "甲", {"1.1": 1})
    result = merge_paths([tmp_path / "a.gkd", tmp_path / "gone.gkd"])
    assert [r.reason for r in result.refused] == ["文件不存在"]


def test_nothing_readable_gives_no_total(tmp_path):
    (tmp_path / "x.gkd").write_text("nope", encoding="utf-8")
    result = merge_paths([tmp_path])
    assert result.total is None and result.exit_code() == 2


def test_the_total_carries_its_record_and_can_be_merged_again(tmp_path):
    district = tmp_path / "district"
    write_unit(district / "a.gkd", "甲", {"1.1": 1, "8.5": Decimal("0.5")})
    write_unit(district / "b.gkd", "乙", {"1.1": 2})
    result = merge_paths([district], unit="东区")
    city = tmp_path / "city"
    city.mkdir()
    save_draft(result.total, city / "east.gkd")
    record = json.loads((city / "east.gkd").read_text(encoding="utf-8"))["consolidation"]
    assert record == {
        "units": [{"unit": "甲", "file": str(district / "a.gkd"), "errors": 0, "warnings": 0},
                  {"unit": "乙", "file": str(district / "b.gkd"), "errors": 0, "warnings": 0}],
        "refused": [], "missing": [], "outside_roster": []}
    assert "consolidation" in load_draft(city / "east.gkd").extra  # kept by the reader
    write_unit(city / "west.gkd", "西区", {"1.1": 10})
    again = merge_paths([city], unit="全市")
    assert [u.unit for u in again.merged] == ["东区", "西区"]
    assert again.total.values == {"1.1": 13, "8.5": Decimal("0.5")}
    assert again.total.meta["filled_on"]  # as for a new draft: dated today


def test_findings_on_the_total_name_the_units_with_their_signed_differences(tmp_path):
    base = sample()  # the seed: 申请办结数 1 but 按时办结数 0 + 延期办结数 0
    write_unit(tmp_path / "1.gkd", "甲", {}, base=base)
    write_unit(tmp_path / "2.gkd", "乙", {"3.2": 0, "3.2.1": 2}, base=base)  # 0 − 2 = −2
    write_unit(tmp_path / "3.gkd", "丙", {"3.2.1": 1}, base=base)  # balanced
    result = merge_paths([tmp_path])
    payload = result.as_json()
    (closed,) = [f for f in payload["findings"] if f["key"] == "S14-SUM-CLOSED@3.2"]
    assert closed["units"] == [{"unit": "甲", "difference": 1}, {"unit": "乙", "difference": -2}]
    assert closed["message"].startswith("申请办结数（2）应等于 按时办结数 + 延期办结数（3 + 0 = 3）")
    assert [(u["unit"], u["errors"]) for u in payload["units"]] == [("甲", 1), ("乙", 1), ("丙", 0)]
    assert result.exit_code() == 1


def test_each_unit_is_checked_with_its_embedded_previous_year(tmp_path):
    from gkdesk.draft import Draft
    from gkdesk.rules import PreviousYear

    persons = {"t3.carried.person": 3, "t3.carried.total": 3}
    for name, forward in (("甲", 3), ("乙", 1)):
        draft = Draft("report2021", 2025, name, dict(persons))
        draft.previous = PreviousYear("report2021", 2024, name,
                                      {"t3.forward.person": forward, "t3.forward.total": forward})
        save_draft(draft, tmp_path / f"{name}.gkd")
    result = merge_paths([tmp_path])
    by_unit = {u.unit: u for u in result.merged}
    assert by_unit["甲"].warnings == 0
    carry = [f for f in by_unit["乙"].findings if f.key.startswith("R-CARRY")]
    assert {f.difference for f in carry} == {2}  # 本年上年结转 3 − 上年结转下年度 1


def test_the_json_has_the_contract_shape(tmp_path):
    write_unit(tmp_path / "a.gkd", "甲", {"1.1": 1})
    payload = merge_paths([tmp_path], roster=["甲", "乙"]).as_json()
    assert set(payload) == {"edition", "year", "unit", "findings", "units", "refused", "missing",
                            "outside_roster"}
    assert payload["unit"] == "汇总" and payload["missing"] == ["乙"]


def test_roster_text_gives_missing_and_outside(tmp_path):
    write_unit(tmp_path / "in" / "a.gkd", " 甲 局", {"1.1": 1})
    write_unit(tmp_path / "in" / "b.gkd", "外来单位", {"1.1": 1})
    roster_file = tmp_path / "名单.txt"
    roster_file.write_text("单位名称\n甲局\n\n乙局\n", encoding="utf-8")
    roster = read_roster(roster_file)
    assert roster == ["甲局", "乙局"]
    result = merge_paths([tmp_path / "in"], roster=roster)
    assert result.missing == ["乙局"] and result.outside_roster == ["外来单位"]
    assert result.total.values["1.1"] == 2  # 名单外 is merged
    assert result.exit_code() == 1  # someone did not report


def test_roster_in_gbk_text(tmp_path):
    path = tmp_path / "r.txt"
    path.write_bytes("甲局\r\n乙局\r\n".encode("gbk"))
    assert read_roster(path) == ["甲局", "乙局"]


def test_roster_xlsx_first_column(tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    for row in (["单位", "联系人"], ["甲局", "张三"], [None, "x"], ["乙局", "李四"]):
        sheet.append(row)
    book.save(tmp_path / "r.xlsx")
    assert read_roster(tmp_path / "r.xlsx") == ["甲局", "乙局"]


def test_a_roster_that_is_not_a_workbook_is_refused_in_words(tmp_path):
    (tmp_path / "r.xlsx").write_bytes(b"not a zip")
    with pytest.raises(RosterError, match="名单“r.xlsx”不是"):
        read_roster(tmp_path / "r.xlsx")


def test_mixed_formats_a_gkdesk_workbook_merges_with_drafts(tmp_path):
    from gkdesk.draft import Draft
    from gkdesk.exporting.xlsx import write_xlsx

    write_unit(tmp_path / "a.gkd", "甲", {"1.1": 1, "8.5": Decimal("0.5")})
    write_xlsx(Draft("stat2014", 2018, "乙", {"1.1": 2, "8.5": Decimal("0.25")}),
               tmp_path / "b.xlsx")
    result = merge_paths([tmp_path])
    assert [u.unit for u in result.merged] == ["甲", "乙"] and result.refused == []
    assert result.total.values == {"1.1": 3, "8.5": Decimal("0.75")}


def test_progress_is_reported_and_a_cancel_stops_the_merge(tmp_path, monkeypatch):
    from gkdesk.consolidation import reading_pool

    monkeypatch.setattr(reading_pool, "CHUNK_WEIGHT", 5)  # progress every 5 drafts

    for i in range(30):
        write_unit(tmp_path / f"{i:02d}.gkd", f"单位{i}", {"1.1": i})
    seen = []
    with pytest.raises(reading_pool.MergeCancelled):
        merge_paths([tmp_path], progress=lambda done, total: seen.append((done, total)),
                    cancelled=lambda: len(seen) >= 1)
    assert seen and seen[0][1] == 30 and seen[-1][0] < 30
    seen.clear()
    merge_paths([tmp_path], progress=lambda done, total: seen.append((done, total)))
    assert seen[-1] == (30, 30)


def test_the_process_pool_gives_the_same_merge_as_one_process(tmp_path, monkeypatch):
    from gkdesk.consolidation import reading_pool

    base = sample()
    for i in range(24):
        write_unit(tmp_path / f"{i:02d}.gkd", f"单位{i}", {"3.2.1": i % 3, "8.5": Decimal(i) / 8},
                   base=base)
    (tmp_path / "broken.gkd").write_text("{", encoding="utf-8")
    here = merge_paths([tmp_path], workers=1)
    monkeypatch.setattr(reading_pool, "POOL_FROM", 0)
    monkeypatch.setattr(reading_pool, "CHUNK_WEIGHT", 5)
    pooled = merge_paths([tmp_path], workers=2)
    assert pooled.as_json() == here.as_json()
    assert pooled.total.values == here.total.values
    assert [u.values for u in pooled.merged] == [u.values for u in here.merged]


def test_a_city_folder_in_mixed_formats_merges_with_a_roster(tmp_path):
    """The seed's published page (.html), a gkdesk workbook and drafts in one folder; a Word
    97 file of no readable kind is skipped, not refused."""
    pytest.importorskip("gkdesk.intake")
    from intake_support import seed_page  # the intake tests' own pages

    from gkdesk.draft import Draft
    from gkdesk.exporting.xlsx import write_xlsx

    folder = tmp_path / "city"
    folder.mkdir()
    (folder / "交易中心.html").write_bytes(seed_page())
    base = sample()
    write_xlsx(Draft("stat2014", 2018, "分中心一", {**base.values, "3.2.1": 1}),
               folder / "分中心一.xlsx")
    write_unit(folder / "二" / "分中心二.gkd", "分中心二", {"3.2.1": 1}, base=base)
    (folder / "分中心三.doc").write_bytes(b"\xd0\xcf\x11\xe0 old word file")
    result = merge_paths([folder], roster=["淄博市公共资源交易中心", "分中心一", "分中心二", "分中心三"])
    # sorted path order: 二/… (U+4E8C), 交易中心.html (U+4EA4), 分中心一.xlsx (U+5206)
    assert [u.unit for u in result.merged] == ["分中心二", "淄博市公共资源交易中心", "分中心一"]
    assert result.refused == [] and result.missing == ["分中心三"]
    assert result.total.values["1.1"] == 3 * 8405
    (closed,) = [f for f in result.findings if f.finding.key == "S14-SUM-CLOSED@3.2"]
    assert [(a.unit, a.difference) for a in closed.units] == [("淄博市公共资源交易中心", 1)]


def test_a_document_naming_no_year_takes_the_merges_year(tmp_path):
    pytest.importorskip("gkdesk.intake")
    from intake_support import seed_page

    page = seed_page().decode("gb18030").replace("2018", "").encode("gb18030")
    (tmp_path / "交易中心.html").write_bytes(page)
    write_unit(tmp_path / "b.gkd", "乙", {"1.1": 1})
    without = merge_paths([tmp_path])
    assert [u.unit for u in without.merged] == ["乙"] and len(without.refused) == 1
    assert "年度" in without.refused[0].reason
    given = merge_paths([tmp_path], year=2018)
    assert len(given.merged) == 2 and given.refused == []
    assert given.total.values["1.1"] == 8405 + 1
