"""Published report pages read by their labels: the seed's own page (stat2014), a 2021 report page
with the quirks of real ones, pages with no statistics table, and hostile pages."""
import json
from decimal import Decimal

import pytest

from intake_support import (expected_values, half_width, html_table, seed_page, table_rows)
from gkdesk.editions import get_edition
from gkdesk.intake import IntakeError, read_document
from gkdesk.numbers import format_value

ROOT = __import__("pathlib").Path(__file__).resolve().parents[1]


def texts_of(values):
    return {k: format_value(v) for k, v in values.items()}


def report_page(edition_id, values_text, title, tables=("t2", "t3", "t4"), relabel=lambda t: t,
                encoding="utf-8", charset="utf-8", between=""):
    edition = get_edition(edition_id)
    parts = []
    for table in edition.tables:
        if table.id in tables:
            parts.append(f"<p>{table.title}</p>" + html_table(table_rows(table, values_text, relabel)))
    meta = f'<meta charset="{charset}">' if charset else ""
    page = (f"<html><head>{meta}<title>{title}</title></head><body>"
            f"<div class='title'>{title}</div><p>发布日期：2022-01-20</p>"
            f"<p>一、总体情况</p><p>2021年，本机关认真贯彻《条例》……</p>{between}"
            + "".join(parts) + "<p>五、存在的主要问题及改进情况</p></body></html>")
    return page.encode(encoding)


def write(tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_seed_page_gives_the_sample_draft(tmp_path):
    result = read_document(write(tmp_path, "report.html", seed_page()))
    sample = json.loads((ROOT / "resources/samples/sample2018.gkd").read_text(encoding="utf-8"))
    assert result.source == "html"
    assert (result.draft.edition, result.draft.year, result.draft.unit) == \
        ("stat2014", 2018, "淄博市公共资源交易中心")
    assert texts_of(result.draft.values) == {k: str(v) for k, v in sample["values"].items()}
    assert result.draft.values["8.5"] == Decimal("2.6")
    assert result.cells_read == 64
    assert result.notes == [] and result.not_found == [] and result.tables_not_found == []


def test_report_page_every_value_read(tmp_path):
    values = expected_values("report2021")
    page = report_page("report2021", texts_of(values), "2021年某某县教育局政府信息公开工作年度报告")
    result = read_document(write(tmp_path, "a.htm", page))
    assert (result.draft.edition, result.draft.year, result.draft.unit) == \
        ("report2021", 2021, "某某县教育局")
    assert result.draft.values == values
    assert result.cells_read == len(values)
    assert result.notes == [] and result.not_found == []


def test_page_quirks_br_nbsp_and_colspans_that_do_not_line_up(tmp_path):
    values = expected_values("report2021")
    texts = texts_of(values)
    for blank in ("t3.deny.2.person", "t3.reject.4.total"):
        texts[blank] = ""  # rendered as &nbsp;
        del values[blank]
    texts["t3.new.person"] = "１２"
    values["t3.new.person"] = 12
    texts["t3.open.legal"] = "1,234"
    values["t3.open.legal"] = 1234
    texts["t3.carried.research"] = "7件"
    values["t3.carried.research"] = 7
    for dash, cell in zip(("—", "-", "--", "/", "无"), ("t4.review.upheld", "t4.review.other",
                                                    "t3.unable.1.person", "t3.unable.2.person",
                                                    "t3.unable.3.person")):
        texts[cell] = dash
        del values[cell]

    def br(label):  # a long label broken over lines, as editors wrap them
        return label[:6] + "\n" + label[6:] if len(label) > 12 else label

    page = report_page("report2021", texts, "2021年某某县教育局政府信息公开工作年度报告",
                       relabel=br).decode()
    # the site's editor made the label cells of block (一) two columns wide in the data rows only
    rule = texts["t2.regulation.issued"]
    page = page.replace("<td>规章</td>", '<td colspan="2">规章</td>', 1)
    page = page.replace("<td>行政规范性文件</td>", '<td colspan="2">行政规范性文件</td>', 1)
    # and the heading of block (五) two columns wide in the heading row only
    page = page.replace('<td>信息内容</td><td colspan="3">本年处理决定数量</td>',
                        '<td colspan="2">信息内容</td><td colspan="2">本年处理决定数量</td>', 1)
    assert page.count("<br>") > 10 and "&nbsp;" in page and rule
    result = read_document(write(tmp_path, "page.html", page.encode()))
    assert result.draft.values == values
    assert result.notes == [] and result.not_found == []


@pytest.mark.parametrize("encoding, charset", [("gb18030", "gb2312"), ("gb18030", None),
                                               ("utf-8", None), ("gbk", "GBK")])
def test_charset_declared_else_utf8_else_gb18030(tmp_path, encoding, charset):
    values = expected_values("report2021")
    page = report_page("report2021", texts_of(values), "2022年某某区人民政府办公室政府信息公开工作年度报告",
                       encoding=encoding, charset=charset)
    result = read_document(write(tmp_path, "p.html", page))
    assert result.draft.unit == "某某区人民政府办公室" and result.draft.year == 2022
    assert result.draft.values == values


def test_labels_with_half_width_brackets_and_spaces(tmp_path):
    values = expected_values("report2021")
    page = report_page("report2021", texts_of(values), "2021年政府信息公开工作年度报告",
                       relabel=half_width)
    result = read_document(write(tmp_path, "p.html", page))
    assert result.draft.values == values and result.draft.unit == ""


def test_missing_rows_are_listed_exactly(tmp_path):
    values = expected_values("report2021")
    page = report_page("report2021", texts_of(values), "2021年政府信息公开工作年度报告").decode()
    import re
    for label in ("8.属于行政查询事项", "2.重复申请"):
        page = re.sub(rf"<tr><td>{re.escape(label)}</td>.*?</tr>", "", page)
    result = read_document(write(tmp_path, "p.html", page.encode()))
    assert result.not_found == ["8.属于行政查询事项", "2.重复申请"]
    missing = {k for k in values if k.startswith(("t3.deny.8.", "t3.reject.2."))}
    assert set(values) - set(result.draft.values) == missing


def test_unreadable_text_and_yuan_are_noted(tmp_path):
    values = expected_values("report2021")
    texts = texts_of(values)
    texts["t3.open.person"] = "约12"
    texts["t2.fee.amount"] = "251000元"
    page = report_page("report2021", texts, "2021年政府信息公开工作年度报告")
    result = read_document(write(tmp_path, "p.html", page))
    notes = {n.cell: n for n in result.notes}
    assert set(notes) == {"t3.open.person", "t2.fee.amount"}
    assert "t3.open.person" not in result.draft.values and notes["t3.open.person"].text == "约12"
    assert notes["t3.open.person"].name == "予以公开·自然人"
    assert result.draft.values["t2.fee.amount"] == Decimal("25.1")
    assert "万元" in notes["t2.fee.amount"].note and notes["t2.fee.amount"].text == "251000元"
    assert result.cells_read == len(values) - 1


def test_a_heading_in_yuan_converts_its_cells(tmp_path):
    values = expected_values("report2021")
    texts = texts_of(values)
    texts["t2.fee.amount"] = "3000"
    page = report_page("report2021", texts, "2021年政府信息公开工作年度报告").decode()
    page = page.replace("本年收费金额（单位：万元）", "本年收费金额（单位：元）")
    result = read_document(write(tmp_path, "p.html", page.encode()))
    assert result.draft.values["t2.fee.amount"] == Decimal("0.3")
    assert [n.cell for n in result.notes] == ["t2.fee.amount"]


def test_edition_from_labels_and_signed_cells_keep_their_sign(tmp_path):
    values = expected_values("report2019")
    assert values["t2.license.change"] < 0
    page = report_page("report2019", texts_of(values), "2020年某某局政府信息公开工作年度报告")
    result = read_document(write(tmp_path, "p.html", page))
    assert result.draft.edition == "report2019" and result.draft.values == values
    assert result.notes == []


def test_tables_that_fit_two_editions_take_the_years_with_a_note(tmp_path):
    values = expected_values("report2019")
    texts = texts_of(values)
    page = report_page("report2019", texts, "2020年某某局政府信息公开工作年度报告", tables=("t3", "t4"))
    result = read_document(write(tmp_path, "p.html", page))
    assert result.draft.edition == "report2019"
    assert [n.name for n in result.notes] == ["表格格式"]
    assert result.tables_not_found == ["二、主动公开政府信息情况"]
    # 2021's t3 has its three 其他处理 rows: recognised as 2021 whatever the year says
    values21 = expected_values("report2021")
    page = report_page("report2021", texts_of(values21), "2020年某某局政府信息公开工作年度报告",
                       tables=("t3", "t4"))
    result = read_document(write(tmp_path, "q.html", page))
    assert result.draft.edition == "report2021" and result.notes == []


def test_edition_option_overrides(tmp_path):
    values = expected_values("report2021")
    page = report_page("report2021", texts_of(values), "2021年政府信息公开工作年度报告", tables=("t3", "t4"))
    result = read_document(write(tmp_path, "p.html", page), edition="report2019", year=2030,
                           unit="某单位")
    assert (result.draft.edition, result.draft.year, result.draft.unit) == \
        ("report2019", 2030, "某单位")


def test_two_copies_of_a_table_first_is_read(tmp_path):
    values = expected_values("report2021")
    edition = get_edition("report2021")
    t4 = edition.tables[2]
    other = {k: "0" for k in values if k.startswith("t4.")}
    extra = html_table(table_rows(t4, other))
    page = report_page("report2021", texts_of(values), "2021年政府信息公开工作年度报告").decode()
    page = page.replace("<p>五、", extra + "<p>五、")
    result = read_document(write(tmp_path, "p.html", page.encode()))
    assert result.draft.values == values
    assert len(result.notes) == 1 and "表格4" in result.notes[0].note


def test_page_without_a_statistics_table_is_refused(tmp_path):
    page = ("<html><head><meta charset='utf-8'><title>2021年某局政府信息公开工作年度报告</title></head>"
            "<body><p>本年度无统计数据。</p><table><tr><td>联系人</td><td>张三</td></tr>"
            "<tr><td>电话</td><td>12345</td></tr></table></body></html>")
    with pytest.raises(IntakeError) as caught:
        read_document(write(tmp_path, "p.html", page.encode()))
    assert str(caught.value).startswith("未找到可识别的统计表")
    assert "\n" not in str(caught.value)
    page = "<html><body><p>2021年政府信息公开工作年度报告</p></body></html>"
    with pytest.raises(IntakeError, match="没有表格"):
        read_document(write(tmp_path, "q.html", page.encode()))


def test_closest_table_is_named_when_too_little_matches(tmp_path):
    values = expected_values("report2021")
    page = report_page("report2021", texts_of(values), "2021年政府信息公开工作年度报告", tables=("t3",)).decode()
    import re
    page = re.sub(r"<tr><td>\d\.[^<]*</td>.*?</tr>", "", page)  # only the numbered rows kept out
    with pytest.raises(IntakeError) as caught:
        read_document(write(tmp_path, "p.html", page.encode()))
    assert "三、收到和处理政府信息公开申请情况" in str(caught.value) and "行" in str(caught.value)


def test_nothing_is_fetched_nor_expanded(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("机密内容")
    values = expected_values("report2021")
    page = report_page("report2021", texts_of(values), "2021年政府信息公开工作年度报告").decode()
    page = (f'<!DOCTYPE html [<!ENTITY x SYSTEM "file://{secret}">]>'
            + page.replace("<p>五、", '<p>&x;<img src="http://127.0.0.1:9/x.png"><iframe src="file://'
                           f'{secret}"></iframe></p><p>五、'))
    result = read_document(write(tmp_path, "p.html", page.encode()))
    assert result.draft.values == values


def test_huge_spans_are_refused_in_one_sentence(tmp_path):
    page = "<html><body><table>" + '<tr><td rowspan="65534" colspan="1000">x</td></tr>' * 5 + \
        "</table></body></html>"
    with pytest.raises(IntakeError) as caught:
        read_document(write(tmp_path, "p.html", page.encode()))
    assert "过大" in str(caught.value)


def test_table_inside_a_layout_table_and_title_inside_the_table(tmp_path):
    values = expected_values("report2021")
    table = get_edition("report2021").tables[1]
    inner = html_table(table_rows(table, texts_of(values)))
    inner = inner.replace("<table border=\"1\">",
                          '<table border="1"><tr><td colspan="10">二〇二一年度某某街道办事处政府信息公开'
                          "工作年度报告统计表</td></tr>", 1)
    page = (f"<html><head><meta charset='utf-8'></head><body><table><tr><td>导航</td><td>"
            f"<div>发布日期：2022-01-05</div>{inner}</td></tr></table></body></html>")
    result = read_document(write(tmp_path, "p.html", page.encode()))
    assert result.draft.year == 2021 and result.draft.unit == "某某街道办事处"
    assert result.draft.values == {k: v for k, v in values.items() if k.startswith("t3.")}


def test_older_wordings_listed_as_aliases_in_the_edition_file(tmp_path):
    values = expected_values("report2021")
    page = report_page("report2021", texts_of(values), "2021年政府信息公开工作年度报告").decode()
    page = page.replace("<td>行政规范性文件</td>", "<td>规范性文件</td>")
    result = read_document(write(tmp_path, "p.html", page.encode()))
    assert result.draft.values == values and result.draft.edition == "report2021"


def test_a_page_laid_out_differently_from_the_official_form(tmp_path):
    """t3 with two label columns, 三、本年度办理结果 as a row of its own, the 勾稽关系 note
    missing, and the value of 总计 typed with a unit: the labels still place every value."""
    edition = get_edition("report2021")
    values = expected_values("report2021")
    t3 = {k: v for k, v in values.items() if k.startswith("t3.")}
    columns = ["person", "business", "research", "nonprofit", "legal", "org_other", "total"]

    def tds(row):
        return "".join(f"<td>{values[f't3.{row}.{c}']}{'件' if c == 'total' else ''}</td>"
                       for c in columns)

    rows = ['<tr><td rowspan="3" colspan="2">&nbsp;</td><td colspan="7">申请人情况</td></tr>',
            '<tr><td rowspan="2">自然人</td><td colspan="5">法人或其他组织</td>'
            '<td rowspan="2">总计</td></tr>',
            "<tr><td>商业<br>企业</td><td>科研<br>机构</td><td>社会公益<br>组织</td>"
            "<td>法律服务<br>机构</td><td>其他</td></tr>",
            f'<tr><td colspan="2">一、本年新收政府信息公开申请数量</td>{tds("new")}</tr>',
            f'<tr><td colspan="2">二、上年结转政府信息公开申请数量</td>{tds("carried")}</tr>',
            '<tr><td colspan="9">三、本年度办理结果</td></tr>',
            f'<tr><td colspan="2">（一）予以公开</td>{tds("open")}</tr>',
            f'<tr><td colspan="2">（二）部分公开（区分处理的，只计这一情形，不计其他情形）</td>'
            f'{tds("partial")}</tr>']
    t3_rows = [r for r in edition.tables[1].grid.items if r.role == "label" and r.col == 2]
    groups = {"deny": "（三）不予公开", "unable": "（四）无法提供", "reject": "（五）不予处理",
              "other": "（六）其他处理"}
    for group, label in groups.items():
        leaves = [i for i in t3_rows if values.get(f"t3.{group}.1.person") is not None
                  and i.text[0].isdigit() and any(
                      c.startswith(f"t3.{group}.") and edition.cells[c].label == i.text
                      for c in edition.cells)]
        for n, leaf in enumerate(leaves, start=1):
            head = f'<td rowspan="{len(leaves)}">{label}</td>' if n == 1 else ""
            rows.append(f"<tr>{head}<td>{leaf.text}</td>{tds(f'{group}.{n}')}</tr>")
    rows.append(f'<tr><td colspan="2">（七）总计</td>{tds("total")}</tr>')
    rows.append(f'<tr><td colspan="2">四、结转下年度继续办理</td>{tds("forward")}</tr>')
    page = ("<html><head><meta charset='utf-8'></head><body><h2>2021年某某局政府信息公开工作年度报告</h2>"
            f"<p>三、收到和处理政府信息公开申请情况</p><table>{''.join(rows)}</table></body></html>")
    result = read_document(write(tmp_path, "p.html", page.encode()))
    assert result.draft.values == t3
    assert result.notes == [] and result.not_found == []
    assert result.tables_not_found == ["二、主动公开政府信息情况", "四、政府信息公开行政复议、行政诉讼情况"]


def test_too_many_or_too_large_tables_are_refused(tmp_path):
    page = "<html><body>" + "<table><tr><td>x</td></tr></table>" * 400 + "</body></html>"
    with pytest.raises(IntakeError, match="表格过多"):
        read_document(write(tmp_path, "p.html", page.encode()))
    row = '<tr><td colspan="1000">x</td></tr>'
    page = "<html><body>" + ("<table>" + row * 150 + "</table>") * 5 + "</body></html>"
    with pytest.raises(IntakeError, match="过大"):
        read_document(write(tmp_path, "q.html", page.encode()))
    big = tmp_path / "big.html"
    with open(big, "wb") as handle:
        handle.truncate(25 * 1024 * 1024)
    with pytest.raises(IntakeError, match="太大"):
        read_document(big)
