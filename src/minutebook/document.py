"""What a source hands to extraction: a document's text and what its markup already says.

Converters (:mod:`minutebook.convert`) turn bytes into a :class:`DocumentText`;
extraction (:mod:`minutebook.extract`) is a pure function of it. Markup that
already states structure (ModernGov's ``GetMeeting`` XML lists agenda items
and attendees) fills ``sections``/``attendees`` so that extraction need not
guess them from prose.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from minutebook.models import Attendee, SupportingDocument


@dataclass(slots=True)
class Section:
    """An agenda item whose boundaries the markup states."""

    number: str | None
    title: str | None
    text: str
    documents: list[SupportingDocument] = field(default_factory=list)


@dataclass(slots=True)
class DocumentText:
    """A document converted to plain text, lines as a browser would show them.

    ``format`` is one of ``text``, ``html``, ``xml``, ``pdf``. ``sections`` is
    ``None`` when the markup does not split the items (extraction splits the
    text itself).
    """

    text: str
    format: str
    source: str
    url: str | None = None
    council: str | None = None
    committee: str | None = None
    date: dt.date | None = None
    title: str | None = None
    attendees: list[Attendee] = field(default_factory=list)
    sections: list[Section] | None = None
    documents: list[SupportingDocument] = field(default_factory=list)


@dataclass(slots=True)
class SourceDocument:
    """Bytes as a source returned them, with where and when they came from.

    ``key`` identifies the document across runs (its URL, or its path for a
    local file); the store keeps one current version per key. The hints are
    what the source knew before reading the document (a site's committee
    name and meeting date), used where the text itself does not say.
    """

    key: str
    content: bytes
    url: str | None = None
    media_type: str | None = None
    fetched_at: dt.datetime | None = None
    council: str | None = None
    committee: str | None = None
    date: dt.date | None = None
