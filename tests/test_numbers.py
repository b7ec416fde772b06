"""What clerks type or paste into a cell becomes the right value, or a short Chinese reason."""
from decimal import Decimal

import pytest
from hypothesis import given, strategies as st

from gkdesk.numbers import InputError, check_value, format_value, parse_value, parse_year

FULL_WIDTH = str.maketrans("0123456789.,-", "０１２３４５６７８９．，－")


@pytest.mark.parametrize("text, expected", [
    ("123", 123),
    ("１２３", 123),
    ("8,405", 8405),
    ("8，405", 8405),
    ("  42  ", 42),
    ("\u300042\u3000", 42),  # full-width spaces around
    ("465人次", 465),
    ("0", 0),
    ("007", 7),
    ("12.0", 12),
])
def test_counts_clerks_type_are_read(text, expected):
    assert parse_value(text, "count", unit="人次") == expected


@pytest.mark.parametrize("text", ["", "   ", None])
def test_empty_input_is_blank_not_zero(text):
    assert parse_value(text, "count") is None


@pytest.mark.parametrize("text, expected", [
    ("2.6", Decimal("2.6")),
    ("2.6万元", Decimal("2.6")),
    ("２．６", Decimal("2.6")),
    ("2.6000", Decimal("2.6")),
    ("1,234.5678", Decimal("1234.5678")),
    ("100", Decimal("100")),
    ("0.0001", Decimal("0.0001")),
])
def test_money_in_wanyuan_is_a_decimal(text, expected):
    value = parse_value(text, "money", unit="万元")
    assert isinstance(value, Decimal)
    assert value == expected


@pytest.mark.parametrize("text, kind, reason", [
    ("abc", "count", "请填写数字"),
    ("1a", "count", "请只填数字"),
    ("-3", "count", "不能为负数"),
    ("－３", "money", "不能为负数"),
    ("2.5", "count", "请填写整数"),
    ("2.12345", "money", "4位小数"),
    ("12个", "count", "单位应为“件”"),
    ("1" * 16, "count", "数字过大"),
])
def test_bad_input_is_refused_with_a_reason(text, kind, reason):
    with pytest.raises(InputError) as info:
        parse_value(text, kind, unit="件" if kind == "count" else "万元")
    assert reason in str(info.value)


def test_signed_cells_take_negatives():
    assert parse_value("-3", "signed") == -3
    assert parse_value("－３", "signed") == -3


def test_money_is_written_without_exponent_or_trailing_zeros():
    assert format_value(Decimal("2.60")) == "2.6"
    assert format_value(Decimal("1E+2")) == "100"
    assert format_value(Decimal("0.0001")) == "0.0001"
    assert format_value(None) == ""


@given(st.integers(min_value=0, max_value=10**12))
def test_any_count_typed_full_width_or_grouped_reads_back(n):
    assert parse_value(str(n).translate(FULL_WIDTH), "count") == n
    assert parse_value(f"{n:,}", "count") == n
    assert parse_value(format_value(n), "count") == n


@given(st.decimals(min_value=0, max_value=10**9, places=4, allow_nan=False, allow_infinity=False))
def test_any_money_value_survives_format_and_parse(value):
    text = format_value(value)
    assert "E" not in text.upper()
    assert parse_value(text, "money") == value
    assert parse_value(text.translate(FULL_WIDTH), "money") == value


@pytest.mark.parametrize("raw, kind, expected", [
    (5, "count", 5), ("5", "count", 5), (Decimal("2.6"), "money", Decimal("2.6")),
    ("2.6", "money", Decimal("2.6")), (3, "money", Decimal(3)), (-2, "signed", -2),
])
def test_values_from_files_are_checked(raw, kind, expected):
    assert check_value(raw, kind) == expected


@pytest.mark.parametrize("raw, kind", [
    (True, "count"), ("x", "count"), (-1, "count"), (1.5, "count"), ([], "money"),
    ("1.23456", "money"),
])
def test_bad_values_from_files_are_refused(raw, kind):
    with pytest.raises(InputError):
        check_value(raw, kind)


@pytest.mark.parametrize("text, year", [("2025", 2025), ("２０２５", 2025), ("2025年", 2025),
                                        ("2025年度", 2025), (" 2018 ", 2018)])
def test_report_years_as_clerks_type_them(text, year):
    assert parse_year(text) == year


@pytest.mark.parametrize("text, reason", [("20x5", "四位数字"), ("25", "四位数字"),
                                          ("1999", "2000–2100")])
def test_impossible_years_are_refused(text, reason):
    with pytest.raises(InputError, match=reason):
        parse_year(text)
