"""Word (python-docx) details every .docx gkdesk writes shares: A4 pages with GB/T 9704 margins,
fonts set for East Asian text too, and paragraphs without the template's spacing.

python-docx's `font.name` sets only the Latin font, and its default template gives docDefaults and
the built-in styles `w:eastAsiaTheme`, which wins over `w:eastAsia`: Word would show Chinese in
the theme font. Every font set here names all four scripts and drops the theme attributes.
"""
from __future__ import annotations

from docx.document import Document as DocumentObject
from docx.enum.text import WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

# GB/T 9704-2012: A4, type area 156 mm × 225 mm.
PAGE_WIDTH_MM, PAGE_HEIGHT_MM = 210, 297
MARGINS_MM = {"top": 37, "bottom": 35, "left": 28, "right": 26}

# Chinese type sizes in points (号)
SIZE_2 = 22.0  # 二号: the title
SIZE_3 = 16.0  # 三号: body text and headings
SIZE_4 = 14.0  # 四号: page numbers
SIZE_5 = 10.5  # 五号
SIZE_SMALL_5 = 9.0  # 小五: tables inside the report

_THEME_ATTRS = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")


def set_fonts(rpr_owner, east_asian: str, latin: str | None = None) -> None:
    """Name the font for every script on a run, a style or docDefaults (anything with rPr)."""
    rpr = rpr_owner.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in _THEME_ATTRS:
        fonts.attrib.pop(qn(attr), None)
    latin = latin or east_asian
    fonts.set(qn("w:ascii"), latin)
    fonts.set(qn("w:hAnsi"), latin)
    fonts.set(qn("w:cs"), latin)
    fonts.set(qn("w:eastAsia"), east_asian)


def style_font(style, east_asian: str, size: float, bold: bool = False,
               latin: str | None = None) -> None:
    """A paragraph or character style in one font and size, black, with no theme font."""
    set_fonts(style.element, east_asian, latin)
    style.font.size = Pt(size)
    style.font.bold = bold
    style.font.italic = False
    style.font.color.rgb = RGBColor(0, 0, 0)


def run_font(run, east_asian: str, size: float, bold: bool | None = None,
             latin: str | None = None) -> None:
    set_fonts(run._r, east_asian, latin)
    run.font.size = Pt(size)
    if bold is not None:
        run.font.bold = bold


def plain_defaults(document: DocumentObject, east_asian: str, size: float) -> None:
    """docDefaults and Normal in this font with no spacing after paragraphs, the default
    template's theme fonts removed everywhere (a style keeping eastAsiaTheme would show Chinese
    in the theme's font)."""
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is not None:
        for fonts in defaults.iter(qn("w:rFonts")):
            for attr in _THEME_ATTRS:
                fonts.attrib.pop(qn(attr), None)
            fonts.set(qn("w:eastAsia"), east_asian)
        for lang in defaults.iter(qn("w:lang")):
            lang.set(qn("w:eastAsia"), "zh-CN")
        for spacing in defaults.iter(qn("w:spacing")):
            spacing.attrib.pop(qn("w:after"), None)
            spacing.set(qn("w:line"), "240")
    for fonts in styles.iter(qn("w:rFonts")):
        for attr in _THEME_ATTRS:
            fonts.attrib.pop(qn(attr), None)
    normal = document.styles["Normal"]
    style_font(normal, east_asian, size)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.space_before = Pt(0)


def a4_page(document: DocumentObject) -> None:
    """Every section A4 portrait with the GB/T 9704 margins."""
    for section in document.sections:
        section.page_width = Mm(PAGE_WIDTH_MM)
        section.page_height = Mm(PAGE_HEIGHT_MM)
        section.top_margin = Mm(MARGINS_MM["top"])
        section.bottom_margin = Mm(MARGINS_MM["bottom"])
        section.left_margin = Mm(MARGINS_MM["left"])
        section.right_margin = Mm(MARGINS_MM["right"])
        section.header_distance = Mm(15)
        section.footer_distance = Mm(25)  # the page number sits about 7 mm below the type area


def tight(paragraph, line_pt: float | None = None) -> None:
    """No spacing around the paragraph; a fixed line height when given, single otherwise."""
    fmt = paragraph.paragraph_format
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(0)
    fmt.first_line_indent = Pt(0)
    if line_pt is None:
        fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE
    else:
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = Pt(line_pt)


def add_text(paragraph, text: str, east_asian: str, size: float, bold: bool | None = None,
             latin: str | None = None):
    run = paragraph.add_run(text)
    run_font(run, east_asian, size, bold, latin)
    return run


def declare_fonts(document: DocumentObject, substitutes: dict[str, str]) -> None:
    """List fonts in the font table with the font Word should use where they are missing
    (w:altName): 仿宋_GB2312 is on government PCs, 仿宋 on every Windows."""
    from lxml import etree

    part = next((p for p in document.part.package.iter_parts()
                 if str(p.partname).endswith("/fontTable.xml")), None)
    if part is None:
        return
    root = etree.fromstring(part.blob)
    known = {f.get(qn("w:name")) for f in root.iter(qn("w:font"))}
    for name, substitute in substitutes.items():
        if name in known:
            continue
        font = etree.SubElement(root, qn("w:font"))
        font.set(qn("w:name"), name)
        for tag, value in (("w:altName", substitute), ("w:charset", "86"),
                           ("w:family", "auto"), ("w:pitch", "variable")):
            etree.SubElement(font, qn(tag)).set(qn("w:val"), value)
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
