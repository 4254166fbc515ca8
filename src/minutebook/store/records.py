"""What the store's read methods return: stored rows with their ids.

The web app and the accountability tracker work from these; each record
carries the database ids needed to link to it, and facts keep their spans
into the item's text.

>>> s = MeetingSummary(1, "a1b2", "Cabinet, 2024-03-05", "Medway Council", "Cabinet", None, None, 3)
>>> s.items
3
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Generic, Literal, TypeVar

from minutebook.models import Item, Span

__all__ = [
    "CommitteeSummary",
    "CouncilSummary",
    "DocumentRecord",
    "ItemRecord",
    "ItemSummary",
    "MARK_END",
    "MARK_START",
    "MeetingRecord",
    "MeetingSummary",
    "Page",
    "PersonRecord",
    "SaveOutcome",
    "SearchKind",
    "SearchPage",
    "SearchQuery",
    "SearchResult",
    "SEARCH_KINDS",
    "UndertakingRecord",
    "VoteRecord",
]

T = TypeVar("T")

SaveOutcome = Literal["added", "unchanged", "replaced"]
SearchKind = Literal["item", "topic", "undertaking", "decision", "vote"]
SEARCH_KINDS: tuple[SearchKind, ...] = ("item", "topic", "undertaking", "decision", "vote")

MARK_START = "\ue000"
"""Opens a highlighted match in a snippet (a private-use character, never in minutes)."""
MARK_END = "\ue001"
"""Closes a highlighted match in a snippet."""


@dataclass(slots=True)
class Page(Generic[T]):
    """One page of a longer list: ``total`` rows match, ``rows`` from ``offset``."""

    rows: list[T]
    total: int
    limit: int
    offset: int

    @property
    def has_more(self) -> bool:
        """Whether rows follow this page."""
        return self.offset + len(self.rows) < self.total


@dataclass(slots=True)
class CouncilSummary:
    """A council and how much of it is stored."""

    name: str | None
    committees: int
    meetings: int


@dataclass(slots=True)
class CommitteeSummary:
    """A committee of a council and the span of its stored meetings."""

    council: str | None
    name: str | None
    meetings: int
    first_date: dt.date | None
    last_date: dt.date | None


@dataclass(slots=True)
class DocumentRecord:
    """The source document a meeting was read from."""

    id: int
    key: str
    url: str | None
    content_hash: str
    media_type: str | None
    size: int | None
    fetched_at: dt.datetime | None
    ingested_at: dt.datetime | None


@dataclass(slots=True)
class MeetingSummary:
    """A meeting in a list: who met when, and how many items its minutes hold."""

    id: int
    uid: str
    title: str
    council: str | None
    committee: str | None
    date: dt.date | None
    source_url: str | None
    items: int


@dataclass(slots=True)
class ItemSummary:
    """An item in a meeting's list of items."""

    id: int
    ordinal: int
    number: str | None
    title: str | None


@dataclass(slots=True)
class MeetingRecord:
    """A meeting with its items and the document it came from."""

    summary: MeetingSummary
    document: DocumentRecord
    items: list[ItemSummary] = field(default_factory=list)


@dataclass(slots=True)
class ItemRecord:
    """An item with every fact read from it; ``item`` is the model object, spans intact."""

    id: int
    ordinal: int
    meeting: MeetingSummary
    item: Item


@dataclass(slots=True)
class UndertakingRecord:
    """An undertaking with the meeting and item it was given at."""

    id: int
    item_id: int
    meeting_id: int
    council: str | None
    committee: str | None
    date: dt.date | None
    item_number: str | None
    item_title: str | None
    by: str | None
    action: str
    sentence: str
    span: Span | None


@dataclass(slots=True)
class VoteRecord:
    """One person's recorded vote on an item."""

    vote_id: int
    item_id: int
    meeting_id: int
    date: dt.date | None
    committee: str | None
    item_title: str | None
    name: str
    position: str


@dataclass(slots=True)
class PersonRecord:
    """Everything stored about one person, found by normalised name."""

    person: str
    names: list[str]
    meetings_attended: list[MeetingSummary]
    undertakings: list[UndertakingRecord]
    votes: list[VoteRecord]
    apologies: list[MeetingSummary]


@dataclass(frozen=True, slots=True)
class SearchQuery:
    """A full-text search with its filters; ``text`` is in :mod:`~minutebook.store.query` syntax.

    >>> SearchQuery("library closure", kinds=("undertaking",), since=dt.date(2024, 1, 1)).limit
    20
    """

    text: str
    council: str | None = None
    committee: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    kinds: tuple[SearchKind, ...] = ()
    person: str | None = None
    limit: int = 20
    offset: int = 0


@dataclass(slots=True)
class SearchResult:
    """One match: what kind of row, its ids, a snippet with marked matches, its rank.

    ``snippet`` marks matches with :data:`MARK_START`/:data:`MARK_END`; use
    :meth:`highlighted` for other markers. ``rank`` is higher for better matches.
    """

    kind: SearchKind
    id: int
    item_id: int
    meeting_id: int
    council: str | None
    committee: str | None
    date: dt.date | None
    item_number: str | None
    item_title: str | None
    snippet: str
    rank: float
    span: Span | None = None

    def highlighted(self, before: str = "[", after: str = "]") -> str:
        """The snippet with matches between ``before`` and ``after``.

        >>> r = SearchResult("item", 1, 1, 1, None, None, None, None, None, "a \ue000b\ue001", 1.0)
        >>> r.highlighted("<mark>", "</mark>")
        'a <mark>b</mark>'
        """
        return self.snippet.replace(MARK_START, before).replace(MARK_END, after)

    @property
    def plain_snippet(self) -> str:
        """The snippet without markers."""
        return self.highlighted("", "")

    def highlights(self) -> list[tuple[int, int]]:
        """Character ranges of the matches in :attr:`plain_snippet`.

        >>> r = SearchResult("item", 1, 1, 1, None, None, None, None, None, "\ue000ab\ue001", 1.0)
        >>> r.highlights()
        [(0, 2)]
        """
        ranges: list[tuple[int, int]] = []
        pos = 0
        start = 0
        for ch in self.snippet:
            if ch == MARK_START:
                start = pos
            elif ch == MARK_END:
                ranges.append((start, pos))
            else:
                pos += 1
        return ranges


@dataclass(slots=True)
class SearchPage:
    """A page of search results, best first, and how many match in all.

    ``total_exact`` is False when so many match that counting stopped:
    ``total`` is then a lower bound ("more than 5,000").
    """

    query: SearchQuery
    total: int
    results: list[SearchResult]
    total_exact: bool = True

    @property
    def has_more(self) -> bool:
        """Whether results follow this page."""
        return self.query.offset + len(self.results) < self.total
