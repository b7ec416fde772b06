"""Turning what a clerk types or pastes into a cell value: int, Decimal, or None for blank.

One parser for the window, the importer and the draft reader, so every path accepts the same
input and refuses it with the same short Chinese reason.
"""
from __future__ import annotations

import math
import re
import unicodedata
from decimal import MAX_EMAX as MAX_EXPONENT, Context, Decimal, InvalidOperation
from typing import Literal, Union

Kind = Literal["count", "signed", "money"]
Value = Union[int, Decimal]

MONEY_PLACES = 4  # 1 元 = 0.0001 万元
MIN_YEAR, MAX_YEAR = 2000, 2100
MAX_DIGITS = 15  # beyond this a number is a typing slip, and Excel loses precision anyway

_GROUPING = {",", "，"}  # thousands separators, ASCII and full-width
_MINUS = {"-", "−", "－", "–", "—"}
_NUMBER = re.compile(r"^([+-]?)(\d+)(?:\.(\d*))?$")


class InputError(ValueError):
    """A cell's text that is not an acceptable value; str() is a short reason in Chinese."""


def normalize_text(text: str) -> str:
    """Fold full-width digits and punctuation (what Chinese input methods type) to ASCII."""
    text = unicodedata.normalize("NFKC", text).strip()
    for minus in _MINUS:
        text = text.replace(minus, "-")
    return text.replace("。", ".")


def fold_year(text: str) -> str:
    """A year as typed, in ASCII: full-width digits folded, a trailing 年/年度 dropped."""
    return normalize_text(text).removesuffix("年度").removesuffix("年")


def parse_year(text: str) -> int:
    """A report year as a clerk types it: 2025, ２０２５, 2025年, 2025年度."""
    folded = fold_year(text)
    if not (len(folded) == 4 and folded.isdigit()):
        raise InputError("年度请填四位数字，如 2025")
    year = int(folded)
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise InputError(f"年度应在 {MIN_YEAR}–{MAX_YEAR} 之间")
    return year


def parse_value(text: str | None, kind: Kind = "count", unit: str = "") -> Value | None:
    """Parse one cell's text. Blank text is None (blank is not zero)."""
    if text is None:
        return None
    cleaned = normalize_text(str(text))
    if cleaned == "":
        return None
    folded_unit = normalize_text(unit) if unit else ""
    if folded_unit and cleaned.endswith(folded_unit):
        cleaned = cleaned[: -len(folded_unit)].rstrip()
    cleaned = "".join(ch for ch in cleaned if ch not in _GROUPING)
    match = _NUMBER.match(cleaned)
    if not match:
        if unit and re.match(r"^[+-]?[\d.]+\D+$", cleaned):
            raise InputError(f"单位应为“{unit}”，请只填数字")
        raise InputError("请填写数字")
    sign, whole, fraction = match.groups()
    if len(whole.lstrip("0")) > MAX_DIGITS:
        raise InputError("数字过大，请核对")
    negative = sign == "-" and (whole.strip("0") or (fraction or "").strip("0"))
    if negative and kind != "signed":
        raise InputError("不能为负数")
    if kind == "money":
        return _parse_money(sign, whole, fraction)
    if fraction is not None and fraction.strip("0"):
        raise InputError("请填写整数")
    number = int(whole.lstrip("0") or "0")  # int() counts leading zeros against its limit
    return -number if negative else number


def _parse_money(sign: str, whole: str, fraction: str | None) -> Decimal:
    fraction = (fraction or "").rstrip("0")
    if len(fraction) > MONEY_PLACES:
        raise InputError(f"万元最多保留{MONEY_PLACES}位小数（即精确到元）")
    try:
        value = Decimal(f"{whole}.{fraction or '0'}")
    except InvalidOperation as exc:  # pragma: no cover - the regex admits only digits
        raise InputError("请填写数字") from exc
    return normalize_decimal(value)


def normalize_decimal(value: Decimal) -> Decimal:
    """Drop trailing zeros without switching to exponent notation (2.60 → 2.6, 100 → 100)."""
    if value == value.to_integral_value():
        return value.quantize(Decimal(1))
    return value.normalize()


def format_value(value: Value | None) -> str:
    """The text a value is shown and written as: blank as '', Decimal without exponent."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(normalize_decimal(value), "f")
    return str(value)


_TOO_BIG = 10 ** MAX_DIGITS


def check_value(value: object, kind: Kind) -> Value:
    """Validate a value that did not come from typed text (a draft file, a workbook).

    Cheap whatever it is: the size of a number is looked at before it is converted, so
    1e999999999 or a 5,000-digit number is refused at once instead of being built."""
    if type(value) is int and kind != "money":  # what draft files hold: checked quickly (merge)
        if value < 0 and kind != "signed":
            raise InputError("不能为负数")
        if not -_TOO_BIG < value < _TOO_BIG:
            raise InputError("数字过大")
        return value
    if isinstance(value, bool):
        raise InputError("应为数字")
    if isinstance(value, float):
        if not math.isfinite(value):
            raise InputError("应为数字")
        value = Decimal(repr(value))  # the shortest text of the float, as the file showed it
    if isinstance(value, Decimal):
        value = _bounded_decimal(value, kind)
    if kind == "money":
        if isinstance(value, (int, Decimal)):
            if isinstance(value, int) and abs(value) >= 10 ** MAX_DIGITS:
                raise InputError("数字过大")
            return parse_value(format(Decimal(value), "f"), "money")  # type: ignore[return-value]
        if isinstance(value, str):
            parsed = parse_value(value, "money")
            if parsed is None:
                raise InputError("应为数字")
            return parsed
        raise InputError("应为数字")
    if isinstance(value, Decimal):
        value = int(value)  # integral and at most MAX_DIGITS digits: checked above
    if isinstance(value, str):
        if not re.fullmatch(r"\s*-?\d+\s*", value):
            raise InputError("应为整数")
        digits = value.strip().lstrip("-").lstrip("0") or "0"  # int() counts leading zeros
        if len(digits) > MAX_DIGITS:
            raise InputError("数字过大")
        value = -int(digits) if value.strip().startswith("-") else int(digits)
    if not isinstance(value, int):
        raise InputError("应为整数")
    if value < 0 and kind != "signed":
        raise InputError("不能为负数")
    if abs(value) >= 10 ** MAX_DIGITS:
        raise InputError("数字过大")
    return value


def _bounded_decimal(value: Decimal, kind: Kind) -> Decimal:
    """A Decimal that is finite, below 10^MAX_DIGITS and has no more decimals than its kind
    allows, with trailing zeros dropped exactly (a context as precise as its digits, so
    1.000…0001 is never rounded to 1)."""
    if not value.is_finite():
        raise InputError("应为数字")
    if value.is_zero():
        return Decimal(0)
    if value.adjusted() >= MAX_DIGITS:
        raise InputError("数字过大")
    digits = len(value.as_tuple().digits)
    exact = Context(prec=digits, Emin=-MAX_EXPONENT, Emax=MAX_EXPONENT).normalize(value)
    if exact.as_tuple().exponent < (-MONEY_PLACES if kind == "money" else 0):
        if kind == "money":
            raise InputError(f"万元最多保留{MONEY_PLACES}位小数（即精确到元）")
        raise InputError("应为整数")
    return exact
