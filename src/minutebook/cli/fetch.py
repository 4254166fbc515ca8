"""``minutebook fetch``: fetch a site's minutes into the database, politely and resumably."""

from __future__ import annotations

import datetime as dt
import re
import sys
from collections.abc import Sequence
from pathlib import Path

import click
from tqdm import tqdm

from minutebook.cli.common import fail, report_error
from minutebook.crawl import Crawler, CrawlReport, Journal
from minutebook.document import SourceDocument
from minutebook.errors import MinutebookError, UsageError
from minutebook.http import HttpSettings, PoliteClient, RequestStats, default_cache_dir
from minutebook.sources import Source, open_source
from minutebook.sources.base import MeetingRef, select
from minutebook.sources.moderngov.dates import parse_date

_YEAR = re.compile(r"^\d{4}$")


class DateOrYear(click.ParamType[dt.date]):
    """``2024-03-05``, ``05/03/2024`` or a bare year (its first or last day)."""

    name = "DATE"

    def __init__(self, end: bool = False) -> None:
        self.end = end

    def convert(
        self, value: object, param: click.Parameter | None, ctx: click.Context | None
    ) -> dt.date:
        if isinstance(value, dt.date):
            return value
        text = str(value).strip()
        if _YEAR.match(text):
            return dt.date(int(text), 12, 31) if self.end else dt.date(int(text), 1, 1)
        parsed = parse_date(text) if re.fullmatch(r"[\d/-]+", text) else None
        if parsed is None:
            self.fail(f"{text!r} is not a date (YYYY-MM-DD, DD/MM/YYYY or YYYY)", param, ctx)
        return parsed


@click.command("fetch")
@click.argument("site_url")
@click.option("--committee", "committees", multiple=True, metavar="NAME_OR_ID",
              help="Only this committee (id, title or part of one); repeatable.")
@click.option("--since", type=DateOrYear(), help="Meetings on or after this date.")
@click.option("--until", type=DateOrYear(end=True), help="Meetings on or before (default today).")
@click.option("--list-committees", is_flag=True, help="List the site's committees and stop.")
@click.option("--db", metavar="DB",
              help="Database file or postgresql:// URL [$MINUTEBOOK_DB, minutebook.db].")
@click.option("--source", "source_name", metavar="NAME",
              help="Source type, when the URL does not say (moderngov, file).")
@click.option("--rate", type=click.FloatRange(min=0, min_open=True), default=1.0, metavar="N",
              show_default=True,
              help="Requests per second per host.")
@click.option("--contact", envvar="MINUTEBOOK_CONTACT", metavar="EMAIL_OR_URL",
              help="Sent in the User-Agent so site owners can reach you [$MINUTEBOOK_CONTACT].")
@click.option("--cache", "cache_dir", envvar="MINUTEBOOK_CACHE", type=click.Path(file_okay=False),
              help="Download cache and resume journal [$MINUTEBOOK_CACHE, .minutebook-cache].")
@click.option("--refresh", is_flag=True,
              help="Recheck meetings already fetched (conditional requests; changes only).")
@click.option("--council", metavar="NAME", help="Council name for documents that do not state it.")
@click.option("--timeout", type=click.FloatRange(min=0, min_open=True), default=30.0,
              metavar="SECONDS",
              show_default=True, help="Seconds to wait for an answer.")
@click.option("--retries", type=click.IntRange(min=0), default=4, show_default=True, metavar="N",
              help="Retries after a timeout, reset, 429 or 5xx.")
@click.option("--backoff", type=click.FloatRange(min=0), default=1.0, show_default=True,
              metavar="SECONDS",
              help="Seconds before the first retry, doubled for each next one.")
@click.option("--progress/--no-progress", default=None,
              help="Show a progress bar by meeting (default: when stderr is a terminal).")
def fetch_command(
    site_url: str,
    committees: tuple[str, ...],
    since: dt.date | None,
    until: dt.date | None,
    list_committees: bool,
    db: str | None,
    source_name: str | None,
    rate: float,
    contact: str | None,
    cache_dir: str | None,
    refresh: bool,
    council: str | None,
    timeout: float,
    retries: int,
    backoff: float,
    progress: bool | None,
) -> None:
    """Fetch the minutes a site publishes into the database.

    SITE_URL is a ModernGov site (its address, or any of its pages) or a
    local file or folder. Committees and meetings come from the site's web
    service, or its pages where the service is closed. Robots.txt is obeyed,
    requests are spaced by --rate, failures retried, and downloads cached:
    run the same command again to carry on after an interruption or to pick
    up new minutes; meetings already stored are skipped.

    \b
    Examples:
        minutebook fetch --list-committees https://democracy.example.gov.uk/
        minutebook fetch https://democracy.example.gov.uk/ --committee "Audit" --since 2020
    """
    if since and until and since > until:
        fail(UsageError("--since", f"{since} is after --until {until}"))
    cache = Path(cache_dir) if cache_dir else default_cache_dir()
    settings = HttpSettings(rate=rate, contact=contact, cache_dir=cache, timeout=timeout,
                            retries=retries, backoff=backoff)
    try:
        with PoliteClient(settings) as client:
            source = open_source(site_url, name=source_name, client=client)
            source.council = council
            if list_committees:
                _list_committees(source)
                return
            chosen = select(source.committees(), committees) if committees else None
            refs = list(source.meetings(chosen, since, until))
            report = CrawlReport()
            _notes(source, report)
            _crawl(source, refs, report, db=db, cache=cache, refresh=refresh, progress=progress)
            _notes(source, report)
            click.echo(_summary(site_url, report, client.stats))
    except KeyboardInterrupt:
        click.echo("Interrupted; run the same command again to carry on.", err=True)
        sys.exit(130)
    except MinutebookError as error:
        fail(error)
    if report.errors:
        sys.exit(1)


def _list_committees(source: Source) -> None:
    found = source.committees()
    _notes(source)
    if not found:
        click.echo(f"{source.location}: no committees listed")
        return
    width = max(len(c.id) for c in found)
    for committee in found:
        flag = " (expired)" if committee.expired else ""
        click.echo(f"{committee.id:>{width}}  {committee.title}{flag}")


def _crawl(
    source: Source,
    refs: Sequence[MeetingRef],
    report: CrawlReport,
    *,
    db: str | None,
    cache: Path,
    refresh: bool,
    progress: bool | None,
) -> None:
    """Run the meetings into the database, adding each outcome to ``report``."""
    from minutebook.ingest import ingest_documents
    from minutebook.store import database_location, is_postgres, open_store

    location = database_location(db)
    target = location if is_postgres(location) else str(Path(location).resolve())
    journal = Journal.for_crawl(cache, source.identity, target)
    with open_store(location) as store:

        def sink(documents: Sequence[SourceDocument]) -> None:
            result = ingest_documents(store, documents, workers=1, progress=False)
            if result.errors:
                raise result.errors[0]

        crawler = Crawler(source, sink, journal, refresh=refresh)
        # ``disable=None`` lets tqdm hide the bar when stderr is not a terminal.
        disable = None if progress is None else not progress
        with tqdm(total=len(refs), unit="meeting", desc="Fetching", file=sys.stderr,
                  disable=disable, leave=progress is True) as bar:
            for outcome in crawler.run(refs):
                report.add(outcome)
                if outcome.error is not None:
                    with tqdm.external_write_mode(file=sys.stderr):
                        report_error(outcome.error)
                bar.update()


def _notes(source: Source, report: CrawlReport | None = None) -> None:
    """Print the source's notes, and its listing errors (counted in ``report``)."""
    for note in source.notes:
        click.echo(f"Note: {note}", err=True)
    source.notes.clear()
    for error in source.errors:
        report_error(error)
        if report is not None:
            report.errors.append(error)
    source.errors.clear()


def _summary(site_url: str, report: CrawlReport, stats: RequestStats) -> str:
    counts = report.counts
    meetings = sum(counts.values())
    lines = [
        f"{site_url}: {meetings} meeting{'s' if meetings != 1 else ''}: "
        f"{counts['stored']} stored, {counts['unchanged']} unchanged, "
        f"{counts['skipped']} already fetched, {counts['no-minutes']} without minutes, "
        f"{counts['failed']} failed",
        f"{stats.requests} requests ({stats.conditional} conditional, "
        f"{stats.not_modified} not modified, {stats.retries} retries)",
    ]
    return "\n".join(lines)

