"""An Atom feed of the newest items matching a saved search: alerts in any feed reader.

``/search.atom?q=...`` takes the search page's filters (council, committee,
kind is fixed to items). Search ranks by relevance, but a feed wants the
newest: the search is first limited to recent meetings and widened until
enough entries are found, so the newest matches come out even when older
ones would rank higher. Entry ids are the items' stable meeting uid and
ordinal, so a feed reader does not show an item twice after a re-ingest.

Example: ``curl 'http://127.0.0.1:8000/search.atom?q=library+closure'``
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated
from xml.etree import ElementTree as ET

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from minutebook import __version__
from minutebook.store import SearchQuery, SearchResult, Store
from minutebook.store.query import MAX_QUERY_LENGTH
from minutebook.web.highlight import clean_text
from minutebook.web.urls import query_string

__all__ = ["FEED_ENTRIES", "atom_feed", "router"]

ATOM = "http://www.w3.org/2005/Atom"
FEED_ENTRIES = 30
# Days back from the newest stored meeting; the last window has no limit.
_WINDOWS: tuple[int | None, ...] = (31, 183, 730, None)
_SUMMARY_CHARS = 600

router = APIRouter(tags=["feeds"])


def _newest_matches(store: Store, query: SearchQuery) -> list[SearchResult]:
    newest = store.meetings(limit=1).rows
    latest = newest[0].date if newest and newest[0].date else None
    found: list[SearchResult] = []
    for days in _WINDOWS:
        since = query.since
        if days is not None:
            if latest is None:
                continue
            window = latest - dt.timedelta(days=days)
            since = max(window, since) if since else window
        # Ranked search within the window: ask for a few pages' worth so the date sort has choice.
        found = store.search(SearchQuery(
            query.text, council=query.council, committee=query.committee, since=since,
            until=query.until, kinds=("item",), limit=FEED_ENTRIES * 3,
        )).results
        if len(found) >= FEED_ENTRIES:
            break
    found.sort(key=lambda r: (r.date or dt.date.min, r.meeting_id, -r.item_id), reverse=True)
    return found[:FEED_ENTRIES]


def _text(parent: ET.Element, tag: str, text: str, **attrs: str) -> ET.Element:
    el = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
    # XML 1.0 cannot carry control characters at all; show them as U+FFFD.
    el.text = clean_text(text)
    return el


def _stamp(day: dt.date | None) -> str:
    return f"{(day or dt.date(1970, 1, 1)).isoformat()}T00:00:00Z"


def atom_feed(store: Store, query: SearchQuery, base_url: str, self_url: str) -> bytes:
    """The Atom document for ``query``'s newest matching items; links absolute under ``base_url``.

    >>> import os, tempfile
    >>> from minutebook.store import open_store
    >>> with open_store(os.path.join(tempfile.mkdtemp(), "m.db")) as store:
    ...     atom_feed(store, SearchQuery("budget"), "http://x", "http://x/search.atom")[:38]
    b"<?xml version='1.0' encoding='utf-8'?>"
    """
    ET.register_namespace("", ATOM)
    results = _newest_matches(store, query)
    feed = ET.Element(f"{{{ATOM}}}feed")
    _text(feed, "title", f"minutebook: {query.text}")
    _text(feed, "subtitle", "Newest council minutes items matching this search")
    saved = {"q": query.text, "council": query.council, "committee": query.committee}
    _text(feed, "id", f"{base_url}/search.atom{query_string(saved)}")
    _text(feed, "updated", _stamp(max((r.date for r in results if r.date), default=None)))
    _text(feed, "generator", "minutebook", version=__version__)
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="self", href=self_url,
                  type="application/atom+xml")
    page_url = f"{base_url}/search{query_string(saved, kind=['item'])}"
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="alternate", href=page_url, type="text/html")
    author = ET.SubElement(feed, f"{{{ATOM}}}author")
    _text(author, "name", "minutebook")
    for result in results:
        record = store.get_item(result.item_id)
        if record is None:
            continue
        entry = ET.SubElement(feed, f"{{{ATOM}}}entry")
        title = " ".join(p for p in (record.item.number, record.item.title) if p) or "Item"
        _text(entry, "title", f"{title} ({record.meeting.committee or 'committee'})")
        _text(entry, "id", f"urn:minutebook:item:{record.meeting.uid}:{record.ordinal}")
        _text(entry, "updated", _stamp(result.date))
        ET.SubElement(entry, f"{{{ATOM}}}link", rel="alternate",
                      href=f"{base_url}/items/{result.item_id}", type="text/html")
        where = ", ".join(p for p in (record.meeting.council, record.meeting.committee,
                                      result.date.isoformat() if result.date else None) if p)
        text = record.item.text
        if len(text) > _SUMMARY_CHARS:
            text = text[:_SUMMARY_CHARS].rsplit(" ", 1)[0] + " …"
        # Plain text, never HTML: feed readers render html content, and minutes are untrusted.
        _text(entry, "summary", f"{where}\n\n{text}", type="text")
    return bytes(ET.tostring(feed, encoding="utf-8", xml_declaration=True))


@router.get("/search.atom", summary="Atom feed of a saved search",
            response_class=Response,
            responses={200: {"content": {"application/atom+xml": {}}}})
def search_feed(
    request: Request,
    q: Annotated[str, Query(min_length=1, max_length=MAX_QUERY_LENGTH,
                            description="The search, as on the search page.")],
    council: Annotated[str | None, Query(description="Only this council.")] = None,
    committee: Annotated[str | None, Query(description="Only this committee.")] = None,
) -> Response:
    """The newest items matching ``q``, as Atom: subscribe in a feed reader to get alerts."""
    pool = request.app.state.pool
    base = str(request.base_url).rstrip("/")
    with pool.store() as store:
        body = atom_feed(store, SearchQuery(q, council=council or None,
                                            committee=committee or None),
                         base, str(request.url))
    return Response(body, media_type="application/atom+xml; charset=utf-8")
