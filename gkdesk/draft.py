"""The draft: the clerk's numbers for one year, and its .gkd file (UTF-8 JSON, format_version 1).

Loading refuses anything doubtful with one Chinese sentence naming the problem; saving is atomic
and keeps a backup copy of the previous version.
"""
from __future__ import annotations

import datetime
import json
import os
import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from . import jsontext
from .editions import Edition, EditionError, default_edition_for, find_edition, get_edition
from .numbers import MAX_YEAR, MIN_YEAR, InputError, Value, check_value, format_value
from .rules import Finding, PreviousYear, check
from .safefiles import (fsync_folder, read_bytes, reason, remove_leftovers, remove_quietly,
                        replace_backup, replace_with_retry, temp_path_for)

FORMAT = "gkdesk-draft"
FORMAT_VERSION = 1
SUFFIX = ".gkd"
META_KEYS = ("filled_by", "phone", "filled_on")
MAX_DRAFT_BYTES = 20 * 1024 * 1024  # a real draft is a few KB; more is not a draft
MAX_JSON_ITEMS = 100_000  # values, keys and containers together; a real draft has hundreds
CONTACT_KEYS = ("filled_by", "phone")  # carried from draft to draft; 填报日期 is each draft's own
_KNOWN_KEYS = {"format", "format_version", "edition", "year", "unit", "values", "explanations",
               "meta", "previous"}


class DraftError(Exception):
    """A draft file that cannot be read or written; str() is one sentence for the clerk."""


@dataclass
class Draft:
    """One year's table as the clerk filled it: values by cell id (absent = blank), the header
    fields, explanations of findings by key, and last year's numbers if attached."""
    edition: str
    year: int
    unit: str = ""
    values: dict[str, Value] = field(default_factory=dict)
    explanations: dict[str, str] = field(default_factory=dict)
    meta: dict[str, str] = field(default_factory=lambda: {k: "" for k in META_KEYS})
    previous: PreviousYear | None = None
    extra: dict[str, Any] = field(default_factory=dict)  # top-level keys of newer programs

    @property
    def edition_obj(self) -> Edition:
        return get_edition(self.edition)

    def findings(self, complete: bool = False,
                 previous: PreviousYear | None = None) -> list[Finding]:
        """Findings with the clerk's explanations; `previous` overrides the embedded one."""
        return check(self.edition_obj, self.year, self.values, self.explanations,
                     previous or self.previous, complete)

    def to_json(self) -> dict[str, Any]:
        edition = self.edition_obj
        data: dict[str, Any] = {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "edition": self.edition,
            "year": self.year,
            "unit": self.unit,
            "values": _values_to_json(self.values, edition),
            "explanations": dict(self.explanations),
            "meta": {**{k: "" for k in META_KEYS}, **self.meta},
        }
        if self.previous is not None:
            prev = self.previous
            prev_edition = find_edition(prev.edition)
            data["previous"] = {"edition": prev.edition, "year": prev.year, "unit": prev.unit,
                                "values": _values_to_json(prev.values, prev_edition)}
        for key, value in self.extra.items():
            data.setdefault(key, value)
        return data


def _values_to_json(values: dict[str, Value], edition: Edition | None) -> dict[str, Any]:
    order = edition.order if edition else {}
    out: dict[str, Any] = {}
    for cell_id in sorted(values, key=lambda c: order.get(c, len(order))):
        value = values[cell_id]
        if value is not None:
            out[cell_id] = format_value(value) if isinstance(value, Decimal) else value
    return out


def new_draft(year: int, edition: str | None = None, unit: str = "",
              contacts_from: Draft | None = None) -> Draft:
    """A blank draft dated today; the edition defaults to the one serving that year.
    `contacts_from`: a draft whose unit and contact details carry over (they rarely change)."""
    edition_id = edition or default_edition_for(year).id
    get_edition(edition_id)  # refuse unknown editions early
    draft = Draft(edition_id, year, unit)
    if contacts_from is not None:
        draft.unit = unit or contacts_from.unit
        draft.meta.update({k: contacts_from.meta.get(k, "") for k in CONTACT_KEYS})
    draft.meta["filled_on"] = datetime.date.today().isoformat()
    return draft


# --------------------------------------------------------------------------------------------
# Reading

# Files clerks take for drafts: what they are, and that their table is imported (文件 → 导入…).
_NOT_A_DRAFT = {".xlsx": "一个 Excel 工作簿", ".xlsm": "一个 Excel 工作簿",
                ".xls": "一个 Excel 工作簿", ".docx": "一个 Word 文档", ".html": "一个网页",
                ".htm": "一个网页"}
_IMPORT_INSTEAD = ("是{kind}，不是 gkdesk 草稿：请用“文件 → 导入…”导入其中的统计表（命令行："
                   "gkdesk import {name} -o 草稿.gkd），再打开或校验读入的草稿")
_NOT_TEXT = ("不是 gkdesk 草稿文件，无法打开：请选择 gkdesk 保存的草稿（.gkd 文件）；"
             "请用“文件 → 导入…”导入 Excel、Word 或网页中的统计表（命令行：gkdesk import）")


def load_draft(path: str | os.PathLike) -> Draft:
    path = Path(path)
    raw = read_bytes(path, "草稿文件", DraftError, MAX_DRAFT_BYTES)
    kind = _NOT_A_DRAFT.get(path.suffix.lower())
    if kind and not raw.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{"):
        raise DraftError(f"“{path.name}”" + _IMPORT_INSTEAD.format(kind=kind, name=path.name))
    return parse_draft(raw, path.name)


def parse_draft(raw: bytes, name: str = "草稿") -> Draft:
    # a draft holds a few hundred values: millions of them (a 20 MB list of 1s) cost seconds
    # and hundreds of MB to parse, so count the separators (fast, in C) before parsing
    if raw.count(b",") + raw.count(b"[") + raw.count(b"{") > MAX_JSON_ITEMS:
        raise DraftError(f"“{name}”不是有效的 gkdesk 草稿文件（内容条目过多）")
    try:
        data = jsontext.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise DraftError(f"“{name}”{_NOT_TEXT}") from None
    except json.JSONDecodeError as exc:
        raise DraftError(f"“{name}”不是有效的 gkdesk 草稿文件（第 {exc.lineno} 行格式错误）") from None
    except RecursionError:  # nesting no draft has: a damaged or hostile file
        raise DraftError(f"“{name}”不是有效的 gkdesk 草稿文件（嵌套过深）") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise DraftError(f"“{name}”不是 gkdesk 草稿文件")
    odd = jsontext.odd_content(data)
    if odd is not None:  # before anything quotes a value: a message must be printable
        path, problem = odd
        raise DraftError(f"“{name}”中{_place(path, data)}{problem}，文件可能已损坏")
    version = data.get("format_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise DraftError(f"“{name}”的格式版本无效")
    if version > FORMAT_VERSION:
        raise DraftError(f"“{name}”由较新版本的 gkdesk 保存（格式版本 {version}），"
                         f"请升级 gkdesk 后再打开；此文件不会被改动")
    edition = _edition_of(data.get("edition"), name)
    year = _year_of(data.get("year"), name)
    unit = data.get("unit", "")
    if unit is None:
        unit = ""
    if not isinstance(unit, str):
        raise DraftError(f"“{name}”中的填报单位应为文字")
    values = read_values(data.get("values"), edition, name)
    explanations = _string_map(data.get("explanations"), "explanations", name)
    meta = {k: "" for k in META_KEYS}
    meta.update(_string_map(data.get("meta"), "meta", name))
    previous = previous_from_json(data.get("previous"), name)
    extra = {k: v for k, v in data.items() if k not in _KNOWN_KEYS}
    return Draft(edition.id, year, unit, values, explanations, meta, previous, extra)


_FIELD_NAMES = {"unit": "填报单位", "edition": "表格格式（edition）", "year": "年度",
                "meta": "填报信息", "explanations": "问题说明", "values": "数值",
                "previous": "上年数据"}
_META_NAMES = {"filled_by": "填报人", "phone": "联系电话", "filled_on": "填报日期"}


def _place(path: tuple[str, ...], data: dict) -> str:
    """Where in a draft file a path of keys points, in the clerk's words: 填报单位, 填报人,
    指标 3.2（申请办结数）, 问题“S14-CLOSED-LE@3.2”的说明, or the keys themselves."""
    if not path:
        return "文件"
    shown = [jsontext.shown(key) for key in path]
    head, rest = path[0], path[1:]
    if head == "previous" and len(rest) >= 1:
        inner = data.get("previous")
        return "上年数据的" + _place(rest, inner if isinstance(inner, dict) else {})
    if head == "values" and len(rest) == 1:
        edition = find_edition(data.get("edition")) if isinstance(data.get("edition"), str) else None
        cell = edition.cells.get(rest[0]) if edition else None
        return f"指标 {shown[1]}（{cell.name}）" if cell else f"指标编号“{shown[1]}”"
    if head == "meta" and len(rest) == 1 and rest[0] in _META_NAMES:
        return _META_NAMES[rest[0]]
    if head == "explanations" and len(rest) == 1:
        return f"问题“{shown[1]}”的说明"
    if head in _FIELD_NAMES and not rest:
        return _FIELD_NAMES[head]
    return "“" + ".".join(shown) + "”"


def _edition_of(edition_id: Any, name: str) -> Edition:
    if not isinstance(edition_id, str):
        raise DraftError(f"“{name}”没有注明表格格式（edition）")
    try:
        return get_edition(edition_id)
    except EditionError:
        raise DraftError(f"“{name}”使用了本程序不认识的表格格式“{jsontext.shown(edition_id)}”，"
                         f"请升级 gkdesk") from None


def _year_of(year: Any, name: str) -> int:
    if isinstance(year, str) and re.fullmatch(r"\s*[0-9]{1,6}\s*", year):  # int() of 5,000
        year = int(year)                                                # digits raises
    if not isinstance(year, int) or isinstance(year, bool) or not MIN_YEAR <= year <= MAX_YEAR:
        raise DraftError(f"“{name}”中的年度“{jsontext.shown(year)}”无效"
                         f"（应为 {MIN_YEAR}–{MAX_YEAR} 之间的整数）")
    return year


def read_values(raw: Any, edition: Edition, name: str) -> dict[str, Value]:
    """Validate a {cell id: value} map against an edition; blanks (null) are dropped."""
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        raise DraftError(f"“{name}”中的 values 应为“编号: 数值”的对应表")
    values: dict[str, Value] = {}
    for cell_id, value in raw.items():
        if cell_id in edition.headings:
            raise DraftError(f"“{name}”中的“{jsontext.shown(cell_id)}”是标题行，不能填写数值")
        cell = edition.cells.get(cell_id)
        if cell is None:
            raise DraftError(f"“{name}”中的指标编号“{jsontext.shown(cell_id)}”不属于{edition.name}")
        if value is None:
            continue
        try:
            values[cell_id] = check_value(value, cell.kind)
        except InputError as exc:
            raise DraftError(f"“{name}”中指标 {cell_id}（{cell.name}）的值“{jsontext.shown(value)}”"
                             f"无效：{exc}") from None
    return values


def _string_map(raw: Any, what: str, name: str) -> dict[str, str]:
    if raw is None:
        return {}
    if not isinstance(raw, dict) or not all(isinstance(v, str) for v in raw.values()):
        raise DraftError(f"“{name}”中的 {what} 应为文字对应表")
    return dict(raw)


def previous_from_json(raw: Any, name: str) -> PreviousYear | None:
    """Last year's numbers as a draft file's "previous" holds them, validated the same way."""
    if raw is None:
        return None
    if not isinstance(raw, dict):
        raise DraftError(f"“{name}”中的上年数据（previous）格式错误")
    edition = _edition_of(raw.get("edition"), name)
    year = _year_of(raw.get("year"), name)
    unit = raw.get("unit") or ""
    values = read_values(raw.get("values"), edition, f"{name}（上年数据）")
    return PreviousYear(edition.id, year, unit if isinstance(unit, str) else "", values)


def as_previous(draft: Draft) -> PreviousYear:
    return PreviousYear(draft.edition, draft.year, draft.unit, dict(draft.values))


def check_previous_year(draft: Draft, previous: PreviousYear) -> None:
    """Last year's data must be of exactly the year before."""
    if previous.year != draft.year - 1:
        raise DraftError(f"上年数据是 {previous.year} 年度的，而本草稿是 {draft.year} 年度，"
                         f"应使用 {draft.year - 1} 年度的草稿")


def read_previous_year(draft: Draft, path: str | os.PathLike) -> PreviousYear:
    """Last year's numbers from a draft file (打开上年数据, check --previous); refuses a draft
    that is not of the year before, plainly."""
    previous = as_previous(load_draft(path))
    check_previous_year(draft, previous)
    return previous


# --------------------------------------------------------------------------------------------
# Writing

def draft_text(draft: Draft) -> str:
    """The file's text; unknown keys come out as they were read (decimals as written)."""
    return jsontext.dumps(draft.to_json()) + "\n"


def backup_path(path: Path) -> Path:
    return path.with_name(path.name + ".bak")


def save_draft(draft: Draft, path: str | os.PathLike) -> None:
    """Write atomically: temp file beside it, fsync; the old file becomes the .bak (itself
    replaced atomically); then the temp file replaces the draft. A kill at any moment leaves
    the draft and the .bak each whole (old or new); the temp files of a killed save are removed
    by the next one. A full disk changes neither."""
    path = Path(path)
    _refuse_newer_file(path)
    remove_leftovers(path, backup_path(path))
    text = draft_text(draft).encode("utf-8")
    temp = temp_path_for(path)
    try:
        with open(temp, "wb") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
    except OSError as exc:
        remove_quietly(temp)
        raise DraftError(f"无法保存到 {path}：{reason(exc)}。原文件未改动。") from None
    try:
        if path.exists():
            replace_backup(path, backup_path(path), copy_limit=MAX_DRAFT_BYTES)
        replace_with_retry(temp, path)
    except OSError as exc:
        raise DraftError(f"无法保存到 {path}：{reason(exc)}。原文件未改动，"
                         f"新内容已保存在 {temp}") from None
    fsync_folder(path.parent)


def _refuse_newer_file(path: Path) -> None:
    """A draft of a newer format is never overwritten. Only a file small enough to be a draft
    is read (so `new --force` onto a large file does not read it all)."""
    try:
        with open(path, "rb") as handle:
            raw = handle.read(MAX_DRAFT_BYTES + 1)
    except OSError:
        return
    if len(raw) > MAX_DRAFT_BYTES:
        return
    try:
        data = jsontext.loads(raw.decode("utf-8-sig"))
    except (ValueError, RecursionError):
        return
    if isinstance(data, dict) and isinstance(data.get("format_version"), int) \
            and not isinstance(data.get("format_version"), bool) \
            and data["format_version"] > FORMAT_VERSION:
        raise DraftError(f"{path} 由较新版本的 gkdesk 保存，不能覆盖；请另存为其他文件名")
