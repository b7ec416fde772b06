"""Opening zip-based files from outside (.xlsx, .docx) without trusting a byte of them.

Call this before handing a file's bytes to openpyxl, python-docx or zipfile:

    parts = check_zip(raw)                          # {member name: its bytes}, or UnsafePackage
    parts = check_zip(raw, ZipLimits(members=50))   # tighter limits for a smaller kind of file
    refuse_xml_declarations(parts["word/document.xml"])  # DTDs and entities: XML bombs

`check_zip` decompresses every member itself, in bounded chunks, and stops at the limit, so a
member whose headers lie about its size costs no more than the limit (zipfile's own read() asks
zlib for up to 2 GB at once); corrupt deflate data, CRC errors, encryption, unknown compression
methods and a member larger than its header says are all refused. A member that passed holds
exactly the bytes its header declares, so a library reading the same bytes afterwards cannot be
made to decompress more. `UnsafePackage` is a ValueError whose str() completes the sentence
“‘FILE’…” in Chinese (e.g. `已损坏，不是有效的 Office 文件`).
"""
from __future__ import annotations

import io
import re
import struct
import zipfile
import zlib
from dataclasses import dataclass

CHUNK = 64 * 1024  # compressed bytes fed to zlib at a time; output is bounded separately


class UnsafePackage(ValueError):
    """A zip-based file refused; str() completes the sentence “‘FILE’…”."""


@dataclass(frozen=True)
class ZipLimits:
    """How much a package may hold; the defaults suit an office document of a few pages."""
    members: int = 400
    member_bytes: int = 8 * 1024 * 1024
    total_bytes: int = 24 * 1024 * 1024


_DAMAGED = "已损坏，不是有效的 Office 文件（.xlsx / .docx）"
_LOCAL_HEADER = struct.Struct("<4s2B4HL2L2H")  # zipfile.structFileHeader
_DECLARATION = re.compile(rb"<!(DOCTYPE|ENTITY)", re.IGNORECASE)


def check_zip(raw: bytes, limits: ZipLimits = ZipLimits()) -> dict[str, bytes]:
    """Every member of a zip file, decompressed within `limits`, by name; UnsafePackage for a
    file that is not a zip, is damaged, or holds more than the limits allow."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
        members = archive.infolist()
    except Exception:  # noqa: BLE001 - a bad directory raises BadZipFile, NotImplementedError
        raise UnsafePackage(_DAMAGED) from None  # (a "version 9.9" entry), struct.error, …
    if len(members) > limits.members:
        raise UnsafePackage("包含的部件过多，不像正常的 Office 文件")
    declared = 0
    for member in members:
        declared += member.file_size
        if member.file_size > limits.member_bytes or declared > limits.total_bytes:
            raise UnsafePackage("解压后过大，不像正常的 Office 文件")
    # the declared sizes are only claims: each member is held to its own while decompressing
    return {member.filename: _member_bytes(raw, member) for member in members}


def _member_bytes(raw: bytes, member: zipfile.ZipInfo) -> bytes:
    if member.flag_bits & 0x1:  # zip encryption: Office never uses it (its own is an OLE file)
        raise UnsafePackage(_DAMAGED)
    start = member.header_offset
    header = raw[start:start + _LOCAL_HEADER.size]
    if len(header) < _LOCAL_HEADER.size:
        raise UnsafePackage(_DAMAGED)
    fields = _LOCAL_HEADER.unpack(header)
    if fields[0] != zipfile.stringFileHeader:
        raise UnsafePackage(_DAMAGED)
    data_start = start + _LOCAL_HEADER.size + fields[10] + fields[11]
    compressed = raw[data_start:data_start + member.compress_size]
    if len(compressed) != member.compress_size:
        raise UnsafePackage(_DAMAGED)
    if member.compress_type == zipfile.ZIP_STORED:
        data = compressed
    elif member.compress_type == zipfile.ZIP_DEFLATED:
        data = _inflate(compressed, member.file_size)
    else:  # bzip2, lzma, …: Office never writes them
        raise UnsafePackage(_DAMAGED)
    if len(data) != member.file_size or zlib.crc32(data) != member.CRC:
        raise UnsafePackage(_DAMAGED)
    return data


def _inflate(compressed: bytes, size: int) -> bytes:
    """Raw deflate data, never more than size + 1 bytes of output whatever the stream holds."""
    inflater = zlib.decompressobj(-zlib.MAX_WBITS)
    out = bytearray()
    try:
        for offset in range(0, len(compressed), CHUNK):
            pending = compressed[offset:offset + CHUNK]
            while pending and not inflater.eof:
                out += inflater.decompress(pending, size + 1 - len(out))
                if len(out) > size:  # more than the header said: a lie, stop here
                    raise UnsafePackage(_DAMAGED)
                pending = inflater.unconsumed_tail
            if inflater.eof:
                break
    except zlib.error:
        raise UnsafePackage(_DAMAGED) from None
    if not inflater.eof:  # truncated stream
        raise UnsafePackage(_DAMAGED)
    return bytes(out)


def refuse_xml_declarations(data: bytes) -> None:
    """UnsafePackage for XML with a DTD or entity declarations (billion laughs, external
    entities); Office XML never needs them. UTF-16 parts are looked at as text."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        data = data.decode("utf-16", errors="replace").encode("utf-8")
    if _DECLARATION.search(data):
        raise UnsafePackage("含有 XML 实体声明（可能是恶意文件）")
