"""Page layouts: which blocks a meeting's page holds in each house style.

>>> import datetime as dt
>>> from minutebook.models import Item, Meeting
>>> m = Meeting(committee="Cabinet", date=dt.date(2022, 3, 15), items=[Item("78.", "Budget")])
>>> [b.text for b in page_blocks(m, "numbered", 0, "7.30 pm")]
['Cabinet - Tuesday, 15th March, 2022 7.30 pm', 'Minutes', '78. Budget']
>>> page_title(m, "modgov_item")
'Agenda item - Budget - Cabinet'
"""

from __future__ import annotations

import re

from minutebook.models import Item, Meeting
from minutebook.render.blocks import Block, Docs, Heading, Para, Row, Word
from minutebook.render.minutes import item_body
from minutebook.render.voice import Voice, meeting_voice

__all__ = ["STYLES", "page_blocks", "page_title"]

STYLES: tuple[str, ...] = ("modgov_item", "numbered")
"""The house styles :func:`minutebook.render.render_text` and ``render_html`` know."""

_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)
_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def page_blocks(meeting: Meeting, style: str, seed: int | None, time: str | None) -> list[Block]:
    """The blocks of the meeting's page in ``style``; ``ValueError`` for an unknown style."""
    if style not in STYLES:
        raise ValueError(f"unknown style {style!r}; choose one of {', '.join(STYLES)}")
    voice = meeting_voice(meeting, seed)
    blocks: list[Block] = []
    if meeting.council:
        blocks.append(Heading(meeting.council, "banner"))
    if style == "numbered":
        return blocks + _numbered_page(meeting, voice, time)
    if len(meeting.items) == 1:
        return blocks + _agenda_item_page(meeting, meeting.items[0], voice)
    return blocks + _meeting_page(meeting, voice, time)


def page_title(meeting: Meeting, style: str) -> str:
    """The page's ``<title>``: what the page is, then committee and council."""
    if style == "modgov_item" and len(meeting.items) == 1:
        title = meeting.items[0].title
        head = f"Agenda item - {title}" if title else "Agenda item"
    elif style == "modgov_item":
        head = "Agenda and minutes"
    else:
        head = "Minutes"
    return " - ".join(x for x in (head, meeting.committee, meeting.council) if x)


def _agenda_item_page(meeting: Meeting, item: Item, voice: Voice) -> list[Block]:
    """ModernGov ``mgAi.aspx``: the item number shows only in the "Meeting:" line."""
    blocks: list[Block] = [Heading("Agenda item", "h1")]
    where = " - ".join(x for x in (_short_date(meeting), meeting.committee) if x)
    if where:
        number = f" (Item {_bare_number(item.number)})" if item.number else ""
        blocks.append(Heading(f"Meeting: {where}{number}", "h2"))
    if item.title:
        blocks.append(Heading(item.title, "title"))
    if item.purpose:
        blocks.append(Word([Para(item.purpose)]))
    blocks.append(Heading("Minutes:", "label"))
    body = item_body(item, voice, numbered=False)
    if body:
        blocks.append(Word(body))
    if item.documents:
        blocks.append(Heading("Supporting documents:", "label"))
        blocks.append(Docs([(d.title, d.url) for d in item.documents]))
    return blocks


def _meeting_page(meeting: Meeting, voice: Voice, time: str | None) -> list[Block]:
    """ModernGov ``ieListDocuments.aspx``: every item with its number cell."""
    blocks: list[Block] = [Heading("Agenda and minutes", "h1")]
    heading = _meeting_heading(meeting, time)
    if heading:
        blocks.append(Heading(heading, "h2"))
    blocks.append(Heading("Items", "label"))
    for item in meeting.items:
        cell: list[Block] = []
        if item.title:
            url = item.documents[0].url or "#" if item.documents else None
            cell.append(Heading(item.title, "title", url))
        if item.purpose:
            cell.append(Word([Para(item.purpose)]))
        if len(item.documents) > 1:
            cell.append(Heading("Additional documents:", "label"))
            cell.append(Docs([(d.title, d.url) for d in item.documents[1:]]))
        cell.append(Heading("Minutes:", "label"))
        body = item_body(item, voice, numbered=False)
        if body:
            cell.append(Word(body))
        number = _bare_number(item.number) + "." if item.number else ""
        blocks.append(Row(number, cell))
    return blocks


def _numbered_page(meeting: Meeting, voice: Voice, time: str | None) -> list[Block]:
    blocks: list[Block] = []
    heading = _meeting_heading(meeting, time)
    if heading:
        blocks.append(Heading(heading, "h2"))
    blocks.append(Heading("Minutes", "label"))
    for item in meeting.items:
        number = _bare_number(item.number) if item.number else ""
        title = " ".join(x for x in (f"{number}." if number else "", item.title or "") if x)
        if title:
            blocks.append(Heading(title, "title"))
        body = item_body(item, voice, numbered=True)
        # Paragraphs are numbered within their minute (78.1, 78.2); RESOLVED
        # blocks and bullets run on under the paragraph before them.
        if re.fullmatch(r"\d+", number):
            count = 0
            for block in body:
                if isinstance(block, Para) and block.number == "":
                    count += 1
                    block.number = f"{number}.{count}"
        for block in body:
            if isinstance(block, Para) and block.number == "":
                block.number = None
        if body:
            blocks.append(Word(body))
    return blocks


def _bare_number(number: str | None) -> str:
    return (number or "").strip().rstrip(".")


def _ordinal(day: int) -> str:
    suffix = "th" if 10 <= day % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
    return f"{day}{suffix}"


def _short_date(meeting: Meeting) -> str:
    return meeting.date.strftime("%d/%m/%Y") if meeting.date else ""


def _meeting_heading(meeting: Meeting, time: str | None) -> str:
    """ "Committee - Tuesday, 15th March, 2022 7.30 pm", as ModernGov heads a meeting."""
    date = ""
    if meeting.date:
        d = meeting.date
        date = f"{_DAYS[d.weekday()]}, {_ordinal(d.day)} {_MONTHS[d.month - 1]}, {d.year}"
        if time:
            date += f" {time}"
    return " - ".join(x for x in (meeting.committee, date) if x)
