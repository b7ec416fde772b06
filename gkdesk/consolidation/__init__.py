"""Consolidating many units' tables into one total (汇总): see shared/spec/consolidation.md.

gathering (which files) → unit_reading (one file: read and checked) → reading_pool (many, on
every core) → merging (refusals, the sum, findings naming units) → workbook / long_csv (outputs)
→ command (the `gkdesk merge` command line)."""
