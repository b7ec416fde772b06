"""A web page's tables as grids (lxml.html; nothing is fetched, no entities expanded).

The charset is the one the page declares, else UTF-8, else GB18030. <br> inside a cell is a line
break of the label; rowspan/colspan are expanded the way a browser lays the table out.
"""
from __future__ import annotations

import re

from .document import Document, GridBuilder, grid_lines
from .limits import MAX_TABLE_CELLS, check_grids, refuse

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.I)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_BLOCKS = ("p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "br", "tr", "caption",
           "section", "article", "header", "center")


def decode(raw: bytes) -> str:
    match = _META_CHARSET.search(raw[:4096])
    candidates = []
    if raw.startswith(b"\xef\xbb\xbf"):
        candidates.append("utf-8-sig")
    if match:
        declared = match.group(1).decode("ascii", "replace").lower()
        candidates.append("gb18030" if declared in ("gb2312", "gbk", "gb18030") else declared)
    candidates += ["utf-8", "gb18030"]
    for encoding in candidates:
        try:
            return raw.decode(encoding)
        except (LookupError, UnicodeDecodeError):
            continue
    return raw.decode("gb18030", errors="replace")


def _span(cell, name: str) -> int:
    try:
        return int(re.match(r"\s*(\d+)", cell.get(name, "1")).group(1))  # type: ignore[union-attr]
    except (AttributeError, ValueError):
        return 1


def _cell_text(cell) -> str:
    for br in cell.iter("br"):
        br.tail = "\n" + (br.tail or "")
    return cell.text_content().replace("\xa0", " ").strip()


def parse_page(raw: bytes):
    """A page's element tree, parsed safely (nothing fetched, no huge trees); None if lxml
    cannot make a document of it. Shared by intake and the report's text check."""
    import lxml.html
    from lxml import etree

    # control characters (none belongs in a page) would make lxml refuse the text it gave back
    text = _CONTROL.sub("", decode(raw))
    text = re.sub(r"^\s*<\?xml[^>]*\?>", "", text)  # lxml refuses a str with an encoding decl
    parser = lxml.html.HTMLParser(no_network=True, remove_comments=True, huge_tree=False)
    try:
        return lxml.html.document_fromstring(text, parser=parser)
    except (etree.ParserError, ValueError):
        return None


def read_html(raw: bytes, name: str) -> Document:
    root = parse_page(raw)
    if root is None:
        refuse(f"“{name}”不是可以读取的网页文件")
    for bad in root.xpath("//script|//style|//noscript"):
        bad.drop_tree()
    grids = []
    tables = root.xpath("//table")
    for table in tables:
        # every table, a layout table's inner ones too: each reads only its own rows
        builder = GridBuilder(f"表格{len(grids) + 1}", MAX_TABLE_CELLS)
        rows = [tr for tr in table.xpath(".//tr") if _own(tr, table)]
        try:
            for tr in rows:
                cells = [c for c in tr if isinstance(c.tag, str) and c.tag in ("td", "th")]
                builder.add_row([(_cell_text(c), _span(c, "rowspan"), _span(c, "colspan"))
                                 for c in cells])
        except OverflowError:
            refuse(f"“{name}”中的表格过大，不像统计表")
        grids.append(builder.grid())
        check_grids(grids, name)
    for table in tables:
        table.drop_tree() if table.getparent() is not None else None
    lines = [t.strip() for t in root.xpath("//title/text()")]
    body = root.body if root.find("body") is not None else root
    for block in body.iter(*_BLOCKS):
        block.tail = "\n" + (block.tail or "")
    lines += [line.strip() for line in body.text_content().splitlines() if line.strip()]
    return Document("html", grids, lines + grid_lines(grids), name)


def _own(tr, table) -> bool:
    """A row of this table, not of a table nested inside one of its cells."""
    parent = tr.getparent()
    while parent is not None and parent.tag != "table":
        parent = parent.getparent()
    return parent is table
