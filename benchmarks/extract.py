"""Extraction throughput against a floor: how much slower than merely reading the HTML?

A corpus of generated minutes (``tests/strategies.py`` records rendered by
:mod:`minutebook.render` as ModernGov HTML, ``modgov_item`` style) is put
through two passes in one process on one core:

- **floor**: the same HTML turned into text by the same parser
  (:func:`minutebook.convert.html.html_to_text`; selectolax's own ``text()``
  until that exists), the least any extraction must do;
- **full**: ``extract(convert(page))``, as the CLI and the crawler run it.

For reference, a row "(parser alone)" shows selectolax's bare parse and
``text()``, below which no HTML reading can go; it has no target.

Each pass runs ``--repeat`` times and the fastest is reported (the others
measured noise); the load average is printed so a busy machine shows. Peak
memory is measured in a separate pass under tracemalloc over the first
1,000 pages (tracemalloc slows Python several times, so it stays out of the
timed passes, and per-page work does not grow with the corpus); selectolax
allocates its parse tree through Python's allocator, so about 1 MB of any
peak is the parser's arena. The corpus is the
same for the same ``--seed``, ``--items`` and ``--per-page``, so figures are
comparable run to run.

Usage::

    .venv/bin/python benchmarks/extract.py               # 10,000 items, one per page
    .venv/bin/python benchmarks/extract.py --items 500   # a quick run
    .venv/bin/python benchmarks/extract.py --per-page 6  # meeting pages of six items

Exits 1 when a target fails.
"""

from __future__ import annotations

import argparse
import gc
import os
import platform
import random
import resource
import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from minutebook.convert import convert  # noqa: E402
from minutebook.extract import extract  # noqa: E402
from minutebook.models import Meeting  # noqa: E402
from minutebook.render import render_html  # noqa: E402
from strategies import random_meeting  # noqa: E402

TARGET_ITEMS_PER_S = 1_000
TARGET_RATIO = 5.0
MEMORY_PAGES = 1_000


def floor_converter() -> tuple[str, Callable[[bytes], str]]:
    """The plain HTML-to-text conversion extraction builds on, and its name."""
    try:
        from minutebook.convert.html import html_to_text
    except ImportError:
        from selectolax.lexbor import LexborHTMLParser

        def selectolax_text(data: bytes) -> str:
            return LexborHTMLParser(data.decode("utf-8")).text()

        return "selectolax LexborHTMLParser(html).text()", selectolax_text

    def to_text(data: bytes) -> str:
        return str(html_to_text(data.decode("utf-8")))

    return "minutebook.convert.html.html_to_text", to_text


def pages(items: int, per_page: int, seed: int) -> Iterator[Meeting]:
    """Meetings of ``per_page`` items (the last may hold fewer), ``items`` items in all."""
    rng = random.Random(seed)
    left = items
    while left > 0:
        meeting = random_meeting(rng)
        for start in range(0, len(meeting.items), per_page):
            chunk = meeting.items[start : start + per_page][:left]
            if not chunk:
                return
            yield Meeting(meeting.council, meeting.committee, meeting.date, None, chunk)
            left -= len(chunk)


@dataclass
class Pass:
    """The fastest of a pass's runs: total seconds and per-page latencies."""

    seconds: float
    latencies: list[float]
    errors: int
    first_error: str


def timed(corpus: list[bytes], work: Callable[[bytes], object], repeat: int) -> Pass:
    best: Pass | None = None
    for _ in range(repeat):
        gc.collect()
        latencies, errors, first = [], 0, ""
        clock = time.perf_counter
        start = clock()
        for page in corpus:
            t0 = clock()
            try:
                work(page)
            except Exception as exc:  # a page extraction refuses is counted, not fatal
                errors += 1
                first = first or f"{type(exc).__name__}: {exc}"
            latencies.append(clock() - t0)
        seconds = clock() - start
        if best is None or seconds < best.seconds:
            best = Pass(seconds, latencies, errors, first)
    assert best is not None
    return best


def traced_peak(corpus: list[bytes], work: Callable[[bytes], object]) -> int:
    """Peak bytes Python allocated while ``work`` ran over the corpus (corpus excluded)."""
    gc.collect()
    tracemalloc.start()
    tracemalloc.reset_peak()
    base = tracemalloc.get_traced_memory()[0]
    for page in corpus:
        try:
            work(page)
        except Exception:
            pass
    peak = tracemalloc.get_traced_memory()[1] - base
    tracemalloc.stop()
    return peak


def parser_only(page: bytes) -> str:
    from selectolax.lexbor import LexborHTMLParser

    return LexborHTMLParser(page.decode("utf-8")).text()


def full(page: bytes) -> Meeting:
    return extract(convert(page, source="generated.html"))


def pin_one_core() -> str:
    """Run on one CPU so figures do not depend on how many the machine has."""
    if hasattr(os, "sched_setaffinity"):
        cpu = min(os.sched_getaffinity(0))
        os.sched_setaffinity(0, {cpu})
        return f"pinned to CPU {cpu}"
    return "not pinned (no sched_setaffinity)"


def percentile(values: list[float], q: int) -> float:
    if len(values) < 2:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1]


def row(name: str, p: Pass, items: int, mb: float) -> str:
    ms = [x * 1000 for x in p.latencies]
    return (f"{name:<24}{items / p.seconds:>11,.0f}{mb / p.seconds:>9.2f}"
            f"{percentile(ms, 50):>12.3f}{percentile(ms, 95):>12.3f}{p.seconds:>9.2f}"
            f"{p.errors:>8}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--items", type=int, default=10_000, help="items in the corpus")
    parser.add_argument("--per-page", type=int, default=1,
                        help="items per page: 1 gives mgAi agenda-item pages, more gives "
                             "meeting pages (default 1)")
    parser.add_argument("--seed", type=int, default=0, help="corpus seed (default 0)")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs per pass, best kept")
    args = parser.parse_args(argv)
    if args.items < 1 or args.per_page < 1 or args.repeat < 1:
        parser.error("--items, --per-page and --repeat must be at least 1")

    pinned = pin_one_core()
    floor_name, floor = floor_converter()
    t0 = time.perf_counter()
    meetings = list(pages(args.items, args.per_page, args.seed))
    corpus = [render_html(m, "modgov_item").encode("utf-8") for m in meetings]
    built = time.perf_counter() - t0
    items = sum(len(m.items) for m in meetings)
    size = sum(len(p) for p in corpus)
    mb = size / 1e6
    layout = ("one item per page: ModernGov agenda-item pages (mgAi.aspx)" if args.per_page == 1
              else f"up to {args.per_page} items per page: ModernGov meeting pages "
                   "(ieListDocuments.aspx)")

    print("minutebook extraction benchmark")
    print(f"python {platform.python_version()} on {platform.machine()}, single process, {pinned}")
    print(f"corpus: {items:,} items on {len(corpus):,} pages, {mb:.2f} MB of HTML, "
          f"seed {args.seed}, built in {built:.1f} s")
    print(f"        {layout}, modgov_item style")
    print(f"floor:  {floor_name}")
    load = " ".join(f"{x:.2f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "?"
    print(f"timing: best of {args.repeat} runs per pass; load average {load}")

    for page in corpus[:50]:  # warm caches and imports before timing
        floor(page)
        try:
            full(page)
        except Exception:
            pass
    parser_pass = timed(corpus, parser_only, args.repeat)
    floor_pass = timed(corpus, floor, args.repeat)
    full_pass = timed(corpus, full, args.repeat)
    sample = corpus[:MEMORY_PAGES]
    peak_floor = traced_peak(sample, floor)
    peak_full = traced_peak(sample, full)
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux

    print()
    print(f"{'pass':<24}{'items/s':>11}{'MB/s':>9}{'p50 ms/pg':>12}{'p95 ms/pg':>12}"
          f"{'total s':>9}{'errors':>8}")
    print(row("(parser alone)", parser_pass, items, mb))
    print(row("floor (HTML to text)", floor_pass, items, mb))
    print(row("full (convert+extract)", full_pass, items, mb))
    ratio = full_pass.seconds / floor_pass.seconds
    print()
    print(f"ratio full/floor: {ratio:.2f}x")
    print(f"peak memory: floor {peak_floor / 1e6:.2f} MB, full {peak_full / 1e6:.2f} MB "
          f"allocated at once (tracemalloc, first {len(sample):,} pages); "
          f"process max RSS {rss_mb:.0f} MB")
    if full_pass.errors:
        print(f"errors: {full_pass.errors:,} pages raised, first: {full_pass.first_error}")
    print()
    rate = items / full_pass.seconds
    checks = [
        (rate >= TARGET_ITEMS_PER_S,
         f"throughput >= {TARGET_ITEMS_PER_S:,} items/s: {rate:,.0f} items/s"),
        (ratio <= TARGET_RATIO, f"within {TARGET_RATIO:.0f}x of the floor: {ratio:.2f}x"),
        (full_pass.errors == 0, f"every page extracted: {full_pass.errors:,} errors"),
    ]
    for ok, text in checks:
        print(f"{'PASS' if ok else 'FAIL'}  {text}")
    return 0 if all(ok for ok, _ in checks) else 1


if __name__ == "__main__":
    sys.exit(main())
