"""The Store's read methods, in SQL both databases understand.

Lists (councils, committees, meetings, undertakings), single records
(meeting, item with its facts, person) and streamed table rows for export.
"""

from __future__ import annotations

import abc
import datetime as dt
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager
from typing import Any

from minutebook.errors import StoreError
from minutebook.models import Span
from minutebook.store.people import normalise_person, person_values
from minutebook.store.records import (
    CommitteeSummary,
    CouncilSummary,
    DocumentRecord,
    ItemRecord,
    ItemSummary,
    MeetingRecord,
    MeetingSummary,
    Page,
    PersonRecord,
    UndertakingRecord,
    VoteRecord,
)
from minutebook.store.rows import COLUMNS, item_from_rows
from minutebook.store.schema import ENTITY_TABLES

__all__ = ["Reads"]

_MEETING_COLUMNS = (
    "m.id, m.uid, m.title, m.council, m.committee, m.date, m.source_url, "
    "(SELECT count(*) FROM items c WHERE c.meeting_id = m.id) AS items"
)
# NULL dates sort last in both databases (they disagree on the default).
_NEWEST_FIRST = "m.date IS NULL, m.date DESC, m.id DESC"
_EXPORT_CHUNK = 5000

_PARENTS: dict[str, tuple[str, str]] = {
    "documents": ("", ""),
    "meetings": (", d.key AS document_key", " JOIN documents d ON d.id = t.document_id"),
    "items": (", m.uid AS meeting_uid", " JOIN meetings m ON m.id = t.meeting_id"),
    "recorded_vote_members": (
        ", m.uid AS meeting_uid, i.ordinal AS item_ordinal, v.ordinal AS vote_ordinal",
        " JOIN recorded_votes v ON v.id = t.vote_id JOIN items i ON i.id = v.item_id"
        " JOIN meetings m ON m.id = i.meeting_id",
    ),
}
_FACT_PARENT = (
    ", m.uid AS meeting_uid, i.ordinal AS item_ordinal",
    " JOIN items i ON i.id = t.item_id JOIN meetings m ON m.id = i.meeting_id",
)
_OWN_COLUMNS: dict[str, tuple[str, ...]] = {
    "documents": ("id", "key", "url", "content_hash", "media_type", "size", "fetched_at",
                  "ingested_at"),
    "meetings": ("id", "uid", "document_id", "title", "council", "committee", "date",
                 "source_url"),
    **COLUMNS,
}


class Reads(abc.ABC):
    """Read methods over the hooks a SQL store provides."""

    location: str

    @abc.abstractmethod
    def _rows(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        """Run a query and return its rows as dicts."""

    @abc.abstractmethod
    def _errors(self) -> AbstractContextManager[None]:
        """Turn the driver's exceptions into StoreError."""

    @abc.abstractmethod
    def _date_param(self, value: dt.date | None) -> Any:
        """A date as this database takes it as a parameter."""

    @abc.abstractmethod
    def _to_date(self, value: Any) -> dt.date | None:
        """A date column's value as a date."""

    @abc.abstractmethod
    def _to_ts(self, value: Any) -> dt.datetime | None:
        """A timestamp column's value as a datetime."""

    def _person_clause(self, alias: str, name: str) -> tuple[str, list[Any]]:
        column, values = person_values(name)
        marks = ", ".join("?" for _ in values)
        return f"{alias}.{column} IN ({marks})", list(values)

    def applied_migrations(self) -> list[str]:
        with self._errors():
            return [r["name"] for r in self._rows("SELECT name FROM migrations ORDER BY name")]

    def counts(self) -> dict[str, int]:
        with self._errors():
            return {
                table: int(self._rows(f"SELECT count(*) AS n FROM {table}")[0]["n"])
                for table in ENTITY_TABLES
            }

    def councils(self) -> list[CouncilSummary]:
        with self._errors():
            rows = self._rows(
                "SELECT council, count(DISTINCT committee) AS committees, count(*) AS meetings "
                "FROM meetings GROUP BY council ORDER BY council IS NULL, council"
            )
        return [CouncilSummary(r["council"], int(r["committees"]), int(r["meetings"]))
                for r in rows]

    def committees(self, council: str | None = None) -> list[CommitteeSummary]:
        where, params = ("WHERE council = ?", [council]) if council is not None else ("", [])
        with self._errors():
            rows = self._rows(
                "SELECT council, committee, count(*) AS meetings, min(date) AS first_date, "
                f"max(date) AS last_date FROM meetings {where} GROUP BY council, committee "
                "ORDER BY council IS NULL, council, committee IS NULL, committee",
                params,
            )
        return [CommitteeSummary(r["council"], r["committee"], int(r["meetings"]),
                                 self._to_date(r["first_date"]), self._to_date(r["last_date"]))
                for r in rows]

    def _meeting_where(
        self, council: str | None, committee: str | None, since: dt.date | None,
        until: dt.date | None,
    ) -> tuple[list[str], list[Any]]:
        where: list[str] = []
        params: list[Any] = []
        for clause, value in (("m.council = ?", council), ("m.committee = ?", committee),
                              ("m.date >= ?", since), ("m.date <= ?", until)):
            if value is not None:
                where.append(clause)
                params.append(self._date_param(value) if isinstance(value, dt.date) else value)
        return where, params

    def _summary(self, r: dict[str, Any]) -> MeetingSummary:
        return MeetingSummary(int(r["id"]), r["uid"], r["title"], r["council"], r["committee"],
                              self._to_date(r["date"]), r["source_url"], int(r["items"]))

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
        where, params = self._meeting_where(council, committee, since, until)
        sql_where = f"WHERE {' AND '.join(where)}" if where else ""
        with self._errors():
            total = int(self._rows(f"SELECT count(*) AS n FROM meetings m {sql_where}",
                                   params)[0]["n"])
            rows = self._rows(
                f"SELECT {_MEETING_COLUMNS} FROM meetings m {sql_where} "
                f"ORDER BY {_NEWEST_FIRST} LIMIT ? OFFSET ?",
                [*params, limit, offset],
            )
        return Page([self._summary(r) for r in rows], total, limit, offset)

    def get_meeting(self, meeting_id: int) -> MeetingRecord | None:
        with self._errors():
            rows = self._rows(f"SELECT {_MEETING_COLUMNS}, m.document_id FROM meetings m "
                              "WHERE m.id = ?", (meeting_id,))
            if not rows:
                return None
            d = self._rows("SELECT * FROM documents WHERE id = ?", (rows[0]["document_id"],))[0]
            items = self._rows("SELECT id, ordinal, number, title FROM items "
                               "WHERE meeting_id = ? ORDER BY ordinal", (meeting_id,))
        document = DocumentRecord(int(d["id"]), d["key"], d["url"], d["content_hash"],
                                  d["media_type"], d["size"], self._to_ts(d["fetched_at"]),
                                  self._to_ts(d["ingested_at"]))
        return MeetingRecord(
            self._summary(rows[0]), document,
            [ItemSummary(int(i["id"]), int(i["ordinal"]), i["number"], i["title"]) for i in items],
        )

    def get_item(self, item_id: int) -> ItemRecord | None:
        with self._errors():
            found = self._rows(f"SELECT {', '.join(COLUMNS['items'])} FROM items WHERE id = ?",
                               (item_id,))
            if not found:
                return None
            row = found[0]
            meeting = self._rows(f"SELECT {_MEETING_COLUMNS} FROM meetings m WHERE m.id = ?",
                                 (row["meeting_id"],))[0]
            facts: dict[str, list[dict[str, Any]]] = {}
            for table, columns in COLUMNS.items():
                if table in ("items", "recorded_vote_members"):
                    continue
                facts[table] = self._rows(
                    f"SELECT {', '.join(columns)} FROM {table} WHERE item_id = ? ORDER BY ordinal",
                    (item_id,),
                )
            members: dict[int, list[str]] = {}
            for r in self._rows(
                "SELECT vm.vote_id, vm.name FROM recorded_vote_members vm JOIN recorded_votes v "
                "ON v.id = vm.vote_id WHERE v.item_id = ? ORDER BY vm.vote_id, vm.ordinal",
                (item_id,),
            ):
                members.setdefault(int(r["vote_id"]), []).append(r["name"])
        return ItemRecord(int(row["id"]), int(row["ordinal"]), self._summary(meeting),
                          item_from_rows(row, facts, members))

    def _undertaking(self, r: dict[str, Any]) -> UndertakingRecord:
        span = None
        if r["span_start"] is not None and r["span_end"] is not None:
            span = Span(int(r["span_start"]), int(r["span_end"]))
        return UndertakingRecord(
            int(r["id"]), int(r["item_id"]), int(r["meeting_id"]), r["council"], r["committee"],
            self._to_date(r["date"]), r["number"], r["item_title"], r["by_name"], r["action"],
            r["sentence"], span,
        )

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
        where, params = self._meeting_where(council, committee, since, until)
        if person:
            clause, values = self._person_clause("u", person)
            where.append(clause)
            params.extend(values)
        if meeting_id is not None:
            where.append("m.id = ?")
            params.append(meeting_id)
        sql_where = f"WHERE {' AND '.join(where)}" if where else ""
        base = ("FROM undertakings u JOIN items i ON i.id = u.item_id "
                f"JOIN meetings m ON m.id = i.meeting_id {sql_where}")
        with self._errors():
            total = int(self._rows(f"SELECT count(*) AS n {base}", params)[0]["n"])
            rows = self._rows(
                "SELECT u.id, u.item_id, m.id AS meeting_id, m.council, m.committee, m.date, "
                "i.number, i.title AS item_title, u.by_name, u.action, u.sentence, u.span_start, "
                f"u.span_end {base} ORDER BY {_NEWEST_FIRST}, i.ordinal, u.ordinal "
                "LIMIT ? OFFSET ?",
                [*params, limit, offset],
            )
        return Page([self._undertaking(r) for r in rows], total, limit, offset)

    def get_person(self, name: str) -> PersonRecord | None:
        person = normalise_person(name)
        if not person:
            return None
        names: dict[str, None] = {}
        with self._errors():
            attended = self._person_meetings(("attendees", "substitutes"), name, names)
            apologies = self._person_meetings(("apologies",), name, names)
            clause, values = self._person_clause("vm", name)
            votes = self._rows(
                "SELECT vm.vote_id, v.item_id, m.id AS meeting_id, m.date, m.committee, "
                "i.title AS item_title, vm.name, v.position FROM recorded_vote_members vm "
                "JOIN recorded_votes v ON v.id = vm.vote_id JOIN items i ON i.id = v.item_id "
                f"JOIN meetings m ON m.id = i.meeting_id WHERE {clause} "
                f"ORDER BY {_NEWEST_FIRST}, i.ordinal, v.ordinal",
                values,
            )
            promised = self.undertakings(person=name, limit=10_000).rows
        for v in votes:
            names[v["name"]] = None
        if not (attended or apologies or votes or promised):
            return None
        names.update({u.by: None for u in promised if u.by})
        return PersonRecord(
            person=person,
            names=sorted(names),
            meetings_attended=attended,
            undertakings=promised,
            votes=[VoteRecord(int(v["vote_id"]), int(v["item_id"]), int(v["meeting_id"]),
                              self._to_date(v["date"]), v["committee"], v["item_title"],
                              v["name"], v["position"]) for v in votes],
            apologies=apologies,
        )

    def _person_meetings(
        self, tables: tuple[str, ...], name: str, names: dict[str, None]
    ) -> list[MeetingSummary]:
        """Meetings where ``name`` appears in ``tables``; adds the printed names to ``names``."""
        parts: list[str] = []
        params: list[Any] = []
        for table in tables:
            column = "member" if table == "substitutes" else "name"
            clause, values = self._person_clause("x", name)
            parts.append(f"SELECT i.meeting_id, x.{column} AS name FROM {table} x "
                         f"JOIN items i ON i.id = x.item_id WHERE {clause}")
            params.extend(values)
        found = self._rows(" UNION ".join(parts), params)
        if not found:
            return []
        names.update({r["name"]: None for r in found if r["name"]})
        ids = sorted({int(r["meeting_id"]) for r in found})
        marks = ", ".join("?" for _ in ids)
        rows = self._rows(f"SELECT {_MEETING_COLUMNS} FROM meetings m WHERE m.id IN ({marks}) "
                          f"ORDER BY {_NEWEST_FIRST}", ids)
        return [self._summary(r) for r in rows]

    def export_rows(self, table: str) -> Iterator[dict[str, Any]]:
        if table not in _OWN_COLUMNS:
            raise StoreError(self.location, f"no table {table!r} to export")
        extra, joins = _PARENTS.get(table, _FACT_PARENT)
        columns = ", ".join(f"t.{c}" for c in _OWN_COLUMNS[table])
        sql = (f"SELECT {columns}{extra} FROM {table} t{joins} WHERE t.id > ? "
               f"ORDER BY t.id LIMIT {_EXPORT_CHUNK}")
        last = -1
        while True:
            with self._errors():
                rows = self._rows(sql, (last,))
            for row in rows:
                if "date" in row:
                    row["date"] = self._to_date(row["date"])
                for key in ("fetched_at", "ingested_at"):
                    if key in row:
                        row[key] = self._to_ts(row[key])
                yield row
            if len(rows) < _EXPORT_CHUNK:
                return
            last = int(rows[-1]["id"])
