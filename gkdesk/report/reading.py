"""A report's narrative paragraphs from .docx, .txt or .html, for the text check.

Tables are not narrative (the report's own tables, the 附件 with the statistics table): a .docx
gives its body paragraphs only (those in content controls too, read as intake reads them), an
.html loses its <table>s, and in every format reading stops at a line that is only 附件 (what
follows is the attachment). Text files may be UTF-8 or GB18030;
HTML is read in the charset it declares.
"""
from __future__ import annotations

import re
from pathlib import Path

from ..draft import DraftError
from ..intake.docx_grids import LIMITS as DOCX_LIMITS, body_lines, parse_body
from ..intake.html_grids import decode, parse_page
from ..safefiles import read_bytes
from ..safezip import UnsafePackage, check_zip, refuse_xml_declarations

MAX_REPORT_BYTES = 50 * 1024 * 1024
SUFFIXES = (".docx", ".txt", ".html", ".htm")
_ATTACHMENT = re.compile(r"^附\s*件\s*\d*\s*[:：]?$")
_BLOCKS = ("p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "td", "th",
           "section", "article", "blockquote", "pre", "dd", "dt", "title")
NARRATIVE_CELL_CHARS = 80  # the longest label of a statistics table is about 50 characters


class ReportReadError(DraftError):
    """A report file that cannot be read; str() is one sentence for the clerk."""


def read_paragraphs(path: str | Path) -> list[str]:
    """The narrative paragraphs of a report file, in order, up to its 附件."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise ReportReadError(f"无法核对“{path.name}”：年报正文请用 Word 文档（.docx）、"
                              f"文本文件（.txt）或网页（.html）")
    raw = read_bytes(path, "年报文件", ReportReadError, MAX_REPORT_BYTES)
    if suffix == ".docx":
        lines = _docx_paragraphs(raw, path.name)
    elif suffix == ".txt":
        lines = decode(raw).splitlines()  # decode drops a BOM (utf-8-sig)
    else:
        lines = _html_lines(raw, path.name)
    return narrative(lines)


def narrative(lines: list[str]) -> list[str]:
    """Non-empty lines up to the one that opens the attachment (附件 alone on its line)."""
    out = []
    for line in lines:
        text = line.strip().replace("\u3000", "").strip()
        if not text:
            continue
        if _ATTACHMENT.match(text):
            break
        out.append(line.strip())
    return out


def _docx_paragraphs(raw: bytes, name: str) -> list[str]:
    if raw.startswith(b"\xd0\xcf\x11\xe0"):
        raise ReportReadError(f"“{name}”是旧版 .doc 文件，请在 Word 中另存为 .docx 后再核对")
    if not raw.startswith(b"PK"):
        raise ReportReadError(f"“{name}”不是 Word 文档（.docx）")
    try:  # a zip bomb or XML bomb is refused before parsing (the limits intake uses)
        xml = check_zip(raw, DOCX_LIMITS).get("word/document.xml")
        refuse_xml_declarations(xml or b"")
    except UnsafePackage as exc:
        words = str(exc).replace("（.xlsx / .docx）", "").replace("Office 文件", "Word 文档（.docx）")
        raise ReportReadError(f"“{name}”{words}") from None
    body = parse_body(xml) if xml is not None else None
    if body is None:
        raise ReportReadError(f"“{name}”已损坏，不是有效的 Word 文档（.docx）")
    return body_lines(body)  # as intake reads it: content controls in, table cells out


def _is_data_table(table) -> bool:
    if table.xpath(".//table"):
        return False
    cells = table.xpath(".//td|.//th")
    return not any(len("".join(cell.text_content().split())) > NARRATIVE_CELL_CHARS
                   for cell in cells)


def _html_lines(raw: bytes, name: str) -> list[str]:
    if not decode(raw).strip():
        return []
    root = parse_page(raw)  # the same safe parse intake uses (control characters removed)
    if root is None:
        raise ReportReadError(f"“{name}”不是有效的网页文件")
    for element in root.xpath("//script|//style|//head"):
        element.drop_tree()
    # Statistics tables are skipped; a table that only lays out the page (old government sites
    # put the whole report in one) holds a table inside, or paragraphs of text, and is kept.
    for table in reversed(root.xpath("//table")):
        if table.getparent() is not None and _is_data_table(table):
            table.drop_tree()
    for element in root.iter(*_BLOCKS):
        element.tail = "\n" + (element.tail or "")
        if element.tag == "br":
            continue
        element.text = "\n" + (element.text or "")
    return root.text_content().splitlines()
