"""Fill an item with every kind of fact its text states."""

from __future__ import annotations

from minutebook.extract.decisions import extract_decisions
from minutebook.models import Item


def fill(item: Item, *, body_start: int = 0) -> None:
    """Extract all facts of ``item.text`` into ``item`` (spans relative to ``item.text``).

    ``body_start`` skips a page header folded into the first item: only
    apologies are read from it.
    """
    item.decisions = extract_decisions(item.text, body_start)
