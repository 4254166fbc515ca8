"""Named schema migrations, applied in order and recorded in the ``migrations`` table.

Each migration runs in its own transaction together with the row that records
it, so a database is never left half-migrated. A new schema change is a new
entry at the end of :data:`MIGRATIONS`; an applied migration is never edited.

>>> [m.name for m in MIGRATIONS]
['0001_tables', '0002_search', '0003_accountability', '0004_bulk_fts', '0005_search_keys',
 '0006_postgres_filter_index']
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from minutebook.store.schema import SEARCHABLE, TABLES, fts_columns, render

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


def _key_sql(kind: str, value: str) -> str:
    """SQL for :func:`~minutebook.store.rows.key` (SQLite gets ``md5`` from the store)."""
    digits = f"substr(md5({value}), 1, 12)"
    for letter, number in (("a", "10"), ("b", "11"), ("c", "12"), ("d", "13"), ("e", "14"),
                           ("f", "15")):
        digits = f"replace({digits}, '{letter}', '{number}')"
    return f"'zz{kind}' || {digits}"


def _meeting_keys_sql(dialect: str) -> str:
    """SQL for :func:`~minutebook.store.rows.meeting_keys` of meeting ``m``."""
    if dialect == "sqlite":
        date = ("'zzy' || substr(m.date, 1, 4) || ' zzn' || replace(substr(m.date, 1, 7), '-', '')"
                " || ' zzd' || replace(m.date, '-', '')")
    else:
        date = ("'zzy' || to_char(m.date, 'YYYY') || ' zzn' || to_char(m.date, 'YYYYMM') || "
                "' zzd' || to_char(m.date, 'YYYYMMDD')")
    return (
        f"CASE WHEN m.council IS NOT NULL THEN {_key_sql('c', 'm.council')} || ' ' ELSE '' END || "
        f"CASE WHEN m.committee IS NOT NULL THEN {_key_sql('m', 'm.committee')} || ' ' "
        "ELSE '' END || "
        f"CASE WHEN m.date IS NOT NULL THEN {date} ELSE '' END"
    )


def _people_sql(dialect: str, people: str) -> str:
    """SQL for :func:`~minutebook.store.rows.person_keys` of the (person, surname) rows."""
    text = f"{_key_sql('p', 'p.person')} || ' ' || {_key_sql('s', 'p.surname')}"
    agg = f"group_concat({text}, ' ')" if dialect == "sqlite" else f"string_agg({text}, ' ')"
    return f"coalesce((SELECT {agg} FROM ({people}) AS p), '')"


def _search_keys(dialect: str) -> str:
    """Add and fill ``search_keys``; in SQLite, rebuild the FTS tables to index it."""
    meeting = _meeting_keys_sql(dialect)
    item_people = " UNION ".join([
        *(f"SELECT person, surname FROM {t} x WHERE x.item_id = items.id AND x.person <> ''"
          for t in ("attendees", "undertakings", "substitutes", "declarations")),
        "SELECT vm.person, vm.surname FROM recorded_vote_members vm JOIN recorded_votes v "
        "ON v.id = vm.vote_id WHERE v.item_id = items.id AND vm.person <> ''",
    ])
    promiser = ("SELECT undertakings.person AS person, undertakings.surname AS surname "
                "WHERE undertakings.person <> ''")
    voters = ("SELECT DISTINCT person, surname FROM recorded_vote_members "
              "WHERE vote_id = recorded_votes.id AND person <> ''")
    parent = "FROM items i JOIN meetings m ON m.id = i.meeting_id WHERE i.id = {t}.item_id"
    parts = [f"ALTER TABLE {t} ADD COLUMN search_keys TEXT NOT NULL DEFAULT '';"
             for t, _, _ in SEARCHABLE.values()]
    parts += [
        f"UPDATE items SET search_keys = (SELECT trim({meeting} || ' ' || "
        f"{_people_sql(dialect, item_people)}) FROM meetings m WHERE m.id = items.meeting_id);",
        "UPDATE topics SET search_keys = (SELECT i.search_keys FROM items i "
        "WHERE i.id = topics.item_id);",
        "UPDATE decisions SET search_keys = (SELECT i.search_keys FROM items i "
        "WHERE i.id = decisions.item_id);",
        f"UPDATE undertakings SET search_keys = (SELECT trim({meeting} || ' ' || "
        f"{_people_sql(dialect, promiser)}) {parent.format(t='undertakings')});",
        f"UPDATE recorded_votes SET search_keys = (SELECT trim({meeting} || ' ' || "
        f"{_people_sql(dialect, voters)}) {parent.format(t='recorded_votes')});",
    ]
    if dialect == "sqlite":
        for table, _, weights in SEARCHABLE.values():
            cols = ", ".join(fts_columns(table))
            ranking = ", ".join(str(w) for w in (*weights, 0.0))
            parts.append(
                f"DROP TABLE {table}_fts;\n"
                f"CREATE VIRTUAL TABLE {table}_fts USING fts5(\n    {cols}, content=\"{table}\", "
                "content_rowid=\"id\",\n    tokenize='porter unicode61 remove_diacritics 2'\n);\n"
                f"INSERT INTO {table}_fts({table}_fts, rank) VALUES ('rank', 'bm25({ranking})');\n"
                f"INSERT INTO {table}_fts({table}_fts) VALUES ('rebuild');"
            )
    return "\n".join(parts)


def _postgres_keys_index() -> str:
    """PostgreSQL: the search keys as a tsvector with a GIN index, so filters are index
    lookups ANDed with the words' (SQLite indexes the keys in its FTS tables already)."""
    return "\n".join(
        f"ALTER TABLE {table} ADD COLUMN search_keys_vector tsvector "
        "GENERATED ALWAYS AS (to_tsvector('simple', search_keys)) STORED;\n"
        f"CREATE INDEX {table}_search_keys ON {table} USING GIN (search_keys_vector);"
        for table, _, _ in SEARCHABLE.values()
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
    Migration("0005_search_keys", _search_keys("sqlite"), _search_keys("postgres")),
    Migration("0006_postgres_filter_index", "SELECT 1;", _postgres_keys_index()),
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
