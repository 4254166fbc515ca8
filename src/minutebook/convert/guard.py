"""Refuse converted documents that are clearly not minutes: home, login and error pages.

Lenient by design: one sign of council business ("RESOLVED", "apologies",
"the Committee noted", "Councillor Smith asked ...") is enough. A document
is refused only when it has none, and the reason names what it looks like.

>>> from minutebook.document import DocumentText
>>> ensure_minutes(DocumentText("Page not found. Return to the home page.", "html", "x.html"))
Traceback (most recent call last):
...
minutebook.errors.NotMinutes: x.html: not minutes: an error page ('Page not found')
"""

from __future__ import annotations

import re

from minutebook.document import DocumentText
from minutebook.errors import NotMinutes

__all__ = ["ensure_minutes", "minutes_signal"]

_SCAN = 100_000  # characters read; real minutes show council business long before
_BODY = (
    r"(?:committee|sub-committee|council|cabinet|panel|board|executive|forum|members?"
    r"|councillors?|cllrs?|chair(?:man|person|woman)?|vice[- ]chair|convener|provost|mayor"
    r"|leader|portfolio holder|cabinet member|lead member|officers?|director|the meeting)"
)
_WEEKDAY = "monday|tuesday|wednesday|thursday|friday|saturday|sunday"
_SPEAKER = (
    r"(?:councillor|cllr|chair(?:man|person)?|convener|provost|mayor|leader|officer|director"
    r"|portfolio holder|cabinet member|lead member|head of|manager|members?)"
)
_VERBS = (
    r"(?:noted|agreed|approved|considered|received|resolved|decided|recommended|endorsed"
    r"|deferred|discussed|welcomed|thanked|asked|queried|raised|responded|replied|explained"
    r"|presented|introduced|reported|advised|informed|confirmed|moved|seconded|proposed"
    r"|declared|undertook|requested|questioned|commented|submitted|outlined|updated)"
)
_SIGNAL = re.compile(
    r"\b(?:resolved|resolutions?|apolog(?:y|ies)|declarations? of (?:interests?|pecuniary)"
    r"|interests? declared|minutes(?=\s*:)|correct record|sederunt|in attendance|present:"
    r"|(?:draft |signed )?minutes of (?:the |a )?(?:\w+ ){0,4}meeting|meeting (?:held|of the)"
    r"|(?m:^[ \t]*(?:(?:draft|confirmed|signed|printed)\s+)?minutes[ \t]*$)"
    r"|(?m:^[ \t]*agendas?,?\s+(?:reports\s+)?(?:decisions\s+)?and\s+(?:draft\s+)?minutes[ \t]*$)"
    rf"|(?:committee|council|cabinet|panel|board|executive|forum)\s+[-–]\s+(?:{_WEEKDAY}),"
    r"|quorum|recorded votes?|voting record|motion|amendment|seconded|casting vote"
    r"|decisions?:|decision maker|agenda item|(?:was|were) (?:noted|agreed|approved|carried|lost)"
    rf"|{_BODY}\s+(?:\w+\s+){{0,2}}{_VERBS}"
    rf"|{_SPEAKER}\b[^.\n]{{0,80}}?\b{_VERBS})(?!\w)",
    re.I,
)
_ERROR = re.compile(
    r"\b(?:page (?:not|cannot be) found|(?:404|403|500)\b[^\n]{0,40}"
    r"(?:error|not found|forbidden)|not found|access denied|forbidden"
    r"|internal server error|service unavailable|an error (?:has )?occurred"
    r"|no longer (?:available|exists)|the page you (?:requested|are looking for))",
    re.I,
)
_LOGIN = re.compile(
    r"\b(?:log ?in|sign ?in|password|username|user name|forgotten your|remember me)\b", re.I
)


def minutes_signal(text: str) -> str | None:
    """The first words that show council business, or ``None``.

    >>> minutes_signal("Item 4. RESOLVED that the report be noted.")
    'RESOLVED'
    """
    match = _SIGNAL.search(text, 0, _SCAN)
    return match.group() if match else None


def ensure_minutes(doc: DocumentText) -> None:
    """Raise :class:`NotMinutes` unless ``doc`` shows some sign of minutes or council business."""
    # Sections the markup states are enough; the signal search is the costlier test.
    if doc.sections or minutes_signal(doc.text) is not None:
        return
    head = doc.text[:3000]
    error = _ERROR.search(head)
    if error:
        raise NotMinutes(doc.source, f"not minutes: an error page ('{error.group()}')")
    if len(_LOGIN.findall(head)) >= 2:
        raise NotMinutes(doc.source, "not minutes: a login page")
    raise NotMinutes(doc.source, "not minutes: no sign of minutes or council business")
