"""Checking a report's sentences against its table: TEXT-NUMBER, TEXT-NONE and TEXT-YEAR.

What the text can name is data (the edition's `phrases`). A number is tied to a phrase only the
ways reports write it, within one clause (up to ，。；：): the phrase's words in order, others
between allowed, the number (with one of the phrase's units) after, around or before them. A
number that counts something else or only a part — approximate (40余件, 约, 近), a share or a
change (%, 同比, 占比, 增长), a part (其中涉及…, the phrase's own exclusions), a unit of its own
(人次 is not 次) — is left alone, and so is a number two phrases could equally claim. Precision
before recall: a wrong warning costs the clerk more than a missed one.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Iterable, Mapping

from ..editions import Edition, Phrase
from ..numbers import Value, format_value
from ..rules import Finding
from .figures import sum_of

CONTEXT_MAX = 120


@dataclass(frozen=True)
class TextFinding(Finding):
    """A finding about the report's text; `context` is the sentence it is about."""
    context: str = ""

    def as_json(self) -> dict:
        data = super().as_json()
        data["context"] = self.context
        return data


# --------------------------------------------------------------------------------------------
# Reading sentences, clauses and numbers

_SPACE = re.compile(r"\s+")
_FULL_WIDTH = str.maketrans("０１２３４５６７８９．", "0123456789.")
_SENTENCE = re.compile(r"[^。！？!?]*[。！？!?]*")
# a comma between digits groups thousands (1,499); any other ，；：,;: ends a clause
_CLAUSE_END = re.compile(r"[，；：;:]|,(?!\d{3}(?!\d))")
_NUMBER = re.compile(r"(?<![\d.,])(\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?")
_UNITS = sorted(["个百分点", "百分点", "人次", "件次", "万元", "亿元", "万人", "%", "％", "‰", "件",
                 "条", "次", "个", "人", "篇", "项", "起", "宗", "部", "份", "期", "场", "元", "倍",
                 "年", "月", "日", "天", "家", "名", "号", "批", "类", "页", "户", "分"],
                key=len, reverse=True)
_DATES = ("年", "月", "日", "号")
_APPROX_AFTER = ("余", "多", "来")  # 40余件, 200多件
_APPROX_TAIL = ("以上", "以下", "左右", "上下", "余", "多")
_QUALIFIERS = ("第", "近", "约", "逾", "超过", "超", "不足", "不到", "将近", "大约", "各", "均",
               "至少", "最多", "平均", "人均", "每", "前", "等", "达到", "上千", "数")
# in the stretch tying a number to a phrase, these make it count something else
_MARKERS = ("涉及", "同比", "环比", "占比", "所占", "比例", "比重", "增长", "增加", "减少", "下降",
            "上升", "提高", "较上年", "较去年", "比上年", "比去年", "累计", "历年", "以来", "分别",
            "平均", "人均")
_NEGATION = re.compile(r"没有发生|没有|没发生|未发生|未收到|未出现|未产生|未有|未曾|无")
# 无 inside a word is no negation: 无法提供, 无正当理由, 无论 …
_NOT_AFTER_WU = set("法正论关偿效需须误缝纸障条差私限数形意奈异非从所视理故疑穷权能力")
_WU_FILLERS = ("任何", "相关", "此类", "新", "")


@dataclass(frozen=True)
class _Number:
    start: int
    end: int  # after its unit
    value: Decimal
    unit: str  # "" when none, or when it counts nothing a phrase can name


@dataclass(frozen=True)
class Claim:
    """What one clause of the report says about one phrase's figure."""
    phrase: Phrase
    kind: str  # "number" or "none"
    value: Decimal | None
    quote: str
    sentence: str


def normalized(text: str) -> str:
    """Paragraph text as the matcher reads it: no spaces (Chinese needs none), ASCII digits."""
    return _SPACE.sub("", text).translate(_FULL_WIDTH)


def sentences(paragraph: str) -> Iterable[str]:
    for match in _SENTENCE.finditer(normalized(paragraph)):
        if match.group().strip():
            yield match.group()


def clauses(sentence: str) -> list[str]:
    return [c for c in _CLAUSE_END.split(sentence) if c]


def _numbers(clause: str) -> list[_Number]:
    found = []
    for match in _NUMBER.finditer(clause):
        end = match.end()
        approx = clause.startswith(_APPROX_AFTER, end)
        if approx:
            end += 1
        unit = next((u for u in _UNITS if clause.startswith(u, end)), "")
        if unit in _DATES and not approx:
            continue  # 2021年, 12月31日, 〔2021〕30号 name a time or a document, count nothing
        end += len(unit)
        before = clause[max(0, match.start() - 2):match.start()]
        counted = bool(unit) and not approx \
            and not any(before.endswith(q) for q in _QUALIFIERS) \
            and not clause.startswith(_APPROX_TAIL, end) \
            and not clause.startswith(("-", "～", "~", "至", "到"), end)
        value = Decimal(match.group().replace(",", ""))
        found.append(_Number(match.start(), end, value, unit if counted else ""))
    return found


# --------------------------------------------------------------------------------------------
# Finding a phrase's words

def _find(text: str, spellings: tuple[str, ...], start: int, end: int) -> tuple[int, int] | None:
    """The earliest spelling of a word within text[start:end] (the longer one on a tie)."""
    best = None
    for spelling in spellings:
        at = text.find(spelling, start, end)
        if at >= 0 and (best is None or at < best[0] or at == best[0]
                        and at + len(spelling) > best[1]):
            best = (at, at + len(spelling))
    return best


def _rfind(text: str, spellings: tuple[str, ...], start: int, end: int) -> tuple[int, int] | None:
    """The latest spelling of a word within text[start:end] (the longer one on a tie)."""
    best = None
    for spelling in spellings:
        at = text.rfind(spelling, start, end)
        if at >= 0 and (best is None or at + len(spelling) > best[1] or
                        at + len(spelling) == best[1] and at < best[0]):
            best = (at, at + len(spelling))
    return best


def words_forward(text: str, phrase: Phrase, start: int, end: int) -> list[tuple[int, int]] | None:
    spans, pos = [], start
    for word in phrase.words:
        span = _find(text, word, pos, end)
        if span is None:
            return None
        spans.append(span)
        pos = span[1]
    return spans


def _words_backward(text: str, phrase: Phrase, start: int, end: int) -> list[tuple[int, int]] | None:
    spans, limit = [], end
    for word in reversed(phrase.words):
        span = _rfind(text, word, start, limit)
        if span is None:
            return None
        spans.append(span)
        limit = span[0]
    spans.reverse()
    return spans


def _part_of_something_else(clause: str, phrase: Phrase, seg_start: int, first: int,
                            stretch_end: int) -> bool:
    stretch = clause[seg_start:stretch_end]
    if any(word in stretch for word in phrase.exclude) or any(m in stretch for m in _MARKERS):
        return True
    # 其中予以公开120件 names the figure itself; 其中涉及征地拆迁的申请172件 only a part of one
    at = clause.rfind("其中", seg_start, first + 1)
    return at >= 0 and at + 2 < first


# --------------------------------------------------------------------------------------------
# Claims

def number_claims(clause: str, sentence: str, phrases: tuple[Phrase, ...]) -> list[Claim]:
    numbers = _numbers(clause)
    claims = []
    for i, number in enumerate(numbers):
        if not number.unit:
            continue
        seg_start = numbers[i - 1].end if i else 0
        seg_end = numbers[i + 1].start if i + 1 < len(numbers) else len(clause)
        digits_start = number.start
        candidates = []
        for order, phrase in enumerate(phrases):
            if number.unit not in phrase.units:
                continue
            spans = _words_backward(clause, phrase, seg_start, digits_start)
            tier = 0
            if spans is None:
                spans = words_forward(clause, phrase, seg_start, seg_end)
                if spans is None:
                    continue
                tier = 2 if spans[0][0] >= number.end else 1
                if any(s < number.end and e > digits_start for s, e in spans):
                    continue
            first, last = spans[0][0], spans[-1][1]
            begin, finish = min(first, digits_start), max(last, number.end)
            if _part_of_something_else(clause, phrase, seg_start, first, finish):
                continue
            specificity = sum(e - s for s, e in spans)
            candidates.append((tier, -specificity, finish - begin, order, phrase, begin, finish))
        if not candidates:
            continue
        candidates.sort(key=lambda c: c[:4])
        best = candidates[0]
        if len(candidates) > 1 and candidates[1][:2] == best[:2]:
            continue  # two phrases claim the number equally (行政复议、行政诉讼共5件): leave it
        claims.append(Claim(best[4], "number", number.value, clause[best[5]:best[6]], sentence))
    return claims


def none_claims(clause: str, sentence: str, phrases: tuple[Phrase, ...],
                numbered: set[str]) -> list[Claim]:
    negations = [m for m in _NEGATION.finditer(clause) if _is_negation(clause, m)]
    if not negations:
        return []
    found = []  # (phrase, quote span, the words' spans)
    for phrase in phrases:
        if not phrase.none or phrase.id in numbered:
            continue
        for negation in negations:
            hit = _negated(clause, phrase, negation)
            if hit is not None:
                found.append((phrase, hit[0], frozenset(hit[1])))
                break
    # 没有予以公开及部分公开 is about the pair, not about each word's phrase again
    kept = [f for f in found if not any(f[2] < other[2] for other in found)]
    return [Claim(p, "none", None, clause[span[0]:span[1]], sentence) for p, span, _ in kept]


_NOT_NEGATING = ("没有现成", "未按", "无正当")  # words of the table's own labels


def _is_negation(clause: str, match: re.Match) -> bool:
    if clause.startswith(_NOT_NEGATING, match.start()):
        return False
    if match.group() != "无":
        return True
    after = clause[match.end():match.end() + 1]
    before = clause[match.start() - 1:match.start()] if match.start() else ""
    return after not in _NOT_AFTER_WU and before != "有"


def _negated(clause: str, phrase: Phrase, negation: re.Match):
    """Where the clause says there was none of this phrase's figure: the negation before its
    words (未发生行政复议), or right after them at the clause's end (行政复议案件未发生)."""
    # from inside the negation: 未收到申请 negates 收到 … 申请 itself
    spans = words_forward(clause, phrase, negation.start() + 1, len(clause))
    if spans is not None:
        first = spans[0][0]
        if negation.group() == "无" and not any(
                clause.startswith(filler, negation.end()) and
                negation.end() + len(filler) == first for filler in _WU_FILLERS):
            spans = None  # 无 as a word directly before what it negates: 无行政复议
        elif not _part_of_something_else(clause, phrase, negation.start(), first, spans[-1][1]):
            return (negation.start(), spans[-1][1]), spans
    spans = words_forward(clause, phrase, 0, negation.start())
    if spans is not None and len(clause) - negation.end() <= 4 \
            and not _part_of_something_else(clause, phrase, 0, spans[0][0], negation.end()):
        return (spans[0][0], negation.end()), spans
    return None


def claims_in(paragraphs: Iterable[str], phrases: tuple[Phrase, ...]) -> list[Claim]:
    claims = []
    for paragraph in paragraphs:
        for sentence in sentences(paragraph):
            for clause in clauses(sentence):
                if not any(ch.isdigit() for ch in clause) and not _NEGATION.search(clause):
                    continue
                # only the phrases whose every word the clause holds can match in it
                present = tuple(p for p in phrases
                                if all(any(s in clause for s in word) for word in p.words))
                if not present:
                    continue
                found = number_claims(clause, sentence, present)
                claims.extend(found)
                claims.extend(none_claims(clause, sentence, present,
                                          {c.phrase.id for c in found}))
    return claims


# --------------------------------------------------------------------------------------------
# Against the table

def _sums(phrase: Phrase, values: Mapping[str, Value]) -> list[Value]:
    """The figure for each cell set the phrase may mean (blanks as 0); a set all blank is not
    known, and gives none. A phrase whose own cells are all blank is not checked at all."""
    if sum_of(values, phrase.cells) is None:
        return []
    sums = [sum_of(values, cell_set) for cell_set in (phrase.cells, *phrase.alternatives)]
    return [s for s in sums if s is not None]


def _context(sentences_: list[str]) -> str:
    text = " ／ ".join(dict.fromkeys(s.strip() for s in sentences_))
    return text if len(text) <= CONTEXT_MAX else text[:CONTEXT_MAX - 1] + "…"


def text_findings(edition: Edition, values: Mapping[str, Value],
                  paragraphs: Iterable[str]) -> list[TextFinding]:
    """TEXT-NUMBER and TEXT-NONE findings for the paragraphs' claims."""
    return claim_findings(edition, values, claims_in(paragraphs, edition.phrases))


def claim_findings(edition: Edition, values: Mapping[str, Value],
                   claims: Iterable[Claim]) -> list[TextFinding]:
    """TEXT-NUMBER and TEXT-NONE findings: one per phrase and kind, the first contradicting
    sentence in its message, every contradicting sentence in its context."""
    contradictions: dict[tuple[str, str], list[tuple[Claim, Value]]] = {}
    for claim in claims:
        sums = _sums(claim.phrase, values)
        if not sums:
            continue  # the table does not know: nothing to contradict
        if claim.kind == "number" and claim.value not in sums:
            contradictions.setdefault(("TEXT-NUMBER", claim.phrase.id), []).append((claim, sums[0]))
        elif claim.kind == "none" and all(s > 0 for s in sums):
            contradictions.setdefault(("TEXT-NONE", claim.phrase.id), []).append((claim, sums[0]))
    findings = []
    for (rule, _), found in contradictions.items():
        claim, total = found[0]
        phrase = claim.phrase
        if rule == "TEXT-NUMBER":
            gap = format_value(abs(Decimal(total) - claim.value))
            message = (f"正文“{claim.quote}”与表格不符：{phrase.name} 为 {format_value(total)}，"
                       f"相差 {gap}")
        else:
            message = f"正文称“{claim.quote}”，表格中{phrase.name}为 {format_value(total)}"
        findings.append(TextFinding(rule, "warning", phrase.cells[0], phrase.cells,
                                    f"{rule}@{phrase.id}", message,
                                    context=_context([c.sentence for c, _ in found])))
    findings.sort(key=lambda f: (edition.order[f.target], f.rule))
    return findings


# --------------------------------------------------------------------------------------------
# The title

_TITLE = re.compile(r"年度报告|年报")
_TITLE_YEAR = re.compile(r"((?:19|20)\d{2})年度?")
_TITLE_TAIL = re.compile(r"(?:政府|政务)?(?:信息)?(?:公开)?(?:工作)?(?:年度报告|年报)$")
_TITLE_LABEL = re.compile(r"^(?:标题|题目|名称)[:：]")
TITLE_LINES = 12  # the title is among the first lines, not in a later 附件's caption


def title_of(paragraphs: Iterable[str]) -> str | None:
    for number, paragraph in enumerate(paragraphs):
        if number >= TITLE_LINES:
            return None
        text = _TITLE_LABEL.sub("", normalized(paragraph))
        if _TITLE.search(text) and _TITLE_YEAR.search(text) and len(text) <= 80:
            return text
    return None


def title_findings(title: str | None, year: int, unit: str) -> list[TextFinding]:
    """TEXT-YEAR: the report's title (title_of) names another year, or another unit, than the
    draft."""
    if title is None:
        return []
    findings = []
    named_year = int(_TITLE_YEAR.search(title).group(1))
    if named_year != year:
        findings.append(TextFinding(
            "TEXT-YEAR", "warning", None, (), "TEXT-YEAR@year",
            f"正文标题“{title}”是 {named_year} 年度的，草稿是 {year} 年度", context=title[:CONTEXT_MAX]))
    named_unit = _TITLE_TAIL.sub("", _TITLE_YEAR.sub("", title, count=1))
    own = normalized(unit)
    if own and named_unit and named_unit not in own and own not in named_unit:
        findings.append(TextFinding(
            "TEXT-YEAR", "warning", None, (), "TEXT-YEAR@unit",
            f"正文标题“{title}”中的单位与草稿的填报单位“{unit}”不同", context=title[:CONTEXT_MAX]))
    return findings


def check_text(edition: Edition, year: int, unit: str, values: Mapping[str, Value],
               paragraphs: list[str]) -> list[TextFinding]:
    """Every TEXT finding for a report's narrative paragraphs (tables and 附件 left out)."""
    return findings_from(claims_in(paragraphs, edition.phrases), title_of(paragraphs),
                         edition, year, unit, values)


def findings_from(claims: Iterable[Claim], title: str | None, edition: Edition, year: int,
                  unit: str, values: Mapping[str, Value]) -> list[TextFinding]:
    """Every TEXT finding from what the text says (claims_in, title_of: they depend on the
    text only, so a window computes them once per read) against the table's numbers now."""
    return title_findings(title, year, unit) + claim_findings(edition, values, claims)
