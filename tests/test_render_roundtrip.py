"""Property: a record rendered as minutes and extracted back comes back unchanged.

A generated meeting (:mod:`strategies`) is rendered in every house style, as
text and as HTML, then read back the way any document is read::

    extract(convert(rendered.encode(), source="generated.txt"))

"Unchanged" means: for every field extraction fills, :func:`fields` of the
extracted meeting equals :func:`fields` of the generated one. :func:`fields`
keeps, per item, in printed order:

- ``number``: the printed item number, without a trailing full stop ("78").
  ModernGov's agenda-item page prints it only in "Meeting: ... (Item 78)".
- ``title``: the title, whitespace collapsed.
- ``attendees``: ``(name, role)`` pairs; the name without a title
  ("Councillor"), the role without a leading "the"; either may be None.
- ``topics``: the labels, trimmed.
- ``undertakings``: ``(by, action)``; ``by`` without a leading "the" or
  title ("Portfolio Holder"), None where the minutes name nobody; the action
  verb phrase without its closing full stop.
- ``decisions``: ``(kind, words)``; ``words`` is the resolution without the
  lead-in the style prints ("RESOLVED that:", "RESOLVED –"), without a
  sub-point marker ("(b)", "2)"), a leading "That", and the closing
  ``;``/``; and``/``.``: "the report be noted". A decision that stands as a
  sentence keeps its words: "The Committee noted the report".
- ``recorded_votes``: ``(members, position, rule)``, members as printed
  without titles ("S K Gill"), the rule number alone ("12.6").
- ``apologies``: surnames, as the annotation keeps them.

Everywhere, runs of whitespace (including non-breaking spaces that HTML
conversion yields) count as one space. Case, quotes and dashes must survive
as they are. Fields extraction does not fill from prose (documents, purpose,
substitutes, declarations, the meeting's council/committee/date) are not
compared here.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

from minutebook.convert import convert
from minutebook.extract import extract
from minutebook.models import Item, Meeting
from minutebook.render import STYLES, render_html, render_text
from strategies import meetings

_TITLE = re.compile(r"^(?:councillors?|cllrs?|mr|mrs|ms|miss|dr)\.?\s+", re.I)
_THE = re.compile(r"^the\s+", re.I)
_LEAD = re.compile(r"^(?:it\s+was\s+)?resolved\b\s*(?:[:\-–—]\s*)?(?:that\b\s*:?\s*)?", re.I)
_MARKER = re.compile(r"^\(?(?:[a-z]|[ivx]{1,4}|\d{1,2})\)\s*", re.I)
_THAT = re.compile(r"^that\b[\s,:]*", re.I)
_END = re.compile(r"(?:;\s*(?:and|or)?|[.;:,])\s*$")


def _ws(text: str | None) -> str | None:
    return " ".join(text.split()) if text is not None else None


def _name(name: str | None) -> str | None:
    name = _ws(name)
    return _TITLE.sub("", name) if name else name


def _role(role: str | None) -> str | None:
    role = _ws(role)
    return _THE.sub("", role) if role else role


def _by(by: str | None) -> str | None:
    by = _ws(by)
    return _TITLE.sub("", _THE.sub("", by)) if by else None


def _words(decision: str) -> str:
    text = _ws(decision) or ""
    stripped = _THAT.sub("", _MARKER.sub("", _LEAD.sub("", text, count=1), count=1), count=1)
    return _END.sub("", stripped).strip()


def _surname(name: str) -> str:
    words = (_name(name) or "").replace(".", " ").split()
    return words[-1] if words else ""


def _item_fields(item: Item) -> dict[str, Any]:
    return {
        "number": (item.number or "").strip().rstrip(".") or None,
        "title": _ws(item.title),
        "attendees": [(_name(a.name), _role(a.role)) for a in item.attendees],
        "topics": [_ws(t.label) for t in item.topics],
        "undertakings": [(_by(u.by), _END.sub("", _ws(u.action) or "")) for u in item.undertakings],
        "decisions": [(d.kind, _words(d.text)) for d in item.decisions],
        "recorded_votes": [
            ([_name(m) for m in v.members], v.position, _ws(v.rule)) for v in item.recorded_votes
        ],
        "apologies": [_surname(a.name) for a in item.apologies],
    }


def fields(meeting: Meeting) -> list[dict[str, Any]]:
    """What the round trip compares: see the module docstring."""
    return [_item_fields(item) for item in meeting.items]


def _render(meeting: Meeting, style: str, fmt: str) -> str:
    return render_html(meeting, style) if fmt == "html" else render_text(meeting, style)


@pytest.mark.parametrize("fmt", ["text", "html"])
@pytest.mark.parametrize("style", STYLES)
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(meeting=meetings())
def test_rendered_minutes_extract_to_the_same_record(
    meeting: Meeting, style: str, fmt: str,
) -> None:
    rendered = _render(meeting, style, fmt)
    extracted = extract(convert(rendered.encode(), source="generated.txt"))
    assert fields(extracted) == fields(meeting), rendered


def test_fields_normalise_what_the_styles_print() -> None:
    # The comparison itself: printed lead-ins and titles fall away, words stay.
    from minutebook.models import Apology, Attendee, Decision, RecordedVote, Undertaking

    printed = Item(
        "78.", "  Budget  monitoring ",
        attendees=[Attendee("Councillor J. D. Stanley", "the Portfolio Holder for Finance")],
        undertakings=[Undertaking("The Portfolio Holder", "report back on fees.")],
        decisions=[Decision("noted", "RESOLVED that: (a) the report be noted; and"),
                   Decision("noted", "The Committee noted the report.")],
        recorded_votes=[RecordedVote(["Councillor S K Gill"], "for", "12.6")],
        apologies=[Apology("Councillor Jane Bennett-Wake")],
    )
    assert _item_fields(printed) == {
        "number": "78",
        "title": "Budget monitoring",
        "attendees": [("J. D. Stanley", "Portfolio Holder for Finance")],
        "topics": [],
        "undertakings": [("Portfolio Holder", "report back on fees")],
        "decisions": [
            ("noted", "the report be noted"), ("noted", "The Committee noted the report"),
        ],
        "recorded_votes": [(["S K Gill"], "for", "12.6")],
        "apologies": ["Bennett-Wake"],
    }
