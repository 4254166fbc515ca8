"""Storage of extracted meetings: one interface, SQLite or PostgreSQL behind it.

:func:`open_store` picks the database from its argument, the
``MINUTEBOOK_DB`` environment variable, or ``minutebook.db`` in the working
directory. A ``postgresql://`` (or ``postgres://``) URL opens PostgreSQL;
anything else is an SQLite file path (``sqlite:///`` prefix allowed). The
schema is created or migrated on open.

>>> import os, tempfile
>>> with open_store(os.path.join(tempfile.mkdtemp(), "m.db")) as store:
...     store.dialect
'sqlite'
"""

from __future__ import annotations

import os

from minutebook.store.base import DocumentStatus, SaveEntry, Store
from minutebook.store.query import parse_query
from minutebook.store.records import (
    MARK_END,
    MARK_START,
    SEARCH_KINDS,
    CommitteeSummary,
    CouncilSummary,
    DocumentRecord,
    ItemRecord,
    ItemSummary,
    MeetingRecord,
    MeetingSummary,
    Page,
    PersonRecord,
    SaveOutcome,
    SearchKind,
    SearchPage,
    SearchQuery,
    SearchResult,
    UndertakingRecord,
    VoteRecord,
)

__all__ = [
    "DEFAULT_DB",
    "MARK_END",
    "MARK_START",
    "SEARCH_KINDS",
    "CommitteeSummary",
    "CouncilSummary",
    "DocumentRecord",
    "DocumentStatus",
    "ItemRecord",
    "ItemSummary",
    "MeetingRecord",
    "MeetingSummary",
    "Page",
    "PersonRecord",
    "SaveEntry",
    "SaveOutcome",
    "SearchKind",
    "SearchPage",
    "SearchQuery",
    "SearchResult",
    "Store",
    "UndertakingRecord",
    "VoteRecord",
    "database_location",
    "open_store",
    "parse_query",
]

DEFAULT_DB = "minutebook.db"


def database_location(db: str | None = None) -> str:
    """Which database ``db`` names: itself, else ``$MINUTEBOOK_DB``, else ``minutebook.db``.

    >>> database_location("archive.db")
    'archive.db'
    """
    return db or os.environ.get("MINUTEBOOK_DB") or DEFAULT_DB


def is_postgres(location: str) -> bool:
    """Whether ``location`` is a PostgreSQL URL.

    >>> is_postgres("postgresql://localhost/minutes"), is_postgres("minutes.db")
    (True, False)
    """
    return location.startswith(("postgresql://", "postgres://"))


def open_store(db: str | None = None, *, create: bool = True) -> Store:
    """Open (and migrate) the database ``db`` names; see :func:`database_location`.

    With ``create=False`` a missing SQLite file is an error instead of a new
    empty database (for commands that only read).

    >>> import tempfile, os
    >>> store = open_store(os.path.join(tempfile.mkdtemp(), "x.db"))
    >>> store.counts()["meetings"]
    0
    >>> store.close()
    """
    location = database_location(db)
    if is_postgres(location):
        from minutebook.store.postgres import PostgresStore

        return PostgresStore(location, create=create)
    from minutebook.store.sqlite import SQLiteStore

    if location.startswith("sqlite:///"):
        location = location[len("sqlite:///") :]
    return SQLiteStore(location, create=create)
