"""Undertakings as the accountability register sees them: status, due date, register id.

The status comes from :mod:`minutebook.track.register`: ``open`` (not yet
due, or no deadline stated), ``overdue`` (its due date has passed with no
answer recorded), ``answered`` or ``withdrawn`` (recorded by a user).

The register derives every status from the whole record at once (due dates
depend on the committee's next meeting), which takes seconds on a large
database, so the app keeps a snapshot of it: read once at start-up in the
background, then refreshed in the background when older than ``ttl``
seconds (or ten times as long as a read takes, whichever is longer) while
readers keep the previous one. Filters and pages are cut from the snapshot
in memory. A new ingest or a recorded answer shows within that time plus
one read of the register.

>>> import os, tempfile
>>> from minutebook.store import open_store
>>> from minutebook.web.pool import StorePool
>>> path = os.path.join(tempfile.mkdtemp(), "m.db")
>>> open_store(path).close()
>>> Tracker(StorePool(path)).page(status="overdue").total
0
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
import time
from dataclasses import dataclass

from minutebook.store import Page, UndertakingRecord
from minutebook.store.people import normalise_person, person_values
from minutebook.track.register import STATUSES, Entry, Status, entries
from minutebook.web.pool import StorePool

__all__ = ["DEFAULT_TTL", "STATUSES", "STATUS_LABELS", "Status", "TrackedUndertaking",
           "Tracker", "given_by"]

log = logging.getLogger("minutebook.web")

DEFAULT_TTL = 60.0
STATUS_LABELS: dict[str, str] = {
    "open": "Open: not yet due, or no deadline stated",
    "overdue": "Overdue: the deadline has passed with no answer recorded",
    "answered": "Answered: an answer has been recorded",
    "withdrawn": "Withdrawn: recorded as withdrawn or overtaken",
}


@dataclass(slots=True)
class TrackedUndertaking:
    """An undertaking, its register id, status and due date."""

    record: UndertakingRecord
    status: Status
    register_id: int
    due: dt.date | None
    due_phrase: str | None


def _tracked(e: Entry) -> TrackedUndertaking:
    u = e.undertaking
    item = u.item
    meeting = item.meeting
    record = UndertakingRecord(u.id, item.id, meeting.id, meeting.council, meeting.committee,
                               meeting.date, item.number, item.title, u.by, u.action,
                               u.sentence, u.span)
    return TrackedUndertaking(record, e.status, e.id, e.due.date, e.due.phrase)


def _newest_first(t: TrackedUndertaking) -> tuple[bool, int, int, int, int]:
    u = t.record
    day = -u.date.toordinal() if u.date else 0
    return (u.date is None, day, -u.meeting_id, u.item_id, u.id)


def given_by(by: str | None, name: str) -> bool:
    """Whether an undertaking given by ``by`` was given by ``name`` (a person or a role).

    As the store's person filter: a one-word name is a surname; a fuller name
    also matches its surname alone and its initial with the surname; role words
    ("Director of Place") match where they appear.

    >>> given_by("Councillor Jane Smith", "Smith"), given_by("Cllr J. Smith", "Jane Smith")
    (True, True)
    >>> given_by("The Director of Place", "director of place"), given_by("Cllr Lee", "Smith")
    (True, False)
    """
    if not by:
        return False
    needle = " ".join(name.lower().split())
    if needle and needle in " ".join(by.lower().split()):
        return True
    person = normalise_person(by)
    if not person:
        return False
    column, values = person_values(name)
    return (person.split()[-1] if column == "surname" else person) in values


class Tracker:
    """A snapshot of the register, newest first, refreshed in the background."""

    def __init__(self, pool: StorePool, ttl: float = DEFAULT_TTL) -> None:
        self.pool = pool
        self.ttl = ttl
        self._lock = threading.Lock()
        self._rows: list[TrackedUndertaking] | None = None
        self._read_at = 0.0
        self._refreshing = False
        self._ready = threading.Event()
        self._error: Exception | None = None
        self._took = 0.0
        self._by_item: dict[int, list[TrackedUndertaking]] = {}

    def _read(self) -> list[TrackedUndertaking]:
        start = time.monotonic()
        with self.pool.store() as store:
            found = entries(store)
        rows = sorted((_tracked(e) for e in found), key=_newest_first)
        self._took = time.monotonic() - start
        return rows

    @property
    def max_age(self) -> float:
        """How old a snapshot may grow: ``ttl``, or ten reads' time when reading is slow.

        Reading shares the server's processor with requests; this caps that share
        at about a tenth.
        """
        return max(self.ttl, 10 * self._took)

    def _refresh(self) -> None:
        rows: list[TrackedUndertaking] | None = None
        error: Exception | None = None
        try:
            rows = self._read()
        except Exception as exc:  # noqa: BLE001 - readers keep the last snapshot or get this
            log.exception("reading the undertakings register failed")
            error = exc
        with self._lock:
            if rows is not None:
                self._rows, self._read_at = rows, time.monotonic()
                by_item: dict[int, list[TrackedUndertaking]] = {}
                for t in sorted(rows, key=lambda t: t.record.id):
                    by_item.setdefault(t.record.item_id, []).append(t)
                self._by_item = by_item
            self._error = error
            self._refreshing = False
            ready = self._ready
        ready.set()

    def start(self) -> None:
        """Read the register in the background unless a fresh snapshot is kept or coming."""
        with self._lock:
            fresh = self._rows is not None and time.monotonic() - self._read_at < self.max_age
            if self._refreshing or fresh:
                return
            self._refreshing = True
            if self._rows is None:
                self._ready = threading.Event()
        threading.Thread(target=self._refresh, name="minutebook-register", daemon=True).start()

    def snapshot(self) -> list[TrackedUndertaking]:
        """The register, newest first; waits only when no snapshot has been read yet."""
        self.start()
        with self._lock:
            rows, ready = self._rows, self._ready
        if rows is not None:
            return rows
        ready.wait()
        with self._lock:
            rows, error = self._rows, self._error
        if rows is None:
            raise error or RuntimeError("the undertakings register could not be read")
        return rows

    def of_item(self, item_id: int) -> list[TrackedUndertaking]:
        """The item's undertakings in order, as the kept snapshot has them; never waits.

        Pages that only decorate undertakings with their status use this, so
        they stay fast while the register is first read (they get ``[]``).
        """
        self.start()
        with self._lock:
            return list(self._by_item.get(item_id, ()))

    def page(
        self,
        *,
        council: str | None = None,
        committee: str | None = None,
        person: str | None = None,
        since: dt.date | None = None,
        until: dt.date | None = None,
        status: Status | None = None,
        limit: int = 50,
        offset: int = 0,
    ) -> Page[TrackedUndertaking]:
        """Undertakings matching the filters, newest meeting first."""
        chosen = [
            t for t in self.snapshot()
            if (council is None or t.record.council == council)
            and (committee is None or t.record.committee == committee)
            and (status is None or t.status == status)
            and (since is None or (t.record.date is not None and t.record.date >= since))
            and (until is None or (t.record.date is not None and t.record.date <= until))
            and (person is None or given_by(t.record.by, person))
        ]
        return Page(chosen[offset:offset + limit], len(chosen), limit, offset)
