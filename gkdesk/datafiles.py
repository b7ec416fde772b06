"""Where the shipped data files are: in a checkout, a plain install or a frozen build."""
from __future__ import annotations

import sys
from pathlib import Path


def resources_dir() -> Path:
    """The folder holding editions/ and samples/.

    A wheel maps the top-level resources/ folder into the package as gkdesk/resources (see
    pyproject.toml); PyInstaller bundles it under the same name; a checkout has it beside the
    package."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    package = Path(__file__).resolve().parent
    candidates = [package / "resources", package.parent / "resources"]
    if frozen_root:
        candidates.insert(0, Path(frozen_root) / "gkdesk" / "resources")
    for candidate in candidates:
        if (candidate / "editions").is_dir():
            return candidate
    raise FileNotFoundError("gkdesk 的数据文件（resources/editions）缺失，请重新安装 gkdesk")


def editions_dir() -> Path:
    return resources_dir() / "editions"


def samples_dir() -> Path:
    return resources_dir() / "samples"


def sample_draft_path() -> Path:
    """The seed report's own 2018 numbers (淄博市公共资源交易中心), as `gkdesk sample` writes them."""
    return samples_dir() / "sample2018.gkd"
