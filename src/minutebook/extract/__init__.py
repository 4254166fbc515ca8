"""Extraction: from a document's text to a :class:`~minutebook.models.Meeting`.

Each concern has its own module: meeting metadata (:mod:`.meta`), splitting
items (:mod:`.items`), and one module per kind of fact. All are pure
functions of their input text.
"""

from __future__ import annotations

from pathlib import Path

from minutebook.convert import convert_file
from minutebook.document import DocumentText
from minutebook.extract.pipeline import extract
from minutebook.models import Meeting

__all__ = ["extract", "extract_file"]


def extract_file(path: str | Path, *, url: str | None = None) -> Meeting:
    """Read, convert and extract the minutes file at ``path``."""
    doc: DocumentText = convert_file(path, url=url)
    return extract(doc)
