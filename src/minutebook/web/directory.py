"""Councils and committees, remembered for a few seconds between requests.

Every page's filter lists and every council or committee URL need the list
of councils and committees. Reading it groups every stored meeting (tens of
milliseconds at 100,000 items) and it changes only when minutes are
ingested, so the app keeps it for ``ttl`` seconds: a new council shows up in
the lists at most that long after its minutes are stored.

>>> import os, tempfile
>>> from minutebook.store import open_store
>>> with open_store(os.path.join(tempfile.mkdtemp(), "m.db")) as store:
...     Directory(ttl=30).councils(store)
[]
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any, TypeVar

from minutebook.store import CommitteeSummary, CouncilSummary, Store

__all__ = ["DEFAULT_TTL", "Directory"]

DEFAULT_TTL = 30.0
T = TypeVar("T")


class Directory:
    """Cached ``councils()`` and ``committees()`` of the store; safe across threads."""

    def __init__(self, ttl: float = DEFAULT_TTL) -> None:
        self.ttl = ttl
        self._lock = threading.Lock()
        self._kept: dict[tuple[str, str | None], tuple[float, Any]] = {}

    def _get(self, key: tuple[str, str | None], read: Callable[[], T]) -> T:
        now = time.monotonic()
        with self._lock:
            found = self._kept.get(key)
        if found is not None and now - found[0] < self.ttl:
            value: T = found[1]
            return value
        fresh = read()
        with self._lock:
            self._kept[key] = (now, fresh)
        return fresh

    def councils(self, store: Store) -> list[CouncilSummary]:
        """Every council with stored meetings, by name."""
        return self._get(("councils", None), store.councils)

    def committees(self, store: Store, council: str | None = None) -> list[CommitteeSummary]:
        """Committees of ``council`` (or of all councils)."""
        return self._get(("committees", council), lambda: store.committees(council))

    def clear(self) -> None:
        """Forget everything (after an ingest in the same process)."""
        with self._lock:
            self._kept.clear()
