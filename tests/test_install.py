"""A plain (non-editable) install carries the editions and the sample inside the package."""
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    work = tmp_path_factory.mktemp("install")
    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q",
         "-w", str(work / "dist"), str(ROOT)], capture_output=True, text=True, timeout=300)
    assert build.returncode == 0, build.stderr
    (wheel,) = (work / "dist").glob("gkdesk-*.whl")
    site = work / "site"
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(site)
    return wheel, site


def test_wheel_maps_resources_into_the_package(installed):
    wheel, _ = installed
    names = zipfile.ZipFile(wheel).namelist()
    assert "gkdesk/resources/editions/stat2014.toml" in names
    assert "gkdesk/resources/samples/sample2018.gkd" in names
    assert "gkdesk/report/textcheck.py" in names  # a package ships only when listed
    assert "gkdesk/exporting/docx.py" in names
    assert "gkdesk/intake/locate.py" in names
    assert "gkdesk/consolidation/merging.py" in names  # every package listed in pyproject


def test_installed_package_finds_its_data_away_from_the_checkout(installed, tmp_path):
    _, site = installed
    probe = ("import gkdesk.datafiles as r, gkdesk.editions as e; "
             "print(r.resources_dir()); print(sorted(e.all_editions()))")
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                            cwd=tmp_path, env={"PYTHONPATH": str(site), "PATH": ""}, timeout=60)
    assert result.returncode == 0, result.stderr
    where, editions = result.stdout.splitlines()
    assert Path(where).is_relative_to(site)
    assert "stat2014" in editions
