"""The JSON API: councils, committees, meetings, items, search, undertakings, people.

Every list is paginated (``limit``, ``offset``) and answers
``{"ok": true, "total", "limit", "offset", "next", "results"}``; every error,
whatever its cause, answers ``{"ok": false, "error": "...", "status": N}``
with that HTTP status (see :mod:`minutebook.web.app`).

Example, against ``minutebook serve``::

    curl 'http://127.0.0.1:8000/api/search?q=library+hours&kind=undertaking&limit=5'
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from minutebook.store import SearchKind, SearchQuery
from minutebook.store.query import MAX_QUERY_LENGTH
from minutebook.web.deps import ApiError, Limit, Offset, StoreDep, next_url
from minutebook.web.serialize import (
    committee_json,
    council_json,
    item_json,
    meeting_json,
    meeting_record_json,
    page_json,
    person_json,
    search_json,
    tracked_json,
)
from minutebook.web.tracking import Status, Tracker
from minutebook.web.urls import person_name

__all__ = ["ErrorEnvelope", "router"]


class ErrorEnvelope(BaseModel):
    """The body of every error response."""

    ok: bool = False
    error: str
    status: int


_ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorEnvelope, "description": "A parameter or the query is malformed."},
    404: {"model": ErrorEnvelope, "description": "No such record."},
    500: {"model": ErrorEnvelope, "description": "The server or database failed."},
}

router = APIRouter(prefix="/api", tags=["api"], responses=_ERRORS)

Council = Annotated[str | None, Query(description="Only this council (exact name).")]
Committee = Annotated[str | None, Query(description="Only this committee (exact name).")]
Since = Annotated[dt.date | None, Query(description="Meetings on or after YYYY-MM-DD.")]
Until = Annotated[dt.date | None, Query(description="Meetings on or before YYYY-MM-DD.")]
Person = Annotated[str | None, Query(description="A person's name or surname.")]


def _json(body: dict[str, Any]) -> JSONResponse:
    return JSONResponse(body)


@router.get("/councils", summary="Councils")
def councils(store: StoreDep) -> JSONResponse:
    """Every council with stored meetings, with counts of committees and meetings."""
    rows = [council_json(c) for c in store.councils()]
    return _json({"ok": True, "total": len(rows), "limit": len(rows), "offset": 0,
                  "next": None, "results": rows})


@router.get("/committees", summary="Committees")
def committees(store: StoreDep, council: Council = None) -> JSONResponse:
    """Committees of one council (or all), each with its meeting count and date range."""
    rows = [committee_json(c) for c in store.committees(council)]
    return _json({"ok": True, "total": len(rows), "limit": len(rows), "offset": 0,
                  "next": None, "results": rows})


@router.get("/meetings", summary="Meetings, newest first")
def meetings(
    request: Request, store: StoreDep, council: Council = None, committee: Committee = None,
    since: Since = None, until: Until = None, limit: Limit = 20, offset: Offset = 0,
) -> JSONResponse:
    """Meetings matching the filters, newest first.

    Example: ``/api/meetings?committee=Cabinet&since=2024-01-01``
    """
    page = store.meetings(council=council, committee=committee, since=since, until=until,
                          limit=limit, offset=offset)
    nxt = next_url(request, total=page.total, limit=limit, offset=offset)
    return _json(page_json(page, [meeting_json(m) for m in page.rows], nxt))


@router.get("/meetings/{meeting_id}", summary="One meeting and its items")
def meeting(store: StoreDep, meeting_id: Annotated[int, Path(ge=1)]) -> JSONResponse:
    """A meeting, its items in order and the document it was read from."""
    record = store.get_meeting(meeting_id)
    if record is None:
        raise ApiError(404, f"no meeting {meeting_id}")
    return _json({"ok": True, "meeting": meeting_record_json(record)})


@router.get("/items/{item_id}", summary="One item with every fact")
def item(store: StoreDep, item_id: Annotated[int, Path(ge=1)]) -> JSONResponse:
    """An item's text and every fact extracted from it.

    Each fact's ``span`` is ``[start, end]`` into ``text``: the words it was read from.
    """
    record = store.get_item(item_id)
    if record is None:
        raise ApiError(404, f"no item {item_id}")
    return _json({"ok": True, "item": item_json(record)})


@router.get("/search", summary="Full-text search")
def search(
    request: Request,
    store: StoreDep,
    q: Annotated[str, Query(min_length=1, max_length=MAX_QUERY_LENGTH, description=(
        'Words (all must match), "a phrase", prefix*, a OR b, -excluded, (groups).'))],
    council: Council = None,
    committee: Committee = None,
    since: Since = None,
    until: Until = None,
    kind: Annotated[list[SearchKind] | None, Query(
        description="Only these kinds of record (repeatable).")] = None,
    person: Person = None,
    limit: Limit = 20,
    offset: Offset = 0,
) -> JSONResponse:
    """Items, topics, undertakings, decisions and votes matching ``q``, best first.

    Each result's ``snippet`` has its matching words at ``highlights``
    (``[start, end]`` pairs into the snippet). Example: ``/api/search?q="visitor figures"``
    """
    query = SearchQuery(q, council=council, committee=committee, since=since, until=until,
                        kinds=tuple(kind or ()), person=person, limit=limit, offset=offset)
    page = store.search(query)
    nxt = next_url(request, total=page.total, limit=limit, offset=offset)
    body = page_json(page, [search_json(r) for r in page.results], nxt)
    return _json({**body, "query": q})


@router.get("/undertakings", summary="Undertakings, newest first")
def undertakings(
    request: Request, council: Council = None, committee: Committee = None,
    person: Person = None, since: Since = None, until: Until = None,
    status: Annotated[Status | None, Query(description=(
        "open: not yet due or no deadline; overdue: past its due date with no answer "
        "recorded; answered; withdrawn."))] = None,
    limit: Limit = 20, offset: Offset = 0,
) -> JSONResponse:
    """Every promise made at a meeting: who made it, when, where, its status and due date.

    Status and due date come from the accountability register; ``register_id``
    is the undertaking's stable id there.
    """
    tracker: Tracker = request.app.state.tracker
    page = tracker.page(council=council, committee=committee, person=person,
                        since=since, until=until, status=status, limit=limit, offset=offset)
    nxt = next_url(request, total=page.total, limit=limit, offset=offset)
    return _json(page_json(page, [tracked_json(t) for t in page.rows], nxt))


@router.get("/people/{person_id}", summary="A person's record")
def person(
    store: StoreDep,
    person_id: Annotated[str, Path(min_length=1, max_length=200, description=(
        "The normalised name, words joined by '_' (sam_whitby), or a surname."))],
) -> JSONResponse:
    """Meetings a councillor or role holder attended, undertakings given, recorded votes."""
    record = store.get_person(person_name(person_id))
    if record is None:
        raise ApiError(404, f"no person {person_id!r}")
    return _json({"ok": True, "person": person_json(record)})
