"""100 saves killed with SIGKILL at random moments: is anything torn, is anything left behind?

Child processes save a large-ish draft (about 1 MB: every cell filled, long explanations) in a
loop, alternating two versions; each is killed at a random moment once it is saving. After each
kill the draft and its .bak must each load whole (one of the versions). Leftover temp files of a
killed save are expected right after the kill; the next save must remove them, so leftovers are
counted after one ordinary save at the end. Prints figures; asserts nothing. POSIX only.

    python bench/bench_killed_saves.py [KILLS]
"""
from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from gkdesk.draft import DraftError, backup_path, load_draft, save_draft  # noqa: E402

CHILD = r"""
import sys
sys.path.insert(0, sys.argv[2])
from decimal import Decimal
from gkdesk.draft import Draft, save_draft
from gkdesk.editions import get_edition

edition = get_edition("report2021")
def version(n):
    values = {c: (Decimal("12.5") if cell.kind == "money" else n) for c, cell in edition.cells.items()}
    return Draft("report2021", 2023, f"版本{n}", values,
                 {f"R-T3-BALANCE@t3.total.{i}": f"说明{n}" * 4000 for i in range(30)})
drafts = [version(1), version(2)]
print("ready", flush=True)
n = 0
while True:
    save_draft(drafts[n % 2], sys.argv[1])
    n += 1
"""


def main(kills: int) -> None:
    folder = Path(tempfile.mkdtemp(prefix="gkdesk-killed-"))
    path = folder / "draft.gkd"
    rnd = random.Random(8)
    torn_draft = torn_backup = 0
    left_after_kill = 0
    for _ in range(kills):
        child = subprocess.Popen([sys.executable, "-c", CHILD, str(path), str(ROOT)],
                                 stdout=subprocess.PIPE)
        assert child.stdout is not None
        child.stdout.readline()  # imports done: it is saving from now on
        time.sleep(rnd.uniform(0.0, 0.25))
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
        child.stdout.close()
        for candidate, counter in ((path, "draft"), (backup_path(path), "bak")):
            if not candidate.exists():
                continue
            try:
                unit = load_draft(candidate).unit
                ok = unit in ("版本1", "版本2")
            except DraftError:
                ok = False
            if not ok:
                if counter == "draft":
                    torn_draft += 1
                else:
                    torn_backup += 1
        left_after_kill += sum(1 for p in folder.iterdir() if p.name not in (path.name, backup_path(path).name))
    save_draft(load_draft(path), path)  # one ordinary save: it must clean up after the killed ones
    leftovers = [p.name for p in folder.iterdir() if p.name not in (path.name, backup_path(path).name)]
    size = path.stat().st_size
    print(f"{kills} saves killed with SIGKILL (draft of {size / 1e6:.1f} MB):")
    print(f"  torn drafts:  {torn_draft}")
    print(f"  torn .bak:    {torn_backup}")
    print(f"  temp files present right after the kills (summed over kills): {left_after_kill}")
    print(f"  leftover files after the next save: {len(leftovers)} {leftovers[:5]}")
    for p in folder.iterdir():
        p.unlink()
    folder.rmdir()


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 100)
