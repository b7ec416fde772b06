"""Window benchmarks (issue 3). Prints figures, asserts nothing.

1. Start-up to the first painted window, as a ratio to a bare QApplication + QMainWindow shown
   the same way (offscreen, same size) in the same run. Each is a fresh `python` process timed
   from spawn until it reports its first paint event; median of several runs. Target: ≤ 2×.
2. A cell commit (model.setData of typed text) until the findings, the tints and the panel are
   updated — synchronously, so this is the whole cost; also with the repaint that follows.
   Target: < 5 ms.
3. Issue 9: the start-up ratio also against a bare window showing a table as large as gkdesk's
   first (target ≤ 1.5×), and commits on table three with its frozen headings and labels
   shown, until findings, tints, the panel and the repaint are done (target p95 < 2 ms).
   Beside it, the same bare table window after importing the PySide6 names gkdesk imports: the
   binding's own share of the ratio, before any of gkdesk's own code runs.
   A fixed Python workload is timed before and after: this machine's speed drifts by 2×.

    python bench/bench_ui.py [--runs N]
"""
from __future__ import annotations

import argparse
import os
import re
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

# Issue 9's yardstick: a bare window that shows a table as large as the one gkdesk shows first
# (the sample's 统计表: 72 rows × 3 columns, with text), so the ratio prices gkdesk's own work.
BARE_TABLE = _CHILD_COMMON + """
from PySide6.QtWidgets import QApplication, QMainWindow, QTableWidget, QTableWidgetItem
app = QApplication(sys.argv[:1])
window = QMainWindow()
table = QTableWidget(72, 3)
for row in range(72):
    table.setItem(row, 0, QTableWidgetItem(f"指标 {row}"))
    table.setItem(row, 1, QTableWidgetItem("件"))
    table.setItem(row, 2, QTableWidgetItem(str(row * 7)))
window.setCentralWidget(table)
spy = FirstPaint(); window.installEventFilter(spy)
window.resize(1280, 680)
window.show()
app.exec()
"""


def _pyside_floor_child() -> str:
    """The bare table window, after importing every PySide6 name that the modules gkdesk loads
    before its first paint import. PySide builds a Python type, with all its enums, for each
    name the first time it is imported (the `Qt` namespace alone is 95 enums): a cost any window
    using those classes pays, before a line of gkdesk's own runs."""
    loaded = ("import sys, gkdesk.cli, gkdesk.ui.app, gkdesk.ui.main_window\n"
              "print(*(m.__file__ for n, m in sys.modules.items() if n.startswith('gkdesk')))")
    listing = subprocess.run(
        [sys.executable, "-c", loaded],
        capture_output=True, text=True, cwd=ROOT, check=True,
        env=dict(os.environ, QT_QPA_PLATFORM="offscreen"))
    names: dict[str, set[str]] = {}
    for file in listing.stdout.split():
        source = Path(file).read_text(encoding="utf-8")
        for module, imported in re.findall(r"^from (PySide6\.\w+) import (\([^)]*\)|[^\n]*)",
                                           source, re.M):
            names.setdefault(module, set()).update(re.findall(r"\w+", imported))
    imports = "".join(f"from {module} import {', '.join(sorted(found))}\n"
                      for module, found in sorted(names.items()))
    return BARE_TABLE.replace("window = QMainWindow()", imports + "window = QMainWindow()", 1)


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
        pyside_floor = _pyside_floor_child()
        bare, table, floor, core, ours = [], [], [], [], []
        for _ in range(runs):  # interleaved, so load on the machine hits all alike
            bare.append(_time_child(BARE, env=env))
            table.append(_time_child(BARE_TABLE, env=env))
            floor.append(_time_child(pyside_floor, env=env))
            core.append(_time_child(CORE_FLOOR, str(SAMPLE), env=env))
            ours.append(_time_child(GKDESK, str(SAMPLE), env=env))
    b, c, g = statistics.median(bare), statistics.median(core), statistics.median(ours)
    t, f = statistics.median(table), statistics.median(floor)
    print(f"start-up to first paint (median of {runs}):")
    print(f"  bare QApplication + QMainWindow : {b * 1000:7.0f} ms")
    print(f"  the same after loading the core : {c * 1000:7.0f} ms   "
          f"(import gkdesk.cli + read the draft: the floor for any window)")
    print(f"  gkdesk with the sample draft    : {g * 1000:7.0f} ms")
    print(f"  bare window with a 72×3 table   : {t * 1000:7.0f} ms")
    print(f"  the same, with the PySide types : {f * 1000:7.0f} ms   "
          f"(every PySide6 name gkdesk imports before its first paint, and no gkdesk code)")
    print(f"  ratio gkdesk / bare             : {g / b:7.2f}×   (issue 3's target ≤ 2×)")
    print(f"  ratio gkdesk / bare with table  : {g / t:7.2f}×   (issue 9's target ≤ 1.5×)")
    print(f"  ratio core floor / bare         : {c / b:7.2f}×")
    print(f"  ratio PySide types / bare table : {f / t:7.2f}×   (the binding's own share)")


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


def _table_three_draft(folder: str) -> Path:
    """A 2025 draft whose table three is filled and adds up (every rule holds)."""
    from gkdesk.draft import new_draft, save_draft
    from gkdesk.pending import blank_totals

    draft = new_draft(2025, "report2021", "某市某局")
    edition = draft.edition_obj
    rows = [c.split(".", 1)[1].rsplit(".", 1)[0] for c in edition.tables[1].cells
            if c.endswith(".person")]
    results = rows[2:-2]  # between 上年结转 and （七）总计, 结转下年度
    for column in ("person", "business", "research", "nonprofit", "legal", "org_other"):
        for i, row in enumerate(results):
            draft.values[f"t3.{row}.{column}"] = (i + len(column)) % 5
        done = sum(draft.values[f"t3.{row}.{column}"] for row in results)
        draft.values[f"t3.carried.{column}"] = 2
        draft.values[f"t3.forward.{column}"] = 3
        draft.values[f"t3.new.{column}"] = done + 1
    draft.values.update(blank_totals(edition, draft.values))
    assert draft.findings() == [], [f.key for f in draft.findings()]
    path = Path(folder) / "t3.gkd"
    save_draft(draft, path)
    return path


def bench_commit_t3(samples: int) -> None:
    """Issue 9: commits on table three (frozen views shown) until findings, tints and panel
    are updated, repaint included."""
    from PySide6.QtWidgets import QApplication

    from gkdesk.ui.app import open_window
    from gkdesk.ui.recovery import AUTOSAVE_EDITS

    folder = tempfile.mkdtemp()
    window = open_window(str(_table_three_draft(folder)))  # as the clerk starts it
    window.resize(window.default_size())
    view = window.views[1]
    window.tabs.setCurrentWidget(view)
    QApplication.processEvents()
    view.setCurrentIndex(view.model().index_of("t3.forward.total"))  # scrolled: frozen parts
    QApplication.processEvents()
    assert view.frozen is not None and view.frozen.left.isVisible()  # repainted with the rest
    model = view.model()
    cases = {
        # a part that makes its row total and column total disagree (2 errors), then agree
        "commit toggling 2 errors (panel rebuilt)": ("t3.open.business", None),
        # a total typed then cleared: 待填 findings come and go, nothing red
        "commit toggling 待填 (blank total)": ("t3.deny.3.total", "clear"),
    }
    print(f"table three, cell commit → findings, tints, panel and repaint "
          f"({samples} commits each, target p95 < 2 ms):")
    records: list[str] = []
    window.autosaver.autosaved.connect(records.append)
    for name, (cell, mode) in cases.items():
        index = model.index_of(cell)
        original = window.document.value(cell)
        painted, without_record = [], []
        for i in range(samples):
            if mode == "clear":
                text = "" if i % 2 == 0 else str(original)
            else:
                text = str(original + 1) if i % 2 == 0 else str(original)
            written = len(records)
            start = time.perf_counter()
            model.setData(index, text)
            QApplication.processEvents()  # the repaint of table, frozen parts and panel
            painted.append((time.perf_counter() - start) * 1000)
            if len(records) == written:
                without_record.append(painted[-1])
        window.document.edit_values({cell: original})
        QApplication.processEvents()
        values = sorted(painted)
        p95 = values[int(len(values) * 0.95) - 1]
        print(f"  {name:<46}: median {statistics.median(values):6.2f} ms, p95 {p95:6.2f} ms, "
              f"max {values[-1]:6.2f} ms")
        calm = sorted(without_record)
        print(f"    … the {len(calm)} that write no recovery record   : median "
              f"{statistics.median(calm):6.2f} ms, p95 {calm[int(len(calm) * 0.95) - 1]:6.2f} ms")
    print(f"  (every {AUTOSAVE_EDITS}th commit also writes the recovery record, at once: "
          f"{samples // AUTOSAVE_EDITS} of the {samples}, among the slowest)")
    window.autosaver.discard()
    window.document.undo_stack.setClean()


def machine_speed() -> None:
    """This machine's speed drifts by 2× from minute to minute: a fixed piece of Python, timed
    before and after, says which speed the figures between were taken at."""
    def once() -> float:
        start = time.perf_counter()
        sorted(str(i * 7919 % 10007) for i in range(100_000))
        return (time.perf_counter() - start) * 1000
    taken = statistics.median(once() for _ in range(5))
    print(f"machine speed: a fixed Python workload takes {taken:.1f} ms (compare runs by it)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--commits", type=int, default=200)
    args = parser.parse_args()
    machine_speed()
    bench_startup(args.runs)
    bench_commit(args.commits)
    bench_commit_t3(args.commits)
    machine_speed()


if __name__ == "__main__":
    main()
