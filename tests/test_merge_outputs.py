"""gkdesk merge on the command line, and what it writes: the total, the --table workbook, the
--long CSV, --json; exit codes 0/1/2."""
from __future__ import annotations

import csv
import io
import json
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from gkdesk.cli import main
from gkdesk.consolidation.workbook import DETAIL_SHEET
from gkdesk.draft import load_draft
from gkdesk.editions import get_edition
from merge_support import sample, write_unit


@pytest.fixture
def city(tmp_path):
    """Three units of the seed's table: one with the seed's error, one with a blank and money."""
    units = tmp_path / "units"
    base = sample()
    write_unit(units / "1.gkd", "甲局", {}, base=base)
    write_unit(units / "2.gkd", "乙局", {"3.2.1": 1, "8.5": Decimal("0.25"), "9.3": None}, base=base)
    write_unit(units / "3.gkd", "丙局", {"3.2.1": 1, "9.3": None}, base=base)
    return tmp_path


def run(capsys, *args):
    code = main(["merge", *map(str, args)])
    out, err = capsys.readouterr()
    return code, out, err


def test_merge_writes_the_total_and_reports_exit_1_on_unit_errors(city, capsys):
    code, out, err = run(capsys, city / "units", "-o", city / "t.gkd", "--unit", "某市")
    assert code == 1 and err == ""
    total = load_draft(city / "t.gkd")
    assert total.unit == "某市" and total.values["3.2"] == 3 and total.values["3.2.1"] == 2
    assert "已汇总 3 个单位" in out
    assert "涉及单位：甲局（+1）" in out


def test_exit_0_when_everything_merged_and_clean(city, capsys):
    code, _, _ = run(capsys, city / "units" / "2.gkd", city / "units" / "3.gkd",
                     "-o", city / "t.gkd")
    assert code == 0


def test_exit_2_when_nothing_can_be_merged_and_no_total_written(tmp_path, capsys):
    (tmp_path / "a.gkd").write_text("x", encoding="utf-8")
    code, out, err = run(capsys, tmp_path, "-o", tmp_path / "t.gkd")
    assert code == 2 and out == "" and not (tmp_path / "t.gkd").exists()
    assert err.startswith("gkdesk：没有可汇总的报表") and err.count("\n") == 1


@pytest.mark.parametrize("extra, words", [
    (["-o", "t.xlsx"], ".gkd 结尾"),
    (["-o", "t.gkd", "--table", "b.csv"], ".xlsx 结尾"),
    (["-o", "t.gkd", "--roster", "missing.txt"], "找不到"),
    (["-o", "nofolder/t.gkd"], "文件夹不存在"),
])
def test_exit_2_on_wrong_arguments(city, capsys, monkeypatch, extra, words):
    monkeypatch.chdir(city)
    code, _, err = run(capsys, "units", *extra)
    assert code == 2 and words in err and err.count("\n") == 1


def test_existing_output_needs_force(city, capsys):
    (city / "t.gkd").write_text("old", encoding="utf-8")
    code, _, err = run(capsys, city / "units", "-o", city / "t.gkd")
    assert code == 2 and "--force" in err
    code, _, _ = run(capsys, city / "units", "-o", city / "t.gkd", "--force")
    assert code == 1 and load_draft(city / "t.gkd").values["1.1"] == 3 * 8405


def test_own_outputs_in_the_input_folder_are_not_merged(city, capsys):
    out = city / "units" / "total.gkd"
    run(capsys, city / "units", "-o", out)
    code, _, _ = run(capsys, city / "units", "-o", out, "--force", "--json")
    assert load_draft(out).values["1.1"] == 3 * 8405  # not 4×: the old total was skipped


def test_json_output(city, capsys):
    roster = city / "roster.txt"
    roster.write_text("甲局\n乙局\n丁局\n", encoding="utf-8")
    code, out, _ = run(capsys, city / "units", "-o", city / "t.gkd", "--json", "--roster", roster)
    payload = json.loads(out)
    assert code == 1
    assert (payload["edition"], payload["year"], payload["unit"]) == ("stat2014", 2018, "汇总")
    assert payload["missing"] == ["丁局"] and payload["outside_roster"] == ["丙局"]
    assert [u["unit"] for u in payload["units"]] == ["甲局", "乙局", "丙局"]
    assert payload["units"][0]["file"] == str(city / "units" / "1.gkd")
    (closed,) = payload["findings"]
    assert closed["key"] == "S14-SUM-CLOSED@3.2"
    assert closed["units"] == [{"unit": "甲局", "difference": 1}]
    assert load_draft(city / "t.gkd").extra["consolidation"]["missing"] == ["丁局"]


def test_long_csv_has_bom_and_one_row_per_non_blank_value_total_included(city, capsys):
    run(capsys, city / "units", "-o", city / "t.gkd", "--long", city / "d.csv")
    raw = (city / "d.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0] == ["unit", "year", "edition", "cell", "label", "value"]
    units = [r[0] for r in rows[1:]]
    assert list(dict.fromkeys(units)) == ["甲局", "乙局", "丙局", "汇总"]
    per_unit = {u: {r[3]: r for r in rows[1:] if r[0] == u} for u in set(units)}
    assert "9.3" not in per_unit["乙局"]  # blank: no row
    assert per_unit["乙局"]["8.5"][5] == "0.25"
    assert per_unit["汇总"]["8.5"][5] == str(Decimal("2.6") * 2 + Decimal("0.25"))
    assert per_unit["汇总"]["3.2"] == ["汇总", "2018", "stat2014", "3.2", "申请办结数", "3"]
    seed = load_draft(city / "units" / "1.gkd")
    assert per_unit["汇总"]["9.3"][5] == str(seed.values["9.3"])  # only 甲局 filled it
    assert len(per_unit["甲局"]) == len(seed.values)


def test_table_workbook_sheets_detail_total_row_and_blanks(city, capsys):
    roster = city / "roster.txt"
    roster.write_text("甲局\n乙局\n丙局\n丁局\n", encoding="utf-8")
    run(capsys, city / "units", "-o", city / "t.gkd", "--table", city / "b.xlsx",
        "--roster", roster)
    book = load_workbook(city / "b.xlsx")
    assert book.sheetnames == ["统计表", DETAIL_SHEET, "校验结果", "未报送"]
    detail = book[DETAIL_SHEET]
    edition = get_edition("stat2014")
    cells = list(edition.cells.values())
    header_rows = 3  # table title, then the name's parts (行政复议 · 维持具体行政行为数)
    names = [detail.cell(header_rows + r, 1).value for r in range(1, 5)]
    assert names == ["甲局", "乙局", "丙局", "合计"]
    total = load_draft(city / "t.gkd").values
    by_id = {c.id: col for col, c in enumerate(cells, start=2)}
    for cell in cells:
        got = detail.cell(header_rows + 4, by_id[cell.id]).value
        want = total.get(cell.id)
        assert (got if got is None else Decimal(str(got))) == want, cell.id
    assert detail.cell(header_rows + 2, by_id["9.3"]).value is None  # 乙局's blank stays blank
    assert detail.cell(2, by_id["1.1"]).value == "主动公开政府信息数"
    assert detail.cell(2, by_id["4.1"]).value == "行政复议"
    assert detail.cell(3, by_id["4.1"]).value == "维持具体行政行为数"
    assert detail.freeze_panes == "B4"
    assert detail.page_setup.orientation == "landscape"
    assert detail.print_title_rows == "$1:$3"
    # the total's table sheet is the exported one: the seed's layout with the summed numbers
    assert any(c.value == 3 * 8405 for row in book["统计表"].iter_rows() for c in row)
    findings = [r for r in book["校验结果"].iter_rows(min_row=3, values_only=True)]
    assert ("1", "汇总", "错误") == findings[0][:3] and "甲局（+1）" in findings[0][3]
    assert findings[1][1:3] == ("甲局", "错误")
    missing = [r for r in book["未报送"].iter_rows(min_row=3, values_only=True)]
    assert missing == [("1", "丁局", "未报送")]


def test_the_table_workbook_reads_back_as_the_total(city, capsys):
    from gkdesk.exporting.xlsx import read_xlsx

    run(capsys, city / "units", "-o", city / "t.gkd", "--table", city / "b.xlsx")
    assert read_xlsx(city / "b.xlsx").values == load_draft(city / "t.gkd").values


def test_an_xlsx_roster_among_the_units_is_not_read_as_a_unit(city, capsys):
    from openpyxl import Workbook

    book = Workbook()
    for name in ("甲局", "乙局", "丙局"):
        book.active.append([name])
    book.save(city / "units" / "名单.xlsx")
    code, out, _ = run(capsys, city / "units", "-o", city / "t.gkd", "--json",
                       "--roster", city / "units" / "名单.xlsx")
    payload = json.loads(out)
    assert payload["refused"] == [] and payload["missing"] == [] and len(payload["units"]) == 3
