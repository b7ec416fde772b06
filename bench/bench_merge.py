"""How fast `gkdesk merge` reads, checks and sums many units' drafts (without --table).

Prints figures only; never asserts. Target (consolidation.md): 10,000 unit drafts in under 5 s
and under 500 MiB on the project's 2-core machine, both cores used, growing linearly. Compared
with merely json.load-ing the same files in one process.

    python bench/bench_merge.py [--sizes 1000,3000,10000]

Each measurement runs in a fresh process (so its peak memory is its own) on filled report2021
drafts with last year's draft embedded; one unit in ten has two mistakes.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))


def generate(folder: Path, count: int) -> None:
    """`count` unit drafts in 20 district folders, as a province's collection would look."""
    from bench_rules import filled_report2021
    from gkdesk.draft import Draft, draft_text

    values, previous = filled_report2021()
    for i in range(count):
        unit_values = dict(values)
        unit_values["t2.license.decisions"] = 100 + i % 977
        if i % 10 == 3:
            unit_values.update({"t3.open.legal": 9, "t3.carried.person": 1})
        draft = Draft("report2021", 2025, f"第{i // 500 + 1}区第{i:05d}号单位", unit_values,
                      previous=previous)
        target = folder / f"district{i % 20:02d}" / f"unit{i:05d}.gkd"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(draft_text(draft), encoding="utf-8")


def _peak_mib() -> tuple[float, float]:
    """Peak resident memory of this process and of its largest child, in MiB (Linux: KiB)."""
    scale = 1024 if sys.platform != "darwin" else 1024 * 1024
    me = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / scale
    child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / scale
    return me, child


def measure_merge(folder: str, workers: int | None) -> dict:
    from gkdesk.consolidation.merging import merge_paths

    before = os.times()
    start = time.perf_counter()
    result = merge_paths([folder], workers=workers)
    seconds = time.perf_counter() - start
    after = os.times()
    me, child = _peak_mib()
    # CPU time does not depend on what else runs on the machine: with it the wall time on an
    # idle machine can be told even when other work shares the cores during the measurement
    parent_cpu = after.user - before.user + after.system - before.system
    worker_cpu = (after.children_user - before.children_user
                  + after.children_system - before.children_system)
    return {"seconds": seconds, "units": len(result.merged), "parent_mib": me,
            "worker_mib": child, "findings": len(result.findings), "parent_cpu": parent_cpu,
            "worker_cpu": worker_cpu}


def measure_json(folder: str) -> dict:
    start = time.perf_counter()
    count = 0
    for root, _, names in os.walk(folder):
        for name in names:
            with open(os.path.join(root, name), "rb") as handle:
                json.load(handle)
            count += 1
    seconds = time.perf_counter() - start
    return {"seconds": seconds, "files": count, "parent_mib": _peak_mib()[0]}


def in_fresh_process(what: str, folder: Path, workers: int | None = None) -> dict:
    args = [sys.executable, __file__, "--one", what, str(folder)]
    if workers is not None:
        args += ["--workers", str(workers)]
    out = subprocess.run(args, capture_output=True, text=True, check=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def load_average() -> str:
    try:
        return Path("/proc/loadavg").read_text().split(" ", 3)[:3].__str__()
    except OSError:
        return "unknown"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="1000,3000,10000")
    parser.add_argument("--one", nargs=2, metavar=("WHAT", "FOLDER"), help=argparse.SUPPRESS)
    parser.add_argument("--workers", type=int, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        what, folder = args.one
        result = measure_merge(folder, args.workers) if what == "merge" else measure_json(folder)
        print(json.dumps(result))
        return
    sizes = [int(s) for s in args.sizes.split(",")]
    print(f"cores: {os.cpu_count()}; load average (1, 5, 15 min) before: {load_average()}")
    rows = []
    with tempfile.TemporaryDirectory(prefix="gkdesk-bench-merge-") as temp:
        for size in sizes:
            folder = Path(temp) / str(size)
            generate(folder, size)
            in_fresh_process("merge", folder)  # warm the page cache and the edition cache
            merged = in_fresh_process("merge", folder)
            single = in_fresh_process("merge", folder, workers=1)
            loaded = in_fresh_process("json", folder)
            rows.append((size, merged, single, loaded))
            print(f"{size:>6} units: merge {merged['seconds']:.2f} s "
                  f"({size / merged['seconds']:.0f}/s; peak {merged['parent_mib']:.0f} MiB + "
                  f"{merged['worker_mib']:.0f} MiB per worker) | one process "
                  f"{single['seconds']:.2f} s | json.load only {loaded['seconds']:.2f} s "
                  f"→ merge/json.load = {merged['seconds'] / loaded['seconds']:.1f}×; "
                  f"load average {load_average()}", flush=True)
            idle = merged["parent_cpu"] + merged["worker_cpu"] / 2
            print(f"        CPU used: this process {merged['parent_cpu']:.2f} s, workers "
                  f"{merged['worker_cpu']:.2f} s together (one process alone: "
                  f"{single['parent_cpu']:.2f} s) → on 2 idle cores ≈ {idle:.2f} s", flush=True)
    if len(rows) > 1:
        first, last = rows[0], rows[-1]
        per_first = first[1]["seconds"] / first[0] * 1000
        per_last = last[1]["seconds"] / last[0] * 1000
        print(f"growth: {per_first:.3f} ms per unit at {first[0]}, {per_last:.3f} ms at "
              f"{last[0]} ({last[0] / first[0]:.0f}× the units took "
              f"{last[1]['seconds'] / first[1]['seconds']:.1f}× the time)")
    print(f"load average after: {load_average()}")


if __name__ == "__main__":
    main()
