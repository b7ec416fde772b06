"""The stat2014 edition reproduces the spec's table; malformed edition files fail at load."""
import re
from pathlib import Path

import pytest

from gkdesk.edition_files import short_name
from gkdesk.editions import EditionError, get_edition, load_edition_file

SPEC = Path(__file__).resolve().parents[2] / "shared" / "spec" / "editions.md"
STAT2014_ROW = re.compile(r"^\| ([0-9][0-9a-z.]*)( \(H\))? \| (.+?) \|\s*(.*?)\s*\|$")


def spec_stat2014_rows():
    """(id, heading?, label, unit) for every row of the spec's stat2014 table."""
    text = SPEC.read_text(encoding="utf-8")
    section = text.split("## Edition `stat2014`")[1].split("Rules (error")[0]
    rows = []
    for line in section.splitlines():
        match = STAT2014_ROW.match(line.strip())
        if match:
            rows.append((match[1], bool(match[2]), match[3], match[4]))
    return rows


@pytest.mark.skipif(not SPEC.exists(), reason="the shared spec is beside the checkout in CI")
def test_stat2014_rows_equal_the_spec_character_for_character():
    edition = get_edition("stat2014")
    (table,) = edition.tables
    grid_rows = {}
    for item in table.grid.items:
        grid_rows.setdefault(item.row, {})[item.role] = item
    ours = []
    for row in sorted(grid_rows)[1:]:
        boxes = grid_rows[row]
        heading = "heading" in boxes
        label_box = boxes["heading"] if heading else boxes["label"]
        cell_id = None if heading else boxes["value"].cell
        ours.append((cell_id, heading, label_box.text, boxes["unit"].text))
    spec = spec_stat2014_rows()
    assert len(spec) == 71  # 64 cells and 7 heading rows
    assert [(None if h else i, h, label, unit) for i, h, label, unit in spec] == ours
    assert edition.headings == {i for i, h, _, _ in spec if h}


def test_stat2014_header_and_title():
    edition = get_edition("stat2014")
    grid = edition.tables[0].grid
    assert [grid.item_at(0, c).text for c in range(3)] == ["统计指标", "单位", "统计数"]
    assert edition.title_for(2018) == "2018年度政府信息公开工作情况统计表"
    assert edition.subtitle == "（市政府各部门、各有关单位、各高等院校）"
    assert edition.cells["8.5"].kind == "money"
    assert {c.kind for i, c in edition.cells.items() if i != "8.5"} == {"count"}


@pytest.mark.parametrize("label, name", [
    ("（二）申请办结数", "申请办结数"),
    ("1.按时办结数", "按时办结数"),
    ("其中：主动公开规范性文件数", "主动公开规范性文件数"),
    ("（一）主动公开政府信息数（不同渠道和方式公开相同信息计1条）", "主动公开政府信息数"),
    ("四、行政复议数量", "行政复议数量"),
])
def test_messages_name_rows_without_their_numbering(label, name):
    assert short_name(label) == name


GOOD = '''
id = "{id}"
name = "测试"
years = {{ last = 2018 }}
title = "{{year}}年度表"
[[tables]]
id = "main"
title = "表"
layout = "list"
headers = ["统计指标", "单位", "统计数"]
rows = [
  {{ id = "1", label = "一、合计", unit = "件" }},
  {{ id = "1.1", label = "（一）分项", unit = "件", level = 1 }},
  {rows}
]
[[rules]]
id = "R"
kind = "equal"
severity = "error"
left = ["1"]
right = [{right}]
'''


def write_edition(tmp_path, rows="", right='"1.1"', edition_id="variant"):
    path = tmp_path / f"{edition_id}.toml"
    path.write_text(GOOD.format(id=edition_id, rows=rows, right=right), encoding="utf-8")
    return path


def test_a_province_variant_is_only_a_new_file(tmp_path):
    edition = load_edition_file(write_edition(tmp_path))
    assert list(edition.cells) == ["1", "1.1"]
    assert [r.key for r in edition.rules] == ["R@1"]


@pytest.mark.parametrize("rows, right, words", [
    ('{ id = "1.2", unit = "件" },', '"1.1"', ["variant.toml", "label"]),
    ('{ id = "1.1", label = "重复", unit = "件" },', '"1.1"', ["variant.toml", "1.1", "twice"]),
    ('{ id = "1.2", label = "x", kind = "percent" },', '"1.1"', ["variant.toml", "1.2", "kind"]),
    ("", '"9.9"', ["variant.toml", "9.9"]),
])
def test_a_malformed_edition_names_the_file_and_the_row(tmp_path, rows, right, words):
    with pytest.raises(EditionError) as info:
        load_edition_file(write_edition(tmp_path, rows, right))
    for word in words:
        assert word in str(info.value)


def test_an_edition_that_is_not_toml_is_refused(tmp_path):
    path = tmp_path / "broken.toml"
    path.write_text("id = [", encoding="utf-8")
    with pytest.raises(EditionError, match="broken.toml"):
        load_edition_file(path)


def test_a_cached_edition_equals_a_fresh_build(tmp_path):
    path = write_edition(tmp_path)
    first = load_edition_file(path)
    assert list((tmp_path / "gkdesk-data" / "cache").glob("edition-*.pickle"))
    assert load_edition_file(path) == first


def test_an_edited_edition_file_is_never_served_stale_from_the_cache(tmp_path):
    path = write_edition(tmp_path)
    load_edition_file(path)
    path.write_text(path.read_text(encoding="utf-8").replace("（一）分项", "（一）改过的分项"),
                    encoding="utf-8")
    assert load_edition_file(path).cells["1.1"].label == "（一）改过的分项"


def test_a_damaged_cache_is_ignored(tmp_path):
    path = write_edition(tmp_path)
    expected = load_edition_file(path)
    for cached in (tmp_path / "gkdesk-data" / "cache").glob("edition-*.pickle"):
        cached.write_bytes(b"garbage")
    assert load_edition_file(path) == expected
