"""A throwaway PostgreSQL server on 127.0.0.1, for the tests and the benchmarks.

Uses the Debian packages' binaries (``/usr/lib/postgresql/*/bin``, installed
by ``scripts/system-deps``): ``initdb`` a cluster in a temporary directory,
start it on a free port, stop it and remove the directory afterwards. The
server refuses to run as root, so as root it runs as the ``postgres`` user.

>>> with PgCluster.start() as cluster:  # doctest: +SKIP
...     url = cluster.create_database("demo")
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path
from types import TracebackType

import psycopg

__all__ = ["PgCluster", "pg_bin"]


def pg_bin() -> Path | None:
    """The newest installed PostgreSQL ``bin`` directory, or None."""
    def version(initdb: str) -> int:
        name = Path(initdb).parent.parent.name
        return int(name) if name.isdigit() else 0

    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=version)
    return Path(found[-1]).parent if found else None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class PgCluster:
    """A running throwaway cluster; :meth:`stop` (or the ``with`` block) removes it."""

    def __init__(self, bindir: Path, datadir: Path, port: int, user: str | None) -> None:
        self.bindir = bindir
        self.datadir = datadir
        self.port = port
        self.user = user
        self.admin_url = f"postgresql://postgres@127.0.0.1:{port}/postgres"

    @classmethod
    def start(cls, settings: dict[str, str] | None = None) -> PgCluster:
        """initdb and start a cluster; ``settings`` are extra ``postgres -c`` options."""
        bindir = pg_bin()
        if bindir is None:
            raise RuntimeError("PostgreSQL binaries not found (run scripts/system-deps)")
        root = Path(tempfile.mkdtemp(prefix="minutebook-pg-"))
        datadir = root / "data"
        user = "postgres" if os.geteuid() == 0 else None
        if user:
            entry = pwd.getpwnam(user)
            os.chown(root, entry.pw_uid, entry.pw_gid)
        cluster = cls(bindir, datadir, _free_port(), user)
        try:
            cluster._run("initdb", "-D", str(datadir), "-U", "postgres", "--auth=trust",
                         "--encoding=UTF8", "--locale=C.UTF-8", "--no-sync")
            options = [f"-p {cluster.port}", "-c listen_addresses=127.0.0.1",
                       f"-c unix_socket_directories={root}"]
            options += [f"-c {k}={v}" for k, v in (settings or {}).items()]
            cluster._run("pg_ctl", "-D", str(datadir), "-l", str(root / "server.log"), "-w",
                         "-t", "60", "-o", " ".join(options), "start")
        except BaseException:
            shutil.rmtree(root, ignore_errors=True)
            raise
        return cluster

    def _run(self, program: str, *args: str) -> None:
        command = [str(self.bindir / program), *args]
        if self.user:
            command = ["runuser", "-u", self.user, "--", *command]
        result = subprocess.run(command, capture_output=True, text=True, cwd="/")
        if result.returncode != 0:
            raise RuntimeError(f"{program} failed: {result.stderr.strip() or result.stdout}")

    def create_database(self, name: str) -> str:
        """Create database ``name`` and return its URL."""
        with psycopg.connect(self.admin_url, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return f"postgresql://postgres@127.0.0.1:{self.port}/{name}"

    def stop(self) -> None:
        """Stop the server and remove its files."""
        try:
            self._run("pg_ctl", "-D", str(self.datadir), "-m", "immediate", "-w", "stop")
        finally:
            shutil.rmtree(self.datadir.parent, ignore_errors=True)

    def __enter__(self) -> PgCluster:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()
