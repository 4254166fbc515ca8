"""``minutebook serve``: the web app and JSON API on a stored database."""

from __future__ import annotations

import click

from minutebook.cli.common import fail
from minutebook.errors import MinutebookError


def announce(url: str) -> None:
    """Print where the app listens, once it does."""
    click.echo(f"Serving minutebook at {url}  (API docs at {url}docs; Ctrl-C to stop)")


@click.command("serve")
@click.option("--db", help="Database file or postgresql:// URL [$MINUTEBOOK_DB, minutebook.db].")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (0.0.0.0 for every interface).")
@click.option("--port", type=click.IntRange(min=0, max=65535), default=8000, show_default=True,
              help="Port to listen on (0: any free port).")
@click.option("--access-log", is_flag=True, help="Log every request.")
def serve_command(db: str | None, host: str, port: int, access_log: bool) -> None:
    """Serve the web app and JSON API (OpenAPI docs at /docs) on an ingested database.

    The pages work without JavaScript; /api/... answers JSON and
    /search.atom?q=... an Atom feed of new items matching a search.

    \b
    Example:
        minutebook serve --db minutes.db --port 8080
    """
    from minutebook.web import create_app, serve

    try:
        app = create_app(db)
    except MinutebookError as error:
        fail(error)
    try:
        serve(app, host=host, port=port, access_log=access_log, on_ready=announce)
    except MinutebookError as error:
        fail(error)
