"""Property tests of the two readers of files from outside: whatever the bytes, the draft reader
ends in a draft or a DraftError, the workbook reader in a draft or a WorkbookError — never in
another exception. Bounded for CI (a few seconds each); bench/bench_fuzz.py runs thousands."""
import json
import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from export_support import sample
from mutations import mutate_draft, mutate_workbook
from gkdesk.datafiles import sample_draft_path
from gkdesk.draft import DraftError, draft_text, parse_draft
from gkdesk.exporting.xlsx import WorkbookError, write_xlsx
from gkdesk.exporting.xlsx_read import parse_xlsx

SAMPLE_RAW = sample_draft_path().read_bytes()
FAST = settings(max_examples=200, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def read_draft_or_refusal(raw: bytes) -> None:
    try:
        draft = parse_draft(raw, "fuzz.gkd")
    except DraftError as exc:
        message = str(exc)
        message.encode("utf-8")  # printable on any console
        assert "\n" not in message and len(message) < 300
        return
    draft_text(draft).encode("utf-8")  # what opens also saves


@FAST
@given(st.binary(max_size=2000))
def test_any_bytes_end_in_a_draft_or_a_refusal(raw):
    read_draft_or_refusal(raw)


@FAST
@given(st.integers(0, 2 ** 32 - 1))
def test_mutated_sample_drafts_end_in_a_draft_or_a_refusal(seed):
    read_draft_or_refusal(mutate_draft(SAMPLE_RAW, random.Random(seed)))


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20)
    | st.decimals(allow_nan=False).map(str),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=10)
FIELDS = st.sampled_from(["edition", "year", "unit", "values", "explanations", "meta", "previous",
                          "format_version", "future"])


@settings(FAST, max_examples=60)
@given(st.dictionaries(FIELDS, JSON, max_size=4),
       st.dictionaries(st.sampled_from(["1.1", "3.2", "8.5", "1.2", "t3.new.person", "x"]), JSON,
                       max_size=4))
def test_drafts_with_any_json_in_any_field_end_in_a_draft_or_a_refusal(fields, values):
    data = {"format": "gkdesk-draft", "format_version": 1, "edition": "stat2014", "year": 2018,
            "values": values}
    data.update(fields)
    read_draft_or_refusal(json.dumps(data, ensure_ascii=True).encode())


@pytest.fixture(scope="module")
def book_raw(tmp_path_factory):
    path = tmp_path_factory.mktemp("fuzz") / "sample.xlsx"
    write_xlsx(sample(), path)
    return path.read_bytes()


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(seed=st.integers(0, 2 ** 32 - 1))
def test_mutated_workbooks_end_in_a_draft_or_a_refusal(book_raw, seed):
    raw = mutate_workbook(book_raw, random.Random(seed))
    try:
        draft = parse_xlsx(raw, "fuzz.xlsx")
    except WorkbookError as exc:
        str(exc).encode("utf-8")
        return
    draft_text(draft).encode("utf-8")
