"""The roster: which units are expected to report. A text file of one unit name a line, or an
.xlsx whose first column lists them."""
from __future__ import annotations

import os
import re
from pathlib import Path

from ..draft import DraftError
from ..safefiles import read_bytes

MAX_ROSTER_BYTES = 5 * 1024 * 1024
WORKBOOK_SUFFIXES = {".xlsx", ".xlsm"}
# A first line like these heads the list; it is not a unit
HEADINGS = {"单位", "单位名称", "填报单位", "名称", "部门", "部门名称", "序号"}


class RosterError(DraftError):
    """A roster that cannot be read; str() is one sentence for the clerk."""


def unit_key(name: str) -> str:
    """Unit names are compared with all whitespace removed (as typed, names carry stray spaces)."""
    return re.sub(r"\s+", "", name)


def read_roster(path: str | os.PathLike) -> list[str]:
    """The unit names in order, each once, blank lines and a heading line left out."""
    path = Path(path)
    raw = read_bytes(path, "名单", RosterError, MAX_ROSTER_BYTES)
    if path.suffix.lower() in WORKBOOK_SUFFIXES:
        names = _workbook_names(raw, path.name)
    else:
        names = _text(raw).splitlines()
    seen: set[str] = set()
    roster = []
    for index, name in enumerate(names):
        name = name.strip()
        key = unit_key(name)
        if not key or key in seen or (index == 0 and key in HEADINGS):
            continue
        seen.add(key)
        roster.append(name)
    if not roster:
        raise RosterError(f"名单“{path.name}”中没有单位名称（每行一个单位，或 Excel 第一列）")
    return roster


def _text(raw: bytes) -> str:
    """UTF-8 (with or without BOM), else GB18030, which Notepad on a Chinese Windows writes."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("gb18030", errors="replace")


def _workbook_names(raw: bytes, name: str) -> list[str]:
    import io

    from openpyxl import load_workbook

    from ..exporting.safety import UnsafeWorkbook, check_package

    try:
        check_package(raw)
        book = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except UnsafeWorkbook as exc:
        raise RosterError(f"名单“{name}”{exc}") from None
    except Exception:  # not a workbook at all, or a damaged one
        raise RosterError(f"名单“{name}”不是可读取的 Excel 工作簿") from None
    try:
        sheet = book.worksheets[0]
        return [str(row[0]) if row and row[0] is not None else ""
                for row in sheet.iter_rows(min_col=1, max_col=1, values_only=True)]
    finally:
        book.close()
