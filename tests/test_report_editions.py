"""The report2019 and report2021 editions: the official tables character for character, their
layout as printed, and the default edition by year. Expected texts are transcribed from the
spec (../shared/spec/editions.md), full-width punctuation included."""
import pytest

from gkdesk.editions import default_edition_for, get_edition
from gkdesk.rules import check

T2_TITLE = "二、主动公开政府信息情况"
T3_TITLE = "三、收到和处理政府信息公开申请情况"
T4_TITLE = "四、政府信息公开行政复议、行政诉讼情况"
T3_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"

# (heading, rows [(id, label)], columns [(id, label, kind)])
T2_2021 = [
    ("第二十条第（一）项", [("regulation", "规章"), ("normative", "行政规范性文件")],
     [("issued", "本年制发件数", "count"), ("repealed", "本年废止件数", "count"),
      ("in_force", "现行有效件数", "count")]),
    ("第二十条第（五）项", [("license", "行政许可")],
     [("decisions", "本年处理决定数量", "count")]),
    ("第二十条第（六）项", [("penalty", "行政处罚"), ("enforcement", "行政强制")],
     [("decisions", "本年处理决定数量", "count")]),
    ("第二十条第（八）项", [("fee", "行政事业性收费")],
     [("amount", "本年收费金额（单位：万元）", "money")]),
]
ITEMS_COLUMNS = [("last_year", "上一年项目数量", "count"), ("change", "本年增/减", "signed"),
                 ("decisions", "处理决定数量", "count")]
T2_2019 = [
    ("第二十条第（一）项", [("regulation", "规章"), ("normative", "规范性文件")],
     [("made", "本年新制作数量", "count"), ("published", "本年新公开数量", "count"),
      ("total", "对外公开总数量", "count")]),
    ("第二十条第（五）项", [("license", "行政许可"), ("other_service", "其他对外管理服务事项")],
     ITEMS_COLUMNS),
    ("第二十条第（六）项", [("penalty", "行政处罚"), ("enforcement", "行政强制")], ITEMS_COLUMNS),
    ("第二十条第（八）项", [("fee", "行政事业性收费")], ITEMS_COLUMNS[:2]),
    ("第二十条第（九）项", [("procurement", "政府集中采购")],
     [("items", "采购项目数量", "count"), ("amount", "采购总金额", "money")]),
]

T3_COLUMNS = [("person", "自然人"), ("business", "商业企业"), ("research", "科研机构"),
              ("nonprofit", "社会公益组织"), ("legal", "法律服务机构"), ("org_other", "其他"),
              ("total", "总计")]
RESULTS = "三、本年度办理结果"
DENY = "（三）不予公开"
UNABLE = "（四）无法提供"
REJECT = "（五）不予处理"
OTHER = "（六）其他处理"
# (id, group labels left to right, own label)
T3_ROWS_HEAD = [
    ("new", [], "一、本年新收政府信息公开申请数量"),
    ("carried", [], "二、上年结转政府信息公开申请数量"),
    ("open", [RESULTS], "（一）予以公开"),
    ("partial", [RESULTS], "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"),
    ("deny.1", [RESULTS, DENY], "1.属于国家秘密"),
    ("deny.2", [RESULTS, DENY], "2.其他法律行政法规禁止公开"),
    ("deny.3", [RESULTS, DENY], "3.危及“三安全一稳定”"),
    ("deny.4", [RESULTS, DENY], "4.保护第三方合法权益"),
    ("deny.5", [RESULTS, DENY], "5.属于三类内部事务信息"),
    ("deny.6", [RESULTS, DENY], "6.属于四类过程性信息"),
    ("deny.7", [RESULTS, DENY], "7.属于行政执法案卷"),
    ("deny.8", [RESULTS, DENY], "8.属于行政查询事项"),
    ("unable.1", [RESULTS, UNABLE], "1.本机关不掌握相关政府信息"),
    ("unable.2", [RESULTS, UNABLE], "2.没有现成信息需要另行制作"),
    ("unable.3", [RESULTS, UNABLE], "3.补正后申请内容仍不明确"),
    ("reject.1", [RESULTS, REJECT], "1.信访举报投诉类申请"),
    ("reject.2", [RESULTS, REJECT], "2.重复申请"),
    ("reject.3", [RESULTS, REJECT], "3.要求提供公开出版物"),
    ("reject.4", [RESULTS, REJECT], "4.无正当理由大量反复申请"),
    ("reject.5", [RESULTS, REJECT], "5.要求行政机关确认或重新出具已获取信息"),
]
T3_ROWS_TAIL = [
    ("total", [RESULTS], "（七）总计"),
    ("forward", [], "四、结转下年度继续办理"),
]
T3_ROWS = {
    "report2019": T3_ROWS_HEAD + [("other", [RESULTS], "（六）其他处理")] + T3_ROWS_TAIL,
    "report2021": T3_ROWS_HEAD + [
        ("other.1", [RESULTS, OTHER], "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
        ("other.2", [RESULTS, OTHER], "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
        ("other.3", [RESULTS, OTHER], "3.其他"),
    ] + T3_ROWS_TAIL,
}
T4_BLOCKS = [("review", "行政复议"), ("suit_direct", "未经复议直接起诉"),
             ("suit_after", "复议后起诉")]
T4_COLUMNS = [("upheld", "结果维持"), ("corrected", "结果纠正"), ("other", "其他结果"),
              ("pending", "尚未审结"), ("total", "总计")]
T2 = {"report2019": T2_2019, "report2021": T2_2021}
EDITIONS = ["report2019", "report2021"]


def table(edition, table_id):
    return next(t for t in edition.tables if t.id == table_id)


def items(grid, role):
    return [i for i in grid.items if i.role == role]


def value_at(grid, cell_id):
    return next(i for i in grid.items if i.cell == cell_id)


def header_above(grid, item):
    """The lowest header box over a value box's first column."""
    above = [h for h in items(grid, "header")
             if h.col <= item.col < h.col + h.colspan and h.row < item.row]
    return max(above, key=lambda h: h.row + h.rowspan)


@pytest.mark.parametrize("edition_id", EDITIONS)
def test_tables_and_their_titles(edition_id):
    edition = get_edition(edition_id)
    assert [(t.id, t.title, t.layout) for t in edition.tables] == [
        ("t2", T2_TITLE, "matrix"), ("t3", T3_TITLE, "matrix"), ("t4", T4_TITLE, "matrix")]


@pytest.mark.parametrize("edition_id", EDITIONS)
def test_t2_blocks_headed_by_their_legal_basis(edition_id):
    edition = get_edition(edition_id)
    t2 = table(edition, "t2")
    grid = t2.grid
    expected_ids = [f"t2.{r}.{c}" for _, rows, cols in T2[edition_id] for r, _ in rows
                    for c, _, _ in cols]
    assert list(t2.cells) == expected_ids
    assert [h.text for h in items(grid, "heading")] == [h for h, _, _ in T2[edition_id]]
    assert all(h.colspan == grid.n_cols and h.col == 0 for h in items(grid, "heading"))
    assert [c.text for c in items(grid, "corner")] == ["信息内容"] * len(T2[edition_id])
    for _, rows, cols in T2[edition_id]:
        for r, row_label in rows:
            for c, col_label, kind in cols:
                cell_id = f"t2.{r}.{c}"
                cell = edition.cells[cell_id]
                assert cell.label == row_label
                assert cell.kind == kind
                assert header_above(grid, value_at(grid, cell_id)).text == col_label
                assert cell.name == f"{row_label}·{col_label.split('（')[0]}"
        # A block with fewer columns stretches its last value box to the table's width.
        last = value_at(grid, f"t2.{rows[0][0]}.{cols[-1][0]}")
        assert last.col + last.colspan == grid.n_cols


def test_procurement_amount_shows_its_unit_beside_the_value_and_under_the_table():
    t2 = table(get_edition("report2019"), "t2")
    assert value_at(t2.grid, "t2.procurement.amount").suffix == "万元"
    assert "采购总金额" in t2.note and "万元" in t2.note
    assert get_edition("report2019").cells["t2.procurement.amount"].unit == "万元"
    # the 2021 label already says 单位：万元, so nothing more is printed beside the value
    t2_2021 = table(get_edition("report2021"), "t2")
    assert value_at(t2_2021.grid, "t2.fee.amount").suffix == ""
    assert all(i.suffix == "" for i in t2_2021.grid.items)


@pytest.mark.parametrize("edition_id", EDITIONS)
def test_t3_columns_under_申请人情况_and_法人或其他组织(edition_id):
    grid = table(get_edition(edition_id), "t3").grid
    assert grid.label_cols == 3 and grid.header_rows == 3 and grid.n_cols == 10
    (corner,) = items(grid, "corner")
    assert (corner.text, corner.row, corner.col, corner.rowspan, corner.colspan) == \
        (T3_NOTE, 0, 0, 3, 3)
    headers = {(h.text, h.row, h.col, h.rowspan, h.colspan) for h in items(grid, "header")}
    assert headers == {
        ("申请人情况", 0, 3, 1, 7),
        ("自然人", 1, 3, 2, 1),
        ("法人或其他组织", 1, 4, 1, 5),
        ("商业企业", 2, 4, 1, 1), ("科研机构", 2, 5, 1, 1), ("社会公益组织", 2, 6, 1, 1),
        ("法律服务机构", 2, 7, 1, 1), ("其他", 2, 8, 1, 1),
        ("总计", 1, 9, 2, 1),
    }


@pytest.mark.parametrize("edition_id", EDITIONS)
def test_t3_rows_and_their_spanning_group_labels(edition_id):
    edition = get_edition(edition_id)
    t3 = table(edition, "t3")
    grid = t3.grid
    rows = T3_ROWS[edition_id]
    assert list(t3.cells) == [f"t3.{r}.{c}" for r, _, _ in rows for c, _ in T3_COLUMNS]
    for index, (row_id, groups, label) in enumerate(rows):
        line = grid.header_rows + index
        for c, col_label in T3_COLUMNS:
            cell = edition.cells[f"t3.{row_id}.{c}"]
            assert cell.label == label and cell.kind == "count"
            item = value_at(grid, cell.id)
            assert item.row == line
            assert header_above(grid, item).text == col_label
        own = next(i for i in items(grid, "label") if i.text == label and
                   i.row <= line < i.row + i.rowspan)
        assert own.col == len(groups)
        assert own.col + own.colspan == 3  # the label box reaches the value columns
    spans = {i.text: (i.row - grid.header_rows, i.rowspan, i.col) for i in items(grid, "label")
             if i.rowspan > 1}
    ids = [r for r, _, _ in rows]
    expected = {
        RESULTS: (ids.index("open"), ids.index("total") - ids.index("open") + 1, 0),
        DENY: (ids.index("deny.1"), 8, 1),
        UNABLE: (ids.index("unable.1"), 3, 1),
        REJECT: (ids.index("reject.1"), 5, 1),
    }
    if edition_id == "report2021":
        expected[OTHER] = (ids.index("other.1"), 3, 1)
    assert spans == expected
    assert not items(grid, "heading")  # no subtotal or heading rows: groups are spans


def test_t3_other_rows_differ_between_editions():
    assert "t3.other.person" in get_edition("report2019").cells
    assert "t3.other.1.person" not in get_edition("report2019").cells
    assert "t3.other.3.total" in get_edition("report2021").cells
    assert "t3.other.person" not in get_edition("report2021").cells


@pytest.mark.parametrize("edition_id", EDITIONS)
def test_t4_is_one_row_of_15_under_spanning_headings(edition_id):
    edition = get_edition(edition_id)
    t4 = table(edition, "t4")
    grid = t4.grid
    expected = [f"t4.{b}.{c}" for b, _ in T4_BLOCKS for c, _ in T4_COLUMNS]
    assert list(t4.cells) == expected
    assert grid.n_cols == 15 and grid.label_cols == 0 and grid.header_rows == 3
    assert {v.row for v in items(grid, "value")} == {3}
    assert [value_at(grid, c).col for c in expected] == list(range(15))
    headers = {(h.text, h.row, h.col, h.rowspan, h.colspan) for h in items(grid, "header")}
    assert ("行政复议", 0, 0, 1, 5) in headers
    assert ("行政诉讼", 0, 5, 1, 10) in headers
    assert ("未经复议直接起诉", 1, 5, 1, 5) in headers
    assert ("复议后起诉", 1, 10, 1, 5) in headers
    for b_index, (b, block_label) in enumerate(T4_BLOCKS):
        for c, col_label in T4_COLUMNS:
            item = value_at(grid, f"t4.{b}.{c}")
            assert header_above(grid, item).text == col_label
            assert edition.cells[item.cell].name == f"{block_label}·{col_label}"
    # 行政复议's own columns reach down to the values: two header lines tall
    assert {h.rowspan for h in items(grid, "header") if h.row == 1 and h.col < 5} == {2}


def test_spec_examples_of_cell_ids_and_names():
    edition = get_edition("report2021")
    assert edition.cells["t3.open.person"].name == "予以公开·自然人"
    assert edition.cells["t3.deny.1.person"].label == "1.属于国家秘密"
    assert "t4.suit_after.pending" in edition.cells
    assert len(edition.cells) == 200  # "about 200 cells"


@pytest.mark.parametrize("edition_id, kinds", [
    ("report2019", {"t2.license.change": "signed", "t2.fee.change": "signed",
                    "t2.procurement.amount": "money"}),
    ("report2021", {"t2.fee.amount": "money"}),
])
def test_only_本年增减_is_signed_and_only_the_money_columns_are_decimal(edition_id, kinds):
    edition = get_edition(edition_id)
    special = {c: cell.kind for c, cell in edition.cells.items() if cell.kind != "count"}
    expected = dict(kinds)
    if edition_id == "report2019":
        expected.update({f"t2.{r}.change": "signed" for r in
                         ("other_service", "penalty", "enforcement")})
    assert special == expected
    money = [c for c, k in special.items() if k == "money"]
    assert all(edition.cells[c].unit == "万元" for c in money)


@pytest.mark.parametrize("year, edition_id", [
    (2008, "stat2014"), (2014, "stat2014"), (2018, "stat2014"), (2019, "report2019"),
    (2020, "report2019"), (2021, "report2021"), (2025, "report2021"), (2099, "report2021"),
])
def test_default_edition_by_year(year, edition_id):
    assert default_edition_for(year).id == edition_id


@pytest.mark.parametrize("edition_id, year, message", [
    ("report2019", 2025, "2025年度的报告应使用2021年版格式"),
    ("report2021", 2020, "2020年度的报告应使用2019年版格式"),
    ("report2021", 2018, "2018年度的报告应使用2014年版格式"),
    ("stat2014", 2024, "2024年度的报告应使用2021年版格式"),
])
def test_edition_year_warning(edition_id, year, message):
    findings = check(get_edition(edition_id), year, {})
    assert [(f.rule, f.severity, f.message) for f in findings] == [
        ("EDITION-YEAR", "warning", message)]


@pytest.mark.parametrize("edition_id, year", [("report2019", 2019), ("report2019", 2020),
                                              ("report2021", 2021), ("report2021", 2026)])
def test_no_edition_year_warning_for_the_serving_edition(edition_id, year):
    assert check(get_edition(edition_id), year, {}) == []


def test_short_names_and_titles():
    assert get_edition("report2019").short == "2019年版"
    assert get_edition("report2021").short == "2021年版"
    assert get_edition("report2021").title_for(2025) == "2025年政府信息公开工作年度报告统计表"
