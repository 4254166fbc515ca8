"""What a report before the item was for, and the period it covers."""

from __future__ import annotations

import re
from collections.abc import Iterator

from minutebook.extract.text import clean, sentences

_PURPOSE = re.compile(
    r"^(?:This (?:annual |quarterly )?report|The report|The purpose of (?:the|this) report|"
    r"To (?:receive|consider|note|approve|review)\b)"
)
_MONTHS = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
)
_PERIOD = re.compile(
    r"\b(?:covers?|covering|covered)\s+the\s+period\s+(?:from\s+)?(?P<p>[^.]+?)(?:\.|$)"
    r"|\bfor\s+the\s+period\s+(?P<q>[A-Z]\w+\s+\d{4}\s+(?:to|until|-|–)\s+[A-Z]\w+\s+\d{4})"
    rf"|\b(?:from|between)\s+(?P<r>{_MONTHS}\s+\d{{4}}\s+(?:to|until|and)\s+{_MONTHS}\s+\d{{4}})"
)
# _PERIOD reads "period", or a month and year after "from" or "between"; most
# items have neither, and these tests are far cheaper than trying it everywhere.
_MONTH_YEAR = re.compile(rf"{_MONTHS}\s+\d{{4}}")
# Only the first sentences are searched for the purpose.
_PURPOSE_WINDOW = 4000


def extract_purpose(text: str, start: int = 0) -> tuple[str | None, str | None]:
    """The report's stated purpose (its first describing sentence) and the period covered.

    >>> extract_purpose("This annual report provides an account of the role. It covers the period "
    ...                 "from April 2024 until February 2025.")
    ('This annual report provides an account of the role.', 'April 2024 until February 2025')
    """
    purpose = None
    for sent in _opening_sentences(text, start):
        if _PURPOSE.match(sent) and len(sent.split()) >= 5:
            purpose = clean(sent)
            break
    body = text[start:]
    m = None
    if "period" in body or (("from" in body or "between" in body) and _MONTH_YEAR.search(body)):
        m = _PERIOD.search(body)
    period = None
    if m:
        period = clean(next(g for g in m.groups() if g))
    return purpose, period


def _opening_sentences(text: str, start: int) -> Iterator[str]:
    """The sentences of ``text[start : start + _PURPOSE_WINDOW]``, in order.

    The other extractors split all of ``text[start:]`` (``sentences`` caches it).
    Its sentences are the window's until the window's edge: a sentence is settled
    by the boundary after it, which ends (with the two characters it looks ahead
    at) by the start of the next sentence; from the first one the edge could
    change, the window itself is split.
    """
    body = text[start:]
    whole = sentences(body, start)
    if len(body) <= _PURPOSE_WINDOW:
        for _s, _e, sent in whole:
            yield sent
        return
    settled = 0
    while settled + 1 < len(whole) and whole[settled + 1][0] - start + 2 <= _PURPOSE_WINDOW:
        yield whole[settled][2]
        settled += 1
    for _s, _e, sent in sentences(body[:_PURPOSE_WINDOW])[settled:]:
        yield sent
