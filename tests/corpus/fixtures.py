"""Fixtures: the Wrenfield corpus ingested through the real pipeline, SQLite and PostgreSQL.

Ingesting renders, converts and extracts 35 meetings; for SQLite that is
done once per session and the file copied for each test, for PostgreSQL
once per test into the emptied shared database (whose register tables the
shared fixture does not know to empty, so they are emptied here).

Import the fixtures into a test module: ``from corpus.fixtures import corpus_db``.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

from corpus import wrenfield
from minutebook.ingest import ingest_documents
from minutebook.store import Store, open_store
from minutebook.store.sqlite import SQLiteStore

__all__ = ["corpus_db", "corpus_template", "ingest_corpus"]


def ingest_corpus(store: Store) -> None:
    """Render, convert, extract and store every meeting of the corpus."""
    report = ingest_documents(store, wrenfield.documents(), workers=1, progress=False)
    assert report.failed == 0, report.errors
    assert report.added == len(wrenfield.meetings())


@pytest.fixture(scope="session")
def corpus_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An SQLite file holding the corpus, made once."""
    path = tmp_path_factory.mktemp("corpus") / "wrenfield.db"
    with open_store(str(path)) as store:
        ingest_corpus(store)
        assert isinstance(store, SQLiteStore)
        store.checkpoint()
    return path


@pytest.fixture
def corpus_db(db_url: str, corpus_template: Path) -> Iterator[Store]:
    """An open store holding the corpus and an empty register, on each backend."""
    if db_url.startswith("postgres"):
        with psycopg.connect(db_url, autocommit=True) as conn:
            conn.execute("DELETE FROM undertaking_events")
            conn.execute("DELETE FROM tracked_undertakings")
        with open_store(db_url) as store:
            ingest_corpus(store)
            yield store
        return
    shutil.copyfile(corpus_template, db_url)
    with open_store(db_url) as store:
        yield store
