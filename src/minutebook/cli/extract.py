"""``minutebook extract``: print the structured record of minutes files."""

from __future__ import annotations

import json
import sys

import click

from minutebook.cli.common import report_error
from minutebook.errors import MinutebookError
from minutebook.extract import extract_file
from minutebook.models import Meeting
from minutebook.summary import describe_meeting


@click.command("extract")
@click.argument("files", nargs=-1, required=True, type=click.Path())
@click.option("--json", "as_json", is_flag=True, help="Print JSON in the annotation form.")
@click.option("--url", help="The page's published URL (gives the council when the text does not).")
def extract_command(files: tuple[str, ...], as_json: bool, url: str | None) -> None:
    """Extract meetings, items, attendees, topics, undertakings and decisions from FILES.

    FILES may be plain text, ModernGov HTML or XML, or PDF minutes. With
    several files, --json prints a list. A file that cannot be read is
    reported and the others are still processed; the exit code is 1 if any
    failed.

    \b
    Example:
        minutebook extract --json --url https://democracy.example.gov.uk/mgAi.aspx?ID=1 item.txt
    """
    meetings: list[Meeting] = []
    failed = 0
    for path in files:
        try:
            meetings.append(extract_file(path, url=url))
        except MinutebookError as error:
            report_error(error)
            failed += 1
        except Exception as error:  # noqa: BLE001 - a bug must not hide the other files
            report_error(MinutebookError(path, f"internal error: {type(error).__name__}: {error}"))
            failed += 1
    if as_json:
        out = [m.to_json() for m in meetings]
        if len(files) == 1:
            if out:
                click.echo(json.dumps(out[0], ensure_ascii=False, indent=2))
        else:
            click.echo(json.dumps(out, ensure_ascii=False, indent=2))
    else:
        click.echo("\n\n".join(describe_meeting(m) for m in meetings))
    if failed:
        sys.exit(1)
