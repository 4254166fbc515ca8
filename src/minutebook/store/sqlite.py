"""The Store in an SQLite file: stdlib sqlite3, WAL, foreign keys, FTS5.

Several processes may use one file at once: WAL lets readers run beside
the writer, and writers queue on the write lock (``BEGIN IMMEDIATE`` with a
generous busy timeout). The FTS5 tables ``<table>_fts`` index the
searchable tables as external-content tables, named as sqlite-utils names
them, so Datasette finds them and offers a search box. The store keeps them
in step itself, in bulk: once per batch for new rows, and with FTS5
``delete`` commands before a meeting's rows are deleted.

>>> import os, tempfile
>>> store = SQLiteStore(os.path.join(tempfile.mkdtemp(), "minutebook.db"))
>>> store.applied_migrations()[:2]
['0001_tables', '0002_search']
>>> store.close()
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from minutebook.errors import QueryError, StoreError
from minutebook.store import fts
from minutebook.store.migrations import MIGRATIONS, MIGRATIONS_TABLE, split_sqlite_script
from minutebook.store.query import Node, Phrase, leaves, to_fts5
from minutebook.store.records import MARK_END, MARK_START, SearchKind, SearchQuery
from minutebook.store.rows import COLUMNS
from minutebook.store.schema import SEARCHABLE, fts_columns
from minutebook.store.sql import KindMatch, SQLStore

__all__ = ["SQLiteStore"]

BUSY_TIMEOUT_SECONDS = 120
_SNIPPET_TOKENS = 24
_DATA_ERRORS = (
    sqlite3.IntegrityError,
    sqlite3.DataError,
    sqlite3.ProgrammingError,
    TypeError,
    ValueError,
    AttributeError,
    KeyError,
)


def _md5(value: str | None) -> str | None:
    return hashlib.md5(value.encode("utf-8")).hexdigest() if value is not None else None


def _dict_row(cursor: sqlite3.Cursor, row: tuple[Any, ...]) -> dict[str, Any]:
    return {col[0]: value for col, value in zip(cursor.description, row, strict=True)}


class SQLiteStore(SQLStore):
    """A Store in the SQLite file at ``path`` (created and migrated unless ``create=False``)."""

    dialect = "sqlite"

    def __init__(self, path: str, *, create: bool = True) -> None:
        self.location = path
        if not create and not os.path.exists(path):
            raise StoreError(path, "no database here (run `minutebook ingest` first)")
        try:
            self._conn = sqlite3.connect(
                path, isolation_level=None, timeout=BUSY_TIMEOUT_SECONDS, check_same_thread=False
            )
        except sqlite3.Error as exc:
            raise StoreError(path, f"cannot open the database: {exc}") from None
        self._conn.row_factory = _dict_row
        # Migration 0005 computes search keys in SQL, as PostgreSQL can with its own md5().
        self._conn.create_function("md5", 1, _md5, deterministic=True)
        self._next_id: int | None = None
        self._first_id: int | None = None
        self._next_meeting: int | None = None
        self._scratch: set[str] = set()
        with self._errors():
            self._conn.execute("PRAGMA foreign_keys = ON")
            # WAL lets searches run during an ingest; NORMAL sync is crash-safe in WAL mode
            # (a power cut may lose the last commits, never consistency).
            self._conn.execute("PRAGMA journal_mode = WAL")
            self._conn.execute("PRAGMA synchronous = NORMAL")
            self._conn.execute("PRAGMA cache_size = -65536")
            self._conn.execute("PRAGMA temp_store = MEMORY")
            self._migrate()

    def close(self) -> None:
        self._conn.close()

    # -- hooks -----------------------------------------------------------------

    def _rows(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        return self._conn.execute(sql, params).fetchall()

    def _execute(self, sql: str, params: Sequence[Any] = ()) -> None:
        self._conn.execute(sql, params)

    def _executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        self._conn.executemany(sql, rows)

    @contextmanager
    def _write_transaction(self) -> Iterator[None]:
        self._conn.execute("BEGIN IMMEDIATE")
        # Another process may have written since our last transaction: recount ids lazily.
        self._next_id = None
        self._first_id = None
        self._next_meeting = None
        try:
            yield
        except BaseException:
            if self._conn.in_transaction:
                self._conn.execute("ROLLBACK")
            raise
        self._conn.execute("COMMIT")

    @contextmanager
    def _savepoint(self) -> Iterator[None]:
        self._conn.execute("SAVEPOINT document")
        try:
            yield
        except BaseException:
            if self._conn.in_transaction:
                self._conn.execute("ROLLBACK TO document")
                self._conn.execute("RELEASE document")
            raise
        self._conn.execute("RELEASE document")

    def _after_batch(self) -> None:
        if self._first_id is None:
            return
        # Every row id at or above the first allocated in this transaction was
        # written by it (the write lock is held), so one statement per table indexes them.
        for table, _, _ in SEARCHABLE.values():
            cols = ", ".join(fts_columns(table))
            self._conn.execute(
                f"INSERT INTO {table}_fts(rowid, {cols}) SELECT id, {cols} FROM {table} "
                "WHERE id >= ?",
                (self._first_id,),
            )

    def _before_delete(self, meeting_ids: Sequence[int]) -> None:
        # Rows written earlier in this transaction are not indexed yet (the same
        # document twice in one batch): only rows below the first new id are.
        indexed_below = self._first_id if self._first_id is not None else 2**62
        for start in range(0, len(meeting_ids), 500):
            chunk = list(meeting_ids[start:start + 500])
            marks = ", ".join("?" for _ in chunk)
            for table, _, _ in SEARCHABLE.values():
                cols = ", ".join(f"t.{c}" for c in fts_columns(table))
                names = ", ".join(fts_columns(table))
                if table == "items":
                    rows = f"FROM items t WHERE t.meeting_id IN ({marks})"
                else:
                    rows = (f"FROM {table} t JOIN items i ON i.id = t.item_id "
                            f"WHERE i.meeting_id IN ({marks})")
                self._conn.execute(
                    f"INSERT INTO {table}_fts({table}_fts, rowid, {names}) "
                    f"SELECT 'delete', t.id, {cols} {rows} AND t.id < ?",
                    (*chunk, indexed_below),
                )

    def _allocate_meetings(self, n: int) -> list[int]:
        if self._next_meeting is None:
            found = self._rows("SELECT max(id) AS n FROM meetings")[0]["n"]
            self._next_meeting = int(found or 0) + 1
        start = self._next_meeting
        self._next_meeting += n
        return list(range(start, start + n))

    def _allocate(self, n: int) -> Iterator[int]:
        if self._next_id is None:
            # Within BEGIN IMMEDIATE nobody else writes, so the highest id stays the highest.
            union = " UNION ALL ".join(f"SELECT max(id) AS n FROM {t}" for t in COLUMNS)
            found = self._rows(f"SELECT max(n) AS n FROM ({union})")[0]["n"]
            self._next_id = int(found or 0) + 1
            self._first_id = self._next_id
        start = self._next_id
        self._next_id += n
        return iter(range(start, start + n))

    @contextmanager
    def _errors(self) -> Iterator[None]:
        try:
            yield
        except sqlite3.Error as exc:
            if "fts5" in str(exc):
                raise QueryError(self.location, f"search failed: {exc}") from None
            raise StoreError(self.location, str(exc)) from exc

    def _is_data_error(self, exc: Exception) -> bool:
        return isinstance(exc, _DATA_ERRORS)

    def _date_param(self, value: dt.date | None) -> Any:
        return value.isoformat() if value is not None else None

    def _ts_param(self, value: dt.datetime | None) -> Any:
        return value.isoformat() if value is not None else None

    def _to_date(self, value: Any) -> dt.date | None:
        return dt.date.fromisoformat(value) if value else None

    def _to_ts(self, value: Any) -> dt.datetime | None:
        return dt.datetime.fromisoformat(value) if value else None

    def _migrate(self) -> None:
        names = [m.name for m in MIGRATIONS]
        if self._has_migrations_table() and self.applied_migrations()[: len(names)] == names:
            return
        with self._write_transaction():
            self._conn.execute(MIGRATIONS_TABLE["sqlite"])
            applied = {r["name"] for r in self._rows("SELECT name FROM migrations")}
            for migration in MIGRATIONS:
                if migration.name in applied:
                    continue
                for statement in split_sqlite_script(migration.sqlite):
                    self._conn.execute(statement)
                self._conn.execute(
                    "INSERT INTO migrations (name, applied_at) VALUES (?, ?)",
                    (migration.name, dt.datetime.now(dt.UTC).isoformat()),
                )

    def _has_migrations_table(self) -> bool:
        return bool(self._rows(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'migrations'"
        ))

    # -- search ----------------------------------------------------------------

    def _search_kind(
        self, kind: SearchKind, node: Node, query: SearchQuery, need: int
    ) -> KindMatch:
        groups = fts.filter_keys(query, self._date_range(query))
        if groups is None:
            return [], 0
        conditions = fts.fts5_filters(groups)
        index = f"{SEARCHABLE[kind][0]}_fts"
        expression = fts.match(node, conditions)
        window = max(self.rank_window, need)
        if any(phrase.prefix for phrase in leaves(node)):
            # One walk gives both the count (to the limit) and the newest candidates:
            # FTS5 expands a prefix into a merged list of every matching word's rows for
            # each statement, so a second statement would pay that again.
            cursor = self._conn.cursor()
            cursor.row_factory = None
            found = [row[0] for row in cursor.execute(
                f"SELECT rowid FROM {index} WHERE {index} MATCH ? ORDER BY rowid DESC "
                f"LIMIT {self.count_limit + 1}",
                (expression,),
            )]
            count, candidates = len(found), found[:window]
        else:
            count = int(self._rows(
                f"SELECT count(*) AS n FROM (SELECT 1 FROM {index} WHERE {index} MATCH ? "
                f"LIMIT {self.count_limit + 1})",
                (expression,),
            )[0]["n"])
            # No ranking function in this walk: bm25() first counts every row holding
            # each phrase of the expression, filters' keys included, which for a common
            # one means a scan of its whole list.
            candidates = [int(r["id"]) for r in self._rows(
                f"SELECT rowid AS id FROM {index} WHERE {index} MATCH ? ORDER BY rowid DESC "
                f"LIMIT {window}",
                (expression,),
            )] if count else []
        if count == 0:
            return [], 0
        single = isinstance(node, Phrase) and not node.prefix and not conditions
        if (count <= self.count_limit if single else self._rare_phrases(kind, node)):
            return self._rank_in_index(kind, node, candidates, need), count
        return self._rank(kind, node, candidates, need), count

    def _rare_phrases(self, kind: SearchKind, node: Node) -> bool:
        """Whether every phrase of the query is in at most ``count_limit`` rows of ``kind``.

        A prefix is never rare enough: bm25() would merge its words' lists again.
        """
        index = f"{SEARCHABLE[kind][0]}_fts"
        if any(phrase.prefix for phrase in leaves(node)):
            return False
        for phrase in leaves(node):
            n = self._rows(
                f"SELECT count(*) AS n FROM (SELECT 1 FROM {index} WHERE {index} MATCH ? "
                f"LIMIT {self.count_limit + 1})",
                (fts.match(phrase, []),),
            )[0]["n"]
            if int(n) > self.count_limit:
                return False
        return True

    def _rank_in_index(self, kind: SearchKind, node: Node, ids: list[int], need: int) -> list[
            tuple[int, float]]:
        """Stage two, for queries of rarer words: bm25 of the user's words in the real index.

        Only the candidates are scored: the range bounds FTS5's walk and ``+rowid IN``
        picks them. (A bare ``rowid IN`` becomes one FTS5 query per id, and bm25
        recounts its statistics for each.)
        """
        table, _, weights = SEARCHABLE[kind]
        index = f"{table}_fts"
        marks = ", ".join("?" for _ in ids)
        ranking = ", ".join(str(w) for w in (*weights, 0.0))
        rows = self._rows(
            f"SELECT rowid AS id, bm25({index}, {ranking}) AS rank FROM {index} "
            f"WHERE {index} MATCH ? AND rowid >= ? AND rowid <= ? AND +rowid IN ({marks}) "
            "ORDER BY rank, rowid DESC LIMIT ?",
            (fts.match(node, []), min(ids), max(ids), *ids, need),
        )
        return [(int(r["id"]), -float(r["rank"])) for r in rows]

    def _rank(self, kind: SearchKind, node: Node, ids: list[int], need: int) -> list[
            tuple[int, float]]:
        """Stage two, for very common words: bm25 in a scratch index of the candidates alone.

        Statistics (how rare each word is) are then the candidates', not the whole
        table's; the cost is indexing the candidates' text, however common the word.
        """
        table, columns, weights = SEARCHABLE[kind]
        scratch = self._scratch_index(f"rank_{table}", columns, contentless=True)
        self._conn.execute(f"INSERT INTO {scratch}({scratch}) VALUES ('delete-all')")
        cols = ", ".join(columns)
        for start in range(0, len(ids), 500):
            chunk = ids[start:start + 500]
            marks = ", ".join("?" for _ in chunk)
            self._conn.execute(f"INSERT INTO {scratch}(rowid, {cols}) SELECT id, {cols} "
                               f"FROM {table} WHERE id IN ({marks})", chunk)
        ranking = ", ".join(str(w) for w in weights)
        rows = self._rows(
            f"SELECT rowid AS id, bm25({scratch}, {ranking}) AS rank FROM {scratch} "
            f"WHERE {scratch} MATCH ? ORDER BY rank, rowid DESC LIMIT ?",
            (to_fts5(node), need),
        )
        # bm25 is lower for better matches; the Store reports higher-is-better.
        return [(int(r["id"]), -float(r["rank"])) for r in rows]

    def _snippets(self, kind: SearchKind, node: Node, ids: list[int]) -> dict[int, str]:
        """Snippets cut in a scratch index of the page's rows alone.

        In the real index, snippet() needs the query run there again, and a common
        word or prefix makes that run cost in proportion to the whole table.
        """
        table, columns, _ = SEARCHABLE[kind]
        scratch = self._scratch_index(f"snip_{table}", columns, contentless=False)
        self._conn.execute(f"DELETE FROM {scratch}")
        cols = ", ".join(columns)
        marks = ", ".join("?" for _ in ids)
        self._conn.execute(f"INSERT INTO {scratch}(rowid, {cols}) SELECT id, {cols} FROM {table} "
                           f"WHERE id IN ({marks})", ids)
        rows = self._rows(
            f"SELECT rowid AS id, snippet({scratch}, -1, ?, ?, '…', {_SNIPPET_TOKENS}) AS s "
            f"FROM {scratch} WHERE {scratch} MATCH ?",
            (MARK_START, MARK_END, to_fts5(node)),
        )
        return {int(r["id"]): r["s"] for r in rows}

    def _scratch_index(self, name: str, columns: tuple[str, ...], *, contentless: bool) -> str:
        """A per-connection FTS5 table in TEMP (never in the file: Datasette never sees it)."""
        if name not in self._scratch:
            content = "content='', " if contentless else ""
            self._conn.execute(
                f"CREATE VIRTUAL TABLE IF NOT EXISTS temp.{name} USING fts5("
                f"{', '.join(columns)}, {content}"
                "tokenize='porter unicode61 remove_diacritics 2')"
            )
            self._scratch.add(name)
        return name

    def size_bytes(self) -> int:
        return sum(
            os.path.getsize(self.location + suffix)
            for suffix in ("", "-wal")
            if os.path.exists(self.location + suffix)
        )

    def checkpoint(self) -> None:
        """Fold the write-ahead log into the main file (for size figures and copies)."""
        with self._errors():
            self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
