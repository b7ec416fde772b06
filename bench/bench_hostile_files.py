"""How fast, and in how little memory, odd drafts and hostile workbooks are refused.

Each file is read in a fresh child process (as `gkdesk check` / `gkdesk import` would), under a
2 GB address-space limit so a regression cannot take the machine down. Per file it prints the
outcome, the time of the read itself, and the child's peak resident memory (imports included:
that is what the clerk's machine pays). Targets (issue 8): drafts < 1 s, workbooks < 2 s, every
one < 200 MiB, each refused with one sentence. Prints figures; asserts nothing. POSIX only.

    python bench/bench_hostile_files.py
"""
from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from hostile_files import (corrupt_deflate, far_cell, lying_size, million_row_dimension,  # noqa: E402
                           odd_drafts)

CHILD = r"""
import json, resource, sys, time
sys.path.insert(0, sys.argv[3])
resource.setrlimit(resource.RLIMIT_AS, (2 * 1024 ** 3, 2 * 1024 ** 3))
from gkdesk.draft import DraftError, load_draft, draft_text
from gkdesk.exporting.xlsx_read import read_xlsx
read = load_draft if sys.argv[1] == "draft" else read_xlsx
start = time.perf_counter()
try:
    draft = read(sys.argv[2])
    draft_text(draft)
    outcome = "opened"
except DraftError as exc:
    outcome = "refused: " + str(exc)
except BaseException as exc:
    outcome = "INTERNAL ERROR: " + type(exc).__name__
elapsed = time.perf_counter() - start
# VmHWM: this process's own peak (ru_maxrss would carry the parent's over from before exec)
status = open("/proc/self/status").read()
peak = int(status.split("VmHWM:")[1].split()[0]) / 1024
print(json.dumps({"outcome": outcome, "seconds": elapsed, "peak_mib": peak}, ensure_ascii=False))
"""


def measure(kind: str, path: Path) -> dict:
    done = subprocess.run([sys.executable, "-c", CHILD, kind, str(path), str(ROOT)],
                          capture_output=True, text=True, timeout=600)
    if done.returncode != 0:
        return {"outcome": f"child died ({done.returncode}): {done.stderr[-200:]}",
                "seconds": float("nan"), "peak_mib": float("nan")}
    return json.loads(done.stdout)


def main() -> None:
    from gkdesk.draft import load_draft
    from gkdesk.exporting.xlsx import write_xlsx

    folder = Path(tempfile.mkdtemp(prefix="gkdesk-hostile-"))
    files: list[tuple[str, str, Path]] = []
    for name, raw in odd_drafts().items():
        path = folder / f"draft-{len(files)}.gkd"
        path.write_bytes(raw)
        files.append(("draft", name, path))
    future = folder / "future.gkd"
    future.write_bytes(json.dumps({**json.loads(odd_drafts()["NaN"].replace(b"NaN", b"3")),
                                   "future": "@@"}).replace('"@@"', "1.5").encode())
    files.append(("draft", "unknown key holding 1.5 (must open)", future))
    book = folder / "sample.xlsx"
    write_xlsx(load_draft(ROOT / "resources" / "samples" / "sample2018.gkd"), book)
    raw = book.read_bytes()
    for name, make in (("dimension claims 1,000,000 rows", million_row_dimension),
                       ("a cell at row 1,000,000", far_cell),
                       ("member lying about its size (200 MB inside)", lying_size),
                       ("corrupt deflate data", corrupt_deflate),
                       ("untouched export (must open)", lambda r: r)):
        path = folder / f"book-{len(files)}.xlsx"
        path.write_bytes(make(raw))
        files.append(("workbook", name, path))
    print(f"{'file':46} {'time':>8} {'peak':>9}  outcome")
    for kind, name, path in files:
        result = measure(kind, path)
        print(f"{name:46} {result['seconds'] * 1000:6.0f} ms {result['peak_mib']:5.0f} MiB  "
              f"{result['outcome']}")
    for path in folder.iterdir():
        path.unlink()
    folder.rmdir()


if __name__ == "__main__":
    main()
