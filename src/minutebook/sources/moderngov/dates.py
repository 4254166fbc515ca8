"""Dates as ModernGov writes them: ``dd/mm/yyyy``, ISO, and prose on its pages.

The web service answers in ``dd/mm/yyyy`` on most installs and ISO on some;
the pages say ``Tuesday, 10th February, 2026 10.00 am`` or ``10 Feb 2026``.

>>> parse_date("10/02/2026"), parse_date("2026-02-10T00:00:00")
(datetime.date(2026, 2, 10), datetime.date(2026, 2, 10))
>>> parse_date("Audit Committee - Tuesday, 10th February, 2026 10.00 am")
datetime.date(2026, 2, 10)
"""

from __future__ import annotations

import datetime as dt
import re

# Digits, not word boundaries: ISO timestamps run on into "T00:00:00".
_ISO = re.compile(r"(?<!\d)(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)")
_UK = re.compile(r"(?<!\d)(\d{1,2})/(\d{1,2})/(\d{4})(?!\d)")
_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for name in names
}
_WORDS = re.compile(
    r"\b(\d{1,2})(?:st|nd|rd|th)?[\s,-]+(" + "|".join(sorted(_MONTHS, key=len, reverse=True))
    + r")\.?[\s,-]+(\d{4})\b",
    re.IGNORECASE,
)


def parse_date(text: str | None) -> dt.date | None:
    """The first date in ``text`` in any of ModernGov's forms, or ``None``."""
    if not text:
        return None
    for pattern, order in ((_ISO, "ymd"), (_UK, "dmy"), (_WORDS, "dmy")):
        for match in pattern.finditer(text):
            parts = dict(zip(order, match.groups(), strict=True))
            month = parts["m"]
            number = int(month) if month.isdigit() else _MONTHS[month.lower()]
            try:
                return dt.date(int(parts["y"]), number, int(parts["d"]))
            except ValueError:
                continue
    return None


def service_date(date: dt.date) -> str:
    """A date as the web service wants it; ISO dates are silently ignored there.

    >>> service_date(dt.date(2020, 1, 5))
    '05/01/2020'
    """
    return date.strftime("%d/%m/%Y")
