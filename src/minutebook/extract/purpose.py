"""What a report before the item was for, and the period it covers."""

from __future__ import annotations

import re

from minutebook.extract.text import clean, sentences

_PURPOSE = re.compile(
    r"^(?:This (?:annual |quarterly )?report|The report|The purpose of (?:the|this) report|"
    r"To (?:receive|consider|note|approve|review)\b)"
)
_PERIOD = re.compile(
    r"\b(?:covers?|covering|covered)\s+the\s+period\s+(?:from\s+)?(?P<p>[^.]+?)(?:\.|$)"
    r"|\bfor\s+the\s+period\s+(?P<q>[A-Z]\w+\s+\d{4}\s+(?:to|until|-|–)\s+[A-Z]\w+\s+\d{4})"
    r"|\b(?:from|between)\s+(?P<r>(?:January|February|March|April|May|June|July|August|September|October|November|December)\s+\d{4}\s+(?:to|until|and)\s+(?:January|February|March|April|May|June|July|August|September|October|November|December)\s+\d{4})"
)


def extract_purpose(text: str, start: int = 0) -> tuple[str | None, str | None]:
    """The report's stated purpose (its first describing sentence) and the period covered.

    >>> extract_purpose("This annual report provides an account of the role. It covers the period "
    ...                 "from April 2024 until February 2025.")
    ('This annual report provides an account of the role.', 'April 2024 until February 2025')
    """
    purpose = None
    for _s, _e, sent in sentences(text[start : start + 4000]):
        if _PURPOSE.match(sent) and len(sent.split()) >= 5:
            purpose = clean(sent)
            break
    m = _PERIOD.search(text[start:])
    period = None
    if m:
        period = clean(next(g for g in m.groups() if g))
    return purpose, period
