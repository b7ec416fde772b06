"""Is the installed Qt binding one the window can run on? PySide6-Essentials 6.12.0 on Python 3.11
drops one reference to `True` on every signal emit; each edit emits several (the table model's
dataChanged, the document's valuesChanged and findingsChanged; table three once emitted ~29), and
once True's count (about 600 with a QApplication up) reaches 0 the interpreter aborts
(`Fatal Python error: bool_dealloc`) — after ~110 entries. Python 3.12+ is immune (True is
immortal there), so the check means something on 3.11.

The probe drives the real table model as the window does (edits through setData on table three of
a report2021 draft, with a view attached) and watches sys.getrefcount(True). It runs in a child
process (`python -m gkdesk.ui.qt_binding`): on a broken binding the child stops as soon as the
count moves, or dies, and the caller — a test, or the packaging build — gets one sentence.
PySide6 is imported in the child only: the packaging spec imports this module without Qt.
"""
from __future__ import annotations

import gc
import json
import os
import signal
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

DISTRIBUTION = "PySide6-Essentials"
PROBE_EDITS = 1000  # three or more emits each: several thousand emits
PROBE_TIMEOUT_S = 300
STOP_DRIFT = 20  # the broken release loses ~26 per edit of table three; True's count is ~600+


@dataclass
class Drift:
    """What a probe saw: signal emits made, edits made, and how True's count moved."""
    emits: int
    edits: int
    delta: int


def measure(step: Callable[[int], int], edits: int) -> Drift:
    """Run `step(i)` (one edit; returns the emits it caused) `edits` times and compare
    sys.getrefcount(True) before and after, garbage collected both times (a cycle that held a
    True and is collected at some later moment would look like a leak). Stops early once the
    count has fallen by STOP_DRIFT: a binding that drops references would free True and abort
    the interpreter if it went on."""
    gc.collect()
    before = sys.getrefcount(True)
    emits = done = 0
    for i in range(edits):
        emits += step(i)
        done = i + 1
        if sys.getrefcount(True) - before <= -STOP_DRIFT:
            break
    gc.collect()
    return Drift(emits, done, sys.getrefcount(True) - before)


def verdict(drift: Drift, binding: str) -> str | None:
    """None when True's count did not move; else the sentence that says what is wrong."""
    if drift.delta == 0:
        return None
    per_emit = drift.delta / max(drift.emits, 1)
    if drift.delta < 0:
        what = (f"每次发出信号约丢失 {-per_emit:.2f} 个对 True 的引用"
                f"（{drift.edits} 次编辑、{drift.emits} 次信号后相差 {drift.delta}）。"
                "这样的绑定会在填写约一百个数后使程序崩溃（Fatal Python error: bool_dealloc）")
    else:
        what = (f"对 True 的引用只增不减（{drift.edits} 次编辑、{drift.emits} 次信号后"
                f"多出 {drift.delta}）")
    return (f"Qt 绑定 {binding}（Python {sys.version.split()[0]}）有缺陷：{what}。"
            f"请安装其他版本，例如 pip install \"{DISTRIBUTION}!=6.12.0\"。")


def installed_binding() -> str:
    """`PySide6-Essentials 6.11.3`, read from the installed metadata (no Qt import)."""
    from importlib import metadata

    for name in (DISTRIBUTION, "PySide6"):
        try:
            return f"{name} {metadata.version(name)}"
        except metadata.PackageNotFoundError:
            continue
    return f"{DISTRIBUTION}（未安装）"


# -- the child ------------------------------------------------------------------------------
def table_three_step() -> Callable[[int], int]:
    """One real edit per call on table three of a new report2021 draft, through the table model
    a GridTableView shows; returns how many signals it emitted."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from ..draft import new_draft
    from .app import make_application
    from .document import DraftDocument
    from .table_model import IndicatorTableModel
    from .table_view import GridTableView

    app = QApplication.instance() or make_application(["gkdesk-probe"])
    document = DraftDocument(new_draft(2021, "report2021"))
    table = next(t for t in document.edition.tables if t.title.startswith("三、"))
    model = IndicatorTableModel(document, table)
    view = GridTableView(model)  # connected to the model as in the window
    emitted = [0]

    def count(*_args) -> None:
        emitted[0] += 1

    # Emitted in C++ (the model's items) and in Python (the document), received in Python.
    for signal_ in (model.dataChanged, document.valuesChanged, document.findingsChanged):
        signal_.connect(count)
    cells = model.value_cells()

    def step(i: int) -> int:
        before = emitted[0]
        # A different number each time the box comes round, so every edit changes the draft.
        model.setData(model.index_of(cells[i % len(cells)]), str(i % 97 + 1),
                      Qt.ItemDataRole.EditRole)
        return emitted[0] - before

    step.keep = (app, document, model, view)  # alive while the probe runs
    return step


def probe(edits: int = PROBE_EDITS) -> dict:
    """Warm up, then measure: the child's result."""
    step = table_three_step()
    # Every box once: caches that keep a True for good fill here. Measured too, so a broken
    # binding is caught here already, before it frees True.
    warm = measure(step, len(step.keep[2].value_cells()))
    drift = warm if warm.delta <= -STOP_DRIFT else measure(lambda i: step(warm.edits + i), edits)
    return {"binding": installed_binding(), "python": sys.version.split()[0],
            "emits": drift.emits, "edits": drift.edits, "delta": drift.delta,
            "true_refcount": sys.getrefcount(True)}


def main(argv: list[str] | None = None) -> int:
    """`python -m gkdesk.ui.qt_binding [EDITS]`: one JSON line; exit 0 fine, 1 leaking."""
    args = sys.argv[1:] if argv is None else argv
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    result = probe(int(args[0]) if args else PROBE_EDITS)
    print(json.dumps(result), flush=True)
    return 1 if result["delta"] else 0


# -- the parent -----------------------------------------------------------------------------
@dataclass
class ProbeResult:
    ok: bool
    message: str  # what the probe saw, or what is wrong (one sentence)
    drift: Drift | None = None


def run_probe(edits: int = PROBE_EDITS, command: list[str] | None = None,
              timeout: float = PROBE_TIMEOUT_S) -> ProbeResult:
    """The probe in a child process, offscreen; a child that dies is a failed check, not a
    dead caller."""
    command = command or [sys.executable, "-m", "gkdesk.ui.qt_binding", str(edits)]
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONFAULTHANDLER="")
    binding = installed_binding()
    root = str(Path(__file__).resolve().parents[2])  # this gkdesk, not another installed one
    env["PYTHONPATH"] = os.pathsep.join(p for p in (root, env.get("PYTHONPATH")) if p)
    try:
        done = subprocess.run(command, env=env, capture_output=True, text=True,
                              timeout=timeout, encoding="utf-8", errors="replace")
    except subprocess.TimeoutExpired:
        return ProbeResult(False, f"Qt 绑定检查（{binding}）{timeout:.0f} 秒内没有结束。")
    return interpret(done.returncode, done.stdout, done.stderr, binding)


def interpret(returncode: int, stdout: str, stderr: str, binding: str) -> ProbeResult:
    """The child's exit status and output as a verdict."""
    lines = [line for line in stdout.splitlines() if line.startswith("{")]
    if lines and returncode in (0, 1):
        data = json.loads(lines[-1])
        drift = Drift(data["emits"], data["edits"], data["delta"])
        problem = verdict(drift, data.get("binding", binding))
        if problem:
            return ProbeResult(False, problem, drift)
        return ProbeResult(True, f"{data['binding']}（Python {data['python']}）：{drift.edits} 次"
                                 f"编辑、{drift.emits} 次信号后 True 的引用数不变", drift)
    if returncode < 0:
        try:
            how = f"被信号 {signal.Signals(-returncode).name} 终止"
        except ValueError:
            how = f"被信号 {-returncode} 终止"
    else:
        how = f"以退出码 {returncode} 结束"
    tail = " ".join(stderr.strip().splitlines()[-3:])[-400:]
    return ProbeResult(False, f"Qt 绑定检查的子进程{how}，没有给出结果：{binding} 不能用于 gkdesk"
                              f"（已知有缺陷的版本：{DISTRIBUTION} 6.12.0 在 Python 3.11 上）。"
                              + (f" 子进程输出：{tail}" if tail else ""))


def build_problem(pyproject: Path) -> str | None:
    """For the packaging build: the installed binding must satisfy pyproject.toml's requirement
    (which excludes the broken releases) and pass the probe. None when it does."""
    import tomllib
    from importlib import metadata

    from packaging.requirements import Requirement

    try:
        version = metadata.version(DISTRIBUTION)
    except metadata.PackageNotFoundError:
        return f"没有安装 {DISTRIBUTION}：请先 python -m pip install ."
    dependencies = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]["dependencies"]
    for line in dependencies:
        requirement = Requirement(line)
        if requirement.name.lower() == DISTRIBUTION.lower() \
                and not requirement.specifier.contains(version, prereleases=True):
            return (f"已安装的 {DISTRIBUTION} {version} 不符合 pyproject.toml 的要求"
                    f"“{requirement}”（该版本有已知缺陷）：请 python -m pip install "
                    f"\"{requirement}\" 后再构建。")
    result = run_probe()
    return None if result.ok else result.message


if __name__ == "__main__":
    sys.exit(main())
