"""Store records as the JSON the API returns, each with the links a client follows.

Dates are ISO strings, spans ``[start, end]`` into the item's ``text``,
and every record names its page (``url``) and, where there is one, its API
address (``api_url``), both relative to the site.

>>> from minutebook.store import MeetingSummary
>>> meeting_json(MeetingSummary(3, "u", "Cabinet, 2024-03-05", "X Council", "Cabinet", None,
...                             None, 2))["api_url"]
'/api/meetings/3'
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from minutebook.models import Meeting, Span
from minutebook.store import (
    CommitteeSummary,
    CouncilSummary,
    ItemRecord,
    MeetingRecord,
    MeetingSummary,
    Page,
    PersonRecord,
    SearchPage,
    SearchResult,
    UndertakingRecord,
    VoteRecord,
)
from minutebook.web.highlight import anchor
from minutebook.web.tracking import TrackedUndertaking
from minutebook.web.urls import committee_path, council_path, person_id, person_path

__all__ = [
    "committee_json",
    "council_json",
    "item_json",
    "meeting_json",
    "meeting_record_json",
    "page_json",
    "person_json",
    "search_json",
    "tracked_json",
    "undertaking_json",
]


def _date(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def _span(span: Span | None) -> list[int] | None:
    return [span.start, span.end] if span else None


def page_json(page: Page[Any] | SearchPage, rows: list[dict[str, Any]],
              next_url: str | None) -> dict[str, Any]:
    """A list's envelope: ``ok``, ``total``, ``limit``, ``offset``, ``next``, ``results``."""
    if isinstance(page, SearchPage):
        limit, offset = page.query.limit, page.query.offset
    else:
        limit, offset = page.limit, page.offset
    return {"ok": True, "total": page.total, "limit": limit, "offset": offset,
            "next": next_url, "results": rows}


def council_json(c: CouncilSummary) -> dict[str, Any]:
    """A council and its counts."""
    return {"name": c.name, "committees": c.committees, "meetings": c.meetings,
            "url": council_path(c.name)}


def committee_json(c: CommitteeSummary) -> dict[str, Any]:
    """A committee, its meeting count and date range."""
    return {"council": c.council, "name": c.name, "meetings": c.meetings,
            "first_date": _date(c.first_date), "last_date": _date(c.last_date),
            "url": committee_path(c.council, c.name)}


def meeting_json(m: MeetingSummary) -> dict[str, Any]:
    """A meeting in a list."""
    return {"id": m.id, "uid": m.uid, "title": m.title, "council": m.council,
            "committee": m.committee, "date": _date(m.date), "source_url": m.source_url,
            "items": m.items, "url": f"/meetings/{m.id}", "api_url": f"/api/meetings/{m.id}"}


def meeting_record_json(record: MeetingRecord) -> dict[str, Any]:
    """A meeting with its items in order and its source document."""
    d = record.document
    return {
        **meeting_json(record.summary),
        "document": {"key": d.key, "url": d.url, "content_hash": d.content_hash,
                     "media_type": d.media_type, "size": d.size,
                     "fetched_at": d.fetched_at.isoformat() if d.fetched_at else None,
                     "ingested_at": d.ingested_at.isoformat() if d.ingested_at else None},
        "items_list": [
            {"id": i.id, "ordinal": i.ordinal, "number": i.number, "title": i.title,
             "url": f"/items/{i.id}", "api_url": f"/api/items/{i.id}"}
            for i in record.items
        ],
    }


def _people(entries: list[dict[str, Any]], key: str) -> list[dict[str, Any]]:
    for entry in entries:
        name = entry.get(key)
        entry["person_id"] = (person_id(name) or None) if name else None
    return entries


def item_json(record: ItemRecord) -> dict[str, Any]:
    """An item with every fact, each fact's span into ``text``."""
    body = Meeting(items=[record.item]).to_json()["items"][0]
    for key in ("topics", "apologies"):
        # The record's short forms ("topics": labels) repeat the details; keep the details.
        body.pop(key)
    body["topics"] = body.pop("topic_details")
    body["apologies"] = body.pop("apology_details")
    body["document_span"] = body.pop("span")
    _people(body["attendees"], "name")
    _people(body["undertakings"], "by")
    _people(body["apologies"], "name")
    _people(body["substitutes"], "member")
    _people(body["declarations"], "member")
    for vote in body["recorded_votes"]:
        vote["person_ids"] = [person_id(m) or None for m in vote["members"]]
    return {"id": record.id, "ordinal": record.ordinal, "meeting": meeting_json(record.meeting),
            "url": f"/items/{record.id}", "api_url": f"/api/items/{record.id}", **body}


def _result_url(r: SearchResult) -> str:
    fragment = f"#{anchor(r.span)}" if r.span else ""
    return f"/items/{r.item_id}{fragment}"


def search_json(r: SearchResult) -> dict[str, Any]:
    """One search result: where it is, the snippet, its matches, its rank."""
    return {"kind": r.kind, "id": r.id, "item_id": r.item_id, "meeting_id": r.meeting_id,
            "council": r.council, "committee": r.committee, "date": _date(r.date),
            "item_number": r.item_number, "item_title": r.item_title,
            "snippet": r.plain_snippet, "highlights": [list(h) for h in r.highlights()],
            "rank": r.rank, "span": _span(r.span), "url": _result_url(r),
            "api_url": f"/api/items/{r.item_id}"}


def undertaking_json(u: UndertakingRecord, status: str | None = None) -> dict[str, Any]:
    """An undertaking with who gave it, when and where."""
    fragment = f"#{anchor(u.span)}" if u.span else ""
    out = {"id": u.id, "item_id": u.item_id, "meeting_id": u.meeting_id, "council": u.council,
           "committee": u.committee, "date": _date(u.date), "item_number": u.item_number,
           "item_title": u.item_title, "by": u.by,
           "person_id": (person_id(u.by) or None) if u.by else None,
           "action": u.action, "sentence": u.sentence, "span": _span(u.span),
           "url": f"/items/{u.item_id}{fragment}", "api_url": f"/api/items/{u.item_id}"}
    if status is not None:
        out["status"] = status
    return out


def tracked_json(t: TrackedUndertaking) -> dict[str, Any]:
    """An undertaking with its register id, status and due date."""
    return {**undertaking_json(t.record, t.status), "register_id": t.register_id,
            "due": _date(t.due), "due_phrase": t.due_phrase}


def _vote_json(v: VoteRecord) -> dict[str, Any]:
    return {"item_id": v.item_id, "meeting_id": v.meeting_id, "date": _date(v.date),
            "committee": v.committee, "item_title": v.item_title, "name": v.name,
            "position": v.position, "url": f"/items/{v.item_id}"}


def person_json(p: PersonRecord) -> dict[str, Any]:
    """What is stored about a person: meetings, undertakings, votes, apologies."""
    return {"id": person_id(p.person), "person": p.person, "names": p.names,
            "url": person_path(p.person),
            "meetings_attended": [meeting_json(m) for m in p.meetings_attended],
            "undertakings": [undertaking_json(u) for u in p.undertakings],
            "votes": [_vote_json(v) for v in p.votes],
            "apologies": [meeting_json(m) for m in p.apologies]}
