"""Stable addresses for councils, committees and people, and query-string building.

Councils and committees are addressed by slugs of their names, people by
their normalised name (the form the store looks people up by), so a link
printed today still works after a re-ingest renumbers the rows.

>>> slugify("Children & Young People's Scrutiny")
'children-young-peoples-scrutiny'
>>> person_id("Councillor Jane O'Neill (Chair)")
"jane_o'neill"
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from urllib.parse import quote, urlencode, urlsplit

from minutebook.store.people import normalise_person

__all__ = [
    "UNNAMED",
    "committee_path",
    "council_path",
    "person_id",
    "person_name",
    "person_path",
    "query_string",
    "slugify",
    "web_link",
]

UNNAMED = "unnamed"
"""The slug of a council or committee whose name the minutes did not give."""

_NON_WORD = re.compile(r"[^a-z0-9]+")


def slugify(name: str | None) -> str:
    """A lower-case, hyphenated, ASCII form of ``name`` for a URL.

    >>> slugify("Planning Committee (East)"), slugify(None)
    ('planning-committee-east', 'unnamed')
    """
    if not name:
        return UNNAMED
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    # Apostrophes join rather than split: "People's" reads as one word.
    text = text.replace("'", "").replace("’", "")
    return _NON_WORD.sub("-", text).strip("-") or UNNAMED


def council_path(council: str | None) -> str:
    """The council page's path.

    >>> council_path("Harbourside Borough Council")
    '/councils/harbourside-borough-council'
    """
    return f"/councils/{slugify(council)}"


def committee_path(council: str | None, committee: str | None) -> str:
    """The committee page's path.

    >>> committee_path("Harbourside Borough Council", "Cabinet")
    '/councils/harbourside-borough-council/cabinet'
    """
    return f"{council_path(council)}/{slugify(committee)}"


def person_id(name: str) -> str:
    """The id of the person ``name`` refers to: the normalised name, words joined by ``_``.

    >>> person_id("Cllr Sam Whitby"), person_id("Councillor Bennett-Wake")
    ('sam_whitby', 'bennett-wake')
    """
    return normalise_person(name).replace(" ", "_")


def person_name(pid: str) -> str:
    """The look-up name for a person id (the inverse of :func:`person_id`).

    >>> person_name("sam_whitby")
    'sam whitby'
    """
    return pid.replace("_", " ")


def person_path(name: str) -> str | None:
    """The person page's path, or None when ``name`` holds no name at all.

    >>> person_path("Mr. Peter Doyle, Director"), person_path("(Chair)")
    ('/people/peter_doyle', None)
    """
    pid = person_id(name)
    return f"/people/{quote(pid, safe='')}" if pid else None


def query_string(params: Mapping[str, str | int | Iterable[str] | None], **changes: object) -> str:
    """``?a=1&b=2`` from ``params`` with ``changes`` applied; empty values left out.

    >>> query_string({"q": "bus lane", "page": 2, "kind": ["item", "vote"]}, page=3)
    '?q=bus+lane&page=3&kind=item&kind=vote'
    """
    merged: dict[str, object] = {**params, **changes}
    pairs: list[tuple[str, str]] = []
    for key, value in merged.items():
        if value is None or value == "":
            continue
        if isinstance(value, str | int):
            pairs.append((key, str(value)))
        elif isinstance(value, Iterable):
            pairs.extend((key, str(v)) for v in value if v not in (None, ""))
    return "?" + urlencode(pairs) if pairs else ""


def web_link(url: str | None) -> str | None:
    """``url`` when it is an http(s) address to link to, else None (shown as text, unlinked).

    Minutes and the pages they came from are untrusted: a ``javascript:`` or
    ``data:`` address must never become a link.

    >>> web_link("https://democracy.example.gov.uk/mgAi.aspx?ID=1"), web_link("javascript:alert(1)")
    ('https://democracy.example.gov.uk/mgAi.aspx?ID=1', None)
    """
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    return url.strip() if parts.scheme.lower() in ("http", "https") and parts.netloc else None
