"""Refusing hostile .xlsx packages before openpyxl sees them.

A workbook is a zip of XML parts. Checked here, on the raw bytes, within fixed budgets: that it
is a zip at all; the declared uncompressed sizes (zipfile enforces them while reading, so a lying
header cannot smuggle more); no DTD or entity declarations (XML bombs; OOXML never needs them);
and that no sheet declares more cells, or merged ranges covering more cells, than a statistics
table could ever have (the importer reads read-only, which skips merged cells, but a normal
load creates an object per merged cell, so one tiny ``<mergeCell ref="A1:XFD1048576"/>`` would
exhaust memory). Every part is checked, whatever its name. openpyxl additionally parses through
defusedxml, which is installed with gkdesk.
"""
from __future__ import annotations

import io
import re
import zipfile

from openpyxl.utils.cell import column_index_from_string

MAX_MEMBERS = 400
MAX_MEMBER_BYTES = 8 * 1024 * 1024
MAX_TOTAL_BYTES = 24 * 1024 * 1024
MAX_CELLS = 100_000  # a gkdesk table has a few hundred
MAX_MERGED_CELLS = 100_000

_DECLARATION = re.compile(rb"<!(DOCTYPE|ENTITY)", re.IGNORECASE)
_CELL = re.compile(rb"<(?:\w+:)?c[\s>/]")
_MERGE = re.compile(rb"<(?:\w+:)?mergeCell\s[^>]*?ref=\"([A-Za-z]{1,3})(\d{1,7})(?::([A-Za-z]{1,3})(\d{1,7}))?\"")


class UnsafeWorkbook(ValueError):
    """str() completes the sentence “‘FILE’…”."""


def check_package(raw: bytes) -> None:
    if not raw.startswith(b"PK"):
        if raw.startswith(b"\xd0\xcf\x11\xe0"):
            raise UnsafeWorkbook("是旧版 .xls 或加密的工作簿，请在 Excel 中另存为 .xlsx 后再导入")
        raise UnsafeWorkbook("不是 Excel 工作簿（.xlsx）")
    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
        members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError):
        raise UnsafeWorkbook("已损坏，不是有效的 Excel 工作簿（.xlsx）") from None
    with archive:
        if len(members) > MAX_MEMBERS:
            raise UnsafeWorkbook("包含的部件过多，不像 gkdesk 导出的统计表")
        total = 0
        for member in members:
            total += member.file_size
            if member.file_size > MAX_MEMBER_BYTES or total > MAX_TOTAL_BYTES:
                raise UnsafeWorkbook("解压后过大，不像 gkdesk 导出的统计表")
        # every part, whatever its name: openpyxl finds parts through the package's
        # relationships, so a sheet renamed "data/sheet1.bin" is parsed all the same
        for member in members:
            try:
                data = archive.read(member)
            except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError,
                    NotImplementedError, EOFError, RuntimeError):
                # CRC errors, sizes that lie, odd methods, zip encryption (RuntimeError; Excel
                # encrypts differently, in an OLE file refused above)
                raise UnsafeWorkbook("已损坏，不是有效的 Excel 工作簿（.xlsx）") from None
            _check_xml(data)


def _check_xml(data: bytes) -> None:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16: look at it as text
        data = data.decode("utf-16", errors="replace").encode("utf-8")
    if _DECLARATION.search(data):
        raise UnsafeWorkbook("含有 XML 实体声明（可能是恶意文件）")
    # counted in every part, not by its name: no other part holds <c> or <mergeCell> elements
    if len(_CELL.findall(data)) > MAX_CELLS:
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
