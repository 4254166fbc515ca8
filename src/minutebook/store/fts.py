"""Search filters as keys, and the match expressions that carry them.

Filters are tokens of the ``search_keys`` column (see
:data:`~minutebook.store.schema.SEARCH_KEYS`), so the full-text index
intersects them with the words (FTS5 in SQLite, a GIN index in PostgreSQL).
A date range becomes the fewest whole years, months and days that cover it.

>>> import datetime as dt
>>> date_keys(dt.date(2023, 11, 30), dt.date(2024, 12, 31))
['zzd20231130', 'zzn202312', 'zzy2024']
"""

from __future__ import annotations

import calendar
import datetime as dt

from minutebook.store.people import person_values
from minutebook.store.query import Node, to_fts5
from minutebook.store.records import SearchQuery
from minutebook.store.rows import key

__all__ = ["date_keys", "filter_keys", "fts5_filters", "match", "tsquery_filters"]


def _string(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def date_keys(start: dt.date, end: dt.date) -> list[str]:
    """Keys of the whole years, then months, then days, that exactly cover [start, end]."""
    keys: list[str] = []
    day = start
    while day <= end:
        year_end = dt.date(day.year, 12, 31)
        month_end = day.replace(day=calendar.monthrange(day.year, day.month)[1])
        if day.month == 1 and day.day == 1 and year_end <= end:
            keys.append(f"zzy{day:%Y}")
            day = year_end + dt.timedelta(days=1)
        elif day.day == 1 and month_end <= end:
            keys.append(f"zzn{day:%Y%m}")
            day = month_end + dt.timedelta(days=1)
        else:
            keys.append(f"zzd{day:%Y%m%d}")
            day += dt.timedelta(days=1)
    return keys


def filter_keys(
    query: SearchQuery, dates: tuple[dt.date | None, dt.date | None]
) -> list[list[str]] | None:
    """The query's filters as keys: every group must match, any key of a group will do.

    None when nothing can match. ``dates`` is the range of stored meeting dates,
    which bounds open ranges.

    >>> filter_keys(SearchQuery("x", person="Lee"), (None, None)) == [[key("s", "lee")]]
    True
    """
    groups: list[list[str]] = []
    if query.council is not None:
        groups.append([key("c", query.council)])
    if query.committee is not None:
        groups.append([key("m", query.committee)])
    if query.since is not None or query.until is not None:
        first, last = dates
        if first is None or last is None:
            return None
        # An open end stretches to the whole year of the first or last stored meeting:
        # no meeting lies beyond, and whole years make the fewest keys to match.
        start = query.since or dt.date(first.year, 1, 1)
        end = query.until or dt.date(last.year, 12, 31)
        start, end = max(start, dt.date(first.year, 1, 1)), min(end, dt.date(last.year, 12, 31))
        if start > end:
            return None
        groups.append(date_keys(start, end))
    if query.person:
        column, values = person_values(query.person)
        if not values or not values[0]:
            return None
        kind = "s" if column == "surname" else "p"
        groups.append([key(kind, v) for v in values])
    return groups


def fts5_filters(groups: list[list[str]]) -> list[str]:
    """The key groups as FTS5 conditions.

    >>> fts5_filters([["zzy2023", "zzy2024"], ["zzc1"]])
    ['("zzy2023" OR "zzy2024")', '("zzc1")']
    """
    return ["(" + " OR ".join(_string(k) for k in group) + ")" for group in groups]


def tsquery_filters(groups: list[list[str]]) -> str:
    """The key groups as PostgreSQL ``to_tsquery`` input (keys are letters and digits).

    >>> tsquery_filters([["zzy2023", "zzy2024"], ["zzc1"]])
    '(zzy2023 | zzy2024) & (zzc1)'
    """
    return " & ".join("(" + " | ".join(group) + ")" for group in groups)


def match(node: Node, conditions: list[str]) -> str:
    """The MATCH expression: the user's query AND the filter conditions.

    The keys are tokens no minutes contain, so the user's words need no column
    filter to keep off the keys column.

    >>> from minutebook.store.query import parse_query
    >>> match(parse_query("deferred OR withdrawn"), ['"zzy2024"'])
    '("deferred" OR "withdrawn") AND "zzy2024"'
    """
    return " AND ".join([f"({to_fts5(node)})", *conditions])
