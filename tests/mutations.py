"""Mutating real files into damaged and hostile ones, for the property tests (tests/test_fuzz.py)
and the fuzzing bench (bench/bench_fuzz.py): byte flips, truncation, JSON value swaps, zip part
edits. Every mutator takes a random.Random, so a failure is reproduced from its seed."""
from __future__ import annotations

import io
import json
import random
import zipfile
from decimal import Decimal
from typing import Any, Callable

# values a damaged or hostile draft may hold where a number, a text or a map is expected;
# RAW entries are written into the JSON text as they are (JSON that json.dumps cannot make)
RAW = "@@raw{}@@"
ODD_RAW = ["NaN", "Infinity", "-Infinity", "1e999999999", "-1e999999999", "1e-999999999",
           "9" * 5000, "-" + "9" * 5000, "1e5000", "0.1e1", "-0", "-0.0", "1E+2", "2.60",
           '"\\ud800"', '"\\udfff\\ud800"', '"a\\u0000b"', "[" * 200 + "]" * 200,
           '"' + "9" * 5000 + '"', '"' + "0" * 5000 + '1"']
ODD_VALUES: list[Any] = [None, True, False, 0, -1, 1, 2 ** 63, -(2 ** 63), 10 ** 15, 10 ** 15 - 1,
                         1.5, -0.5, 1e300, "", " ", "12", "１２", "٣", "²", "1,234", "12.5",
                         "abc", "x" * 300, "\u3000", [], {}, [1, 2], {"a": 1}, {"1.1": 3},
                         "stat2014", "report2021", 2018, "2018", 2099, 1999]


def _paths(node: Any, path: tuple = ()) -> list[tuple]:
    found = [path]
    if isinstance(node, dict):
        for key, value in node.items():
            found += _paths(value, path + (key,))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += _paths(value, path + (index,))
    return found


def _set(root: Any, path: tuple, value: Any) -> Any:
    if not path:
        return value
    node = root
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value
    return root


def _odd_value(rnd: random.Random, raws: list[str]) -> Any:
    if rnd.random() < 0.4:
        raws.append(rnd.choice(ODD_RAW))
        return RAW.format(len(raws) - 1)
    return rnd.choice(ODD_VALUES)


def rnd_ascii(doc: Any) -> bool:
    """Escape non-ASCII only where it must be (a lone surrogate cannot be UTF-8)."""
    try:
        json.dumps(doc, ensure_ascii=False, default=str).encode("utf-8")
        return False
    except UnicodeEncodeError:
        return True


def _dump(doc: Any, raws: list[str]) -> bytes:
    text = json.dumps(doc, ensure_ascii=rnd_ascii(doc), default=str)
    for index, raw in enumerate(raws):
        text = text.replace(json.dumps(RAW.format(index)), raw)
    return text.encode("utf-8")


def swap_json_values(raw: bytes, rnd: random.Random) -> bytes:
    """One to three values (or keys) of the parsed draft replaced by odd ones."""
    doc = json.loads(raw.decode("utf-8"), parse_float=Decimal)
    doc = json.loads(json.dumps(doc, default=str))  # Decimals as text: plain JSON types only
    raws: list[str] = []
    for _ in range(rnd.randint(1, 3)):
        paths = _paths(doc)
        path = rnd.choice(paths)
        action = rnd.random()
        parent = doc
        for key in path[:-1]:
            parent = parent[key]
        if path and isinstance(parent, dict) and action < 0.2:  # rename or drop a key
            value = parent.pop(path[-1])
            if action < 0.1:
                parent[rnd.choice(["\ud800", "x" * 300, "", "1.2", "t3.new.person", "future",
                                   str(path[-1]) + "x"])] = value
        else:
            doc = _set(doc, path, _odd_value(rnd, raws))
    return _dump(doc, raws)


def flip_bytes(raw: bytes, rnd: random.Random) -> bytes:
    data = bytearray(raw)
    for _ in range(rnd.randint(1, 8)):
        if not data:
            break
        at = rnd.randrange(len(data))
        choice = rnd.random()
        if choice < 0.6:
            data[at] = rnd.randrange(256)
        elif choice < 0.8:
            del data[at:at + rnd.randint(1, 16)]
        else:
            data[at:at] = bytes(rnd.randrange(256) for _ in range(rnd.randint(1, 16)))
    return bytes(data)


def truncate(raw: bytes, rnd: random.Random) -> bytes:
    return raw[:rnd.randrange(len(raw) + 1)]


DRAFT_MUTATORS: list[Callable[[bytes, random.Random], bytes]] = [
    swap_json_values, swap_json_values, swap_json_values, flip_bytes, truncate]


def mutate_draft(raw: bytes, rnd: random.Random) -> bytes:
    return rnd.choice(DRAFT_MUTATORS)(raw, rnd)


# --------------------------------------------------------------------------------------------
# Workbooks

ODD_CELL_TEXT = [b"NaN", b"inf", b"-inf", b"1e999999999", b"1E308", b"9" * 5000, b"-1", b"1.5",
                 b"", b"abc", b"2.60000", b"1e-999999999", b"0x10", b"\xef\xbf\xbd"]


def _parts(raw: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(raw)) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


def _zip(parts: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():  # a fixed time: the same seed, the same bytes
            archive.writestr(zipfile.ZipInfo(name, (2020, 1, 1, 0, 0, 0)), data,
                             zipfile.ZIP_DEFLATED)
    return out.getvalue()


def edit_part(raw: bytes, rnd: random.Random) -> bytes:
    """One XML part changed: flipped, truncated, a value or attribute swapped, or dropped."""
    parts = _parts(raw)
    name = rnd.choice(sorted(parts))
    data = parts[name]
    action = rnd.random()
    if action < 0.1:
        del parts[name]
    elif action < 0.15:
        parts[name + "x"] = data  # a duplicate under another name
    elif action < 0.4:
        parts[name] = flip_bytes(data, rnd)
    elif action < 0.5:
        parts[name] = truncate(data, rnd)
    else:
        parts[name] = _swap_xml_text(data, rnd)
    return _zip(parts)


def _swap_xml_text(data: bytes, rnd: random.Random) -> bytes:
    """Replace the text of one element (<v>, <t>, <vt:…>, <definedName>) or one attribute."""
    starts = [i for i in range(len(data)) if data[i:i + 1] == b">" and data[i + 1:i + 2] != b"<"]
    quotes = [i for i in range(len(data)) if data[i:i + 2] == b'="']
    if quotes and (not starts or rnd.random() < 0.3):
        at = rnd.choice(quotes) + 2
        end = data.find(b'"', at)
        if end < 0:
            return data
        new = rnd.choice(ODD_CELL_TEXT + [b"A1:XFD1048576", b"1048576", b"s", b"str", b"e", b"b"])
        return data[:at] + new + data[end:]
    if not starts:
        return data
    at = rnd.choice(starts) + 1
    end = data.find(b"<", at)
    if end < 0:
        return data
    return data[:at] + rnd.choice(ODD_CELL_TEXT) + data[end:]


WORKBOOK_MUTATORS: list[Callable[[bytes, random.Random], bytes]] = [
    edit_part, edit_part, edit_part, edit_part, flip_bytes, truncate]


def mutate_workbook(raw: bytes, rnd: random.Random) -> bytes:
    return rnd.choice(WORKBOOK_MUTATORS)(raw, rnd)
