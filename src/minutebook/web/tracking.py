"""Undertakings with a status: has the committee met since the promise was made?

Minutes record promises, not whether they were kept, so minutebook states
only what the record shows: an undertaking is ``new`` while the committee it
was given to has not met since (no report-back could be minuted yet) and
``due`` once the committee has met again (a scrutiny officer should look for
the report-back). Meetings without a date count as ``due``.

>>> import datetime as dt
>>> last = dt.date(2024, 3, 5)
>>> status_of(dt.date(2024, 3, 5), last), status_of(dt.date(2024, 1, 9), last)
('new', 'due')
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from minutebook.store import CommitteeSummary, Page, Store, UndertakingRecord

__all__ = ["STATUSES", "STATUS_LABELS", "Status", "TrackedUndertaking", "status_of",
           "tracked_undertakings"]

Status = Literal["new", "due"]
STATUSES: tuple[Status, ...] = ("new", "due")
STATUS_LABELS: dict[str, str] = {
    "new": "New: the committee has not met since",
    "due": "Due: the committee has met since; look for the report-back",
}
# Committees whose council or name the minutes did not give cannot be picked
# out by the store's filters (None means "any"), so their rows are fetched whole
# and filtered here; there are few such rows.
_WHOLE = 10_000


@dataclass(slots=True)
class TrackedUndertaking:
    """An undertaking and its status."""

    record: UndertakingRecord
    status: Status


def status_of(date: dt.date | None, last_meeting: dt.date | None) -> Status:
    """``new`` when the meeting on ``date`` is the committee's latest, else ``due``."""
    if date is None or last_meeting is None:
        return "due"
    return "new" if date >= last_meeting else "due"


def _newest_first(u: UndertakingRecord) -> tuple[int, int, int, int, int]:
    # The store's order: dated meetings newest first, then meeting, item and promise order.
    day = -u.date.toordinal() if u.date else 1
    return (u.date is None, day, -u.meeting_id, u.item_id, u.id)


def tracked_undertakings(
    store: Store,
    *,
    council: str | None = None,
    committee: str | None = None,
    person: str | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
    status: Status | None = None,
    limit: int = 50,
    offset: int = 0,
    bodies: list[CommitteeSummary] | None = None,
) -> Page[TrackedUndertaking]:
    """A page of undertakings matching the filters, newest first, each with its status.

    ``bodies`` is ``store.committees(council)`` when the caller already holds it.

    >>> import os, tempfile
    >>> from minutebook.store import open_store
    >>> with open_store(os.path.join(tempfile.mkdtemp(), "m.db")) as store:
    ...     tracked_undertakings(store, status="due").total
    0
    """
    if bodies is None:
        bodies = store.committees(council)
    last = {(c.council, c.name): c.last_date for c in bodies}
    if status is None:
        page = store.undertakings(council=council, committee=committee, person=person,
                                  since=since, until=until, limit=limit, offset=offset)
        tracked = [TrackedUndertaking(u, status_of(u.date, last.get((u.council, u.committee))))
                   for u in page.rows]
        return Page(tracked, page.total, limit, offset)
    found: list[UndertakingRecord] = []
    total = 0
    for body in bodies:
        if committee is not None and body.name != committee:
            continue
        rows, count = _of_committee(store, body, status, person, since, until, offset + limit)
        found.extend(rows)
        total += count
    found.sort(key=_newest_first)
    return Page([TrackedUndertaking(u, status) for u in found[offset:offset + limit]],
                total, limit, offset)


def _of_committee(
    store: Store, body: CommitteeSummary, status: Status, person: str | None,
    since: dt.date | None, until: dt.date | None, need: int,
) -> tuple[list[UndertakingRecord], int]:
    """One committee's undertakings with ``status``: the first ``need`` and the count."""
    exact = body.council is not None and body.name is not None
    if body.last_date is None:
        if status == "new":
            return [], 0
        low, high = since, until
    elif status == "new":
        low, high = max(since or body.last_date, body.last_date), until
    else:
        cutoff = body.last_date - dt.timedelta(days=1)
        low, high = since, min(until or cutoff, cutoff)
    if low is not None and high is not None and low > high:
        return [], 0
    page = store.undertakings(council=body.council, committee=body.name, person=person,
                              since=low, until=high, limit=need if exact else _WHOLE)
    if exact:
        return page.rows, page.total
    rows = [u for u in page.rows if (u.council, u.committee) == (body.council, body.name)]
    return rows[:need], len(rows)
