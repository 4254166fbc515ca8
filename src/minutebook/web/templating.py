"""The Jinja2 environment the pages render with: autoescaped, strict, untrusted text cleaned.

Every ``{{ value }}`` passes :func:`finalize` before escaping, so control and
bidi-override characters from minutes are shown as U+FFFD wherever they
appear (titles, names, snippets), not only in the source text.

>>> env = environment()
>>> env.from_string("{{ x }}").render(x="<script>alert(1)</script>")
'&lt;script&gt;alert(1)&lt;/script&gt;'
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from minutebook.web.highlight import anchor, clean_text
from minutebook.web.tracking import STATUS_LABELS
from minutebook.web.urls import (
    committee_path,
    council_path,
    person_id,
    person_path,
    query_string,
    slugify,
    web_link,
)

__all__ = ["TEMPLATES", "environment", "finalize", "long_date"]

TEMPLATES = Path(__file__).parent / "templates"


def finalize(value: Any) -> Any:
    """What a template prints for ``value``: nothing for None, cleaned text for strings."""
    if value is None:
        return ""
    if isinstance(value, str) and not isinstance(value, Markup):
        return clean_text(value)
    return value


def long_date(value: dt.date | None) -> str:
    """``Tuesday 5 March 2024``; "undated" for None.

    >>> long_date(dt.date(2024, 3, 5))
    'Tuesday 5 March 2024'
    """
    if value is None:
        return "undated"
    return f"{value:%A} {value.day} {value:%B %Y}"


def short_date(value: dt.date | None) -> str:
    """``5 Mar 2024``; "undated" for None.

    >>> short_date(dt.date(2024, 3, 5))
    '5 Mar 2024'
    """
    if value is None:
        return "undated"
    return f"{value.day} {value:%b %Y}"


def environment() -> jinja2.Environment:
    """A fresh environment over the package's templates."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        finalize=finalize,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(long_date=long_date, short_date=short_date, slugify=slugify)
    env.globals.update(
        anchor=anchor, committee_path=committee_path, council_path=council_path,
        person_id=person_id, person_path=person_path, qs=query_string,
        status_labels=STATUS_LABELS, web_link=web_link,
    )
    return env
