"""``minutebook search``: full-text search over everything extracted."""

from __future__ import annotations

import datetime as dt
import html
import json
import sys
from typing import Any

import click

from minutebook.cli.common import fail
from minutebook.errors import MinutebookError, QueryError
from minutebook.store import SEARCH_KINDS, SearchKind, SearchPage, SearchQuery, open_store
from minutebook.store.records import SearchResult

_DATE = click.DateTime(formats=["%Y-%m-%d"])


@click.command("search")
@click.argument("query")
@click.option("--db", help="Database file or postgresql:// URL [$MINUTEBOOK_DB, minutebook.db].")
@click.option("--council", help="Only this council (exact name).")
@click.option("--committee", help="Only this committee (exact name).")
@click.option("--since", type=_DATE, help="Meetings on or after YYYY-MM-DD.")
@click.option("--until", type=_DATE, help="Meetings on or before YYYY-MM-DD.")
@click.option("--kind", "kinds", multiple=True, type=click.Choice(SEARCH_KINDS),
              help="Only this kind of record; repeatable [default: all].")
@click.option("--person", help="Only records involving this person (a surname, or full name).")
@click.option("--limit", type=click.IntRange(min=1, max=1000), default=20, show_default=True,
              help="Results per page.")
@click.option("--offset", type=click.IntRange(min=0), default=0, help="Skip this many results.")
@click.option("--json", "as_json", is_flag=True, help="Print the page of results as JSON.")
def search_command(
    query: str, db: str | None, council: str | None, committee: str | None,
    since: dt.datetime | None, until: dt.datetime | None, kinds: tuple[SearchKind, ...],
    person: str | None, limit: int, offset: int, as_json: bool,
) -> None:
    """Search item titles, minutes text, topics, undertakings, decisions and votes.

    QUERY words must all appear (stemmed: "decision" finds "decisions");
    "a phrase" in quotes, prefix* for word beginnings, OR between
    alternatives, -word to exclude, parentheses to group. Results are ranked
    best first, with the matching words marked [like this].

    \b
    Examples:
        minutebook search '"school transport" -consultation' --since 2024-01-01
        minutebook search 'library OR libraries' --kind undertaking --person Whitby --json
    """
    request = SearchQuery(
        text=query, council=council, committee=committee,
        since=since.date() if since else None, until=until.date() if until else None,
        kinds=kinds, person=person, limit=limit, offset=offset,
    )
    try:
        with open_store(db, create=False) as store:
            page = store.search(request)
    except QueryError as error:
        fail(QueryError(f"query {query!r}", error.reason))
    except MinutebookError as error:
        fail(error)
    if as_json:
        click.echo(json.dumps(page_json(page), ensure_ascii=False, indent=2))
    else:
        click.echo(describe_page(page, color=sys.stdout.isatty()), nl=False)


def result_json(result: SearchResult) -> dict[str, Any]:
    """One result as JSON: ids, where it stands, the snippet three ways, the rank."""
    return {
        "kind": result.kind,
        "id": result.id,
        "item_id": result.item_id,
        "meeting_id": result.meeting_id,
        "council": result.council,
        "committee": result.committee,
        "date": result.date.isoformat() if result.date else None,
        "item_number": result.item_number,
        "item_title": result.item_title,
        "snippet": result.plain_snippet,
        "highlights": [list(h) for h in result.highlights()],
        "snippet_html": _snippet_html(result),
        "rank": round(result.rank, 6),
        "span": [result.span.start, result.span.end] if result.span else None,
    }


def _snippet_html(result: SearchResult) -> str:
    plain = result.plain_snippet
    out: list[str] = []
    pos = 0
    for start, end in result.highlights():
        out.append(html.escape(plain[pos:start]))
        out.append(f"<mark>{html.escape(plain[start:end])}</mark>")
        pos = end
    out.append(html.escape(plain[pos:]))
    return "".join(out)


def page_json(page: SearchPage) -> dict[str, Any]:
    """A page of results as JSON."""
    return {
        "query": page.query.text,
        "total": page.total,
        "total_exact": page.total_exact,
        "offset": page.query.offset,
        "limit": page.query.limit,
        "results": [result_json(r) for r in page.results],
    }


def describe_page(page: SearchPage, *, color: bool = False) -> str:
    """A page of results as text: a heading line per result, then its snippet."""
    if page.total == 0:
        return "No results.\n"
    first = page.query.offset + 1
    last = page.query.offset + len(page.results)
    noun = "result" if page.total == 1 else "results"
    count = f"{page.total:,}" if page.total_exact else f"More than {page.total:,}"
    lines = [f"{count} {noun}" + (f", showing {first}-{last}" if page.total > 1 else "")]
    for n, r in enumerate(page.results, start=first):
        where = " · ".join(x for x in (
            r.date.isoformat() if r.date else None, r.committee, r.council) if x)
        item = " ".join(x for x in (f"{r.item_number}." if r.item_number else None,
                                    r.item_title) if x)
        lines.append("")
        lines.append(f"{n}. [{r.kind}] {where}")
        if item:
            lines.append(f"   {item}")
        snippet = (r.highlighted("\x1b[1m", "\x1b[0m") if color else r.highlighted("[", "]"))
        lines.append("   " + " ".join(snippet.split()))
    if page.has_more:
        lines.append("")
        lines.append(f"More: --offset {last}")
    return "\n".join(lines) + "\n"
