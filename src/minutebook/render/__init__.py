"""Render a meeting record as published minutes, in a council's house style.

Two house styles, each as plain text (the page as a reader sees it) and as
HTML in ModernGov's markup (``#modgov``, ``h2.mgSubTitleTxt``,
``div.mgWordPara``, ``ul.mgBulletList``):

``modgov_item``
    ModernGov's agenda-item layout. A one-item meeting is an ``mgAi.aspx``
    page ("Agenda item", "Meeting: dd/mm/yyyy - Committee (Item 78)", title,
    "Minutes:", "Supporting documents:"); several items make the meeting page
    (``ieListDocuments.aspx``: "Agenda and minutes", one ``mgItemTable`` row
    per item with its number cell).
``numbered``
    Printed minutes of a whole meeting: a "Committee - Tuesday, 15th March,
    2022" heading, "78. Title" and numbered paragraphs "78.1", "78.2".

The renderer states only what the record holds (``Item.text``, the extracted
source text, is not reprinted). Phrasing varies between a few formulations
real minutes use, chosen deterministically from ``seed`` (by default a hash
of the meeting) and the item, so a generated corpus is not one sentence
repeated and the same record always renders the same way.

A page is built as blocks (:mod:`~minutebook.render.blocks`) in the style's
layout (:mod:`~minutebook.render.layout`), each item's minutes
(:mod:`~minutebook.render.minutes`, :mod:`~minutebook.render.decisions`) in
phrasings chosen by :mod:`~minutebook.render.voice`, then printed by
:mod:`~minutebook.render.text` or :mod:`~minutebook.render.html`.

>>> import datetime as dt
>>> from minutebook.models import Decision, Item, Meeting
>>> m = Meeting(committee="Cabinet", date=dt.date(2022, 3, 15), items=[
...     Item("78", "Budget monitoring", decisions=[Decision("noted", "the report be noted")])])
>>> print(render_text(m, style="numbered", seed=0))
Cabinet - Tuesday, 15th March, 2022
<BLANKLINE>
Minutes
<BLANKLINE>
78. Budget monitoring
<BLANKLINE>
RESOLVED that the report be noted.
<BLANKLINE>
"""

from __future__ import annotations

from minutebook.models import Meeting
from minutebook.render.html import html_page
from minutebook.render.layout import STYLES, page_blocks, page_title
from minutebook.render.text import text_page

__all__ = ["STYLES", "render_html", "render_text"]


def render_text(
    meeting: Meeting, style: str = "modgov_item", *, seed: int | None = None,
    time: str | None = None,
) -> str:
    """The meeting's minutes as plain text in ``style`` (one of :data:`STYLES`).

    ``time`` ("7.30 pm") is printed in the meeting heading where given, since
    the record holds no time.

    >>> from minutebook.models import Item, Meeting
    >>> print(render_text(Meeting(items=[Item(None, "Urgent items")]), seed=0))
    Agenda item
    <BLANKLINE>
    Urgent items
    <BLANKLINE>
    Minutes:
    <BLANKLINE>
    """
    return text_page(page_blocks(meeting, style, seed, time))


def render_html(
    meeting: Meeting, style: str = "modgov_item", *, seed: int | None = None,
    time: str | None = None,
) -> str:
    """The meeting's minutes as a ModernGov HTML page in ``style``; all text is escaped.

    >>> from minutebook.models import Item, Meeting
    >>> "<h1 class=\\"mgMainTitleTxt\\">Agenda item</h1>" in render_html(
    ...     Meeting(items=[Item(None, "Fees & charges")]))
    True
    """
    page = page_blocks(meeting, style, seed, time)
    return html_page(meeting, page_title(meeting, style), page)
