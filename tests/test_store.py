"""The Store, run against a real SQLite file and a real PostgreSQL server (``db_url``)."""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
import threading

import pytest

from minutebook.errors import StoreError
from minutebook.models import Decision, Item, Meeting
from minutebook.store import SearchQuery, Store, open_store
from minutebook.store.migrations import MIGRATIONS
from minutebook.store.rows import key, meeting_uid
from minutebook.store.schema import SEARCHABLE
from minutebook.store.sql import SQLStore
from storedata import library_meeting, parking_meeting, source

KEY = "https://democracy.example.org/ieListDocuments.aspx?MId=101"


def test_migrations_are_recorded_and_applied_once(fresh_db_url: str) -> None:
    names = [m.name for m in MIGRATIONS]
    with open_store(fresh_db_url) as store:
        assert store.applied_migrations() == names
        assert store.counts()["meetings"] == 0
    with open_store(fresh_db_url) as store:
        assert store.applied_migrations() == names


def test_item_round_trips_with_every_fact_and_span(store: Store) -> None:
    meeting = library_meeting()
    assert store.save_meeting(source(KEY), "h1", meeting) == "added"
    page = store.meetings()
    assert page.total == 1
    record = store.get_meeting(page.rows[0].id)
    assert record is not None
    assert record.document.key == KEY and record.document.content_hash == "h1"
    assert record.summary.uid == meeting_uid(KEY)
    assert record.summary.title == "Communities Scrutiny Committee, 2024-03-05"
    assert [i.number for i in record.items] == ["1", "2", "3"]
    for summary, original in zip(record.items, meeting.items, strict=True):
        stored = store.get_item(summary.id)
        assert stored is not None
        assert stored.item == original
        assert stored.meeting.id == record.summary.id
    library = store.get_item(record.items[2].id)
    assert library is not None
    undertaking = library.item.undertakings[0]
    assert undertaking.span is not None
    assert undertaking.span.of(library.item.text).startswith("Councillor Sam Whitby undertook")


def test_resaving_the_same_document_changes_nothing(store: Store) -> None:
    store.save_meeting(source(KEY), "h1", library_meeting())
    before = store.counts()
    assert store.save_meeting(source(KEY), "h1", library_meeting()) == "unchanged"
    assert store.counts() == before
    assert before["meetings"] == 1 and before["items"] == 3 and before["recorded_vote_members"] == 4


def test_a_changed_document_replaces_its_old_version(store: Store) -> None:
    store.save_meeting(source(KEY), "h1", library_meeting())
    old_id = store.meetings().rows[0].id
    changed = library_meeting(variant=" A late amendment was withdrawn.")
    changed.items = changed.items[2:]
    assert store.save_meeting(source(KEY), "h2", changed) == "replaced"
    counts = store.counts()
    assert counts["documents"] == 1 and counts["meetings"] == 1 and counts["items"] == 1
    assert counts["apologies"] == 0 and counts["declarations"] == 0
    page = store.meetings()
    assert page.rows[0].id == old_id, "a replaced meeting keeps its id"
    assert store.document_status(KEY, "h2") == "unchanged"
    assert store.document_status(KEY, "h1") == "changed"
    assert store.document_status("elsewhere", "h1") == "new"
    assert store.search(SearchQuery("withdrawn")).total == 1
    assert store.search(SearchQuery("apologies", kinds=("item",))).total == 0, "old rows unindexed"
    if store.dialect == "sqlite":
        assert_fts_intact(store.location)


def test_the_same_document_twice_in_one_batch(store: Store) -> None:
    changed = library_meeting(variant=" Late amendment.")
    outcomes = store.save_meetings([(source(KEY), "h1", library_meeting()),
                                    (source(KEY), "h2", changed),
                                    (source(KEY), "h2", changed)])
    assert outcomes == ["added", "replaced", "unchanged"]
    assert store.counts()["items"] == 3
    assert store.search(SearchQuery("amendment")).total == 1
    assert store.search(SearchQuery('"opening hours"', kinds=("item",))).total == 1
    store.save_meeting(source(KEY), "h3", library_meeting())
    assert store.search(SearchQuery("amendment")).total == 0
    if store.dialect == "sqlite":
        assert_fts_intact(store.location)


def assert_fts_intact(path: str) -> None:
    with sqlite3.connect(path) as conn:
        for table, _, _ in SEARCHABLE.values():
            conn.execute(f"INSERT INTO {table}_fts({table}_fts) VALUES ('integrity-check')")
    conn.close()


def test_a_batch_mixing_new_unchanged_and_changed_documents(store: Store) -> None:
    store.save_meetings([(source("a"), "h", library_meeting()),
                         (source("b"), "h", parking_meeting())])
    ids = {m.committee: m.id for m in store.meetings().rows}
    outcomes = store.save_meetings([(source("c"), "h", library_meeting(committee="Cabinet")),
                                    (source("a"), "h", library_meeting()),
                                    (source("b"), "h2", parking_meeting(dt.date(2023, 7, 1)))])
    assert outcomes == ["added", "unchanged", "replaced"]
    rows = {m.committee: m for m in store.meetings().rows}
    assert rows["Transport Committee"].id == ids["Transport Committee"]
    assert rows["Transport Committee"].date == dt.date(2023, 7, 1)
    counts = store.counts()
    assert (counts["documents"], counts["meetings"], counts["items"]) == (3, 3, 7)
    assert store.search(SearchQuery("permits", kinds=("item",))).total == 1
    if store.dialect == "sqlite":
        assert_fts_intact(store.location)


def _phrases(keys: str) -> list[str]:
    return sorted(re.findall(r"zz[a-z]\d+", keys))


def test_migration_backfills_search_keys_as_saving_writes_them(store: Store) -> None:
    store.save_meeting(source("a"), "h", library_meeting())
    store.save_meeting(source("b"), "h", parking_meeting())
    store.save_meeting(source("c"), "h", Meeting(items=[Item("1", "Undated", "text")]))
    tables = [table for table, _, _ in SEARCHABLE.values()]
    assert isinstance(store, SQLStore)

    def keys() -> dict[str, list[tuple[int, list[str]]]]:
        return {t: [(r["id"], _phrases(r["search_keys"])) for r in store._rows(
            f"SELECT id, search_keys FROM {t} ORDER BY id")] for t in tables}

    written = keys()
    assert written["items"][-1][1] == [], "no council, committee, date or people"
    assert key("s", "whitby") in written["undertakings"][0][1]
    for table in tables:
        store._execute(f"UPDATE {table} SET search_keys = ''")
    backfill = next(m for m in MIGRATIONS if m.name == "0005_search_keys").sql(store.dialect)
    for statement in backfill.split(";\n"):
        if statement.startswith("UPDATE"):
            store._execute(statement.rstrip(";"))
    assert keys() == written


def test_force_replaces_an_unchanged_document(store: Store) -> None:
    store.save_meeting(source(KEY), "h1", library_meeting())
    assert store.save_meeting(source(KEY), "h1", library_meeting(), force=True) == "replaced"
    assert store.counts()["items"] == 3


def test_a_bad_document_is_rolled_back_alone(store: Store) -> None:
    broken = Meeting(committee="Cabinet", items=[
        Item("1", "Fine", "text"),
        Item("2", "Broken", "text", decisions=[Decision("noted", 5)]),  # type: ignore[arg-type]
    ])
    outcomes = store.save_meetings([
        (source("a"), "h", library_meeting()),
        (source("b"), "h", broken),
        (source("c"), "h", parking_meeting()),
    ])
    assert outcomes[0] == "added" and outcomes[2] == "added"
    assert isinstance(outcomes[1], StoreError) and outcomes[1].source == "b"
    assert store.document_status("b", "h") == "new", "no half-written meeting"
    counts = store.counts()
    assert counts["documents"] == 2 and counts["meetings"] == 2 and counts["items"] == 4


def test_save_meeting_raises_for_a_bad_document(store: Store) -> None:
    broken = Meeting(items=[Item("1", "x", 5)])  # type: ignore[arg-type]
    with pytest.raises(StoreError):
        store.save_meeting(source("bad"), "h", broken)
    assert store.counts()["documents"] == 0


def test_lists_and_filters(store: Store) -> None:
    store.save_meeting(source("a"), "h", library_meeting())
    store.save_meeting(source("b"), "h", library_meeting(date=dt.date(2024, 4, 9)))
    store.save_meeting(source("c"), "h", parking_meeting())
    store.save_meeting(source("d"), "h", Meeting(council="Upland District Council"))
    councils = store.councils()
    assert [(c.name, c.committees, c.meetings) for c in councils] == [
        ("Harbourside Borough Council", 2, 3), ("Upland District Council", 0, 1)]
    committees = store.committees("Harbourside Borough Council")
    assert [(c.name, c.meetings, c.first_date, c.last_date) for c in committees] == [
        ("Communities Scrutiny Committee", 2, dt.date(2024, 3, 5), dt.date(2024, 4, 9)),
        ("Transport Committee", 1, dt.date(2023, 6, 12), dt.date(2023, 6, 12)),
    ]
    page = store.meetings(council="Harbourside Borough Council", limit=2)
    assert page.total == 3 and page.has_more
    assert [m.date for m in page.rows] == [dt.date(2024, 4, 9), dt.date(2024, 3, 5)]
    assert [m.items for m in page.rows] == [3, 3]
    assert store.meetings(council="Harbourside Borough Council", limit=2, offset=2).rows[0].date \
        == dt.date(2023, 6, 12)
    assert store.meetings(since=dt.date(2024, 4, 1)).total == 1
    assert store.meetings(until=dt.date(2023, 12, 31), committee="Transport Committee").total == 1
    assert store.meetings().rows[-1].date is None, "undated meetings list last"
    assert store.get_meeting(10**9) is None and store.get_item(10**9) is None


def test_undertakings_with_filters(store: Store) -> None:
    store.save_meeting(source("a"), "h", library_meeting())
    store.save_meeting(source("c"), "h", parking_meeting())
    page = store.undertakings()
    assert page.total == 2
    assert [u.by for u in page.rows] == ["Councillor Sam Whitby", "Parking Manager"]
    first = page.rows[0]
    assert first.committee == "Communities Scrutiny Committee" and first.item_number == "3"
    assert first.span is not None
    assert store.undertakings(person="Sam Whitby").total == 1
    assert store.undertakings(person="whitby").total == 1
    assert store.undertakings(committee="Transport Committee").rows[0].by == "Parking Manager"
    assert store.undertakings(since=dt.date(2024, 1, 1)).total == 1
    assert store.undertakings(meeting_id=first.meeting_id).total == 1


def test_person_brings_together_attendance_undertakings_votes_apologies(store: Store) -> None:
    store.save_meeting(source("a"), "h", library_meeting())
    store.save_meeting(source("c"), "h", parking_meeting())
    whitby = store.get_person("Cllr Sam Whitby")
    assert whitby is not None
    assert whitby.person == "sam whitby"
    assert [m.committee for m in whitby.meetings_attended] == ["Transport Committee"]
    assert [u.action for u in whitby.undertakings] == [
        "circulate the visitor figures for rural branches"]
    assert [(v.name, v.position) for v in whitby.votes] == [("Whitby", "for")]
    assert "Councillor Sam Whitby" in whitby.names
    patel = store.get_person("Patel")
    assert patel is not None and len(patel.apologies) == 1
    grey = store.get_person("Owen Grey")
    assert grey is not None and len(grey.meetings_attended) == 1, "substitutes attend"
    assert store.get_person("Nobody Known") is None


def test_delete_document(store: Store) -> None:
    store.save_meeting(source("a"), "h", library_meeting())
    assert store.delete_document("a") is True
    assert store.delete_document("a") is False
    assert all(n == 0 for n in store.counts().values())
    assert store.search(SearchQuery("hours")).total == 0
    if store.dialect == "sqlite":
        assert_fts_intact(store.location)


def test_export_rows_stream_with_stable_parent_ids(store: Store) -> None:
    store.save_meeting(source("a"), "h", library_meeting())
    items = list(store.export_rows("items"))
    assert [r["ordinal"] for r in items] == [0, 1, 2]
    assert {r["meeting_uid"] for r in items} == {meeting_uid("a")}
    members = list(store.export_rows("recorded_vote_members"))
    assert [(m["name"], m["item_ordinal"], m["vote_ordinal"]) for m in members] == [
        ("Frost", 2, 0), ("Grey", 2, 0), ("Whitby", 2, 0), ("Hale", 2, 1)]
    meetings = list(store.export_rows("meetings"))
    assert meetings[0]["date"] == dt.date(2024, 3, 5) and meetings[0]["document_key"] == "a"
    with pytest.raises(StoreError):
        list(store.export_rows("sqlite_master"))


def test_threads_saving_at_once_all_land(db_url: str) -> None:
    errors: list[BaseException] = []

    def work(prefix: str) -> None:
        try:
            with open_store(db_url) as store:
                for i in range(15):
                    store.save_meeting(source(f"{prefix}{i}"), "h", library_meeting())
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(p,)) for p in ("x", "y", "z")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    with open_store(db_url) as store:
        counts = store.counts()
    assert counts["meetings"] == 45 and counts["items"] == 135


def test_missing_sqlite_file_is_an_error_when_reading(tmp_path: object) -> None:
    with pytest.raises(StoreError, match="no database here"):
        open_store(str(tmp_path) + "/absent.db", create=False)


@pytest.mark.postgres
def test_unreachable_postgres_is_a_store_error() -> None:
    with pytest.raises(StoreError, match="cannot connect") as info:
        open_store("postgresql://someone:secret@127.0.0.1:1/none")
    assert "secret" not in str(info.value)


def test_public_api_is_locked() -> None:
    import minutebook.store

    assert sorted(minutebook.store.__all__) == sorted([
        "DEFAULT_DB", "MARK_END", "MARK_START", "SEARCH_KINDS", "CommitteeSummary",
        "CouncilSummary", "DocumentRecord", "DocumentStatus", "ItemRecord", "ItemSummary",
        "MeetingRecord", "MeetingSummary", "Page", "PersonRecord", "SaveEntry", "SaveOutcome",
        "SearchKind", "SearchPage", "SearchQuery", "SearchResult", "Store", "UndertakingRecord",
        "VoteRecord", "database_location", "open_store", "parse_query",
    ])
    for name in minutebook.store.__all__:
        assert hasattr(minutebook.store, name), name


def test_default_database_comes_from_the_environment(
    tmp_path: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    from minutebook.store import database_location

    monkeypatch.delenv("MINUTEBOOK_DB", raising=False)
    assert database_location() == "minutebook.db"
    monkeypatch.setenv("MINUTEBOOK_DB", f"{tmp_path}/env.db")
    assert database_location() == f"{tmp_path}/env.db"
    assert database_location("given.db") == "given.db"
    with open_store() as store:
        assert store.location == f"{tmp_path}/env.db"
    with open_store(f"sqlite:///{tmp_path}/url.db") as store:
        assert store.location == f"{tmp_path}/url.db"
