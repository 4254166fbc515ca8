"""``minutebook export`` (JSON Lines, CSV, Open Civic Data), and the file Datasette browses."""

from __future__ import annotations

import csv
import json
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from minutebook.cli import main
from minutebook.export import ENTITIES
from minutebook.store import Store, open_store
from minutebook.store.rows import meeting_uid
from minutebook.store.schema import SEARCHABLE
from pgcluster import PgCluster
from storedata import library_meeting, parking_meeting, source


def fill(store: Store) -> None:
    store.save_meeting(source("https://example.org/m/101"), "h", library_meeting())
    store.save_meeting(source("https://example.org/m/102"), "h", parking_meeting())


def jsonl(db_url: str) -> list[dict[str, object]]:
    result = CliRunner().invoke(main, ["export", "--db", db_url])
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_jsonl_to_stdout_holds_every_entity_with_stable_ids(db_url: str) -> None:
    with open_store(db_url) as store:
        fill(store)
    rows = jsonl(db_url)
    kinds = {r["type"] for r in rows}
    assert kinds == {"documents", "meetings", "items", "supporting_documents", "attendees",
                     "topics", "undertakings", "decisions", "recorded_votes",
                     "recorded_vote_members", "apologies", "substitutes", "declarations"}
    uid = meeting_uid("https://example.org/m/101")
    undertaking = next(r for r in rows if r["type"] == "undertakings"
                       and r["meeting_id"] == uid)
    assert undertaking["id"] == f"{uid}/2/0" and undertaking["item_id"] == f"{uid}/2"
    assert undertaking["by_name"] == "Councillor Sam Whitby"
    assert undertaking["span_start"] is not None
    meeting = next(r for r in rows if r["type"] == "meetings" and r["id"] == uid)
    assert meeting["date"] == "2024-03-05" and meeting["document_id"] == uid
    members = [r for r in rows if r["type"] == "recorded_vote_members"]
    assert [m["id"] for m in members][:2] == [f"{uid}/2/0/0", f"{uid}/2/0/1"]
    ids = [(r["type"], r["id"]) for r in rows]
    assert len(ids) == len(set(ids)), "ids are unique per entity"


@pytest.mark.postgres
def test_stable_ids_are_the_same_in_every_database(tmp_path: Path, pg_cluster: PgCluster) -> None:
    urls = [str(tmp_path / "a.db"), pg_cluster.create_database("export_ids")]
    exports = []
    for url in urls:
        with open_store(url) as store:
            fill(store)
        exports.append([{k: v for k, v in r.items() if k != "ingested_at"} for r in jsonl(url)])
    assert exports[0] == exports[1]


def test_csv_writes_one_file_per_entity_whose_ids_join(db_url: str, tmp_path: Path) -> None:
    with open_store(db_url) as store:
        fill(store)
    out = tmp_path / "csv"
    result = CliRunner().invoke(main, ["export", "--format", "csv", "--out", str(out),
                                       "--db", db_url])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == sorted(f"{e}.csv" for e in ENTITIES)
    tables = {}
    for entity in ENTITIES:
        with (out / f"{entity}.csv").open(encoding="utf-8", newline="") as f:
            tables[entity] = list(csv.DictReader(f))
    assert len(tables["meetings"]) == 2 and len(tables["items"]) == 4
    meeting_ids = {r["id"] for r in tables["meetings"]}
    item_ids = {r["id"] for r in tables["items"]}
    assert {r["meeting_id"] for r in tables["items"]} == meeting_ids
    for entity in ("attendees", "topics", "undertakings", "decisions", "recorded_votes",
                   "apologies", "substitutes", "declarations", "supporting_documents"):
        assert tables[entity], entity
        assert {r["item_id"] for r in tables[entity]} <= item_ids, entity
    vote_ids = {r["id"] for r in tables["recorded_votes"]}
    assert {r["vote_id"] for r in tables["recorded_vote_members"]} == vote_ids
    assert result.stderr.startswith(f"Wrote {out}: documents.csv 2, meetings.csv 2, items.csv 4")


def test_ocd_events_and_vote_events(db_url: str, tmp_path: Path) -> None:
    with open_store(db_url) as store:
        fill(store)
    out = tmp_path / "ocd"
    result = CliRunner().invoke(main, ["export", "--format", "ocd", "--out", str(out),
                                       "--db", db_url])
    assert result.exit_code == 0, result.output
    uid = meeting_uid("https://example.org/m/101")
    event = json.loads((out / f"event_{uid}.json").read_text())
    assert event["_type"] == "event" and event["id"] == f"ocd-event/{uid}"
    assert event["name"] == "Communities Scrutiny Committee"
    assert event["start_date"] == "2024-03-05" and event["classification"] == "committee-meeting"
    assert [a["order"] for a in event["agenda"]] == ["1", "2", "3"]
    library = event["agenda"][2]
    assert library["subjects"] == ["Opening hours"]
    assert "Undertaking by Councillor Sam Whitby: circulate the visitor figures for rural " \
           "branches" in library["notes"]
    assert {"name": "Ruth Adeyemi", "entity_type": "person", "note": "Head of Libraries"} \
        in library["related_entities"]
    assert {"name": "Ruth Adeyemi", "entity_type": "person", "note": "Head of Libraries"} \
        in event["participants"]
    assert event["documents"][0]["links"][0]["url"] == "https://example.org/d/1.pdf"
    assert event["sources"][0]["url"].startswith("https://democracy.example.org/")
    vote_ref = next(e for e in library["related_entities"] if e["entity_type"] == "vote_event")
    vote_files = list(out.glob("vote_event_*.json"))
    assert len(vote_files) == 1
    vote = json.loads(vote_files[0].read_text())
    assert vote["id"] == vote_ref["id"] and vote["event"] == event["id"]
    assert vote["counts"] == [{"option": "yes", "value": 3}, {"option": "no", "value": 1}]
    assert vote["result"] == "pass"
    assert {"option": "no", "voter_name": "Hale", "note": ""} in vote["votes"]
    assert result.stderr == f"Wrote {out}: events 2, vote_events 1\n"


def test_export_usage_errors(tmp_path: Path) -> None:
    runner = CliRunner()
    missing = runner.invoke(main, ["export", "--db", str(tmp_path / "none.db")])
    assert missing.exit_code == 1
    assert missing.stderr == (f"Error: {tmp_path / 'none.db'}: no database here "
                              "(run `minutebook ingest` first)\n")
    open_store(str(tmp_path / "m.db")).close()
    no_out = runner.invoke(main, ["export", "--format", "csv", "--db", str(tmp_path / "m.db")])
    assert no_out.exit_code == 2
    assert no_out.stderr == "Error: --out DIR is needed for csv (it writes several files)\n"


def test_sqlite_file_is_set_up_the_way_datasette_expects(tmp_path: Path) -> None:
    path = tmp_path / "m.db"
    with open_store(str(path)) as store:
        fill(store)
    conn = sqlite3.connect(path)
    for table, _, _ in SEARCHABLE.values():
        # The query Datasette runs to find a table's full-text index.
        found = conn.execute(
            "select name from sqlite_master where rootpage = 0 and ("
            f"sql like '%VIRTUAL TABLE%USING FTS%content=\"{table}\"%' "
            f"or sql like '%VIRTUAL TABLE%USING FTS%content=[{table}]%')"
        ).fetchall()
        assert found == [(f"{table}_fts",)]
        rows = conn.execute(f"select count(*) from {table} where rowid in "
                            f"(select rowid from {table}_fts where {table}_fts match 'hours')")
        assert rows.fetchone() is not None
    def first_key(table: str) -> tuple[str, str, str]:
        return tuple(conn.execute(f"select * from pragma_foreign_key_list('{table}')")
                     .fetchall()[0][2:5])

    assert first_key("items") == ("meetings", "meeting_id", "id")
    assert first_key("undertakings") == ("items", "item_id", "id")
    assert conn.execute("pragma journal_mode").fetchone() == ("wal",)
    conn.close()
