"""The Store interface: what every database behind minutebook offers.

Writes: :meth:`Store.save_meetings` stores meetings read from source
documents, each document atomically (all its rows or none) and idempotently
(a document is keyed by ``SourceDocument.key`` and its content hash).
Reads: councils, committees, meetings, items with their facts, undertakings,
people, and full-text :meth:`Store.search`.

>>> from minutebook.store import open_store
>>> from minutebook.document import SourceDocument
>>> from minutebook.models import Item, Meeting
>>> import tempfile, os
>>> path = os.path.join(tempfile.mkdtemp(), "doc.db")
>>> with open_store(path) as store:
...     doc = SourceDocument(key="/minutes/1.txt", content=b"...")
...     store.save_meeting(doc, "hash1", Meeting(committee="Cabinet", items=[Item("1", "Budget")]))
'added'
"""

from __future__ import annotations

import abc
import datetime as dt
from collections.abc import Iterator, Sequence
from types import TracebackType
from typing import Any, Literal

from minutebook.document import SourceDocument
from minutebook.errors import StoreError
from minutebook.models import Meeting
from minutebook.store.records import (
    CommitteeSummary,
    CouncilSummary,
    ItemRecord,
    MeetingRecord,
    MeetingSummary,
    Page,
    PersonRecord,
    SaveOutcome,
    SearchPage,
    SearchQuery,
    UndertakingRecord,
)

__all__ = ["DocumentStatus", "SaveEntry", "Store"]

DocumentStatus = Literal["new", "unchanged", "changed"]
SaveEntry = tuple[SourceDocument, str, Meeting]
"""Per document for :meth:`Store.save_meetings`: the source, its content hash, the meeting."""


class Store(abc.ABC):
    """A database of extracted meetings; use as a context manager or call :meth:`close`."""

    dialect: str
    """``sqlite`` or ``postgres``."""
    location: str
    """The file or server, as named in errors (passwords left out)."""

    # -- lifecycle -------------------------------------------------------------

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    @abc.abstractmethod
    def close(self) -> None:
        """Close the connection."""

    @abc.abstractmethod
    def applied_migrations(self) -> list[str]:
        """Names of the migrations applied to this database, in order."""

    # -- writes ----------------------------------------------------------------

    @abc.abstractmethod
    def document_status(self, key: str, content_hash: str) -> DocumentStatus:
        """Whether the document ``key`` is new, stored with this hash, or stored with another."""

    @abc.abstractmethod
    def save_meetings(
        self, entries: Sequence[SaveEntry], *, force: bool = False
    ) -> list[SaveOutcome | StoreError]:
        """Store several documents' meetings in one commit, each document all-or-nothing.

        Returns, per entry, ``added``, ``unchanged`` (same key and hash: nothing
        written), ``replaced`` (same key, new hash: the old meeting and all its
        rows are replaced, keeping the meeting's id) or the
        :class:`~minutebook.errors.StoreError` that document met (its rows are
        rolled back; the others are kept). ``force`` replaces unchanged documents
        too (after the extractor improved). A failure of the database itself
        raises StoreError and commits nothing.
        """

    def save_meeting(
        self, source: SourceDocument, content_hash: str, meeting: Meeting, *, force: bool = False
    ) -> SaveOutcome:
        """Store one document's meeting in its own transaction; see :meth:`save_meetings`."""
        outcome = self.save_meetings([(source, content_hash, meeting)], force=force)[0]
        if isinstance(outcome, StoreError):
            raise outcome
        return outcome

    @abc.abstractmethod
    def delete_document(self, key: str) -> bool:
        """Remove a document and its meeting; False when it was not stored."""

    # -- reads -----------------------------------------------------------------

    @abc.abstractmethod
    def counts(self) -> dict[str, int]:
        """Rows per table, e.g. ``{"meetings": 12, "items": 140, ...}``."""

    @abc.abstractmethod
    def councils(self) -> list[CouncilSummary]:
        """Every council with stored meetings, by name."""

    @abc.abstractmethod
    def committees(self, council: str | None = None) -> list[CommitteeSummary]:
        """Committees (of one council, or all), by council then name."""

    @abc.abstractmethod
    def meetings(
        self,
        *,
        council: str | None = None,
        committee: str | None = None,
        since: dt.date | None = None,
        until: dt.date | None = None,
        limit: int = 50,
        offset: int = 0,
    ) -> Page[MeetingSummary]:
        """Meetings matching the filters, newest first."""

    @abc.abstractmethod
    def get_meeting(self, meeting_id: int) -> MeetingRecord | None:
        """A meeting with its items and source document; None when there is none."""

    @abc.abstractmethod
    def get_item(self, item_id: int) -> ItemRecord | None:
        """An item with every fact and span; None when there is none."""

    @abc.abstractmethod
    def undertakings(
        self,
        *,
        council: str | None = None,
        committee: str | None = None,
        since: dt.date | None = None,
        until: dt.date | None = None,
        person: str | None = None,
        meeting_id: int | None = None,
        limit: int = 50,
        offset: int = 0,
    ) -> Page[UndertakingRecord]:
        """Undertakings matching the filters, newest meeting first."""

    @abc.abstractmethod
    def get_person(self, name: str) -> PersonRecord | None:
        """What is stored about a person; ``name`` as printed or normalised.

        A one-word name matches by surname; a longer one matches that name,
        the surname alone and the initial with the surname ("Jane Smith" finds
        "Cllr Smith" and "J. Smith").
        """

    @abc.abstractmethod
    def search(self, query: SearchQuery) -> SearchPage:
        """Full-text search over items, topics, undertakings, decisions and votes.

        Raises :class:`~minutebook.errors.QueryError` for a malformed query.
        """

    @abc.abstractmethod
    def export_rows(self, table: str) -> Iterator[dict[str, Any]]:
        """Every row of ``table`` in id order, with ``meeting_uid`` and parent ordinals.

        Rows are read in chunks, so a large database streams.
        """

    @abc.abstractmethod
    def size_bytes(self) -> int:
        """How much disk the database takes."""
