"""What marks a workbook as gkdesk's: its document properties and its defined names.

Every value box, the 填报单位/填报人… lines and every explanation get a workbook-level defined
name (Excel → 公式 → 名称管理器) such as ``gk.3.2.1``. Names are invisible on the sheet, so a clerk
cannot mistype them, and Excel, WPS and LibreOffice move them with their cell when rows are
inserted or deleted, so the importer finds each value by its id wherever it has gone.
"""
from __future__ import annotations

import re

from .files import ExportError

FORMAT = "gkdesk-workbook"
FORMAT_VERSION = 1

PROP_FORMAT = "gkdesk.format"
PROP_FORMAT_VERSION = "gkdesk.format_version"
PROP_EDITION = "gkdesk.edition"
PROP_YEAR = "gkdesk.year"
PROP_UNIT = "gkdesk.unit"
PROP_PROGRAM = "gkdesk.program"
PROPERTY_MAX = 255  # Excel shows and keeps at most 255 characters of a custom property

PREVIOUS_SHEET = "gkdesk上年数据"  # very hidden; A1 holds the draft file's "previous" as JSON

CELL_PREFIX = "gk."
META_PREFIX = "gkmeta."
EXPLANATION_PREFIX = "gkx."
NAME_MAX = 255  # Excel's limit on a defined name

_PLAIN = frozenset("abcdefghijklmnopqrstuvwxyz0123456789.")
_ESCAPE = re.compile(r"_([0-9a-f]{1,6})_")


def encode(text: str) -> str:
    """A name-safe spelling of an opaque id: a-z, 0-9 and '.' stay, anything else is _hex_.

    Excel names are case-insensitive and allow only letters, digits, '.', '_' and '\\', so
    upper case and '_' are escaped as well; the spelling is therefore one-to-one."""
    return "".join(ch if ch in _PLAIN else f"_{ord(ch):x}_" for ch in text)


def decode(text: str) -> str | None:
    """The id an encoded name stands for, or None when it is not one of ours."""
    out = []
    pos = 0
    while pos < len(text):
        ch = text[pos]
        if ch in _PLAIN:
            out.append(ch)
            pos += 1
            continue
        match = _ESCAPE.match(text, pos)
        if not match:
            return None
        out.append(chr(int(match.group(1), 16)))
        pos = match.end()
    return "".join(out)


def _name(prefix: str, key: str) -> str:
    name = prefix + encode(key)
    if len(name) > NAME_MAX:
        # only a hand-edited draft has such a key (an explanation of no known finding)
        raise ExportError(f"编号过长，无法写入工作簿：{key[:40]}…")
    return name


def cell_name(cell_id: str) -> str:
    return _name(CELL_PREFIX, cell_id)


def meta_name(key: str) -> str:
    return _name(META_PREFIX, key)


def explanation_name(finding_key: str) -> str:
    return _name(EXPLANATION_PREFIX, finding_key)


def explanation_key(name: str) -> str | None:
    """The finding key a defined name holds the explanation of, if it is such a name."""
    if not name.lower().startswith(EXPLANATION_PREFIX):
        return None
    return decode(name[len(EXPLANATION_PREFIX):].lower())
