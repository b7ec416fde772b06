"""Which files a merge reads: the inputs as given, folders searched recursively, in sorted path
order; Office lock files, files of no readable kind and the command's own outputs left out."""
from __future__ import annotations

import os
from pathlib import Path
from typing import Iterable

LOCK_PREFIX = "~$"  # Excel and Word hold an open document with a ~$ file beside it


def gather_inputs(inputs: Iterable[str | os.PathLike], readable: set[str],
                  own_outputs: Iterable[str | os.PathLike] = ()) -> list[Path]:
    """Every file to read, absolute, each once, in sorted path order. `readable` holds the
    suffixes (lower case, with the dot) a reader exists for. A named input that does not exist
    is kept: reading it says so, and the merge refuses it with that reason."""
    skip = {_identity(Path(p)) for p in own_outputs}
    found: dict[str, Path] = {}
    for given in inputs:
        path = Path(given).absolute()
        candidates = _walk(path) if path.is_dir() else [path]
        for candidate in candidates:
            if candidate.name.startswith(LOCK_PREFIX):
                continue
            if candidate.suffix.lower() not in readable and candidate.exists():
                continue
            identity = _identity(candidate)
            if identity in skip:
                continue
            found.setdefault(identity, candidate)
    return sorted(found.values())


def _walk(folder: Path) -> list[Path]:
    files = []
    for root, dirs, names in os.walk(folder):
        dirs.sort()
        files.extend(Path(root, name) for name in names)
    return files


def _identity(path: Path) -> str:
    """One key for one file however it was named (a folder and a file inside it both given)."""
    try:
        return os.path.normcase(str(path.resolve()))
    except OSError:
        return os.path.normcase(str(path.absolute()))
