"""Fuzzing the two readers of files from outside: 10,000 mutated drafts and 2,000 mutated
workbooks, each ending in a draft (ok), the reader's own refusal (refused), or anything else
(internal error: a bug). Mutations of the shipped sample draft and of a workbook exported from
it: byte flips, truncation, JSON value swaps, zip part edits (tests/mutations.py).

Prints counts by outcome, the slowest input and the internal errors by place; asserts nothing.
Target: 0 internal errors. The process runs under a 1.5 GB address-space limit, so a memory
blow-up shows as an internal error (MemoryError) instead of hurting the machine.

    python bench/bench_fuzz.py [DRAFTS] [WORKBOOKS] [SEED]
"""
from __future__ import annotations

import collections
import random
import sys
import tempfile
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from mutations import mutate_draft, mutate_workbook  # noqa: E402

from gkdesk.draft import DraftError, draft_text, load_draft, parse_draft  # noqa: E402
from gkdesk.exporting.xlsx import write_xlsx  # noqa: E402
from gkdesk.exporting.xlsx_read import parse_xlsx  # noqa: E402

SAMPLE = ROOT / "resources" / "samples" / "sample2018.gkd"


def limit_memory(gigabytes: float = 1.5) -> None:
    try:
        import resource

        limit = int(gigabytes * 1024 ** 3)
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    except (ImportError, ValueError, OSError):
        pass


def run(kind: str, seed_raw: bytes, mutate, read, count: int, seed: int) -> None:
    rnd = random.Random(seed)
    outcomes: collections.Counter[str] = collections.Counter()
    errors: collections.Counter[str] = collections.Counter()
    examples: dict[str, int] = {}
    slowest = (0.0, -1)
    start_all = time.perf_counter()
    for number in range(count):
        case_seed = rnd.randrange(2 ** 32)
        raw = mutate(seed_raw, random.Random(case_seed))
        start = time.perf_counter()
        try:
            draft = read(raw)
            draft_text(draft)  # what was read must also save
            outcomes["ok"] += 1
        except DraftError as exc:
            str(exc).encode("utf-8")  # a refusal must be printable
            outcomes["refused"] += 1
        except Exception as exc:  # noqa: BLE001 - exactly what this counts
            outcomes["internal error"] += 1
            frame = traceback.extract_tb(exc.__traceback__)[-1]
            where = f"{type(exc).__name__} at {Path(frame.filename).name}:{frame.lineno}"
            errors[where] += 1
            examples.setdefault(where, case_seed)
        elapsed = time.perf_counter() - start
        slowest = max(slowest, (elapsed, case_seed))
    total = time.perf_counter() - start_all
    print(f"{kind}: {count} mutated, in {total:.1f} s")
    for outcome in ("ok", "refused", "internal error"):
        print(f"  {outcome:15} {outcomes[outcome]}")
    print(f"  slowest input: {slowest[0] * 1000:.0f} ms (seed {slowest[1]})")
    for where, n in errors.most_common(10):
        print(f"  ! {n} × {where} (e.g. seed {examples[where]})")


def main() -> None:
    drafts = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    workbooks = int(sys.argv[2]) if len(sys.argv) > 2 else 2_000
    seed = int(sys.argv[3]) if len(sys.argv) > 3 else 8
    limit_memory()
    sample_raw = SAMPLE.read_bytes()
    with tempfile.TemporaryDirectory() as folder:
        book = Path(folder) / "sample.xlsx"
        write_xlsx(load_draft(SAMPLE), book)
        book_raw = book.read_bytes()
    run("drafts", sample_raw, mutate_draft, lambda raw: parse_draft(raw, "fuzz.gkd"), drafts, seed)
    run("workbooks", book_raw, mutate_workbook, lambda raw: parse_xlsx(raw, "fuzz.xlsx"),
        workbooks, seed)


if __name__ == "__main__":
    main()
