"""minutebook: council committee minutes as a structured, searchable, trackable record."""

from __future__ import annotations

from minutebook.models import (
    Apology,
    Attendee,
    Decision,
    Declaration,
    Item,
    Meeting,
    RecordedVote,
    Span,
    Substitute,
    SupportingDocument,
    Topic,
    Undertaking,
)

__version__ = "0.1.0"

__all__ = [
    "Apology",
    "Attendee",
    "Decision",
    "Declaration",
    "Item",
    "Meeting",
    "RecordedVote",
    "Span",
    "Substitute",
    "SupportingDocument",
    "Topic",
    "Undertaking",
    "__version__",
]
