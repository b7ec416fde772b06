"""What several benches share: timing an action, and a draft with every cell filled."""
from __future__ import annotations

import random
import statistics
import time
from decimal import Decimal

from gkdesk.draft import Draft
from gkdesk.editions import get_edition


def timed(action, runs: int) -> tuple[float, float]:
    """(first call, median of the next `runs` calls), in seconds: the first call pays for
    imports and caches, the median is what a clerk waits each time after that."""
    start = time.perf_counter()
    action()
    first = time.perf_counter() - start
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return first, statistics.median(times)


def filled(edition_id: str) -> Draft:
    """Every cell of the edition filled with an arbitrary number (12.5 in money cells)."""
    edition = get_edition(edition_id)
    rnd = random.Random(4)
    values = {c: (Decimal("12.5") if cell.kind == "money" else rnd.randint(0, 500))
              for c, cell in edition.cells.items()}
    return Draft(edition_id, 2023, "某某县人民政府办公室", values)
