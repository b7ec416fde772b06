"""Draft → HTML that Word and WPS open as a document and paste into a report as a real table.

Word ignores most stylesheets when pasting, so every box carries its own inline style: borders
and widths in pt, 宋体 with the East-Asian font named explicitly, and a paragraph with zero
indent and spacing (reports often give body text a 2-character first-line indent, which would
otherwise leak into every cell). All text is escaped.
"""
from __future__ import annotations

import os
from html import escape

from ..draft import Draft
from ..rules import Finding
from .files import write_atomically
from .layout import (FONT_PT, PAD_PT, TABLE_WIDTH_PT, Box, DocumentLayout, TableLayout,
                     document_layout, indent_pt, is_bold, is_centred)

PAGE_MARGIN_PT = (595.3 - TABLE_WIDTH_PT) / 2  # A4 portrait, the table fills the type area


def _font(name: str, fallbacks: str) -> str:
    """A font for Word by its Chinese name for every script (Word otherwise sets Latin digits
    in its default Western font), with fallbacks for browsers."""
    return (f"font-family:{name},{fallbacks};mso-fareast-font-family:{name};"
            f"mso-ascii-font-family:{name};mso-hansi-font-family:{name}")


_SONG = _font("宋体", "SimSun,serif")
_FANG = _font("仿宋", "FangSong,STFangsong,serif")
_HEI = _font("黑体", "SimHei,sans-serif")
_PLAIN_P = "margin:0pt;text-indent:0pt;line-height:normal;mso-pagination:none"


def write_html(draft: Draft, path: str | os.PathLike,
               findings: list[Finding] | None = None) -> None:
    text = document_html(draft, draft.findings() if findings is None else findings)
    write_atomically(path, lambda temp: temp.write_text(text, encoding="utf-8", newline="\n"))


def table_html(draft: Draft) -> str:
    """The table(s) as an HTML fragment, for the clipboard (复制表格)."""
    return _tables(document_layout(draft))


def document_html(draft: Draft, findings: list[Finding]) -> str:
    doc = document_layout(draft)
    parts = [_head(doc.title), _para(doc.title, _HEI, 16, "center", after=6)]
    if doc.subtitle:
        parts.append(_para(doc.subtitle, _FANG, 12, "center", after=6))
    parts.append(_para(doc.unit_line, _FANG, 12, "left", after=4))
    parts.append(_tables(doc))
    meta = "　　".join(line for _, line in doc.meta_lines)
    parts.append(_para(meta, _FANG, 12, "left", before=6))
    explained = [f for f in findings if f.explanation]
    if explained:
        parts.append(_para("说明：", _FANG, 12, "left", before=6))
        for number, finding in enumerate(explained, start=1):
            parts.append(_para(f"{number}. {finding.explanation}（{finding.message}）",
                               _FANG, 10.5, "left"))
    parts.append("</div>\n</body>\n</html>\n")
    return "".join(parts)


def _head(title: str) -> str:
    return (
        '<html xmlns:v="urn:schemas-microsoft-com:vml"\n'
        'xmlns:o="urn:schemas-microsoft-com:office:office"\n'
        'xmlns:w="urn:schemas-microsoft-com:office:word"\n'
        'xmlns:m="http://schemas.microsoft.com/office/2004/12/omml"\n'
        'xmlns="http://www.w3.org/TR/REC-html40">\n'
        "<head>\n"
        '<meta http-equiv="Content-Type" content="text/html; charset=utf-8">\n'
        '<meta name="ProgId" content="Word.Document">\n'
        '<meta name="Generator" content="gkdesk">\n'
        '<meta name="Originator" content="gkdesk">\n'
        f"<title>{escape(title)}</title>\n"
        "<!--[if gte mso 9]><xml>\n<w:WordDocument>\n<w:View>Print</w:View>\n"
        "<w:Zoom>100</w:Zoom>\n<w:DoNotOptimizeForBrowser/>\n</w:WordDocument>\n"
        "</xml><![endif]-->\n"
        "<style>\n"
        "@page WordSection1 {size:595.3pt 841.9pt; mso-page-orientation:portrait;\n"
        f"  margin:72.0pt {PAGE_MARGIN_PT:.1f}pt 72.0pt {PAGE_MARGIN_PT:.1f}pt;\n"
        "  mso-header-margin:42.55pt; mso-footer-margin:49.6pt; mso-paper-source:0;}\n"
        "div.WordSection1 {page:WordSection1;}\n"
        f"p.MsoNormal {{margin:0pt; font-size:{FONT_PT}pt; {_SONG};}}\n"
        "table {border-collapse:collapse;}\n"
        "</style>\n"
        "</head>\n"
        '<body lang="ZH-CN" style="tab-interval:21.0pt">\n'
        '<div class="WordSection1">\n'
    )


def _para(text: str, font: str, size: float, align: str, before: float = 0,
          after: float = 0) -> str:
    style = (f"{_PLAIN_P};margin-top:{before}pt;margin-bottom:{after}pt;text-align:{align};"
             f"font-size:{size}pt;{font}")
    return f'<p class="MsoNormal" style="{style}">{escape(text)}</p>\n'


def _tables(doc: DocumentLayout) -> str:
    return "".join(_table(table) for table in doc.tables)


def _table(table: TableLayout) -> str:
    out = []
    if table.title:
        out.append(_para(table.title, _HEI, 12, "left", before=6, after=4))
    width = sum(table.widths_pt)
    out.append(
        '<table class="MsoTableGrid" border="1" cellspacing="0" cellpadding="0" '
        f'width="{round(width / 0.75)}" style="width:{width:.1f}pt;border-collapse:collapse;'
        "border:none;table-layout:fixed;mso-border-alt:solid windowtext .75pt;"
        'mso-table-layout-alt:fixed;mso-padding-alt:0pt 4pt 0pt 4pt">\n')
    out.append("<colgroup>" + "".join(f'<col width="{round(w / 0.75)}" style="width:{w:.1f}pt">'
                                      for w in table.widths_pt) + "</colgroup>\n")
    rows: dict[int, list[Box]] = {}
    for box in table.boxes:
        rows.setdefault(box.row, []).append(box)
    for r in range(table.n_rows):
        if r == 0 and table.header_rows:
            out.append("<thead>\n")
        if r == table.header_rows and table.header_rows:
            out.append("</thead>\n<tbody>\n")
        repeat = ";mso-yfti-firstrow:yes" if r < table.header_rows else ""
        out.append(f'<tr style="page-break-inside:avoid{repeat}">')
        for box in rows.get(r, []):
            out.append(_td(box, table))
        out.append("</tr>\n")
    if table.header_rows:
        out.append("</tbody>\n")
    out.append("</table>\n")
    if table.note:
        out.append(_para(table.note, _FANG, FONT_PT, "left", before=3))
    return "".join(out)


def _td(box: Box, table: TableLayout) -> str:
    width = table.width_of(box)
    bold = is_bold(box, table.table.layout)
    centred = is_centred(box, table)
    align = "center" if centred else "left"
    indent = 0.0 if centred else indent_pt(box.level)
    td_style = (f"width:{width:.1f}pt;border:solid windowtext .75pt;"
                f"padding:1.5pt {PAD_PT / 2}pt 1.5pt {PAD_PT / 2}pt;vertical-align:middle;"
                f"font-size:{FONT_PT}pt;{_SONG}")
    p_style = (f"{_PLAIN_P};text-align:{align};margin-left:{indent:.1f}pt;"
               f"font-size:{FONT_PT}pt;{_SONG}" + (";font-weight:bold" if bold else ""))
    spans = ""
    if box.rowspan > 1:
        spans += f' rowspan="{box.rowspan}"'
    if box.colspan > 1:
        spans += f' colspan="{box.colspan}"'
    cell = f' data-cell="{escape(box.cell)}"' if box.cell else ""
    return (f'<td{spans}{cell} width="{round(width / 0.75)}" style="{td_style}">'
            f'<p class="MsoNormal" style="{p_style}">{escape(box.text)}</p></td>')
