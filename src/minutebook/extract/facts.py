"""Fill an item with every kind of fact its text states."""

from __future__ import annotations

from minutebook.extract.apologies import extract_apologies, extract_substitutes
from minutebook.extract.attendees import extract_attendees
from minutebook.extract.decisions import extract_decisions
from minutebook.extract.declarations import extract_declarations
from minutebook.extract.purpose import extract_purpose
from minutebook.extract.topics import extract_topics
from minutebook.extract.undertakings import extract_undertakings
from minutebook.extract.votes import extract_votes
from minutebook.models import Item


def fill(item: Item, *, body_start: int = 0) -> None:
    """Extract all facts of ``item.text`` into ``item`` (spans relative to ``item.text``).

    ``body_start`` skips a page header folded into the first item: only
    apologies are read from it, as the header's attendance belongs to the meeting.
    """
    text = item.text
    item.purpose, item.period = extract_purpose(text, body_start)
    item.attendees = extract_attendees(text, body_start, item.title) + item.attendees
    item.topics = extract_topics(text, body_start, item.title)
    item.decisions = extract_decisions(text, body_start)
    item.undertakings = extract_undertakings(text, body_start, item.decisions)
    item.recorded_votes = (
        extract_votes(text[body_start:]) if body_start == 0 else _votes(text, body_start)
    )
    item.apologies = extract_apologies(text)
    item.substitutes = extract_substitutes(text)
    item.declarations = extract_declarations(text, body_start)


def _votes(text: str, start: int):  # type: ignore[no-untyped-def]
    from minutebook.models import Span

    votes = extract_votes(text[start:])
    for v in votes:
        if v.span:
            v.span = Span(v.span.start + start, v.span.end + start)
    return votes
