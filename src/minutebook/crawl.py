"""Fetch a source meeting by meeting into a sink, with a journal so that a re-run resumes.

The journal is an append-only file of JSON lines, one per meeting finished:
its key, whether more may still be published (``final``), and the SHA-256 of
each document handed to the sink. A line is written only after the sink has
returned (the database has committed), so an interruption at any point loses
nothing already stored and a re-run skips exactly the meetings whose minutes
are safely stored. A torn last line is ignored. Lines are flushed but not
fsynced: a line lost to a power cut only means that meeting is fetched (a
304) and offered to the sink again, which stores nothing twice.

>>> journal = Journal(Path(tempfile.mkdtemp()) / "site.jsonl")  # doctest: +SKIP
>>> crawler = Crawler(source, sink=store_documents, journal=journal)  # doctest: +SKIP
>>> for outcome in crawler.run(source.meetings()):  # doctest: +SKIP
...     print(outcome.status, outcome.ref.key)
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from minutebook.document import SourceDocument
from minutebook.errors import FetchError, InputError, MinutebookError
from minutebook.http import HttpStatusError, RobotsDisallowed
from minutebook.sources.base import MalformedResponse, MeetingRef, Source

__all__ = ["CrawlReport", "Crawler", "Journal", "JournalEntry", "MeetingOutcome", "Sink"]

Sink = Callable[[Sequence[SourceDocument]], None]
Status = Literal["stored", "unchanged", "skipped", "no-minutes", "failed"]
STATUSES: tuple[Status, ...] = ("stored", "unchanged", "skipped", "no-minutes", "failed")


@dataclass(slots=True)
class JournalEntry:
    """The last word on one meeting."""

    meeting: str
    final: bool
    documents: dict[str, str] = field(default_factory=dict)
    at: str = ""


class Journal:
    """Meetings already fetched and stored, read from and appended to one file."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._entries: dict[str, JournalEntry] = {}
        try:
            lines = self.path.read_text(encoding="utf-8").splitlines()
        except FileNotFoundError:
            lines = []
        for line in lines:
            try:
                raw = json.loads(line)
                entry = JournalEntry(
                    meeting=str(raw["meeting"]),
                    final=bool(raw["final"]),
                    documents={str(k): str(v) for k, v in raw.get("documents", {}).items()},
                    at=str(raw.get("at", "")),
                )
            except (ValueError, KeyError, TypeError, AttributeError):
                continue
            self._entries[entry.meeting] = entry

    @classmethod
    def for_crawl(cls, cache_dir: str | Path, location: str, target: str) -> Journal:
        """The journal of crawling ``location`` into ``target`` (a database), kept in ``cache_dir``.

        Keyed by both, so fetching the same site into another database starts afresh.
        """
        digest = hashlib.sha256(f"{location}\n{target}".encode()).hexdigest()[:20]
        return cls(Path(cache_dir) / "journal" / f"{digest}.jsonl")

    def __len__(self) -> int:
        return len(self._entries)

    def get(self, meeting: str) -> JournalEntry | None:
        """The latest entry for ``meeting``."""
        return self._entries.get(meeting)

    def record(self, entry: JournalEntry) -> None:
        """Append ``entry`` (flushed to the operating system before returning)."""
        entry.at = entry.at or dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()
        if not self._entries:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        record = {
            "meeting": entry.meeting,
            "final": entry.final,
            "documents": entry.documents,
            "at": entry.at,
        }
        line = json.dumps(record)
        with self.path.open("a", encoding="utf-8") as f:
            f.write(line + "\n")
        self._entries[entry.meeting] = entry


@dataclass(slots=True)
class MeetingOutcome:
    """What happened to one meeting in a crawl."""

    ref: MeetingRef
    status: Status
    documents: int = 0
    error: MinutebookError | None = None
    note: str | None = None


@dataclass(slots=True)
class CrawlReport:
    """Counts of outcomes and the errors met, for the closing summary."""

    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(STATUSES, 0))
    documents: int = 0
    errors: list[MinutebookError] = field(default_factory=list)

    def add(self, outcome: MeetingOutcome) -> None:
        """Count ``outcome``."""
        self.counts[outcome.status] += 1
        self.documents += outcome.documents
        if outcome.error is not None:
            self.errors.append(outcome.error)


class Crawler:
    """Runs meetings through ``source.fetch_meeting`` and ``sink``, journalling each."""

    def __init__(
        self,
        source: Source,
        sink: Sink,
        journal: Journal,
        *,
        refresh: bool = False,
        give_up_after: int = 5,
    ) -> None:
        self.source = source
        self.sink = sink
        self.journal = journal
        self.refresh = refresh
        self.give_up_after = give_up_after

    def run(self, refs: Iterable[MeetingRef]) -> Iterator[MeetingOutcome]:
        """Process each meeting in turn, yielding its outcome.

        A meeting whose journal entry is final is skipped unless ``refresh``.
        Raises :class:`FetchError` when ``give_up_after`` meetings in a row
        fail for lack of a connection (the site or the network is down).
        """
        down = 0
        for ref in refs:
            outcome = self.run_one(ref)
            if outcome.status == "failed" and _site_down(outcome.error):
                down += 1
            else:
                down = 0
            yield outcome
            if down >= self.give_up_after and outcome.error is not None:
                raise FetchError(
                    self.source.location,
                    f"stopped after {down} meetings in a row could not be fetched "
                    f"({outcome.error.reason}); run again later to carry on",
                )

    def run_one(self, ref: MeetingRef) -> MeetingOutcome:
        """Fetch one meeting and hand its documents to the sink if they are new or changed."""
        entry = self.journal.get(ref.key)
        if entry is not None and entry.final and not self.refresh:
            return MeetingOutcome(ref, "skipped")
        try:
            got = self.source.fetch_meeting(ref)
        except (FetchError, InputError) as exc:
            return MeetingOutcome(ref, "failed", error=exc)
        hashes = {d.key: hashlib.sha256(d.content).hexdigest() for d in got.documents}
        if not got.documents:
            if entry is None or entry.final != got.final or entry.documents:
                self.journal.record(JournalEntry(ref.key, final=got.final))
            return MeetingOutcome(ref, "no-minutes", note=got.note)
        if entry is not None and entry.documents == hashes:
            if entry.final != got.final:
                self.journal.record(JournalEntry(ref.key, final=got.final, documents=hashes))
            return MeetingOutcome(ref, "unchanged", documents=0)
        try:
            self.sink(got.documents)
        except InputError as exc:
            return MeetingOutcome(ref, "failed", error=exc)
        self.journal.record(JournalEntry(ref.key, final=got.final, documents=hashes))
        return MeetingOutcome(ref, "stored", documents=len(got.documents))


def _site_down(error: MinutebookError | None) -> bool:
    """Whether ``error`` says the site could not be reached, rather than refusing one page."""
    if not isinstance(error, FetchError):
        return False
    if isinstance(error, (RobotsDisallowed, MalformedResponse)):
        return False
    if isinstance(error, HttpStatusError):
        return error.status >= 500 or error.status == 429
    return True
