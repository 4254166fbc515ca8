"""Reading ModernGov's public pages, for sites whose web service is closed or incomplete.

The shapes (FORMATS.md, partly inferred, so every reader is tolerant):

- ``mgListCommittees.aspx``: links to ``mgCommitteeDetails.aspx?ID=<cid>``
  or ``ieListMeetings.aspx?CommitteeId=<cid>``;
- ``ieListMeetings.aspx?CId=<cid>&Year=0``: every meeting as a link to
  ``ieListDocuments.aspx?CId=<cid>&MId=<mid>`` whose text is its date;
- ``ieListDocuments.aspx`` (one meeting): heading ``h2.mgSubTitleTxt``
  "Committee - Tuesday, 10th February, 2026 10.00 am", "Printed minutes"
  links, and per item ``p.mgSubItemTitleTxt`` "Minutes:" sections or links
  to ``mgAi.aspx?ID=<agendaitemid>``.

Hrefs may hold literal spaces and line breaks (``documents/g4967/Printed
minutes\\r\\n10th-Feb-2026.pdf``); line breaks are folded to spaces and the
client percent-encodes the rest.

>>> page = b'<li><a href="mgCommitteeDetails.aspx?ID=144">Audit</a></li>'
>>> committees_from_page(page, "http://127.0.0.1/mgListCommittees.aspx")[0].id
'144'
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, urljoin, urlsplit

from selectolax.lexbor import LexborHTMLParser, LexborNode

from minutebook.sources.base import Committee
from minutebook.sources.moderngov.dates import parse_date

_SCREEN_READER = "span.mgHide, span.mgFileSize"
_MINUTES_HEADING = re.compile(r"^\s*minutes\s*:?\s*$", re.IGNORECASE)
_PRINTED_MINUTES = re.compile(r"\bprinted\s+(?:draft\s+)?minutes\b", re.IGNORECASE)
_MEETING_DOCUMENT = re.compile(r"/documents/g\d+/", re.IGNORECASE)
_MINUTES_WORD = re.compile(r"\bminutes\b", re.IGNORECASE)
_CANCELLED = re.compile(r"\bcancel(?:l)?ed\b", re.IGNORECASE)
_NOT_MINUTES = re.compile(r"\b(agenda|reports? pack|supplement|public pack)\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class MeetingLink:
    """A meeting as a listing page shows it."""

    id: str
    committee_id: str | None
    url: str
    date: dt.date | None
    cancelled: bool


@dataclass(slots=True)
class MeetingPage:
    """What an ``ieListDocuments.aspx`` page offers."""

    heading: str | None = None
    committee: str | None = None
    date: dt.date | None = None
    cancelled: bool = False
    inline_minutes: bool = False
    printed_minutes: list[tuple[str, str]] = field(default_factory=list)
    item_pages: list[str] = field(default_factory=list)

    def best_printed_minutes(self) -> tuple[str, str] | None:
        """The approved printed minutes if listed, else the draft."""
        final = [(t, u) for t, u in self.printed_minutes if "draft" not in t.lower()]
        found = final or self.printed_minutes
        return found[0] if found else None


def committees_from_page(content: bytes, url: str) -> list[Committee]:
    """Committees linked from a committee list page, first title per id."""
    found: dict[str, Committee] = {}
    for href, text, _ in _links(content, url):
        page, params = _route(href)
        cid = None
        if page == "mgcommitteedetails.aspx":
            cid = params.get("id")
        elif page == "ielistmeetings.aspx":
            cid = params.get("cid") or params.get("committeeid")
        if cid and cid.isdigit() and text and cid not in found:
            found[cid] = Committee(id=cid, title=text, url=href)
    return list(found.values())


def meetings_from_page(content: bytes, url: str) -> list[MeetingLink]:
    """Meetings linked from a meetings list, in page order, one per meeting id."""
    found: dict[str, MeetingLink] = {}
    for href, text, context in _links(content, url):
        page, params = _route(href)
        mid = params.get("mid")
        if page != "ielistdocuments.aspx" or not mid or not mid.isdigit() or mid in found:
            continue
        found[mid] = MeetingLink(
            id=mid,
            committee_id=params.get("cid"),
            url=href,
            date=parse_date(text) or parse_date(context),
            cancelled=bool(_CANCELLED.search(context)),
        )
    return list(found.values())


def read_meeting_page(content: bytes, url: str) -> MeetingPage:
    """The heading, date, minutes sections and minutes links of a meeting page."""
    tree = _tree(content)
    page = MeetingPage()
    heading = tree.css_first("h2.mgSubTitleTxt") or tree.css_first("h1.mgMainTitleTxt")
    if heading is not None:
        page.heading = _clean(heading.text(deep=True, separator=" "))
        page.committee = page.heading.split(" - ", 1)[0].strip() or None
        page.date = parse_date(page.heading)
        page.cancelled = bool(_CANCELLED.search(page.heading))
    page.inline_minutes = has_minutes_section(tree)
    for href, text, _ in _node_links(tree, url):
        route, params = _route(href)
        if route == "mgai.aspx" and params.get("id") and href not in page.item_pages:
            page.item_pages.append(href)
        elif _is_printed_minutes(text, href):
            page.printed_minutes.append((text, href))
    return page


def page_has_minutes(content: bytes) -> bool:
    """Whether a page (a meeting or ``mgAi.aspx`` item) has a "Minutes:" section with words."""
    return has_minutes_section(_tree(content))


def has_minutes_section(tree: LexborHTMLParser) -> bool:
    """Whether ``tree`` holds a "Minutes:" heading followed by text."""
    for node in tree.css("p.mgSubItemTitleTxt, h3.mgSubSubTitleTxt, h2.mgSubTitleTxt"):
        if not _MINUTES_HEADING.match(node.text(deep=True)):
            continue
        body = node.next
        while body is not None and body.tag in ("-text", "#text") and not body.text().strip():
            body = body.next
        if body is not None and body.text(deep=True).strip():
            return True
    return False


def _is_printed_minutes(text: str, href: str) -> bool:
    if _PRINTED_MINUTES.search(text):
        return True
    # ``documents/g<meetingid>/`` holds the meeting's own papers; ``documents/s<id>/``
    # are item attachments, among them the minutes of the *previous* meeting.
    own = _MEETING_DOCUMENT.search(href)
    return bool(own and _MINUTES_WORD.search(text) and not _NOT_MINUTES.search(text))


def _tree(content: bytes) -> LexborHTMLParser:
    tree = LexborHTMLParser(content.decode("utf-8", errors="replace"))
    for node in tree.css(_SCREEN_READER):
        node.decompose()
    return tree


def _links(content: bytes, url: str) -> list[tuple[str, str, str]]:
    return _node_links(_tree(content), url)


def _node_links(tree: LexborHTMLParser, url: str) -> list[tuple[str, str, str]]:
    """``(absolute href, link text, text of the enclosing list item or row)`` for each link."""
    links: list[tuple[str, str, str]] = []
    for anchor in tree.css("a[href]"):
        raw = anchor.attributes.get("href") or ""
        href = " ".join(raw.split())
        if not href or href.startswith(("#", "javascript:", "mailto:")):
            continue
        text = _clean(anchor.text(deep=True, separator=" "))
        links.append((urljoin(url, href), text, _context(anchor, text)))
    return links


def _context(anchor: LexborNode, fallback: str) -> str:
    node = anchor.parent
    while node is not None and node.tag not in ("li", "tr", "p", "td", "body"):
        node = node.parent
    if node is None or node.tag == "body":
        return fallback
    return _clean(node.text(deep=True, separator=" "))


def _route(href: str) -> tuple[str, dict[str, str]]:
    """The page name (lower case) and query parameters (keys lower case) of ``href``."""
    parts = urlsplit(href)
    page = parts.path.rsplit("/", 1)[-1].lower()
    params = {k.lower(): v.strip() for k, v in parse_qsl(parts.query, keep_blank_values=True)}
    return page, params


def _clean(text: str) -> str:
    return " ".join(text.split())
