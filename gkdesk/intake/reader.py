"""Reading a document gkdesk did not make into a draft: which tables it holds (and so which
edition), where each value sits, what each value is, and everything it could not read."""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from ..draft import Draft
from ..editions import Edition, all_editions, default_edition_for, get_edition
from ..safefiles import read_bytes
from .document import Document, joined
from .formats import sniff
from .heading import file_year, filler_unit, filler_unit_beside, title_year
from .limits import MAX_FILE_BYTES, IntakeError, refuse
from .locate import TableMatch, fold_grid, locate
from .patterns import table_patterns
from .values import read_value


@dataclass
class IntakeNote:
    cell: str | None  # the cell id, or None for a note about the whole document
    name: str  # the cell's name (予以公开·自然人) or what the note is about
    text: str  # the text found
    note: str  # what was done


@dataclass
class IntakeResult:
    draft: Draft
    source: str  # xlsx | xls | docx | html | gkdesk
    cells_read: int
    notes: list[IntakeNote] = field(default_factory=list)
    not_found: list[str] = field(default_factory=list)
    tables_not_found: list[str] = field(default_factory=list)

    def as_json(self) -> dict:
        return {
            "edition": self.draft.edition, "year": self.draft.year, "unit": self.draft.unit,
            "source": self.source, "cells_read": self.cells_read,
            "notes": [{"cell": n.cell, "name": n.name, "text": n.text, "note": n.note}
                      for n in self.notes],
            "not_found": list(self.not_found), "tables_not_found": list(self.tables_not_found),
        }


class YearNotFound(IntakeError):
    """No year in the document's title nor its file name: the caller must give one."""


def read_document(path: str | os.PathLike, *, edition: str | None = None, year: int | None = None,
                  unit: str | None = None, fallback_year: int | None = None) -> IntakeResult:
    """`year` overrides the document's own; `fallback_year` is taken only when neither its title
    nor its file name gives one (a merge's --year)."""
    path = Path(path)
    try:
        too_large = path.is_file() and path.stat().st_size > MAX_FILE_BYTES
    except OSError:
        too_large = False  # read_bytes says what is wrong
    if too_large:
        refuse(f"“{path.name}”太大（超过 {MAX_FILE_BYTES // 1048576} MB），不像统计表所在的文件")
    raw = read_bytes(path, "统计表文件", IntakeError, MAX_FILE_BYTES)
    return read_bytes_as_draft(raw, path.name, edition=edition, year=year, unit=unit,
                               fallback_year=fallback_year)


def read_bytes_as_draft(raw: bytes, name: str, *, edition: str | None = None,
                        year: int | None = None, unit: str | None = None,
                        fallback_year: int | None = None) -> IntakeResult:
    kind = sniff(raw, Path(name).suffix, name)
    if kind == "gkdesk":
        return _own_workbook(raw, name, year, unit)
    if kind == "xlsx":
        _check_package(raw, name)  # a Word document is checked by its reader (gkdesk.safezip)
    document = _read(kind, raw, name)
    return _to_draft(document, edition, year, unit, fallback_year)


def _check_package(raw: bytes, name: str) -> None:
    from ..exporting.safety import UnsafeWorkbook, check_package

    try:
        check_package(raw)
    except UnsafeWorkbook as exc:
        refuse(f"“{name}”{exc}，未导入")


def _read(kind: str, raw: bytes, name: str) -> Document:
    if kind == "html":
        from .html_grids import read_html
        return read_html(raw, name)
    if kind == "xlsx":
        from .xlsx_grids import read_xlsx_grids
        return read_xlsx_grids(raw, name)
    if kind == "xls":
        from .xls_grids import read_xls
        return read_xls(raw, name)
    from .docx_grids import read_docx
    return read_docx(raw, name)


def _own_workbook(raw: bytes, name: str, year: int | None, unit: str | None) -> IntakeResult:
    from ..exporting.xlsx_read import WorkbookError, parse_xlsx

    try:
        draft = parse_xlsx(raw, name)
    except WorkbookError as exc:
        raise IntakeError(str(exc)) from None
    if year is not None:
        draft.year = year
    if unit is not None:
        draft.unit = unit
    return IntakeResult(draft, "gkdesk", len(draft.edition_obj.cells))


# --------------------------------------------------------------------------------------------

def _matches(document: Document, folded: list, edition_id: str) -> list[list[TableMatch]]:
    """Per table of the edition, its match in every grid, in document order. A table cut in two
    (a page break, a 续表) is read across two neighbouring grids: when no grid holds it whole, or
    when the grid after the one that holds most of it has the rest of its rows."""
    result = []
    for pattern in table_patterns(edition_id):
        matches = [locate(g, pattern, f) for g, f in zip(document.grids, folded)]
        first = next((i for i, m in enumerate(matches) if m.found), None)
        pairs = range(len(matches) - 1) if first is None else [first]
        for i in pairs:
            if i + 1 >= len(matches) or not matches[i].score[0] or not matches[i + 1].rows:
                continue
            if first is not None and len(matches[first].rows) == len(pattern.rows):
                break  # whole already
            match = locate(joined(document.grids[i:i + 2]), pattern)
            if match.found and len(match.rows) > len(matches[i].rows):
                # read first; its two parts are not other copies of the table
                matches = [match] + [m for j, m in enumerate(matches) if j not in (i, i + 1)]
                break
        result.append(matches)
    return result


def _matched_keys(matches: list[TableMatch]) -> set[str]:
    keys: set[str] = set()
    for m in matches:
        for i in m.rows:
            keys |= m.pattern.rows[i].leaf | m.pattern.rows[i].parent
        for i in m.columns:
            keys |= m.pattern.columns[i].leaf | m.pattern.columns[i].parent
    return keys


def _choose_edition(found: dict[str, list[TableMatch]], year: int | None,
                    notes: list[IntakeNote]) -> str:
    """The edition whose own labels (those no other edition has) the tables show most; when the
    tables fit several alike (only t3 and t4), the year's edition, noted."""
    every = {e: set().union(*(p.keys for p in table_patterns(e))) for e in all_editions()}
    scores = {}
    for e, matches in found.items():
        own = every[e] - set().union(*(every[o] for o in every if o != e))
        scores[e] = (len(_matched_keys(matches) & own), len(matches))
    best = max(scores.values())
    tied = [e for e in found if scores[e] == best]
    if len(tied) == 1:
        return tied[0]
    preferred = default_edition_for(year).id if year else None
    chosen = preferred if preferred in tied else tied[-1]
    names = "、".join(get_edition(e).short for e in tied)
    notes.append(IntakeNote(None, "表格格式", names,
                            f"表格同时符合{names}，按年度取{get_edition(chosen).short}"))
    return chosen


def _closest(document: Document, folded: list) -> str:
    if not document.grids:
        return "未找到可识别的统计表（文件中没有表格）"
    best = None
    for edition_id in all_editions():
        for matches in _matches(document, folded, edition_id):
            for m in matches:
                if best is None or m.score > best.score:
                    best = m
    if best is None or best.score[0] == 0:
        return "未找到可识别的统计表（文件中的表格与任何统计表的行、列名称都不相符）"
    p = best.pattern
    return (f"未找到可识别的统计表（最接近的是{best.grid.name}，像“{p.title}”，"
            f"但只认出 {len(best.rows)}/{best.labelled_rows} 行、"
            f"{len(best.columns)}/{len(p.columns)} 个栏目）")


def _to_draft(document: Document, edition: str | None, year: int | None,
              unit: str | None, fallback_year: int | None = None) -> IntakeResult:
    notes: list[IntakeNote] = []
    title_found, title_unit = title_year(document.lines)
    if year is None:
        year = title_found or file_year(document.file_name) or fallback_year
    candidates = [edition] if edition else list(all_editions())
    folded = [fold_grid(g) for g in document.grids]  # once for all the editions tried
    found: dict[str, list[TableMatch]] = {}
    all_matches: dict[str, list[list[TableMatch]]] = {}
    for edition_id in candidates:
        all_matches[edition_id] = _matches(document, folded, edition_id)
        tables = [next((m for m in ms if m.found), None) for ms in all_matches[edition_id]]
        if any(tables):
            found[edition_id] = [t for t in tables if t]
    if not found:
        raise IntakeError(_closest(document, folded))
    chosen = edition or _choose_edition(found, year, notes)
    if year is None:
        raise YearNotFound("无法从文件的标题或文件名中看出报告年度，请指定年度（--year）")
    if unit is None:
        unit = title_unit or filler_unit(document.lines) or next(
            (u for u in (filler_unit_beside(g.rows) for g in document.grids) if u), "")
    result = IntakeResult(Draft(chosen, year, unit), document.source, 0, notes)
    _read_values(get_edition(chosen), all_matches[chosen], result)
    return result


def _read_values(edition: Edition, per_table: list[list[TableMatch]],
                 result: IntakeResult) -> None:
    for matches in per_table:
        found = [m for m in matches if m.found]
        if not found:
            result.tables_not_found.append(matches[0].pattern.title if matches else "")
            continue
        match, others = found[0], found[1:]
        for other in others:
            result.notes.append(IntakeNote(None, match.pattern.title, other.grid.name,
                                           f"{other.grid.name}中另有一份“{match.pattern.title}”，"
                                           f"只读取了{match.grid.name}中的第一份"))
        pattern = match.pattern
        for i, row in enumerate(pattern.rows):
            if i not in match.rows and row.leaf:
                result.not_found.append(row.official)
        for (r, c), cell_id in pattern.cells.items():
            located = match.cells.get(cell_id)
            cell = edition.cells[cell_id]
            if located is None:
                if r in match.rows:
                    result.not_found.append(cell.name)
                continue
            reading = read_value(located.text, cell, located.unit, located.formula)
            if reading.value is not None:
                result.draft.values[cell_id] = reading.value
            if reading.value is not None or reading.note is None:
                result.cells_read += 1
            if reading.note:
                result.notes.append(IntakeNote(cell_id, cell.name,
                                               located.formula or located.text,
                                               f"{located.where}：{reading.note}"))
    order = edition.order
    result.draft.values = dict(sorted(result.draft.values.items(), key=lambda kv: order[kv[0]]))
