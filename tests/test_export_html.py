"""The Word-ready HTML and the clipboard text, parsed back: what pastes into the annual report."""
import re
from html.parser import HTMLParser

import pytest

from export_support import EDITIONS, expected_rows, filled, sample
from gkdesk.exporting.html import table_html, write_html
from gkdesk.exporting.text import table_tsv


class Tables(HTMLParser):
    """Collects every table as rows of cells (text, attributes), and every paragraph outside."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tables, self.paragraphs, self.tds = [], [], []
        self._cell = None
        self._para = None
        self._depth = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table":
            self.tables.append([])
            self._depth += 1
        elif tag == "tr":
            self.tables[-1].append([])
        elif tag in ("td", "th"):
            self._cell = {"text": "", "attrs": attrs}
            self.tds.append(self._cell)
        elif tag == "p" and self._depth == 0:
            self._para = ""

    def handle_endtag(self, tag):
        if tag in ("td", "th"):
            self.tables[-1][-1].append(self._cell)
            self._cell = None
        elif tag == "table":
            self._depth -= 1
        elif tag == "p" and self._para is not None:
            self.paragraphs.append(self._para)
            self._para = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell["text"] += data
        elif self._para is not None:
            self._para += data


def parse(text):
    parser = Tables()
    parser.feed(text)
    parser.close()
    return parser


def exported(draft, tmp_path):
    path = tmp_path / "out.html"
    write_html(draft, path)
    raw = path.read_bytes()
    return raw.decode("utf-8"), parse(raw.decode("utf-8"))


def test_sample_table_has_every_label_and_value_in_order(tmp_path):
    draft = sample()
    _, doc = exported(draft, tmp_path)
    (table,) = doc.tables
    texts = [[cell["text"] for cell in row] for row in table]
    assert texts == expected_rows(draft)
    assert texts[0] == ["统计指标", "单位", "统计数"]
    assert texts[2] == ["（一）主动公开政府信息数（不同渠道和方式公开相同信息计1条）", "条", "8405"]
    money = next(r for r in texts if r[0].startswith("（五）政府信息公开专项经费"))
    assert money[1:] == ["万元", "2.6"]


def test_title_unit_and_contact_lines(tmp_path):
    draft = sample()
    draft.meta.update(filled_by="李四", phone="0533-3188888")
    text, doc = exported(draft, tmp_path)
    assert doc.paragraphs[0] == "2018年度政府信息公开工作情况统计表"
    assert doc.paragraphs[1] == "（市政府各部门、各有关单位、各高等院校）"
    assert "填报单位：淄博市公共资源交易中心" in doc.paragraphs
    assert any("填报人：李四" in p and "联系电话：0533-3188888" in p and "填报日期：2019-01-22" in p
               for p in doc.paragraphs)
    assert "<title>2018年度政府信息公开工作情况统计表</title>" in text


def test_user_text_is_escaped(tmp_path):
    draft = sample()
    draft.unit = '<script>alert("x")</script>&amp;'
    draft.meta["filled_by"] = "<b>张三</b>"
    draft.values["3.2"] = 9
    draft.explanations["S14-CLOSED-LE@3.2"] = "<img src=x onerror=alert(1)>"
    text, doc = exported(draft, tmp_path)
    assert "<script" not in text and "<img" not in text and "<b>" not in text
    assert "&lt;script&gt;" in text
    assert "填报单位：" + draft.unit in doc.paragraphs  # shown literally, not interpreted
    assert any("<img src=x onerror=alert(1)>" in p for p in doc.paragraphs)


def test_word_opens_it_as_an_a4_document(tmp_path):
    text, _ = exported(sample(), tmp_path)
    assert 'xmlns:o="urn:schemas-microsoft-com:office:office"' in text
    assert 'xmlns:w="urn:schemas-microsoft-com:office:word"' in text
    assert '<meta name="ProgId" content="Word.Document">' in text
    assert "charset=utf-8" in text
    assert re.search(r"@page WordSection1 \{size:595\.3pt 841\.9pt", text)
    assert '<div class="WordSection1">' in text


def test_every_cell_carries_its_own_style(tmp_path):
    text, doc = exported(sample(), tmp_path)
    assert len(doc.tds) == 72 * 3
    for td in doc.tds:
        style = td["attrs"]["style"]
        assert re.search(r"border:solid windowtext [\d.]+pt", style)
        assert re.search(r"width:[\d.]+pt", style)
        assert "font-family:宋体" in style and "mso-fareast-font-family:宋体" in style
    paragraphs = re.findall(r"<td[^>]*><p ([^>]*)>", text)
    assert len(paragraphs) == 72 * 3
    for attrs in paragraphs:
        assert "font-family:宋体" in attrs and "mso-fareast-font-family:宋体" in attrs
        assert "text-indent:0pt" in attrs  # a report's first-line indent must not leak in


def test_header_rows_repeat_and_widths_fit_the_type_area(tmp_path):
    text, doc = exported(sample(), tmp_path)
    thead = text[text.index("<thead>"):text.index("</thead>")]
    assert "统计指标" in thead and "一、主动公开情况" not in thead
    widths = [float(re.search(r"width:([\d.]+)pt", c["attrs"]["style"]).group(1))
              for c in doc.tables[0][0]]
    assert sum(widths) <= 442.5  # the 156 mm type area of an A4 report page
    assert widths[0] > 3 * widths[2]


def test_explained_findings_are_noted_under_the_table(tmp_path):
    draft = sample()
    draft.explanations["S14-SUM-CLOSED@3.2"] = "按时办结数漏填，以此为准"
    _, doc = exported(draft, tmp_path)
    note = next(p for p in doc.paragraphs if "按时办结数漏填" in p)
    assert "申请办结数（1）应等于" in note


@pytest.mark.parametrize("edition_id", EDITIONS)
def test_every_edition_every_table_with_spans_title_and_note(tmp_path, edition_id):
    draft = filled(edition_id)
    text, doc = exported(draft, tmp_path)
    edition = draft.edition_obj
    assert len(doc.tables) == len(edition.tables)
    for index, (table, parsed) in enumerate(zip(edition.tables, doc.tables)):
        assert [[c["text"] for c in row] for row in parsed] == expected_rows(draft, index)
        spans = sorted((i.rowspan, i.colspan) for i in table.grid.items)
        got = sorted((int(c["attrs"].get("rowspan", 1)), int(c["attrs"].get("colspan", 1)))
                     for row in parsed for c in row)
        assert got == spans
        if len(edition.tables) > 1:
            assert table.title in doc.paragraphs
        if table.note:
            assert table.note in doc.paragraphs


def test_clipboard_fragment_is_the_tables_only():
    draft = sample()
    fragment = table_html(draft)
    assert "<html" not in fragment and "<body" not in fragment
    doc = parse(fragment)
    assert [[c["text"] for c in row] for row in doc.tables[0]] == expected_rows(draft)


def test_tab_separated_text_pastes_as_a_table():
    draft = sample()
    lines = table_tsv(draft).rstrip("\r\n").split("\r\n")
    assert [line.split("\t") for line in lines] == expected_rows(draft)
    del draft.values["9.3"]
    assert table_tsv(draft).rstrip("\r\n").split("\r\n")[-1] == "（三）接受培训人员数\t人次\t"


def test_a_tab_or_line_break_in_a_box_stays_in_its_cell(monkeypatch):
    """No shipped label has one, but an edition file may: it must not split the box."""
    from dataclasses import replace

    from gkdesk.exporting import layout, text

    def with_broken_label(draft):
        doc = layout.document_layout(draft)
        table = doc.tables[0]
        boxes = list(table.boxes)
        first = next(i for i, box in enumerate(boxes) if box.role == "label")
        boxes[first] = replace(boxes[first], text="甲\t乙\r\n丙")
        return replace(doc, tables=(replace(table, boxes=tuple(boxes)),) + doc.tables[1:])

    monkeypatch.setattr(text, "document_layout", with_broken_label)
    lines = table_tsv(sample()).rstrip("\r\n").split("\r\n")
    assert len(lines) == 72 and all(line.count("\t") == 2 for line in lines)
    assert "甲 乙  丙" in [line.split("\t")[0] for line in lines]


@pytest.mark.parametrize("edition_id", EDITIONS)
def test_tab_separated_text_keeps_every_box_at_its_place(edition_id):
    """Each box's text at its top-left position (a number bare, without 万元, so Excel reads
    it as one), the positions a spanning box covers empty."""
    draft = filled(edition_id)
    text = table_tsv(draft)
    tables = draft.edition_obj.tables
    for index, table in enumerate(tables):
        grid = [line.split("\t") for line in _table_lines(text, table, len(tables) > 1)]
        assert len(grid) == table.grid.n_rows
        assert all(len(row) == table.grid.n_cols for row in grid)
        items = sorted(table.grid.items, key=lambda i: (i.row, i.col))
        shown = [box for row in expected_rows(draft, index) for box in row]
        placed = {(item.row, item.col): box.removesuffix(f" {item.suffix}") if item.suffix else box
                  for item, box in zip(items, shown, strict=True)}
        for r, row in enumerate(grid):
            for c, cell in enumerate(row):
                assert cell == placed.get((r, c), ""), (r, c)


def _table_lines(text, table, titled):
    blocks = text.rstrip("\r\n").split("\r\n\r\n")
    block = next(b for b in blocks if not titled or b.split("\r\n")[0] == table.title)
    lines = block.split("\r\n")
    start = 1 if titled else 0
    return lines[start:start + table.grid.n_rows]
