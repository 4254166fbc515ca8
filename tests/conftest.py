"""Shared fixtures: the database every store test runs against, SQLite and PostgreSQL.

``db_url`` is parametrised: a fresh SQLite file, and an emptied database on
a throwaway PostgreSQL server (started once per session on 127.0.0.1 from
the Debian packages' binaries, as ``scripts/system-deps`` installs them).
Creating a PostgreSQL database takes about a second, so ``db_url`` empties
one migrated database between tests; ``fresh_db_url`` gives a new one. The
PostgreSQL parameters carry the ``postgres`` marker and are skipped, with
the reason, only when the binaries are absent.
"""

from __future__ import annotations

import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

import psycopg  # noqa: E402

from minutebook.store import Store, open_store  # noqa: E402
from pgcluster import PgCluster, pg_bin  # noqa: E402


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[PgCluster]:
    """A PostgreSQL server for the whole session (durability off: tests only)."""
    if pg_bin() is None:
        pytest.skip("PostgreSQL binaries not installed (/usr/lib/postgresql/*/bin); "
                    "run scripts/system-deps")
    cluster = PgCluster.start(
        {"fsync": "off", "synchronous_commit": "off", "full_page_writes": "off"}
    )
    yield cluster
    cluster.stop()


@pytest.fixture(scope="session")
def pg_database(pg_cluster: PgCluster) -> str:
    """One migrated PostgreSQL database, shared by the tests and emptied for each."""
    url = pg_cluster.create_database("minutebook_tests")
    open_store(url).close()
    return url


BACKENDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


@pytest.fixture(params=BACKENDS)
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """An empty, migrated database: an SQLite file path or a PostgreSQL URL."""
    if request.param == "sqlite":
        return str(tmp_path / "minutebook.db")
    url: str = request.getfixturevalue("pg_database")
    with psycopg.connect(url, autocommit=True) as conn:
        # DELETE cascades to every table; on small tables it is far quicker than TRUNCATE.
        conn.execute("DELETE FROM documents")
    return url


@pytest.fixture(params=BACKENDS)
def fresh_db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A database nobody has opened yet (no tables, no migrations)."""
    if request.param == "sqlite":
        return str(tmp_path / "fresh.db")
    cluster: PgCluster = request.getfixturevalue("pg_cluster")
    return cluster.create_database(f"fresh_{uuid.uuid4().hex[:16]}")


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    """An open Store on ``db_url``."""
    with open_store(db_url) as opened:
        yield opened
