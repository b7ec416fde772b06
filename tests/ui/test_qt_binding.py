"""The Qt binding check: the real table model, edited as in use a few thousand emits long, leaves
sys.getrefcount(True) unchanged (PySide6-Essentials 6.12.0 on Python 3.11 drops one per emit and
the window aborts after ~110 entries). The probe runs in a child process: a binding that aborts
fails this test with a sentence instead of killing pytest."""
from __future__ import annotations

import ctypes
import sys
from pathlib import Path

import pytest

from gkdesk.ui import qt_binding
from gkdesk.ui.qt_binding import Drift, interpret, measure, run_probe, verdict

MORTAL_TRUE = sys.version_info < (3, 12)  # from 3.12 True is immortal: its count never moves
ROOT = Path(__file__).resolve().parents[2]


def test_the_real_table_model_keeps_every_reference_to_true():
    result = run_probe(edits=1000)
    assert result.ok, result.message
    assert result.drift.emits >= 3000 and result.drift.edits == 1000
    assert result.drift.delta == 0


class _DroppingTrue:
    """Stands in for a broken binding: drops one reference to True per call, and gives them all
    back afterwards so the test process lives on."""

    def __init__(self):
        self.dropped = 0

    def __call__(self, *_args) -> None:
        ctypes.pythonapi.Py_DecRef(ctypes.py_object(True))
        self.dropped += 1

    def give_back(self) -> None:
        for _ in range(self.dropped):
            ctypes.pythonapi.Py_IncRef(ctypes.py_object(True))
        self.dropped = 0


@pytest.mark.skipif(not MORTAL_TRUE, reason="True is immortal from Python 3.12")
def test_the_guard_stops_at_the_first_edit_of_a_binding_that_drops_references():
    leak = _DroppingTrue()

    def step(_i: int) -> int:
        for _ in range(29):  # table three: ~29 emits per edit
            leak()
        return 29

    try:
        drift = measure(step, edits=1000)
    finally:
        leak.give_back()
    assert drift == Drift(emits=29, edits=1, delta=-29)  # stopped long before True is freed
    message = verdict(drift, "PySide6-Essentials 6.12.0")
    assert "PySide6-Essentials 6.12.0" in message and "丢失" in message and "-29" in message


@pytest.mark.skipif(not MORTAL_TRUE, reason="True is immortal from Python 3.12")
def test_the_probe_on_the_real_model_sees_a_leak_per_emit(qapp):
    """The probe's own edits, with one reference to True dropped on every dataChanged as the
    broken release does: the probe stops within a few edits, long before True is freed."""
    step = qt_binding.table_three_step()
    model = step.keep[2]
    leak = _DroppingTrue()
    model.dataChanged.connect(leak)
    try:
        drift = measure(step, edits=100)
    finally:
        model.dataChanged.disconnect(leak)
        leak.give_back()
    assert drift.edits <= 10 and drift.emits >= 20 and drift.delta <= -qt_binding.STOP_DRIFT
    assert verdict(drift, "x") is not None


def test_a_binding_that_only_gains_references_is_reported_too():
    kept = []
    drift = measure(lambda i: kept.append(True) or 1, edits=10)
    assert drift == Drift(emits=10, edits=10, delta=10)
    assert "只增不减" in verdict(drift, "x")


def test_a_child_that_aborts_fails_the_check_with_a_sentence():
    result = run_probe(command=[sys.executable, "-c",
                                "import sys, os; sys.stderr.write('Fatal Python error: "
                                "bool_dealloc\\n'); sys.stderr.flush(); os.abort()"])
    assert not result.ok
    assert "SIGABRT" in result.message and "bool_dealloc" in result.message
    assert "6.12.0" in result.message


def test_a_leaking_child_report_is_a_failure():
    line = '{"binding": "PySide6-Essentials 6.12.0", "python": "3.11.7", "emits": 29, ' \
           '"edits": 1, "delta": -29, "true_refcount": 570}'
    result = interpret(1, line + "\n", "", "PySide6-Essentials 6.12.0")
    assert not result.ok and "6.12.0" in result.message and result.drift.delta == -29


def test_the_build_accepts_the_installed_binding_and_refuses_an_excluded_one(tmp_path,
                                                                            monkeypatch):
    assert qt_binding.build_problem(ROOT / "pyproject.toml") is None
    # pyproject.toml excludes 6.12.0 only: a later fixed release is accepted.
    from importlib import metadata

    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    for version, refused in (("6.12.0", True), ("6.12.1", False), ("6.11.3", False)):
        monkeypatch.setattr(metadata, "version", lambda name, v=version: v)
        monkeypatch.setattr(qt_binding, "run_probe",
                            lambda: qt_binding.ProbeResult(True, "fine"))
        problem = qt_binding.build_problem(ROOT / "pyproject.toml")
        assert (problem is not None) == refused, (version, problem)
        if refused:
            assert "6.12.0" in problem and "!=6.12.0" in problem
    assert "!=6.12.0" in pyproject


def _run_spec(monkeypatch, problem: str | None) -> dict:
    """Execute packaging/gkdesk.spec as PyInstaller would, with its build steps recorded
    instead of run (PyInstaller is not a test dependency)."""
    import types

    compat = types.ModuleType("PyInstaller.compat")
    compat.is_win = False
    hooks = types.ModuleType("PyInstaller.utils.hooks")
    hooks.collect_data_files = lambda package, **kwargs: []
    for name, module in (("PyInstaller", types.ModuleType("PyInstaller")),
                         ("PyInstaller.compat", compat),
                         ("PyInstaller.utils", types.ModuleType("PyInstaller.utils")),
                         ("PyInstaller.utils.hooks", hooks)):
        monkeypatch.setitem(sys.modules, name, module)
    monkeypatch.setattr(qt_binding, "build_problem", lambda pyproject: problem)
    steps: dict = {}

    class Step:
        def __init__(self, *args, **kwargs):
            steps.setdefault(type(self).__name__, []).append(args)
            self.datas, self.binaries, self.pure, self.scripts = [], [], [], []

    spec = {"SPECPATH": str(ROOT / "packaging"), "__name__": "__main__",
            **{name: type(name, (Step,), {}) for name in ("Analysis", "PYZ", "EXE", "COLLECT")}}
    exec(compile((ROOT / "packaging" / "gkdesk.spec").read_text(encoding="utf-8"),
                 "gkdesk.spec", "exec"), spec)
    return steps


def test_the_packaging_build_stops_on_a_broken_binding(monkeypatch):
    with pytest.raises(SystemExit) as stopped:
        _run_spec(monkeypatch, "已安装的 PySide6-Essentials 6.12.0 不符合 pyproject.toml 的要求")
    assert "不构建" in str(stopped.value) and "6.12.0" in str(stopped.value)
    assert "Analysis" in _run_spec(monkeypatch, None)  # a good binding: the build goes on


@pytest.mark.skipif(not MORTAL_TRUE, reason="True is immortal from Python 3.12")
def test_a_child_on_a_binding_that_leaks_per_emit_reports_it_before_aborting():
    """The whole path as on a broken release: the child's real model loses a reference to True
    on every dataChanged; it stops, says so, and the caller gets the sentence."""
    leaking_child = (
        "import ctypes, sys\n"
        "from gkdesk.ui import qt_binding as q\n"
        "real = q.table_three_step\n"
        "def leaking():\n"
        "    step = real()\n"
        "    step.keep[2].dataChanged.connect(\n"
        "        lambda *a: ctypes.pythonapi.Py_DecRef(ctypes.py_object(True)))\n"
        "    return step\n"
        "q.table_three_step = leaking\n"
        "sys.exit(q.main(['3000']))\n")
    result = run_probe(command=[sys.executable, "-c", leaking_child])
    assert not result.ok
    assert result.drift is not None and result.drift.delta <= -qt_binding.STOP_DRIFT
    assert result.drift.edits <= 10  # stopped at once: True's count was never near 0
    assert "丢失" in result.message and "崩溃" in result.message
