"""Reading statistics tables gkdesk did not make (hand-filled Excel, .xls, Word reports, published
web pages) into a draft, by the tables' labels, saying exactly what was read and what was not.

The contract is shared/spec/intake.md. formats.py tells the format by the first bytes; the
readers (html_grids, xlsx_grids, xls_grids, docx_grids) turn a file into plain grids; labels.py
folds labels, patterns.py reads what to look for off an edition, locate.py finds it, values.py
reads each value, heading.py the year and unit, reader.py puts it together.
"""
from __future__ import annotations

from .formats import SUFFIXES
from .limits import IntakeError
from .reader import IntakeNote, IntakeResult, YearNotFound, read_document

__all__ = ["SUFFIXES", "IntakeError", "IntakeNote", "IntakeResult", "YearNotFound",
           "read_document"]
