"""Reading the ModernGov web service's XML: committees, meetings, and what a meeting holds.

``mgWebService.asmx/<Op>`` answers a plain GET with bare XML whose root is
the payload (``committees``, ``getmeetings``, ``meeting``). Values carry
stray whitespace and HTML bodies are entity-escaped, so every value is
stripped and bodies are unescaped once before being judged empty.

>>> xml = b"<committees><committee><committeeid>144</committeeid>"
>>> xml += b"<committeetitle>Audit Committee</committeetitle></committee></committees>"
>>> committees_from_xml(xml, "http://127.0.0.1/mgWebService.asmx/GetCommittees")[0].title
'Audit Committee'
"""

from __future__ import annotations

import datetime as dt
import html
import re
from dataclasses import dataclass

from lxml import etree

from minutebook.sources.base import Committee, MalformedResponse
from minutebook.sources.moderngov.dates import parse_date

__all__ = [
    "MalformedResponse",
    "MeetingSummary",
    "ServiceMeeting",
    "committees_from_xml",
    "meetings_from_xml",
    "parse_xml",
    "summarise_meeting",
]

_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
_TAG = re.compile(r"<[^>]+>")
_ENTITY = re.compile(r"&(#\d+|#x[0-9a-f]+|[a-z]+);", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class ServiceMeeting:
    """One ``meeting`` of a ``GetMeetings`` answer."""

    id: str
    date: dt.date | None
    status: str | None
    committee_id: str | None


@dataclass(frozen=True, slots=True)
class MeetingSummary:
    """What a ``GetMeeting`` answer says about the minutes it carries."""

    status: str | None
    date: dt.date | None
    minutes_published: bool
    has_minutes: bool
    has_decisions: bool

    @property
    def cancelled(self) -> bool:
        """Whether the meeting did not take place."""
        return (self.status or "").lower() == "cancelled"


def parse_xml(content: bytes, url: str, root: str) -> etree._Element:
    """The document element of ``content``, which must be ``<root>``."""
    try:
        element = etree.fromstring(content, _PARSER)
    except etree.XMLSyntaxError as exc:
        raise MalformedResponse(url, f"malformed XML ({exc.msg})") from None
    if element is None:
        raise MalformedResponse(url, "empty XML answer")
    tag = etree.QName(element).localname
    if tag != root:
        raise MalformedResponse(url, f"expected <{root}>, got <{tag}>")
    return element


def committees_from_xml(content: bytes, url: str) -> list[Committee]:
    """Committees of a ``GetCommittees`` answer, deleted ones left out."""
    root = parse_xml(content, url, "committees")
    committees: list[Committee] = []
    for node in root.iter("committee"):
        cid = _text(node, "committeeid")
        title = _title(_text(node, "committeetitle"))
        if not cid or not title or _flag(node, "committeedeleted"):
            continue
        committees.append(
            Committee(
                id=cid,
                title=title,
                category=_text(node, "committeecategory") or None,
                expired=_flag(node, "committeeexpired"),
            )
        )
    return committees


def meetings_from_xml(content: bytes, url: str) -> list[ServiceMeeting]:
    """Meetings of a ``GetMeetings`` answer, each with its committee's id."""
    root = parse_xml(content, url, "getmeetings")
    meetings: list[ServiceMeeting] = []
    for committee in root.iter("committee"):
        cid = _text(committee, "committeeid") or None
        for node in committee.iter("meeting"):
            mid = _text(node, "meetingid")
            if not mid:
                continue
            meetings.append(
                ServiceMeeting(
                    id=mid,
                    date=parse_date(_text(node, "meetingdate")),
                    status=_text(node, "meetingstatus") or None,
                    committee_id=cid,
                )
            )
    return meetings


def summarise_meeting(content: bytes, url: str) -> MeetingSummary:
    """Whether a ``GetMeeting`` answer carries minutes (or decisions) worth keeping."""
    root = parse_xml(content, url, "meeting")
    bodies = {"minutesnonemptyhtmlbody": False, "decisionnonemptyhtmlbody": False}
    for item in root.iter("agendaitem"):
        for tag in bodies:
            if not bodies[tag] and _has_text(_text(item, tag)):
                bodies[tag] = True
    return MeetingSummary(
        status=_text(root, "meetingstatus") or None,
        date=parse_date(_text(root, "meetingdate")),
        minutes_published=_flag(root, "minutepublished"),
        has_minutes=bodies["minutesnonemptyhtmlbody"],
        has_decisions=bodies["decisionnonemptyhtmlbody"],
    )


def _text(node: etree._Element, tag: str) -> str:
    child = node.find(tag)
    if child is None:
        return ""
    return "".join(child.itertext()).strip()


def _flag(node: etree._Element, tag: str) -> bool:
    return _text(node, tag).lower() == "true"


def _title(text: str) -> str:
    # Some installs encode titles twice (``&amp;#39;`` arrives as ``&#39;``).
    return html.unescape(text) if _ENTITY.search(text) else text


def _has_text(body: str) -> bool:
    """Whether an escaped HTML body holds any words once tags are dropped."""
    plain = _TAG.sub(" ", html.unescape(body))
    return bool(html.unescape(plain).replace("\xa0", " ").strip())
