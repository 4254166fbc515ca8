"""``minutebook ingest``: idempotent, atomic per document, safe to kill, safe to run twice at once.

Each test runs against a SQLite file and a PostgreSQL database (``db_url``).
What a file should store is computed with the library's own convert and
extract, so these tests hold whatever the extractor learns.
"""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from minutebook.cli import main
from minutebook.convert import convert
from minutebook.document import SourceDocument
from minutebook.extract import extract
from minutebook.ingest import find_files, ingest_documents, ingest_paths
from minutebook.models import Meeting
from minutebook.store import SearchQuery, Store, open_store
from minutebook.store.rows import meeting_uid
from storedata import write_minutes

MINUTEBOOK = str(Path(sys.executable).parent / "minutebook")


def expected(path: Path) -> Meeting:
    return extract(convert(path.read_bytes(), source=str(path)))


def stored_meeting(store: Store, path: Path) -> Meeting:
    """The meeting stored for ``path``, rebuilt from the database."""
    key = str(path.resolve())
    for row in store.export_rows("meetings"):
        if row["document_key"] == key:
            record = store.get_meeting(int(row["id"]))
            assert record is not None
            items = []
            for summary in record.items:
                item = store.get_item(summary.id)
                assert item is not None
                items.append(item.item)
            return Meeting(record.summary.council, record.summary.committee,
                           record.summary.date, record.summary.source_url, items)
    raise AssertionError(f"{key} is not stored")


def assert_consistent(db_url: str, files: list[Path], *, sample: int = 12) -> int:
    """Every stored document has its whole meeting; returns how many are stored.

    Row counts are checked for every meeting; full records against a fresh
    extraction for ``sample`` of them (extraction is the slow part).
    """
    with open_store(db_url) as store:
        counts = store.counts()
        assert counts["documents"] == counts["meetings"]
        stored = {row["key"] for row in store.export_rows("documents")}
        items_per_meeting: dict[str, int] = {}
        for row in store.export_rows("items"):
            items_per_meeting[row["meeting_uid"]] = items_per_meeting.get(row["meeting_uid"], 0) + 1
        stored_files = [p for p in files if str(p.resolve()) in stored]
        for path in stored_files[:sample // 2] + stored_files[-(sample // 2):]:
            want = expected(path)
            assert stored_meeting(store, path).items == want.items
            assert items_per_meeting[meeting_uid(str(path.resolve()))] == len(want.items)
        if stored_files:
            # The generated files share one layout, so every meeting has as many items.
            assert set(items_per_meeting.values()) == {len(expected(stored_files[0]).items)}
    if not db_url.startswith("postgresql://"):
        with sqlite3.connect(db_url) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
            assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
            for fts in ("items_fts", "topics_fts", "undertakings_fts", "decisions_fts",
                        "recorded_votes_fts"):
                conn.execute(f"INSERT INTO {fts}({fts}) VALUES ('integrity-check')")
    return len(stored)


def test_ingest_walks_folders_and_is_idempotent(db_url: str, tmp_path: Path) -> None:
    files = write_minutes(tmp_path / "in" / "2024", 4)
    files += write_minutes(tmp_path / "in" / "2023", 2, prefix="older")
    (tmp_path / "in" / "notes.md").write_text("not minutes")
    (tmp_path / "in" / ".hidden").mkdir()
    write_minutes(tmp_path / "in" / ".hidden", 1)
    upper = tmp_path / "in" / "SHOUTY.TXT"
    upper.write_bytes(files[0].read_bytes().replace(b"bus shelters", b"bus stations"))
    files.append(upper)
    runner = CliRunner()
    first = runner.invoke(main, ["ingest", "--db", db_url, "--workers", "1", str(tmp_path / "in")])
    assert first.exit_code == 0, first.output
    assert first.stdout == "Ingested: 7 stored (7 new, 0 replaced), 0 unchanged, 0 failed\n"
    assert first.stderr == "", "no progress bar when stderr is not a terminal"
    assert assert_consistent(db_url, files) == 7
    with open_store(db_url) as store:
        before = store.counts()
    again = runner.invoke(main, ["ingest", "--db", db_url, str(tmp_path / "in"), str(files[0])])
    assert again.exit_code == 0
    assert again.stdout == "Ingested: 0 stored (0 new, 0 replaced), 7 unchanged, 0 failed\n"
    with open_store(db_url) as store:
        assert store.counts() == before, "no duplicates"


def test_a_changed_file_replaces_its_old_version(db_url: str, tmp_path: Path) -> None:
    files = write_minutes(tmp_path, 3)
    with open_store(db_url) as store:
        ingest_paths(store, [tmp_path], workers=1)
        files[1].write_text(files[1].read_text().replace("street lighting", "lamp posts"))
        report = ingest_paths(store, [tmp_path], workers=1)
        assert (report.added, report.replaced, report.unchanged) == (0, 1, 2)
        assert store.counts()["documents"] == 3
        assert stored_meeting(store, files[1]).items == expected(files[1]).items
        assert store.search(SearchQuery('"lamp posts"')).total > 0
        assert store.search(SearchQuery('"street lighting"')).total == 0


def test_bad_files_are_reported_and_the_rest_go_in(db_url: str, tmp_path: Path) -> None:
    write_minutes(tmp_path / "in", 3)
    (tmp_path / "in" / "empty.txt").write_bytes(b"")
    (tmp_path / "in" / "binary.pdf").write_bytes(b"\x00\x01\x02 not a pdf at all")
    result = CliRunner().invoke(main, ["ingest", "--db", db_url, "--workers", "1",
                                       str(tmp_path / "in"), str(tmp_path / "missing")])
    assert result.exit_code == 1
    assert result.stdout == "Ingested: 3 stored (3 new, 0 replaced), 0 unchanged, 3 failed\n"
    errors = result.stderr.splitlines()
    assert len(errors) == 3
    assert f"Error: {tmp_path / 'in' / 'empty.txt'}: empty file" in errors
    assert f"Error: {tmp_path / 'missing'}: no such file or directory" in errors
    assert any(e.startswith(f"Error: {tmp_path / 'in' / 'binary.pdf'}: ") for e in errors)
    with open_store(db_url) as store:
        assert store.counts()["documents"] == 3


def test_parallel_workers_store_the_same_as_one(db_url: str, tmp_path: Path) -> None:
    files = write_minutes(tmp_path, 12)
    with open_store(db_url) as store:
        report = ingest_paths(store, [tmp_path], workers=2)
        assert (report.added, report.failed) == (12, 0)
        assert report.items == sum(len(expected(f).items) for f in files)
    assert assert_consistent(db_url, files) == 12


def test_ingest_documents_keys_by_url_and_uses_hints(db_url: str) -> None:
    body = b"1. Grass cutting\n\nThe Committee noted the grass cutting schedule.\n"
    docs = [SourceDocument(key=f"https://example.org/mgAi.aspx?ID={i}",
                           content=body + f"Reference {i}.\n".encode(),
                           url=f"https://example.org/mgAi.aspx?ID={i}",
                           council="Upland District Council", committee="Parks Committee")
            for i in range(1, 4)]
    with open_store(db_url) as store:
        report = ingest_documents(store, iter(docs), workers=1)
        assert (report.added, report.failed) == (3, 0)
        again = ingest_documents(store, docs, workers=1)
        assert (again.added, again.unchanged) == (0, 3)
        page = store.meetings()
        assert page.total == 3
        want = extract(convert(body, source="x", url=docs[0].url))
        assert {m.council for m in page.rows} == {want.council or "Upland District Council"}
        assert {m.committee for m in page.rows} == {want.committee or "Parks Committee"}
        assert {m.source_url for m in page.rows} == {d.url for d in docs}


def test_find_files_filters_suffixes_and_reports_missing(tmp_path: Path) -> None:
    for name in ("a.txt", "b.HTML", "c.htm", "d.xml", "e.pdf", "f.doc", "g.md"):
        (tmp_path / name).write_text("x")
    found = list(find_files([tmp_path, tmp_path / "a.txt", tmp_path / "nope"]))
    names = [p.name for p in found if isinstance(p, Path)]
    assert names == ["a.txt", "b.HTML", "c.htm", "d.xml", "e.pdf"]
    assert [str(e) for e in found if not isinstance(e, Path)] == [
        f"{tmp_path / 'nope'}: no such file or directory"]


def _count(db_url: str) -> int:
    if db_url.startswith("postgresql://"):
        import psycopg

        with psycopg.connect(db_url) as conn:
            row = conn.execute("SELECT count(*) FROM documents").fetchone()
            return int(row[0]) if row else 0
    try:
        with sqlite3.connect(db_url, timeout=10) as conn:
            return int(conn.execute("SELECT count(*) FROM documents").fetchone()[0])
    except sqlite3.OperationalError:  # not created yet
        return 0


@pytest.mark.slow
@pytest.mark.parametrize("how", [signal.SIGKILL, signal.SIGINT], ids=["crash", "ctrl-c"])
def test_a_killed_ingest_leaves_a_consistent_database_and_a_rerun_completes(
    db_url: str, tmp_path: Path, how: signal.Signals
) -> None:
    files: list[Path] = []
    command = [MINUTEBOOK, "ingest", "--db", db_url, "--workers", "1", str(tmp_path / "in")]
    # Should the extractor get so fast that the folder is done before the signal
    # lands, the folder grows and the ingest (skipping what is stored) runs again.
    for attempt in range(4):
        files += write_minutes(tmp_path / "in", 400 * 4**attempt, start=len(files))
        before = _count(db_url)
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                   text=True)
        deadline = time.monotonic() + 60
        while (_count(db_url) == before and process.poll() is None
               and time.monotonic() < deadline):
            time.sleep(0.005)
        running = process.poll() is None
        process.send_signal(how)
        _, stderr = process.communicate(timeout=60)
        if running:
            break
    if how == signal.SIGKILL:
        assert process.returncode == -signal.SIGKILL
    else:
        assert process.returncode == 130, stderr
        assert stderr.startswith("Interrupted: "), stderr
    stored = assert_consistent(db_url, files)
    assert 0 < stored < len(files), "the process was stopped part-way"
    rerun = subprocess.run(command, capture_output=True, text=True, timeout=600)
    assert rerun.returncode == 0, rerun.stderr
    left = len(files) - stored
    assert rerun.stdout == (f"Ingested: {left} stored ({left} new, 0 replaced), "
                            f"{stored} unchanged, 0 failed\n")
    assert assert_consistent(db_url, files) == len(files)


@pytest.mark.slow
def test_two_ingests_of_different_folders_at_once_both_land(db_url: str, tmp_path: Path) -> None:
    one = write_minutes(tmp_path / "one", 150, prefix="one")
    two = write_minutes(tmp_path / "two", 150, prefix="two", start=150)
    processes = [
        subprocess.Popen([MINUTEBOOK, "ingest", "--db", db_url, "--workers", "1", str(folder)],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for folder in (tmp_path / "one", tmp_path / "two")
    ]
    for process in processes:
        stdout, stderr = process.communicate(timeout=300)
        assert process.returncode == 0, stderr
        assert stdout == "Ingested: 150 stored (150 new, 0 replaced), 0 unchanged, 0 failed\n"
    assert assert_consistent(db_url, one + two) == 300
