"""How long exporting and importing take: the clerk clicks 导出 and waits.

Prints figures only; never asserts. Targets, for the sample stat2014 draft: export to xlsx,
export to HTML and import of the xlsx each < 0.3 s (after the first call has paid for importing
openpyxl; the first call is printed too). A filled report2021 draft (three tables) is measured
as well.

    python bench/bench_export.py
"""
from __future__ import annotations

import sys
import tempfile
import time
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from gkdesk.draft import Draft, load_draft  # noqa: E402
from gkdesk.editions import all_editions  # noqa: E402
from benchkit import filled, timed as timed_runs  # noqa: E402

SAMPLE = ROOT / "resources" / "samples" / "sample2018.gkd"
RUNS = 10
timed = partial(timed_runs, runs=RUNS)


def bench(label: str, draft: Draft, folder: Path) -> None:
    from gkdesk.exporting.html import write_html
    from gkdesk.exporting.xlsx import read_xlsx, write_xlsx

    book, page = folder / f"{draft.edition}.xlsx", folder / f"{draft.edition}.html"
    rows = [("export xlsx", lambda: write_xlsx(draft, book)),
            ("export html", lambda: write_html(draft, page)),
            ("import xlsx", lambda: read_xlsx(book))]
    for name, action in rows:
        first, median = timed(action)
        print(f"{label:<24} {name:<12} median {median * 1000:7.1f} ms   first {first * 1000:7.1f} ms"
              f"   (target < 300 ms)")


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        start = time.perf_counter()
        import openpyxl  # noqa: F401  (what the first export pays once)
        print(f"import openpyxl: {(time.perf_counter() - start) * 1000:.0f} ms")
        bench("sample stat2014", load_draft(SAMPLE), folder)
        if "report2021" in all_editions():
            bench("filled report2021", filled("report2021"), folder)


if __name__ == "__main__":
    main()
