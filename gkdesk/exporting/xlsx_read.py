"""Reading back a workbook gkdesk wrote, also after a clerk edited its numbers in Excel.

Cells are found by their defined names (ids), not by position; each cell's content goes through
the same parser as typed input, so "１２" or "8,405" read as 12 and 8405 and a blank stays blank.
A workbook gkdesk did not write, or a file that is not a plain workbook, is refused with one
sentence; nothing is returned half-read.
"""
from __future__ import annotations

import datetime
import io
import json
import math
import os
import warnings
from decimal import Decimal
from pathlib import Path
from typing import Any

from ..draft import MAX_YEAR, META_KEYS, MIN_YEAR, Draft, DraftError, previous_from_json
from ..editions import Edition, EditionError, get_edition
from ..numbers import InputError, Value, check_value, parse_value
from ..rules import PreviousYear
from ..safefiles import read_bytes
from . import stamp
from .layout import META_LABELS, UNIT_LABEL
from .safety import UnsafeWorkbook, check_package


class WorkbookError(DraftError):
    """A workbook that cannot be imported; str() is one sentence for the clerk."""


MAX_FILE_BYTES = 10 * 1024 * 1024


def read_xlsx(path: str | os.PathLike) -> Draft:
    """The draft a gkdesk workbook holds. Re-check it with draft.findings()."""
    path = Path(path)
    return parse_xlsx(read_bytes(path, "Excel 统计表", WorkbookError, MAX_FILE_BYTES), path.name)


def parse_xlsx(raw: bytes, name: str = "工作簿") -> Draft:
    try:
        check_package(raw)
    except UnsafeWorkbook as exc:
        raise WorkbookError(f"“{name}”{exc}，未导入") from None
    reader = _Reader(_load(raw, name, data_only=False), raw, name)
    try:  # closed when refused too: a read-only book keeps its package open until then
        return _draft(reader)
    finally:
        reader.close()


def _draft(reader: _Reader) -> Draft:
    name = reader.name
    props = _custom_properties(reader.book)
    if props.get(stamp.PROP_FORMAT) != stamp.FORMAT:
        raise WorkbookError(f"“{name}”不是由 gkdesk 导出的工作簿，无法导入"
                            f"（请导入用 gkdesk 导出的 .xlsx 文件）")
    version = _whole(props.get(stamp.PROP_FORMAT_VERSION))
    if version is None or version < 1:
        raise WorkbookError(f"“{name}”的 gkdesk 格式版本无效，未导入")
    if version > stamp.FORMAT_VERSION:
        raise WorkbookError(f"“{name}”由较新版本的 gkdesk 导出，请升级 gkdesk 后再导入")
    edition_id = props.get(stamp.PROP_EDITION)
    try:
        edition = get_edition(str(edition_id))
    except EditionError:
        raise WorkbookError(f"“{name}”使用了本程序不认识的表格格式“{edition_id}”，"
                            f"请升级 gkdesk") from None
    year = _whole(props.get(stamp.PROP_YEAR))
    if year is None or not MIN_YEAR <= year <= MAX_YEAR:
        raise WorkbookError(f"“{name}”中的年度无效，未导入")
    values = reader.values(edition)
    unit = reader.labelled_text(stamp.meta_name("unit"), UNIT_LABEL)
    if unit is None:
        unit = str(props.get(stamp.PROP_UNIT) or "")
    meta = {key: reader.labelled_text(stamp.meta_name(key), META_LABELS[key]) or ""
            for key in META_KEYS}
    return Draft(edition.id, year, unit, values, reader.explanations(), meta, reader.previous())


def _load(raw: bytes, name: str, data_only: bool):
    from openpyxl import load_workbook  # only when a workbook is actually read

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about features it drops
            # read-only: values stream out without building merged cells and styles
            return load_workbook(io.BytesIO(raw), read_only=True, data_only=data_only,
                                 keep_links=False)
    except Exception:  # noqa: BLE001 - openpyxl raises anything on a malformed package
        raise WorkbookError(f"“{name}”已损坏或不是 Excel 工作簿（.xlsx），未导入") from None


def _custom_properties(book) -> dict[str, Any]:
    return {prop.name: prop.value for prop in getattr(book, "custom_doc_props", [])}


def _whole(value: Any) -> int | None:
    """An integer property; LibreOffice writes numbers back as floats (2018.0)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float, Decimal)):
        try:
            whole = int(value)
        except (OverflowError, ValueError):  # inf or nan, from an edited property
            return None
        return whole if whole == value else None
    if isinstance(value, str) and value.strip().isdecimal() and len(value.strip()) <= 9:
        return int(value)  # not isdigit: int("²") fails; nor 5,000 digits: int() refuses them
    return None


class _Reader:
    """Looks cells up by defined name in one loaded workbook."""

    def __init__(self, book, raw: bytes, name: str) -> None:
        self.book = book
        self.raw = raw
        self.name = name
        self._sheets: dict[tuple[str, bool], dict[str, tuple[Any, str]]] = {}
        self._computed = None  # the same workbook with formulas' last computed values

    def close(self) -> None:
        for book in (self.book, self._computed):
            if book is not None:
                book.close()

    def _where(self, defined: str):
        """(sheet, coordinate) a name points at, or None when absent or broken (#REF!)."""
        entry = self.book.defined_names.get(defined)
        if entry is None:
            return None
        try:
            destinations = list(entry.destinations)
        except Exception:  # noqa: BLE001 - a name edited into something odd
            return None
        if len(destinations) != 1:
            return None
        sheet, coordinate = destinations[0]
        if sheet not in self.book.sheetnames or ":" in coordinate:
            return None
        return sheet, coordinate.replace("$", "")

    def _cells(self, sheet: str, computed: bool = False) -> dict[str, tuple[Any, str]]:
        """Every non-empty cell of a sheet: coordinate → (value, data type), read once."""
        key = (sheet, computed)
        if key not in self._sheets:
            book = self.book
            if computed:
                if self._computed is None:
                    self._computed = _load(self.raw, self.name, data_only=True)
                book = self._computed
            cells = {}
            try:
                with warnings.catch_warnings():  # a sheet is parsed here, lazily: openpyxl
                    warnings.simplefilter("ignore")  # warns of parts it drops (headers, …)
                    for row in book[sheet].iter_rows():
                        for cell in row:
                            if getattr(cell, "value", None) is not None:
                                cells[cell.coordinate] = (cell.value, cell.data_type)
            except Exception:  # noqa: BLE001 - a malformed sheet part
                raise WorkbookError(f"“{self.name}”已损坏，无法读取工作表“{sheet}”，未导入") \
                    from None
            self._sheets[key] = cells
        return self._sheets[key]

    def _content(self, sheet: str, coordinate: str) -> Any:
        value, data_type = self._cells(sheet).get(coordinate, (None, "n"))
        if data_type == "f":  # a clerk typed a formula: take what Excel computed
            computed = self._cells(sheet, computed=True).get(coordinate, (None, "n"))[0]
            return value if computed is None else computed  # never computed: show it
        return value

    def values(self, edition: Edition) -> dict[str, Value]:
        values: dict[str, Value] = {}
        for cell_id, cell in edition.cells.items():
            where = self._where(stamp.cell_name(cell_id))
            if where is None:
                raise WorkbookError(f"“{self.name}”中找不到指标“{cell.name}”的单元格"
                                    f"（可能删除了该行），未导入")
            content = self._content(*where)
            try:
                value = _cell_value(content, cell.kind, cell.unit)
            except InputError as exc:
                shown = content if not isinstance(content, str) else content.strip()
                raise WorkbookError(f"“{self.name}”中“{cell.name}”（{where[0]}!{where[1]}）"
                                    f"的内容“{shown}”无效：{exc}，未导入") from None
            if value is not None:
                values[cell_id] = value
        return values

    def labelled_text(self, defined: str, label: str) -> str | None:
        """The text after "填报单位：" and the like; None when the workbook has no such cell."""
        where = self._where(defined)
        if where is None:
            return None
        content = self._content(*where)
        text = "" if content is None else str(content)
        for prefix in (label, label.replace("：", ":")):
            if text.startswith(prefix):
                return text[len(prefix):]
        return text.strip()

    def previous(self) -> PreviousYear | None:
        """Last year's numbers, validated as the draft file's "previous" would be."""
        if stamp.PREVIOUS_SHEET not in self.book.sheetnames:
            return None
        text = self._content(stamp.PREVIOUS_SHEET, "A1")
        try:
            data = json.loads(str(text), parse_float=Decimal)
            if not isinstance(data, dict):
                raise ValueError
            return previous_from_json(data, f"{self.name}（上年数据）")
        except (ValueError, TypeError, RecursionError, DraftError):  # RecursionError: [[[[…
            raise WorkbookError(f"“{self.name}”中的上年数据已损坏，未导入") from None

    def explanations(self) -> dict[str, str]:
        explanations = {}
        for defined in self.book.defined_names:
            key = stamp.explanation_key(defined)
            if key is None:
                continue
            where = self._where(defined)
            if where is None:
                continue
            content = self._content(*where)
            if content is not None and str(content) != "":
                explanations[key] = str(content)
        return explanations


def _cell_value(content: Any, kind: str, unit: str) -> Value | None:
    """A cell's content as a value, exactly as if the clerk had typed it."""
    if content is None:
        return None
    if isinstance(content, bool) or isinstance(content, (datetime.date, datetime.time,
                                                          datetime.timedelta)):
        raise InputError("请填写数字")
    if isinstance(content, str):
        return parse_value(content, kind, unit)  # type: ignore[arg-type]
    if isinstance(content, float) and not math.isfinite(content):
        raise InputError("请填写数字")
    if isinstance(content, (int, float, Decimal)):
        return check_value(content, kind)  # type: ignore[arg-type]
    raise InputError("请填写数字")
