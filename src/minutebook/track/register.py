"""The undertakings register: every promise minuted, its due date, status and evidence.

Each undertaking the extractor found gets a stable register id the first
time the register sees it. Its status is derived, never stored:

``answered``
    a user recorded an answer (by hand with evidence, or by confirming a
    proposed follow-up item);
``withdrawn``
    a user recorded that it was withdrawn or overtaken;
``overdue``
    neither, and its due date (see :mod:`minutebook.track.due`) has passed;
``open``
    neither, and not yet due, or no deadline was stated.

What users record goes into an append-only log of events (``answered``,
``withdrawn``, ``reopened``, ``rejected`` for a proposal turned down,
``note``), each with who and when; the latest of ``answered``, ``withdrawn``
and ``reopened`` sets the status, and nothing is ever updated or deleted.
``as_of`` shows the register as it stood on a day: later events are ignored.

>>> import os, tempfile
>>> from minutebook.store import open_store
>>> with open_store(os.path.join(tempfile.mkdtemp(), "m.db")) as store:
...     entries(store)
[]
"""

from __future__ import annotations

import bisect
import datetime as dt
import getpass
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Literal

from minutebook.errors import StoreError, UsageError
from minutebook.store import Store
from minutebook.store.people import normalise_person, person_values
from minutebook.track.data import DB, ItemRef, MeetingRef, UndertakingRow, undertaking_key
from minutebook.track.due import DueDate, due_date

__all__ = [
    "EVENT_KINDS",
    "STATUSES",
    "Entry",
    "Event",
    "EventKind",
    "Status",
    "close",
    "current_user",
    "entries",
    "entry",
    "next_meetings",
    "record_event",
    "register_all",
    "reopen",
    "sync",
    "withdraw",
]

Status = Literal["open", "answered", "overdue", "withdrawn"]
STATUSES: tuple[Status, ...] = ("open", "answered", "overdue", "withdrawn")
EventKind = Literal["answered", "withdrawn", "reopened", "rejected", "note"]
EVENT_KINDS: tuple[EventKind, ...] = ("answered", "withdrawn", "reopened", "rejected", "note")
_STATUS_EVENTS = ("answered", "withdrawn", "reopened")


@dataclass(slots=True)
class Event:
    """One thing a user recorded about an undertaking, with who and when."""

    id: int
    kind: EventKind
    actor: str
    at: dt.datetime
    evidence: str | None = None
    item_key: str | None = None
    """The answering (or rejected) item's stable key, when the event names one."""
    note: str | None = None


@dataclass(slots=True)
class Entry:
    """An undertaking in the register: its stable ``id``, due date, status and history."""

    id: int
    undertaking: UndertakingRow
    due: DueDate
    status: Status
    events: list[Event] = field(default_factory=list)

    @property
    def item(self) -> ItemRef:
        """The item the promise was minuted in."""
        return self.undertaking.item

    @property
    def meeting(self) -> MeetingRef:
        """The meeting the promise was minuted at."""
        return self.undertaking.item.meeting

    @property
    def answer(self) -> Event | None:
        """The latest ``answered`` event, when the status is ``answered``."""
        if self.status != "answered":
            return None
        return next((e for e in reversed(self.events) if e.kind == "answered"), None)

    @property
    def rejected(self) -> set[str]:
        """Keys of items a user said do not answer it."""
        return {e.item_key for e in self.events if e.kind == "rejected" and e.item_key}


def current_user() -> str:
    """Who is recording: ``$MINUTEBOOK_USER``, else the login name.

    >>> bool(current_user())
    True
    """
    try:
        login = getpass.getuser()
    except (KeyError, OSError):
        login = "unknown"
    return os.environ.get("MINUTEBOOK_USER") or login


def sync(db: DB, undertakings: Sequence[UndertakingRow]) -> dict[str, int]:
    """Register ids for ``undertakings`` (new ones are added): stable key -> id."""
    ids = _ids(db, [u.key for u in undertakings])
    missing = {u.key: u for u in undertakings if u.key not in ids}
    if missing:
        now = db.timestamp_param(dt.datetime.now(dt.UTC))
        with db.transaction():
            for u in missing.values():
                # Another process may register the same key meanwhile; the first one wins.
                db.execute(
                    "INSERT INTO tracked_undertakings (key, meeting_uid, item_ordinal, action, "
                    "first_seen) VALUES (?, ?, ?, ?, ?) ON CONFLICT (key) DO NOTHING",
                    (u.key, u.item.meeting.uid, u.item.ordinal, u.action, now),
                )
        ids.update(_ids(db, list(missing)))
    return ids


def register_all(db: DB) -> None:
    """Give every stored undertaking its register id, oldest meeting first.

    Ids are handed out in the order of the record, not of whoever looked
    first, so a register read for one committee numbers the same way as one
    read for the whole council.
    """
    known = int(db.rows("SELECT count(*) AS n FROM tracked_undertakings")[0]["n"])
    stored = int(db.rows("SELECT count(*) AS n FROM undertakings")[0]["n"])
    if known >= stored:
        # Every stored undertaking may already be registered (keys of replaced
        # documents stay registered, so more is normal); check the newest ones.
        recent = db.rows("SELECT u.action, i.ordinal, m.uid FROM undertakings u "
                         "JOIN items i ON i.id = u.item_id JOIN meetings m ON m.id = i.meeting_id "
                         "ORDER BY u.id DESC LIMIT 50")
        keys = [undertaking_key(r["uid"], int(r["ordinal"]), r["action"]) for r in recent]
        if len(_ids(db, keys)) == len(set(keys)):
            return
    sync(db, db.undertakings(db.items(db.meetings(), text=False)))


def _ids(db: DB, keys: list[str]) -> dict[str, int]:
    out: dict[str, int] = {}
    for start in range(0, len(keys), 500):
        chunk = keys[start:start + 500]
        marks = ", ".join("?" for _ in chunk)
        for r in db.rows(f"SELECT id, key FROM tracked_undertakings WHERE key IN ({marks})",
                         chunk):
            out[r["key"]] = int(r["id"])
    return out


def _events(db: DB, ids: Sequence[int], as_of: dt.date | None) -> dict[int, list[Event]]:
    out: dict[int, list[Event]] = {}
    for start in range(0, len(ids), 500):
        chunk = list(ids[start:start + 500])
        marks = ", ".join("?" for _ in chunk)
        for r in db.rows(
            "SELECT id, undertaking_id, kind, evidence, item_key, note, actor, at "
            f"FROM undertaking_events WHERE undertaking_id IN ({marks}) ORDER BY id", chunk,
        ):
            at = db.timestamp(r["at"]) or dt.datetime.now(dt.UTC)
            if as_of is not None and at.date() > as_of:
                continue
            out.setdefault(int(r["undertaking_id"]), []).append(Event(
                int(r["id"]), r["kind"], r["actor"], at, r["evidence"], r["item_key"], r["note"]))
    return out


def next_meetings(meetings: Sequence[MeetingRef]) -> dict[int, dt.date | None]:
    """For each meeting id, the date of its committee's next meeting among ``meetings``."""
    dates: dict[tuple[str | None, str | None], list[dt.date]] = {}
    for m in meetings:
        if m.date is not None:
            dates.setdefault((m.council, m.committee), []).append(m.date)
    for days in dates.values():
        days.sort()
    out: dict[int, dt.date | None] = {}
    for m in meetings:
        days = dates.get((m.council, m.committee), [])
        if m.date is None:
            out[m.id] = None
            continue
        n = bisect.bisect_right(days, m.date)
        out[m.id] = days[n] if n < len(days) else None
    return out


def status_of(due: DueDate, events: Sequence[Event], as_of: dt.date) -> Status:
    """The status the events and the due date give on ``as_of``.

    >>> import datetime as dt
    >>> due = DueDate(dt.date(2024, 4, 2), "within four weeks", "date")
    >>> status_of(due, [], dt.date(2024, 5, 1))
    'overdue'
    """
    last = next((e.kind for e in reversed(events) if e.kind in _STATUS_EVENTS), None)
    if last == "answered":
        return "answered"
    if last == "withdrawn":
        return "withdrawn"
    if due.date is not None and due.date < as_of:
        return "overdue"
    return "open"


def _person_match(name: str) -> Callable[[UndertakingRow], bool]:
    """A test of whether an undertaking was given by ``name`` (a person or a role)."""
    column, values = person_values(name)
    wanted = set(values)
    needle = " ".join(name.lower().split())

    def test(u: UndertakingRow) -> bool:
        by = u.by or ""
        if needle and needle in " ".join(by.lower().split()):
            return True
        person = u.person or (normalise_person(by) if by else "")
        if not person:
            return False
        return (person.split()[-1] if column == "surname" else person) in wanted

    return test


def entries(
    store: Store,
    *,
    council: str | None = None,
    committee: str | None = None,
    person: str | None = None,
    status: Status | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
    as_of: dt.date | None = None,
) -> list[Entry]:
    """The register, oldest promise first, filtered; every undertaking gets its register id.

    ``person`` matches who gave the undertaking by name ("Jane Smith", "Smith")
    or by role words ("Portfolio Holder"). ``as_of`` (default today) decides
    overdue and hides events recorded after it.
    """
    db = DB(store)
    as_of = as_of or dt.date.today()
    every = db.meetings(council=council, committee=committee)
    nxt = next_meetings(every)
    chosen = [m for m in every if (since is None or (m.date is not None and m.date >= since))
              and (until is None or (m.date is not None and m.date <= until))
              and (m.date is None or m.date <= as_of)]
    rows = db.undertakings(db.items(chosen, text=False))
    register_all(db)
    if person:
        test = _person_match(person)
        rows = [u for u in rows if test(u)]
    return _entries(db, rows, nxt, as_of, status)


def _entries(
    db: DB, rows: Sequence[UndertakingRow], nxt: dict[int, dt.date | None], as_of: dt.date,
    status: Status | None,
) -> list[Entry]:
    ids = sync(db, rows)
    events = _events(db, list(ids.values()), as_of)
    out: list[Entry] = []
    for u in rows:
        next_date = nxt.get(u.item.meeting.id)
        if next_date is not None and next_date > as_of:
            next_date = None
        due = due_date(u.sentence or u.action, u.item.meeting.date, next_date)
        if due.kind == "none" and u.sentence and u.action not in u.sentence:
            due = due_date(u.action, u.item.meeting.date, next_date)
        tracked = ids[u.key]
        history = events.get(tracked, [])
        state = status_of(due, history, as_of)
        if status is None or state == status:
            out.append(Entry(tracked, u, due, state, history))
    return out


def entry(store: Store, undertaking_id: int, *, as_of: dt.date | None = None) -> Entry:
    """One register entry by its id; StoreError when there is none."""
    db = DB(store)
    register_all(db)
    found = db.rows("SELECT key, meeting_uid, item_ordinal FROM tracked_undertakings "
                    "WHERE id = ?", (undertaking_id,))
    if not found:
        raise StoreError(store.location, f"no undertaking {undertaking_id} in the register")
    meeting = db.rows("SELECT council, committee FROM meetings WHERE uid = ?",
                      (found[0]["meeting_uid"],))
    if not meeting:
        raise StoreError(store.location, f"undertaking {undertaking_id}: its meeting is no "
                                         "longer stored (the document was deleted)")
    every = db.meetings(council=meeting[0]["council"], committee=meeting[0]["committee"])
    mine = [m for m in every if m.uid == found[0]["meeting_uid"]]
    items = [i for i in db.items(mine, text=True) if i.ordinal == found[0]["item_ordinal"]]
    rows = [u for u in db.undertakings(items) if u.key == found[0]["key"]]
    if not rows:
        raise StoreError(store.location, f"undertaking {undertaking_id} is no longer in the "
                                         "record (its minutes were re-extracted differently)")
    return _entries(db, rows, next_meetings(every), as_of or dt.date.today(), None)[0]


def record_event(
    store: Store,
    undertaking_id: int,
    kind: EventKind,
    *,
    evidence: str | None = None,
    item_key: str | None = None,
    note: str | None = None,
    actor: str | None = None,
    at: dt.datetime | None = None,
) -> Event:
    """Append an event to an undertaking's history (nothing earlier is changed)."""
    if kind not in EVENT_KINDS:
        raise UsageError(None, f"unknown event {kind!r}; one of {', '.join(EVENT_KINDS)}")
    db = DB(store)
    register_all(db)
    if not db.rows("SELECT 1 AS ok FROM tracked_undertakings WHERE id = ?", (undertaking_id,)):
        raise StoreError(store.location, f"no undertaking {undertaking_id} in the register")
    actor = actor or current_user()
    at = at or dt.datetime.now(dt.UTC)
    with db.transaction():
        db.execute(
            "INSERT INTO undertaking_events (undertaking_id, kind, evidence, item_key, note, "
            "actor, at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (undertaking_id, kind, evidence, item_key, note, actor, db.timestamp_param(at)),
        )
        new_id = db.rows("SELECT max(id) AS id FROM undertaking_events WHERE undertaking_id = ?",
                         (undertaking_id,))[0]["id"]
    return Event(int(new_id), kind, actor, at, evidence, item_key, note)


def close(
    store: Store, undertaking_id: int, evidence: str, *, actor: str | None = None,
    item_key: str | None = None, at: dt.datetime | None = None,
) -> Event:
    """Record that the undertaking was answered, with ``evidence`` (a URL or words).

    >>> import os, tempfile
    >>> from minutebook.store import open_store
    >>> with open_store(os.path.join(tempfile.mkdtemp(), "m.db")) as store:
    ...     close(store, 1, "https://example.gov.uk/briefing.pdf")
    Traceback (most recent call last):
    ...
    minutebook.errors.StoreError: ...: no undertaking 1 in the register
    """
    if not evidence.strip():
        raise UsageError(None, "--evidence must say what answered the undertaking")
    return record_event(store, undertaking_id, "answered", evidence=evidence.strip(),
                        item_key=item_key, actor=actor, at=at)


def withdraw(store: Store, undertaking_id: int, reason: str, *, actor: str | None = None,
             at: dt.datetime | None = None) -> Event:
    """Record that the undertaking was withdrawn or overtaken, and why."""
    if not reason.strip():
        raise UsageError(None, "say why the undertaking was withdrawn")
    return record_event(store, undertaking_id, "withdrawn", note=reason.strip(), actor=actor,
                        at=at)


def reopen(store: Store, undertaking_id: int, reason: str, *, actor: str | None = None,
           at: dt.datetime | None = None) -> Event:
    """Record that an answered or withdrawn undertaking is open again, and why."""
    current = entry(store, undertaking_id)
    if current.status not in ("answered", "withdrawn"):
        raise UsageError(None, f"undertaking {undertaking_id} is {current.status}, not closed")
    return record_event(store, undertaking_id, "reopened", note=reason.strip() or None,
                        actor=actor, at=at)
