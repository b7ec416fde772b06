"""Shared by the export/import tests: drafts to export and how to read the official rows."""
from __future__ import annotations

import random
from decimal import Decimal
from pathlib import Path

from gkdesk.draft import Draft, load_draft
from gkdesk.editions import all_editions, get_edition
from gkdesk.numbers import format_value

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "resources" / "samples" / "sample2018.gkd"
EDITIONS = sorted(all_editions())
YEARS = {"stat2014": 2018, "report2019": 2020, "report2021": 2023}
HOSTILE_UNIT = '=HYPERLINK("http://x","y")'


def sample() -> Draft:
    return load_draft(SAMPLE)


def filled(edition_id: str, seed: int = 1, blank_share: float = 0.2) -> Draft:
    """A draft with a value in most cells (some blank, one of each kind), contact details set."""
    edition = get_edition(edition_id)
    rnd = random.Random(seed)
    values = {}
    for cell_id, cell in edition.cells.items():
        if rnd.random() < blank_share:
            continue
        if cell.kind == "money":
            values[cell_id] = Decimal(rnd.randint(0, 10**7)) / Decimal(10**rnd.randint(0, 4))
        elif cell.kind == "signed":
            values[cell_id] = rnd.randint(-50, 50)
        else:
            values[cell_id] = rnd.randint(0, 9000)
    draft = Draft(edition_id, YEARS.get(edition_id, edition.first_year or 2020), "某某县人民政府办公室",
                  values)
    draft.meta.update(filled_by="张三", phone="0533-1234567", filled_on="2024-01-20")
    return draft


def expected_rows(draft: Draft, table_index: int = 0) -> list[list[str]]:
    """The table as printed, one list of box texts per grid row, left to right, straight from
    the edition's grid (labels verbatim, values as format_value writes them)."""
    edition = draft.edition_obj
    grid = edition.tables[table_index].grid
    rows: list[list[str]] = [[] for _ in range(grid.n_rows)]
    for item in sorted(grid.items, key=lambda i: (i.row, i.col)):
        if item.role == "value":
            value = draft.values.get(item.cell) if item.cell else None
            text = format_value(value)
            if value is not None and item.suffix:
                text += f" {item.suffix}"
            rows[item.row].append(text)
        else:
            rows[item.row].append(item.text)
    return rows
