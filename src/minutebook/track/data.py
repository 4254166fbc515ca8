"""What the tracker reads from the store, and the SQL door it reads and writes through.

The :class:`~minutebook.store.Store` interface answers the web app's
questions one page at a time; the tracker needs whole councils at once
(every later item, every undertaking) and writes its own tables. It goes
through the same connection and transactions as the store by way of the
SQL store's hooks, all used here and nowhere else in the package, so a
change to those hooks is a change to this module alone.

Rows below meetings are renumbered when a document is re-ingested, so the
tracker names items and undertakings by stable keys: the meeting's ``uid``
with the item's ordinal (``ItemRef.key``), and for an undertaking that plus
a digest of its words (:func:`undertaking_key`).

>>> undertaking_key("4f1c", 2, "circulate the  figures")
'4f1c/2/7069366ee489'
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from minutebook.errors import StoreError
from minutebook.models import Span
from minutebook.store import Store
from minutebook.store.sql import SQLStore

__all__ = [
    "DB",
    "ItemRef",
    "MeetingRef",
    "UndertakingRow",
    "item_link",
    "undertaking_key",
]


def undertaking_key(meeting_uid: str, item_ordinal: int, action: str) -> str:
    """The stable key of an undertaking: meeting, item, and a digest of its words."""
    words = " ".join(re.findall(r"\w+", action.lower()))
    return f"{meeting_uid}/{item_ordinal}/{hashlib.sha1(words.encode()).hexdigest()[:12]}"


@dataclass(slots=True)
class MeetingRef:
    """A stored meeting as the tracker uses it."""

    id: int
    uid: str
    title: str
    council: str | None
    committee: str | None
    date: dt.date | None
    source_url: str | None
    document_key: str | None = None


@dataclass(slots=True)
class ItemRef:
    """A stored item: where it stands and, when loaded, its words."""

    id: int
    ordinal: int
    meeting: MeetingRef
    number: str | None
    title: str | None
    text: str = ""
    purpose: str | None = None

    @property
    def key(self) -> str:
        """``<meeting uid>/<ordinal>``: survives a re-ingest, unlike ``id``."""
        return f"{self.meeting.uid}/{self.ordinal}"

    @property
    def label(self) -> str:
        """``Committee, 2024-03-05, item 7: Title``."""
        number = f"item {self.number}" if self.number else f"item #{self.ordinal + 1}"
        title = f": {self.title}" if self.title else ""
        return f"{self.meeting.title}, {number}{title}"


@dataclass(slots=True)
class UndertakingRow:
    """A stored undertaking with its item and meeting."""

    id: int
    key: str
    item: ItemRef
    by: str | None
    action: str
    sentence: str
    span: Span | None = None
    person: str | None = None


def item_link(item: ItemRef, base: str | None = None) -> str:
    """Where a reader sees the item: the web app's page under ``base``, else the source.

    >>> m = MeetingRef(1, "u", "Cabinet, 2024-03-05", None, "Cabinet", None,
    ...                "https://example.gov.uk/mgAi.aspx?ID=9")
    >>> item_link(ItemRef(12, 0, m, "5", "Budget"))
    'https://example.gov.uk/mgAi.aspx?ID=9'
    >>> item_link(ItemRef(12, 0, m, "5", "Budget"), "http://127.0.0.1:8000")
    'http://127.0.0.1:8000/items/12'
    """
    if base is not None:
        return f"{base.rstrip('/')}/items/{item.id}"
    if item.meeting.source_url:
        return item.meeting.source_url
    key = item.meeting.document_key
    if key and key.startswith("/"):
        return Path(key).as_uri()
    return key or f"#item-{item.id}"


@dataclass(slots=True)
class _Filters:
    where: list[str] = field(default_factory=list)
    params: list[Any] = field(default_factory=list)

    def add(self, clause: str, value: Any) -> None:
        self.where.append(clause)
        self.params.append(value)

    @property
    def sql(self) -> str:
        return f" WHERE {' AND '.join(self.where)}" if self.where else ""


class DB:
    """The tracker's access to a store's database: reads of the record, its own tables.

    >>> import os, tempfile
    >>> from minutebook.store import open_store
    >>> with open_store(os.path.join(tempfile.mkdtemp(), "m.db")) as store:
    ...     DB(store).meetings()
    []
    """

    def __init__(self, store: Store) -> None:
        if not isinstance(store, SQLStore):
            raise StoreError(getattr(store, "location", None),
                             "the accountability tracker needs an SQLite or PostgreSQL store")
        self.store = store

    # -- the SQL door ------------------------------------------------------------

    def rows(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        """Run a query (``?`` placeholders) and return its rows."""
        with self.store._errors():
            return self.store._rows(sql, params)

    def execute(self, sql: str, params: Sequence[Any] = ()) -> None:
        """Run a statement inside :meth:`transaction`."""
        self.store._execute(sql, params)

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """A write transaction on the store's connection (commit on success)."""
        with self.store._errors(), self.store._write_transaction():
            yield

    def date(self, value: Any) -> dt.date | None:
        """A date column's value as a date."""
        return self.store._to_date(value)

    def date_param(self, value: dt.date | None) -> Any:
        """A date as a query parameter."""
        return self.store._date_param(value)

    def timestamp(self, value: Any) -> dt.datetime | None:
        """A timestamp column's value as an aware datetime."""
        found = self.store._to_ts(value)
        if found is not None and found.tzinfo is None:
            found = found.replace(tzinfo=dt.UTC)
        return found

    def timestamp_param(self, value: dt.datetime) -> Any:
        """A timestamp as a query parameter."""
        return self.store._ts_param(value)

    # -- reads of the record -------------------------------------------------------

    def _meeting_filters(
        self, council: str | None, committee: str | None, since: dt.date | None,
        until: dt.date | None,
    ) -> _Filters:
        f = _Filters()
        if council is not None:
            f.add("m.council = ?", council)
        if committee is not None:
            f.add("m.committee = ?", committee)
        if since is not None:
            f.add("m.date >= ?", self.date_param(since))
        if until is not None:
            f.add("m.date <= ?", self.date_param(until))
        return f

    def meetings(
        self, *, council: str | None = None, committee: str | None = None,
        since: dt.date | None = None, until: dt.date | None = None,
    ) -> list[MeetingRef]:
        """Meetings matching the filters, oldest first (undated last)."""
        f = self._meeting_filters(council, committee, since, until)
        rows = self.rows(
            "SELECT m.id, m.uid, m.title, m.council, m.committee, m.date, m.source_url, "
            f"d.key AS document_key FROM meetings m JOIN documents d ON d.id = m.document_id"
            f"{f.sql} ORDER BY m.date IS NULL, m.date, m.id",
            f.params,
        )
        return [self._meeting(r) for r in rows]

    def _meeting(self, r: dict[str, Any]) -> MeetingRef:
        return MeetingRef(int(r["id"]), r["uid"], r["title"], r["council"], r["committee"],
                          self.date(r["date"]), r["source_url"], r.get("document_key"))

    def items(
        self, meetings: Sequence[MeetingRef], *, text: bool = True,
    ) -> list[ItemRef]:
        """The items of ``meetings``, in meeting then item order; ``text=False`` skips the words."""
        by_id = {m.id: m for m in meetings}
        columns = "id, meeting_id, ordinal, number, title, purpose" + (", text" if text else "")
        out: list[ItemRef] = []
        for chunk in _chunks(list(by_id), 500):
            marks = ", ".join("?" for _ in chunk)
            for r in self.rows(f"SELECT {columns} FROM items WHERE meeting_id IN ({marks})",
                               chunk):
                out.append(ItemRef(int(r["id"]), int(r["ordinal"]), by_id[int(r["meeting_id"])],
                                   r["number"], r["title"], r.get("text") or "", r["purpose"]))
        order = {m.id: n for n, m in enumerate(meetings)}
        out.sort(key=lambda i: (order[i.meeting.id], i.ordinal))
        return out

    def facts(self, table: str, item_ids: Sequence[int]) -> dict[int, list[dict[str, Any]]]:
        """Rows of a fact table (``topics``, ``decisions``, ...) per item id, in order."""
        out: dict[int, list[dict[str, Any]]] = {}
        for chunk in _chunks(list(item_ids), 500):
            marks = ", ".join("?" for _ in chunk)
            for r in self.rows(f"SELECT * FROM {table} WHERE item_id IN ({marks}) "
                               "ORDER BY item_id, ordinal", chunk):
                r.pop("search", None)
                out.setdefault(int(r["item_id"]), []).append(r)
        return out

    def vote_members(self, vote_ids: Sequence[int]) -> dict[int, list[str]]:
        """Names in each recorded vote, in order."""
        out: dict[int, list[str]] = {}
        for chunk in _chunks(list(vote_ids), 500):
            marks = ", ".join("?" for _ in chunk)
            for r in self.rows("SELECT vote_id, name FROM recorded_vote_members "
                               f"WHERE vote_id IN ({marks}) ORDER BY vote_id, ordinal", chunk):
                out.setdefault(int(r["vote_id"]), []).append(r["name"])
        return out

    def undertakings(self, items: Sequence[ItemRef]) -> list[UndertakingRow]:
        """The undertakings of ``items``, in item then undertaking order."""
        by_id = {i.id: i for i in items}
        out: list[UndertakingRow] = []
        for item_id, rows in self.facts("undertakings", list(by_id)).items():
            item = by_id[item_id]
            for r in rows:
                span = None
                if r["span_start"] is not None and r["span_end"] is not None:
                    span = Span(int(r["span_start"]), int(r["span_end"]))
                key = undertaking_key(item.meeting.uid, item.ordinal, r["action"])
                out.append(UndertakingRow(int(r["id"]), key, item, r["by_name"], r["action"],
                                          r["sentence"], span, r["person"]))
        order = {i.id: n for n, i in enumerate(items)}
        out.sort(key=lambda u: (order[u.item.id], u.id))
        return out


def _chunks(values: list[Any], size: int) -> Iterator[list[Any]]:
    for start in range(0, len(values), size):
        yield values[start:start + size]
