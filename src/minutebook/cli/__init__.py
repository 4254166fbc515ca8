"""The ``minutebook`` command: parses options, shows progress, calls the library.

Each command lives in its own module here; errors from the library are
:class:`~minutebook.errors.MinutebookError` and print as one line.
"""

from __future__ import annotations

import click

from minutebook import __version__
from minutebook.cli.demo import demo_command
from minutebook.cli.export import export_command
from minutebook.cli.extract import extract_command
from minutebook.cli.fetch import fetch_command
from minutebook.cli.ingest import ingest_command
from minutebook.cli.report import report_command, themes_command
from minutebook.cli.search import search_command
from minutebook.cli.serve import serve_command
from minutebook.cli.undertakings import undertakings_command


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="minutebook")
def main() -> None:
    """Turn council committee minutes into a structured, searchable record.

    \b
    Example:
        minutebook extract --json samples/cyp-scrutiny-2024-03-lead-member.txt
    """


main.add_command(extract_command)
main.add_command(fetch_command)
main.add_command(ingest_command)
main.add_command(search_command)
main.add_command(serve_command)
main.add_command(demo_command)
main.add_command(export_command)
main.add_command(undertakings_command)
main.add_command(themes_command)
main.add_command(report_command)
