"""The 汇总 workbook (--table, 导出汇总表): the total's table sheets exactly as `export` writes
them, then 分单位明细 (a row per unit, a column per cell, a 合计 row), 校验结果 in words (a list
to send back to each unit) and, when a roster was given, 未报送. Print-ready on A4."""
from __future__ import annotations

import os

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from ..editions import Edition, get_edition
from ..exporting.files import write_atomically
from ..exporting.layout import lines_needed
from ..exporting.xlsx import add_table_sheets, stamp_properties
from ..exporting.xlsx_cells import (BODY_FONT, Margins, cell_number, excel_width, merge,
                                    number_format, print_setup, put_text, style)
from ..rules import SEVERITY_NAMES
from .merging import Consolidation

DETAIL_SHEET = "分单位明细"
FINDINGS_SHEET = "校验结果"
MISSING_SHEET = "未报送"
TOTAL_LABEL = "合计"

HEAD_PT = 8.0
_HEAD = Font(name=BODY_FONT, size=HEAD_PT, bold=True)
_BODY = Font(name=BODY_FONT, size=10)
_BOLD = Font(name=BODY_FONT, size=10, bold=True)
_DETAIL = Font(name=BODY_FONT, size=9)
_DETAIL_BOLD = Font(name=BODY_FONT, size=9, bold=True)
_TITLE = Font(name="黑体", size=12)
# 14 value columns and the unit column fill a landscape A4 page between its margins
UNIT_COL_PT = 150.0
VALUE_COL_PT = 44.0
_MARGINS: Margins = (0.5, 0.5, 0.6, 0.6, 0.3, 0.3)  # every sheet A4 landscape


def write_merge_workbook(result: Consolidation, path: str | os.PathLike) -> None:
    workbook = build_merge_workbook(result)
    write_atomically(path, lambda temp: workbook.save(temp))


def build_merge_workbook(result: Consolidation) -> Workbook:
    total = result.total
    assert total is not None, "nothing merged: no workbook"
    workbook = Workbook()
    workbook.remove(workbook.active)
    doc = add_table_sheets(workbook, total)
    _detail_sheet(workbook.create_sheet(DETAIL_SHEET), result)
    _findings_sheet(workbook.create_sheet(FINDINGS_SHEET), result)
    if result.roster is not None:
        _missing_sheet(workbook.create_sheet(MISSING_SHEET), result)
    stamp_properties(workbook, total, doc)  # `import` reads the book back as the total
    return workbook


# --------------------------------------------------------------------------------------------
# 分单位明细

def heading_paths(edition: Edition) -> list[tuple[str, ...]]:
    """Each cell's headings, top down: its table's title, then its name's parts (行·列)."""
    titles = {t.id: t.title for t in edition.tables}
    paths = []
    for cell in edition.cells.values():
        parts = cell.name.split("·")
        if cell.kind == "money" and "万元" not in cell.name:
            parts[-1] += "（万元）"
        paths.append((titles[cell.table] or edition.name, *parts))
    return paths


def _detail_sheet(ws: Worksheet, result: Consolidation) -> None:
    edition = get_edition(result.edition)
    cells = list(edition.cells.values())
    paths = heading_paths(edition)
    depth = max(len(p) for p in paths)
    ws.column_dimensions["A"].width = excel_width(UNIT_COL_PT)
    for col in range(2, len(cells) + 2):
        ws.column_dimensions[get_column_letter(col)].width = excel_width(VALUE_COL_PT)
    put_text(ws.cell(1, 1), "单位")
    style(ws.cell(1, 1), _HEAD, ("center", True, 0))
    merge(ws, 1, 1, depth, 1)
    heights = [HEAD_PT * 1.4 + 6] * depth
    for level in range(depth):
        col = 0
        while col < len(paths):
            path = paths[col]
            if level >= len(path):
                col += 1
                continue
            last = level == len(path) - 1
            end = col
            if not last:  # a group heading spans its neighbours under the same headings
                while end + 1 < len(paths) and len(paths[end + 1]) > level + 1 \
                        and paths[end + 1][:level + 1] == path[:level + 1]:
                    end += 1
            bottom = depth if last else level + 1
            cell = ws.cell(level + 1, col + 2)
            put_text(cell, path[level])
            # a group heading runs over several pages: start its text where the group starts
            style(cell, _HEAD, ("left" if end - col >= 12 else "center", True, 0))
            if end > col or bottom > level + 1:
                merge(ws, level + 1, col + 2, bottom, end + 2)
            width = VALUE_COL_PT * (end - col + 1)
            need = lines_needed(path[level], width, HEAD_PT) * HEAD_PT * 1.35 + 6
            rows = bottom - level
            heights[bottom - 1] = max(heights[bottom - 1],
                                      need - sum(heights[level:bottom - 1]) if rows > 1 else need)
            col = end + 1
    for level, height in enumerate(heights, start=1):
        ws.row_dimensions[level].height = round(min(height, 409), 1)
    row = depth + 1
    for read in result.merged:
        _unit_row(ws, row, read.unit, read.values, cells, _DETAIL)
        row += 1
    total = result.total.values
    _unit_row(ws, row, TOTAL_LABEL, tuple(total.get(c.id) for c in cells), cells,
              _DETAIL_BOLD)
    last_col = get_column_letter(len(cells) + 1)
    ws.freeze_panes = ws.cell(depth + 1, 2).coordinate
    # the wide sheet runs over several pages across, the unit column repeated on each
    print_setup(ws, f"A1:{last_col}{row}", orientation="landscape", margins=_MARGINS,
                fit_width=False, title_rows=f"1:{depth}", title_cols="A:A")


def _unit_row(ws: Worksheet, row: int, unit: str, values, cells, font: Font) -> None:
    label = ws.cell(row, 1)
    put_text(label, unit)
    style(label, font, ("left", True, 0))
    for col, (cell, value) in enumerate(zip(cells, values), start=2):
        target = ws.cell(row, col)
        target.value = cell_number(value)  # a number or blank, never text or a formula
        style(target, font, ("right", False, 0), number_format=number_format(cell.kind, value))


# --------------------------------------------------------------------------------------------
# 校验结果 and 未报送

_FINDING_COLUMNS = (("序号", 30.0), ("单位", 150.0), ("级别", 40.0), ("问题", 520.0))


def finding_rows(result: Consolidation) -> list[tuple[str, str, str]]:
    """(unit, severity, message) in words: the total's findings with the units behind each,
    then every unit's own findings, then the files refused and why."""
    rows = []
    for item in result.findings:
        message = item.finding.message
        if item.units:
            message += f"。涉及单位及各自差额：{item.units_text()}"
        rows.append((result.unit, SEVERITY_NAMES[item.finding.severity], message))
    for read in result.merged:
        for finding in read.findings:
            rows.append((read.unit, SEVERITY_NAMES[finding.severity], finding.message))
    for refusal in result.refused:
        who = refusal.unit or os.path.basename(refusal.file)
        rows.append((who, "已拒收", f"{refusal.reason}（文件：{refusal.file}）"))
    return rows


def _findings_sheet(ws: Worksheet, result: Consolidation) -> None:
    rows = finding_rows(result)
    with_errors = result.unit_errors
    title = (f"校验结果：汇总 {len(result.merged)} 个单位，{with_errors} 个单位有错误"
             + (f"，拒收 {len(result.refused)} 个文件" if result.refused else ""))
    _list_sheet(ws, title, _FINDING_COLUMNS,
                [(str(i), *row) for i, row in enumerate(rows, start=1)],
                "没有发现问题。")


def _missing_sheet(ws: Worksheet, result: Consolidation) -> None:
    rows = [(str(i), name, "未报送") for i, name in enumerate(result.missing, start=1)]
    start = len(rows)
    rows += [(str(start + i), name, "名单外（已汇总）")
             for i, name in enumerate(result.outside_roster, start=1)]
    _list_sheet(ws, f"未报送：名单中 {len(result.missing)} 个单位没有报送",
                (("序号", 30.0), ("单位", 220.0), ("情况", 110.0)), rows,
                "名单中的单位均已报送。")


def _list_sheet(ws: Worksheet, title: str, columns, rows, empty: str) -> None:
    for col, (_, pt) in enumerate(columns, start=1):
        ws.column_dimensions[get_column_letter(col)].width = excel_width(pt)
    n_cols = len(columns)
    cell = ws.cell(1, 1)
    put_text(cell, title)
    style(cell, _TITLE, ("left", False, 0), border=False)
    merge(ws, 1, 1, 1, n_cols)
    ws.row_dimensions[1].height = 24
    for col, (text, _) in enumerate(columns, start=1):
        cell = ws.cell(2, col)
        put_text(cell, text)
        style(cell, _BOLD, ("center", False, 0))
    row = 3
    for texts in rows:
        lines = 1
        for col, text in enumerate(texts, start=1):
            cell = ws.cell(row, col)
            put_text(cell, text)
            centred = columns[col - 1][0] in ("序号", "级别")
            style(cell, _BODY, ("center" if centred else "left", True, 0))
            lines = max(lines, lines_needed(text, columns[col - 1][1], 10))
        ws.row_dimensions[row].height = lines * 14 + 4
        row += 1
    if not rows:
        cell = ws.cell(row, 1)
        put_text(cell, empty)
        style(cell, _BODY, ("left", False, 0), border=False)
        merge(ws, row, 1, row, n_cols)
        row += 1
    ws.freeze_panes = "A3"
    # a list fits the page's width, its column headings repeated on each page
    print_setup(ws, f"A1:{get_column_letter(n_cols)}{row - 1}", orientation="landscape",
                margins=_MARGINS, title_rows="2:2")
