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
    skip = {_identity(os.path.realpath(p)) for p in own_outputs}
    found: dict[str, str] = {}
    for given in inputs:
        path = os.path.abspath(given)
        if os.path.isdir(path):
            # walked from its real path, the files' own paths need no resolving one by one
            real = os.path.realpath(path)
            for root, dirs, names in os.walk(path):
                dirs.sort()
                real_root = os.path.join(real, os.path.relpath(root, path))
                for name in names:
                    if _wanted(name, readable):
                        _add(found, skip, os.path.join(root, name),
                             os.path.normpath(os.path.join(real_root, name)))
        elif _wanted(os.path.basename(path), readable) or not os.path.exists(path):
            _add(found, skip, path, os.path.realpath(path))
    return [Path(p) for p in sorted(found.values(), key=sort_key)]


def _wanted(name: str, readable: set[str]) -> bool:
    return not name.startswith(LOCK_PREFIX) and os.path.splitext(name)[1].lower() in readable


def _add(found: dict[str, str], skip: set[str], path: str, real: str) -> None:
    identity = _identity(real)  # one key for one file however it was named
    if identity not in skip:
        found.setdefault(identity, path)


def _identity(real: str) -> str:
    return os.path.normcase(real)


def sort_key(path: str) -> list[str]:
    """A path's place in the merge's order: folder by folder, as Path orders them."""
    return path.split(os.sep)
