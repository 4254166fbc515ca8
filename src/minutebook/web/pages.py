"""The HTML pages: home, council, committee, meeting, item, search, undertakings, person.

Server-rendered, working without JavaScript; forms use GET so every view
(a search with its filters, a page of undertakings) has a URL to bookmark
or share. Query parameters are read leniently, as forms send them (empty
fields are "no filter"), and a malformed value is a 400 page that says which.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.templating import Jinja2Templates

from minutebook.errors import QueryError
from minutebook.models import Apology, Attendee, Declaration, Substitute
from minutebook.store import (
    SEARCH_KINDS,
    CommitteeSummary,
    ItemRecord,
    SearchKind,
    SearchPage,
    SearchQuery,
    Store,
)
from minutebook.store.people import normalise_person
from minutebook.store.query import MAX_QUERY_LENGTH
from minutebook.web.deps import MAX_OFFSET, ApiError, StoreDep
from minutebook.web.directory import Directory
from minutebook.web.highlight import FACT_KINDS, facts, segments, snippet_segments
from minutebook.web.tracking import STATUSES, Status, Tracker
from minutebook.web.urls import person_name, slugify

__all__ = ["router"]

router = APIRouter(include_in_schema=False)

SEARCH_PAGE_SIZE = 20
MEETINGS_PAGE_SIZE = 50
UNDERTAKINGS_PAGE_SIZE = 25
HOME_MEETINGS = 10

KIND_LABELS: dict[str, str] = {
    "item": "Item", "topic": "Topic", "undertaking": "Undertaking", "decision": "Decision",
    "vote": "Recorded vote",
}
FACT_LABELS: dict[str, str] = {
    "attendee": "Attendees", "topic": "Topics", "undertaking": "Undertakings",
    "decision": "Decisions", "vote": "Recorded votes", "apology": "Apologies",
    "substitute": "Substitutes", "declaration": "Declarations of interest",
}

Text = Annotated[str | None, Query()]


def _directory(request: Request) -> Directory:
    directory: Directory = request.app.state.directory
    return directory


def _filter_lists(request: Request, store: Store, council: str | None) -> dict[str, list[str]]:
    """The names a filter form offers: councils, and the committees of ``council`` (or all)."""
    directory = _directory(request)
    return {
        "councils": [c.name for c in directory.councils(store) if c.name],
        "committee_names": sorted({c.name for c in directory.committees(store, council)
                                   if c.name}),
    }


def _render(request: Request, name: str, context: dict[str, Any], status: int = 200) -> Response:
    templates: Jinja2Templates = request.app.state.templates
    return templates.TemplateResponse(request, name, context, status_code=status)


def _date(value: str | None, name: str) -> dt.date | None:
    if not value or not value.strip():
        return None
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise ApiError(400, f"{name}: expected a date as YYYY-MM-DD, got {value!r}") from None


def _page(value: str | None, size: int) -> int:
    if not value or not value.strip():
        return 1
    try:
        page = int(value)
    except ValueError:
        raise ApiError(400, f"page: expected a whole number, got {value!r}") from None
    if page < 1 or (page - 1) * size > MAX_OFFSET:
        raise ApiError(400, f"page: must be between 1 and {MAX_OFFSET // size + 1}")
    return page


def _blank(value: str | None) -> str | None:
    return value.strip() or None if value else None


@dataclass(slots=True)
class Pager:
    """Where a page stands in a list: for "21–40 of 95" and previous/next links."""

    page: int
    size: int
    total: int
    shown: int

    @property
    def first(self) -> int:
        return (self.page - 1) * self.size + 1 if self.shown else 0

    @property
    def last(self) -> int:
        return (self.page - 1) * self.size + self.shown

    @property
    def has_prev(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.last < self.total and self.page * self.size <= MAX_OFFSET


# -- home, council, committee --------------------------------------------------


@router.get("/", response_class=HTMLResponse)
def home(request: Request, store: StoreDep) -> Response:
    """Councils and their committees, the latest meetings, a search box."""
    councils = _directory(request).councils(store)
    committees: dict[str | None, list[CommitteeSummary]] = {}
    for c in _directory(request).committees(store):
        committees.setdefault(c.council, []).append(c)
    latest = store.meetings(limit=HOME_MEETINGS).rows
    return _render(request, "home.html",
                   {"councils": councils, "committees": committees, "latest": latest})


def _council(request: Request, store: Store, slug: str) -> str | None:
    for c in _directory(request).councils(store):
        if slugify(c.name) == slug:
            return c.name
    raise ApiError(404, f"no council at /councils/{slug}")


@router.get("/councils/{council_slug}", response_class=HTMLResponse)
def council(request: Request, store: StoreDep, council_slug: str) -> Response:
    """A council's committees and its latest meetings."""
    name = _council(request, store, council_slug)
    bodies = [c for c in _directory(request).committees(store, name) if c.council == name]
    latest = store.meetings(council=name, limit=HOME_MEETINGS).rows if name else []
    return _render(request, "council.html",
                   {"council": name, "committees": bodies, "latest": latest})


@router.get("/councils/{council_slug}/{committee_slug}", response_class=HTMLResponse)
def committee(request: Request, store: StoreDep, council_slug: str, committee_slug: str,
              page: Text = None) -> Response:
    """A committee's meetings, newest first."""
    name = _council(request, store, council_slug)
    found = [c for c in _directory(request).committees(store, name)
             if c.council == name and slugify(c.name) == committee_slug]
    if not found:
        raise ApiError(404, f"no committee at /councils/{council_slug}/{committee_slug}")
    body = found[0]
    number = _page(page, MEETINGS_PAGE_SIZE)
    listed = store.meetings(council=name, committee=body.name, limit=MEETINGS_PAGE_SIZE,
                            offset=(number - 1) * MEETINGS_PAGE_SIZE)
    pager = Pager(number, MEETINGS_PAGE_SIZE, listed.total, len(listed.rows))
    return _render(request, "committee.html",
                   {"body": body, "meetings": listed.rows, "pager": pager})


# -- meeting and item ----------------------------------------------------------


@dataclass(slots=True)
class Attendance:
    """Who was at a meeting, gathered from all its items, each person once."""

    present: list[Attendee] = field(default_factory=list)
    apologies: list[Apology] = field(default_factory=list)
    substitutes: list[Substitute] = field(default_factory=list)
    declarations: list[tuple[Declaration, int]] = field(default_factory=list)


def _attendance(items: list[ItemRecord]) -> Attendance:
    out = Attendance()
    seen: set[tuple[str, str]] = set()

    def first(kind: str, name: str | None) -> bool:
        key = (kind, normalise_person(name or "") or (name or ""))
        if key in seen:
            return False
        seen.add(key)
        return True

    for record in items:
        it = record.item
        out.present.extend(a for a in it.attendees if first("present", a.name or a.role))
        out.apologies.extend(a for a in it.apologies if first("apology", a.name))
        out.substitutes.extend(s for s in it.substitutes if first("substitute", s.member))
        out.declarations.extend((d, record.id) for d in it.declarations)
    return out


@router.get("/meetings/{meeting_id}", response_class=HTMLResponse)
def meeting(request: Request, store: StoreDep,
            meeting_id: Annotated[int, Path(ge=1)]) -> Response:
    """A meeting's items in order, attendance, apologies and declarations."""
    record = store.get_meeting(meeting_id)
    if record is None:
        raise ApiError(404, f"no meeting {meeting_id}")
    items = [found for i in record.items if (found := store.get_item(i.id)) is not None]
    undertakings = sum(len(i.item.undertakings) for i in items)
    return _render(request, "meeting.html", {
        "meeting": record.summary, "document": record.document, "items": items,
        "attendance": _attendance(items), "undertakings": undertakings,
    })


@router.get("/items/{item_id}", response_class=HTMLResponse)
def item(request: Request, store: StoreDep, item_id: Annotated[int, Path(ge=1)]) -> Response:
    """An item's facts in panels beside its source text, each fact marked where it was read."""
    record = store.get_item(item_id)
    if record is None:
        raise ApiError(404, f"no item {item_id}")
    meeting_record = store.get_meeting(record.meeting.id)
    siblings = meeting_record.items if meeting_record else []
    at = next((n for n, s in enumerate(siblings) if s.id == item_id), None)
    prev_item = siblings[at - 1] if at is not None and at > 0 else None
    next_item = siblings[at + 1] if at is not None and at + 1 < len(siblings) else None
    found = facts(record.item)
    used = [k for k in FACT_KINDS if any(f.kind == k for f in found)]
    tracker: Tracker = request.app.state.tracker
    tracked = tracker.of_item(item_id)
    # The register's rows and the item's promises are both in minuted order; a
    # mismatch (the register not yet refreshed after a re-ingest) shows no status.
    same = len(tracked) == len(record.item.undertakings) and all(
        t.record.action == u.action for t, u in zip(tracked, record.item.undertakings,
                                                    strict=True))
    return _render(request, "item.html", {
        "record": record, "it": record.item, "meeting": record.meeting,
        "segments": segments(record.item.text, found), "facts": found, "used_kinds": used,
        "fact_labels": FACT_LABELS, "prev_item": prev_item, "next_item": next_item,
        "position": (at + 1) if at is not None else None, "count": len(siblings),
        "tracked": tracked if same else [None] * len(record.item.undertakings),
    })


# -- search --------------------------------------------------------------------


def _kinds(values: list[str]) -> tuple[SearchKind, ...]:
    chosen: list[SearchKind] = []
    for value in values:
        if value not in SEARCH_KINDS:
            raise ApiError(400, f"kind: expected one of {', '.join(SEARCH_KINDS)}, got {value!r}")
        chosen.extend(k for k in SEARCH_KINDS if k == value and k not in chosen)
    return tuple(chosen)


@router.get("/search", response_class=HTMLResponse)
def search(
    request: Request, store: StoreDep, q: Text = None, council: Text = None,
    committee: Text = None, since: Text = None, until: Text = None,
    kind: Annotated[list[str] | None, Query()] = None, page: Text = None,
) -> Response:
    """The search form and, for a query, a page of results with highlighted snippets."""
    text = (q or "").strip()
    params: dict[str, Any] = {"q": text, "council": _blank(council),
                              "committee": _blank(committee), "since": _blank(since),
                              "until": _blank(until), "kind": [k for k in kind or [] if k]}
    context: dict[str, Any] = {
        "params": params, "kinds": SEARCH_KINDS, "kind_labels": KIND_LABELS,
        **_filter_lists(request, store, params["council"]),
        "results": None, "pager": None, "error": None,
    }
    try:
        number = _page(page, SEARCH_PAGE_SIZE)
        query = SearchQuery(
            text, council=params["council"], committee=params["committee"],
            since=_date(since, "since"), until=_date(until, "until"),
            kinds=_kinds(params["kind"]), limit=SEARCH_PAGE_SIZE,
            offset=(number - 1) * SEARCH_PAGE_SIZE,
        )
        if len(text) > MAX_QUERY_LENGTH:
            raise ApiError(400, f"the query is longer than {MAX_QUERY_LENGTH} characters")
        if text:
            found: SearchPage = store.search(query)
            context["results"] = [(r, snippet_segments(r.plain_snippet, r.highlights()))
                                  for r in found.results]
            context["pager"] = Pager(number, SEARCH_PAGE_SIZE, found.total, len(found.results))
    except QueryError as exc:
        context["error"] = f"The search could not be read: {exc.reason}."
    except ApiError as exc:
        context["error"] = exc.message
    return _render(request, "search.html", context, status=400 if context["error"] else 200)


# -- undertakings and people ---------------------------------------------------


def _status(value: str | None) -> Status | None:
    for status in STATUSES:
        if value == status:
            return status
    if value:
        raise ApiError(400, f"status: expected one of {', '.join(STATUSES)}, got {value!r}")
    return None


@router.get("/undertakings", response_class=HTMLResponse)
def undertakings(
    request: Request, store: StoreDep, council: Text = None, committee: Text = None,
    person: Text = None, since: Text = None, until: Text = None, status: Text = None,
    page: Text = None,
) -> Response:
    """Every promise with who made it, when and its status, filterable."""
    params: dict[str, Any] = {"council": _blank(council), "committee": _blank(committee),
                              "person": _blank(person), "since": _blank(since),
                              "until": _blank(until), "status": _blank(status)}
    number = _page(page, UNDERTAKINGS_PAGE_SIZE)
    tracker: Tracker = request.app.state.tracker
    listed = tracker.page(
        council=params["council"], committee=params["committee"],
        person=params["person"], since=_date(since, "since"), until=_date(until, "until"),
        status=_status(params["status"]), limit=UNDERTAKINGS_PAGE_SIZE,
        offset=(number - 1) * UNDERTAKINGS_PAGE_SIZE,
    )
    return _render(request, "undertakings.html", {
        "params": params, "rows": listed.rows,
        "pager": Pager(number, UNDERTAKINGS_PAGE_SIZE, listed.total, len(listed.rows)),
        **_filter_lists(request, store, params["council"]),
        "statuses": STATUSES,
    })


@router.get("/people/{person_id}", response_class=HTMLResponse)
def person(request: Request, store: StoreDep,
           person_id: Annotated[str, Path(min_length=1, max_length=200)]) -> Response:
    """A councillor or role holder: meetings attended, undertakings given, recorded votes."""
    record = store.get_person(person_name(person_id))
    if record is None:
        raise ApiError(404, f"nobody called {person_name(person_id)!r} in these minutes")
    same = [n for n in record.names if normalise_person(n) == record.person]
    display = min(same, key=len) if same else record.person.title()
    return _render(request, "person.html", {"person": record, "display": display})


@router.get("/favicon.ico", include_in_schema=False)
def favicon() -> Response:
    """Browsers ask for /favicon.ico whatever the page says."""
    return RedirectResponse("/static/favicon.svg", status_code=301)
