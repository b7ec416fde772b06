"""A Word report's tables as grids, and its paragraphs as lines (the body gives year and unit).

Read straight from word/document.xml with lxml (no network, no entities; the package is checked
first by gkdesk.safezip): w:gridSpan and w:vMerge are expanded the way Word lays the table out, so
each merged box appears once per grid cell it covers.
"""
from __future__ import annotations

from ..safezip import UnsafePackage, ZipLimits, check_zip, refuse_xml_declarations
from .document import Document, GridBuilder, grid_lines
from .limits import MAX_TABLE_CELLS, check_grids, refuse

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _text(element) -> str:
    parts = []
    for node in element.iter(f"{W}t", f"{W}tab", f"{W}br", f"{W}p"):
        if node.tag == f"{W}t":
            parts.append(node.text or "")
        elif node.tag == f"{W}p" and parts:
            parts.append("\n")
        else:
            parts.append(" " if node.tag == f"{W}tab" else "\n")
    return "".join(parts).strip()


def _children(element, tag: str):
    """Direct children with this tag, also those Word wraps in content controls (w:sdt) or
    custom XML (w:customXml)."""
    for child in element:
        if child.tag == tag:
            yield child
        elif child.tag == f"{W}sdt":
            content = child.find(f"{W}sdtContent")
            if content is not None:
                yield from _children(content, tag)
        elif child.tag == f"{W}customXml":
            yield from _children(child, tag)


def _int(node, name: str, default: int = 1) -> int:
    try:
        return int(node.get(f"{W}{name}", default))
    except (TypeError, ValueError):
        return default


def _table(tbl, name: str, file_name: str):
    """Lay one w:tbl out: vMerge="restart" opens a box that each following vMerge cell extends."""
    rows: list[list[tuple[str, int, int, str | None]]] = []  # (text, grid col, span, vMerge)
    for tr in _children(tbl, f"{W}tr"):
        col = 0
        before = tr.find(f"{W}trPr/{W}gridBefore")
        if before is not None:
            col += _int(before, "val", 0)
        line = []
        for tc in _children(tr, f"{W}tc"):
            props = tc.find(f"{W}tcPr")
            span, merge = 1, None
            if props is not None:
                grid_span = props.find(f"{W}gridSpan")
                if grid_span is not None:
                    span = max(1, min(_int(grid_span, "val"), 1000))
                v_merge = props.find(f"{W}vMerge")
                if v_merge is not None:
                    merge = v_merge.get(f"{W}val", "continue")
            line.append((_text(tc), col, span, merge))
            col += span
        rows.append(line)
    builder = GridBuilder(name, MAX_TABLE_CELLS)
    try:
        for r, line in enumerate(rows):
            boxes = []
            for text, col, span, merge in line:
                if merge == "continue":
                    continue  # covered by the box that restarted above
                height = 1
                if merge == "restart":
                    while r + height < len(rows) and any(
                            c == col and m == "continue" for _, c, _s, m in rows[r + height]):
                        height += 1
                boxes.append((text, height, span, col))
            builder.add_row_at(boxes)
    except OverflowError:
        refuse(f"“{file_name}”中的表格过大，不像统计表")
    return builder.grid()


# a report with photographs of a few pages; the document part itself is far smaller
LIMITS = ZipLimits(members=1000, member_bytes=16 * 1024 * 1024, total_bytes=48 * 1024 * 1024)


def read_docx(raw: bytes, name: str) -> Document:
    try:  # every member decompressed within limits, sizes and CRCs held to their headers
        xml = check_zip(raw, LIMITS).get("word/document.xml")
        if xml is None:
            refuse(f"“{name}”已损坏或不是 Word 文档（.docx），未导入")
        refuse_xml_declarations(xml)
    except UnsafePackage as exc:
        refuse(f"“{name}”{str(exc).replace('Office 文件（.xlsx / .docx）', 'Word 文档（.docx）')}"
               f"，未导入")
    body = parse_body(xml)
    if body is None:
        refuse(f"“{name}”已损坏，无法读取其中的文字，未导入")
    grids = []
    for tbl in body.iter(f"{W}tbl"):
        grids.append(_table(tbl, f"表格{len(grids) + 1}", name))
        check_grids(grids, name)
    return Document("docx", grids, body_lines(body) + grid_lines(grids), name)


def parse_body(xml: bytes):
    """word/document.xml's w:body (no network, no entities, no huge tree); None if damaged."""
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False,
                             load_dtd=False)
    try:
        return etree.fromstring(xml, parser).find(f"{W}body")
    except etree.XMLSyntaxError:
        return None


def body_lines(body) -> list[str]:
    """The text of every paragraph outside tables (content controls included), in order."""
    lines = []
    for p in body.iter(f"{W}p"):
        if any(a.tag == f"{W}tbl" for a in p.iterancestors()):
            continue
        text = _text(p)
        if text:
            lines.append(text)
    return lines
