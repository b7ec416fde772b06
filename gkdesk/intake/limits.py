"""The limits against hostile or absurd files, shared by every format reader."""
from __future__ import annotations

from typing import NoReturn

MAX_FILE_BYTES = 20 * 1024 * 1024  # a report with pictures; a statistics table needs far less
MAX_TABLE_CELLS = 200_000  # a statistics table has a few hundred
MAX_GRIDS = 300  # tables in one document (a report has three; a template a few sheets)
MAX_DOCUMENT_CELLS = 600_000  # all its tables together, merged cells expanded


class IntakeError(Exception):
    """A file that cannot be read as a statistics table; str() is one sentence for the clerk."""


def refuse(message: str) -> NoReturn:
    raise IntakeError(message)


def check_grids(grids: list, name: str) -> None:
    """Refuse a document whose tables, expanded, are more than any report could hold."""
    if len(grids) > MAX_GRIDS:
        refuse(f"“{name}”中的表格过多（超过 {MAX_GRIDS} 个），不像统计表所在的文件")
    if sum(len(g.rows) * (len(g.rows[0]) if g.rows else 0) for g in grids) > MAX_DOCUMENT_CELLS:
        refuse(f"“{name}”中的表格过大，不像统计表")
