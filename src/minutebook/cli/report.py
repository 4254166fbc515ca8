"""``minutebook report`` and ``minutebook themes``: accountability summaries, recurring themes."""

from __future__ import annotations

import datetime as dt
import json
import sys

import click

from minutebook.cli.common import fail
from minutebook.errors import MinutebookError, UsageError
from minutebook.store import open_store
from minutebook.track.render_report import FORMATS, render
from minutebook.track.report import build_report
from minutebook.track.themes import themes
from minutebook.track.views import report_json, theme_json

_DATE = click.DateTime(formats=["%Y-%m-%d"])
_DB_HELP = "Database file or postgresql:// URL [$MINUTEBOOK_DB, minutebook.db]."


@click.command("report")
@click.option("--role", required=True,
              help="The role as minutes print it, e.g. \"Portfolio Holder for Children's "
                   "Services\".")
@click.option("--from", "start", type=_DATE, required=True, help="First day, YYYY-MM-DD.")
@click.option("--to", "end", type=_DATE, required=True, help="Last day, YYYY-MM-DD.")
@click.option("--council", help="Only this council (exact name).")
@click.option("--format", "fmt", type=click.Choice((*FORMATS, "json")), default="md",
              show_default=True, help="Markdown, HTML, PDF (needs the pdf extra) or JSON.")
@click.option("--output", "-o", type=click.Path(dir_okay=False),
              help="Write to this file [default: standard output; required for pdf].")
@click.option("--link-base", help="Link statements to the web app at this URL "
                                  "(e.g. http://127.0.0.1:8000) instead of the minutes.")
@click.option("--as-of", "as_of", type=_DATE,
              help="Judge undertakings' status on this day [default: today].")
@click.option("--lexical", is_flag=True, help="Words only: do not use the embedding model.")
@click.option("--db", help=_DB_HELP)
def report_command(
    role: str, start: dt.datetime, end: dt.datetime, council: str | None, fmt: str,
    output: str | None, link_base: str | None, as_of: dt.datetime | None, lexical: bool,
    db: str | None,
) -> None:
    """Write the accountability summary of a role's holder for a Lead Member's annual report.

    Attendances at scrutiny, questions raised by topic with the answers
    given, undertakings and whether each was answered, decisions, recorded
    votes, and themes that recurred from earlier years; every statement
    links to the item it comes from.

    \b
    Example:
        minutebook report --role "Portfolio Holder for Children's Services" \\
            --from 2024-04-01 --to 2025-02-28 --format html -o lead-member.html
    """
    try:
        if start.date() > end.date():
            raise UsageError(None, "--from must not be after --to")
        if fmt == "pdf" and not output:
            raise UsageError(None, "--format pdf needs --output FILE")
        with open_store(db, create=False) as store:
            report = build_report(store, role, start.date(), end.date(), council=council,
                                  as_of=as_of.date() if as_of else None, link_base=link_base,
                                  semantic=False if lexical else None)
        if fmt == "json":
            data = json.dumps(report_json(report, link_base), ensure_ascii=False,
                              indent=2).encode() + b"\n"
        else:
            data = render(report, fmt)
    except MinutebookError as error:
        fail(error)
    if output:
        try:
            with open(output, "wb") as f:
                f.write(data)
        except OSError as exc:
            fail(MinutebookError(output, exc.strerror or "cannot be written"))
        click.echo(f"Wrote {output}", err=True)
    else:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()


@click.command("themes")
@click.option("--council", help="Only this council (exact name).")
@click.option("--committee", help="Only this committee (exact name).")
@click.option("--since", type=_DATE, help="Meetings on or after YYYY-MM-DD.")
@click.option("--until", type=_DATE, help="Meetings on or before YYYY-MM-DD.")
@click.option("--min-meetings", type=click.IntRange(min=1), default=2, show_default=True,
              help="Only themes raised at this many meetings or more.")
@click.option("--timeline", is_flag=True, help="Show each theme's timeline.")
@click.option("--lexical", is_flag=True, help="Words only: do not use the embedding model.")
@click.option("--json", "as_json", is_flag=True, help="Print as JSON, with timelines.")
@click.option("--db", help=_DB_HELP)
def themes_command(
    council: str | None, committee: str | None, since: dt.datetime | None,
    until: dt.datetime | None, min_meetings: int, timeline: bool, lexical: bool,
    as_json: bool, db: str | None,
) -> None:
    """Group discussion topics and decisions into themes that recur across meetings and years.

    \b
    Example:
        minutebook themes --council "Wrenfield Borough Council" --timeline
    """
    try:
        with open_store(db, create=False) as store:
            found = themes(store, council=council, committee=committee,
                           since=since.date() if since else None,
                           until=until.date() if until else None,
                           min_meetings=min_meetings, semantic=False if lexical else None)
    except MinutebookError as error:
        fail(error)
    if as_json:
        click.echo(json.dumps([theme_json(t) for t in found], ensure_ascii=False, indent=2))
        return
    for t in found:
        years = ", ".join(str(y) for y in t.years)
        click.echo(f"{t.id}. {t.name} — {t.meetings} meetings ({years})")
        others = [x for x in t.labels if x != t.name]
        if others:
            click.echo(f"   also: {'; '.join(others[:6])}")
        if timeline:
            for day, mentions in t.timeline():
                for m in mentions:
                    click.echo(f"   {day.isoformat() if day else 'undated'}  "
                               f"{m.item.meeting.committee or ''}: {m.label}  "
                               f"[item {m.item.id}]")
    click.echo(f"{len(found)} theme{'s' if len(found) != 1 else ''}")
