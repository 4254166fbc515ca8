"""``minutebook export``: the whole database as JSON Lines, CSV or Open Civic Data."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from minutebook.cli.common import fail
from minutebook.errors import MinutebookError
from minutebook.export import FORMATS, export
from minutebook.store import open_store


@click.command("export")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="jsonl", show_default=True,
              help="jsonl, csv (one file per entity) or ocd (Open Civic Data events).")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path),
              help="Folder to write into (needed for csv and ocd; jsonl without it: stdout).")
@click.option("--db", help="Database file or postgresql:// URL [$MINUTEBOOK_DB, minutebook.db].")
def export_command(fmt: str, out: Path | None, db: str | None) -> None:
    """Export every meeting, item, attendee, topic, undertaking, decision and vote.

    Rows carry stable ids derived from the source document and their
    position, the same in every database. csv writes one file per entity
    (meetings.csv, items.csv, undertakings.csv, ...); ocd writes Open Civic
    Data Event JSON per meeting and VoteEvent JSON per recorded vote.

    \b
    Examples:
        minutebook export --format csv --out export/
        minutebook export | jq 'select(.type == "undertakings") | .action'
    """
    try:
        with open_store(db, create=False) as store:
            counts = export(store, fmt, out, sys.stdout)
    except MinutebookError as error:
        fail(error)
    if out is not None:
        written = ", ".join(f"{name} {n}" for name, n in counts.items())
        click.echo(f"Wrote {out}: {written}", err=True)
