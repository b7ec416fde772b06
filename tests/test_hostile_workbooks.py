"""Hostile workbooks (claims of a million rows, sizes that lie, corrupt deflate data) are refused
with one sentence; safezip.check_zip protects any zip-based reader (.xlsx, .docx) the same way.

Time and memory of each refusal: bench/bench_hostile_files.py."""
import io
import zipfile

import pytest

from export_support import sample
from hostile_files import corrupt_deflate, far_cell, lying_size, million_row_dimension, replace_member
from gkdesk import safezip
from gkdesk.exporting.xlsx import WorkbookError, write_xlsx
from gkdesk.exporting.xlsx_read import parse_xlsx


@pytest.fixture(scope="module")
def book(tmp_path_factory) -> bytes:
    path = tmp_path_factory.mktemp("book") / "sample.xlsx"
    write_xlsx(sample(), path)
    return path.read_bytes()


@pytest.mark.parametrize("make, words", [
    (million_row_dimension, "1000000 行"),
    (far_cell, "1000000 行"),
    (lambda raw: lying_size(raw, real_bytes=16 * 1024 * 1024), "已损坏"),
    (corrupt_deflate, "已损坏"),
])
def test_hostile_workbooks_are_refused_in_one_sentence(book, make, words):
    with pytest.raises(WorkbookError) as info:
        parse_xlsx(make(book), "hostile.xlsx")
    message = str(info.value)
    assert message.startswith("“hostile.xlsx”") and words in message and "\n" not in message


def test_the_untouched_workbook_still_reads(book):
    assert parse_xlsx(book).values == sample().values


def test_a_member_is_never_decompressed_past_its_declared_size(book, monkeypatch):
    """The lying member holds 20 MB of deflate output; check_zip stops right after the 4 KB its
    headers declare."""
    bomb = lying_size(book, real_bytes=20 * 1024 * 1024)
    with zipfile.ZipFile(io.BytesIO(bomb)) as archive:
        declared = [info.file_size for info in archive.infolist()]
    produced = []
    real = safezip.zlib.decompressobj

    class Counting:
        def __init__(self, *args):
            self.inner = real(*args)

        def decompress(self, data, max_length=0):
            assert 0 < max_length <= max(declared) + 1  # 0 would mean "no limit"
            out = self.inner.decompress(data, max_length)
            produced.append(len(out))
            return out

        def __getattr__(self, name):
            return getattr(self.inner, name)

    monkeypatch.setattr(safezip.zlib, "decompressobj", Counting)
    with pytest.raises(safezip.UnsafePackage):
        safezip.check_zip(bomb)
    assert sum(produced) <= sum(declared) + len(declared)  # not 20 MB


def test_check_zip_returns_the_parts_of_a_real_docx():
    from docx import Document

    out = io.BytesIO()
    Document().save(out)
    parts = safezip.check_zip(out.getvalue())
    assert "word/document.xml" in parts and parts["word/document.xml"].startswith(b"<?xml")
    for data in parts.values():
        if data.startswith(b"<?xml"):
            safezip.refuse_xml_declarations(data)


@pytest.mark.parametrize("raw", [b"", b"PK\x03\x04", b"not a zip at all", b"PK" + b"\x00" * 100])
def test_check_zip_refuses_what_is_not_a_zip(raw):
    with pytest.raises(safezip.UnsafePackage, match="已损坏"):
        safezip.check_zip(raw)


def test_check_zip_limits_are_the_callers(book):
    with pytest.raises(safezip.UnsafePackage, match="部件过多"):
        safezip.check_zip(book, safezip.ZipLimits(members=2))
    with pytest.raises(safezip.UnsafePackage, match="解压后过大"):
        safezip.check_zip(book, safezip.ZipLimits(member_bytes=100))


def test_a_stored_member_must_be_exactly_its_size(book):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as target:
        target.writestr("a.xml", b"<a/>")
    raw = bytearray(out.getvalue())
    raw[raw.find(b"<a/>")] = ord("!")  # same size, wrong CRC
    with pytest.raises(safezip.UnsafePackage, match="已损坏"):
        safezip.check_zip(bytes(raw))


def test_a_doctype_in_any_part_is_refused(book):
    bad = replace_member(book, "xl/styles.xml", b'<!DOCTYPE x [<!ENTITY a "b">]><x/>')
    with pytest.raises(WorkbookError, match="实体"):
        parse_xlsx(bad, "x.xlsx")


def test_a_directory_entry_of_an_unknown_zip_version_is_damage(book):
    raw = bytearray(book)
    at = raw.find(b"PK\x01\x02")
    raw[at + 6] = 99  # "version needed to extract": 9.9 (zipfile raises NotImplementedError)
    with pytest.raises(WorkbookError, match="已损坏"):
        parse_xlsx(bytes(raw), "x.xlsx")


def test_a_year_property_of_5000_digits_is_refused_as_the_year(book):
    from hostile_files import member_bytes

    custom = member_bytes(book, "docProps/custom.xml")
    import re

    changed = re.sub(rb"<vt:i4([^>]*)>2018</vt:i4>",
                     lambda m: b"<vt:lpwstr" + m.group(1) + b">" + b"9" * 5000 + b"</vt:lpwstr>",
                     custom)
    assert changed != custom
    with pytest.raises(WorkbookError, match="年度无效"):
        parse_xlsx(replace_member(book, "docProps/custom.xml", changed), "x.xlsx")
