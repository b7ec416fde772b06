"""jsontext.dumps lays out plain JSON data exactly as json.dumps(ensure_ascii=False, indent=2)
does (drafts stay byte-for-byte what they were), Decimals by their digits; compact_dumps (for
recovery records) writes the same data on one line, Decimals included."""
from __future__ import annotations

import json
from decimal import Decimal

from hypothesis import given, strategies as st

from gkdesk import jsontext

SCALARS = st.none() | st.booleans() | st.integers() | st.text() \
    | st.floats(allow_nan=False, allow_infinity=False)
DATA = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=4)
                    | st.dictionaries(st.text(max_size=6), inner, max_size=4), max_leaves=20)


@given(DATA, st.sampled_from([1, 2]))
def test_plain_data_is_written_as_json_dumps_writes_it(data, indent):
    assert jsontext.dumps(data, indent=indent) == json.dumps(data, ensure_ascii=False,
                                                             indent=indent)


def test_decimals_keep_their_digits_and_come_back_exact():
    data = {"future": Decimal("1.50"), "中文\n": [True, None, 3]}
    text = jsontext.dumps(data)
    assert '"future": 1.50' in text and jsontext.loads(text) == data


@given(DATA)
def test_compact_text_reads_back_as_the_same_data(data):
    text = jsontext.compact_dumps(data)
    assert "\n" not in text  # one line, as json's own encoder writes it
    assert json.loads(text) == data


def test_compact_text_keeps_decimal_digits():
    data = {"values": {"a": 1}, "future": Decimal("1.50"), "big": Decimal("1e400")}
    text = jsontext.compact_dumps(data)
    assert "1.50" in text and jsontext.loads(text) == data
