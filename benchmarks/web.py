"""Web benchmark: the app served by uvicorn, driven over HTTP from a separate process.

A corpus of ``--items`` items (default 100,000) is generated, never copied:
seeded records from ``tests/strategies.py``, each item given the text of its
printed minutes by :mod:`minutebook.render` and every fact a span where its
words stand in that text, saved into an SQLite file as ingest saves them.
The app then runs in its own process (``minutebook serve --port 0``) and this
process drives it on 127.0.0.1 with a bounded number of requests:

- **item page** ``/items/{id}`` for random items;
- **search page** ``/search?q=...`` and **search API** ``/api/search?q=...``
  for a fixed mix of queries (words, phrases, prefixes, OR, exclusions,
  filters by kind, committee and date, a second page).

Timing starts once the app has read the undertakings register (its
start-up work, reported). For each: p50/p95/max latency over ``--requests``
sequential requests on one keep-alive connection (after a warm-up), and
requests/s with ``--clients`` concurrent connections. Floors measured in
the same run: a static file over the same HTTP path (the framework's own
cost), and the same store calls made in-process (the database's cost); the
app's share is the rest.

Target (exit 1 when one fails): p95 <= 100 ms for each at 100,000 items.
The load average is printed: other work on the machine shows in the figures.

Usage::

    .venv/bin/python benchmarks/web.py                        # 100,000 items
    .venv/bin/python benchmarks/web.py --items 5000 --requests 100    # a quick run
    .venv/bin/python benchmarks/web.py --db /tmp/web100k.db   # keep the corpus, reuse it
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import re
import signal
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

import httpx  # noqa: E402

from minutebook.document import SourceDocument  # noqa: E402
from minutebook.models import Item, Meeting, Span  # noqa: E402
from minutebook.render import render_text  # noqa: E402
from minutebook.store import SearchQuery, open_store  # noqa: E402
from strategies import random_meeting  # noqa: E402

TARGET_P95_MS = 100.0
BATCH = 200
QUERIES: tuple[dict[str, str], ...] = (
    {"q": "budget"},
    {"q": "library"},
    {"q": "report back"},
    {"q": '"air quality"'},
    {"q": '"school transport"'},
    {"q": "transp*"},
    {"q": "parking OR permits"},
    {"q": "housing -repairs"},
    {"q": "(adoption OR foster) recruitment"},
    {"q": "consultation", "kind": "undertaking"},
    {"q": "deferred", "kind": "decision"},
    {"q": "recycling", "committee": "Cabinet"},
    {"q": "figures", "since": "2020-01-01"},
    {"q": "councillor circulate"},
    {"q": "budget", "page": "2"},
    {"q": "motion", "kind": "vote"},
)


def _find(text: str, words: str | None) -> Span | None:
    if not words:
        return None
    at = text.find(words)
    if at < 0:
        at = text.lower().find(words.lower())
    return Span(at, at + len(words)) if at >= 0 else None


def with_text_and_spans(meeting: Meeting, seed: int) -> Meeting:
    """Give each item its printed text, and each fact the span of its words in it."""
    for item in meeting.items:
        alone = Meeting(meeting.council, meeting.committee, meeting.date, None, [item])
        item.text = render_text(alone, style="numbered", seed=seed)
        _spans(item)
    return meeting


def _spans(item: Item) -> None:
    text = item.text
    for a in item.attendees:
        a.span = _find(text, a.name or a.role)
    for t in item.topics:
        t.span = _find(text, t.label)
    for u in item.undertakings:
        u.span = _find(text, u.action)
    for d in item.decisions:
        # The renderer prints a decision after its own lead-in; find its last words.
        d.span = _find(text, " ".join(d.text.split()[-6:]))
    for v in item.recorded_votes:
        v.span = _find(text, v.members[0] if v.members else None)
    for ap in item.apologies:
        ap.span = _find(text, ap.name)
    for s in item.substitutes:
        s.span = _find(text, s.member)
    for dc in item.declarations:
        dc.span = _find(text, dc.member)


def corpus(seed: int, items: int) -> Iterator[Meeting]:
    """Meetings with text and spans, ``items`` items in all."""
    rng = random.Random(seed)
    made = 0
    n = 0
    while made < items:
        meeting = random_meeting(rng)
        meeting.items = meeting.items[: items - made]
        made += len(meeting.items)
        n += 1
        yield with_text_and_spans(meeting, n)


def build(db: str, items: int, seed: int) -> float:
    """Fill ``db`` with the corpus; seconds taken."""
    start = time.perf_counter()
    done = 0
    with open_store(db) as store:
        batch: list[tuple[SourceDocument, str, Meeting]] = []
        for n, meeting in enumerate(corpus(seed, items)):
            key = f"bench://meeting/{n}"
            batch.append((SourceDocument(key=key, content=key.encode()), f"h{n}", meeting))
            done += len(meeting.items)
            if len(batch) >= BATCH:
                store.save_meetings(batch)
                batch = []
                print(f"\r  {done:,} items", end="", file=sys.stderr, flush=True)
        if batch:
            store.save_meetings(batch)
        checkpoint = getattr(store, "checkpoint", None)
        if checkpoint is not None:
            checkpoint()
    print(file=sys.stderr)
    return time.perf_counter() - start


def stored_items(db: str) -> int:
    if not os.path.exists(db):
        return 0
    with sqlite3.connect(db) as conn:
        try:
            return int(conn.execute("SELECT count(*) FROM items").fetchone()[0])
        except sqlite3.Error:
            return 0


class Server:
    """``minutebook serve`` in its own process on a free port of 127.0.0.1."""

    def __init__(self, db: str) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-c", "from minutebook.cli import main; main()", "serve",
             "--db", db, "--port", "0"],
            stdout=subprocess.PIPE, text=True, env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )
        assert self.process.stdout is not None
        line = self.process.stdout.readline()
        found = re.search(r"http://127\.0\.0\.1:\d+", line)
        if not found:
            self.stop()
            raise SystemExit(f"the server did not start: {line!r}")
        self.url = found[0]

    def stop(self) -> None:
        self.process.send_signal(signal.SIGINT)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        if self.process.stdout is not None:
            self.process.stdout.close()


@dataclass
class Result:
    """One endpoint's figures."""

    name: str
    latencies: list[float]
    rate: float
    errors: int

    def pct(self, q: int) -> float:
        ms = sorted(x * 1000 for x in self.latencies)
        if len(ms) < 2:
            return ms[0] if ms else 0.0
        return statistics.quantiles(ms, n=100, method="inclusive")[q - 1]

    @property
    def worst(self) -> float:
        return max(self.latencies) * 1000 if self.latencies else 0.0


def drive(url: str, paths: list[str], clients: int) -> Result:
    """Time ``paths`` one after another, then again from ``clients`` threads at once."""
    errors = 0
    latencies: list[float] = []
    with httpx.Client(base_url=url, trust_env=False, timeout=60) as client:
        for path in paths[: max(5, len(paths) // 10)]:
            client.get(path)
        for path in paths:
            start = time.perf_counter()
            response = client.get(path)
            latencies.append(time.perf_counter() - start)
            errors += response.status_code != 200

    lock = threading.Lock()
    queue = list(paths)

    def worker() -> None:
        nonlocal errors
        with httpx.Client(base_url=url, trust_env=False, timeout=60) as client:
            while True:
                with lock:
                    if not queue:
                        return
                    path = queue.pop()
                failed = client.get(path).status_code != 200
                if failed:
                    with lock:
                        errors += 1

    threads = [threading.Thread(target=worker) for _ in range(clients)]
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    rate = len(paths) / (time.perf_counter() - start)
    return Result("", latencies, rate, errors)


def in_process(calls: list[Callable[[], object]]) -> Result:
    """The floor: the same store calls, no HTTP, no templates."""
    latencies = []
    for call in calls[: max(5, len(calls) // 10)]:
        call()
    for call in calls:
        start = time.perf_counter()
        call()
        latencies.append(time.perf_counter() - start)
    total = sum(latencies)
    return Result("", latencies, len(calls) / total if total else 0.0, 0)


def _query(params: dict[str, str]) -> SearchQuery:
    page = int(params.get("page", "1"))
    return SearchQuery(
        params["q"], committee=params.get("committee"),
        since=dt.date.fromisoformat(params["since"]) if "since" in params else None,
        kinds=(params["kind"],) if "kind" in params else (),  # type: ignore[arg-type]
        limit=20, offset=(page - 1) * 20,
    )


def _api_params(params: dict[str, str]) -> dict[str, str]:
    """The search page's parameters as the API takes them (``offset`` for ``page``)."""
    out = {k: v for k, v in params.items() if k != "page"}
    if "page" in params:
        out["offset"] = str((int(params["page"]) - 1) * 20)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--items", type=int, default=100_000, help="items in the corpus")
    parser.add_argument("--requests", type=int, default=300,
                        help="timed requests per endpoint (default 300)")
    parser.add_argument("--clients", type=int, default=4,
                        help="concurrent connections for requests/s (default 4)")
    parser.add_argument("--seed", type=int, default=0, help="corpus seed (default 0)")
    parser.add_argument("--db", help="SQLite file to build (kept) or reuse if it holds the corpus")
    args = parser.parse_args(argv)
    if args.items < 1 or args.requests < 1 or args.clients < 1:
        parser.error("--items, --requests and --clients must be at least 1")

    workdir = None
    if args.db:
        db = args.db
    else:
        workdir = tempfile.TemporaryDirectory(prefix="minutebook-web-bench-")
        db = os.path.join(workdir.name, "web.db")
    print("minutebook web benchmark")
    print(f"  python {sys.version.split()[0]}, {os.cpu_count()} CPUs, "
          f"load average {os.getloadavg()[0]:.2f} at start")
    have = stored_items(db)
    if have == args.items:
        print(f"  corpus: reusing {db} ({have:,} items)")
    else:
        if have:
            raise SystemExit(f"{db} holds {have:,} items, not {args.items:,}: use another file")
        seconds = build(db, args.items, args.seed)
        print(f"  corpus: {args.items:,} items generated and stored in {seconds:.1f} s")
    print(f"  database: {os.path.getsize(db) / 1e6:,.0f} MB, {args.requests} timed requests "
          f"per endpoint, {args.clients} clients for requests/s")

    rng = random.Random(args.seed)
    with sqlite3.connect(db) as conn:
        every = [int(r[0]) for r in conn.execute("SELECT id FROM items")]
    ids = [rng.choice(every) for _ in range(args.requests)]
    mix = [QUERIES[i % len(QUERIES)] for i in range(args.requests)]
    rng.shuffle(mix)

    endpoints = {
        "item page": [f"/items/{i}" for i in ids],
        "search page": [f"/search?{urlencode(q)}" for q in mix],
        "/api/search": [f"/api/search?{urlencode(_api_params(q))}" for q in mix],
        "static file (floor)": ["/static/style.css"] * args.requests,
    }
    server = Server(db)
    results: dict[str, Result] = {}
    try:
        # The app reads the undertakings register in the background at start-up; wait
        # for it so its first read does not share the processor with the timed requests.
        start = time.perf_counter()
        with httpx.Client(base_url=server.url, trust_env=False, timeout=600) as client:
            ready = client.get("/api/undertakings", params={"limit": 1})
        print(f"  undertakings register read by the app in {time.perf_counter() - start:.1f} s "
              f"({ready.json().get('total', '?'):,} undertakings)")
        for name, paths in endpoints.items():
            results[name] = drive(server.url, paths, args.clients)
    finally:
        server.stop()

    with open_store(db, create=False) as store:
        floors = {
            "item page": in_process([lambda i=i: store.get_item(i) for i in ids]),
            "search page": in_process([lambda q=q: store.search(_query(q)) for q in mix]),
        }
        floors["/api/search"] = floors["search page"]

    print(f"  load average {os.getloadavg()[0]:.2f} at end")
    print()
    print(f"{'endpoint':<22}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}{'req/s':>9}{'errors':>8}"
          f"{'store p50':>11}{'store p95':>11}  target")
    failed = False
    for name, r in results.items():
        floor = floors.get(name)
        target = ""
        if floor is not None:
            ok = r.pct(95) <= TARGET_P95_MS and r.errors == 0
            failed |= not ok
            target = f"p95 <= {TARGET_P95_MS:.0f} ms: {'PASS' if ok else 'FAIL'}"
        store_cols = (f"{floor.pct(50):>11.1f}{floor.pct(95):>11.1f}" if floor
                      else f"{'':>11}{'':>11}")
        print(f"{name:<22}{r.pct(50):>9.1f}{r.pct(95):>9.1f}{r.worst:>9.1f}{r.rate:>9.0f}"
              f"{r.errors:>8}{store_cols}  {target}")
    print()
    print("store p50/p95: the same Store calls in-process (no HTTP, no templates): the floor.")
    if workdir is not None:
        workdir.cleanup()
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
