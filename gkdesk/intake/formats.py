"""Which reader a file needs, judged by its first bytes, not only its name: web systems export
".xls" files that are HTML or .xlsx inside. Formats that cannot be read reliably are refused with
what to save them as."""
from __future__ import annotations

import io
import re
import zipfile
from typing import Literal

from ..exporting.stamp import FORMAT
from .limits import refuse

Format = Literal["xlsx", "gkdesk", "xls", "docx", "html"]
SUFFIXES = frozenset({".xlsx", ".xlsm", ".xls", ".docx", ".html", ".htm"})

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_MARKUP = re.compile(rb"<\s*(html|table|!doctype\s+html|head|body|meta)\b", re.I)
_READABLE = "请导入 Excel（.xlsx、.xls）、Word（.docx）或网页（.html）文件"


def sniff(raw: bytes, suffix: str, name: str) -> Format:
    suffix = suffix.lower()
    if suffix in (".doc", ".wps"):
        refuse(f"“{name}”是旧版 Word 或 WPS 文字文件，无法直接读取，请在 Word 或 WPS 中另存为 .docx 后再导入")
    if suffix == ".et":
        refuse(f"“{name}”是 WPS 表格文件，无法直接读取，请在 WPS 中另存为 .xlsx 后再导入")
    if raw.startswith(b"%PDF"):
        refuse(f"“{name}”是 PDF 文件，无法可靠读取其中的表格，请导入报告的 Word（.docx）、Excel 或网页版本")
    if raw.startswith(b"PK"):
        return _package(raw, name)
    if raw.startswith(_OLE):
        if "WordDocument".encode("utf-16-le") in raw[:1 << 20]:
            refuse(f"“{name}”是旧版 Word（.doc）文件，请在 Word 或 WPS 中另存为 .docx 后再导入")
        return "xls"
    head = raw[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    if _MARKUP.search(raw[:65536]) and head.startswith(b"<"):
        return "html"
    refuse(f"“{name}”不是可导入的文件，{_READABLE}")


def _package(raw: bytes, name: str) -> Format:
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            names = set(archive.namelist())
            if "word/document.xml" in names:
                return "docx"
            if "xl/workbook.xml" in names or any(n.startswith("xl/") for n in names):
                custom = b""
                if "docProps/custom.xml" in names \
                        and archive.getinfo("docProps/custom.xml").file_size < 1 << 20:
                    custom = archive.read("docProps/custom.xml")  # zipfile holds it to that size
                return "gkdesk" if FORMAT.encode() in custom[:1 << 20] else "xlsx"
    except Exception:  # noqa: BLE001 - a bad directory raises BadZipFile, struct.error, zlib.error…
        refuse(f"“{name}”已损坏，无法打开，{_READABLE}")
    refuse(f"“{name}”不是 Excel 或 Word 文件，{_READABLE}")
