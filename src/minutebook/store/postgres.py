"""The Store in PostgreSQL: psycopg 3, the same tables, tsvector columns with GIN indexes.

Search uses the ``english`` text search configuration (stemming, like the
porter tokenizer on the SQLite side); the query syntax of
:mod:`minutebook.store.query` is rendered to ``to_tsquery`` input, filters
match the ``search_keys`` tokens in their own GIN index, and snippets come
from ``ts_headline``. Concurrent ingests are safe: documents
are locked by key while they are replaced, migrations under an advisory lock.

>>> store = PostgresStore("postgresql://postgres@127.0.0.1:5432/minutebook")  # doctest: +SKIP
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import psycopg
from psycopg.rows import dict_row

from minutebook.errors import StoreError
from minutebook.store import fts
from minutebook.store.migrations import MIGRATIONS, MIGRATIONS_TABLE
from minutebook.store.query import Node, to_tsquery
from minutebook.store.records import MARK_END, MARK_START, SearchKind, SearchQuery
from minutebook.store.schema import SEARCHABLE
from minutebook.store.sql import KindMatch, SQLStore

__all__ = ["PostgresStore", "redact"]

_MIGRATION_LOCK = 0x6D696E75  # any constant shared by every minutebook process
_ID_BLOCK = 1024
_HEADLINE = (
    f'StartSel="{MARK_START}", StopSel="{MARK_END}", MaxWords=35, MinWords=15, '
    'MaxFragments=1, FragmentDelimiter=" … "'
)
_DATA_ERRORS = (
    psycopg.DataError,
    psycopg.IntegrityError,
    TypeError,
    ValueError,
    AttributeError,
    KeyError,
)


def redact(dsn: str) -> str:
    """The connection string without its password, for messages.

    >>> redact("postgresql://app:s3cret@db.example:5432/minutes")
    'postgresql://app@db.example:5432/minutes'
    """
    dsn = re.sub(r"(://[^:/@]+):[^@]*@", r"\1@", dsn)
    return re.sub(r"password=\S+", "password=…", dsn)


class PostgresStore(SQLStore):
    """A Store in the PostgreSQL database at ``dsn`` (tables created when missing)."""

    dialect = "postgres"
    _for_update = " FOR UPDATE"

    def __init__(self, dsn: str, *, create: bool = True) -> None:
        self.location = redact(dsn)
        try:
            self._conn: psycopg.Connection[dict[str, Any]] = psycopg.connect(
                dsn, autocommit=True, row_factory=dict_row, connect_timeout=10
            )
        except psycopg.Error as exc:
            raise StoreError(self.location, f"cannot connect: {_reason(exc)}") from None
        self._ids: list[int] = []
        self._sql_cache: dict[str, str] = {}
        with self._errors():
            self._migrate()

    def close(self) -> None:
        self._conn.close()

    # -- hooks -----------------------------------------------------------------

    def _sql(self, sql: str) -> str:
        """``?`` placeholders to psycopg's ``%s`` (and literal ``%`` escaped)."""
        out = self._sql_cache.get(sql)
        if out is None:
            out = self._sql_cache[sql] = sql.replace("%", "%%").replace("?", "%s")
        return out

    def _rows(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        with self._conn.cursor() as cur:
            cur.execute(self._sql(sql), params)
            return cur.fetchall() if cur.description else []

    def _execute(self, sql: str, params: Sequence[Any] = ()) -> None:
        self._conn.execute(self._sql(sql), params)

    def _executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        with self._conn.cursor() as cur:
            cur.executemany(self._sql(sql), rows)

    @contextmanager
    def _write_transaction(self) -> Iterator[None]:
        with self._conn.transaction():
            yield

    @contextmanager
    def _savepoint(self) -> Iterator[None]:
        # Nested inside the write transaction, psycopg makes this a savepoint.
        with self._conn.transaction():
            yield

    def _allocate(self, n: int) -> Iterator[int]:
        if len(self._ids) < n:
            # Sequence values are never handed out twice, even if this transaction
            # rolls back, so a block may be fetched ahead and used across transactions.
            rows = self._rows("SELECT nextval('row_ids') AS id FROM generate_series(1, ?)",
                              (max(n - len(self._ids), _ID_BLOCK),))
            self._ids.extend(int(r["id"]) for r in rows)
        taken, self._ids = self._ids[:n], self._ids[n:]
        return iter(taken)

    def _after_batch(self) -> None:
        # The tsvector columns are generated with their rows: nothing to index afterwards.
        pass

    def _before_delete(self, meeting_ids: Sequence[int]) -> None:
        # GIN entries go with their rows.
        pass

    def _allocate_meetings(self, n: int) -> list[int]:
        if n == 0:
            return []
        rows = self._rows("SELECT nextval(pg_get_serial_sequence('meetings', 'id')) AS id "
                          "FROM generate_series(1, ?)", (n,))
        return [int(r["id"]) for r in rows]

    @contextmanager
    def _errors(self) -> Iterator[None]:
        try:
            yield
        except psycopg.Error as exc:
            raise StoreError(self.location, _reason(exc)) from exc

    def _is_data_error(self, exc: Exception) -> bool:
        return isinstance(exc, _DATA_ERRORS)

    def _date_param(self, value: dt.date | None) -> Any:
        return value

    def _to_date(self, value: Any) -> dt.date | None:
        if isinstance(value, str):
            return dt.date.fromisoformat(value)
        return value if isinstance(value, dt.date) else None

    def _to_ts(self, value: Any) -> dt.datetime | None:
        return value if isinstance(value, dt.datetime) else None

    def _migrate(self) -> None:
        names = [m.name for m in MIGRATIONS]
        exists = self._rows("SELECT to_regclass('migrations') IS NOT NULL AS ok")[0]["ok"]
        if exists and self.applied_migrations()[: len(names)] == names:
            return
        with self._conn.transaction():
            # Two processes opening a new database at once: the second waits here,
            # then finds the migrations applied.
            self._execute("SELECT pg_advisory_xact_lock(?)", (_MIGRATION_LOCK,))
            self._conn.execute(MIGRATIONS_TABLE["postgres"])
            applied = {r["name"] for r in self._rows("SELECT name FROM migrations")}
            for migration in MIGRATIONS:
                if migration.name in applied:
                    continue
                self._conn.execute(migration.postgres)
                self._execute("INSERT INTO migrations (name, applied_at) VALUES (?, now())",
                              (migration.name,))

    # -- search ----------------------------------------------------------------

    def _search_kind(
        self, kind: SearchKind, node: Node, query: SearchQuery, need: int
    ) -> KindMatch:
        groups = fts.filter_keys(query, self._date_range(query))
        if groups is None:
            return [], 0
        table = SEARCHABLE[kind][0]
        conditions = ["t.search @@ to_tsquery('english', ?)"]
        args: list[Any] = [to_tsquery(node)]
        if groups:
            # The filters meet the words in the GIN indexes (a bitmap AND), never
            # row by row through the meetings table.
            conditions.append("t.search_keys_vector @@ to_tsquery('simple', ?)")
            args.append(fts.tsquery_filters(groups))
        base = f"FROM {table} t WHERE {' AND '.join(conditions)}"
        count = int(self._rows(
            f"SELECT count(*) AS n FROM (SELECT 1 {base} LIMIT {self.count_limit + 1}) AS c", args
        )[0]["n"])
        if count == 0:
            return [], 0
        window = max(self.rank_window, need)
        if count <= 4 * window:
            candidates = [int(r["id"]) for r in self._rows(
                f"SELECT t.id {base} ORDER BY t.id DESC LIMIT {window}", args)]
        else:
            candidates = self._newest(table, base, args, window)
        marks = ", ".join("?" for _ in candidates)
        rows = self._rows(
            f"SELECT t.id, ts_rank_cd(t.search, to_tsquery('english', ?)) AS score "
            f"FROM {table} t WHERE t.id IN ({marks}) ORDER BY score DESC, t.id DESC LIMIT ?",
            [to_tsquery(node), *candidates, need],
        )
        return [(int(r["id"]), float(r["score"])) for r in rows], count

    def _newest(self, table: str, base: str, args: list[Any], n: int) -> list[int]:
        """The ``n`` highest ids matching, looked for in the newest ids first.

        GIN keeps no word positions, so each phrase match is checked against its row;
        asking for the top ids of all matches would check every one of them. A range
        of the newest ids, widened until it holds enough, checks few.
        """
        top = self._rows(f"SELECT max(id) AS n FROM {table}")[0]["n"]
        if top is None:
            return []
        span = 4096
        while True:
            floor = int(top) - span
            rows = self._rows(f"SELECT t.id {base} AND t.id > ? ORDER BY t.id DESC LIMIT {n}",
                              [*args, floor])
            if len(rows) >= n or floor <= 0:
                return [int(r["id"]) for r in rows]
            span *= 8

    def _snippets(self, kind: SearchKind, node: Node, ids: list[int]) -> dict[int, str]:
        table, columns, _ = SEARCHABLE[kind]
        marks = ", ".join("?" for _ in ids)
        # One headline per column, then the column with most matches (the first on a
        # tie), as FTS5's snippet() picks its column.
        heads = ", ".join(
            f"ts_headline('english', coalesce({c}, ''), q.q, ?) AS h{n}"
            for n, c in enumerate(columns)
        )
        rows = self._rows(
            f"SELECT id, {heads} FROM {table}, to_tsquery('english', ?) AS q(q) "
            f"WHERE id IN ({marks})",
            [*([_HEADLINE] * len(columns)), to_tsquery(node), *ids],
        )
        out: dict[int, str] = {}
        for r in rows:
            heads_found = [r[f"h{n}"] for n in range(len(columns))]
            best = max(range(len(columns)), key=lambda n: (heads_found[n].count(MARK_START),
                                                          bool(heads_found[n]), -n))
            out[int(r["id"])] = heads_found[best]
        return out

    def size_bytes(self) -> int:
        with self._errors():
            return int(self._rows("SELECT pg_database_size(current_database()) AS n")[0]["n"])


def _reason(exc: psycopg.Error) -> str:
    diag = getattr(exc, "diag", None)
    message = getattr(diag, "message_primary", None) if diag is not None else None
    return " ".join(str(message or exc).split())
