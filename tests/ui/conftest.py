"""Fixtures for the window tests: a copy of the sample draft, dialogs replaced by answers the
test chooses (and recorded), and the real MainWindow shown offscreen."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

pytest.importorskip("pytestqt")


from gkdesk.datafiles import samples_dir  # noqa: E402
from gkdesk.editions import default_edition_for  # noqa: E402
from gkdesk.ui import dialogs  # noqa: E402
from gkdesk.ui.main_window import MainWindow  # noqa: E402


class FakeDialogs:
    """Stand-ins for the modal dialogs: each answer is set by the test, each call recorded."""

    def __init__(self):
        self.calls: list[tuple] = []
        self.save_answer = "discard"
        self.recover_answer = "recover"
        self.open_locked_answer = False
        self.explanation: str | None = None
        self.new_answer: tuple[int, str] | None = (2018, "stat2014")
        self.next_year_answer: str | None = "default"  # 新建下一年度: the preset edition
        self.export_with_errors_answer = True

    def install(self, monkeypatch):
        def record(name, answer):
            def fake(*args):
                self.calls.append((name,) + args[1:])
                return answer() if callable(answer) else answer
            monkeypatch.setattr(dialogs, name, fake)

        record("ask_save_changes", lambda: self.save_answer)
        record("ask_recover", lambda: self.recover_answer)
        record("ask_open_locked", lambda: self.open_locked_answer)
        record("ask_explanation", lambda: self.explanation)
        record("ask_new_draft", lambda: self.new_answer)
        record("ask_next_year", self._next_year)
        record("ask_export_with_errors", lambda: self.export_with_errors_answer)
        record("show_error", None)
        record("show_info", None)

    def _next_year(self) -> str | None:
        if self.next_year_answer != "default":
            return self.next_year_answer
        year = self.calls[-1][1]
        return default_edition_for(year + 1).id

    def names(self) -> list[str]:
        return [c[0] for c in self.calls]


@pytest.fixture
def fake_dialogs(monkeypatch):
    fake = FakeDialogs()
    fake.install(monkeypatch)
    return fake


@pytest.fixture
def sample_path(tmp_path) -> Path:
    target = tmp_path / "sample2018.gkd"
    shutil.copy(samples_dir() / "sample2018.gkd", target)
    return target


@pytest.fixture
def make_window(qtbot, fake_dialogs):
    def make(path: Path | None = None, **kwargs) -> MainWindow:
        window = MainWindow(**kwargs)
        qtbot.addWidget(window)
        if path is None:
            window.new_default()
        else:
            assert window.open_path(path)
        window.resize(window.default_size())
        window.show()
        qtbot.waitExposed(window)
        return window
    return make


@pytest.fixture
def window(make_window, sample_path) -> MainWindow:
    return make_window(sample_path)
