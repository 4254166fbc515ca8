"""Declarations of interest: who declared what kind of interest in which item.

"Councillor R Conroy declared a personal and prejudicial interest in Item 7,
Review of a Hackney Driver's Licence, as he was an acquaintance of the driver."
"""

from __future__ import annotations

import re

from minutebook.extract.names import TITLE_WORDS, strip_title
from minutebook.extract.text import sentences
from minutebook.models import Declaration, Span

_DECLARED = re.compile(
    rf"(?P<member>(?:(?:{TITLE_WORDS})\.?\s+)?[A-Z][\w'’.\-]*(?:\s+[A-Z][\w'’.\-]*){{0,3}})\s+"
    r"(?:each\s+)?declared\s+(?:an?\s+|the\s+following\s+)?(?P<kind>[\w\s,'‘’-]{0,60}?)\s*interests?\b"
    r"(?P<rest>[^.]*)"
)
_ITEM = re.compile(r"\b(?:item|Item|minute|Minute|agenda item)\s+(?P<item>\d+[\w().]*)")


def extract_declarations(text: str, start: int = 0) -> list[Declaration]:
    """Declarations of interest stated in ``text[start:]``.

    >>> text = "Councillor R Conroy declared a personal and prejudicial interest in Item 7."
    >>> d = extract_declarations(text)
    >>> d[0].member, d[0].kind, d[0].item
    ('R Conroy', 'personal and prejudicial', '7')
    """
    out: list[Declaration] = []
    if "declared" not in text:
        return out
    for s, e, sent in sentences(text[start:], start):
        if "declared" not in sent:
            continue
        for m in _DECLARED.finditer(sent):
            member = strip_title(m.group("member"))
            if not member or member.lower() in ("members", "there", "he", "she", "they"):
                continue
            kind = m.group("kind").strip(" ,") or None
            item = _ITEM.search(m.group("rest"))
            out.append(
                Declaration(
                    member,
                    item.group("item").rstrip(".,)") if item else None,
                    kind,
                    sent,
                    Span(s, e),
                )
            )
    return out
