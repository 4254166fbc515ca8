"""When an undertaking is due, read from its words and resolved against the meeting date.

Minutes state deadlines in a handful of ways: "at the next meeting", "within
four weeks", "within ten working days", "by March 2025", "by 31 March", "by
the end of the financial year", "in the autumn", "to the June meeting". Each
is resolved against the date of the meeting that minuted the promise: a
month without a year is its first occurrence after that date, a month
without a day is that month's last day. "The next meeting" resolves to the
committee's next meeting when the store holds it; until then the due date
is unknown and the undertaking cannot be overdue.

>>> import datetime as dt
>>> due_date("would report back within four weeks", dt.date(2024, 3, 5))
DueDate(date=datetime.date(2024, 4, 2), phrase='within four weeks', kind='date')
>>> due_date("to circulate the figures by March 2025", dt.date(2024, 6, 1)).date
datetime.date(2025, 3, 31)
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from typing import Literal

__all__ = ["DueDate", "DueKind", "due_date"]

DueKind = Literal["date", "next_meeting", "none"]

_MONTHS = {name.lower(): n for n, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.lower(): n for n, name in enumerate(calendar.month_abbr) if name})
_MONTHS["sept"] = 9
_MONTH = r"(?:" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\b\.?"
_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fourteen": 14,
    "fifteen": 15, "twenty": 20, "thirty": 30, "a couple of": 2, "a few": 3,
}
_COUNT = r"(?P<n>\d{1,3}|a couple of|a few|" + "|".join(
    k for k in _NUMBERS if " " not in k) + r")"
# Seasons end on the last day of their last month, as committees plan them
# (the "autumn" cycle is done by the end of November).
_SEASON_END = {"spring": 5, "summer": 8, "autumn": 11, "fall": 11, "winter": 2}

_NEXT_MEETING = re.compile(
    r"\b(?:at|to|for|before|by|in\s+time\s+for|prior\s+to)\s+(?:the\s+|its\s+|their\s+)?"
    r"(?:(?:committee|panel|board|sub-committee|cabinet)(?:'s|’s)?\s+)?next\s+"
    r"(?:scheduled\s+|ordinary\s+|available\s+)?(?:meeting|committee|panel|board|session)\b",
    re.I,
)
_WITHIN = re.compile(
    rf"\b(?:within|in(?:\s+the\s+next)?|over\s+the\s+next)\s+{_COUNT}\s+(?P<working>working\s+)?"
    r"(?P<unit>days?|weeks?|months?|fortnights?)(?:(?:'|’)?\s*time)?\b",
    re.I,
)
_ON_DATE = re.compile(
    rf"\b(?:by|before|no\s+later\s+than|on\s+or\s+before|in|during|for|to|at)\s+(?:the\s+)?"
    rf"(?:(?P<end>end\s+of\s+(?:the\s+)?)|(?:(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?))?"
    rf"(?P<month>{_MONTH})(?:\s+(?P<year>\d{{4}}))?(?P<meeting>\s+(?:meeting|committee|panel))?",
    re.I,
)
_NUMERIC = re.compile(
    r"\b(?:by|before|no\s+later\s+than|on)\s+(?P<d>\d{1,2})[/.](?P<m>\d{1,2})[/.](?P<y>\d{2,4})\b",
    re.I,
)
_END_OF = re.compile(
    r"\b(?:by|before|at|in|for)\s+(?:the\s+)?end\s+of\s+(?:the\s+)?(?:this\s+|current\s+)?"
    r"(?P<what>(?:calendar\s+)?year|financial\s+year|municipal\s+year|month|week|"
    r"spring|summer|autumn|winter|(?P<year>\d{4}))\b",
    re.I,
)
_SEASON = re.compile(
    r"\b(?:by|in|during|over|before)\s+the\s+(?:coming\s+)?(?P<season>spring|summer|autumn|winter)\b",
    re.I,
)
_BY_YEAR = re.compile(r"\b(?:by|before|during|in)\s+(?P<year>20\d\d)\b(?!\s*[/-])", re.I)
_NEXT_PERIOD = re.compile(r"\b(?:by|in|during|over)\s+the\s+(?:next|following)\s+"
                          r"(?P<what>month|week|year)\b", re.I)


@dataclass(frozen=True, slots=True)
class DueDate:
    """When an undertaking is due: ``date`` (None when unknown), the ``phrase`` it came from.

    ``kind`` is ``date`` for a stated or computed date, ``next_meeting`` for
    "at the next meeting" (``date`` is that meeting's, once it is known) and
    ``none`` when the words give no deadline.
    """

    date: dt.date | None
    phrase: str | None
    kind: DueKind

    @property
    def label(self) -> str:
        """How a list shows it: ``2024-04-02``, ``next meeting (2024-06-11)``, ``not stated``.

        >>> DueDate(None, "at the next meeting", "next_meeting").label
        'next meeting (not yet held)'
        """
        if self.kind == "next_meeting":
            return f"next meeting ({self.date.isoformat() if self.date else 'not yet held'})"
        return self.date.isoformat() if self.date else "not stated"


NOT_STATED = DueDate(None, None, "none")


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _after(meeting: dt.date, month: int, day: int | None) -> dt.date:
    """The first ``day`` (or month end) of ``month`` on or after the meeting date."""
    for year in (meeting.year, meeting.year + 1):
        candidate = _month_end(year, month) if day is None else _safe(year, month, day)
        if candidate is not None and candidate >= meeting:
            return candidate
    return _month_end(meeting.year + 1, month)


def _safe(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _add_months(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    year = day.year + month // 12
    month = month % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _working_days(day: dt.date, n: int) -> dt.date:
    while n > 0:
        day += dt.timedelta(days=1)
        if day.weekday() < 5:
            n -= 1
    return day


def _within(m: re.Match[str], meeting: dt.date) -> dt.date:
    raw = m["n"].lower()
    n = int(raw) if raw.isdigit() else _NUMBERS.get(raw, 1)
    unit = m["unit"].lower().rstrip("s")
    if unit == "day":
        return _working_days(meeting, n) if m["working"] else meeting + dt.timedelta(days=n)
    if unit == "week":
        return meeting + dt.timedelta(weeks=n)
    if unit == "fortnight":
        return meeting + dt.timedelta(weeks=2 * n)
    return _add_months(meeting, n)


def _financial_year_end(meeting: dt.date) -> dt.date:
    return dt.date(meeting.year + (meeting.month > 3), 3, 31)


def _end_of(m: re.Match[str], meeting: dt.date) -> dt.date:
    what = m["what"].lower()
    if m["year"]:
        return dt.date(int(m["year"]), 12, 31)
    if what.endswith("financial year"):
        return _financial_year_end(meeting)
    if what.endswith("municipal year"):
        # The municipal year runs from the annual meeting in May.
        return dt.date(meeting.year + (meeting.month >= 5), 5, 15)
    if what.endswith("year"):
        return dt.date(meeting.year, 12, 31)
    if what == "month":
        return _month_end(meeting.year, meeting.month)
    if what == "week":
        return meeting + dt.timedelta(days=6 - meeting.weekday())
    return _after(meeting, _SEASON_END[what], None)


def due_date(
    text: str, meeting_date: dt.date | None, next_meeting: dt.date | None = None,
) -> DueDate:
    """The deadline ``text`` states, resolved against ``meeting_date``.

    ``next_meeting`` is the date of the committee's next meeting after
    ``meeting_date``, when known. Of several phrases the first wins.

    >>> import datetime as dt
    >>> due_date("report back at the next meeting", dt.date(2024, 3, 5), dt.date(2024, 6, 11))
    DueDate(date=datetime.date(2024, 6, 11), phrase='at the next meeting', kind='next_meeting')
    >>> due_date("look into the matter", dt.date(2024, 3, 5)).kind
    'none'
    """
    found: list[tuple[int, DueDate]] = []
    m = _NEXT_MEETING.search(text)
    if m:
        found.append((m.start(), DueDate(next_meeting, m[0], "next_meeting")))
    if meeting_date is None:
        return found[0][1] if found else NOT_STATED
    for m in _WITHIN.finditer(text):
        found.append((m.start(), DueDate(_within(m, meeting_date), m[0], "date")))
        break
    for m in _NUMERIC.finditer(text):
        year = int(m["y"]) + (2000 if len(m["y"]) == 2 else 0)
        day = _safe(year, int(m["m"]), int(m["d"]))
        if day is not None:
            found.append((m.start(), DueDate(day, m[0], "date")))
            break
    for m in _END_OF.finditer(text):
        found.append((m.start(), DueDate(_end_of(m, meeting_date), m[0], "date")))
        break
    for m in _ON_DATE.finditer(text):
        due = _month_date(m, meeting_date)
        if due is not None:
            found.append((m.start(), DueDate(due, m[0].strip(), "date")))
            break
    for m in _SEASON.finditer(text):
        season = _after(meeting_date, _SEASON_END[m["season"].lower()], None)
        found.append((m.start(), DueDate(season, m[0], "date")))
        break
    for m in _NEXT_PERIOD.finditer(text):
        what = m["what"].lower()
        if what == "month":
            nxt = _add_months(meeting_date, 1)
            due = _month_end(nxt.year, nxt.month)
        elif what == "week":
            due = meeting_date + dt.timedelta(days=13 - meeting_date.weekday())
        else:
            due = dt.date(meeting_date.year + 1, 12, 31)
        found.append((m.start(), DueDate(due, m[0], "date")))
        break
    for m in _BY_YEAR.finditer(text):
        if int(m["year"]) >= meeting_date.year:
            found.append((m.start(), DueDate(dt.date(int(m["year"]), 12, 31), m[0], "date")))
            break
    if not found:
        return NOT_STATED
    return min(found, key=lambda pair: pair[0])[1]


def _month_date(m: re.Match[str], meeting: dt.date) -> dt.date | None:
    word = m["month"].lower().rstrip(".")
    month = _MONTHS.get(word)
    if month is None:
        return None
    if word in ("may", "mar") and not (m["day"] or m["year"] or m["end"] or m["meeting"]):
        # "may" and "mar" are also verbs; only a day, year or "end of" makes them months.
        return None
    day = int(m["day"]) if m["day"] else None
    if m["year"]:
        year = int(m["year"])
        due = _month_end(year, month) if day is None else _safe(year, month, day)
        return due if due is not None and due >= meeting else None
    lead = m[0].split()[0].lower()
    if lead in ("in", "during", "for", "to", "at") and not m["meeting"] and day is None:
        # "in March" promises something for March only when nothing else is said about it;
        # "figures for March" or "from January to March" describe a period instead.
        if lead in ("for", "to", "at"):
            return None
    return _after(meeting, month, day)
