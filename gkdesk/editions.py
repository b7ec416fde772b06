"""Editions: the official tables as data, as the program reads them.

An Edition is built from a file in resources/editions/ (see gkdesk.edition_files for the format)
and cached, so that `gkdesk check` starts without importing pydantic. Cell ids are looked up,
never parsed.
"""
from __future__ import annotations

import hashlib
import os
import pickle
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Literal

from . import __version__
from .datadir import cache_dir
from .datafiles import editions_dir
from .numbers import Kind

Severity = Literal["error", "warning", "info"]


class EditionError(Exception):
    """An edition file that cannot be used; the message names the file and the place."""



# --------------------------------------------------------------------------------------------
# What the program reads

@dataclass(frozen=True)
class Cell:
    """One value the clerk fills in."""
    id: str
    table: str
    name: str  # how messages name it, e.g. 申请办结数 or 予以公开·自然人
    label: str  # its row's official label, numbering included
    kind: Kind
    unit: str


@dataclass(frozen=True)
class GridItem:
    """One (possibly spanning) box of a table as printed."""
    row: int
    col: int
    role: Literal["corner", "header", "heading", "label", "unit", "value"]
    text: str = ""
    cell: str | None = None
    rowspan: int = 1
    colspan: int = 1
    level: int = 0
    suffix: str = ""  # a value box's unit printed after the number (e.g. 万元)
    aliases: tuple[str, ...] = ()  # other wordings of a label box, for reading others' tables


@dataclass(frozen=True)
class Grid:
    """A table laid out as the official form prints it: spans, header rows, value boxes."""
    n_rows: int
    n_cols: int
    header_rows: int  # rows repeated at the top of every printed page
    label_cols: int  # leading columns holding labels
    items: tuple[GridItem, ...]

    def item_at(self, row: int, col: int) -> GridItem | None:
        """The box that starts at this row and column (views keep their own index for speed)."""
        return next((i for i in self.items if i.row == row and i.col == col), None)


@dataclass(frozen=True)
class Table:
    id: str
    title: str
    layout: Literal["list", "matrix"]
    grid: Grid
    cells: tuple[str, ...]
    note: str = ""


@dataclass(frozen=True)
class Term:
    cell: str
    sign: int = 1
    previous: bool = False  # read from last year's draft


@dataclass(frozen=True)
class RuleInstance:
    """One check a rule makes on specific cells; a rule with for_each has several."""
    rule: str
    kind: Literal["equal", "compare", "requires"]
    severity: Severity
    left: tuple[Term, ...]
    right: tuple[Term, ...]
    target: str
    op: str | None = None
    hint: str = ""

    @property
    def key(self) -> str:
        return f"{self.rule}@{self.target}"

    @property
    def cells(self) -> tuple[str, ...]:
        """This year's cells it reads: the target first, then in the rule's order."""
        seen = [self.target]
        for term in self.left + self.right:
            if not term.previous and term.cell not in seen:
                seen.append(term.cell)
        return tuple(seen)

    @property
    def cross_year(self) -> bool:
        return any(t.previous for t in self.left + self.right)


@dataclass(frozen=True)
class Phrase:
    """How a report's text names something the table counts (see docs: phrases), e.g. 予以公开及
    部分公开 → t3.open.total + t3.partial.total. `words` in order, each a tuple of spellings."""
    id: str
    words: tuple[tuple[str, ...], ...]
    cells: tuple[str, ...]
    alternatives: tuple[tuple[str, ...], ...]  # other cell sets reports use the words for
    units: tuple[str, ...]
    name: str  # how a message names the table's figure
    exclude: tuple[str, ...] = ()  # words that make a number count something else
    none: bool = True  # whether "没有/未发生/无 …" sentences are checked against it


@dataclass(frozen=True)
class Edition:
    id: str
    name: str
    short: str
    first_year: int | None
    last_year: int | None
    title: str
    subtitle: str
    tables: tuple[Table, ...]
    cells: dict[str, Cell]  # in table order
    rules: tuple[RuleInstance, ...]
    headings: frozenset[str] = field(default_factory=frozenset)  # ids of heading rows
    order: dict[str, int] = field(default_factory=dict)  # cell id → position in table order
    phrases: tuple[Phrase, ...] = ()  # what a report's sentences say about the table

    def serves(self, year: int) -> bool:
        return (self.first_year is None or year >= self.first_year) and (
            self.last_year is None or year <= self.last_year
        )

    def title_for(self, year: int) -> str:
        return self.title.replace("{year}", str(year))


# --------------------------------------------------------------------------------------------
# Loading, with a cache of built editions keyed by the file's bytes and the builder's code

@lru_cache(maxsize=1)
def _builder_stamp() -> bytes:
    """What a cached edition depends on besides its file: the program and the builder's code."""
    stamp = __version__.encode()
    for module in ("editions.py", "edition_files.py"):
        try:
            stamp += (Path(__file__).with_name(module)).read_bytes()
        except OSError:  # a frozen build ships no sources; its version names the code
            pass
    return stamp


def load_edition_file(path: Path) -> Edition:
    """Load and validate one edition file; any defect raises EditionError naming file and place."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise EditionError(f"{path.name}: cannot read edition file: {exc}") from exc
    key = hashlib.sha256(data + b"\0" + path.name.encode() + b"\0" + _builder_stamp()).hexdigest()
    cached = cache_dir() / f"edition-{key[:40]}.pickle"
    try:
        with open(cached, "rb") as handle:
            edition = pickle.load(handle)
        if isinstance(edition, Edition):
            return edition
    except Exception:  # missing, stale or damaged cache: build afresh
        pass
    from .edition_files import read_edition_file

    edition = read_edition_file(path)
    _write_cache(cached, edition)
    return edition


def _write_cache(path: Path, edition: Edition) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        with open(temp, "wb") as handle:
            pickle.dump(edition, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temp, path)
    except OSError:  # a read-only profile only costs start-up time
        pass


_SHIPPED: dict[str, Edition] = {}  # editions loaded so far, by id


_EDITION_ID = re.compile(r"[A-Za-z0-9_]{1,64}")  # a file name on every system, nothing more


def _shipped_path(edition_id: str) -> Path | None:
    if not _EDITION_ID.fullmatch(edition_id):  # 300 characters, "../x", a NUL: not ours
        return None
    path = editions_dir() / f"{edition_id}.toml"
    return path if path.is_file() and path.stem == edition_id else None


def get_edition(edition_id: str) -> Edition:
    """A shipped edition by id; only its own file is read (checking one draft needs no other)."""
    edition = _SHIPPED.get(edition_id)
    if edition is None:
        path = _shipped_path(edition_id) if isinstance(edition_id, str) else None
        if path is None:
            shown = edition_id if len(str(edition_id)) <= 40 else f"{str(edition_id)[:20]}…"
            raise EditionError(f"未知的表格格式“{shown}”")
        edition = load_edition_file(path)
        if edition.id != edition_id:
            raise EditionError(f"{path.name}: id {edition.id!r} differs from the file name")
        _SHIPPED[edition_id] = edition
    return edition


def find_edition(edition_id: str) -> Edition | None:
    """A shipped edition, or None for one this program does not ship (last year's draft may come
    from a newer gkdesk): nothing is then known to carry over or compare."""
    try:
        return get_edition(edition_id)
    except EditionError:
        return None


def all_editions() -> dict[str, Edition]:
    """Every shipped edition, by id, oldest format first (as clerks see them listed)."""
    editions = [get_edition(path.stem) for path in sorted(editions_dir().glob("*.toml"))]
    editions.sort(key=lambda e: (e.first_year or 0, e.last_year or 10_000))
    return {e.id: e for e in editions}


def serving_edition(year: int) -> Edition | None:
    """The shipped edition that declares it serves this report year (the newest if several)."""
    serving = [e for e in all_editions().values() if e.serves(year)]
    return max(serving, key=lambda e: e.first_year or 0) if serving else None


def default_edition_for(year: int) -> Edition:
    """The edition a new draft of this year gets: the serving one, else the one whose years lie
    closest (a 2012 draft gets the oldest edition, not today's), the newer on a tie."""
    def distance(e: Edition) -> int:
        if e.first_year is not None and year < e.first_year:
            return e.first_year - year
        if e.last_year is not None and year > e.last_year:
            return year - e.last_year
        return 0

    return serving_edition(year) or min(
        all_editions().values(), key=lambda e: (distance(e), -(e.first_year or 0)))
