"""Reading many inputs on every core: a process pool reads and checks them in chunks; a few
inputs are read in this process, where starting a pool would cost more than it saves."""
from __future__ import annotations

import os
import sys
import threading
from pathlib import Path
from typing import Callable, Sequence

from ..draft import SUFFIX
from .unit_reading import UnitRead, read_units

Progress = Callable[[int, int], None]  # (inputs read so far, all inputs)
Cancelled = Callable[[], bool]

# A draft costs ~0.4 ms to read and check; a workbook or document tens of ms. Work is counted in
# drafts: chunks of about CHUNK_WEIGHT drafts keep progress and cancelling prompt while each
# chunk still pays for its trip between processes; below POOL_FROM, one process is faster.
WORKBOOK_WEIGHT = 25
CHUNK_WEIGHT = 200
POOL_FROM = 600


class MergeCancelled(Exception):
    """The clerk cancelled the merge while its inputs were being read."""


def _weight(path: Path) -> int:
    return 1 if path.suffix.lower() == SUFFIX else WORKBOOK_WEIGHT


def chunks(paths: Sequence[Path]) -> list[list[str]]:
    out: list[list[str]] = []
    current: list[str] = []
    weight = 0
    for path in paths:
        current.append(str(path))
        weight += _weight(path)
        if weight >= CHUNK_WEIGHT:
            out.append(current)
            current, weight = [], 0
    if current:
        out.append(current)
    return out


def usable_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # Windows, macOS
        return os.cpu_count() or 1


def read_all(paths: Sequence[Path], progress: Progress | None = None,
             cancelled: Cancelled | None = None, workers: int | None = None,
             year: int | None = None) -> list[UnitRead]:
    """Every input read, in the order given. Raises MergeCancelled when `cancelled()` turns true.
    `year`: the merge's --year, for documents that name none."""
    parts = chunks(paths)
    workers = usable_cores() if workers is None else workers
    weight = sum(_weight(p) for p in paths)
    if workers < 2 or len(parts) < 2 or weight < POOL_FROM:
        return _read_here(parts, len(paths), progress, cancelled, year)
    return _read_in_pool(parts, len(paths), progress, cancelled, min(workers, len(parts)), year)


def _read_here(parts, total, progress, cancelled, year) -> list[UnitRead]:
    reads: list[UnitRead] = []
    for part in parts:
        if cancelled is not None and cancelled():
            raise MergeCancelled()
        reads.extend(read_units(part, year))
        if progress is not None:
            progress(len(reads), total)
    return reads


def _read_in_pool(parts, total, progress, cancelled, workers, year) -> list[UnitRead]:
    from concurrent.futures import ProcessPoolExecutor

    executor = ProcessPoolExecutor(max_workers=workers, mp_context=_context())
    reads: list[UnitRead] = []
    finished = False
    try:
        futures = [executor.submit(read_units, part, year) for part in parts]
        for future in futures:  # in order: the merge takes inputs in sorted path order
            while True:
                if cancelled is not None and cancelled():
                    raise MergeCancelled()
                try:
                    reads.extend(future.result(timeout=0.1 if cancelled else None))
                    break
                except TimeoutError:
                    continue
            if progress is not None:
                progress(len(reads), total)
        finished = True
    finally:
        # cancelled: do not wait for the chunks still running (the workers end after them)
        executor.shutdown(wait=finished, cancel_futures=True)
    return reads


def _context():
    """fork where it is safe (a plain command line: one thread, no Qt), else spawn: forking a
    process that runs threads (a window's worker thread) can deadlock the child."""
    import multiprocessing

    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and threading.active_count() == 1 and "PySide6" not in sys.modules:
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")
