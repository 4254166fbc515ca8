"""Run every extraction stage over a converted document."""

from __future__ import annotations

from minutebook.document import DocumentText, Section
from minutebook.extract import facts, meta
from minutebook.extract.items import ItemBlock, split_items
from minutebook.models import Item, Meeting, Span


def extract(doc: DocumentText) -> Meeting:
    """Extract the meeting record from ``doc``.

    >>> from minutebook.document import DocumentText
    >>> text = "Agenda item\\n\\nBudget\\n\\nThe Committee noted the report.\\n"
    >>> m = extract(DocumentText(text=text, format="text", source="x.txt"))
    >>> m.items[0].title, m.items[0].decisions[0].kind
    ('Budget', 'noted')
    """
    text = doc.text
    committee, date = meta.committee_and_date(text)
    meeting = Meeting(
        council=doc.council or _council(doc),
        committee=doc.committee or committee or meta.fallback_committee(text),
        date=doc.date or date,
        source_url=doc.url,
    )
    if doc.sections:
        meeting.items = [_section_item(s) for s in doc.sections]
    else:
        blocks, _ = split_items(text)
        meeting.items = [_block_item(text, b) for b in blocks]
    if doc.attendees and meeting.items:
        # Attendance the service states for the whole meeting (ModernGov XML).
        meeting.items[0].attendees[:0] = [a for a in doc.attendees]
    for item in meeting.items:
        if doc.documents and not item.documents and len(meeting.items) == 1:
            item.documents = list(doc.documents)
    return meeting


def _council(doc: DocumentText) -> str | None:
    try:
        from minutebook.extract.councils import council_from_text, council_from_url
    except ImportError:  # pragma: no cover - the council table lands separately
        return None
    return (
        council_from_url(doc.url)
        or council_from_text(doc.text[:3000])
        or meta.council_heading(doc.text[:1500])
    )


def _block_item(text: str, block: ItemBlock) -> Item:
    item_text = text[block.start : block.end]
    item = Item(
        number=block.number,
        title=block.title,
        text=item_text,
        span=Span(block.start, block.end),
    )
    facts.fill(item, body_start=block.body_start - block.start)
    return item


def _section_item(section: Section) -> Item:
    item = Item(
        number=section.number,
        title=section.title,
        text=section.text,
        documents=list(section.documents),
    )
    facts.fill(item, body_start=0)
    return item
