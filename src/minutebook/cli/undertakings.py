"""``minutebook undertakings``: the register of promises, their follow-ups and answers."""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from typing import Any

import click

from minutebook.cli.common import fail
from minutebook.errors import MinutebookError
from minutebook.store import Store, open_store
from minutebook.track.followup import Proposal, confirm, propose, reject
from minutebook.track.register import (
    STATUSES,
    Entry,
    Event,
    close,
    entries,
    entry,
    reopen,
    withdraw,
)
from minutebook.track.views import entry_json, proposal_json

_DATE = click.DateTime(formats=["%Y-%m-%d"])
_DB_HELP = "Database file or postgresql:// URL [$MINUTEBOOK_DB, minutebook.db]."


def _day(value: dt.datetime | None) -> dt.date | None:
    return value.date() if value else None


def _open(db: str | None) -> Store:
    try:
        return open_store(db, create=False)
    except MinutebookError as error:
        fail(error)
        raise  # pragma: no cover - fail() exits


def describe_entry(e: Entry, *, history: bool = False) -> str:
    """An entry as lines of text: id, status, due date, where, who and what."""
    lines = [f"#{e.id} [{e.status}] due {e.due.label} — {e.item.label}",
             f"    {e.undertaking.by or 'unattributed'}: {e.undertaking.action}"]
    if e.answer is not None:
        lines.append(f"    answered: {e.answer.evidence} ({e.answer.actor}, "
                     f"{e.answer.at.date().isoformat()})")
    if history:
        for ev in e.events:
            lines.append("    " + describe_event(ev))
    return "\n".join(lines)


def describe_event(ev: Event) -> str:
    """One history line: when, who, what."""
    what = " — ".join(x for x in (ev.evidence, ev.note) if x)
    return f"{ev.at.strftime('%Y-%m-%d %H:%M')} {ev.actor}: {ev.kind}" + (f": {what}" if what
                                                                           else "")


def describe_proposal(rank: int, p: Proposal) -> str:
    """A proposal line: rank, score, item id and label, and why."""
    why = []
    if p.words:
        why.append("words: " + ", ".join(p.words))
    if p.phrases:
        why.append("phrases: " + "; ".join(f'"{x}"' for x in p.phrases))
    if p.semantic is not None:
        why.append(f"meaning {p.semantic:.2f}")
    return (f"  {rank}. score {p.score:.2f}  item {p.item.id}  {p.item.label}\n"
            f"     {' | '.join(why)}")


@click.group("undertakings", invoke_without_command=True)
@click.option("--db", help=_DB_HELP)
@click.option("--council", help="Only this council (exact name).")
@click.option("--committee", help="Only this committee (exact name).")
@click.option("--status", type=click.Choice(STATUSES), help="Only undertakings with this status.")
@click.option("--person", help="Only those given by this person or role (name, surname, role).")
@click.option("--since", type=_DATE, help="Promises made on or after YYYY-MM-DD.")
@click.option("--until", type=_DATE, help="Promises made on or before YYYY-MM-DD.")
@click.option("--as-of", "as_of", type=_DATE,
              help="Judge due dates on this day and ignore later events [default: today].")
@click.option("--json", "as_json", is_flag=True, help="Print the register as JSON.")
@click.pass_context
def undertakings_command(
    ctx: click.Context, db: str | None, council: str | None, committee: str | None,
    status: str | None, person: str | None, since: dt.datetime | None,
    until: dt.datetime | None, as_of: dt.datetime | None, as_json: bool,
) -> None:
    """List undertakings with their status (open, answered, overdue, withdrawn) and due date.

    An undertaking is overdue once the deadline its words state ("at the
    next meeting", "within four weeks", "by March 2025") has passed and no
    answer was recorded. Subcommands record answers and find follow-ups.

    \b
    Examples:
        minutebook undertakings --council "Wrenfield Borough Council" --status overdue
        minutebook undertakings follow-ups 17
        minutebook undertakings close 17 --evidence https://example.gov.uk/briefing.pdf
    """
    if ctx.invoked_subcommand is not None:
        return
    with _open(db) as store:
        try:
            found = entries(store, council=council, committee=committee, person=person,
                            status=status,  # type: ignore[arg-type]
                            since=_day(since), until=_day(until), as_of=_day(as_of))
        except MinutebookError as error:
            fail(error)
    if as_json:
        click.echo(json.dumps([entry_json(e) for e in found], ensure_ascii=False, indent=2))
        return
    for e in found:
        click.echo(describe_entry(e))
    counts = Counter(e.status for e in found)
    tally = ", ".join(f"{counts[s]} {s}" for s in STATUSES if counts[s])
    click.echo(f"{len(found)} undertaking{'s' if len(found) != 1 else ''}"
               + (f": {tally}" if tally else ""))


@undertakings_command.command("show")
@click.argument("undertaking_id", type=int)
@click.option("--db", help=_DB_HELP)
@click.option("--as-of", "as_of", type=_DATE, help="Status on this day [default: today].")
@click.option("--json", "as_json", is_flag=True, help="Print as JSON.")
def show_command(undertaking_id: int, db: str | None, as_of: dt.datetime | None,
                 as_json: bool) -> None:
    """Show one undertaking with its words and its full history.

    \b
    Example:
        minutebook undertakings show 17
    """
    with _open(db) as store:
        try:
            e = entry(store, undertaking_id, as_of=_day(as_of))
        except MinutebookError as error:
            fail(error)
    if as_json:
        click.echo(json.dumps(entry_json(e), ensure_ascii=False, indent=2))
        return
    click.echo(describe_entry(e, history=True))
    click.echo(f"    sentence: {e.undertaking.sentence}")


def _record(db: str | None, action: Any) -> Event:
    with _open(db) as store:
        try:
            result: Event = action(store)
        except MinutebookError as error:
            fail(error)
    return result


@undertakings_command.command("close")
@click.argument("undertaking_id", type=int)
@click.option("--evidence", required=True, help="What answered it: a URL or words.")
@click.option("--by", "actor", help="Who records this [$MINUTEBOOK_USER, else your login].")
@click.option("--db", help=_DB_HELP)
def close_command(undertaking_id: int, evidence: str, actor: str | None, db: str | None) -> None:
    """Record that an undertaking was answered, with evidence, who and when.

    The history is kept: closing adds an event and changes nothing earlier.

    \b
    Example:
        minutebook undertakings close 17 --evidence "Briefing note circulated 3 Oct 2024"
    """
    ev = _record(db, lambda s: close(s, undertaking_id, evidence, actor=actor))
    click.echo(f"#{undertaking_id} answered: {ev.evidence} ({ev.actor}, "
               f"{ev.at.strftime('%Y-%m-%d %H:%M')})")


@undertakings_command.command("withdraw")
@click.argument("undertaking_id", type=int)
@click.option("--reason", required=True, help="Why it was withdrawn or overtaken.")
@click.option("--by", "actor", help="Who records this [$MINUTEBOOK_USER, else your login].")
@click.option("--db", help=_DB_HELP)
def withdraw_command(undertaking_id: int, reason: str, actor: str | None,
                     db: str | None) -> None:
    """Record that an undertaking was withdrawn or overtaken by events.

    \b
    Example:
        minutebook undertakings withdraw 12 --reason "Superseded by the 2024 review"
    """
    ev = _record(db, lambda s: withdraw(s, undertaking_id, reason, actor=actor))
    click.echo(f"#{undertaking_id} withdrawn: {ev.note} ({ev.actor})")


@undertakings_command.command("reopen")
@click.argument("undertaking_id", type=int)
@click.option("--reason", required=True, help="Why it is open again.")
@click.option("--by", "actor", help="Who records this [$MINUTEBOOK_USER, else your login].")
@click.option("--db", help=_DB_HELP)
def reopen_command(undertaking_id: int, reason: str, actor: str | None, db: str | None) -> None:
    """Record that an answered or withdrawn undertaking is open again.

    \b
    Example:
        minutebook undertakings reopen 17 --reason "The figures sent were for the wrong year"
    """
    ev = _record(db, lambda s: reopen(s, undertaking_id, reason, actor=actor))
    click.echo(f"#{undertaking_id} reopened: {ev.note} ({ev.actor})")


@undertakings_command.command("follow-ups")
@click.argument("undertaking_ids", nargs=-1, type=int)
@click.option("--db", help=_DB_HELP)
@click.option("--council", help="All open undertakings of this council (exact name).")
@click.option("--committee", help="All open undertakings of this committee (exact name).")
@click.option("--limit", type=click.IntRange(min=1, max=50), default=3, show_default=True,
              help="Proposals per undertaking.")
@click.option("--lexical", is_flag=True, help="Words only: do not use the embedding model.")
@click.option("--as-of", "as_of", type=_DATE, help="Look only at items up to this day.")
@click.option("--json", "as_json", is_flag=True, help="Print as JSON.")
def followups_command(
    undertaking_ids: tuple[int, ...], db: str | None, council: str | None,
    committee: str | None, limit: int, lexical: bool, as_of: dt.datetime | None,
    as_json: bool,
) -> None:
    """Propose later items that may answer open undertakings, best first, with reasons.

    Give UNDERTAKING_IDS, or none for every open undertaking (of --council or
    --committee). A proposal is only a proposal: confirm it with
    `minutebook undertakings confirm ID ITEM_ID`.

    \b
    Example:
        minutebook undertakings follow-ups --council "Wrenfield Borough Council"
    """
    with _open(db) as store:
        try:
            found = propose(store, council=council, committee=committee,
                            undertaking_ids=list(undertaking_ids) or None, limit=limit,
                            semantic=False if lexical else None, as_of=_day(as_of))
        except MinutebookError as error:
            fail(error)
    if as_json:
        click.echo(json.dumps([{"undertaking": entry_json(e),
                                "proposals": [proposal_json(p) for p in props]}
                               for e, props in found], ensure_ascii=False, indent=2))
        return
    for e, props in found:
        click.echo(describe_entry(e))
        if not props:
            click.echo("  no later item looks like an answer")
        for rank, p in enumerate(props, start=1):
            click.echo(describe_proposal(rank, p))


@undertakings_command.command("confirm")
@click.argument("undertaking_id", type=int)
@click.argument("item_id", type=int)
@click.option("--by", "actor", help="Who records this [$MINUTEBOOK_USER, else your login].")
@click.option("--db", help=_DB_HELP)
def confirm_command(undertaking_id: int, item_id: int, actor: str | None,
                    db: str | None) -> None:
    """Confirm that item ITEM_ID answered the undertaking (records it as answered).

    \b
    Example:
        minutebook undertakings confirm 17 412
    """
    ev = _record(db, lambda s: confirm(s, undertaking_id, item_id, actor=actor))
    click.echo(f"#{undertaking_id} answered: {ev.evidence} ({ev.actor})")


@undertakings_command.command("reject")
@click.argument("undertaking_id", type=int)
@click.argument("item_id", type=int)
@click.option("--by", "actor", help="Who records this [$MINUTEBOOK_USER, else your login].")
@click.option("--db", help=_DB_HELP)
def reject_command(undertaking_id: int, item_id: int, actor: str | None,
                   db: str | None) -> None:
    """Say that item ITEM_ID does not answer the undertaking; it is not proposed again.

    \b
    Example:
        minutebook undertakings reject 17 398
    """
    ev = _record(db, lambda s: reject(s, undertaking_id, item_id, actor=actor))
    click.echo(f"#{undertaking_id}: not answered by {ev.evidence} ({ev.actor})")
