"""Many units' drafts → one total (汇总): which inputs are taken and which refused and why, the
sum, the total's findings naming their units, and the record the total carries."""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Iterable, Sequence

from ..draft import Draft, new_draft
from ..editions import get_edition
from ..rules import has_error
from .attribution import TotalFinding, attribute
from .gathering import gather_inputs
from .reading_pool import Cancelled, Progress, read_all
from .roster import unit_key
from .summing import sum_columns
from .unit_reading import UnitRead, readable_suffixes

DEFAULT_UNIT = "汇总"
RECORD_KEY = "consolidation"  # the total's top-level key (readers keep keys they do not know)


@dataclass(frozen=True)
class Refusal:
    file: str
    reason: str
    unit: str = ""  # known when the file was readable (another year, a duplicate)

    def as_json(self) -> dict:
        return {"file": self.file, "reason": self.reason}


@dataclass
class Consolidation:
    """What a merge gives: the total (None when nothing could be merged) and why each input was
    or was not taken."""
    edition: str
    year: int
    unit: str
    total: Draft | None
    merged: list[UnitRead]
    refused: list[Refusal]
    missing: list[str] = field(default_factory=list)
    outside_roster: list[str] = field(default_factory=list)
    findings: list[TotalFinding] = field(default_factory=list)
    roster: list[str] | None = None

    def record(self) -> dict:
        """The `consolidation` key of the total's file."""
        return {
            "units": [{"unit": u.unit, "file": u.file, "errors": u.errors,
                       "warnings": u.warnings} for u in self.merged],
            "refused": [r.as_json() for r in self.refused],
            "missing": list(self.missing),
            "outside_roster": list(self.outside_roster),
        }

    def as_json(self) -> dict:
        return {"edition": self.edition, "year": self.year, "unit": self.unit,
                "findings": [f.as_json() for f in self.findings], **self.record()}

    @property
    def unit_errors(self) -> int:
        return sum(1 for u in self.merged if u.errors)

    def exit_code(self) -> int:
        """0 all merged and no errors; 1 something refused, missing or in error; 2 nothing merged."""
        if self.total is None:
            return 2
        total_errors = has_error([f.finding for f in self.findings])
        if self.refused or self.missing or self.unit_errors or total_errors:
            return 1
        return 0


def merge_paths(inputs: Iterable[str | os.PathLike], *, edition: str | None = None,
                year: int | None = None, unit: str | None = None,
                roster: Sequence[str] | None = None,
                own_outputs: Iterable[str | os.PathLike] = (),
                progress: Progress | None = None, cancelled: Cancelled | None = None,
                workers: int | None = None) -> Consolidation:
    """Gather the files, read and check each (on every core), and merge them."""
    paths = gather_inputs(inputs, readable_suffixes(), own_outputs)
    reads = read_all(paths, progress, cancelled, workers, year)
    return consolidate(reads, edition=edition, year=year, unit=unit, roster=roster)


def consolidate(reads: Sequence[UnitRead], *, edition: str | None = None,
                year: int | None = None, unit: str | None = None,
                roster: Sequence[str] | None = None) -> Consolidation:
    """The merge proper, over inputs already read in sorted path order."""
    unit = (unit or "").strip() or DEFAULT_UNIT
    refused: list[Refusal] = []
    readable = [r for r in reads if r.refused is None]
    first = next((r for r in readable if (edition is None or r.edition == edition)
                  and (year is None or r.year == year)), readable[0] if readable else None)
    edition = edition or (first.edition if first else "")
    year = year or (first.year if first else 0)
    for read in reads:
        if read.refused is not None:
            refused.append(Refusal(read.file, read.refused))
    taken = []
    for read in readable:
        why = _mismatch(read, edition, year)
        if why:
            refused.append(Refusal(read.file, why, read.unit))
        else:
            taken.append(read)
    merged, duplicates = _newest_per_unit(taken)
    refused.extend(duplicates)
    order = {read.file: i for i, read in enumerate(reads)}
    refused.sort(key=lambda r: order[r.file])
    result = Consolidation(edition, year, unit, None, merged, refused,
                           roster=list(roster) if roster is not None else None)
    if roster is not None:
        _compare_roster(result, roster)
    if not merged:
        return result
    edition_obj = get_edition(edition)
    total = new_draft(year, edition, unit)
    total.values = sum_columns(edition_obj, (u.values for u in merged))
    result.total = total
    result.findings = attribute(total.findings(), [(u.unit, u.findings) for u in merged])
    total.extra[RECORD_KEY] = result.record()
    return result


def _mismatch(read: UnitRead, edition: str, year: int) -> str:
    if read.edition != edition:
        theirs, ours = get_edition(read.edition).short, get_edition(edition).short
        return f"表格格式为{theirs}，与汇总使用的{ours}不同"
    if read.year != year:
        return f"是 {read.year} 年度的报表，汇总的是 {year} 年度"
    return ""


def _newest_per_unit(taken: list[UnitRead]) -> tuple[list[UnitRead], list[Refusal]]:
    """One input per unit: the most recently modified (a corrected resubmission; on a tie the
    later in path order); the others refused, naming the file taken."""
    winners: dict[str, UnitRead] = {}
    for read in taken:
        key = unit_key(read.unit)
        held = winners.get(key)
        if held is None or read.mtime >= held.mtime:
            winners[key] = read
    kept = {id(r) for r in winners.values()}
    merged = [r for r in taken if id(r) in kept]
    refused = [Refusal(r.file, f"重复：已采用 {winners[unit_key(r.unit)].file}", r.unit)
               for r in taken if id(r) not in kept]
    return merged, refused


def _compare_roster(result: Consolidation, roster: Sequence[str]) -> None:
    """未报送: on the roster, with no input naming it (a refused file of a known unit is shown as
    refused, not as missing); 名单外: merged, but not on the roster."""
    listed = {unit_key(name) for name in roster}
    seen = {unit_key(u.unit) for u in result.merged}
    seen |= {unit_key(r.unit) for r in result.refused if r.unit}
    result.missing = [name for name in roster if unit_key(name) not in seen]
    result.outside_roster = [u.unit for u in result.merged if unit_key(u.unit) not in listed]
