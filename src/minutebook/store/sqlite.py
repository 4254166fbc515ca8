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
import os
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from minutebook.errors import QueryError, StoreError
from minutebook.store.migrations import MIGRATIONS, MIGRATIONS_TABLE, split_sqlite_script
from minutebook.store.query import Node, to_fts5
from minutebook.store.records import MARK_END, MARK_START, SearchKind
from minutebook.store.rows import COLUMNS
from minutebook.store.schema import SEARCHABLE
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
        self._next_id: int | None = None
        self._first_id: int | None = None
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
        for table, columns, _ in SEARCHABLE.values():
            cols = ", ".join(columns)
            self._conn.execute(
                f"INSERT INTO {table}_fts(rowid, {cols}) SELECT id, {cols} FROM {table} "
                "WHERE id >= ?",
                (self._first_id,),
            )

    def _before_delete(self, meeting_id: int) -> None:
        # Rows written earlier in this transaction are not indexed yet (the same
        # document twice in one batch): only rows below the first new id are.
        indexed_below = self._first_id if self._first_id is not None else 2**62
        for table, columns, _ in SEARCHABLE.values():
            cols = ", ".join(f"t.{c}" for c in columns)
            names = ", ".join(columns)
            if table == "items":
                rows = "FROM items t WHERE t.meeting_id = ?"
            else:
                rows = f"FROM {table} t JOIN items i ON i.id = t.item_id WHERE i.meeting_id = ?"
            self._conn.execute(
                f"INSERT INTO {table}_fts({table}_fts, rowid, {names}) "
                f"SELECT 'delete', t.id, {cols} {rows} AND t.id < ?",
                (meeting_id, indexed_below),
            )

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
        self, kind: SearchKind, node: Node, joins: str, where: list[str], params: list[Any],
        need: int,
    ) -> KindMatch:
        table = SEARCHABLE[kind][0]
        fts = f"{table}_fts"
        if joins or where:
            conditions = " AND ".join([f"{fts} MATCH ?", *where])
            base = f"FROM {fts} JOIN {table} t ON t.id = {fts}.rowid{joins} WHERE {conditions}"
        else:
            base = f"FROM {fts} WHERE {fts} MATCH ?"
        args: list[Any] = [to_fts5(node), *params]
        count = int(self._rows(
            f"SELECT count(*) AS n FROM (SELECT 1 {base} LIMIT {self.count_limit + 1})", args
        )[0]["n"])
        if count == 0:
            return [], 0
        window = max(self.rank_window, need)
        newest = ""
        if count > window:
            # FTS5 walks matches newest first cheaply; rank only from the window's oldest on.
            edge = self._rows(f"SELECT {fts}.rowid AS id {base} ORDER BY {fts}.rowid DESC "
                              f"LIMIT 1 OFFSET {window - 1}", args)
            newest = f" AND {fts}.rowid >= {int(edge[0]['id'])}"
        rows = self._rows(
            f"SELECT {fts}.rowid AS id, {fts}.rank AS rank {base}{newest} "
            f"ORDER BY {fts}.rank LIMIT ?",
            [*args, need],
        )
        # bm25 is lower for better matches; the Store reports higher-is-better.
        return [(int(r["id"]), -float(r["rank"])) for r in rows], count

    def _snippets(self, kind: SearchKind, node: Node, ids: list[int]) -> dict[int, str]:
        fts = f"{SEARCHABLE[kind][0]}_fts"
        marks = ", ".join("?" for _ in ids)
        rows = self._rows(
            f"SELECT rowid AS id, snippet({fts}, -1, ?, ?, '…', {_SNIPPET_TOKENS}) AS s "
            f"FROM {fts} WHERE {fts} MATCH ? AND rowid IN ({marks})",
            (MARK_START, MARK_END, to_fts5(node), *ids),
        )
        return {int(r["id"]): r["s"] for r in rows}

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
