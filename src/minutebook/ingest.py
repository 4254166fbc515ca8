"""Ingest: convert and extract source documents in parallel, store them in batches.

Two entry points share one pipeline:

* :func:`ingest_paths` walks files and folders (recursively; ``.txt``,
  ``.html``/``.htm``, ``.xml``, ``.pdf``), keyed by absolute path;
* :func:`ingest_documents` takes :class:`~minutebook.document.SourceDocument` s
  a source already holds (the ModernGov fetcher calls this), keyed by
  ``SourceDocument.key``.

Each document is hashed; one stored with the same key and hash is skipped
without being extracted. The rest are converted and extracted in worker
processes (``workers``, default all cores; 1 runs in this process) while
this process writes the results in batches: one commit per batch, each
document in its own savepoint, so a failure or a kill leaves no half-written
meeting and a re-run finishes the job. A document that fails is reported
through ``on_error`` and counted; the others still go in.

>>> import os, tempfile
>>> from minutebook.store import open_store
>>> folder = tempfile.mkdtemp()
>>> with open(os.path.join(folder, "cabinet.txt"), "w") as f:
...     _ = f.write("Cabinet\\n\\n1. Minutes\\nThe minutes were agreed.\\n")
>>> with open_store(os.path.join(folder, "m.db")) as store:
...     ingest_paths(store, [folder], workers=1).summary()
'1 stored (1 new, 0 replaced), 0 unchanged, 0 failed'
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import signal
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path

from tqdm import tqdm

from minutebook.convert import convert
from minutebook.document import SourceDocument
from minutebook.errors import InputError, MinutebookError, StoreError, UnreadableFile
from minutebook.extract import extract
from minutebook.models import Meeting
from minutebook.store.base import SaveEntry, Store

__all__ = [
    "SUFFIXES",
    "IngestInterrupted",
    "IngestReport",
    "content_hash",
    "find_files",
    "ingest_documents",
    "ingest_paths",
]

SUFFIXES = (".txt", ".html", ".htm", ".xml", ".pdf")
"""File types taken from folders (a file named explicitly is always tried)."""

BATCH_DOCUMENTS = 200
BATCH_SECONDS = 1.0
"""A batch commits after this many documents or seconds, whichever comes first, so a
second ingest into the same SQLite file never waits long for the write lock."""

ErrorHandler = Callable[[MinutebookError], None]


@dataclass(slots=True)
class IngestReport:
    """What an ingest did: documents added, replaced, unchanged, failed; items stored."""

    added: int = 0
    replaced: int = 0
    unchanged: int = 0
    failed: int = 0
    items: int = 0
    errors: list[MinutebookError] = field(default_factory=list)

    @property
    def stored(self) -> int:
        """Documents written (new or replacing an earlier version)."""
        return self.added + self.replaced

    def summary(self) -> str:
        """One line: ``5 stored (4 new, 1 replaced), 2 unchanged, 1 failed``."""
        return (f"{self.stored} stored ({self.added} new, {self.replaced} replaced), "
                f"{self.unchanged} unchanged, {self.failed} failed")


class IngestInterrupted(KeyboardInterrupt):
    """Ctrl-C during an ingest; ``report`` counts what was committed before it."""

    def __init__(self, report: IngestReport) -> None:
        super().__init__("ingest interrupted")
        self.report = report


def content_hash(content: bytes) -> str:
    """The hash that identifies a document's version.

    >>> content_hash(b"minutes")[:12]
    '90e63d85fa1a'
    """
    return hashlib.sha256(content).hexdigest()


def find_files(paths: Iterable[str | Path]) -> Iterator[Path | MinutebookError]:
    """The files to ingest under ``paths``, sorted per folder; a missing path is an error.

    Hidden files and folders (``.git``) are skipped.
    """
    seen: set[Path] = set()
    for raw in paths:
        path = Path(raw)
        found: Iterable[Path]
        if path.is_dir():
            found = (p for p in sorted(path.rglob("*"))
                     if p.suffix.lower() in SUFFIXES and p.is_file()
                     and not any(part.startswith(".") for part in p.relative_to(path).parts))
        elif path.exists():
            found = [path]
        else:
            yield UnreadableFile(str(raw), "no such file or directory")
            continue
        for p in found:
            resolved = p.resolve()
            if resolved not in seen:
                seen.add(resolved)
                yield p


def _read(path: Path) -> SourceDocument | MinutebookError:
    try:
        content = path.read_bytes()
    except PermissionError:
        return UnreadableFile(str(path), "permission denied")
    except OSError as exc:
        return UnreadableFile(str(path), exc.strerror or "cannot be read")
    return SourceDocument(key=str(path.resolve()), content=content)


def ingest_paths(
    store: Store,
    paths: Iterable[str | Path],
    *,
    workers: int | None = None,
    force: bool = False,
    progress: bool | None = None,
    on_error: ErrorHandler | None = None,
) -> IngestReport:
    """Ingest the files under ``paths`` into ``store``; see the module docs.

    ``progress`` shows a bar on stderr (default: when stderr is a terminal).
    """
    found = list(find_files(paths))
    names: dict[str, str] = {}

    def documents() -> Iterator[SourceDocument | MinutebookError]:
        for item in found:
            if isinstance(item, MinutebookError):
                yield item
                continue
            doc = _read(item)
            if isinstance(doc, SourceDocument):
                names[doc.key] = str(item)
            yield doc

    return _ingest(store, documents(), len(found), names, workers=workers, force=force,
                   progress=progress, on_error=on_error)


def ingest_documents(
    store: Store,
    docs: Iterable[SourceDocument],
    *,
    workers: int | None = None,
    force: bool = False,
    progress: bool | None = None,
    on_error: ErrorHandler | None = None,
) -> IngestReport:
    """Convert, extract and store ``docs``; returns the counts. A stable entry point.

    Each document is keyed by ``doc.key`` (its URL) and the hash of
    ``doc.content``: unchanged documents are skipped, changed ones replace
    their earlier version. ``doc.council``/``committee``/``date`` fill what
    the minutes do not state. Errors name ``doc.url`` (else ``doc.key``).
    ``docs`` may be a generator; it is consumed as the workers keep up.

    >>> from minutebook.store import open_store
    >>> import tempfile, os
    >>> doc = SourceDocument(key="https://example.gov.uk/mgAi.aspx?ID=1",
    ...                      content=b"1. Budget\\nThe budget was agreed.\\n", council="Example")
    >>> with open_store(os.path.join(tempfile.mkdtemp(), "m.db")) as store:
    ...     report = ingest_documents(store, [doc], workers=1)
    ...     (report.added, store.councils()[0].name)
    (1, 'Example')
    """
    total = len(docs) if isinstance(docs, Sequence) else None
    return _ingest(store, docs, total, {}, workers=workers, force=force, progress=progress,
                   on_error=on_error)


def _extract(doc: SourceDocument, name: str) -> Meeting | tuple[type[MinutebookError], str, str]:
    """Worker: convert and extract one document (errors come back as plain tuples).

    Minutebook errors do not survive pickling across processes, hence the tuple.
    """
    try:
        text = convert(doc.content, source=name, url=doc.url, media_type=doc.media_type)
        meeting = extract(text)
    except MinutebookError as exc:
        return (type(exc), exc.source or name, exc.reason)
    except Exception as exc:  # noqa: BLE001 - an extractor bug must not stop the whole ingest
        return (InputError, name, f"extraction failed: {type(exc).__name__}: {exc}")
    meeting.council = meeting.council or doc.council
    meeting.committee = meeting.committee or doc.committee
    meeting.date = meeting.date or doc.date
    meeting.source_url = meeting.source_url or doc.url
    return meeting


def _quiet_worker() -> None:
    # Ctrl-C reaches the whole process group; only the main process should act on it.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


class _Run:
    """One ingest's state: the pending batch, the counts, the progress bar."""

    def __init__(self, store: Store, names: dict[str, str], force: bool, bar: tqdm[None],
                 on_error: ErrorHandler | None) -> None:
        self.store = store
        self.names = names
        self.force = force
        self.bar = bar
        self.on_error = on_error
        self.report = IngestReport()
        self.pending: list[SaveEntry] = []
        self.last_flush = time.monotonic()

    def fail(self, error: MinutebookError) -> None:
        self.report.failed += 1
        self.report.errors.append(error)
        if self.on_error is not None:
            with tqdm.external_write_mode(file=sys.stderr):
                self.on_error(error)
        self.bar.update()

    def done(self, doc: SourceDocument, digest: str,
             result: Meeting | tuple[type[MinutebookError], str, str]) -> None:
        if isinstance(result, Meeting):
            self.pending.append((doc, digest, result))
            if (len(self.pending) >= BATCH_DOCUMENTS
                    or time.monotonic() - self.last_flush >= BATCH_SECONDS):
                self.flush()
        else:
            cls, source, reason = result
            self.fail(cls(source, reason))

    def flush(self) -> None:
        batch, self.pending = self.pending, []
        self.last_flush = time.monotonic()
        if not batch:
            return
        outcomes = self.store.save_meetings(batch, force=self.force)
        for (doc, _, meeting), outcome in zip(batch, outcomes, strict=True):
            if isinstance(outcome, StoreError):
                self.fail(StoreError(self.names.get(doc.key, doc.url or doc.key), outcome.reason))
                continue
            if outcome == "added":
                self.report.added += 1
            elif outcome == "replaced":
                self.report.replaced += 1
            else:
                self.report.unchanged += 1
            if outcome != "unchanged":
                self.report.items += len(meeting.items)
            self.bar.update()


def _ingest(
    store: Store,
    sources: Iterable[SourceDocument | MinutebookError],
    total: int | None,
    names: dict[str, str],
    *,
    workers: int | None,
    force: bool,
    progress: bool | None,
    on_error: ErrorHandler | None,
) -> IngestReport:
    workers = workers or os.cpu_count() or 1
    if progress is None:
        progress = sys.stderr.isatty()
    bar: tqdm[None] = tqdm(total=total, unit="doc", disable=not progress, file=sys.stderr,
                           desc="Ingesting", leave=False)
    run = _Run(store, names, force, bar, on_error)
    pool: ProcessPoolExecutor | None = None
    if workers > 1:
        pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"),
                                   initializer=_quiet_worker)
    in_flight: dict[Future[Meeting | tuple[type[MinutebookError], str, str]],
                    tuple[SourceDocument, str]] = {}

    def collect(block: bool) -> None:
        finished, _ = wait(in_flight, timeout=None if block else 0, return_when=FIRST_COMPLETED)
        for future in finished:
            doc, digest = in_flight.pop(future)
            run.done(doc, digest, future.result())

    try:
        for source in sources:
            if isinstance(source, MinutebookError):
                run.fail(source)
                continue
            digest = content_hash(source.content)
            if not force and store.document_status(source.key, digest) == "unchanged":
                run.report.unchanged += 1
                bar.update()
                continue
            name = names.get(source.key) or source.url or source.key
            if pool is None:
                run.done(source, digest, _extract(source, name))
                continue
            in_flight[pool.submit(_extract, source, name)] = (source, digest)
            # Bounded look-ahead: memory stays flat however many documents come.
            while len(in_flight) >= workers * 4:
                collect(block=True)
            if in_flight:
                collect(block=False)
        while in_flight:
            collect(block=True)
        run.flush()
    except KeyboardInterrupt:
        # The open batch was rolled back (or never begun): what was committed is whole.
        raise IngestInterrupted(run.report) from None
    finally:
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)
        bar.close()
    return run.report
