"""Follow-up detection at scale: 100,000 items, 10,000 open undertakings, under 60 seconds.

A synthetic record is written to an SQLite file through the Store (no
extraction: that has its own benchmark): ``--councils`` councils with five
committees each, monthly meetings of ten items over several years, every
item about one of 400 subjects with a few sentences of text. ``--promises``
items carry an undertaking about their subject; for half of them an item
at a later meeting of the same committee answers it, in the words a
follow-up uses ("further to the information requested at the last
meeting", or only the subject), while the subject also recurs elsewhere.

Timed, in one process:

- **floor**: reading every item's words from the store and stemming them
  once, the least any detection over these items must do;
- **full**: :func:`minutebook.track.followup.propose` for every open
  undertaking, as ``minutebook undertakings follow-ups`` runs it: the
  register (due dates, statuses), loading, indexing, scoring, ranking.

Also shown: per-undertaking latency of the scoring alone (p50, p95), the
share of planted answers ranked first, and peak memory (max RSS). The
embedding model is off (``MINUTEBOOK_SEMANTIC=0``): the lexical path is the
one that must scale; ``--semantic N`` times the re-ranking of N
undertakings separately when the extra is installed.

Usage::

    .venv/bin/python benchmarks/track.py                       # 100,000 items, 10,000 promises
    .venv/bin/python benchmarks/track.py --items 20000 --promises 2000   # a quick run

Exits 1 when a target fails.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import random
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ["MINUTEBOOK_SEMANTIC"] = "0"

from minutebook.document import SourceDocument  # noqa: E402
from minutebook.models import Decision, Item, Meeting, Topic, Undertaking  # noqa: E402
from minutebook.store import open_store  # noqa: E402
from minutebook.track.data import DB  # noqa: E402
from minutebook.track.followup import FollowupFinder, propose  # noqa: E402
from minutebook.track.register import entries  # noqa: E402
from minutebook.track.similarity import semantic_model, stems  # noqa: E402

TARGET_SECONDS = 60.0
TARGET_TOP1 = 0.8
ITEMS_PER_MEETING = 10
COMMITTEES = ("Children's Scrutiny", "Adults Scrutiny", "Cabinet", "Planning", "Audit")

_SUBJECT_WORDS = (
    "school transport library parking housing homelessness waste recycling flood drainage "
    "pothole highway bus cycle lane tree park playground leisure pool museum archive theatre "
    "grant tenancy repair damp mould heating energy solar carbon emission air quality noise "
    "licensing taxi alcohol gambling market street lighting cctv antisocial youth club "
    "fostering adoption residential placement care leaver apprenticeship skills employment "
    "business rates council tax reserves borrowing pension procurement contract audit fraud "
    "safeguarding exploitation domestic abuse refuge hospital discharge dementia carers "
    "respite autism disability transition reablement homecare nursing vaccination obesity "
    "smoking drugs sexual health dentistry pharmacy allotment cemetery crematorium planning "
    "enforcement heritage conservation affordable viability infrastructure broadband digital "
    "website complaint translation census election boundary ward member allowance scrutiny"
).split()
_FILLER = (
    "Members discussed the report in detail and raised several points.",
    "The officer outlined the background and the options available.",
    "Concern was expressed about the pressures on the service this year.",
    "The Chair thanked the officers for a clear and helpful report.",
    "It was noted that further work was under way with partners.",
    "Members welcomed the progress made since the last review.",
)
_REPLY = (
    "Further to the information requested at the last meeting, the Committee received {s}.",
    "The information had been circulated to Members: {s}.",
    "The Committee received figures on {s}.",
)


def _subjects(rng: random.Random) -> list[str]:
    out = set()
    while len(out) < 400:
        out.add(" ".join(rng.sample(_SUBJECT_WORDS, 3)))
    return sorted(out)


def build(path: str, items: int, promises: int, councils: int, seed: int) -> dict[str, str]:
    """Write the synthetic record; returns planted answers: promise action -> answer title."""
    rng = random.Random(seed)
    subjects = _subjects(rng)
    meetings_needed = items // ITEMS_PER_MEETING
    per_body = max(1, meetings_needed // (councils * len(COMMITTEES)))
    start = dt.date(2017, 1, 10)
    # Items answering a promise cannot carry one, hence a little above promises/items.
    rate = min(1.0, 1.3 * promises / items)
    planted: dict[str, str] = {}
    pending: dict[tuple[str, str], list[tuple[str, str]]] = {}
    n = 0
    with open_store(path) as store:
        batch = []
        for month in range(per_body):
            for c in range(councils):
                council = f"Benchmark Council {c:03d}"
                for committee in COMMITTEES:
                    date = start + dt.timedelta(days=30 * month + c % 7)
                    meeting = Meeting(council, committee, date)
                    body = (council, committee)
                    answers = pending.pop(body, [])
                    for k in range(ITEMS_PER_MEETING):
                        subject = rng.choice(subjects)
                        title = f"{subject.title()} Update"
                        text = " ".join(rng.sample(_FILLER, 3))
                        decisions = [Decision("noted", "the report be noted")]
                        undertakings = []
                        if answers and k < len(answers):
                            a_subject, reply = answers[k]
                            title = f"{a_subject.title()}: Information Requested"
                            text = reply + " " + text
                        elif rng.random() < rate and len(planted) < promises:
                            action = f"provide figures on {subject} number {n}"
                            undertakings = [Undertaking("Director of Services", action,
                                                        f"The Director undertook to {action}.")]
                            text += f" The Director undertook to {action}."
                            if rng.random() < 0.5:
                                reply = rng.choice(_REPLY).format(s=subject)
                                pending.setdefault(body, []).append((subject, reply))
                                planted[action] = f"{subject.title()}: Information Requested"
                            else:
                                planted[action] = ""
                        meeting.items.append(Item(
                            str(k + 1), title, text=f"{title}\n{text}",
                            topics=[Topic(subject.title(), text)], decisions=decisions,
                            undertakings=undertakings))
                        n += 1
                    key = f"bench://{c}/{committee}/{date.isoformat()}"
                    batch.append((SourceDocument(key=key, content=key.encode()), key, meeting))
                    if len(batch) >= 200:
                        store.save_meetings(batch)
                        batch = []
        if batch:
            store.save_meetings(batch)
        counts = store.counts()
    print(f"record: {counts['meetings']:,} meetings, {counts['items']:,} items, "
          f"{counts['undertakings']:,} undertakings ({sum(bool(v) for v in planted.values()):,}"
          " with a planted answer)")
    return planted


def floor(path: str) -> float:
    """Read every item's words and stem them once (wall seconds)."""
    began = time.perf_counter()
    with open_store(path) as store:
        db = DB(store)
        for item in db.items(db.meetings(), text=True):
            stems(f"{item.title} {item.text}")
    return time.perf_counter() - began


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--items", type=int, default=100_000)
    parser.add_argument("--promises", type=int, default=10_000)
    parser.add_argument("--councils", type=int, default=20)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--semantic", type=int, default=0,
                        help="also time semantic re-ranking for this many undertakings")
    args = parser.parse_args()
    print(f"python {platform.python_version()} on {platform.machine()}, {os.cpu_count()} cores, "
          f"load {os.getloadavg()[0]:.2f}")
    with tempfile.TemporaryDirectory() as tmp:
        path = str(Path(tmp) / "bench.db")
        began = time.perf_counter()
        planted = build(path, args.items, args.promises, args.councils, args.seed)
        print(f"built in {time.perf_counter() - began:.1f} s (not timed below)")
        floor_s = floor(path)
        with open_store(path) as store:
            began, cpu = time.perf_counter(), time.process_time()
            found = propose(store, limit=5, as_of=dt.date(2030, 1, 1))
            full_s = time.perf_counter() - began
            full_cpu = time.process_time() - cpu
            hits = sum(1 for e, props in found if planted.get(e.undertaking.action)
                       and props and props[0].item.title == planted[e.undertaking.action])
            answered = sum(1 for e, _ in found if planted.get(e.undertaking.action))
            # Scoring alone, per undertaking, for the latency figures.
            db = DB(store)
            open_ones = [e for e in entries(store, as_of=dt.date(2030, 1, 1))]
            finder = FollowupFinder(db.items(db.meetings(), text=True))
            latencies = []
            for e in open_ones[:2000]:
                t0 = time.perf_counter()
                finder.find(e.undertaking, limit=5)
                latencies.append(time.perf_counter() - t0)
            semantic_line = None
            if args.semantic:
                os.environ["MINUTEBOOK_SEMANTIC"] = "1"
                model = semantic_model()
                if model is None:
                    semantic_line = "semantic: extra not installed, skipped"
                else:
                    ids = [e.id for e in open_ones[:args.semantic]]
                    t0 = time.perf_counter()
                    propose(store, undertaking_ids=ids, semantic=True, as_of=dt.date(2030, 1, 1))
                    took = time.perf_counter() - t0
                    semantic_line = (f"semantic re-ranking, {len(ids)} undertakings (model "
                                     f"loaded, {finder.size:,}-item index built): {took:.1f} s, "
                                     f"{took / len(ids):.2f} s per undertaking")
    latencies.sort()
    p50 = statistics.median(latencies) * 1000
    p95 = latencies[int(len(latencies) * 0.95)] * 1000
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    top1 = hits / answered if answered else 0.0
    print(f"floor (read + stem every item): {floor_s:6.1f} s")
    print(f"full (propose for {len(found):,} open undertakings over {finder.size:,} items): "
          f"{full_s:6.1f} s = {full_s / floor_s:.1f}x floor, "
          f"{finder.size / full_s:,.0f} items/s, {len(found) / full_s:,.0f} undertakings/s")
    print(f"   of which CPU time in this process: {full_cpu:.1f} s (the rest is waiting for "
          "a core: see the load above)")
    print(f"scoring latency per undertaking: p50 {p50:.2f} ms, p95 {p95:.2f} ms")
    print(f"planted answer ranked first: {hits:,} of {answered:,} ({top1:.1%})")
    print(f"peak memory (max RSS): {rss:,.0f} MB")
    if semantic_line:
        print(semantic_line)
    ok = True
    for name, passed, detail in (
        ("time", full_s < TARGET_SECONDS, f"{full_s:.1f} s < {TARGET_SECONDS:.0f} s"),
        ("ranking", top1 >= TARGET_TOP1, f"{top1:.1%} >= {TARGET_TOP1:.0%}"),
    ):
        print(f"{'PASS' if passed else 'FAIL'} {name}: {detail}")
        ok = ok and passed
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
