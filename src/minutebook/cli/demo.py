"""``minutebook demo``: ingest the shipped sample minutes, run a search, serve the web app."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from minutebook.cli.common import fail, report_error
from minutebook.errors import MinutebookError, UsageError
from minutebook.ingest import SUFFIXES, ingest_paths
from minutebook.store import SearchQuery, Store, open_store

DEMO_DB = "minutebook.db"
DEMO_QUERY = "report"
"""Searched after ingesting, to show search works (a word nearly all minutes use)."""


def sample_folders() -> list[Path]:
    """Where sample minutes may be: inside the package, then the source checkout's samples/.

    >>> all(isinstance(p, Path) for p in sample_folders())
    True
    """
    package = Path(__file__).resolve().parents[1]
    return [package / "samples", package.parents[1] / "samples", Path.cwd() / "samples"]


def find_samples(folder: str | None = None) -> Path:
    """The folder of sample minutes: ``folder`` if given, else the first that holds any."""
    candidates = [Path(folder)] if folder else sample_folders()
    for path in candidates:
        if path.is_dir() and any(p.suffix.lower() in SUFFIXES for p in path.rglob("*")):
            return path
    where = ", ".join(str(p) for p in candidates)
    raise UsageError(None, f"no sample minutes found (looked in {where})")


def _sample_search(store: Store) -> str:
    page = store.search(SearchQuery(DEMO_QUERY, limit=3))
    lines = [f'Search "{DEMO_QUERY}": {page.total} match{"" if page.total == 1 else "es"}']
    for r in page.results:
        where = ", ".join(p for p in (r.committee, r.date.isoformat() if r.date else None) if p)
        lines.append(f"  {r.kind}: {r.item_title or 'untitled'} ({where}) /items/{r.item_id}")
    return "\n".join(lines)


@click.command("demo")
@click.option("--db", default=DEMO_DB, show_default=True,
              help="Database file or postgresql:// URL to ingest into.")
@click.option("--port", type=click.IntRange(min=0, max=65535), default=8000, show_default=True,
              help="Port for the web app (0: any free port).")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--no-serve", is_flag=True, help="Ingest and search, then exit.")
@click.option("--samples", type=click.Path(file_okay=False),
              help="Folder of minutes to use instead of the shipped samples.")
def demo_command(db: str, port: int, host: str, no_serve: bool, samples: str | None) -> None:
    """Ingest the sample minutes, run a sample search and serve the web app.

    Ingesting again is quick: unchanged files are skipped.

    \b
    Example:
        minutebook demo --port 8080
    """
    try:
        folder = find_samples(samples)
        store = open_store(db)
    except MinutebookError as error:
        fail(error)
    with store:
        try:
            report = ingest_paths(store, [folder], workers=1, on_error=report_error)
            click.echo(f"Ingested {folder}: {report.summary()}")
            click.echo(_sample_search(store))
        except MinutebookError as error:
            fail(error)
    if no_serve:
        click.echo(f"Database: {db}. Run `minutebook serve --db {db}` to browse it.")
        sys.exit(1 if report.failed else 0)
    from minutebook.cli.serve import announce
    from minutebook.web import create_app, serve

    try:
        app = create_app(db)
    except MinutebookError as error:
        fail(error)
    try:
        serve(app, host=host, port=port, on_ready=announce)
    except MinutebookError as error:
        fail(error)
