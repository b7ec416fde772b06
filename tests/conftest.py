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
