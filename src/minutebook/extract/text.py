"""Lines, bullets and sentences of minutes text, each with its character offsets.

Every extractor works on these views so that what it finds can point back to
the exact characters of the item's text (its provenance span).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import NamedTuple

# Bullets as published: Word's symbol-font "·", "•", "o", "▪", dashes, and
# list numbering "1.", "(a)", "ii)", "3)". Word exports often pad them with
# runs of spaces or non-breaking spaces.
_BULLET = re.compile(
    r"""^[ \t\u00a0]*(?:
        [·•●▪■◦○∙*o](?=[ \t\u00a0])      # symbol bullets ("o" only before a space)
      | [-–—](?=[ \t\u00a0])             # dash bullets
      | \((?:[a-z]{1,2}|[ivx]{1,5}|\d{1,2})\)   # (a) (iv) (3)
      | (?:[a-z]|[ivx]{1,5}|\d{1,2})\)    # a) iv) 3)
      | \d{1,3}\.\d{1,2}(?=[ \t\u00a0])   # 3.1 (numbered paragraphs)
      | \d{1,2}\.(?=[ \t\u00a0])         # 1.
      | (?:[a-z]|[ivx]{1,5})\.(?=[ \t\u00a0])  # a. iv.
    )[ \t\u00a0]*""",
    re.X,
)
# Every bullet starts with one of these, so other lines skip the pattern.
_BULLET_FIRST = frozenset("·•●▪■◦○∙*o-–—(0123456789abcdefghijklmnopqrstuvwxyz \t\u00a0")
_BLANK = " \t\u00a0\r\u200b"
_SPACES = re.compile(r"[ \t\u00a0\u2002\u2003\u2009\u200b]+")


class Line(NamedTuple):
    """One line of text: ``text`` is stripped; ``start``/``end`` bound it in the source."""

    # A named tuple rather than a frozen dataclass: every extractor reads an item's
    # lines, and a tuple is built several times faster.
    start: int
    end: int
    text: str
    bullet: str = ""
    """The bullet or list marker the line began with, if any."""
    body_start: int = 0
    """Offset in the source where the text after the bullet begins."""

    @property
    def body(self) -> str:
        """The line's words after its bullet."""
        return self.text[len(self.bullet) :].lstrip() if self.bullet else self.text


_UNUSUAL_SPACE = re.compile(r"  |[\t\n\u00a0\u2002\u2003\u2009\u200b]")


def clean(text: str) -> str:
    """Collapse runs of spaces (incl. non-breaking) and trim.

    >>> clean("  Youth\\u00a0 Justice  ")
    'Youth Justice'
    """
    if _UNUSUAL_SPACE.search(text) is None:
        return text.strip()  # most lines need no collapsing; skip the substitution
    return _SPACES.sub(" ", text).strip()


def lines(text: str, offset: int = 0) -> list[Line]:
    """Split ``text`` into non-blank :class:`Line` s (blank lines dropped)."""
    return list(_lines(text, offset))


@lru_cache(maxsize=256)
def _lines(text: str, offset: int) -> tuple[Line, ...]:
    # Every fact extractor reads the same item's lines; split them once.
    out: list[Line] = []
    pos = offset
    for raw in text.split("\n"):
        stripped = raw.strip(_BLANK)
        if stripped:
            start = pos + len(raw) - len(raw.lstrip(_BLANK))
            end = start + len(stripped)
            m = _BULLET.match(stripped) if stripped[0] in _BULLET_FIRST else None
            if m and m.end() < len(stripped):
                bullet = stripped[: m.end()].strip()
                out.append(Line(start, end, clean(stripped), bullet, start + m.end()))
            else:
                out.append(Line(start, end, clean(stripped), "", start))
        pos += len(raw) + 1
    return tuple(out)


def paragraphs(text: str) -> Iterator[tuple[int, int]]:
    """Yield ``(start, end)`` of each run of lines separated by blank lines."""
    for m in re.finditer(r"[^\n]+(?:\n[ \t\u00a0]*[^\s][^\n]*)*", text):
        chunk = m.group(0)
        if chunk.strip():
            lead = len(chunk) - len(chunk.lstrip())
            yield m.start() + lead, m.start() + len(chunk.rstrip())


_ABBREV = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Cllr|Cllrs|Councillor|St|No|Nos|Para|para|etc|e\.g|i\.e|Prof|Rev|"
    r"Ltd|Co|vs|v|approx)|\b[A-Z])\.$"
)
# Each boundary starts at the character that makes it one (terminal or clause
# punctuation, a newline), so the engine can skip every other position quickly;
# the sentence ends after that punctuation.
_BOUNDARY = re.compile(
    r"[.!?:;\n](?:(?<=[.!?])[\"'”’)]*\s+(?=[\"“‘(]?[A-Z0-9])|(?<=\n)[ \t]*\n"
    r"|(?<=\n)(?=[ \t]*[·•▪*o\-–][ \t])|(?<=[:;])[ \t]*\n)"
)


def sentences(text: str, offset: int = 0) -> list[tuple[int, int, str]]:
    """Split ``text`` into sentences: ``(start, end, sentence)`` with offsets into the source.

    >>> [s for _, _, s in sentences("Mr J. Smith attended. He spoke.")]
    ['Mr J. Smith attended.', 'He spoke.']
    """
    return list(_sentences(text, offset))


@lru_cache(maxsize=256)
def _sentences(text: str, offset: int) -> tuple[tuple[int, int, str], ...]:
    out: list[tuple[int, int, str]] = []
    pos = 0
    for m in _BOUNDARY.finditer(text):
        start = m.start()
        cut = start if text[start] == "\n" else start + 1
        # "Mr J. Smith", "Cllr. King", "para. 4": a full stop after a title or an
        # initial does not end a sentence.
        if "\n" not in m.group(0) and _ABBREV.search(text, max(0, cut - 12), cut):
            continue
        _emit(text, pos, cut, offset, out)
        pos = m.end()
    _emit(text, pos, len(text), offset, out)
    return tuple(out)


def _emit(text: str, start: int, end: int, offset: int, out: list[tuple[int, int, str]]) -> None:
    chunk = text[start:end]
    lead = len(chunk) - len(chunk.lstrip())
    trail = len(chunk.rstrip())
    if trail > lead:
        # A sentence never spans a blank line; single newlines inside are soft wraps.
        out.append((offset + start + lead, offset + start + trail, clean(chunk.replace("\n", " "))))


def strip_bullet(text: str) -> str:
    """``text`` without its leading bullet or list number.

    >>> strip_bullet("(b)  That the report be noted")
    'That the report be noted'
    """
    m = _BULLET.match(text) if text[:1] in _BULLET_FIRST else None
    return text[m.end() :].strip() if m and m.end() < len(text) else text.strip()
