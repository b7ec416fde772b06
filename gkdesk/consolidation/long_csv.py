"""The merge in long form for analysis tools (pandas, DuckDB, Spark): one row per non-blank
value, `unit,year,edition,cell,label,value`, every unit and then the total; UTF-8 with a BOM so
Excel opens it too."""
from __future__ import annotations

import csv
import os

from ..editions import get_edition
from ..exporting.files import write_atomically
from ..numbers import format_value
from .merging import Consolidation

HEADER = ("unit", "year", "edition", "cell", "label", "value")


def long_rows(result: Consolidation):
    edition = get_edition(result.edition)
    cells = list(edition.cells.values())
    for read in result.merged:
        for cell, value in zip(cells, read.values):
            if value is not None:
                yield (read.unit, result.year, result.edition, cell.id, cell.name,
                       format_value(value))
    if result.total is not None:
        for cell in cells:
            value = result.total.values.get(cell.id)
            if value is not None:
                yield (result.unit, result.year, result.edition, cell.id, cell.name,
                       format_value(value))


def write_long_csv(result: Consolidation, path: str | os.PathLike) -> None:
    def write(temp) -> None:
        with open(temp, "w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(HEADER)
            writer.writerows(long_rows(result))

    write_atomically(path, write)


__all__ = ["write_long_csv", "long_rows", "HEADER"]
