"""Reading one located cell's text as a value, the ways clerks write them, through numbers.py.

Blank: empty, &nbsp;, —, -, --, /, 无. A count may carry its unit (12件). A money cell in 元
(251000元, or under a heading noted （元）) is converted to 万元 and noted. Anything else is left
blank and reported with the text found.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from ..editions import Cell
from ..numbers import MONEY_PLACES, InputError, Value, normalize_decimal, parse_value

BLANKS = {"无", "&nbsp;"}
_DASHES = re.compile(r"[-—–―－/／\\]*")  # "", -, --, —, ——, /, …: nothing to report
_COUNT_UNITS = re.compile(r"(件|条|次|个|人次|人|篇|项|家|份|场|期)$")
_SPACE = re.compile(r"\s+")


@dataclass
class Reading:
    value: Value | None
    note: str | None = None  # what was done, when the text was not a plain number


def read_value(text: str, cell: Cell, column_unit: str | None = None,
               formula: str | None = None) -> Reading:
    if formula is not None:
        return Reading(None, "公式没有保存计算结果（文件未在 Excel 中重新计算），未读取")
    compact = _SPACE.sub("", text.replace("\xa0", " "))
    if compact in BLANKS or _DASHES.fullmatch(compact):
        return Reading(None)
    try:
        if cell.kind == "money":
            return _money(compact, column_unit)
        value = parse_value(_COUNT_UNITS.sub("", compact), cell.kind)
        return Reading(value, None)
    except InputError as exc:
        return Reading(None, f"无法识别（{exc}），未读取")


def _money(text: str, column_unit: str | None) -> Reading:
    in_yuan = text.endswith("元") and not text.endswith("万元")
    if text.endswith("万元"):
        text = text[:-2]
    elif text.endswith("万"):
        text = text[:-1]
    elif in_yuan:
        text = text[:-1]
    elif column_unit == "元":
        in_yuan = True
    if not in_yuan:
        return Reading(parse_value(text, "money"))
    yuan = parse_value(text, "money")
    assert isinstance(yuan, Decimal)
    wan = yuan / Decimal(10000)
    if wan != round(wan, MONEY_PLACES):
        raise InputError("金额以元计时不能有角、分")
    wan = normalize_decimal(wan)
    return Reading(wan, f"原文以元为单位，已换算为 {format(wan, 'f')} 万元")
