"""ModernGov web-service XML (``mgWebService.asmx/GetMeeting``) to a DocumentText.

``GetMeeting`` states the agenda items, their minutes (entity-escaped Word
HTML) and the attendees, so they fill ``sections`` and ``attendees``
directly. The text is laid out the way ModernGov's meeting page shows the
same meeting, so extraction reads both alike. Other service responses
(``GetCommittees``, ``GetMeetings``) list meetings; they hold no minutes.

>>> doc = xml_document(b'''<meeting><meetingdate>10/02/2026</meetingdate><agendaitems>
...   <agendaitem><agendaitemtitle>Work Programme</agendaitemtitle>
...   <fulldisplaynumberformat>9.</fulldisplaynumberformat>
...   <minutesnonemptyhtmlbody>&lt;p&gt;The Committee noted the report.&lt;/p&gt;
...   </minutesnonemptyhtmlbody>
...   </agendaitem></agendaitems></meeting>''', source="meeting.xml")
>>> doc.date, doc.sections[0].number, doc.sections[0].text
(datetime.date(2026, 2, 10), '9', 'Minutes:\\n\\nThe Committee noted the report.')
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections import Counter
from urllib.parse import urljoin

from lxml import etree

from minutebook.convert.html import html_to_text
from minutebook.document import DocumentText, Section
from minutebook.errors import InputError, NotMinutes, UnsupportedFormat
from minutebook.models import Attendee, SupportingDocument

__all__ = ["xml_document"]

_LISTS = {
    "committees": "a list of committees (GetCommittees)",
    "getmeetings": "a list of meetings (GetMeetings)",
    "getallmeetingsbydate": "a list of meetings (GetAllMeetingsByDate)",
    "councillorsbyward": "a list of councillors (GetCouncillorsByWard)",
    "attachment": "an attachment's details (GetAttachment)",
    "calendarevents": "a calendar (GetCalendarEvents)",
}
_ABSENT = re.compile(r"apolog|absent|not present|did not attend", re.I)
# ModernGov prints titles before the name; the record keeps the name alone.
_HONORIFIC = re.compile(
    r"^(?:(?:County|Borough|District|Town|City)\s+)?(?:Councillor|Cllr\.?|Mr\.?|Mrs\.?|Ms\.?"
    r"|Miss|Dr\.?|Professor|Prof\.?|Sir|Dame|Lord|Lady|Reverend|Rev\.?)\s+",
    re.I,
)
_ENTITY = re.compile(r"&(?:#\d+|#x[0-9a-f]+|[a-z]+);", re.I)


def xml_document(data: bytes, *, source: str, url: str | None = None) -> DocumentText:
    """A :class:`DocumentText` for a ``GetMeeting`` response (bare or in a SOAP envelope)."""
    meeting = _payload(_parse(data, source))
    tag = meeting.tag
    if tag in _LISTS:
        raise NotMinutes(source, f"ModernGov XML holding {_LISTS[tag]}, not minutes")
    if tag != "meeting" or meeting.find("agendaitems") is None:
        raise UnsupportedFormat(source, f"XML <{tag}> is not a ModernGov GetMeeting response")
    items = meeting.findall("agendaitems/agendaitem")
    if not items:
        status = _text(meeting, "meetingstatus")
        why = "was cancelled" if status.lower() == "cancelled" else "has no agenda items"
        raise NotMinutes(source, f"ModernGov meeting that {why}: no minutes")

    committee = _committee(meeting)
    date = _date(_text(meeting, "meetingdate"))
    title = " - ".join(part for part in (committee, _long_date(date)) if part) or None
    parts: list[str] = []
    if title:
        parts.append(title)
    location = _text(meeting, "meetinglocation")
    if location:
        parts.append(f"Venue: {location}")
    attendees, attendance = _attendees(meeting)
    if attendance:
        parts.append(attendance)
    parts.append("Items")

    sections: list[Section] = []
    for item in items:
        number = _number(item)
        heading = [line for line in (number and number + ".", _title(item)) if line]
        parts.extend(heading)
        body = _item_body(item)
        if body:
            parts.append(body)
        sections.append(
            Section(number=number, title=_title(item), text=body, documents=_documents(item))
        )
    # An agenda not yet minuted still lists the items: kept, as the meeting page shows it.
    text = "\n\n".join(parts)
    return DocumentText(
        text=text,
        format="xml",
        source=source,
        url=url or _meeting_url(meeting),
        committee=committee,
        date=date,
        title=title,
        attendees=attendees,
        sections=sections,
        documents=[doc for section in sections for doc in section.documents],
    )


def _parse(data: bytes, source: str) -> etree._Element:
    # No DTDs, entities or network: a hostile document must not reach out or blow up.
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, remove_comments=True
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        line = f" at line {exc.lineno}" if exc.lineno else ""
        message = re.sub(r",\s*line \d+, column \d+$", "", exc.msg or "not well-formed")
        raise InputError(source, f"malformed XML{line}: {message}") from None
    if root is None:
        raise InputError(source, "malformed XML: no root element")
    for element in root.iter():
        if isinstance(element.tag, str):
            element.tag = etree.QName(element).localname.lower()
    return root


def _payload(root: etree._Element) -> etree._Element:
    """The service's payload: the root itself, or what a SOAP ``…Result`` wraps."""
    if root.tag != "envelope":
        return root
    result = next((el for el in root.iter() if el.tag.endswith("result")), None)
    if result is None:
        body = root.find("body")
        return body[0] if body is not None and len(body) else root
    children = [child for child in result if isinstance(child.tag, str)]
    return children[0] if len(children) == 1 else result


def _text(element: etree._Element, path: str) -> str:
    found = element.find(path)
    if found is None or found.text is None:
        return ""
    return " ".join(found.text.split())


def _unescape(text: str) -> str:
    # Some sites double-encode titles ("&amp;#39;"); the XML parser undoes one level.
    return html.unescape(text) if _ENTITY.search(text) else text


def _title(item: etree._Element) -> str | None:
    return _unescape(_text(item, "agendaitemtitle")) or None


def _number(item: etree._Element) -> str | None:
    printed = _text(item, "fulldisplaynumberformat").rstrip(".").strip()
    if printed:
        return printed
    # agendaitemnumber is internal ordering, not the printed number: never use it.
    minute = _text(item, "minutesitemnumber")
    return (minute + _text(item, "minutesitemsubnumber")) or None


def _item_body(item: etree._Element) -> str:
    parts = []
    description = _html(item, "agendatext")
    if description:
        parts.append(description)
    decision = _html(item, "decisionnonemptyhtmlbody")
    if decision:
        parts.extend(("Decision:", decision))
    minutes = _html(item, "minutesnonemptyhtmlbody")
    if minutes:
        parts.extend(("Minutes:", minutes))
    return "\n\n".join(parts)


def _html(item: etree._Element, tag: str) -> str:
    found = item.find(tag)
    if found is None or not found.text or not found.text.strip():
        return ""
    return html_to_text(found.text)


def _documents(item: etree._Element) -> list[SupportingDocument]:
    docs = []
    for linked in item.findall("linkeddocuments/linkeddoc"):
        title = _unescape(_text(linked, "title"))
        link = _text(linked, "url") or None
        if title or link:
            docs.append(SupportingDocument(title=title or (link or ""), url=link))
    return docs


def _committee(meeting: etree._Element) -> str | None:
    # GetMeeting names no committee itself; its linked documents carry the title.
    names = Counter(
        _unescape(" ".join(el.text.split()))
        for el in meeting.iter("committeetitle")
        if el.text and el.text.strip()
    )
    return names.most_common(1)[0][0] if names else None


def _date(value: str) -> dt.date | None:
    try:
        return dt.datetime.strptime(value, "%d/%m/%Y").date()
    except ValueError:
        return None


def _long_date(date: dt.date | None) -> str | None:
    return f"{date:%A}, {date.day} {date:%B %Y}" if date else None


def _attendees(meeting: etree._Element) -> tuple[list[Attendee], str]:
    """Who attended (names without titles), and the attendance lines for the text."""
    attendees: list[Attendee] = []
    groups: dict[str, list[str]] = {}
    for element in meeting.findall("attendees/attendee"):
        name = " ".join((element.get("name") or "").split())
        if not name:
            continue
        role = " ".join((element.get("roledescription") or "").split()) or None
        status = " ".join((element.get("attendance") or "").split()) or "Attendance"
        shown = f"{name} ({role})" if role and role.lower() != "committee member" else name
        groups.setdefault(status, []).append(shown)
        if not _ABSENT.search(status):
            attendees.append(Attendee(name=_HONORIFIC.sub("", name), role=role))
    lines = [f"{status}: {', '.join(names)}" for status, names in groups.items()]
    return attendees, "\n".join(lines)


def _meeting_url(meeting: etree._Element) -> str | None:
    """The meeting page, on the site that the response's own links point to."""
    meeting_id = _text(meeting, "meetingid")
    link = next((el.text.strip() for el in meeting.iter("url") if el.text and el.text.strip()), "")
    if not meeting_id.isdigit() or not link.startswith(("http://", "https://")):
        return None
    return urljoin(link, f"ieListDocuments.aspx?MId={meeting_id}")
