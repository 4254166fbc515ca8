"""A short human-readable account of an extracted meeting, for the terminal."""

from __future__ import annotations

from minutebook.models import Item, Meeting


def describe_meeting(meeting: Meeting) -> str:
    """Render ``meeting`` as indented plain text.

    >>> print(describe_meeting(Meeting(council="Medway Council")))
    Medway Council
    (no items)
    """
    head = " - ".join(
        part
        for part in (
            meeting.council,
            meeting.committee,
            meeting.date.strftime("%d %B %Y") if meeting.date else None,
        )
        if part
    )
    lines = [head or "(unknown meeting)"]
    if meeting.source_url:
        lines.append(meeting.source_url)
    if not meeting.items:
        lines.append("(no items)")
    for item in meeting.items:
        lines.extend(_describe_item(item))
    return "\n".join(lines)


def _describe_item(item: Item) -> list[str]:
    number = f"{item.number}. " if item.number else ""
    lines = ["", f"{number}{item.title or '(untitled item)'}"]
    if item.purpose:
        lines.append(f"  Purpose: {item.purpose}")
    if item.period:
        lines.append(f"  Period: {item.period}")
    for a in item.attendees:
        lines.append(f"  Attendee: {a.name or '(unnamed)'}" + (f", {a.role}" if a.role else ""))
    if item.apologies:
        lines.append("  Apologies: " + ", ".join(a.name for a in item.apologies))
    for s in item.substitutes:
        lines.append(
            f"  Substitute: {s.member}"
            + (f" for {s.substituting_for}" if s.substituting_for else "")
        )
    for d in item.declarations:
        lines.append(f"  Declaration: {d.member}" + (f" ({d.kind})" if d.kind else ""))
    for t in item.topics:
        lines.append(f"  Topic: {t.label}")
    for u in item.undertakings:
        lines.append(f"  Undertaking: {u.by or 'unstated'} to {u.action}")
    for dec in item.decisions:
        lines.append(f"  Decision ({dec.kind}): {dec.text}")
    for v in item.recorded_votes:
        rule = f" (rule {v.rule})" if v.rule else ""
        lines.append(f"  Recorded vote {v.position}{rule}: " + ", ".join(v.members))
    return lines
