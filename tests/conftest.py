"""Test setup: Qt offscreen, and every per-user folder (settings, recovery, logs) in tmp_path."""
import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(autouse=True)
def _private_data_dir(tmp_path, monkeypatch):
    data = tmp_path / "gkdesk-data"
    data.mkdir()
    monkeypatch.setenv("GKDESK_DATA_DIR", str(data))
    return data


@pytest.fixture(autouse=True)
def _private_qsettings(tmp_path):
    """QSettings of the window tests in tmp_path too (only once Qt is loaded: the core tests
    must run without importing PySide6)."""
    import sys

    if "PySide6.QtCore" not in sys.modules:
        yield
        return
    from PySide6.QtCore import QSettings

    folder = str(tmp_path / "qsettings")
    for fmt in (QSettings.Format.IniFormat, QSettings.Format.NativeFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, folder)
    yield


@pytest.fixture(autouse=True)
def _empty_clipboard_after_test():
    """Data left on the offscreen clipboard crashes Qt at interpreter exit (after every test has
    passed), so a test that copies leaves the clipboard empty."""
    yield
    import sys

    if "PySide6.QtWidgets" in sys.modules:
        from PySide6.QtWidgets import QApplication

        app = QApplication.instance()
        if app is not None:
            app.clipboard().clear()
