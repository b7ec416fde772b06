"""How fast the rules run (they run on every keystroke) and how fast `gkdesk check` answers.

Prints figures only; never asserts. Targets: all rules of the sample stat2014 draft < 200 µs;
all rules of a filled report2021 draft (200 cells, last year's draft attached) < 1 ms;
`gkdesk check` on the sample, whole process, < 0.5 s.

    python bench/bench_rules.py
"""
from __future__ import annotations

import os
import statistics
import subprocess
import tempfile
import sys
import timeit
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from gkdesk.draft import load_draft  # noqa: E402
from gkdesk.editions import get_edition  # noqa: E402
from gkdesk.rules import PreviousYear, evaluate  # noqa: E402

SAMPLE = ROOT / "resources" / "samples" / "sample2018.gkd"


APPLICANTS = ["person", "business", "research", "nonprofit", "legal", "org_other"]


def filled_report2021() -> tuple[dict, PreviousYear]:
    """A realistic filled draft: all 200 cells, t3 and t4 balanced, 上年结转 as last year's 结转."""
    edition = get_edition("report2021")
    rows = [r for r in dict.fromkeys(c.split(".", 1)[1].rsplit(".", 1)[0]
                                     for c in edition.cells if c.startswith("t3."))]
    results = rows[rows.index("open"):rows.index("total")]
    values: dict = {}
    for i, c in enumerate(APPLICANTS):
        for j, r in enumerate(results):
            values[f"t3.{r}.{c}"] = (i + j) % 4
        total = sum(values[f"t3.{r}.{c}"] for r in results)
        values.update({f"t3.total.{c}": total, f"t3.forward.{c}": i % 3,
                       f"t3.carried.{c}": 2, f"t3.new.{c}": total + i % 3 - 2})
    for r in rows:
        values[f"t3.{r}.total"] = sum(values[f"t3.{r}.{c}"] for c in APPLICANTS)
    for k, b in enumerate(["review", "suit_direct", "suit_after"]):
        parts = {"upheld": k + 1, "corrected": 2, "other": 0, "pending": k}
        values.update({f"t4.{b}.{c}": v for c, v in parts.items()})
        values[f"t4.{b}.total"] = sum(parts.values())
    values.update({"t2.regulation.issued": 2, "t2.regulation.repealed": 1,
                   "t2.regulation.in_force": 11, "t2.normative.issued": 5,
                   "t2.normative.repealed": 0, "t2.normative.in_force": 25,
                   "t2.license.decisions": 340, "t2.penalty.decisions": 56,
                   "t2.enforcement.decisions": 3, "t2.fee.amount": Decimal("12.5")})
    assert set(values) == set(edition.cells)
    previous = PreviousYear("report2021", 2024, "某局",
                            {f"t3.forward.{c}": 2 for c in APPLICANTS}
                            | {"t3.forward.total": 12, "t2.regulation.in_force": 10,
                               "t2.normative.in_force": 20})
    return values, previous


def scrambled_report2021() -> dict:
    """The worst case: every cell filled with arbitrary numbers, so most rules fail."""
    edition = get_edition("report2021")
    return {c: Decimal("12.5") if cell.kind == "money" else i % 7
            for i, (c, cell) in enumerate(edition.cells.items())}


def per_call_us(func, repeat: int = 7) -> tuple[float, float]:
    """Best and median over `repeat` rounds of the time per call, in microseconds."""
    timer = timeit.Timer(func)
    number, _ = timer.autorange()
    rounds = [r / number * 1e6 for r in timer.repeat(repeat=repeat, number=number)]
    return min(rounds), statistics.median(rounds)


def check_process_seconds(runs: int = 5) -> tuple[float, list[float]]:
    # With bytecode, as an installed gkdesk runs; a warm-up run fills it and the edition cache.
    pycache = tempfile.mkdtemp(prefix="gkdesk-pyc-")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONPYCACHEPREFIX": pycache}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    subprocess.run([sys.executable, "-m", "gkdesk", "check", str(SAMPLE)],
                   capture_output=True, env=env, check=False)
    times = []
    for _ in range(runs):
        start = timeit.default_timer()
        subprocess.run([sys.executable, "-m", "gkdesk", "check", str(SAMPLE)],
                       capture_output=True, env=env, check=False)
        times.append(timeit.default_timer() - start)
    return statistics.median(times), times


def main() -> None:
    stat = get_edition("stat2014")
    sample = load_draft(SAMPLE)
    best, median = per_call_us(lambda: evaluate(stat, sample.values))
    print(f"stat2014 sample: {len(stat.rules)} rule checks, {len(sample.values)} values, "
          f"{len(evaluate(stat, sample.values))} finding: best {best:.0f} µs, median "
          f"{median:.0f} µs per evaluation (target < 200 µs)")

    report = get_edition("report2021")
    values, previous = filled_report2021()
    for label, vals in (("filled, balanced", values),
                        ("filled, two mistakes", {**values, "t3.open.legal": 9,
                                                  "t3.carried.person": 1}),
                        ("worst case, arbitrary numbers", scrambled_report2021())):
        found = len(evaluate(report, vals, previous))
        best, median = per_call_us(lambda: evaluate(report, vals, previous))
        print(f"report2021 {label}: {len(report.rules)} rule checks, {len(vals)} values, last "
              f"year attached, {found} findings: best {best:.0f} µs, median {median:.0f} µs "
              f"per evaluation (target < 1000 µs)")

    median, times = check_process_seconds()
    start = timeit.default_timer()
    subprocess.run([sys.executable, "-c", "pass"], check=False)
    bare = timeit.default_timer() - start
    print(f"gkdesk check sample, whole process: median {median * 1000:.0f} ms over "
          f"{len(times)} runs ({', '.join(f'{t * 1000:.0f}' for t in times)} ms; "
          f"target < 500 ms; a bare `python -c pass` takes {bare * 1000:.0f} ms here)")


if __name__ == "__main__":
    main()
