"""Reading one unit's file for a merge: the draft, checked with its own edition's rules (and its
embedded last year), reduced to what the merge needs. Never raises for a bad file: the reason
comes back in plain Chinese and the merge refuses that file."""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from ..draft import SUFFIX, Draft, DraftError, check_previous_year, load_draft
from ..editions import EditionError
from ..numbers import Value
from ..rules import count_by_severity
from ..safefiles import reason
from .attribution import UnitFinding, unit_findings


@dataclass(frozen=True)
class UnitRead:
    """One input as read: either a unit's numbers and findings, or the reason it is refused.
    `values` follow the edition's cell order (None = blank): a tuple crosses processes far
    cheaper than a dict keyed by cell id."""
    file: str
    mtime: float
    refused: str | None = None
    edition: str = ""
    year: int = 0
    unit: str = ""  # as the file names it, stripped; the file's name when it names none
    values: tuple[Value | None, ...] = ()
    findings: tuple[UnitFinding, ...] = ()
    errors: int = 0
    warnings: int = 0


def readable_suffixes() -> set[str]:
    """Drafts and every format `import` reads."""
    from ..intake import SUFFIXES

    return {SUFFIX, *SUFFIXES}


def read_document(path: Path, year: int | None = None) -> Draft:
    """The draft a file holds, whatever its format (the one place a merge meets intake).
    `year`: the merge's --year, taken for a document that names no year of its own."""
    if path.suffix.lower() == SUFFIX:
        return load_draft(path)
    from ..intake import IntakeError  # only for workbooks & co.
    from ..intake import read_document as read_foreign

    try:
        return read_foreign(path, fallback_year=year).draft
    except IntakeError as exc:
        raise DraftError(str(exc)) from None


def read_unit(path: str | os.PathLike, year: int | None = None) -> UnitRead:
    path = Path(path)
    file = str(path)
    try:
        mtime = path.stat().st_mtime
    except FileNotFoundError:
        return UnitRead(file, 0.0, refused="文件不存在")
    except OSError as exc:
        return UnitRead(file, 0.0, refused=f"无法读取：{reason(exc)}")
    try:
        draft = read_document(path, year)
        if draft.previous is not None:
            check_previous_year(draft, draft.previous)
        findings = draft.findings()
    except (DraftError, EditionError) as exc:
        return UnitRead(file, mtime, refused=str(exc))
    except Exception as exc:  # a reader's own failure on a damaged file: refuse this one only
        return UnitRead(file, mtime, refused=f"文件已损坏或格式不受支持，无法读取（{type(exc).__name__}）")
    edition = draft.edition_obj
    counts = count_by_severity(findings)
    values = tuple(map(draft.values.get, edition.cells))
    return UnitRead(file, mtime, None, draft.edition, draft.year,
                    draft.unit.strip() or path.stem, values,
                    unit_findings(findings),
                    counts["error"], counts["warning"])


def read_units(paths: list[str], year: int | None = None) -> list[UnitRead]:
    """A chunk of inputs, read in order (what each worker process is given)."""
    return [read_unit(path, year) for path in paths]
