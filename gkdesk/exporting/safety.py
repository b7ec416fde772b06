"""Refusing hostile .xlsx packages before openpyxl sees them.

`check_package(raw)` is for any workbook reader (gkdesk's own and the intake of foreign ones).
The zip itself is checked by gkdesk.safezip.check_zip (bounded decompression, sizes that lie,
corrupt data); then, on every part's bytes, within fixed budgets: no DTD or entity declarations
(XML bombs; OOXML never needs them); no sheet declaring more cells, or merged ranges covering
more cells, than a statistics table could ever have (the importer reads read-only, which skips
merged cells, but a normal load creates an object per merged cell, so one tiny
``<mergeCell ref="A1:XFD1048576"/>`` would exhaust memory); and no sheet reaching further than
MAX_EXTENT cells (rows × columns) by its ``<dimension>``, a row number or a cell reference:
openpyxl's read-only sheets pad every missing row and column up to what the sheet claims, so a
dimension of a million rows cost minutes. Every part is checked, whatever its name. openpyxl
additionally parses through defusedxml, which is installed with gkdesk.
"""
from __future__ import annotations

import re

from openpyxl.utils.cell import column_index_from_string

from ..safezip import UnsafePackage, ZipLimits, check_zip, refuse_xml_declarations

LIMITS = ZipLimits(members=400, member_bytes=8 * 1024 * 1024, total_bytes=24 * 1024 * 1024)
MAX_CELLS = 100_000  # a gkdesk table has a few hundred
MAX_MERGED_CELLS = 100_000
MAX_EXTENT = 1_000_000  # rows × columns a sheet may reach (a gkdesk sheet: about 100 × 16)

_CELL = re.compile(rb"<(?:\w+:)?c[\s>/]")
_MERGE = re.compile(rb"<(?:\w+:)?mergeCell\s[^>]*?ref=\"([A-Za-z]{1,3})(\d{1,7})(?::([A-Za-z]{1,3})(\d{1,7}))?\"")
# where a sheet says it reaches: <dimension ref="A1:Z1000000"/>, <row r="…">, <c r="XFD5">
_DIMENSION = re.compile(rb"<(?:\w+:)?dimension\s[^>]*?ref=\"(?:[A-Za-z]{0,3}\d{0,9}:)?\$?([A-Za-z]{0,3})\$?(\d{0,9})\"")
_ROW = re.compile(rb"<(?:\w+:)?row\s[^>]*?\br=\"(\d+)\"")
_CELL_REF = re.compile(rb"<(?:\w+:)?c\s[^>]*?\br=\"([A-Za-z]{1,3})(\d+)\"")


class UnsafeWorkbook(UnsafePackage):
    """str() completes the sentence “‘FILE’…”."""


def check_package(raw: bytes) -> None:
    """UnsafeWorkbook (a ValueError with a sentence) for anything openpyxl should not open."""
    if not raw.startswith(b"PK"):
        if raw.startswith(b"\xd0\xcf\x11\xe0"):
            raise UnsafeWorkbook("是旧版 .xls 或加密的工作簿，请在 Excel 中另存为 .xlsx 后再导入")
        raise UnsafeWorkbook("不是 Excel 工作簿（.xlsx）")
    try:
        parts = check_zip(raw, LIMITS)
    except UnsafePackage as exc:
        raise UnsafeWorkbook(str(exc).replace("Office 文件（.xlsx / .docx）", "Excel 工作簿（.xlsx）")
                             .replace("Office 文件", "Excel 统计表")) from None
    # every part, whatever its name: openpyxl finds parts through the package's
    # relationships, so a sheet renamed "data/sheet1.bin" is parsed all the same
    for data in parts.values():
        _check_xml(data)


def _check_xml(data: bytes) -> None:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16: look at it as text
        data = data.decode("utf-16", errors="replace").encode("utf-8")
    try:
        refuse_xml_declarations(data)
    except UnsafePackage as exc:
        raise UnsafeWorkbook(str(exc)) from None
    _check_extent(data)
    # counted in every part, not by its name: no other part holds <c> or <mergeCell> elements
    if sum(1 for _ in _CELL.finditer(data)) > MAX_CELLS:
        raise UnsafeWorkbook("的工作表过大，不像 gkdesk 导出的统计表")
    merged = 0
    for first_col, first_row, last_col, last_row in _MERGE.findall(data):
        if not last_col:
            continue
        width = abs(column_index_from_string(last_col.decode().upper())
                    - column_index_from_string(first_col.decode().upper())) + 1
        height = abs(int(last_row) - int(first_row)) + 1
        merged += width * height
        if merged > MAX_MERGED_CELLS:
            raise UnsafeWorkbook("的合并单元格范围过大，不像 gkdesk 导出的统计表")


def _check_extent(data: bytes) -> None:
    """Refuse a part whose rows × columns, as claimed anywhere in it, exceed MAX_EXTENT."""
    rows = columns = 0
    for letters, number in _DIMENSION.findall(data):
        rows = max(rows, int(number or b"0"))
        columns = max(columns, _column(letters))
    for number in _ROW.findall(data):
        rows = max(rows, _number(number))
    for letters, number in _CELL_REF.findall(data):
        rows = max(rows, _number(number))
        columns = max(columns, _column(letters))
    if rows * max(columns, 1) > MAX_EXTENT:
        raise UnsafeWorkbook(f"的工作表声明了 {rows} 行 × {columns} 列，不像统计表（可能是恶意文件）")


def _number(digits: bytes) -> int:
    return int(digits) if len(digits) <= 9 else 10 ** 9  # never int() of thousands of digits


def _column(letters: bytes) -> int:
    return column_index_from_string(letters.decode().upper()) if letters else 0
