"""Store benchmark: ingest throughput, database size and search latency, SQLite and PostgreSQL.

The corpus is generated, never copied: seeded records from
``tests/strategies.py`` whose items are given text by :mod:`minutebook.render`
(each item rendered as printed minutes), so the store indexes as much prose
as extraction would leave. Three measurements:

1. **ingest, end to end, one core**: a sample (``--e2e-items``) rendered as
   minutes files' bytes and put through :func:`minutebook.ingest.ingest_documents`
   with ``workers=1`` (convert, extract, store), into SQLite and PostgreSQL.
   The time inside the store is reported apart, as extraction dominates.
2. **store writes** at ``--items`` (default 100,000) into SQLite and
   PostgreSQL, and at ``--large-items`` (default 1,000,000) into SQLite:
   records saved in batches as ingest saves them (generation is not timed).
3. **search latency**: 50 fixed queries (words, phrases, prefixes, OR, NOT,
   filters) against each database; p50/p95 over three timed runs after one
   warm-up run. Database size is measured after a WAL checkpoint.

Targets (exit 1 when one fails): ingest >= 500 items/s on one core into
SQLite; search p95 <= 50 ms at 1,000,000 items. The floors, measured in the
same run: the same item rows written by one executemany into a table without
indexes, and a plain FTS5 MATCH of each query's first word (no ranking,
filters or snippets). The load average is printed: the figures are only
comparable on a quiet machine.

Usage::

    .venv/bin/python benchmarks/store.py                       # the full run (long)
    .venv/bin/python benchmarks/store.py --items 5000 --large-items 0 --e2e-items 500
    .venv/bin/python benchmarks/store.py --postgres postgresql://... # an existing server
"""

from __future__ import annotations

import argparse
import datetime as dt
import multiprocessing
import os
import random
import shutil
import sqlite3
import sys
import tempfile
import time
from collections import deque
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from minutebook.document import SourceDocument  # noqa: E402
from minutebook.errors import StoreError  # noqa: E402
from minutebook.ingest import BATCH_DOCUMENTS, ingest_documents  # noqa: E402
from minutebook.models import Meeting  # noqa: E402
from minutebook.render import render_text  # noqa: E402
from minutebook.store import SaveEntry, SaveOutcome, SearchQuery, Store, open_store  # noqa: E402
from strategies import random_meeting  # noqa: E402

TARGET_INGEST_ITEMS_PER_S = 500
TARGET_SEARCH_P95_MS = 50.0
CHUNK_MEETINGS = 1000

QUERIES: tuple[SearchQuery, ...] = (
    SearchQuery("pothole"),
    SearchQuery("adoption"),
    SearchQuery("recycling"),
    SearchQuery("mould"),
    SearchQuery("exclusions"),
    SearchQuery("apprenticeships"),
    SearchQuery("safeguarding"),
    SearchQuery("homelessness"),
    SearchQuery("flood"),
    SearchQuery("caseloads"),
    SearchQuery("library"),
    SearchQuery("placements"),
    SearchQuery("allocations"),
    SearchQuery("Dhillon"),
    SearchQuery("Whitfield"),
    SearchQuery("budget"),
    SearchQuery("consultation"),
    SearchQuery("report"),
    SearchQuery("committee"),
    SearchQuery('"pothole repairs"'),
    SearchQuery('"air quality"'),
    SearchQuery('"free school meals"'),
    SearchQuery('"temporary accommodation"'),
    SearchQuery('"home to school transport"'),
    SearchQuery('"damp and mould"'),
    SearchQuery('"task and finish group"'),
    SearchQuery('"youth justice plan"'),
    SearchQuery('"agency staff"'),
    SearchQuery('"waiting lists"'),
    SearchQuery('"site visit"'),
    SearchQuery("recruit*"),
    SearchQuery("adopt*"),
    SearchQuery("transp*"),
    SearchQuery("safeguard*"),
    SearchQuery("homeless*"),
    SearchQuery("flood OR drainage"),
    SearchQuery("budget -schools"),
    SearchQuery("(adoption OR foster) recruitment"),
    SearchQuery("mould -damp"),
    SearchQuery("licensing OR planning application"),
    SearchQuery("pothole", since=dt.date(2020, 1, 1)),
    SearchQuery('"air quality"', until=dt.date(2016, 12, 31)),
    SearchQuery("consultation", kinds=("undertaking",)),
    SearchQuery("deferred", kinds=("decision",)),
    SearchQuery("recycling", committee="Cabinet"),
    SearchQuery("budget", council="Kingsford City Council", since=dt.date(2022, 1, 1)),
    SearchQuery("report", person="Hussain"),
    SearchQuery("figures", kinds=("undertaking",), person="Okafor"),
    SearchQuery("motion", kinds=("vote",)),
    SearchQuery("school", kinds=("topic",), offset=40),
)
assert len(QUERIES) == 50


@dataclass
class Figures:
    """What one database measured."""

    label: str
    items: int = 0
    seconds: float = 0.0
    size: int = 0
    latencies: list[float] = field(default_factory=list)

    @property
    def rate(self) -> float:
        return self.items / self.seconds if self.seconds else 0.0

    def percentile(self, p: float) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))] * 1000


def with_text(meeting: Meeting, seed: int) -> Meeting:
    """Give each item the text of its printed minutes (the renderer's prose)."""
    for item in meeting.items:
        alone = Meeting(meeting.council, meeting.committee, meeting.date, None, [item])
        item.text = render_text(alone, style="numbered", seed=seed)
    return meeting


def _chunk(args: tuple[int, int]) -> list[Meeting]:
    seed, index = args
    rng = random.Random(seed * 1_000_003 + index)
    return [with_text(random_meeting(rng), index) for _ in range(CHUNK_MEETINGS)]


def corpus(seed: int, items: int) -> Iterator[list[Meeting]]:
    """Chunks of meetings totalling at least ``items`` items, made one chunk ahead elsewhere.

    A helper process generates the next chunk while this one stores the last,
    never more than two ahead, so the timed writes share the machine with at
    most one busy generator.
    """
    total = 0
    ctx = multiprocessing.get_context("spawn")
    with ctx.Pool(1) as pool:
        ahead = deque(pool.apply_async(_chunk, ((seed, i),)) for i in range(2))
        index = 2
        while True:
            chunk = ahead.popleft().get()
            ahead.append(pool.apply_async(_chunk, ((seed, index),)))
            index += 1
            kept: list[Meeting] = []
            for meeting in chunk:
                kept.append(meeting)
                total += len(meeting.items)
                if total >= items:
                    break
            yield kept
            if total >= items:
                return

class Floor:
    """The same item rows written by one executemany per chunk into a bare table."""

    def __init__(self, path: Path) -> None:
        self.conn = sqlite3.connect(path, isolation_level=None)
        self.conn.execute("PRAGMA journal_mode = WAL")
        self.conn.execute("CREATE TABLE t (a, b, c, d)")
        self.figures = Figures("floor")

    def save(self, chunk: list[Meeting]) -> None:
        rows = [(i, it.number, it.title, it.text) for m in chunk for i, it in enumerate(m.items)]
        start = time.perf_counter()
        self.conn.execute("BEGIN")
        self.conn.executemany("INSERT INTO t VALUES (?, ?, ?, ?)", rows)
        self.conn.execute("COMMIT")
        self.figures.seconds += time.perf_counter() - start
        self.figures.items += len(rows)


def write(stores: list[tuple[Store, Figures]], seed: int, items: int, prefix: str,
          floor: Floor | None = None) -> None:
    """Save the corpus into every store in ingest-sized batches; time only the saves."""
    n = 0
    for chunk in corpus(seed, items):
        entries = [(SourceDocument(key=f"{prefix}/{n + i}", content=b""), f"h{n + i}", m)
                   for i, m in enumerate(chunk)]
        n += len(chunk)
        count = sum(len(m.items) for m in chunk)
        for store, figures in stores:
            start = time.perf_counter()
            for i in range(0, len(entries), BATCH_DOCUMENTS):
                store.save_meetings(entries[i:i + BATCH_DOCUMENTS])
            figures.seconds += time.perf_counter() - start
            figures.items += count
        if floor is not None:
            floor.save(chunk)
        done = stores[0][1].items
        print(f"\r  {done:,} items written", end="", file=sys.stderr, flush=True)
    print(file=sys.stderr)


def search_latency(store: Store, figures: Figures, runs: int = 3) -> None:
    for query in QUERIES:
        store.search(query)
    for _ in range(runs):
        for query in QUERIES:
            start = time.perf_counter()
            store.search(query)
            figures.latencies.append(time.perf_counter() - start)


def floor_search(path: str) -> float:
    """p95 ms of a plain FTS5 MATCH (first 20 rowids) of each query's first word."""
    conn = sqlite3.connect(path)
    times: list[float] = []
    for query in QUERIES:
        word = query.text.strip('"(-').split()[0].rstrip("*")
        for _ in range(3):
            start = time.perf_counter()
            conn.execute("SELECT rowid FROM items_fts WHERE items_fts MATCH ? LIMIT 20",
                         (f'"{word}"',)).fetchall()
            times.append(time.perf_counter() - start)
    conn.close()
    times.sort()
    return times[int(0.95 * (len(times) - 1))] * 1000


def end_to_end(db: str, seed: int, items: int) -> tuple[float, float, int]:
    """Items/s through ingest_documents on one core, and the store's share of the time."""
    docs: list[SourceDocument] = []
    count = 0
    for chunk in corpus(seed + 1, items):
        for i, meeting in enumerate(chunk):
            text = render_text(meeting, style=("numbered", "modgov_item")[i % 2], seed=i)
            docs.append(SourceDocument(key=f"e2e/{len(docs)}", content=text.encode()))
            count += len(meeting.items)
    with open_store(db) as store:
        store_seconds = 0.0
        save = store.save_meetings

        def timed(
            entries: Sequence[SaveEntry], *, force: bool = False
        ) -> list[SaveOutcome | StoreError]:
            nonlocal store_seconds
            start = time.perf_counter()
            try:
                return save(entries, force=force)
            finally:
                store_seconds += time.perf_counter() - start

        store.save_meetings = timed  # type: ignore[method-assign]
        start = time.perf_counter()
        report = ingest_documents(store, docs, workers=1, progress=False)
        seconds = time.perf_counter() - start
    return report.items / seconds, store_seconds / seconds, report.items


def size_of(store: Store) -> int:
    checkpoint = getattr(store, "checkpoint", None)
    if checkpoint is not None:
        checkpoint()
    return int(store.size_bytes())


def report(figures: Figures, target: str = "") -> None:
    print(f"  {figures.label:<11} writes {figures.rate:8,.0f} items/s   size "
          f"{figures.size / 1e6:8,.1f} MB   search p50 {figures.percentile(50):6.1f} ms  "
          f"p95 {figures.percentile(95):6.1f} ms{target}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--items", type=int, default=100_000)
    parser.add_argument("--large-items", type=int, default=1_000_000)
    parser.add_argument("--e2e-items", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--postgres", help="an existing server's URL (else a throwaway one)")
    parser.add_argument("--no-postgres", action="store_true")
    parser.add_argument("--workdir", type=Path, help="where the databases go (kept)")
    args = parser.parse_args()

    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="minutebook-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    cluster = None
    if not args.no_postgres and args.postgres is None:
        from pgcluster import PgCluster, pg_bin

        if pg_bin() is None:
            print("PostgreSQL binaries missing: PostgreSQL figures skipped", file=sys.stderr)
        else:
            cluster = PgCluster.start({"shared_buffers": "256MB"})

    def pg(name: str) -> str | None:
        if args.no_postgres:
            return None
        if cluster is not None:
            return str(cluster.create_database(name))
        return str(args.postgres) if args.postgres else None

    print(f"minutebook store benchmark  (python {sys.version.split()[0]}, SQLite "
          f"{sqlite3.sqlite_version}, {os.cpu_count()} cores, load {os.getloadavg()[0]:.1f})")
    failed = False
    try:
        print(f"\nIngest, end to end (render -> convert -> extract -> store), one core, "
              f"{args.e2e_items:,} items:")
        for label, db in (("SQLite", str(workdir / "e2e.db")), ("PostgreSQL", pg("e2e"))):
            if db is None:
                continue
            rate, share, n = end_to_end(db, args.seed, args.e2e_items)
            mark = ""
            if label == "SQLite":
                ok = rate >= TARGET_INGEST_ITEMS_PER_S
                failed |= not ok
                mark = f"  target >= {TARGET_INGEST_ITEMS_PER_S}: {'PASS' if ok else 'FAIL'}"
            print(f"  {label:<11} {rate:8,.0f} items/s  ({n:,} items extracted; "
                  f"{share:.0%} of the time in the store){mark}")

        print(f"\nStore writes and search at {args.items:,} items:")
        floor = Floor(workdir / "floor.db")
        runs = [(open_store(str(workdir / "bench.db")), Figures("SQLite"))]
        url = pg("bench")
        if url:
            runs.append((open_store(url), Figures("PostgreSQL")))
        write(runs, args.seed, args.items, "bench", floor)
        print(f"  {'floor':<11} writes {floor.figures.rate:8,.0f} items/s   "
              "(the item rows alone: one executemany, no index)")
        for store, figures in runs:
            figures.size = size_of(store)
            search_latency(store, figures)
            report(figures)
            store.close()
        print(f"  {'floor':<11} search p95 {floor_search(str(workdir / 'bench.db')):6.1f} ms "
              "(a plain FTS5 MATCH of each query's first word, 20 rows)")

        if args.large_items:
            print(f"\nSQLite at {args.large_items:,} items:")
            large = Figures("SQLite")
            with open_store(str(workdir / "large.db")) as store:
                write([(store, large)], args.seed + 7, args.large_items, "large")
                large.size = size_of(store)
                search_latency(store, large)
            ok = large.percentile(95) <= TARGET_SEARCH_P95_MS
            failed |= not ok
            report(large, f"  target p95 <= {TARGET_SEARCH_P95_MS:.0f} ms: "
                          f"{'PASS' if ok else 'FAIL'}")
            print(f"  {'floor':<11} search p95 {floor_search(str(workdir / 'large.db')):6.1f} ms")
        print(f"\n(load average at the end: {os.getloadavg()[0]:.1f})")
    finally:
        if cluster is not None:
            cluster.stop()
        if args.workdir is None:
            shutil.rmtree(workdir, ignore_errors=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
