"""JSON as gkdesk reads and writes its files: numbers kept exact, odd content found, not crashed on.

`loads` never turns a number into a float (JSON decimals become Decimal, so `"future": 1.50`
written by a newer gkdesk comes back as 1.50) and never builds a huge int (a 5,000-digit number
becomes a Decimal: Python's int() refuses more than 4,300 digits). NaN and Infinity, which JSON
does not have, become Decimal NaN / Infinity so that `odd_content` can name where they are.
`dumps` writes what `loads` read, Decimals included, laid out as `json.dumps(indent=2)`.
"""
from __future__ import annotations

import json
import re
from decimal import Decimal
from typing import Any

MAX_INT_DIGITS = 100  # longer integers stay Decimal: cheap to read, no int() digit limit
MAX_NESTING = 64  # a draft nests three deep; deeper is a damaged or hostile file
# json.dumps(text, ensure_ascii=False) without its per-call set-up (a draft has hundreds of keys)
_quoted = json.encoder.encode_basestring
_SURROGATE = re.compile("[\ud800-\udfff]")


def _parse_int(text: str) -> int | Decimal:
    return int(text) if len(text) <= MAX_INT_DIGITS else Decimal(text)


def loads(text: str) -> Any:
    """json.loads with exact numbers; raises ValueError (JSONDecodeError) or RecursionError."""
    return json.loads(text, parse_float=Decimal, parse_int=_parse_int, parse_constant=Decimal)


def shown(value: Any, limit: int = 40) -> str:
    """A value as a message quotes it: never thousands of characters, never a lone surrogate
    (which no console or dialog can print)."""
    text = str(value)
    if len(text) > limit:
        text = f"{text[:limit // 2]}…（共 {len(text)} 个字符）"
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def odd_content(data: Any) -> tuple[tuple[str, ...], str] | None:
    """The first place in parsed JSON that no gkdesk file may hold, as (path of keys, what is
    wrong): text with a lone surrogate (keys too), NaN or Infinity, nesting deeper than
    MAX_NESTING. None when there is nothing odd. Walks without recursion, and keeps a path
    only per container, so a file of millions of small values costs no more than reading it."""
    problem = _odd_scalar(data)
    if problem:
        return (), problem
    stack: list[tuple[tuple[str, ...], Any]] = [((), data)]
    while stack:
        path, container = stack.pop()
        if len(path) >= MAX_NESTING:
            return path[:3], "嵌套过深"
        items = container.items() if isinstance(container, dict) else enumerate(container)
        for key, value in items:
            if isinstance(key, str) and _SURROGATE.search(key):
                return path + (key,), "含有无效的字符（孤立的代理码位）"
            if isinstance(value, (dict, list)):
                if value:
                    stack.append((path + (str(key),), value))
                continue
            problem = _odd_scalar(value)
            if problem:
                return path + (str(key),), problem
    return None


def _odd_scalar(value: Any) -> str | None:
    if isinstance(value, str):
        if not value.isascii() and _SURROGATE.search(value):
            return "含有无效的字符（孤立的代理码位）"
    elif isinstance(value, Decimal) and not value.is_finite():
        return f"的数值“{value}”不是有限的数字"
    return None


def dumps(data: Any, indent: int = 2) -> str:
    """JSON text of dicts, lists, str, int, bool, None and finite Decimal (written as its own
    digits), laid out exactly as json.dumps(data, ensure_ascii=False, indent=indent)."""
    return _dump(data, indent, 0)


class _DecimalFound(Exception):
    pass


def _decimal_found(_value: Any) -> Any:
    raise _DecimalFound


def compact_dumps(data: Any) -> str:
    """The same data on one line, for files no one reads by eye (recovery records): json's C
    encoder, two to three times faster than `dumps`; laid out by `dumps` when it holds a Decimal,
    which only `dumps` writes with its own digits."""
    try:
        return json.dumps(data, ensure_ascii=False, allow_nan=False, separators=(",", ":"),
                          default=_decimal_found)
    except _DecimalFound:
        return dumps(data, indent=1)


def _dump(value: Any, indent: int, level: int) -> str:
    if isinstance(value, str):  # the common leaves first, as json.dumps writes them
        return _quoted(value)
    if value is True:
        return "true"
    if value is False:
        return "false"
    if value is None:
        return "null"
    if isinstance(value, int):
        return int.__repr__(value)
    if isinstance(value, dict):
        if not value:
            return "{}"
        inner = " " * (indent * (level + 1))
        items = [f"{inner}{_quoted(str(k))}: {_dump(v, indent, level + 1)}"
                 for k, v in value.items()]
        return "{\n" + ",\n".join(items) + "\n" + " " * (indent * level) + "}"
    if isinstance(value, (list, tuple)):
        if not value:
            return "[]"
        inner = " " * (indent * (level + 1))
        items = [inner + _dump(v, indent, level + 1) for v in value]
        return "[\n" + ",\n".join(items) + "\n" + " " * (indent * level) + "]"
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise ValueError(f"JSON has no {value}")
        return str(value)
    return json.dumps(value, ensure_ascii=False, allow_nan=False)
