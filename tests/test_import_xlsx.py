"""Reading a gkdesk workbook back: identical round trips, edits made in Excel, and refusals of
workbooks gkdesk did not write, damaged files and hostile ones (nothing is written then)."""
import os
import subprocess
import sys
import re
import time
import zipfile
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.cell_range import CellRange

from export_support import EDITIONS, ROOT, SAMPLE, filled, sample
from hostile_files import rewrite_member
from gkdesk.draft import Draft, DraftError, META_KEYS
from gkdesk.editions import get_edition
from gkdesk.exporting import stamp
from gkdesk.exporting.xlsx import WorkbookError, read_xlsx, write_xlsx
from gkdesk.rules import PreviousYear


def roundtrip(draft, tmp_path, name="book.xlsx"):
    path = tmp_path / name
    write_xlsx(draft, path)
    return read_xlsx(path)


def locate(book, cell_id):
    ((sheet, coordinate),) = list(book.defined_names[stamp.cell_name(cell_id)].destinations)
    return book[sheet][coordinate.replace("$", "")]


def replace_year(custom_xml: bytes, tag: bytes, value: bytes) -> bytes:
    """Swap the year property's `<vt:i4>2018</vt:i4>` for another type and value, keeping the
    xmlns openpyxl writes on the element itself when lxml is installed."""
    changed, count = re.subn(rb"<vt:i4([^>]*)>2018</vt:i4>",
                             lambda m: b"<vt:" + tag + m.group(1) + b">" + value + b"</vt:" + tag + b">",
                             custom_xml)
    assert count == 1, "the year property was not found"
    return changed


def exported(tmp_path, draft=None, name="book.xlsx"):
    path = tmp_path / name
    write_xlsx(draft or sample(), path)
    return path


# --------------------------------------------------------------------------------------------
# Round trips

def test_sample_comes_back_identical(tmp_path):
    draft = sample()
    draft.meta.update(filled_by="张三", phone="0533-1234567")
    draft.explanations["S14-SUM-CLOSED@3.2"] = "核对中"
    back = roundtrip(draft, tmp_path)
    assert back == draft
    assert isinstance(back.values["8.5"], Decimal) and back.values["8.5"] == Decimal("2.6")
    assert isinstance(back.values["1.1"], int)
    assert [f.key for f in back.findings()] == ["S14-SUM-CLOSED@3.2"]
    assert back.findings()[0].explanation == "核对中"


@pytest.mark.parametrize("edition_id", EDITIONS)
def test_every_edition_comes_back_identical(tmp_path, edition_id):
    draft = filled(edition_id, seed=7)
    draft.explanations = {f.key: f"说明{i}" for i, f in enumerate(draft.findings()[:3])}
    draft.explanations["STALE@nowhere"] = "a finding that no longer arises keeps its text"
    last = filled(edition_id, seed=8)
    draft.previous = PreviousYear(edition_id, draft.year - 1, "上年的单位名称", last.values)
    back = roundtrip(draft, tmp_path)
    assert back == draft
    assert back.previous == draft.previous  # the cross-year rules still have last year


def test_damaged_last_year_data_is_refused(tmp_path):
    draft = sample()
    draft.previous = PreviousYear("stat2014", 2017, "", {"1.1": 3})
    path = exported(tmp_path, draft)
    book = load_workbook(path)
    book[stamp.PREVIOUS_SHEET]["A1"].value = '{"edition": "stat2014", "year": 2017, "values": {"9.9": 1}}'
    book.save(path)
    with pytest.raises(WorkbookError, match="上年数据"):
        read_xlsx(path)
    book[stamp.PREVIOUS_SHEET]["A1"].value = "[" * 30000  # nested past Python's recursion limit
    book.save(path)
    with pytest.raises(WorkbookError, match="上年数据"):
        read_xlsx(path)


_TEXT = st.text(st.characters(blacklist_categories=("Cs", "Cc", "Cn")), max_size=30)
_MULTILINE = st.text(st.characters(blacklist_categories=("Cs", "Cc", "Cn"))
                     | st.just("\n"), min_size=1, max_size=60)


def _value(kind):
    if kind == "money":  # Excel keeps 15 significant digits: 11 before the point, 4 after
        return st.decimals(min_value=0, max_value=Decimal("99999999999.9999"), places=4)
    if kind == "signed":
        return st.integers(-(10**15 - 1), 10**15 - 1)
    return st.integers(0, 10**15 - 1)


@st.composite
def drafts(draw, edition_id):
    edition = get_edition(edition_id)
    values = {}
    for cell_id, cell in edition.cells.items():
        value = draw(st.none() | _value(cell.kind))
        if value is not None:
            values[cell_id] = value
    keys = [rule.key for rule in edition.rules]
    explanations = draw(st.dictionaries(st.sampled_from(keys) | st.text(max_size=20), _MULTILINE,
                                        max_size=4))
    meta = {key: draw(_TEXT) for key in META_KEYS}
    return Draft(edition_id, draw(st.integers(2000, 2100)), draw(_TEXT), values, explanations,
                 meta)


@pytest.mark.parametrize("edition_id", EDITIONS)
@settings(max_examples=15, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                 HealthCheck.data_too_large])
@given(data=st.data())
def test_random_drafts_come_back_identical(tmp_path, edition_id, data):
    draft = data.draw(drafts(edition_id))
    back = roundtrip(draft, tmp_path)
    assert back.edition == draft.edition and back.year == draft.year
    assert back.unit == draft.unit
    assert back.meta == draft.meta
    assert back.explanations == draft.explanations
    assert back.values == draft.values
    assert {k: type(v) for k, v in back.values.items()} == \
           {k: Decimal if isinstance(v, Decimal) else int for k, v in draft.values.items()}


# --------------------------------------------------------------------------------------------
# Edited in Excel

def test_numbers_typed_in_excel_read_like_typed_input(tmp_path):
    path = exported(tmp_path)
    book = load_workbook(path)
    locate(book, "1.1").value = "１２"  # full-width digits from a Chinese input method
    locate(book, "1.2.1").value = "8,405"
    locate(book, "3.2.1").value = "1件"
    locate(book, "9.3").value = None  # cleared
    locate(book, "9.2").value = "   "  # spaces only: blank, not zero
    locate(book, "8.5").value = "３.５０"
    locate(book, "8.3").value = 3051.0  # a float from a recalculating sheet
    book.save(path)
    draft = read_xlsx(path)
    assert draft.values["1.1"] == 12
    assert draft.values["1.2.1"] == 8405
    assert draft.values["3.2.1"] == 1
    assert "9.3" not in draft.values and "9.2" not in draft.values
    assert draft.values["8.5"] == Decimal("3.5") and isinstance(draft.values["8.5"], Decimal)
    assert draft.values["8.3"] == 3051 and isinstance(draft.values["8.3"], int)
    keys = [f.key for f in draft.findings()]  # re-checked: the closed-sum error is gone
    assert "S14-SUM-CLOSED@3.2" not in keys
    assert "S14-CHANNEL-LE@1.2.1" in keys  # 8405 published on the website, 12 in all


def test_unit_contact_and_explanations_edited_in_excel_come_back(tmp_path):
    path = exported(tmp_path)
    book = load_workbook(path)
    book["统计表"]["A3"].value = "填报单位：淄博市公共资源交易中心（盖章）"
    ws = book["校验结果"]
    ws["E3"].value = "按时办结数应为1，已更正"
    book.save(path)
    draft = read_xlsx(path)
    assert draft.unit == "淄博市公共资源交易中心（盖章）"
    assert draft.explanations == {"S14-SUM-CLOSED@3.2": "按时办结数应为1，已更正"}


def test_cells_are_found_by_id_after_a_row_is_inserted(tmp_path):
    """Excel moves defined names with their cells; so must the reader follow the names."""
    path = exported(tmp_path)
    book = load_workbook(path)
    ws = book["统计表"]
    below = [str(r) for r in ws.merged_cells.ranges if r.min_row >= 10]
    for merged in below:
        ws.unmerge_cells(merged)
    ws.insert_rows(10)  # openpyxl moves the cells only: move merges and names as Excel does
    for merged in below:
        moved = CellRange(merged)
        moved.shift(row_shift=1)
        ws.merge_cells(moved.coord)
    for name, entry in list(book.defined_names.items()):
        ((sheet, coordinate),) = list(entry.destinations)
        column, row = coordinate.replace("$", " ").split()
        if sheet == "统计表" and int(row) >= 10:
            book.defined_names[name] = DefinedName(
                name, attr_text=f"'{sheet}'!${column}${int(row) + 1}")
    ws.cell(10, 1).value = "（本行为审核时插入的备注）"
    book.save(path)
    draft = read_xlsx(path)
    assert draft == sample()


def test_text_that_is_not_a_number_is_refused_naming_the_row(tmp_path):
    path = exported(tmp_path)
    book = load_workbook(path)
    locate(book, "3.2").value = "约10件"
    book.save(path)
    with pytest.raises(WorkbookError, match="申请办结数.*约10件"):
        read_xlsx(path)


def test_a_deleted_row_is_refused(tmp_path):
    path = exported(tmp_path)
    book = load_workbook(path)
    book.defined_names[stamp.cell_name("3.2.2")] = DefinedName(stamp.cell_name("3.2.2"),
                                                              attr_text="#REF!")
    book.save(path)
    with pytest.raises(WorkbookError, match="延期办结数"):
        read_xlsx(path)


# --------------------------------------------------------------------------------------------
# Refusals

def test_a_workbook_gkdesk_did_not_write_is_refused(tmp_path):
    path = tmp_path / "template.xlsx"
    book = Workbook()
    book.active["A1"] = "2018年度政府信息公开工作情况统计表"
    book.active["C5"] = 8405
    book.save(path)
    with pytest.raises(WorkbookError, match="不是由 gkdesk 导出") as info:
        read_xlsx(path)
    assert isinstance(info.value, DraftError)
    assert "\n" not in str(info.value)


@pytest.mark.parametrize("content, reason", [
    (b"", "不是 Excel 工作簿"),
    ("统计指标\t单位\t统计数\n".encode("gbk"), "不是 Excel 工作簿"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), "另存为 .xlsx"),
    (b"PK\x03\x04 not really a zip", "已损坏"),
])
def test_files_that_are_not_workbooks_are_refused(tmp_path, content, reason):
    path = tmp_path / "book.xlsx"
    path.write_bytes(content)
    with pytest.raises(WorkbookError, match=reason):
        read_xlsx(path)


def test_a_truncated_workbook_is_refused(tmp_path):
    path = exported(tmp_path)
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    with pytest.raises(WorkbookError):
        read_xlsx(path)


def test_a_package_with_zip_encrypted_parts_is_refused(tmp_path):
    path = exported(tmp_path)
    raw = bytearray(path.read_bytes())
    for signature, flags_at in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):  # local, central
        at = raw.find(signature)
        while at >= 0:
            raw[at + flags_at] |= 1  # "encrypted": zipfile wants a password
            at = raw.find(signature, at + 4)
    path.write_bytes(bytes(raw))
    with pytest.raises(WorkbookError, match="已损坏"):
        read_xlsx(path)


def test_a_damaged_part_is_refused(tmp_path):
    path = exported(tmp_path)
    rewrite_member(path, "xl/workbook.xml", lambda data: data[: len(data) // 2])
    with pytest.raises(WorkbookError, match="已损坏"):
        read_xlsx(path)


def test_newer_format_and_unknown_edition_are_refused(tmp_path):
    path = exported(tmp_path)
    rewrite_member(path, "docProps/custom.xml", lambda d: d.replace(b"stat2014", b"stat2099"))
    with pytest.raises(WorkbookError, match="stat2099"):
        read_xlsx(path)
    path = exported(tmp_path, name="newer.xlsx")
    book = load_workbook(path)
    book.custom_doc_props[stamp.PROP_FORMAT_VERSION].value = 99
    book.save(path)
    with pytest.raises(WorkbookError, match="较新版本"):
        read_xlsx(path)


@pytest.mark.parametrize("year", [b"inf", b"nan", b"2018.5"])
def test_a_year_property_that_is_no_whole_number_is_refused(tmp_path, year):
    path = exported(tmp_path)
    rewrite_member(path, "docProps/custom.xml",
            lambda data: replace_year(data, b"r8", year))
    with pytest.raises(WorkbookError, match="年度无效"):
        read_xlsx(path)


def test_a_year_property_of_digit_like_text_is_refused(tmp_path):
    path = exported(tmp_path)
    rewrite_member(path, "docProps/custom.xml",
            lambda data: replace_year(data, b"lpwstr", "²".encode()))
    with pytest.raises(WorkbookError, match="年度无效"):
        read_xlsx(path)


BOMB = (b'<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lololololololololol">'
        + b"".join(b'<!ENTITY lol%d "%s">' % (i, (b"&lol%d;" % (i - 1) if i else b"&lol;") * 10)
                   for i in range(1, 10))
        + b"]>\n")


def with_bomb(data):
    body = data.split(b"?>", 1)[1] if data.startswith(b"<?xml") else data
    return BOMB + body.replace(b">", b">&lol9;", 1) if b"<v>" not in body else \
        BOMB + body.replace(b"<v>", b"<v>&lol9;", 1)


@pytest.mark.parametrize("member", ["xl/workbook.xml", "xl/worksheets/sheet1.xml",
                                    "docProps/custom.xml", "[Content_Types].xml"])
def test_xml_bombs_are_refused_quickly(tmp_path, member):
    path = exported(tmp_path)
    rewrite_member(path, member, lambda data: with_bomb(data))
    start = time.perf_counter()
    with pytest.raises(WorkbookError, match="实体"):
        read_xlsx(path)
    assert time.perf_counter() - start < 2


def test_defusedxml_stands_behind_the_prescan(tmp_path, monkeypatch):
    """Were the scan to miss a DTD, openpyxl still parses through defusedxml and refuses.

    The entity is tiny and harmless on purpose: expat itself stops a billion laughs, so only
    defusedxml refuses this one, and the test fails if openpyxl ever parses without it."""
    import re

    from gkdesk import safezip

    monkeypatch.setattr(safezip, "_DECLARATION", re.compile(rb"(?!x)x"))
    path = exported(tmp_path)

    def with_entity(data):
        assert data.startswith(b"<workbook ") and b"<sheets>" in data
        return (b'<!DOCTYPE workbook [<!ENTITY e "">]>'
                + data.replace(b"<sheets>", b"<sheets>&e;", 1))

    rewrite_member(path, "xl/workbook.xml", with_entity)
    with pytest.raises(WorkbookError, match="已损坏"):
        read_xlsx(path)


def test_a_merge_over_the_whole_sheet_is_refused_quickly(tmp_path):
    path = exported(tmp_path)
    def whole_sheet(data):
        assert b'ref="A1:C1"' in data
        return data.replace(b'ref="A1:C1"', b'ref="A1:XFD1048576"')

    rewrite_member(path, "xl/worksheets/sheet1.xml", whole_sheet)
    start = time.perf_counter()
    with pytest.raises(WorkbookError, match="合并单元格"):
        read_xlsx(path)
    assert time.perf_counter() - start < 2


def test_a_sheet_part_under_another_name_is_checked_all_the_same(tmp_path):
    """openpyxl finds a sheet through the package's relationships, not by its part name."""
    path = exported(tmp_path)
    with zipfile.ZipFile(path) as source:
        parts = {info.filename: source.read(info) for info in source.infolist()}
    sheet = parts.pop("xl/worksheets/sheet1.xml")
    parts["xl/data/sheet1.bin"] = with_bomb(sheet)
    for member in ("xl/_rels/workbook.xml.rels", "[Content_Types].xml"):
        assert b"worksheets/sheet1.xml" in parts[member]
        parts[member] = parts[member].replace(b"worksheets/sheet1.xml", b"data/sheet1.bin")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts.items():
            target.writestr(name, data)
    with pytest.raises(WorkbookError, match="实体"):
        read_xlsx(path)


def test_a_huge_sheet_is_refused(tmp_path):
    path = exported(tmp_path)
    rows = b"".join(b'<row r="%d"><c r="A%d"><v>1</v></c><c r="B%d"><v>1</v></c></row>'
                    % (r, r, r) for r in range(1000, 52000))
    rewrite_member(path, "xl/worksheets/sheet1.xml",
            lambda data: data.replace(b"</sheetData>", rows + b"</sheetData>"))
    with pytest.raises(WorkbookError, match="工作表过大"):
        read_xlsx(path)


def test_a_part_that_inflates_beyond_the_budget_is_refused(tmp_path):
    path = exported(tmp_path)
    rewrite_member(path, "xl/styles.xml", lambda data: data + b" " * (9 * 1024 * 1024))
    assert path.stat().st_size < 200_000  # tiny on disk
    with pytest.raises(WorkbookError, match="解压后过大"):
        read_xlsx(path)


# --------------------------------------------------------------------------------------------
# The command line

def gkdesk(*args):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "gkdesk", *map(str, args)],
                          capture_output=True, env=env, timeout=120)


def test_cli_export_then_import_gives_the_same_draft_file(tmp_path):
    book, html, back = tmp_path / "表.xlsx", tmp_path / "表.html", tmp_path / "back.gkd"
    assert gkdesk("export", SAMPLE, "-o", book).returncode == 0
    assert gkdesk("export", SAMPLE, "-o", html).returncode == 0
    assert html.read_text(encoding="utf-8").count("<table") == 1
    result = gkdesk("import", book, "-o", back)
    assert result.returncode == 0, result.stderr.decode()
    out = result.stdout.decode("utf-8")
    assert "S14-SUM-CLOSED@3.2" in out and out.rstrip().endswith("1 个错误")
    assert back.read_bytes() == SAMPLE.read_bytes()
    again = gkdesk("export", SAMPLE, "-o", book)
    assert again.returncode == 2 and "--force" in again.stderr.decode()
    assert gkdesk("export", SAMPLE, "-o", book, "--force").returncode == 0


def test_cli_export_refuses_other_suffixes(tmp_path):
    result = gkdesk("export", SAMPLE, "-o", tmp_path / "表.pdf")  # .docx is Word tables now
    assert result.returncode == 2
    err = result.stderr.decode("utf-8")
    assert err.count("\n") == 1 and ".xlsx" in err and ".docx" in err and "Traceback" not in err
    assert not (tmp_path / "表.pdf").exists()


def test_cli_import_of_a_foreign_workbook_writes_nothing(tmp_path):
    foreign = tmp_path / "foreign.xlsx"
    Workbook().save(foreign)
    out = tmp_path / "out.gkd"
    result = gkdesk("import", foreign, "-o", out)
    assert result.returncode == 2
    err = result.stderr.decode("utf-8")
    assert err.count("\n") == 1 and "未找到可识别的统计表" in err and "Traceback" not in err
    assert not out.exists()
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != "gkdesk-data") == \
        ["foreign.xlsx"]


def test_check_does_not_load_openpyxl():
    code = ("import sys, io, contextlib\nfrom gkdesk.cli import main\n"
            "with contextlib.redirect_stdout(io.StringIO()):\n"
            f"    main(['check', {str(SAMPLE)!r}])\n"
            "print('openpyxl' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True,
                            env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=60)
    assert result.stdout.decode().strip() == "False"
