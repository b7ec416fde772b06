"""A report's narrative paragraphs from .docx, .txt or .html, for the text check.

Tables are not narrative (the report's own tables, the 附件 with the statistics table): a .docx
gives its body paragraphs only, an .html loses its <table>s, and in every format reading stops
at a line that is only 附件 (what follows is the attachment). Text files may be UTF-8 or GB18030;
HTML is read in the charset it declares.
"""
from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

from ..draft import DraftError
from ..intake.docx_grids import LIMITS as DOCX_LIMITS
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
        lines = decode(raw).lstrip("\ufeff").splitlines()
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
    try:  # a zip bomb or XML bomb never reaches python-docx (the limits intake uses)
        parts = check_zip(raw, DOCX_LIMITS)
        refuse_xml_declarations(parts.get("word/document.xml", b""))
    except UnsafePackage as exc:
        words = str(exc).replace("（.xlsx / .docx）", "").replace("Office 文件", "Word 文档（.docx）")
        raise ReportReadError(f"“{name}”{words}") from None
    import docx  # python-docx: only when a Word file is read
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(raw))
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError, ValueError, OSError):
        raise ReportReadError(f"“{name}”已损坏，不是有效的 Word 文档（.docx）") from None
    except Exception:  # lxml's XMLSyntaxError and the like: a damaged part
        raise ReportReadError(f"“{name}”已损坏，不是有效的 Word 文档（.docx）") from None
    # body paragraphs only: cells of tables are not narrative
    return [paragraph.text for paragraph in document.paragraphs]


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
