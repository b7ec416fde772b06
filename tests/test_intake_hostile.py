"""Whatever bytes a file holds, reading it ends in a draft or in one sentence (IntakeError),
never in a traceback: damaged copies of every format and random bytes under every name."""
import io
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from intake_support import expected_values, seed_page
from gkdesk.intake import IntakeError, read_document
from gkdesk.intake.reader import read_bytes_as_draft


def valid_documents(tmp_path_factory):
    from test_intake_docx import report
    from test_intake_xls import xls_template
    from test_intake_xlsx import template

    folder = tmp_path_factory.mktemp("valid")
    values = expected_values("report2021")
    made = {}
    report(values, "report2021", "2021年某局政府信息公开工作年度报告").save(folder / "r.docx")
    template(values).save(folder / "t.xlsx")
    xls_template(values, "report2021", "2021年统计表").save(str(folder / "t.xls"))
    (folder / "p.html").write_bytes(seed_page())
    for path in folder.iterdir():
        made[path.suffix] = path.read_bytes()
    return made


@pytest.fixture(scope="module")
def documents(tmp_path_factory):
    return valid_documents(tmp_path_factory)


def read_or_refuse(raw, name):
    try:
        result = read_bytes_as_draft(raw, name)
    except IntakeError as exc:
        assert str(exc) and "\n" not in str(exc)
        return None
    assert result.draft.values is not None
    return result


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.function_scoped_fixture])
@given(st.data())
def test_damaged_copies_give_a_draft_or_one_sentence(documents, data):
    suffix = data.draw(st.sampled_from(sorted(documents)))
    raw = bytearray(documents[suffix])
    for _ in range(data.draw(st.integers(1, 8))):
        at = data.draw(st.integers(0, len(raw) - 1))
        raw[at] = data.draw(st.integers(0, 255))
    if data.draw(st.booleans()):
        raw = raw[: data.draw(st.integers(0, len(raw)))]
    read_or_refuse(bytes(raw), f"x{suffix}")


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=2000), st.sampled_from([".xlsx", ".xls", ".docx", ".html", ".htm",
                                                  ".xlsm", ".bin"]))
def test_random_bytes_under_every_name(raw, suffix):
    read_or_refuse(raw, f"x{suffix}")


def test_damaged_parts_inside_a_valid_zip(documents):
    for suffix, part in ((".docx", "word/document.xml"), (".xlsx", "xl/worksheets/sheet1.xml")):
        source = zipfile.ZipFile(io.BytesIO(documents[suffix]))
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as target:
            for info in source.infolist():
                data = source.read(info)
                target.writestr(info.filename, data[: len(data) // 2] if info.filename == part
                                else data)
        assert read_or_refuse(out.getvalue(), f"x{suffix}") is None


def test_a_missing_file_and_a_folder(tmp_path):
    with pytest.raises(IntakeError, match="找不到文件"):
        read_document(tmp_path / "none.xlsx")
    with pytest.raises(IntakeError, match="文件夹"):
        read_document(tmp_path)


def test_corrupt_compressed_data_and_control_characters(documents):
    """Found by fuzzing: a flipped byte in a deflated part (zlib.error) and control characters
    in a page (lxml refusing its own text) each escaped as a program error."""
    raw = bytearray(documents[".xlsx"])
    local = raw.index(b"xl/worksheets/sheet1.xml") + len(b"xl/worksheets/sheet1.xml")
    for at in range(local + 40, local + 60):
        raw[at] ^= 0x5A
    assert read_or_refuse(bytes(raw), "t.xlsx") is None
    page = documents[".html"].replace(b"<br>", b"<br>\x01\x02", 3)
    assert read_or_refuse(page, "p.html") is not None
