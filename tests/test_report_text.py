"""Checking a report's text against its table: the spec's examples word for word, every phrase
of every edition found, the near-misses left alone, the seed report against its own numbers,
the three file formats alike, and: a report gkdesk writes never contradicts its draft."""
import json
import random

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from export_support import sample
from gkdesk.cli import main
from gkdesk.draft import Draft
from gkdesk.editions import get_edition
from gkdesk.report.content import report_blocks
from gkdesk.report.reading import ReportReadError, read_paragraphs
from gkdesk.report.textcheck import CONTEXT_MAX, check_text, text_findings
from gkdesk.report.writer import write_report

SEED = "/work/shared/seed/000_762f6de51f5ed6c6.txt"
SHANGHAI = {"t3.open.total": 258, "t3.partial.total": 12, "t3.deny.1.total": 1,
            "t3.unable.1.total": 300, "t3.unable.2.total": 37, "t4.review.total": 3,
            "t3.new.total": 1499, "t3.carried.total": 20, "t3.forward.total": 72}


def findings(edition, values, *paragraphs):
    return text_findings(get_edition(edition), values, list(paragraphs))


def test_the_spec_example_is_reported_with_the_tables_figures_and_the_difference():
    values = dict(SHANGHAI, **{"t3.partial.total": 12 + 5})  # 258 + 17 = 275
    (finding,) = findings("report2021", values, "全年予以公开及部分公开258件。")
    assert finding.rule == "TEXT-NUMBER" and finding.severity == "warning"
    assert finding.key == "TEXT-NUMBER@open_partial"
    assert finding.message == "正文“予以公开及部分公开258件”与表格不符：予以公开 + 部分公开 为 275，相差 17"
    assert finding.target == "t3.open.total"
    assert finding.cells == ("t3.open.total", "t3.partial.total")
    assert finding.as_json()["context"] == "全年予以公开及部分公开258件。"


def test_a_none_sentence_against_a_count_above_zero():
    (finding,) = findings("report2021", SHANGHAI, "本年度未发生行政复议。")
    assert finding.key == "TEXT-NONE@review"
    assert finding.message == "正文称“未发生行政复议”，表格中行政复议为 3"
    assert finding.cells == ("t4.review.total",)


@pytest.mark.parametrize("sentence,key", [
    ("本年度未收到政府信息公开申请。", "TEXT-NONE@received"),
    ("本年度没有收到申请。", "TEXT-NONE@received"),
    ("全年无上年结转的申请。", "TEXT-NONE@carried"),
    ("本年度无行政复议案件。", "TEXT-NONE@review"),
    ("本年度行政诉讼案件未发生。", "TEXT-NONE@suit"),
])
def test_none_sentences_as_reports_write_them(sentence, key):
    values = dict(SHANGHAI, **{"t4.suit_direct.total": 1})
    assert [f.key for f in findings("report2021", values, sentence)] == [key]
    zero = {c: 0 for c in values}
    assert findings("report2021", zero, sentence) == []


def test_unable_to_provide_and_no_proper_reason_are_not_none_sentences():
    assert findings("report2021", SHANGHAI,
                    "因本机关不掌握相关政府信息无法提供。", "无正当理由大量反复申请的，不予处理。",
                    "因没有现成信息需要另行制作而无法提供的申请，均已告知申请人。") == []


def test_the_shanghai_paragraph_gives_both_contradictions_and_its_later_sentences_in_context():
    text = ["本年度予以公开及部分公开258件，因本机关不掌握等原因无法提供265件。",
            "如前所述，无法提供265件。"]
    result = findings("report2021", SHANGHAI, *text)
    assert [f.key for f in result] == ["TEXT-NUMBER@open_partial", "TEXT-NUMBER@unable"]
    unable = result[1]
    assert unable.message == "正文“无法提供265件”与表格不符：无法提供 为 337，相差 72"
    assert "如前所述" in unable.context and len(unable.context) <= CONTEXT_MAX


def test_a_number_matching_either_figure_a_phrase_may_mean_is_no_contradiction():
    assert findings("report2021", SHANGHAI, "共收到政府信息公开申请1499件。") == []
    assert findings("report2021", SHANGHAI, "共收到政府信息公开申请1519件。") == []  # 新收 + 结转
    (finding,) = findings("report2021", SHANGHAI, "共收到政府信息公开申请1500件。")
    assert finding.key == "TEXT-NUMBER@received"


@pytest.mark.parametrize("sentence", [
    "另有72件申请因故顺延到下年度办理。",  # number before the words
    "结转下年度继续办理72件。",
])
def test_number_before_or_after_the_words(sentence):
    assert findings("report2021", SHANGHAI, sentence) == []
    assert findings("report2021", dict(SHANGHAI, **{"t3.forward.total": 70}), sentence)[0].key \
        == "TEXT-NUMBER@forward"


@pytest.mark.parametrize("sentence", [
    "予以公开的申请中，转载上级文件等40余件。",
    "予以公开转载上级文件等40余件。",
    "其中涉及征地拆迁的申请172件。",
    "本年度收到涉及征地拆迁的申请172件。",
    "行政复议案件同比增长8.5%。",
    "予以公开占比21%。",
    "收到申请同比增长8件。",
    "组织行政复议培训110人次。",
    "行政复议结果维持2件。",
    "行政复议、行政诉讼共5件。",  # two phrases claim the number equally
    "收到申请近百件，予以公开约200件。",
    "第3次收到申请。",
    "2019年1月1日起受理申请。",
    "主动予以公开政府信息8000条。",  # proactive publishing is not an application's result
    "予以公开政府信息8000条。",
])
def test_near_misses_are_left_alone(sentence):
    values = {c: 999 for c in get_edition("report2021").cells}
    assert findings("report2021", values, sentence) == []


@pytest.mark.parametrize("edition", ["report2019", "report2021"])
@pytest.mark.parametrize("sentence", [
    "本年度收到自然人申请1400件、法人或其他组织申请99件。",  # by applicant: parts of 1499
    "通过网上平台收到申请800件。",  # by channel
    "行政复议纠错1件。",  # one result of the reviews, not their number
    "行政诉讼纠错1件。",
])
def test_parts_of_a_figure_are_not_taken_for_the_figure(edition, sentence):
    values = dict(SHANGHAI, **{"t4.suit_direct.total": 2, "t4.suit_after.total": 1})
    assert findings(edition, values, sentence) == []


def test_training_in_person_times_is_not_a_count_of_times():
    values = dict(sample().values)
    values["2.2.1"] = 3
    assert findings("stat2014", values, "举办新闻发布会培训110人次。") == []
    assert [f.key for f in findings("stat2014", values, "举办新闻发布会5次。")] == \
        ["TEXT-NUMBER@press"]


def _spelled(phrase) -> str:
    return "".join(word[0] for word in phrase.words)


@pytest.mark.parametrize("edition", ["stat2014", "report2019", "report2021"])
def test_every_phrase_of_every_edition_is_found(edition):
    ed = get_edition(edition)
    values = {c: 7 for c in ed.cells if ed.cells[c].kind != "signed"}
    for phrase in ed.phrases:
        total = 7 * len(phrase.cells)
        unit = phrase.units[0]
        sentence = f"本年度{_spelled(phrase)}{total + 5}{unit}。"
        result = findings(edition, values, sentence)
        assert [f.key for f in result] == [f"TEXT-NUMBER@{phrase.id}"], sentence
        assert result[0].cells == phrase.cells
        assert result[0].message.endswith(f"为 {total}，相差 5")
        assert findings(edition, values, f"本年度{_spelled(phrase)}{total}{unit}。") == []
        if phrase.none:
            none = findings(edition, values, f"本年度没有{_spelled(phrase)}。")
            assert [f.key for f in none] == [f"TEXT-NONE@{phrase.id}"], phrase.id
            zero = {c: 0 for c in ed.cells}
            assert findings(edition, zero, f"本年度没有{_spelled(phrase)}。") == []


def test_a_date_between_the_words_and_the_number_does_not_part_them():
    (finding,) = findings("report2021", SHANGHAI, "全年收到截至2021年12月31日的申请1400件。")
    assert finding.key == "TEXT-NUMBER@received"
    assert finding.message.startswith("正文“收到截至2021年12月31日的申请1400件”")


def test_a_phrase_whose_cells_are_all_blank_is_not_checked():
    assert findings("report2021", {}, "予以公开及部分公开258件，未发生行政复议。") == []


def test_the_seed_report_gives_no_false_warning_against_its_own_numbers():
    draft = sample()
    paragraphs = read_paragraphs(SEED)
    assert paragraphs[-1] == "2019年1月22日"  # the 附件 (the table as text) is left out
    assert check_text(draft.edition_obj, draft.year, draft.unit, draft.values, paragraphs) == []
    # and it is read: the seed's own sentences are tied to their phrases
    wrong = dict(draft.values, **{"3.1": 4, "1.2.3": 30, "4": 1})
    keys = [f.key for f in check_text(draft.edition_obj, draft.year, draft.unit, wrong, paragraphs)]
    assert keys == ["TEXT-NUMBER@weixin", "TEXT-NUMBER@received", "TEXT-NONE@review"]


def test_the_title_naming_another_year_or_unit():
    draft = sample()
    ok = ["淄博市公共资源交易中心2018年信息公开年度报告", "正文"]
    assert check_text(draft.edition_obj, 2018, draft.unit, draft.values, ok) == []
    year = check_text(draft.edition_obj, 2018, draft.unit, draft.values,
                      ["2017年淄博市公共资源交易中心政府信息公开工作年度报告"])
    assert [(f.key, f.target) for f in year] == [("TEXT-YEAR@year", None)]
    assert "2017" in year[0].message and "2018" in year[0].message
    unit = check_text(draft.edition_obj, 2018, draft.unit, draft.values,
                      ["2018年淄博市财政局政府信息公开工作年度报告"])
    assert [f.key for f in unit] == ["TEXT-YEAR@unit"]


# --------------------------------------------------------------------------------------------
# The three formats

BODY = ["2021年某县政府信息公开工作年度报告", "本年度予以公开及部分公开258件。", "本年度未发生行政复议。"]
IN_TABLE = "予以公开及部分公开999件"  # a table's cell says anything: it is not narrative
EXPECTED = ["TEXT-NUMBER@open_partial", "TEXT-NONE@review"]
VALUES = {"t3.open.total": 260, "t3.partial.total": 15, "t4.review.total": 3}


def _check_file(path):
    draft = Draft("report2021", 2021, "某县", dict(VALUES))
    return [f.key for f in check_text(draft.edition_obj, 2021, "某县", draft.values,
                                      read_paragraphs(path))]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030"])
def test_text_files_in_utf8_or_gb18030(tmp_path, encoding):
    path = tmp_path / "report.txt"
    path.write_bytes(("\r\n".join(BODY + ["附件", IN_TABLE]) + "\r\n").encode(encoding))
    assert _check_file(path) == EXPECTED


@pytest.mark.parametrize("charset", ["utf-8", "gb2312", "GBK"])
def test_html_in_its_declared_charset_without_its_tables(tmp_path, charset):
    body = "".join(f"<p>{line}</p>" for line in BODY)
    html = (f'<html><head><meta http-equiv="Content-Type" content="text/html; charset={charset}">'
            f"<title>{IN_TABLE}</title></head><body>{body}"
            f"<table><tr><td>{IN_TABLE}</td></tr></table></body></html>")
    path = tmp_path / "report.html"
    path.write_bytes(html.encode("gb18030" if charset != "utf-8" else "utf-8"))
    assert _check_file(path) == EXPECTED


def test_html_whose_page_layout_is_a_table_keeps_its_text_but_not_the_data_table(tmp_path):
    narrative = "".join(f"<p>{line}</p>" for line in BODY)
    padding = "本年度，本机关认真贯彻落实《中华人民共和国政府信息公开条例》，" * 3
    html = ("<html><head><meta charset='utf-8'></head><body><table><tr><td>"
            f"<p>{padding}</p>{narrative}"
            f"<table><tr><td>{IN_TABLE}</td><td>999</td></tr></table>"
            "</td></tr></table></body></html>")
    path = tmp_path / "report.htm"
    path.write_text(html, encoding="utf-8")
    assert _check_file(path) == EXPECTED


def test_docx_body_paragraphs_without_table_cells(tmp_path):
    import docx

    document = docx.Document()
    for line in BODY:
        document.add_paragraph(line)
    document.add_table(rows=1, cols=1).cell(0, 0).text = IN_TABLE
    path = tmp_path / "report.docx"
    document.save(path)
    assert _check_file(path) == EXPECTED


def _check_text_refuses(tmp_path, capsys, report, words: str) -> bool:
    """`gkdesk check DRAFT --text REPORT` ends in exit 2 and one stderr line holding `words`."""
    draft_path = tmp_path / "d.gkd"
    main(["sample", "-o", str(draft_path)])
    capsys.readouterr()
    assert main(["check", str(draft_path), "--text", str(report)]) == 2
    captured = capsys.readouterr()
    return captured.out == "" and captured.err.count("\n") == 1 and words in captured.err


@pytest.mark.parametrize("name,content,words", [
    ("r.pdf", b"%PDF", "请用"), ("r.docx", b"not a zip", "不是 Word 文档"),
    ("r.docx", b"\xd0\xcf\x11\xe0rest", "旧版 .doc"), ("r.docx", b"PK\x03\x04broken", "已损坏"),
    ("missing.txt", None, "找不到文件"),
])
def test_unreadable_report_files_are_one_chinese_line_and_exit_2(tmp_path, capsys, name, content,
                                                                  words):
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(ReportReadError, match=words):
        read_paragraphs(path)
    assert _check_text_refuses(tmp_path, capsys, path, words)


def test_check_json_lists_text_findings_with_their_sentence(tmp_path, capsys):
    draft_path = tmp_path / "d.gkd"
    main(["new", "--year", "2021", "--unit", "某县", "-o", str(draft_path)])
    data = json.loads(draft_path.read_text(encoding="utf-8"))
    data["values"] = VALUES
    draft_path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    text = tmp_path / "r.txt"
    text.write_text("\n".join(BODY), encoding="utf-8")
    capsys.readouterr()
    assert main(["check", str(draft_path), "--text", str(text), "--json"]) == 1  # the sums
    out = json.loads(capsys.readouterr().out)
    found = {f["key"]: f for f in out["findings"]}
    assert found["TEXT-NONE@review"]["context"] == "本年度未发生行政复议。"
    assert found["TEXT-NUMBER@open_partial"]["cells"] == ["t3.open.total", "t3.partial.total"]
    assert main(["check", str(draft_path), "--text"]) == 2  # no remembered report
    assert "没有记下年报文件" in capsys.readouterr().err


# --------------------------------------------------------------------------------------------
# A report gkdesk writes never contradicts its draft

def _consistent_draft(edition: str, rnd: random.Random) -> Draft:
    """Numbers as a clerk's table holds them: many zeros, some blanks (where 0 is meant), and
    every total equal to its parts."""
    ed = get_edition(edition)

    def number():
        roll = rnd.random()
        return None if roll < 0.15 else 0 if roll < 0.45 else rnd.randint(1, 3000)

    values = {}
    for cell_id, cell in ed.cells.items():
        if cell.kind == "signed":
            values[cell_id] = rnd.randint(-20, 20)
        else:
            values[cell_id] = number()

    def fill(total, parts):
        present = [values.get(p) for p in parts]
        values[total] = sum(p or 0 for p in present)

    if edition == "stat2014":
        for total, parts in (("3.1", ["3.1.1", "3.1.2", "3.1.3", "3.1.4", "3.1.5"]),
                             ("3.2", ["3.2.1", "3.2.2"]),
                             ("3.3", [f"3.3.{i}" for i in range(1, 9)]),
                             ("4", ["4.1", "4.2", "4.3"]), ("5", ["5.1", "5.2", "5.3"]),
                             ("6", ["6.1", "6.2", "6.3"]), ("8.4", ["8.4.1", "8.4.2"])):
            fill(total, parts)
        for part, whole in (("1.1.a", "1.1"), ("2.2.1.a", "2.2.1"), ("2.2.2.a", "2.2.2"),
                            ("7.1", "7"), ("7.2", "7"),
                            *((f"3.3.4.{g}", "3.3.4") for g in "abcdef")):
            if values.get(part) is not None:  # an "of which" is never more than its whole
                values[part] = min(values[part], values.get(whole) or 0)
    else:
        columns = ["person", "business", "research", "nonprofit", "legal", "org_other"]
        results = [r for r in ("open", "partial", *(f"deny.{i}" for i in range(1, 9)),
                               *(f"unable.{i}" for i in range(1, 4)),
                               *(f"reject.{i}" for i in range(1, 6)), "other",
                               *(f"other.{i}" for i in range(1, 4))) if f"t3.{r}.person" in ed.cells]
        for c in columns:
            fill(f"t3.total.{c}", [f"t3.{r}.{c}" for r in results])
            handled = values[f"t3.total.{c}"] + (values.get(f"t3.forward.{c}") or 0)
            carried = min(values.get(f"t3.carried.{c}") or 0, handled)
            values[f"t3.carried.{c}"] = carried
            values[f"t3.new.{c}"] = handled - carried
        for r in ["new", "carried", *results, "total", "forward"]:
            fill(f"t3.{r}.total", [f"t3.{r}.{c}" for c in columns])
        for b in ("review", "suit_direct", "suit_after"):
            fill(f"t4.{b}.total", [f"t4.{b}.{k}" for k in ("upheld", "corrected", "other", "pending")])
    values = {k: v for k, v in values.items() if v is not None}
    money = [c for c, cell in ed.cells.items() if cell.kind == "money"]
    for cell_id in money:
        values.pop(cell_id, None)
    draft = Draft(edition, ed.first_year or 2021, rnd.choice(["某某县人民政府办公室", ""]), values)
    assert not [f for f in draft.findings() if f.severity == "error"]
    return draft


@pytest.mark.parametrize("edition", ["stat2014", "report2019", "report2021"])
@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 2**32 - 1))
def test_a_generated_report_never_contradicts_its_draft(edition, seed):
    draft = _consistent_draft(edition, random.Random(seed))
    paragraphs = [block.text for block in report_blocks(draft) if block.kind != "table"]
    assert check_text(draft.edition_obj, draft.year, draft.unit, draft.values, paragraphs) == []
    # and the sentences are read: a table saying one more application contradicts them
    key = "3.1" if edition == "stat2014" else "t3.new.total"
    if draft.values.get(key):
        other = dict(draft.values, **{key: draft.values[key] + 1})
        assert [f.key for f in text_findings(draft.edition_obj, other, paragraphs)] == \
            ["TEXT-NUMBER@received"]


@pytest.mark.parametrize("edition", ["stat2014", "report2019", "report2021"])
def test_a_generated_report_read_back_from_word_has_no_text_finding(edition, tmp_path):
    draft = _consistent_draft(edition, random.Random(7))
    path = tmp_path / "r.docx"
    write_report(draft, path)
    paragraphs = read_paragraphs(path)
    assert check_text(draft.edition_obj, draft.year, draft.unit, draft.values, paragraphs) == []
    numbered = [p for p in paragraphs if any(ch.isdigit() for ch in p) and "件" in p]
    changed = dict(draft.values)
    key = "3.1" if edition == "stat2014" else "t3.new.total"
    if changed.get(key):
        changed[key] += 1
        assert any(f.key.endswith("@received") for f in
                   check_text(draft.edition_obj, draft.year, draft.unit, changed, paragraphs))
    assert numbered or not draft.values


def test_a_word_report_that_inflates_past_the_limits_is_refused_before_it_is_read(tmp_path,
                                                                                capsys):
    # A zip bomb in the media folder (40 MB of zeros in a few KB): python-docx would inflate it
    # and go on; the limits intake uses for Word documents refuse it (one sentence, exit 2).
    import zipfile

    import docx

    document = docx.Document()
    for line in BODY:
        document.add_paragraph(line)
    path = tmp_path / "report.docx"
    document.save(path)
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as package:
        package.writestr("word/media/image1.png", bytes(40 * 1024 * 1024))
    assert path.stat().st_size < 1024 * 1024
    with pytest.raises(ReportReadError, match="report.docx.*过大"):
        read_paragraphs(path)
    assert _check_text_refuses(tmp_path, capsys, path, "过大")
