"""The report's year and unit, read from its title or heading lines, else a 填报单位 line.

A year counts only where 年/年度 is followed by the report's or table's name
(2019年…政府信息公开工作年度报告, 2018年度政府信息公开工作情况统计表); a 发布日期 line or a date does not.
The unit is the text before the year on that line (淄博市公共资源交易中心2018年…), else the text
between the year and the report's name (2019年上海市人民政府办公厅政府信息公开工作年度报告).
"""
from __future__ import annotations

import re

from ..numbers import MAX_YEAR, MIN_YEAR

_CN_DIGITS = str.maketrans("〇零○Ｏ一二三四五六七八九", "0000123456789")
_YEAR = re.compile(r"((?:19|20)\d{2}|[〇零○Ｏ一二][〇零○Ｏ一二三四五六七八九]{3})\s*年度?")
_NAME = re.compile(r"[^，。,;；《》]{0,30}?(?:年度报告|统计表|工作情况|年报)")
_NAME_START = re.compile(r"(政府信息公开|信息公开|政务公开)")
_FILLER = re.compile(r"填报单位\s*(?:[（(][^）)]*[）)])?\s*[:：]\s*(.+)")
_LEAD = re.compile(r"^.*[:：]")  # 标题: … from a page's metadata


def _year_value(text: str) -> int | None:
    year = int(text.translate(_CN_DIGITS))
    return year if MIN_YEAR <= year <= MAX_YEAR else None


def title_year(lines: list[str]) -> tuple[int | None, str]:
    """(the year of the first title-like line, the unit that line names or "")."""
    for limit in (80, 100_000):  # short title lines first, then any sentence
        for line in lines:
            text = re.sub(r"\s+", "", line)
            if not text or len(text) > limit:
                continue
            for match in _YEAR.finditer(text):
                after = text[match.end():]
                if not _NAME.match(after):
                    continue
                year = _year_value(match.group(1))
                if year is None:
                    continue
                return year, _unit(text[:match.start()], after)
    return None, ""


def _unit(before: str, after: str) -> str:
    before = re.split(r"[，。,;；《》“”\"()（）]", _LEAD.sub("", before))[-1].strip()
    if before and not before.startswith("关于"):
        return before
    start = _NAME_START.search(after)
    if start and start.start() > 1:
        return after[:start.start()]
    return ""


def filler_unit(lines: list[str]) -> str:
    for line in lines:
        match = _FILLER.search(line)
        if match:
            unit = re.split(r"\s{2,}|填报人|填报日期|联系电话", match.group(1).strip())[0].strip()
            if unit:
                return unit
    return ""


def filler_unit_beside(rows: list[list[str]]) -> str:
    """A template's 填报单位（盖章）： cell with the unit typed into the cell beside it."""
    for row in rows:
        for c, text in enumerate(row):
            if re.fullmatch(r"\s*填报单位\s*(?:[（(][^）)]*[）)])?\s*[:：]?\s*", text):
                beside = next((t.strip() for t in row[c + 1:] if t.strip() and t != text), "")
                if beside and not re.match(r"填报|联系|日期", beside):
                    return beside
    return ""


def file_year(name: str) -> int | None:
    for match in re.finditer(r"(?<!\d)((?:19|20)\d{2})(?!\d)", name):
        year = _year_value(match.group(1))
        if year is not None:
            return year
    return None
