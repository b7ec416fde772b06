"""Folding a table label the way a reader would compare it: one normaliser for both sides.

The spec's rules, in order: leading numbering removed (一、 （一） (一) 1. 1、 ①, and 其中：), before NFKC
turns ① into 1; NFKC; every whitespace and line break removed; a trailing bracketed note removed
(after reading a unit note such as （单位：万元） or （元）); quotes “”「」" made equal.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_CN = "一二三四五六七八九十百零〇"
_NUMBERING = re.compile(
    rf"^(?:其中[：:]|[（(][{_CN}\d]*[)）]|[{_CN}]+[、.．]|\d+[.．、](?!\d)|[\u2460-\u2473\u2776-\u277f])"
)
_SPACE = re.compile(r"\s+")
_NOTE = re.compile(r"\(([^()]*)\)$")
_QUOTES = str.maketrans({"“": '"', "”": '"', "「": '"', "」": '"', "‘": "'", "’": "'",
                         "『": '"', "』": '"'})
_UNIT_NOTE = re.compile(r"^(?:单位[:：])?(万元|元)$")


def _strip_numbering(text: str) -> str:
    # a label may carry two numberings (三、（一）…) or 其中：after one
    for _ in range(3):
        stripped = _NUMBERING.sub("", text, count=1).lstrip()
        if stripped == text or not stripped:
            break
        text = stripped
    return text


@lru_cache(maxsize=4096)
def fold(text: str) -> tuple[str, str | None]:
    """(the label as compared, the unit its trailing note names: 万元, 元 or None)."""
    text = _SPACE.sub("", text or "")
    text = _strip_numbering(text)
    text = _SPACE.sub("", unicodedata.normalize("NFKC", text))
    text = _strip_numbering(text)
    unit = None
    while True:
        match = _NOTE.search(text)
        if not match or match.start() == 0:  # a label that is all note stays as it is
            break
        note = _UNIT_NOTE.match(match.group(1))
        if note and unit is None:
            unit = note.group(1)
        text = text[:match.start()]
    return text.translate(_QUOTES), unit


def normalise(text: str) -> str:
    """The label as compared: 　（二）部分公开（区分处理的…） → 部分公开."""
    return fold(text)[0]
