"""Documents built the way people make them, for the intake tests."""
from __future__ import annotations

import html
import re
from pathlib import Path

SEED = Path("/work/shared/seed/000_762f6de51f5ed6c6.txt")
_UNITS = {"条", "件", "次", "篇", "个", "人", "人次", "万元"}


def seed_rows(text: str) -> list[list[str]]:
    """The seed's 附件 table (one cell per paragraph) back into rows: label, unit, value."""
    start = text.index("统 计 指 标")
    cells = [c.strip("\n") for c in re.split(r"\n\s*\n", text[start:])]
    rows: list[list[str]] = [["统 计 指 标", "单位", "统计数"]]
    for cell in cells[3:]:
        stripped = cell.strip()
        is_value = stripped == "" or re.fullmatch(r"[\d.]+(万元|人次)?", stripped) \
            or stripped in _UNITS
        if not is_value:
            rows.append([cell])
        else:
            rows[-1].append(cell)
    table = []
    for row in rows[1:]:
        label, rest = row[0], row[1:]
        if len(rest) == 1:
            rest = ["", rest[0]]
        table.append([label] + (rest + ["", ""])[:2])
    return [rows[0]] + table


def seed_page() -> bytes:
    """The published page of the seed, as the city's site served it: GB18030, &nbsp; blanks."""
    text = SEED.read_text(encoding="utf-8")
    title = text.splitlines()[1].split(":", 1)[1].strip()
    body = "".join(f"<p>{html.escape(line)}</p>\n" for line in text.split("附件\n")[0].splitlines()
                   if line.strip())
    trs = []
    for row in seed_rows(text):
        tds = "".join(f"<td>{html.escape(c).replace(chr(10), '<br>') if c.strip() else '&nbsp;'}</td>"
                      for c in row)
        trs.append(f"<tr>{tds}</tr>")
    page = (f'<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">'
            f"<title>{title}</title></head><body><h1>{title}</h1>{body}"
            f"<p>附件</p><p>2018年度政府信息公开工作情况统计表</p>"
            f"<p>(市政府各部门、各有关单位、各高等院校)</p>"
            f'<table border="1">{"".join(trs)}</table></body></html>')
    return page.encode("gb18030")


# --------------------------------------------------------------------------------------------
# The official tables as people lay them out: boxes with spans, rendered in each format

from gkdesk.editions import get_edition  # noqa: E402

Box = tuple  # (text, rowspan, colspan, column, cell id or None)


def expected_values(edition_id: str) -> dict[str, int]:
    """A different small number in every cell (money cells get a decimal), so a value read from
    the wrong cell shows."""
    edition = get_edition(edition_id)
    values = {}
    for i, (cell_id, cell) in enumerate(edition.cells.items()):
        if cell.kind == "money":
            from decimal import Decimal
            values[cell_id] = Decimal("12.5") + i
        elif cell.kind == "signed":
            values[cell_id] = -(i % 7) - 1
        else:
            values[cell_id] = (i * 7) % 97 + 1
    return values


def table_rows(table, texts: dict[str, str], relabel=lambda text: text) -> list[list[Box]]:
    """One table of an edition as printed: rows of boxes. `relabel` rewrites labels the way a
    clerk's copy words them (spaces, half-width brackets)."""
    rows: list[list[Box]] = [[] for _ in range(table.grid.n_rows)]
    for item in sorted(table.grid.items, key=lambda i: (i.row, i.col)):
        if item.role == "value":
            text = texts.get(item.cell, "")
        elif item.role == "unit":
            text = item.text
        else:
            text = relabel(item.text)
        rows[item.row].append((text, item.rowspan, item.colspan, item.col, item.cell))
    return rows


def half_width(text: str) -> str:
    """How a clerk's template often reads: half-width brackets, stray spaces."""
    text = text.replace("（", "(").replace("）", ")").replace("：", ":")
    if len(text) > 4:
        text = text[:2] + " " + text[2:]
    return text


def html_table(rows: list[list[Box]], attrs: str = 'border="1"') -> str:
    out = [f"<table {attrs}>"]
    for row in rows:
        out.append("<tr>")
        for text, rowspan, colspan, _col, _cell in row:
            span = (f' rowspan="{rowspan}"' if rowspan > 1 else "") + \
                (f' colspan="{colspan}"' if colspan > 1 else "")
            body = html.escape(text).replace("\n", "<br>") if text else "&nbsp;"
            out.append(f"<td{span}>{body}</td>")
        out.append("</tr>")
    out.append("</table>")
    return "".join(out)


def xlsx_sheet(ws, rows: list[list[Box]], top: int, as_text=lambda cell_id: False) -> int:
    """Write the boxes from sheet row `top` (1-based) on, merging spans; returns the next row."""
    for r, row in enumerate(rows):
        for text, rowspan, colspan, col, cell_id in row:
            value: object = text
            if cell_id and text and not as_text(cell_id):
                try:
                    value = int(text)
                except ValueError:
                    value = text
            ws.cell(row=top + r, column=col + 1, value=value if value != "" else None)
            if rowspan > 1 or colspan > 1:
                ws.merge_cells(start_row=top + r, start_column=col + 1,
                               end_row=top + r + rowspan - 1, end_column=col + colspan)
    return top + len(rows)


def xls_sheet(ws, rows: list[list[Box]], top: int) -> int:
    """The same in a .xls sheet (xlwt, 0-based rows)."""
    for r, row in enumerate(rows):
        for text, rowspan, colspan, col, cell_id in row:
            value: object = text
            if cell_id and text:
                try:
                    value = int(text)
                except ValueError:
                    value = text
            if rowspan > 1 or colspan > 1:
                ws.write_merge(top + r, top + r + rowspan - 1, col, col + colspan - 1, value)
            else:
                ws.write(top + r, col, value)
    return top + len(rows)


def docx_table(document, rows: list[list[Box]]):
    n_cols = max(col + colspan for row in rows for _t, _r, colspan, col, _c in row)
    table = document.add_table(rows=len(rows), cols=n_cols)
    table.style = "Table Grid"
    for r, row in enumerate(rows):
        for text, rowspan, colspan, col, _cell in row:
            cell = table.cell(r, col)
            if rowspan > 1 or colspan > 1:
                cell = cell.merge(table.cell(r + rowspan - 1, col + colspan - 1))
            cell.text = text
    return table
