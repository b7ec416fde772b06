"""The limits against hostile or absurd files, shared by every format reader."""
from __future__ import annotations

from typing import NoReturn

MAX_FILE_BYTES = 20 * 1024 * 1024  # a report with pictures; a statistics table needs far less
MAX_TABLE_CELLS = 200_000  # a statistics table has a few hundred
MAX_GRIDS = 200


class IntakeError(Exception):
    """A file that cannot be read as a statistics table; str() is one sentence for the clerk."""


def refuse(message: str) -> NoReturn:
    raise IntakeError(message)
