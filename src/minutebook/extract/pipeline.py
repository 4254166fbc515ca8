"""Run every extraction stage over a converted document."""

from __future__ import annotations

from minutebook.document import DocumentText
from minutebook.models import Item, Meeting


def extract(doc: DocumentText) -> Meeting:
    """Extract the meeting record from ``doc``."""
    meeting = Meeting(council=doc.council, committee=doc.committee, date=doc.date, source_url=doc.url)
    meeting.items.append(Item(number=None, title=doc.title, text=doc.text))
    return meeting
