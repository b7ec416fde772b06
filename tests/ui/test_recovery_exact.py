"""A recovery record keeps a draft exactly, unknown keys included (issue 8, item 3): a draft
from a newer gkdesk holding `"future": 1.5` autosaves and comes back as it was."""
from gkdesk.draft import draft_text, parse_draft
from gkdesk.ui import recovery

RAW = (b'{"format": "gkdesk-draft", "format_version": 1, "edition": "stat2014", "year": 2018,'
       b' "unit": "u", "values": {"8.5": "2.6"}, "future": 1.5,'
       b' "later": {"rate": 0.10, "big": 1e400, "n": ' + b"7" * 5000 + b"}}")


def test_unknown_decimals_survive_an_autosave_and_recovery(tmp_path):
    draft = parse_draft(RAW)
    file = tmp_path / "session.json"
    recovery.write_record(file, draft, None)
    pid, host, record = recovery._read(file)
    assert record.draft == draft
    assert draft_text(record.draft) == draft_text(draft)
    assert '"rate": 0.10' in draft_text(record.draft)
