"""Due dates read from an undertaking's words, resolved against the meeting date."""

from __future__ import annotations

import datetime as dt

import pytest

from minutebook.track.due import due_date

MEETING = dt.date(2024, 3, 5)  # a Tuesday
NEXT = dt.date(2024, 6, 11)

CASES = [
    ("report back at the next meeting", NEXT, "next_meeting", "at the next meeting"),
    ("bring the figures to the Committee's next meeting", NEXT, "next_meeting",
     "to the Committee's next meeting"),
    ("circulate the data within four weeks", dt.date(2024, 4, 2), "date", "within four weeks"),
    ("respond within 10 working days", dt.date(2024, 3, 19), "date", "within 10 working days"),
    ("write within a fortnight", dt.date(2024, 3, 19), "date", "within a fortnight"),
    ("report in two months' time", dt.date(2024, 5, 5), "date", "in two months' time"),
    ("circulate the plan by March 2025", dt.date(2025, 3, 31), "date", "by March 2025"),
    ("reply by 31st May", dt.date(2024, 5, 31), "date", "by 31st May"),
    ("reply by 12 January", dt.date(2025, 1, 12), "date", "by 12 January"),
    ("finish by the end of the financial year", dt.date(2024, 3, 31), "date",
     "by the end of the financial year"),
    ("publish by the end of the year", dt.date(2024, 12, 31), "date", "by the end of the year"),
    ("bring a report to the June meeting", dt.date(2024, 6, 30), "date", "to the June meeting"),
    ("update Members in the autumn", dt.date(2024, 11, 30), "date", "in the autumn"),
    ("send it by 19/04/2024", dt.date(2024, 4, 19), "date", "by 19/04/2024"),
    ("report back on the new scheme", None, "none", None),
    ("send the figures for March", None, "none", None),
    ("check whether the grant may be extended", None, "none", None),
]


@pytest.mark.parametrize(("text", "date", "kind", "phrase"), CASES)
def test_due_dates(text: str, date: dt.date | None, kind: str, phrase: str | None) -> None:
    due = due_date(text, MEETING, NEXT)
    assert (due.date, due.kind, due.phrase) == (date, kind, phrase)


def test_next_meeting_not_yet_held_has_no_date() -> None:
    due = due_date("update the Committee at its next meeting", MEETING, None)
    assert (due.date, due.kind, due.label) == (None, "next_meeting", "next meeting (not yet held)")


def test_first_phrase_wins_and_undated_meeting_knows_only_next_meeting() -> None:
    assert due_date("within two weeks, and by March 2025", MEETING).date == dt.date(2024, 3, 19)
    assert due_date("within two weeks", None).kind == "none"
    assert due_date("at the next meeting", None, NEXT).date == NEXT
