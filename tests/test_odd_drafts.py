"""Odd draft files (non-numbers, huge numbers, broken text, absurd ids) end in one sentence that
says where and what, never in an internal error; unknown keys survive exactly.

How fast and in how little memory is measured by bench/bench_hostile_files.py, not here."""
import json

import pytest

from gkdesk import jsontext
from gkdesk.cli import main
from gkdesk.draft import DraftError, draft_text, load_draft, parse_draft, save_draft

BASE = {"format": "gkdesk-draft", "format_version": 1, "edition": "stat2014", "year": 2018,
        "unit": "某单位", "values": {"1.1": 3}}


def draft_bytes(values: str | None = None, **changes) -> bytes:
    data = {**BASE, **changes}
    text = json.dumps(data, ensure_ascii=True)
    if values is not None:
        text = text.replace('{"1.1": 3}', values)
    return text.encode()


def refusal(raw: bytes) -> str:
    with pytest.raises(DraftError) as info:
        parse_draft(raw, "d.gkd")
    message = str(info.value)
    assert len(message) < 200 and "\n" not in message
    message.encode("utf-8")  # printable: no lone surrogate quoted back
    return message


@pytest.mark.parametrize("values, words", [
    ('{"1.1": NaN}', ["指标 1.1（主动公开政府信息数）", "NaN", "不是有限的数字"]),
    ('{"1.1": Infinity}', ["指标 1.1（主动公开政府信息数）", "Infinity", "不是有限的数字"]),
    ('{"1.1": -Infinity}', ["指标 1.1", "-Infinity"]),
    ('{"1.1": 1e5000}', ["指标 1.1（主动公开政府信息数）", "数字过大"]),
    ('{"8.5": 1e999999999}', ["指标 8.5（政府信息公开专项经费）", "数字过大"]),
    ('{"8.5": 1e-999999999}', ["指标 8.5", "万元最多保留4位小数"]),
    ('{"8.5": "1e999999999"}', ["指标 8.5", "请填写数字"]),
    ('{"1.1": %s}' % ("9" * 5000), ["指标 1.1（主动公开政府信息数）", "共 5000 个字符", "数字过大"]),
    ('{"1.1": "%s"}' % ("9" * 5000), ["指标 1.1", "数字过大"]),
    ('{"1.1": 1.00000000000000000000000000000001}', ["指标 1.1", "应为整数"]),
], ids=lambda v: v[:24] if isinstance(v, str) else None)
def test_odd_numbers_are_refused_naming_the_cell(values, words):
    message = refusal(draft_bytes(values))
    for word in words:
        assert word in message


def test_leading_zeros_are_not_digits_that_count():
    assert parse_draft(draft_bytes('{"1.1": "%s1"}' % ("0" * 5000))).values == {"1.1": 1}


@pytest.mark.parametrize("year", [b"9" * 5000, b'"' + b"9" * 5000 + b'"', b"1e300", b"NaN",
                                  b"2018.5"])
def test_an_absurd_year_is_refused_as_the_year(year):
    message = refusal(draft_bytes().replace(b'"year": 2018', b'"year": ' + year))
    assert "年度" in message


@pytest.mark.parametrize("changes, values, where", [
    ({"unit": "\ud800"}, None, "填报单位"),
    ({"meta": {"filled_by": "张\ud800"}}, None, "填报人"),
    ({"meta": {"phone": "\udfff"}}, None, "联系电话"),
    ({"explanations": {"S14-CLOSED-LE@3.2": "\ud800"}}, None, "问题“S14-CLOSED-LE@3.2”的说明"),
    ({"explanations": {"\ud800": "说明"}}, None, "问题“\\ud800”的说明"),
    ({}, '{"\\ud800": 1}', "指标编号“\\ud800”"),
    ({"edition": "\ud800"}, None, "表格格式"),
    ({"future": {"deep": ["\ud800"]}}, None, "“future.deep.0”"),
    ({"previous": {"edition": "stat2014", "year": 2017, "unit": "\ud800"}}, None,
     "上年数据的填报单位"),
])
def test_a_lone_surrogate_anywhere_is_refused_naming_the_field(changes, values, where):
    message = refusal(draft_bytes(values, **changes))
    assert where in message and "无效的字符" in message


def test_non_numbers_outside_values_are_refused_too():
    message = refusal(draft_bytes(future=1).replace(b'"future": 1', b'"future": NaN'))
    assert "“future”" in message and "NaN" in message


def test_an_edition_id_of_300_characters_is_named_shortly():
    message = refusal(draft_bytes(edition="x" * 300))
    assert "不认识的表格格式" in message and "共 300 个字符" in message


@pytest.mark.parametrize("edition", ["../stat2014", "stat2014\x00", "a/b", ""])
def test_edition_ids_that_are_not_file_names_are_unknown(edition):
    assert "不认识的表格格式" in refusal(draft_bytes(edition=edition))


def test_nesting_deeper_than_any_draft_is_refused():
    deep = "[" * 500 + "]" * 500
    raw = draft_bytes().replace(b'"unit"', b'"future": ' + deep.encode() + b', "unit"')
    assert "嵌套过深" in refusal(raw)


def test_unknown_keys_with_decimals_round_trip_exactly(tmp_path):
    raw = draft_bytes().replace(
        b'"unit"', b'"future": 1.5, "later": {"rate": 0.10, "big": 1e400, "n": %s}, "unit"'
        % (b"7" * 5000))
    draft = parse_draft(raw)
    path = tmp_path / "d.gkd"
    save_draft(draft, path)
    text = path.read_text(encoding="utf-8")
    assert '"future": 1.5' in text and '"rate": 0.10' in text and '"big": 1E+400' in text
    assert "7" * 5000 in text
    again = load_draft(path)
    assert again.extra == draft.extra
    assert draft_text(again) == text


def test_the_written_layout_is_json_dumps_indent_2():
    data = {"a": [1, {"b": None, "c": True}], "d": {}, "e": [], "f": "中文\"引号\"", "g": 2}
    assert jsontext.dumps(data) == json.dumps(data, ensure_ascii=False, indent=2)


def test_the_command_line_says_one_line_for_an_odd_draft(tmp_path, capsys):
    path = tmp_path / "odd.gkd"
    path.write_bytes(draft_bytes('{"8.5": 1e999999999}'))
    assert main(["check", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "8.5" in err and "内部错误" not in err


def test_millions_of_values_are_refused_before_parsing():
    raw = draft_bytes().replace(b'"unit"', b'"future": [' + b"1," * 200_000 + b'1], "unit"')
    assert "内容条目过多" in refusal(raw)
