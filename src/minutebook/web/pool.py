"""A small pool of open stores, one per request at a time.

FastAPI runs plain ``def`` endpoints on worker threads; an SQLite or
psycopg connection must not be used by two threads at once, so each request
borrows a store of its own and gives it back. Stores are opened lazily, at
most ``size`` of them, and reused; a request that finds them all busy waits.

>>> import os, tempfile
>>> from minutebook.store import open_store
>>> path = os.path.join(tempfile.mkdtemp(), "m.db")
>>> open_store(path).close()
>>> pool = StorePool(path, size=2)
>>> with pool.store() as store:
...     store.counts()["items"]
0
>>> pool.close()
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from minutebook.store import Store, open_store

__all__ = ["StorePool"]


class StorePool:
    """Up to ``size`` open stores on the database ``db`` names (see ``open_store``)."""

    def __init__(self, db: str | None, *, size: int = 4) -> None:
        if size < 1:
            raise ValueError("a store pool needs at least one store")
        self.db = db
        self.size = size
        self._idle: queue.LifoQueue[Store] = queue.LifoQueue()
        self._opened: list[Store] = []
        self._lock = threading.Lock()
        self._closed = False

    @property
    def location(self) -> str:
        """The database, as the first opened store names it."""
        with self.store() as store:
            return store.location

    @contextmanager
    def store(self) -> Iterator[Store]:
        """Borrow a store for the length of the ``with`` block."""
        store = self._take()
        try:
            yield store
        finally:
            self._idle.put(store)

    def _take(self) -> Store:
        try:
            return self._idle.get_nowait()
        except queue.Empty:
            pass
        with self._lock:
            if self._closed:
                raise RuntimeError("the store pool is closed")
            if len(self._opened) < self.size:
                # Read-only use: a missing SQLite file is an error, not a new empty database.
                store = open_store(self.db, create=False)
                self._opened.append(store)
                return store
        return self._idle.get()

    def close(self) -> None:
        """Close every store the pool opened."""
        with self._lock:
            self._closed = True
            opened, self._opened = self._opened, []
        for store in opened:
            store.close()
