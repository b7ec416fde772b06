"""Hostile files built from real ones, shared by the tests and bench/bench_hostile_files.py."""
from __future__ import annotations

import io
import json
import struct
import zipfile
import zlib

DRAFT = {"format": "gkdesk-draft", "format_version": 1, "edition": "stat2014", "year": 2018,
         "unit": "某单位", "values": {"1.1": 3}}


def odd_drafts() -> dict[str, bytes]:
    """The odd drafts of issue 8, by a short name."""
    def with_values(values: str) -> bytes:
        return json.dumps(DRAFT).replace('{"1.1": 3}', values).encode()

    def with_field(key: str, raw: str) -> bytes:
        data = dict(DRAFT)
        data[key] = "@@"
        return json.dumps(data).replace('"@@"', raw).encode()

    return {
        "NaN": with_values('{"1.1": NaN}'),
        "Infinity": with_values('{"1.1": Infinity}'),
        "1e5000": with_values('{"1.1": 1e5000}'),
        "1e999999999 in 万元": with_values('{"8.5": 1e999999999}'),
        "5,000-digit number": with_values('{"1.1": %s}' % ("9" * 5000)),
        "5,000-digit year": with_field("year", "9" * 5000),
        "lone surrogate in unit": with_field("unit", '"\\ud800"'),
        "lone surrogate in meta": with_field("meta", '{"filled_by": "\\ud800"}'),
        "lone surrogate in explanation": with_field("explanations", '{"S14-CLOSED-LE@3.2": "\\ud800"}'),
        "lone surrogate in a key": with_values('{"\\ud800": 1}'),
        "edition id of 300 characters": with_field("edition", json.dumps("x" * 300)),
    }


def replace_member(raw: bytes, member: str, data: bytes) -> bytes:
    """The package with one part's bytes replaced (compressed normally)."""
    with zipfile.ZipFile(io.BytesIO(raw)) as source:
        parts = {info.filename: source.read(info) for info in source.infolist()}
    parts[member] = data
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name, content in parts.items():
            target.writestr(name, content)
    return out.getvalue()


def member_bytes(raw: bytes, member: str) -> bytes:
    with zipfile.ZipFile(io.BytesIO(raw)) as source:
        return source.read(member)


def rewrite_member(path, member: str, change) -> None:
    """Change one part of a zip package on disk (damaged and hostile workbooks, documents)."""
    raw = path.read_bytes()
    path.write_bytes(replace_member(raw, member, change(member_bytes(raw, member))))


def million_row_dimension(raw: bytes, sheet: str = "xl/worksheets/sheet1.xml") -> bytes:
    data = member_bytes(raw, sheet)
    start = data.index(b"<dimension ref=\"")
    end = data.index(b"\"", start + 16)
    return replace_member(raw, sheet, data[:start] + b'<dimension ref="A1:P1000000' + data[end:])


def lying_size(raw: bytes, member: str = "xl/worksheets/sheet1.xml",
               real_bytes: int = 200 * 1024 * 1024) -> bytes:
    """The member replaced by a deflate stream of `real_bytes` whose headers claim only its first
    4 KB, CRC included (so zipfile alone would silently hand over the truncated start)."""
    body = b"<" + b" " * (real_bytes - 1)
    stream = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
    compressed = stream.compress(body) + stream.flush()
    declared = 4096
    package = replace_member(raw, member, b"x")  # a placeholder, swapped below
    return _swap_member(package, member, compressed, zlib.crc32(body[:declared]), declared)


def corrupt_deflate(raw: bytes, member: str = "xl/workbook.xml") -> bytes:
    """The member's deflate data with bytes in the middle overwritten (sizes and CRC kept)."""
    data = member_bytes(raw, member)
    stream = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
    compressed = bytearray(stream.compress(data) + stream.flush())
    middle = len(compressed) // 3
    compressed[middle:middle + 8] = b"\xff" * 8
    package = replace_member(raw, member, b"x")
    return _swap_member(package, member, bytes(compressed), zlib.crc32(data), len(data))


def _swap_member(package: bytes, member: str, compressed: bytes, crc: int, size: int) -> bytes:
    """Rebuild the zip by hand so the member's headers say exactly what we want."""
    with zipfile.ZipFile(io.BytesIO(package)) as source:
        infos = source.infolist()
        parts = {info.filename: source.read(info) for info in infos}
    out = io.BytesIO()
    central = []
    for info in infos:
        name = info.filename.encode()
        if info.filename == member:
            data, method, crc_, usize = compressed, 8, crc, size
        else:
            stream = zlib.compressobj(6, zlib.DEFLATED, -zlib.MAX_WBITS)
            content = parts[info.filename]
            data, method, crc_, usize = stream.compress(content) + stream.flush(), 8, \
                zlib.crc32(content), len(content)
        offset = out.tell()
        out.write(struct.pack("<4s2B4HL2L2H", b"PK\x03\x04", 20, 0, 0, method, 0, 0x21,
                              crc_, len(data), usize, len(name), 0) + name + data)
        central.append(struct.pack("<4s4B4HL2L5H2L", b"PK\x01\x02", 20, 0, 20, 0, 0, method, 0,
                                   0x21, crc_, len(data), usize, len(name), 0, 0, 0, 0, 0,
                                   offset) + name)
    start = out.tell()
    for entry in central:
        out.write(entry)
    out.write(struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, len(central), len(central),
                          out.tell() - start, start, 0))
    return out.getvalue()


def far_cell(raw: bytes, sheet: str = "xl/worksheets/sheet1.xml") -> bytes:
    """One extra cell at row 1,000,000 (openpyxl pads every row before it)."""
    data = member_bytes(raw, sheet)
    return replace_member(raw, sheet, data.replace(
        b"</sheetData>", b'<row r="1000000"><c r="A1000000" t="n"><v>1</v></c></row></sheetData>'))
