"""A figure from the table as the report's text means it: the sum of the filled cells."""
from __future__ import annotations

from typing import Iterable, Mapping

from ..numbers import Value


def sum_of(values: Mapping[str, Value], cells: Iterable[str]) -> Value | None:
    """The sum of the cells that are filled (blanks count as 0); None when all are blank — the
    table does not know that figure, so the text neither states nor checks it."""
    present = [values[c] for c in cells if values.get(c) is not None]
    return sum(present, 0) if present else None
