"""``minutebook ingest``: extract minutes files and folders into the database."""

from __future__ import annotations

import sys

import click

from minutebook.cli.common import fail, report_error
from minutebook.errors import MinutebookError
from minutebook.ingest import IngestInterrupted, ingest_paths
from minutebook.store import open_store


@click.command("ingest")
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--db", help="Database file or postgresql:// URL [$MINUTEBOOK_DB, minutebook.db].")
@click.option("--workers", type=click.IntRange(min=1),
              help="Processes extracting in parallel [default: all cores].")
@click.option("--force", is_flag=True,
              help="Extract and replace documents even when unchanged (after an upgrade).")
def ingest_command(paths: tuple[str, ...], db: str | None, workers: int | None,
                   force: bool) -> None:
    """Extract minutes from PATHS (files, or folders searched recursively) into the database.

    Folders contribute .txt, .html, .htm, .xml and .pdf files. Each document is
    stored atomically and keyed by its path and content: ingesting it again
    changes nothing, and a changed file replaces its earlier version. A file
    that fails is reported and the rest still go in; the exit code is then 1.

    \b
    Example:
        minutebook ingest --db minutes.db minutes/ extra/cabinet-2024-03.pdf
    """
    try:
        store = open_store(db)
    except MinutebookError as error:
        fail(error)
    with store:
        try:
            report = ingest_paths(store, paths, workers=workers, force=force,
                                  on_error=report_error)
        except IngestInterrupted as stop:
            click.echo(f"Interrupted: {stop.report.summary()}", err=True)
            sys.exit(130)
        except MinutebookError as error:
            fail(error)
    click.echo(f"Ingested: {report.summary()}")
    if report.failed:
        sys.exit(1)
