"""Crawl overhead against a floor: how much does politeness cost per request?

The fake ModernGov site from the tests (``tests/fakesite``) serves N meetings
on 127.0.0.1. Three passes with no rate limit worth the name (``--rate``
10,000/s), so what is measured is the client's own work:

- **floor**: a bare ``httpx.Client`` GETs the same URLs (robots.txt,
  GetCommittees, GetMeetings, every GetMeeting), with no cache and no journal;
- **first crawl**: ``PoliteClient`` + ``ModernGovSource`` + ``Crawler`` into a
  collecting sink, with robots.txt, the disk cache, and a synced journal line
  per meeting;
- **refresh**: the same crawl again with ``refresh=True``. Every request is
  conditional and answered 304.

Each pass prints requests/s and per-meeting latency (p50/p95). The target is
a first crawl no slower than 4x the floor per request. At the default
1 request/s, a crawl spends almost all its time waiting, so this overhead
matters only on machines far slower than the sites they read.

Usage::

    .venv/bin/python benchmarks/fetch.py                # 300 meetings
    .venv/bin/python benchmarks/fetch.py --meetings 60  # a quick run

Exits 1 when the target fails.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from fakesite import FakeModernGov, make_site  # noqa: E402
from minutebook.crawl import Crawler, Journal  # noqa: E402
from minutebook.document import SourceDocument  # noqa: E402
from minutebook.http import HttpSettings, PoliteClient  # noqa: E402
from minutebook.sources.moderngov import ModernGovSource  # noqa: E402

TARGET_RATIO = 4.0


def floor(site: FakeModernGov, paths: list[str]) -> tuple[float, list[float]]:
    latencies = []
    with httpx.Client() as client:
        started = time.perf_counter()
        for path in paths:
            t = time.perf_counter()
            client.get(site.url + path.lstrip("/")).raise_for_status()
            latencies.append(time.perf_counter() - t)
        return time.perf_counter() - started, latencies


def crawl(site: FakeModernGov, cache: Path, refresh: bool) -> tuple[float, list[float], int]:
    collected: list[SourceDocument] = []
    latencies = []
    with PoliteClient(HttpSettings(rate=10_000, cache_dir=cache)) as client:
        source = ModernGovSource(site.url, client=client)
        journal = Journal(cache / "journal.jsonl")
        started = time.perf_counter()
        refs = list(source.meetings())
        crawler = Crawler(source, collected.extend, journal, refresh=refresh)
        t = time.perf_counter()
        for _ in crawler.run(refs):
            now = time.perf_counter()
            latencies.append(now - t)
            t = now
        return time.perf_counter() - started, latencies, client.stats.requests


def line(name: str, seconds: float, requests: int, latencies: list[float]) -> str:
    p50 = statistics.median(latencies) * 1000
    p95 = statistics.quantiles(latencies, n=20)[-1] * 1000
    return (f"{name:<14} {requests:>6} req  {seconds:7.2f} s  {requests / seconds:8.0f} req/s  "
            f"p50 {p50:6.2f} ms  p95 {p95:6.2f} ms")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--meetings", type=int, default=300)
    args = parser.parse_args()
    committees = 3
    # Weekly meetings, so that all of them are in the past.
    data = make_site(max(1, args.meetings // committees), committees, every_days=7)
    with FakeModernGov(data) as site, tempfile.TemporaryDirectory() as tmp:
        cache = Path(tmp)
        first_seconds, first_lat, first_requests = crawl(site, cache, refresh=False)
        paths = [r.path for r in site.requests()]
        site.clear_log()
        floor_seconds, floor_lat = floor(site, paths)
        refresh_seconds, refresh_lat, refresh_requests = crawl(site, cache, refresh=True)
        assert all(r.status == 304 for r in site.requests() if r.conditional)
    print(f"{len(data.meetings)} meetings, {len(paths)} requests per crawl")
    print(line("floor (httpx)", floor_seconds, len(paths), floor_lat))
    print(line("first crawl", first_seconds, first_requests, first_lat))
    print(line("refresh (304)", refresh_seconds, refresh_requests, refresh_lat))
    ratio = (first_seconds / first_requests) / (floor_seconds / len(paths))
    verdict = "ok" if ratio <= TARGET_RATIO else "FAIL"
    print(f"first crawl per request: {ratio:.1f}x the floor (target <= {TARGET_RATIO:.0f}x) "
          f"{verdict}")
    return 0 if verdict == "ok" else 1


if __name__ == "__main__":
    sys.exit(main())
