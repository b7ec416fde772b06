"""How long the annual report takes: writing REPORT.docx (target < 1 s) and checking the text of
a 30-page report against the table (target < 200 ms), and what the window does again on each
cell edit (compare the claims read once with the numbers); the Word tables export beside them.

Prints figures only; never asserts. The first call (importing python-docx) is printed apart.

    python bench/bench_report.py
"""
from __future__ import annotations

import sys
import tempfile
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from gkdesk.draft import load_draft  # noqa: E402
from benchkit import filled, timed as timed_runs  # noqa: E402

SAMPLE = ROOT / "resources" / "samples" / "sample2018.gkd"
SEED = Path("/work/shared/seed/000_762f6de51f5ed6c6.txt")
RUNS = 7
timed = partial(timed_runs, runs=RUNS)
CHARS_PER_PAGE = 22 * 28  # GB/T 9704: 22 lines of 28 characters


REALISTIC = [
    "本年度，我单位认真贯彻落实《中华人民共和国政府信息公开条例》，坚持以公开为常态、不公开为例外，"
    "全面推进决策、执行、管理、服务、结果公开。",
    "本年度新收政府信息公开申请1499件，上年结转政府信息公开申请20件。",
    "本年度办结政府信息公开申请1447件，其中予以公开258件，部分公开12件，不予公开1件，"
    "因本机关不掌握等原因无法提供337件，不予处理40件，其他处理799件。",
    "另有72件申请因需要延期答复顺延到下年度办理。",
    "本年度发生政府信息公开行政复议3件，其中结果维持2件，尚未审结1件，未发生政府信息公开行政诉讼。",
    "全年共转载上级文件等40余件，政务新媒体发布信息同比增长8.5%，其中涉及征地拆迁的申请172件，"
    "占比21%，组织业务培训110人次。",
    "下一步，我们将进一步完善政府信息公开工作机制，加强政策解读和回应关切，不断提升政务公开质量。",
]


def thirty_pages() -> list[str]:
    paragraphs, size, i = ["2023年某某县人民政府办公室政府信息公开工作年度报告"], 0, 0
    while size < 30 * CHARS_PER_PAGE:
        paragraphs.append(REALISTIC[i % len(REALISTIC)])
        size += len(paragraphs[-1])
        i += 1
    return paragraphs


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="gkdesk-bench-") as folder:
        _bench(Path(folder))


def _bench(folder: Path) -> None:
    from gkdesk.exporting.docx import write_docx
    from gkdesk.report.reading import read_paragraphs
    from gkdesk.report.textcheck import check_text, claims_in, findings_from, title_of
    from gkdesk.report.writer import write_report

    drafts = {"stat2014 sample": load_draft(SAMPLE), "report2021": filled("report2021"),
              "report2019": filled("report2019")}
    print("Writing (first call, then median of", RUNS, "runs):")
    for name, draft in drafts.items():
        first, median = timed(lambda: write_report(draft, folder / "report.docx"))
        print(f"  REPORT.docx  {name:16s} first {first * 1000:7.1f} ms   median {median * 1000:7.1f} ms"
              "   (target < 1000 ms)")
    for name, draft in drafts.items():
        first, median = timed(lambda: write_docx(draft, folder / "tables.docx"))
        print(f"  TABLES.docx  {name:16s} first {first * 1000:7.1f} ms   median {median * 1000:7.1f} ms")

    draft = drafts["report2021"]
    edition = draft.edition_obj
    paragraphs = thirty_pages()
    chars = sum(len(p) for p in paragraphs)
    text = folder / "report30.txt"
    text.write_text("\n".join(paragraphs), encoding="utf-8")
    import docx

    document = docx.Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    document.save(folder / "report30.docx")
    print(f"\nChecking a 30-page report ({len(paragraphs)} paragraphs, {chars} characters, "
          f"≈ {chars / CHARS_PER_PAGE:.0f} pages):")
    found = check_text(edition, draft.year, draft.unit, draft.values, paragraphs)
    _, median = timed(lambda: check_text(edition, draft.year, draft.unit, draft.values, paragraphs))
    print(f"  matching only            median {median * 1000:7.1f} ms   (target < 200 ms)   "
          f"{len(found)} findings")
    # the window: the text is split and matched once per read; a cell edit only compares
    claims, title = claims_in(paragraphs, edition.phrases), title_of(paragraphs)
    _, median = timed(lambda: findings_from(claims, title, edition, draft.year, draft.unit,
                                            draft.values))
    print(f"  per cell edit (window)   median {median * 1000:7.2f} ms   "
          f"(was: matching only, on every edit)")
    for path in (text, folder / "report30.docx"):
        _, median = timed(lambda: check_text(edition, draft.year, draft.unit, draft.values,
                                             read_paragraphs(path)))
        print(f"  reading + matching {path.suffix:5s} median {median * 1000:7.1f} ms   (target < 200 ms)")
    if SEED.exists():
        sample = drafts["stat2014 sample"]
        _, median = timed(lambda: check_text(sample.edition_obj, sample.year, sample.unit,
                                             sample.values, read_paragraphs(SEED)))
        print(f"  the seed report (.txt)   median {median * 1000:7.1f} ms")


if __name__ == "__main__":
    main()
