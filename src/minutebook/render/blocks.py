"""What a rendered page holds, apart from how text or HTML prints it.

The layouts build a page as a list of blocks; :mod:`minutebook.render.text`
and :mod:`minutebook.render.html` print the same list, so the two renderings
of a record hold the same words.

>>> from minutebook.render.text import text_page
>>> print(text_page([Heading("78. Budget monitoring", "title"),
...                  Word([Para("RESOLVED that the report be noted.", "78.1", "RESOLVED")])]))
78. Budget monitoring
<BLANKLINE>
78.1 RESOLVED that the report be noted.
<BLANKLINE>
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

__all__ = ["Block", "Bullets", "Docs", "Heading", "Lines", "Para", "ParaMaker", "Row", "Word"]


@dataclass(slots=True)
class Para:
    """A paragraph of minutes; ``number`` ("78.1") in numbered minutes."""

    text: str
    number: str | None = None
    bold_lead: str = ""
    """Leading words Word prints in bold ("RESOLVED", a topic label)."""


@dataclass(slots=True)
class Bullets:
    """Bullet points; ``word`` for Word's Symbol bullets, else ``<ul><li>``."""

    items: list[str]
    word: bool = True
    bold_labels: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Lines:
    """A lead line and lines under it, each on its own line: RESOLVED (a) (b), roll calls."""

    lead: str
    lines: list[str]
    bold_lead: str = ""


@dataclass(slots=True)
class Heading:
    """Page furniture: banner, titles, labels such as "Minutes:"."""

    text: str
    kind: str
    """``banner``, ``h1``, ``h2``, ``title``, ``label`` or ``section`` (a label within minutes)."""
    url: str | None = None
    """For a title: the item's main document, which ModernGov links the title to."""


@dataclass(slots=True)
class Docs:
    """Links to an item's documents."""

    docs: list[tuple[str, str | None]]


@dataclass(slots=True)
class Row:
    """One agenda item on a meeting page: number cell and the item's blocks."""

    number: str
    blocks: list[Block]


@dataclass(slots=True)
class Word:
    """Minutes prose, as ModernGov wraps Word HTML in ``div.mgWordPara``."""

    blocks: list[Block]


Block = Para | Bullets | Lines | Heading | Docs | Row | Word


class ParaMaker(Protocol):
    """``para(text, bold="")``: a paragraph that numbered minutes may number."""

    def __call__(self, text: str, bold: str = "") -> Para: ...  # pragma: no cover
