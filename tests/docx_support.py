"""Reading gkdesk's .docx files back at the XML level: tables as grids of <w:tc>, fonts, spans."""
from __future__ import annotations

import docx
from docx.oxml.ns import qn


def open_docx(path):
    return docx.Document(str(path))


def grid_of(table):
    """{(row, grid column): tc} for the cells that start at that position, with gridSpan read."""
    positions = {}
    for r, tr in enumerate(table._tbl.tr_lst):
        col = 0
        for tc in tr.tc_lst:
            positions[(r, col)] = tc
            col += tc.grid_span
    return positions


def tc_text(tc) -> str:
    return "".join(t.text or "" for t in tc.iter(qn("w:t")))


def v_merge(tc) -> str | None:
    """"restart", "continue" or None."""
    pr = tc.tcPr
    if pr is None:
        return None
    element = pr.find(qn("w:vMerge"))
    if element is None:
        return None
    return element.get(qn("w:val")) or "continue"


def header_rows(table) -> list[bool]:
    out = []
    for tr in table._tbl.tr_lst:
        pr = tr.trPr
        out.append(pr is not None and pr.find(qn("w:tblHeader")) is not None)
    return out


def run_fonts(run_element) -> dict:
    rpr = run_element.find(qn("w:rPr"))
    fonts = rpr.find(qn("w:rFonts")) if rpr is not None else None
    if fonts is None:
        return {}
    return {k.split("}")[1]: v for k, v in fonts.attrib.items()}


def run_size(run_element) -> float | None:
    rpr = run_element.find(qn("w:rPr"))
    size = rpr.find(qn("w:sz")) if rpr is not None else None
    return int(size.get(qn("w:val"))) / 2 if size is not None else None


def style_fonts(style) -> dict:
    return run_fonts(style.element)
