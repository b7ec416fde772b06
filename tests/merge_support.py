"""Unit drafts for the merge tests: written as clerks' files, with chosen mtimes."""
from __future__ import annotations

import os
from pathlib import Path

from gkdesk.draft import Draft, load_draft, save_draft
from gkdesk.datafiles import samples_dir


def sample() -> Draft:
    return load_draft(samples_dir() / "sample2018.gkd")


def write_unit(path: Path, unit: str, values: dict, *, edition="stat2014", year=2018,
               mtime: float | None = None, base: Draft | None = None) -> Path:
    """A unit's draft: the sample's numbers (or none) overridden by `values` (None = blank)."""
    draft = Draft(edition, year, unit, dict(base.values) if base is not None else {})
    for cell, value in values.items():
        if value is None:
            draft.values.pop(cell, None)
        else:
            draft.values[cell] = value
    path.parent.mkdir(parents=True, exist_ok=True)
    save_draft(draft, path)
    if mtime is not None:
        os.utime(path, (mtime, mtime))
    return path
