"""The undertakings register over the Wrenfield corpus, on SQLite and PostgreSQL.

The corpus is rendered to minutes and ingested through the real pipeline,
so these tests also check that extraction finds each promise.
"""

from __future__ import annotations

import datetime as dt

import pytest

from corpus import fixtures, wrenfield
from minutebook.errors import StoreError, UsageError
from minutebook.store import Store
from minutebook.track.register import Entry, close, entries, entry, reopen, withdraw

corpus_template = fixtures.corpus_template
corpus_db = fixtures.corpus_db
ingest_corpus = fixtures.ingest_corpus
AS_OF = dt.date(2025, 3, 31)
AT = dt.datetime(2025, 3, 20, 10, 30, tzinfo=dt.UTC)


def by_thread(found: list[Entry]) -> dict[str, Entry]:
    """Register entries keyed by the corpus thread whose promise they are."""
    out: dict[str, Entry] = {}
    for t in wrenfield.THREADS:
        match = [e for e in found if e.undertaking.action == t.action and e.meeting.date == t.date]
        assert len(match) == 1, f"{t.name}: {len(match)} entries"
        out[t.name] = match[0]
    return out


def test_every_promise_is_registered_with_its_due_date_and_status(corpus_db: Store) -> None:
    found = entries(corpus_db, as_of=AS_OF)
    assert len(found) == len(wrenfield.THREADS)
    threads = {t.name: t for t in wrenfield.THREADS}
    for name, e in by_thread(found).items():
        t = threads[name]
        assert e.due.date == t.due, name
        assert e.meeting.committee == t.committee and e.meeting.council == wrenfield.COUNCIL
        # Nothing is answered until a user says so; past-due promises are overdue.
        expected = "overdue" if t.due is not None and t.due < AS_OF else "open"
        assert e.status == expected, name
        assert e.events == []
    assert [e.id for e in found] == sorted(e.id for e in found), "ids in order of the record"


def test_next_meeting_due_dates_wait_for_the_meeting(corpus_db: Store) -> None:
    # On 1 March 2025 the committee had not yet met after 14 January.
    ofsted = by_thread(entries(corpus_db, as_of=dt.date(2025, 3, 1)))["ofsted visit"]
    assert (ofsted.due.kind, ofsted.due.date, ofsted.status) == ("next_meeting", None, "open")
    assert by_thread(entries(corpus_db, as_of=AS_OF))["ofsted visit"].status == "overdue"


def test_filters(corpus_db: Store) -> None:
    adults = entries(corpus_db, committee=wrenfield.ADULTS, as_of=AS_OF)
    assert {e.meeting.committee for e in adults} == {wrenfield.ADULTS}
    assert len(adults) == sum(t.committee == wrenfield.ADULTS for t in wrenfield.THREADS)
    by_role = entries(corpus_db, person="Head of Safeguarding", as_of=AS_OF)
    assert [e.undertaking.action for e in by_role] == [
        t.action for t in wrenfield.THREADS if t.by == "Head of Safeguarding"]
    by_surname = entries(corpus_db, person="Marsh", as_of=AS_OF)
    assert {e.undertaking.by for e in by_surname} == {"Helen Marsh"}
    open_ones = entries(corpus_db, status="open", as_of=AS_OF)
    assert open_ones and {e.status for e in open_ones} == {"open"}
    in_2024 = entries(corpus_db, since=dt.date(2024, 1, 1), until=dt.date(2024, 12, 31),
                      as_of=AS_OF)
    assert {e.meeting.date.year for e in in_2024 if e.meeting.date} == {2024}
    assert entries(corpus_db, council="Elsewhere Council") == []


def test_closing_keeps_an_audit_trail_and_never_overwrites(corpus_db: Store) -> None:
    e = by_thread(entries(corpus_db, as_of=AS_OF))["care home fees"]
    assert e.status == "overdue"
    close(corpus_db, e.id, "https://democracy.wrenfield.example/briefing-fees.pdf",
          actor="a.officer", at=AT)
    later = AT + dt.timedelta(days=1)
    reopen(corpus_db, e.id, "The briefing gave last year's uplift", actor="b.officer", at=later)
    close(corpus_db, e.id, "Email from the Director, 24 March 2025", actor="a.officer",
          at=later + dt.timedelta(days=2))
    now = entry(corpus_db, e.id, as_of=AS_OF)
    assert now.status == "answered"
    assert [(ev.kind, ev.actor) for ev in now.events] == [
        ("answered", "a.officer"), ("reopened", "b.officer"), ("answered", "a.officer")]
    assert now.answer is not None
    assert now.answer.evidence == "Email from the Director, 24 March 2025"
    assert now.events[0].evidence == "https://democracy.wrenfield.example/briefing-fees.pdf"
    assert now.events[0].at == AT
    # The register as it stood before anything was recorded.
    before = entry(corpus_db, e.id, as_of=dt.date(2025, 3, 19))
    assert (before.status, before.events) == ("overdue", [])
    assert entry(corpus_db, e.id, as_of=dt.date(2025, 3, 20)).status == "answered"
    assert entry(corpus_db, e.id, as_of=dt.date(2025, 3, 21)).status == "overdue"


def test_withdraw_and_usage_errors(corpus_db: Store) -> None:
    e = by_thread(entries(corpus_db, as_of=AS_OF))["home education register"]
    with pytest.raises(UsageError):
        reopen(corpus_db, e.id, "not closed yet")
    with pytest.raises(UsageError):
        close(corpus_db, e.id, "   ")
    withdraw(corpus_db, e.id, "The Department consulted on a national register", actor="chair",
             at=AT)
    assert entry(corpus_db, e.id, as_of=AS_OF).status == "withdrawn"
    assert [x.id for x in entries(corpus_db, status="withdrawn", as_of=AS_OF)] == [e.id]
    with pytest.raises(StoreError, match="no undertaking 999999"):
        close(corpus_db, 999_999, "x")


def test_ids_and_history_survive_a_re_ingest(corpus_db: Store) -> None:
    first = by_thread(entries(corpus_db, as_of=AS_OF))
    close(corpus_db, first["carers survey"].id, "Survey report", actor="x", at=AT)
    # Re-extracting every document replaces the stored rows (which may renumber them);
    # the register keys promises by meeting, item and words, so it must not care.
    from minutebook.ingest import ingest_documents

    report = ingest_documents(corpus_db, wrenfield.documents(), workers=1, force=True,
                              progress=False)
    assert report.replaced == len(wrenfield.meetings())
    again = by_thread(entries(corpus_db, as_of=AS_OF))
    assert {k: v.id for k, v in again.items()} == {k: v.id for k, v in first.items()}
    assert again["carers survey"].status == "answered"


def test_an_empty_store_registers_nothing(store: Store) -> None:
    assert entries(store) == []
    ingest_corpus(store)
    assert len(entries(store, as_of=AS_OF)) == len(wrenfield.THREADS)
