"""Named schema migrations, applied in order and recorded in the ``migrations`` table.

Each migration runs in its own transaction together with the row that records
it, so a database is never left half-migrated. A new schema change is a new
entry at the end of :data:`MIGRATIONS`; an applied migration is never edited.

>>> [m.name for m in MIGRATIONS]
['0001_tables', '0002_search', '0003_accountability', '0004_bulk_fts']
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from minutebook.store.schema import SEARCHABLE, TABLES, render

__all__ = ["MIGRATIONS", "Migration", "split_sqlite_script"]


@dataclass(frozen=True, slots=True)
class Migration:
    """One schema change: its name and its SQL for each dialect."""

    name: str
    sqlite: str
    postgres: str

    def sql(self, dialect: str) -> str:
        """The SQL of this migration for ``dialect``."""
        return self.sqlite if dialect == "sqlite" else self.postgres


MIGRATIONS_TABLE = {
    "sqlite": (
        "CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)"
    ),
    "postgres": (
        "CREATE TABLE IF NOT EXISTS migrations "
        "(name TEXT PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL)"
    ),
}


def _sqlite_search() -> str:
    """FTS5 tables kept in step by triggers, named the way sqlite-utils makes them.

    Datasette offers a search box on a table when it finds a virtual table
    whose SQL says ``content="<table>"``, hence the double quotes.
    """
    parts: list[str] = []
    for table, columns, weights in SEARCHABLE.values():
        cols = ", ".join(columns)
        new = ", ".join(f"new.{c}" for c in columns)
        old = ", ".join(f"old.{c}" for c in columns)
        ranking = ", ".join(str(w) for w in weights)
        parts.append(
            f"""
CREATE VIRTUAL TABLE {table}_fts USING fts5(
    {cols}, content="{table}", content_rowid="id",
    tokenize='porter unicode61 remove_diacritics 2'
);
INSERT INTO {table}_fts({table}_fts, rank) VALUES ('rank', 'bm25({ranking})');
INSERT INTO {table}_fts({table}_fts) VALUES ('rebuild');
CREATE TRIGGER {table}_ai AFTER INSERT ON {table} BEGIN
    INSERT INTO {table}_fts(rowid, {cols}) VALUES (new.id, {new});
END;
CREATE TRIGGER {table}_ad AFTER DELETE ON {table} BEGIN
    INSERT INTO {table}_fts({table}_fts, rowid, {cols}) VALUES ('delete', old.id, {old});
END;
CREATE TRIGGER {table}_au AFTER UPDATE ON {table} BEGIN
    INSERT INTO {table}_fts({table}_fts, rowid, {cols}) VALUES ('delete', old.id, {old});
    INSERT INTO {table}_fts(rowid, {cols}) VALUES (new.id, {new});
END;"""
        )
    return "\n".join(parts)


def _postgres_search() -> str:
    """A generated ``search`` tsvector per searchable table, with a GIN index."""
    parts: list[str] = []
    for table, columns, weights in SEARCHABLE.values():
        # PostgreSQL has four weight classes; the heaviest column gets A.
        order = sorted(set(weights), reverse=True)
        vector = " || ".join(
            f"setweight(to_tsvector('english', coalesce({c}, '')), '{'ABCD'[order.index(w)]}')"
            for c, w in zip(columns, weights, strict=True)
        )
        parts.append(
            f"ALTER TABLE {table} ADD COLUMN search tsvector "
            f"GENERATED ALWAYS AS ({vector}) STORED;\n"
            f"CREATE INDEX {table}_search ON {table} USING GIN (search);"
        )
    return "\n".join(parts)


ACCOUNTABILITY = """
CREATE TABLE IF NOT EXISTS tracked_undertakings (
    id {pk},
    key TEXT NOT NULL UNIQUE,
    meeting_uid TEXT NOT NULL,
    item_ordinal {int} NOT NULL,
    action TEXT NOT NULL,
    first_seen {timestamp} NOT NULL
);
CREATE INDEX IF NOT EXISTS tracked_undertakings_meeting ON tracked_undertakings(meeting_uid);
CREATE TABLE IF NOT EXISTS undertaking_events (
    id {pk},
    undertaking_id {int} NOT NULL REFERENCES tracked_undertakings(id),
    kind TEXT NOT NULL,
    evidence TEXT,
    item_key TEXT,
    note TEXT,
    actor TEXT NOT NULL,
    at {timestamp} NOT NULL
);
CREATE INDEX IF NOT EXISTS undertaking_events_undertaking ON undertaking_events(undertaking_id);
"""
"""The accountability register (:mod:`minutebook.track.register`): a stable id per
undertaking, keyed by meeting uid, item ordinal and a digest of its words so that it
survives a re-ingest (which renumbers rows), and an append-only log of what users
recorded about it. No foreign key reaches the record's tables: replacing a document
must never delete the history kept about its promises."""

def _sqlite_drop_triggers() -> str:
    """Indexing moves from per-row triggers to one bulk statement per table and batch.

    FTS5 writes its pending terms to disk at every savepoint, and SQLite opens
    one for every triggered statement, so per-row triggers cost a new index
    segment per row: ingest ran at a tenth of the speed.
    """
    return "\n".join(
        f"DROP TRIGGER IF EXISTS {table}_{suffix};"
        for table, _, _ in SEARCHABLE.values()
        for suffix in ("ai", "ad", "au")
    )


MIGRATIONS: tuple[Migration, ...] = (
    Migration(
        "0001_tables",
        render(TABLES, "sqlite"),
        "CREATE SEQUENCE IF NOT EXISTS row_ids;\n" + render(TABLES, "postgres"),
    ),
    Migration("0002_search", _sqlite_search(), _postgres_search()),
    Migration(
        "0003_accountability",
        render(ACCOUNTABILITY, "sqlite"),
        render(ACCOUNTABILITY, "postgres"),
    ),
    Migration("0004_bulk_fts", _sqlite_drop_triggers(), "SELECT 1;"),
)


def split_sqlite_script(script: str) -> list[str]:
    """Split an SQLite script into statements (trigger bodies hold semicolons).

    >>> split_sqlite_script("CREATE TABLE a(x); CREATE TABLE b(y);")
    ['CREATE TABLE a(x);', 'CREATE TABLE b(y);']
    """
    statements: list[str] = []
    current = ""
    for piece in script.split(";"):
        current += piece + ";"
        if sqlite3.complete_statement(current):
            if current.strip(" \n;"):
                statements.append(current.strip())
            current = ""
    return statements
