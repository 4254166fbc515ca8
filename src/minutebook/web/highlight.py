"""Where each extracted fact stands in an item's source text, as segments to mark up.

An item's facts carry spans into ``Item.text``; facts may overlap (an
attendee's name inside an undertaking's sentence). :func:`segments` cuts
the text at every span boundary so each piece knows which facts cover it,
and the template marks each piece with the kinds covering it. Nothing here
builds HTML: the template escapes every piece, so minutes text can never
become markup.

>>> from minutebook.models import Item, Span, Undertaking
>>> item = Item("1", "Roads", "Cllr Lee will report back. Noted.",
...             undertakings=[Undertaking("Cllr Lee", "report back", span=Span(0, 26))])
>>> [(s.text, s.kinds) for s in segments(item.text, facts(item))]
[('Cllr Lee will report back.', ('undertaking',)), (' Noted.', ())]
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from minutebook.models import Item, Span

__all__ = [
    "FACT_KINDS",
    "Fact",
    "Segment",
    "anchor",
    "clean_text",
    "facts",
    "segments",
    "snippet_segments",
]

FACT_KINDS: tuple[str, ...] = (
    "attendee", "topic", "undertaking", "decision", "vote", "apology", "substitute",
    "declaration",
)
"""Kinds of fact, in the order the item page's panels show them."""

# Bidirectional overrides and isolates could make displayed minutes read
# differently from what they say (and leak reordering into the page around
# them); C0 controls other than line breaks and tabs have no business on a page.
_UNSAFE_CHARS = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u202a-\u202e\u2066-\u2069\ufffe\uffff]"
)


def clean_text(text: str) -> str:
    """``text`` with control and bidi-override characters shown as U+FFFD.

    >>> clean_text("abc\\u202edef\\x00")
    'abc\\ufffddef\\ufffd'
    """
    return _UNSAFE_CHARS.sub("\ufffd", text)


def anchor(span: Span) -> str:
    """The fragment id of the source text a span covers on the item page.

    >>> anchor(Span(10, 42))
    's10-42'
    """
    return f"s{span.start}-{span.end}"


@dataclass(frozen=True, slots=True)
class Fact:
    """One extracted fact of an item: its kind, its place in its panel and its span."""

    kind: str
    index: int
    span: Span | None

    @property
    def anchor(self) -> str | None:
        """The fragment id of its words in the source text, if it has a span."""
        return anchor(self.span) if self.span else None


@dataclass(frozen=True, slots=True)
class Segment:
    """A run of source text and the facts that cover it.

    ``anchors`` are the fragment ids of facts that begin here (the first is
    put on the mark itself, the rest on empty spans before it).
    """

    text: str
    kinds: tuple[str, ...] = ()
    anchors: tuple[str, ...] = ()
    facts: tuple[str, ...] = ()


def facts(item: Item) -> list[Fact]:
    """Every fact of ``item``, panel order, with its span.

    >>> from minutebook.models import Decision
    >>> facts(Item("1", "x", "Noted.", decisions=[Decision("noted", "Noted.", Span(0, 6))]))
    [Fact(kind='decision', index=0, span=Span(start=0, end=6))]
    """
    groups: list[tuple[str, list[Span | None]]] = [
        ("attendee", [a.span for a in item.attendees]),
        ("topic", [t.span for t in item.topics]),
        ("undertaking", [u.span for u in item.undertakings]),
        ("decision", [d.span for d in item.decisions]),
        ("vote", [v.span for v in item.recorded_votes]),
        ("apology", [a.span for a in item.apologies]),
        ("substitute", [s.span for s in item.substitutes]),
        ("declaration", [d.span for d in item.declarations]),
    ]
    return [Fact(kind, i, span) for kind, spans in groups for i, span in enumerate(spans)]


def segments(text: str, found: list[Fact]) -> list[Segment]:
    """``text`` cut at every fact boundary, each piece with the facts covering it.

    Spans outside the text are clipped (a fact never breaks the page), and
    empty ones are dropped.

    >>> from minutebook.models import Span
    >>> fs = [Fact("topic", 0, Span(0, 8)), Fact("attendee", 0, Span(4, 7))]
    >>> [(s.text, s.kinds, s.anchors) for s in segments("Cllr Lee spoke", fs)]
    [('Cllr', ('topic',), ('s0-8',)), (' Le', ('attendee', 'topic'), ('s4-7',)), \
('e', ('topic',), ()), (' spoke', (), ())]
    """
    spans: list[tuple[int, int, Fact]] = []
    for fact in found:
        if fact.span is None:
            continue
        start = max(0, min(fact.span.start, len(text)))
        end = max(start, min(fact.span.end, len(text)))
        if end > start:
            spans.append((start, end, fact))
    cuts = sorted({0, len(text), *(s for s, _, _ in spans), *(e for _, e, _ in spans)})
    out: list[Segment] = []
    seen: set[str] = set()
    for a, b in zip(cuts, cuts[1:], strict=False):
        covering = [f for s, e, f in spans if s <= a and b <= e]
        kinds = tuple(sorted({f.kind for f in covering}, key=FACT_KINDS.index))
        ids = tuple(dict.fromkeys(f.anchor for f in covering if f.anchor))
        starting = []
        for f in covering:
            if f.anchor and f.anchor not in seen:
                seen.add(f.anchor)
                starting.append(f.anchor)
        out.append(Segment(text[a:b], kinds, tuple(starting), ids))
    return out


def snippet_segments(snippet: str, marks: list[tuple[int, int]]) -> list[tuple[str, bool]]:
    """A search snippet as ``(text, is_match)`` pieces, from its match ranges.

    >>> snippet_segments("the bus lane", [(4, 7)])
    [('the ', False), ('bus', True), (' lane', False)]
    """
    out: list[tuple[str, bool]] = []
    pos = 0
    for start, end in marks:
        if start > pos:
            out.append((snippet[pos:start], False))
        if end > start:
            out.append((snippet[start:end], True))
        pos = max(pos, end)
    if pos < len(snippet):
        out.append((snippet[pos:], False))
    return out
