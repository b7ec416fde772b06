"""Window benchmarks (issue 3). Prints figures, asserts nothing.

1. Start-up to the first painted window, as a ratio to a bare QApplication + QMainWindow shown
   the same way (offscreen, same size) in the same run. Each is a fresh `python` process timed
   from spawn until it reports its first paint event; median of several runs. Target: ≤ 2×.
2. A cell commit (model.setData of typed text) until the findings, the tints and the panel are
   updated — synchronously, so this is the whole cost; also with the repaint that follows.
   Target: < 5 ms.

    python bench/bench_ui.py [--runs N]
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "resources" / "samples" / "sample2018.gkd"

_CHILD_COMMON = """
import os, sys
from PySide6.QtCore import QEvent, QObject, QTimer
class FirstPaint(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            sys.stdout.write("painted\\n"); sys.stdout.flush()
            os._exit(0)
        return False
"""

_BARE_WINDOW = """
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv[:1])
window = QMainWindow()
spy = FirstPaint(); window.installEventFilter(spy)
window.resize(1280, 680)
window.show()
app.exec()
"""

BARE = _CHILD_COMMON + _BARE_WINDOW

CORE_FLOOR = _CHILD_COMMON + """
import gkdesk.cli
from gkdesk.draft import load_draft
draft = load_draft(sys.argv[1])  # the core's share: the editions (cached) and the draft
""" + _BARE_WINDOW

GKDESK = _CHILD_COMMON + """
import gkdesk.cli  # the console script's own import path
from gkdesk.ui.app import make_application
from gkdesk.ui.main_window import MainWindow
app = make_application(sys.argv[:1])
window = MainWindow(use_lock=False)
spy = FirstPaint(); window.installEventFilter(spy)
window.open_path(sys.argv[1], ask_to_save=False)
window.resize(window.default_size())
window.show()
app.exec()
"""


def _time_child(code: str, *args: str, env: dict) -> float:
    start = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-c", code, *args], stdout=subprocess.PIPE,
                               env=env, cwd=ROOT, text=True)
    line = process.stdout.readline()
    elapsed = time.perf_counter() - start
    process.wait(timeout=60)
    if line.strip() != "painted":
        raise RuntimeError(f"child did not paint: {line!r}")
    return elapsed


def bench_startup(runs: int) -> None:
    with tempfile.TemporaryDirectory() as data:
        # Both children run with bytecode, as an installed or frozen gkdesk does (PySide6 and the
        # standard library already have theirs); a checkout without .pyc files would otherwise
        # time compiling gkdesk from source on every run.
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", GKDESK_DATA_DIR=data,
                   PYTHONPYCACHEPREFIX=os.path.join(data, "pycache"),
                   PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        _time_child(BARE, env=env)  # warm the file and bytecode caches for both
        _time_child(GKDESK, str(SAMPLE), env=env)
        bare, core, ours = [], [], []
        for _ in range(runs):  # interleaved, so load on the machine hits all alike
            bare.append(_time_child(BARE, env=env))
            core.append(_time_child(CORE_FLOOR, str(SAMPLE), env=env))
            ours.append(_time_child(GKDESK, str(SAMPLE), env=env))
    b, c, g = statistics.median(bare), statistics.median(core), statistics.median(ours)
    print(f"start-up to first paint (median of {runs}):")
    print(f"  bare QApplication + QMainWindow : {b * 1000:7.0f} ms")
    print(f"  the same after loading the core : {c * 1000:7.0f} ms   "
          f"(import gkdesk.cli + read the draft: the floor for any window)")
    print(f"  gkdesk with the sample draft    : {g * 1000:7.0f} ms")
    print(f"  ratio gkdesk / bare             : {g / b:7.2f}×   (target ≤ 2×)")
    print(f"  ratio core floor / bare         : {c / b:7.2f}×")


def bench_commit(samples: int) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    data = tempfile.mkdtemp()
    os.environ["GKDESK_DATA_DIR"] = data
    sys.path.insert(0, str(ROOT))
    from PySide6.QtWidgets import QApplication

    from gkdesk.ui.app import make_application
    from gkdesk.ui.main_window import MainWindow

    app = make_application(sys.argv[:1])
    window = MainWindow(use_lock=False)
    window.open_path(SAMPLE, ask_to_save=False)
    window.resize(window.default_size())
    window.show()
    app.processEvents()
    model = window.models[0]
    index = model.index_of("3.2.1")  # toggles the seed's error on and off: panel rebuilt too
    sync, painted = [], []
    for i in range(samples):
        text = "1" if i % 2 == 0 else "0"
        start = time.perf_counter()
        model.setData(index, text)
        middle = time.perf_counter()
        QApplication.processEvents()  # the repaint of the changed cells and the panel
        end = time.perf_counter()
        sync.append((middle - start) * 1000)
        painted.append((end - start) * 1000)
    same, same_painted = [], []
    other = model.index_of("9.3")
    for i in range(samples):  # a commit that changes no finding (the common case)
        start = time.perf_counter()
        model.setData(other, str(500 + i))
        middle = time.perf_counter()
        QApplication.processEvents()
        end = time.perf_counter()
        same.append((middle - start) * 1000)
        same_painted.append((end - start) * 1000)

    def show(name: str, values: list[float]) -> None:
        values = sorted(values)
        p95 = values[int(len(values) * 0.95) - 1]
        print(f"  {name:<46}: median {statistics.median(values):6.2f} ms, p95 {p95:6.2f} ms")

    print(f"cell commit → findings and colours updated ({samples} commits, target < 5 ms):")
    show("commit toggling an error (panel rebuilt)", sync)
    show("  … plus the repaint it causes", painted)
    show("commit changing no finding", same)
    show("  … plus the repaint it causes", same_painted)
    window.autosaver.discard()
    window.document.undo_stack.setClean()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--commits", type=int, default=200)
    args = parser.parse_args()
    bench_startup(args.runs)
    bench_commit(args.commits)


if __name__ == "__main__":
    main()
