"""What every source of minutes offers: committees, meetings, and each meeting's documents.

A source knows one kind of publisher (a ModernGov site, a folder of saved
files, later CMIS). It only fetches: it returns
:class:`~minutebook.document.SourceDocument` s (bytes, URL, media type,
fetched-at, hints) and leaves reading them to :mod:`minutebook.convert`.

Work is split by meeting so that a crawl can show progress, record each
meeting as done, and resume after an interruption (:mod:`minutebook.crawl`).

>>> from minutebook.sources import open_source
>>> source = open_source("samples/")  # doctest: +SKIP
>>> [d.key for d in source.documents()]  # doctest: +SKIP
"""

from __future__ import annotations

import datetime as dt
from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import ClassVar

from minutebook.document import SourceDocument
from minutebook.errors import FetchError, MinutebookError, UsageError
from minutebook.http import PoliteClient


class MalformedResponse(FetchError):
    """The site answered, but not with the XML or page that was asked for."""


@dataclass(frozen=True, slots=True)
class Committee:
    """A committee as the source lists it."""

    id: str
    title: str
    category: str | None = None
    expired: bool = False
    url: str | None = None


@dataclass(frozen=True, slots=True)
class MeetingRef:
    """A meeting found in a listing, before its documents are fetched.

    ``key`` names the meeting across runs (for ModernGov, its
    ``ieListDocuments.aspx`` URL); the crawl journal is keyed by it.
    """

    key: str
    id: str
    committee: Committee | None = None
    date: dt.date | None = None
    status: str | None = None
    url: str | None = None

    @property
    def cancelled(self) -> bool:
        """Whether the listing already says the meeting did not take place."""
        return (self.status or "").strip().lower() == "cancelled"


@dataclass(slots=True)
class MeetingDocuments:
    """What one meeting yielded.

    ``final`` is false while more may still be published (minutes not out
    yet), so a later run looks again; ``note`` says why nothing was found.
    """

    ref: MeetingRef
    documents: list[SourceDocument] = field(default_factory=list)
    final: bool = True
    note: str | None = None


class Source(ABC):
    """A publisher of minutes; subclasses are registered with :func:`minutebook.sources.register`.

    ``name`` is what ``--source`` accepts; ``priority`` orders auto-detection
    (higher is asked first, so a specific source can claim URLs before a
    general one). Subclasses are constructed as ``cls(location, client=...)``.
    """

    name: ClassVar[str]
    description: ClassVar[str] = ""
    priority: ClassVar[int] = 0

    def __init__(self, location: str, *, client: PoliteClient | None = None) -> None:
        self.location = location
        self.client = client
        self.council: str | None = None
        """The council's name, given to documents as a hint where the text does not say."""
        self.notes: list[str] = []
        """Things worth telling the user (a closed web service, a fallback taken)."""
        self.errors: list[MinutebookError] = []
        """Failures met while listing that did not stop it (one committee's page refused)."""

    @property
    def identity(self) -> str:
        """The location in a canonical form, naming this site across runs (the journal's key)."""
        return self.location

    @classmethod
    @abstractmethod
    def matches(cls, location: str) -> bool:
        """Whether this source can read ``location`` (a URL or a path)."""

    @abstractmethod
    def committees(self) -> list[Committee]:
        """The committees the source lists (empty when it has no such notion)."""

    @abstractmethod
    def meetings(
        self,
        committees: Sequence[Committee] | None = None,
        since: dt.date | None = None,
        until: dt.date | None = None,
    ) -> Iterator[MeetingRef]:
        """Meetings of ``committees`` (all when ``None``) dated within ``[since, until]``."""

    @abstractmethod
    def fetch_meeting(self, ref: MeetingRef) -> MeetingDocuments:
        """Fetch the minutes of one meeting; raises :class:`~minutebook.errors.FetchError`."""

    def documents(
        self,
        committees: Sequence[Committee] | None = None,
        since: dt.date | None = None,
        until: dt.date | None = None,
    ) -> Iterator[SourceDocument]:
        """Every document of every meeting, in listing order.

        A convenience for callers that need neither progress nor resumption;
        errors propagate.
        """
        for ref in self.meetings(committees, since, until):
            yield from self.fetch_meeting(ref).documents


def in_window(date: dt.date | None, since: dt.date | None, until: dt.date | None) -> bool:
    """Whether ``date`` falls in ``[since, until]``; an unknown date is kept.

    >>> in_window(dt.date(2024, 3, 1), dt.date(2024, 1, 1), None)
    True
    """
    if date is None:
        return True
    if since is not None and date < since:
        return False
    return not (until is not None and date > until)


def select(items: Iterable[Committee], wanted: Iterable[str]) -> list[Committee]:
    """Committees matching each of ``wanted`` (an id, a title, or part of one title).

    Raises :class:`~minutebook.errors.UsageError` when a name matches none or
    several.

    >>> audit = Committee("144", "Audit Committee")
    >>> select([audit, Committee("7", "Planning Committee")], ["audit"]) == [audit]
    True
    """
    committees = list(items)
    chosen: list[Committee] = []
    for name in wanted:
        needle = name.strip().casefold()
        found = [c for c in committees if c.id == name.strip()]
        found = found or [c for c in committees if c.title.casefold() == needle]
        found = found or [c for c in committees if needle in c.title.casefold()]
        if not found:
            raise UsageError(name, "no committee of that name or id (see --list-committees)")
        if len(found) > 1:
            titles = "; ".join(f"{c.title} ({c.id})" for c in found[:5])
            raise UsageError(name, f"matches several committees: {titles}")
        if found[0] not in chosen:
            chosen.append(found[0])
    return chosen
