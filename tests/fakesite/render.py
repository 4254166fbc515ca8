"""The fake site's answers, in the shapes real ModernGov sites use.

XML follows the web service responses in ``../shared/fixtures/moderngov``
(bare payload roots, ``dd/mm/yyyy`` dates, padded counts, entity-escaped
Word HTML bodies); pages follow the frame and classes FORMATS.md describes.
"""

from __future__ import annotations

import datetime as dt
from html import escape

from .data import FakeCommittee, FakeData, FakeItem, FakeMeeting


def xml_date(date: dt.date, iso: bool = False) -> str:
    return date.isoformat() + "T00:00:00" if iso else date.strftime("%d/%m/%Y")


def long_date(date: dt.date) -> str:
    """``Tuesday, 9th January, 2024`` as ModernGov headings write it."""
    day = date.day
    suffix = "th" if 11 <= day <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
    return f"{date:%A}, {day}{suffix} {date:%B}, {date.year}"


def word_html(text: str) -> str:
    """A body as Word exports it, escaped once more as the service sends it."""
    html = f'<div class="WordSection1">\n<p class="MsoNormal">{escape(text)}</p>\n</div>\n'
    return escape(html, quote=False)


def get_committees(data: FakeData) -> str:
    rows = []
    for c in data.committees:
        rows.append(
            "  <committee>\n"
            f"    <committeeid>{c.id}</committeeid>\n"
            f"    <committeetitle>{escape(c.title)}</committeetitle>\n"
            f"    <committeedeleted>{c.deleted}</committeedeleted>\n"
            f"    <committeeexpired>{c.expired}</committeeexpired>\n"
            f"    <committeecategory>{escape(c.category)}</committeecategory>\n"
            "  </committee>\n"
        )
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<committees>\n'
        f"  <committeescount> {len(data.committees)}</committeescount>\n"
        + "".join(rows)
        + "</committees>"
    )


def get_meetings(committee: FakeCommittee, meetings: list[FakeMeeting], iso: bool) -> str:
    rows = "".join(
        "      <meeting>\n"
        f"        <meetingid>{m.id}</meetingid>\n"
        f"        <meetingdate>{xml_date(m.date, iso)}</meetingdate>\n"
        f"        <meetingstatus>{m.status}</meetingstatus>\n"
        "        <meetingtime>10.00 am</meetingtime>\n"
        "        <iswebcast>False</iswebcast>\n"
        "      </meeting>\n"
        for m in meetings
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<getmeetings>\n'
        f"  <meetingscount> {len(meetings)}</meetingscount>\n"
        "  <committeescount> 1</committeescount>\n"
        "  <committee>\n"
        f"    <committeeid>{committee.id}</committeeid>\n"
        f"    <committeetitle>{escape(committee.title)}</committeetitle>\n"
        f"    <committeemeetingcount> {len(meetings)}</committeemeetingcount>\n"
        f"    <committeemeetings>\n{rows}    </committeemeetings>\n"
        "  </committee>\n</getmeetings>"
    )


def get_meeting(data: FakeData, meeting: FakeMeeting, base: str, iso: bool) -> str:
    committee = data.committee(meeting.committee_id)
    title = escape(committee.title if committee else "")
    date = xml_date(meeting.date, iso)
    published = meeting.minutes_in_xml and meeting.minutes_published
    items = []
    for item in meeting.items:
        minutes = word_html(item.minutes) if published and item.minutes else "\n      "
        items.append(
            "    <agendaitem>\n"
            f"      <agendaitemid>{item.item_id}</agendaitemid>\n"
            f"      <agendaitemtitle>{escape(item.title)}</agendaitemtitle>\n"
            f"      <agendatext>{word_html(item.agenda)}</agendatext>\n"
            f"      <actualmeetingdate>{date}</actualmeetingdate>\n"
            f"      <agendaitemnumber>{item.number + 3}</agendaitemnumber>\n"
            "      <agendaitemsubnumber>\n      </agendaitemsubnumber>\n"
            f"      <fulldisplaynumberformat>{item.number}.</fulldisplaynumberformat>\n"
            f"      <minutesnonemptyhtmlbody>{minutes}</minutesnonemptyhtmlbody>\n"
            "      <declarationcount>0</declarationcount>\n"
            f"      <isminutepublished>{bool(published)}</isminutepublished>\n"
            "      <isrestricted>False</isrestricted>\n"
            f"      <meetingdate>{date}</meetingdate>\n"
            "      <meetingtime>10.00 am</meetingtime>\n"
            f"      <minutesitemnumber>{item.number}</minutesitemnumber>\n"
            f"      <refertocommittee>{title}</refertocommittee>\n"
            "      <linkeddocuments>\n"
            "        <linkeddoc>\n"
            f"          <attachmentid>{item.item_id * 7}</attachmentid>\n"
            f"          <title>{escape(item.title)} report</title>\n"
            "          <isurl>False</isurl>\n"
            f"          <url>{base}mgConvert2PDF.aspx?ID={item.item_id * 7}</url>\n"
            f"          <committeetitle>{title}</committeetitle>\n"
            "        </linkeddoc>\n"
            "      </linkeddocuments>\n"
            "    </agendaitem>\n"
        )
    attendees = "".join(
        f'    <attendee membertype="U" memberid="{a.member_id}" name="{escape(a.name)}" '
        f'roledescription="{escape(a.role)}" attendance="{a.attendance}" '
        f'politicalparty="{a.party}" ward="{escape(a.ward)}">\n'
        f"      <url>{base}mgUserInfo.aspx?UID={a.member_id}</url>\n"
        "    </attendee>\n"
        for a in meeting.attendees
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<meeting>\n'
        f"  <meetingid>{meeting.id}</meetingid>\n"
        f"  <meetingdate>{date}</meetingdate>\n"
        f"  <meetingstatus>{meeting.status}</meetingstatus>\n"
        "  <isdisplayallowed>True</isdisplayallowed>\n"
        "  <meetingtime>10.00 am</meetingtime>\n"
        "  <meetinglocation>Council Chamber, Fakeshire House</meetinglocation>\n"
        f"  <agendaid>{meeting.id}</agendaid>\n"
        "  <agendapublished>True</agendapublished>\n"
        "  <decisionpublished>False</decisionpublished>\n"
        f"  <minutepublished>{bool(published)}</minutepublished>\n"
        "  <meetingroom>\n  </meetingroom>\n"
        f"  <agendaitems>\n{''.join(items)}  </agendaitems>\n"
        f"  <attendees>\n{attendees}  </attendees>\n"
        "</meeting>"
    )


def frame(data: FakeData, title: str, subtitle: str, links: str, content: str) -> str:
    """The page frame every ModernGov page shares."""
    return (
        "<!DOCTYPE html>\n<html lang=\"en\"><!-- Modern.gov Reverse CMS -->\n<head>\n"
        f"<title>{escape(subtitle)} - {escape(data.council)}</title>\n"
        f'<meta name="DC.publisher" content="{escape(data.council)}" />\n'
        "</head>\n<body>\n<div id=\"modgov\">\n"
        f'<div class="mgHeader"><h1  class="mgMainTitleTxt" >{escape(title)}</h1></div>\n'
        f'<div class="mgSubTitle"><h2 class="mgSubTitleTxt">{escape(subtitle)}</h2></div>\n'
        f'<div class="mgLinks"><ul class="mgActionList">{links}</ul></div>\n'
        f'<div class="mgContent">\n{content}\n</div>\n'
        '<div class="mgFooter"><p>Fakeshire democracy pages</p></div>\n'
        "</div>\n</body>\n</html>\n"
    )


def list_committees(data: FakeData) -> str:
    rows = "".join(
        f'<li><a href="mgCommitteeDetails.aspx?ID={c.id}">{escape(c.title)}</a></li>\n'
        for c in data.committees
        if not c.deleted
    )
    content = f'<ul class="mgBulletList">\n{rows}</ul>'
    return frame(data, "Committee structure", "Browse meetings", "", content)


def list_meetings(data: FakeData, committee: FakeCommittee, meetings: list[FakeMeeting]) -> str:
    rows = []
    for m in meetings:
        note = " - CANCELLED" if m.status == "Cancelled" else ""
        rows.append(
            f'<li><a href="ieListDocuments.aspx?CId={committee.id}&amp;MId={m.id}&amp;Ver=4">'
            f'{m.date.day} {m.date:%b} {m.date.year} 10.00 am</a>{note}</li>\n'
        )
    content = f'<ul class="mgBulletList">\n{"".join(rows)}</ul>'
    return frame(data, "Meetings", f"Browse meetings - {committee.title}", "", content)


def printed_minutes_path(meeting: FakeMeeting, committee: FakeCommittee) -> str:
    """Where the printed minutes live: a literal space in the name, as on real sites."""
    return f"documents/g{meeting.id}/Printed minutes {meeting.date:%d-%b-%Y} {committee.title}.pdf"


def meeting_page(data: FakeData, meeting: FakeMeeting) -> str:
    committee = data.committee(meeting.committee_id)
    assert committee is not None
    subtitle = f"{committee.title} - {long_date(meeting.date)} 10.00 am"
    if meeting.status == "Cancelled":
        subtitle += " (CANCELLED)"
    links = ""
    if meeting.printed_minutes and meeting.minutes_published:
        href = printed_minutes_path(meeting, committee).replace(" ", "\r\n", 1)
        links = (
            f'<li><a href="{escape(href)}?T=1">Printed minutes '
            '<span class="mgFileSize">PDF 120 KB</span></a></li>'
        )
    rows = "".join(_item_row(meeting, item) for item in meeting.items)
    content = (
        '<p><span  class="mgLabel" >Venue: </span>Council Chamber, Fakeshire House</p>\n'
        f'<table class="mgItemTable">\n{rows}</table>'
    )
    return frame(data, "Agenda and minutes", subtitle, links, content)


def _item_row(meeting: FakeMeeting, item: FakeItem) -> str:
    title = escape(item.title)
    if meeting.item_pages:
        title = f'<a class="mgAiTitleLnk" href="mgAi.aspx?ID={item.item_id}">{title}</a>'
    minutes = ""
    if meeting.minutes_on_page and item.minutes and meeting.status != "Cancelled":
        minutes = (
            '<p class="mgSubItemTitleTxt">Minutes:</p>\n'
            f'<div class="mgWordPara"><p>{escape(item.minutes)}</p></div>\n'
        )
    return (
        f'<tr><td class="mgItemNumberCell"><p class="mgAiTitleTxt">{item.number}.</p></td>\n'
        f'<td><p class="mgAiTitleTxt">{title}</p>\n'
        f'<div class="mgWordPara"><p>{escape(item.agenda)}</p></div>\n{minutes}</td></tr>\n'
    )


def item_page(data: FakeData, meeting: FakeMeeting, item: FakeItem) -> str:
    committee = data.committee(meeting.committee_id)
    assert committee is not None
    subtitle = f"{committee.title} - {long_date(meeting.date)} 10.00 am"
    body = f'<p class="mgAiTitleTxt">{item.number}. {escape(item.title)}</p>\n'
    body += f'<div class="mgWordPara"><p>{escape(item.agenda)}</p></div>\n'
    if item.minutes:
        body += '<p class="mgSubItemTitleTxt">Minutes:</p>\n'
        body += f'<div class="mgWordPara"><p>{escape(item.minutes)}</p></div>\n'
    return frame(data, "Agenda item", subtitle, "", body)


def minutes_pdf(data: FakeData, meeting: FakeMeeting) -> bytes:
    committee = data.committee(meeting.committee_id)
    lines = [
        data.council,
        f"Minutes of the {committee.title if committee else 'Committee'}",
        f"held on {long_date(meeting.date)} at 10.00 am",
        "",
    ]
    for item in meeting.items:
        lines += [f"{item.number}. {item.title}", item.minutes or "", ""]
    return pdf(lines)


def pdf(lines: list[str]) -> bytes:
    """A one-page PDF with a text layer (Helvetica), long lines wrapped."""
    wrapped: list[str] = []
    for line in lines:
        while len(line) > 90:
            cut = line.rfind(" ", 0, 90)
            wrapped.append(line[:cut])
            line = line[cut + 1 :]
        wrapped.append(line)
    text = " ".join(
        "(" + ln.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ") '"
        for ln in wrapped
    )
    stream = f"BT /F1 10 Tf 50 800 Td 13 TL {text} ET".encode("latin-1", "replace")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)
