"""Meeting metadata: which body met, and when.

Read from the page's heading in its several published forms:
"Overview and Scrutiny Committee - Tuesday, 15th March, 2022 7.30 pm",
"Meeting: 19/10/2017 - Scrutiny Committee (Item 22)", "PLANNING COMMITTEE /
Minutes of the meeting held on Wednesday, 6th July 2016", "Decision Maker:
Internal Scrutiny Committee", a "Date:" field under a "... Minutes" title.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

_MONTHS = {
    m: i + 1
    for i, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ]
    )
    for m in names
}
_DAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
WRITTEN_DATE = re.compile(
    rf"(?:{_DAY},?\s+)?(\d{{1,2}})(?:st|nd|rd|th)?\s+({_MONTH})\.?,?\s+(\d{{4}})", re.I
)
NUMERIC_DATE = re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b")

_BODY_WORDS = (
    r"Committee|Council|Cabinet|Board|Panel|Executive|Sub-Committee|Subcommittee|Forum|"
    r"Commission|Assembly|Authority|Partnership|Group|Meeting"
)
# "People Overview & Scrutiny Committee - Thursday, 13 July 2023 10.00 am, MOVED"
_HEADING = re.compile(
    rf"^\s*(?P<body>[A-Z][^\n]{{2,120}}?)\s*(?:-|–|,)\s*(?P<date>(?:{_DAY},?\s+)?\d{{1,2}}"
    rf"(?:st|nd|rd|th)?\s+{_MONTH},?\s+\d{{4}})",
    re.I | re.M,
)
# The field patterns below hold at the start of a line; _line_starts finds them there.
_ISSUE_MEETING = re.compile(r"Meeting:\s*(\d{1,2}/\d{1,2}/\d{4})\s*-\s*(.+?)\s*\(Item")
_DECISION_MAKER = re.compile(r"Decision Maker:\s*(.+?)\s*$", re.M)
_DECIDED_AT = re.compile(r"(?:Decided at meeting|Date of decision):\s*(\d{1,2}/\d{1,2}/\d{4})")
_DATE_FIELD = re.compile(r"Date:\s*\n?\s*(.+)$", re.M)
_MINUTES_TITLE = re.compile(
    rf"^(?P<body>[A-Z][^\n]*?(?:{_BODY_WORDS}))(?:\s*\([^)]*\))?\s+Minutes\s*$", re.M
)
# Every _MINUTES_TITLE ends so: a cheap test that lets most pages skip it.
_MINUTES_AT_LINE_END = re.compile(r"Minutes\s*$", re.M)
_MINUTES_OF = re.compile(
    r"^(?:Minutes of (?:the )?(?:meeting|proceedings)|Minutes of Meeting)"
    r"[^\n]*?\b(?:held|on)\b[^\n]*$",
    re.I | re.M,
)
_CAPS_BODY = re.compile(rf"^(?P<body>[A-Z][A-Z&,' \-]+(?:{_BODY_WORDS.upper()}))\s*$", re.M)
_CMIS_SUMMARY = re.compile(
    rf"^Meeting Summary\s*\n(?P<body>[^\n]+)\n(?P<date>\d{{1,2}}\s+{_MONTH}\s+\d{{4}})", re.M | re.I
)
_NOT_BODY = re.compile(
    r"^(?:Agenda|Minutes|Venue|Contact|Date|Meeting|Dear|Please|Decision|Item|Items|Public|"
    r"Issue|Voting|The|This|To|Draft)\b",
    re.I,
)
# Only whether the page says any of these matters. Each alternative opens with a
# word and checks what stands before it afterwards ("\b" as "not after a word
# character", "^" as "not after anything but a newline"), so that the engine
# can skip to the few places a word begins with C, m or T rather than trying
# every character of a long page.
_COUNCIL_ACTS = re.compile(
    r"Council(?<!\wCouncil)\s+(?:resolved|RESOLVED|noted|NOTED|agreed|AGREED|considered|"
    r"discussed|approved|APPROVED)\b"
    r"|meeting(?<!\wmeeting) of (?:the\s+)?Council\b"
    r"|members(?<!\wmembers) of Council\b"
    r"|The(?<![^\n]The) Council:-"
)
_PARENTHESIS_END = re.compile(r"\s*\([^)]*\)\s*$")
_LISTING_PREFIX = re.compile(r"^(?:Agenda and (?:draft )?minutes|Minutes)\s*[-–:]?\s*", re.I)
_BODY_WORD = re.compile(rf"\b(?:{_BODY_WORDS})\b", re.I)
_BODY_WORD_AT_END = re.compile(rf"\b(?:{_BODY_WORDS})\b\s*$")
_HELD_ON_DAY = re.compile(r"\s*\n\s*(?:" + _DAY + r")[^\n]*\d{4}")


def _line_starts(pattern: re.Pattern[str], text: str, pos: int = 0) -> Iterator[re.Match[str]]:
    """What ``finditer`` finds for ``^pattern`` in multi-line mode; ``pattern`` lacks the "^".

    Written with "^", a pattern is tried at every character; one that opens with
    a literal is found by a fast scan, and only a hit that begins a line counts.
    """
    while (m := pattern.search(text, pos)) is not None:
        if m.start() == 0 or text[m.start() - 1] == "\n":
            yield m
            pos = m.end()
        else:
            pos = m.start() + 1


def _first_at_line_start(pattern: re.Pattern[str], text: str, pos: int = 0) -> re.Match[str] | None:
    return next(_line_starts(pattern, text, pos), None)


def parse_date(text: str) -> dt.date | None:
    """The first date written in ``text`` ("Tuesday, 15th March, 2022", "19/10/2017").

    >>> parse_date("Planning Committee - Thursday, 2nd July, 2020 6.00 pm")
    datetime.date(2020, 7, 2)
    >>> parse_date("Meeting: 15/10/2013 - Cabinet (Item 71)")
    datetime.date(2013, 10, 15)
    """
    best: tuple[int, dt.date] | None = None
    m = WRITTEN_DATE.search(text)
    if m:
        month = _MONTHS.get(m.group(2).lower().rstrip("."))
        if month:
            try:
                best = (m.start(), dt.date(int(m.group(3)), month, int(m.group(1))))
            except ValueError:
                best = None
    n = NUMERIC_DATE.search(text)
    if n and (best is None or n.start() < best[0]):
        try:
            best = (n.start(), dt.date(int(n.group(3)), int(n.group(2)), int(n.group(1))))
        except ValueError:
            pass
    return best[1] if best else None


def _body(name: str) -> str | None:
    name = name.strip(" -–,:")
    if ")" in name:
        name = _PARENTHESIS_END.sub("", name)
    if name[:1] in "AaMm":
        name = _LISTING_PREFIX.sub("", name)
    if not name or _NOT_BODY.match(name) or len(name) > 110:
        return None
    if name.isupper():
        name = _title_case(name)
    return name


def _title_case(text: str) -> str:
    small = {"and", "of", "the", "for", "in", "on", "to", "a", "an", "at", "by"}
    words = text.lower().split()
    return " ".join(w if i and w in small else w[:1].upper() + w[1:] for i, w in enumerate(words))


def committee_and_date(text: str) -> tuple[str | None, dt.date | None]:
    """The meeting body and date stated by the page, each or both ``None``.

    >>> committee_and_date("Minutes\\n\\nCabinet - Tuesday, 19th January, 2010 2.00 pm\\n")
    ('Cabinet', datetime.date(2010, 1, 19))
    """
    head = text[:6000]
    issue = [m.groups() for m in _line_starts(_ISSUE_MEETING, head)]
    if issue:
        bodies = {b.strip() for _, b in issue}
        dates = {d for d, _ in issue}
        committee = issue[0][1].strip()
        date = parse_date(issue[0][0]) if len(dates) == 1 else None
        return (committee if len(bodies) >= 1 else None), date
    maker = _first_at_line_start(_DECISION_MAKER, head)
    if maker:
        decided = _first_at_line_start(_DECIDED_AT, text)
        return maker.group(1).strip(), parse_date(decided.group(1)) if decided else None
    # A cheap test first: "ummary", as "s" and "i" have other letters that match them in
    # any case ("ſ", "İ") but these have none, so the lower-cased page must hold it.
    cmis = _CMIS_SUMMARY.search(head) if "ummary" in head.lower() else None
    if cmis:
        return _body(cmis.group("body")), parse_date(cmis.group("date"))
    titled = _MINUTES_TITLE.search(head) if _MINUTES_AT_LINE_END.search(head) else None
    if titled:
        date_field = _first_at_line_start(_DATE_FIELD, head, titled.end())
        return _body(titled.group("body")), parse_date(date_field.group(1)) if date_field else None
    caps = [m for m in _CAPS_BODY.finditer(head)]
    for m in caps:
        after = head[m.end() : m.end() + 400]
        held = _MINUTES_OF.search(after) or _HELD_ON_DAY.match(after)
        if held:
            return _body(m.group("body")), parse_date(held.group(0))
    for m in _HEADING.finditer(head):
        body = _body(m.group("body"))
        if body and _BODY_WORD.search(body):
            return body, parse_date(m.group("date"))
    date_field = _first_at_line_start(_DATE_FIELD, head)
    if date_field:
        body_line = _preceding_body_line(head, date_field.start())
        return body_line, parse_date(date_field.group(1))
    return None, None


def _preceding_body_line(text: str, pos: int) -> str | None:
    for line in reversed(text[:pos].splitlines()[-4:]):
        line = line.strip()
        if line and _BODY_WORD_AT_END.search(line) and not _NOT_BODY.match(line):
            return _body(line)
    return None


def fallback_committee(text: str) -> str | None:
    """ "Council" when the minutes are plainly of a full council meeting.

    >>> fallback_committee("The Council resolved:- to exclude the press")
    'Council'
    """
    return "Council" if _COUNCIL_ACTS.search(text) else None


_COUNCIL_HEADING = re.compile(
    r"^(?P<name>(?:The\s+)?(?:(?:Royal\s+|London\s+)?Borough\s+of\s+[A-Z][\w' -]+|"
    r"City\s+of\s+[A-Z][\w' -]+"
    r"|[A-Z][\w'-]+(?:\s+(?:and|upon|on|under|[A-Z][\w'-]+)){0,4}\s+(?:(?:Metropolitan\s+)?Borough|"
    r"District|County(?:\s+Borough)?|City|Town|Parish)?\s*Council))\s*$",
    re.M,
)


def council_heading(text: str) -> str | None:
    """A council named on a line of its own at the top of the page, for councils the table lacks.

    >>> council_heading("Harbourside Borough Council\\n\\nAgenda and minutes")
    'Harbourside Borough Council'
    """
    for m in _COUNCIL_HEADING.finditer(text):
        name = m.group("name").strip()
        if name.split()[0] not in ("The", "A") or name.startswith("The Highland"):
            if not re.match(r"^(?:Full|Special|Extraordinary|Annual)\b", name):
                return name
    return None
