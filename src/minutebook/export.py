"""Export the whole store: JSON Lines, CSV (one file per entity), or Open Civic Data events.

Every row gets a stable id built from its meeting's ``uid`` (derived from the
source document's key, so the same document has the same id in any
database) and its position: item ``<uid>/<item>``, a fact
``<uid>/<item>/<n>``, a vote member ``<uid>/<item>/<vote>/<n>`` (positions
count from 0). Database-internal integer ids are left out.

``ocd`` writes one Open Civic Data Event per meeting (``event_<uid>.json``:
agenda items with their topics as subjects, decisions and undertakings as
notes, attendees as related entities; participants; documents) and one
VoteEvent per recorded vote (``vote_event_<uuid>.json``).

>>> import io, os, tempfile
>>> from minutebook.store import open_store
>>> with open_store(os.path.join(tempfile.mkdtemp(), "m.db")) as store:
...     export(store, "jsonl", None, io.StringIO())
{}
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TextIO

from minutebook.errors import UsageError
from minutebook.models import Item, RecordedVote
from minutebook.store.base import Store
from minutebook.store.records import MeetingRecord
from minutebook.store.rows import meeting_uid
from minutebook.store.schema import ENTITY_TABLES

__all__ = ["ENTITIES", "FORMATS", "export", "stable_rows", "vote_groups"]

FORMATS = ("jsonl", "csv", "ocd")
ENTITIES: tuple[str, ...] = ENTITY_TABLES
"""Entity names, as tables and export files are named, parents first."""

_INTERNAL = ("id", "document_id", "meeting_id", "item_id", "vote_id", "meeting_uid",
             "item_ordinal", "vote_ordinal", "document_key", "search_keys")
_OCD_OPTION = {"for": "yes", "against": "no", "abstain": "abstain"}
_VOTE_NAMESPACE = uuid.UUID("0c5e7e52-77a0-5b5c-8d3e-766f74657376")


def stable_rows(store: Store, entity: str) -> Iterator[dict[str, Any]]:
    """The rows of ``entity`` with stable ids in place of database ids.

    >>> import os, tempfile
    >>> from minutebook.store import open_store
    >>> with open_store(os.path.join(tempfile.mkdtemp(), "m.db")) as store:
    ...     list(stable_rows(store, "items"))
    []
    """
    for row in store.export_rows(entity):
        ids: dict[str, Any] = {}
        if entity == "documents":
            ids["id"] = meeting_uid(row["key"])
        elif entity == "meetings":
            ids["id"] = row["uid"]
            ids["document_id"] = meeting_uid(row["document_key"])
        elif entity == "items":
            ids["id"] = f"{row['meeting_uid']}/{row['ordinal']}"
            ids["meeting_id"] = row["meeting_uid"]
        elif entity == "recorded_vote_members":
            vote = f"{row['meeting_uid']}/{row['item_ordinal']}/{row['vote_ordinal']}"
            ids = {"id": f"{vote}/{row['ordinal']}", "vote_id": vote,
                   "item_id": f"{row['meeting_uid']}/{row['item_ordinal']}",
                   "meeting_id": row["meeting_uid"]}
        else:
            item = f"{row['meeting_uid']}/{row['item_ordinal']}"
            ids = {"id": f"{item}/{row['ordinal']}", "item_id": item,
                   "meeting_id": row["meeting_uid"]}
        rest = {k: _plain(v) for k, v in row.items() if k not in _INTERNAL}
        yield {**ids, **rest}


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date | dt.datetime) else value


def export(store: Store, fmt: str, out: Path | None, stdout: TextIO) -> dict[str, int]:
    """Write the store in ``fmt`` into folder ``out`` (JSON Lines may go to ``stdout``).

    Returns how many records went into each file (or entity, for stdout).
    """
    if fmt not in FORMATS:
        raise UsageError(None, f"unknown format {fmt!r}: choose one of {', '.join(FORMATS)}")
    if out is None and fmt != "jsonl":
        raise UsageError(None, f"--out DIR is needed for {fmt} (it writes several files)")
    if out is not None:
        out.mkdir(parents=True, exist_ok=True)
    if fmt == "ocd":
        assert out is not None
        return _export_ocd(store, out)
    counts: dict[str, int] = {}
    for entity in ENTITIES:
        rows = stable_rows(store, entity)
        if fmt == "jsonl" and out is None:
            n = 0
            for row in rows:
                stdout.write(json.dumps({"type": entity, **row}, ensure_ascii=False) + "\n")
                n += 1
            if n:
                counts[entity] = n
            continue
        assert out is not None
        path = out / f"{entity}.{fmt}"
        with path.open("w", encoding="utf-8", newline="") as f:
            counts[path.name] = _write_jsonl(rows, f) if fmt == "jsonl" else _write_csv(rows, f)
    return counts


def _write_jsonl(rows: Iterator[dict[str, Any]], f: TextIO) -> int:
    n = 0
    for row in rows:
        f.write(json.dumps(row, ensure_ascii=False) + "\n")
        n += 1
    return n


def _write_csv(rows: Iterator[dict[str, Any]], f: TextIO) -> int:
    writer: csv.DictWriter[str] | None = None
    n = 0
    for row in rows:
        if writer is None:
            writer = csv.DictWriter(f, fieldnames=list(row))
            writer.writeheader()
        writer.writerow(row)
        n += 1
    return n


def vote_groups(votes: list[RecordedVote]) -> list[list[RecordedVote]]:
    """Split an item's recorded votes into separate divisions.

    Minutes list each division as for/against/abstain; a position seen a
    second time starts the next division (an amendment, then the motion).

    >>> v = [RecordedVote(["A"], "for"), RecordedVote(["B"], "against"), RecordedVote(["C"], "for")]
    >>> [len(g) for g in vote_groups(v)]
    [2, 1]
    """
    groups: list[list[RecordedVote]] = []
    for vote in votes:
        if not groups or any(v.position == vote.position for v in groups[-1]):
            groups.append([])
        groups[-1].append(vote)
    return groups


def _export_ocd(store: Store, out: Path) -> dict[str, int]:
    events = votes = 0
    for row in store.export_rows("meetings"):
        record = store.get_meeting(int(row["id"]))
        if record is None:  # deleted since the list was read
            continue
        items: list[Item] = []
        for summary in record.items:
            stored = store.get_item(summary.id)
            items.append(stored.item if stored else Item(summary.number, summary.title))
        event, vote_events = ocd_event(record, items)
        _write_json(out / f"event_{record.summary.uid}.json", event)
        events += 1
        for vote in vote_events:
            _write_json(out / f"vote_event_{vote['id'].split('/', 1)[1]}.json", vote)
            votes += 1
    return {"events": events, "vote_events": votes}


def _write_json(path: Path, data: dict[str, Any]) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def ocd_event(
    record: MeetingRecord, items: list[Item]
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """An Open Civic Data Event for the meeting and a VoteEvent per recorded division."""
    m = record.summary
    event_id = f"ocd-event/{m.uid}"
    source_url = m.source_url or record.document.url
    sources = [{"url": source_url, "note": "minutes"}] if source_url else []
    date = m.date.isoformat() if m.date else ""
    participants: list[dict[str, Any]] = []
    if m.committee:
        participants.append({"name": m.committee, "entity_type": "organization", "note": "host"})
    seen: set[str] = set()
    agenda: list[dict[str, Any]] = []
    vote_events: list[dict[str, Any]] = []
    documents: list[dict[str, Any]] = []
    for ordinal, item in enumerate(items):
        related: list[dict[str, Any]] = []
        for a in item.attendees:
            if a.name:
                related.append({"name": a.name, "entity_type": "person", "note": a.role or ""})
                if a.name not in seen:
                    seen.add(a.name)
                    participants.append({"name": a.name, "entity_type": "person",
                                         "note": a.role or "attendee"})
        for n, group in enumerate(vote_groups(item.recorded_votes)):
            vote = _ocd_vote(m.uid, ordinal, n, group, item, record, event_id, sources)
            vote_events.append(vote)
            related.append({"name": vote["motion_text"], "entity_type": "vote_event",
                            "id": vote["id"], "note": "consideration"})
        notes = [f"Resolved ({d.kind}): {d.text}" for d in item.decisions]
        notes += [f"Undertaking by {u.by or 'unnamed'}: {u.action}" for u in item.undertakings]
        agenda.append({
            "description": item.title or f"Item {item.number or ordinal + 1}",
            "order": item.number or str(ordinal + 1),
            "classification": [],
            "subjects": [t.label for t in item.topics],
            "notes": notes,
            "related_entities": related,
            "media": [],
            "extras": {"minutebook_id": f"{m.uid}/{ordinal}", "purpose": item.purpose,
                       "apologies": [a.name for a in item.apologies]},
        })
        for doc in item.documents:
            if doc.url:
                documents.append({"note": doc.title, "date": date, "media_type": "",
                                  "links": [{"url": doc.url, "media_type": ""}]})
    event = {
        "_type": "event",
        "id": event_id,
        "name": m.committee or m.title,
        "description": "",
        "classification": "committee-meeting",
        "start_date": date,
        "end_date": "",
        "all_day": False,
        "status": "passed",
        "location": {"name": "", "note": "", "coordinates": None},
        "participants": participants,
        "agenda": agenda,
        "documents": documents,
        "media": [],
        "links": [],
        "sources": sources,
        "extras": {"council": m.council, "minutebook_uid": m.uid,
                   "document_key": record.document.key},
    }
    return event, vote_events


def _ocd_vote(
    uid: str, item_ordinal: int, n: int, group: list[RecordedVote], item: Item,
    record: MeetingRecord, event_id: str, sources: list[dict[str, Any]],
) -> dict[str, Any]:
    counts: dict[str, int] = {}
    votes: list[dict[str, Any]] = []
    for v in group:
        option = _OCD_OPTION.get(v.position, "other")
        counts[option] = counts.get(option, 0) + len(v.members)
        votes += [{"option": option, "voter_name": name, "note": v.rule or ""}
                  for name in v.members]
    vote_uid = uuid.uuid5(_VOTE_NAMESPACE, f"{uid}/{item_ordinal}/{n}")
    return {
        "_type": "vote_event",
        "id": f"ocd-vote/{vote_uid}",
        "identifier": "",
        "motion_text": item.title or f"Item {item.number or item_ordinal + 1}",
        "motion_classification": [],
        "start_date": record.summary.date.isoformat() if record.summary.date else "",
        "end_date": "",
        # Minutes print the named votes, not always the result: derived from the counts.
        "result": "pass" if counts.get("yes", 0) > counts.get("no", 0) else "fail",
        "organization": record.summary.committee,
        "legislative_session": "",
        "bill": None,
        "event": event_id,
        "votes": votes,
        "counts": [{"option": k, "value": v} for k, v in counts.items()],
        "sources": sources,
        "extras": {"minutebook_item_id": f"{uid}/{item_ordinal}",
                   "result_derived_from": "counts of the recorded names"},
    }
