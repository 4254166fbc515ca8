"""The Store's writes: documents' meetings saved in batches, each document all-or-nothing.

A batch is first written in bulk, one statement per table, inside a
savepoint. Should any document's data be refused (a constraint, a value
the database cannot hold), the bulk attempt is rolled back and the batch is
written again document by document, each in its own savepoint, so that only
the bad document is left out. A batch holding one key twice goes straight to
the careful path, where the second version replaces the first.
"""

from __future__ import annotations

import abc
import datetime as dt
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager
from typing import Any

from minutebook.document import SourceDocument
from minutebook.errors import StoreError
from minutebook.models import Meeting
from minutebook.store.base import DocumentStatus, SaveEntry
from minutebook.store.records import SaveOutcome
from minutebook.store.rows import COLUMNS, item_rows, meeting_title, meeting_uid, row_count

__all__ = ["Writes"]

_IN_CHUNK = 500
_MEETING_COLUMNS = "uid, document_id, title, council, committee, date, source_url"
_DOCUMENT_COLUMNS = "url, content_hash, media_type, size, fetched_at, ingested_at"


def _chunks(values: Sequence[Any]) -> Iterator[Sequence[Any]]:
    for start in range(0, len(values), _IN_CHUNK):
        yield values[start:start + _IN_CHUNK]


def _marks(values: Sequence[Any]) -> str:
    return ", ".join("?" for _ in values)


class Writes(abc.ABC):
    """Write methods over the hooks a SQL store provides."""

    location: str
    _for_update = ""

    @abc.abstractmethod
    def _rows(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        """Run a query and return its rows as dicts."""

    @abc.abstractmethod
    def _execute(self, sql: str, params: Sequence[Any] = ()) -> None:
        """Run one statement."""

    @abc.abstractmethod
    def _executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        """Run one statement over many rows, in bulk."""

    @abc.abstractmethod
    def _write_transaction(self) -> AbstractContextManager[None]:
        """A transaction that holds the write lock; commits on success, rolls back on error."""

    @abc.abstractmethod
    def _savepoint(self) -> AbstractContextManager[None]:
        """A savepoint inside the write transaction, rolled back alone on error."""

    @abc.abstractmethod
    def _allocate(self, n: int) -> Iterator[int]:
        """``n`` fresh ids for rows below ``meetings`` (one counter for all those tables)."""

    @abc.abstractmethod
    def _allocate_meetings(self, n: int) -> list[int]:
        """``n`` fresh meeting ids."""

    @abc.abstractmethod
    def _errors(self) -> AbstractContextManager[None]:
        """Turn the driver's exceptions into StoreError."""

    @abc.abstractmethod
    def _is_data_error(self, exc: Exception) -> bool:
        """Whether ``exc`` concerns one document's data (not the database as a whole)."""

    @abc.abstractmethod
    def _date_param(self, value: dt.date | None) -> Any:
        """A date as this database takes it as a parameter."""

    def _ts_param(self, value: dt.datetime | None) -> Any:
        return value

    @abc.abstractmethod
    def _after_batch(self) -> None:
        """Run at the end of a write transaction's documents (indexes them in bulk)."""

    @abc.abstractmethod
    def _before_delete(self, meeting_ids: Sequence[int]) -> None:
        """Run before meetings' rows are deleted (removes them from indexes)."""

    # -------------------------------------------------------------------------

    def document_status(self, key: str, content_hash: str) -> DocumentStatus:
        with self._errors():
            rows = self._rows("SELECT content_hash FROM documents WHERE key = ?", (key,))
        if not rows:
            return "new"
        return "unchanged" if rows[0]["content_hash"] == content_hash else "changed"

    def save_meetings(
        self, entries: Sequence[SaveEntry], *, force: bool = False
    ) -> list[SaveOutcome | StoreError]:
        if not entries:
            return []
        with self._errors(), self._write_transaction():
            outcomes: list[SaveOutcome | StoreError] | None = None
            if len({source.key for source, _, _ in entries}) == len(entries):
                try:
                    with self._savepoint():
                        outcomes = list(self._save_batch(entries, force))
                except Exception as exc:
                    if not self._is_data_error(exc):
                        raise
            if outcomes is None:
                outcomes = [self._save_careful(entry, force) for entry in entries]
            self._after_batch()
        return outcomes

    def _save_careful(self, entry: SaveEntry, force: bool) -> SaveOutcome | StoreError:
        source, content_hash, meeting = entry
        try:
            with self._savepoint():
                return self._save_one(source, content_hash, meeting, force)
        except Exception as exc:
            if not self._is_data_error(exc):
                raise
            return StoreError(source.key, f"not stored: {exc}")

    def _document_values(self, source: SourceDocument, content_hash: str) -> tuple[Any, ...]:
        return (source.url, content_hash, source.media_type, len(source.content),
                self._ts_param(source.fetched_at), self._ts_param(dt.datetime.now(dt.UTC)))

    def _meeting_values(self, source: SourceDocument, document_id: int,
                        meeting: Meeting) -> tuple[Any, ...]:
        return (meeting_uid(source.key), document_id, meeting_title(meeting), meeting.council,
                meeting.committee, self._date_param(meeting.date), meeting.source_url)

    def _insert_rows(self, meetings: list[tuple[int, Meeting]]) -> None:
        """Every item and fact of ``meetings`` (id, meeting), one bulk insert per table."""
        tables: dict[str, list[tuple[Any, ...]]] = {table: [] for table in COLUMNS}
        for meeting_id, meeting in meetings:
            rows = item_rows(meeting, meeting_id=meeting_id,
                             ids=self._allocate(row_count(meeting)))
            for table, values in rows.items():
                tables[table].extend(values)
        for table, cols in COLUMNS.items():
            if tables[table]:
                self._executemany(
                    f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({_marks(cols)})",
                    tables[table],
                )

    def _save_batch(self, entries: Sequence[SaveEntry], force: bool) -> list[SaveOutcome]:
        """The fast path: a batch of distinct keys in a few bulk statements."""
        keys = sorted(source.key for source, _, _ in entries)
        found: dict[str, dict[str, Any]] = {}
        for chunk in _chunks(keys):
            for stored in self._rows(f"SELECT id, key, content_hash FROM documents WHERE key "
                                     f"IN ({_marks(chunk)}) ORDER BY key{self._for_update}",
                                     chunk):
                found[stored["key"]] = stored
        outcomes: list[SaveOutcome] = []
        added: list[tuple[Any, ...]] = []
        updated: list[tuple[Any, ...]] = []
        writes: list[tuple[SourceDocument, Meeting, int | None]] = []
        for source, content_hash, meeting in entries:
            row = found.get(source.key)
            values = self._document_values(source, content_hash)
            if row is None:
                outcomes.append("added")
                added.append((source.key, *values))
                writes.append((source, meeting, None))
            elif row["content_hash"] == content_hash and not force:
                outcomes.append("unchanged")
            else:
                outcomes.append("replaced")
                updated.append((*values, row["id"]))
                writes.append((source, meeting, int(row["id"])))
        old: dict[int, int] = {}
        replaced = [int(r[-1]) for r in updated]
        for chunk in _chunks(replaced):
            for row in self._rows(f"SELECT id, document_id FROM meetings WHERE document_id IN "
                                  f"({_marks(chunk)})", chunk):
                old[int(row["document_id"])] = int(row["id"])
        if old:
            self._before_delete(list(old.values()))
            for chunk in _chunks(list(old.values())):
                # Cascades to items and every fact.
                self._execute(f"DELETE FROM meetings WHERE id IN ({_marks(chunk)})", chunk)
        if updated:
            self._executemany(
                "UPDATE documents SET url = ?, content_hash = ?, media_type = ?, size = ?, "
                "fetched_at = ?, ingested_at = ? WHERE id = ?", updated)
        document_ids: dict[str, int] = {}
        if added:
            self._executemany(f"INSERT INTO documents (key, {_DOCUMENT_COLUMNS}) "
                              "VALUES (?, ?, ?, ?, ?, ?, ?)", added)
            new_keys = [row[0] for row in added]
            for chunk in _chunks(new_keys):
                for row in self._rows(f"SELECT id, key FROM documents WHERE key IN "
                                      f"({_marks(chunk)})", chunk):
                    document_ids[row["key"]] = int(row["id"])
        fresh = iter(self._allocate_meetings(sum(
            1 for _, _, doc_id in writes if doc_id is None or doc_id not in old)))
        meeting_rows: list[tuple[Any, ...]] = []
        meetings: list[tuple[int, Meeting]] = []
        for source, meeting, doc_id in writes:
            document_id = doc_id if doc_id is not None else document_ids[source.key]
            # A replaced meeting keeps its id, so links to it stay good.
            meeting_id = old[doc_id] if doc_id is not None and doc_id in old else next(fresh)
            meeting_rows.append((meeting_id, *self._meeting_values(source, document_id, meeting)))
            meetings.append((meeting_id, meeting))
        if meeting_rows:
            self._executemany(f"INSERT INTO meetings (id, {_MEETING_COLUMNS}) "
                              "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", meeting_rows)
        self._insert_rows(meetings)
        return outcomes

    def _save_one(
        self, source: SourceDocument, content_hash: str, meeting: Meeting, force: bool
    ) -> SaveOutcome:
        """The careful path: one document, racing writers allowed for."""
        values = self._document_values(source, content_hash)
        found = self._rows(
            "SELECT id, content_hash FROM documents WHERE key = ?" + self._for_update, (source.key,)
        )
        meeting_id: int | None = None
        if found:
            document_id = int(found[0]["id"])
            if found[0]["content_hash"] == content_hash and not force:
                return "unchanged"
            old = self._rows("SELECT id FROM meetings WHERE document_id = ?", (document_id,))
            if old:
                meeting_id = int(old[0]["id"])
                self._before_delete([meeting_id])
                self._execute("DELETE FROM meetings WHERE id = ?", (meeting_id,))
            self._execute(
                "UPDATE documents SET url = ?, content_hash = ?, media_type = ?, size = ?, "
                "fetched_at = ?, ingested_at = ? WHERE id = ?",
                (*values, document_id),
            )
            outcome: SaveOutcome = "replaced"
        else:
            inserted = self._rows(
                f"INSERT INTO documents (key, {_DOCUMENT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT (key) DO NOTHING RETURNING id",
                (source.key, *values),
            )
            if not inserted:
                # Another ingest stored this key since we looked; go round as an update.
                return self._save_one(source, content_hash, meeting, force)
            document_id = int(inserted[0]["id"])
            outcome = "added"
        if meeting_id is None:
            meeting_id = self._allocate_meetings(1)[0]
        self._execute(f"INSERT INTO meetings (id, {_MEETING_COLUMNS}) "
                      "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                      (meeting_id, *self._meeting_values(source, document_id, meeting)))
        self._insert_rows([(meeting_id, meeting)])
        return outcome

    def delete_document(self, key: str) -> bool:
        with self._errors(), self._write_transaction():
            found = self._rows("SELECT id FROM documents WHERE key = ?", (key,))
            if not found:
                return False
            meetings = self._rows("SELECT id FROM meetings WHERE document_id = ?",
                                  (found[0]["id"],))
            self._before_delete([int(m["id"]) for m in meetings])
            self._execute("DELETE FROM documents WHERE id = ?", (found[0]["id"],))
        return True
