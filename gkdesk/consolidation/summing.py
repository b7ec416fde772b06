"""The total of many units: per cell, the sum of the non-blank values; blank only where every
unit left the cell blank. Whole numbers stay int, money stays Decimal (exact)."""
from __future__ import annotations

from decimal import Decimal
from typing import Iterable, Sequence

from ..editions import Edition
from ..numbers import Value, normalize_decimal


def sum_columns(edition: Edition, rows: Iterable[Sequence[Value | None]]) -> dict[str, Value]:
    """`rows` hold values in the edition's cell order (see UnitRead.values)."""
    total: dict[str, Value] = {}
    rows = list(rows)
    if not rows:
        return total
    for cell_id, column in zip(edition.cells, zip(*rows)):
        present = [v for v in column if v is not None]
        if not present:
            continue
        if edition.cells[cell_id].kind == "money":
            total[cell_id] = normalize_decimal(sum((Decimal(v) for v in present), Decimal(0)))
        else:
            total[cell_id] = sum(present)
    return total
