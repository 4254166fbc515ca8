"""The tracker's records as plain JSON-able dicts: for ``--json``, the API and templates.

>>> import datetime as dt
>>> from minutebook.track.due import DueDate
>>> due_json(DueDate(dt.date(2024, 4, 2), "within four weeks", "date"))
{'date': '2024-04-02', 'phrase': 'within four weeks', 'kind': 'date', 'label': '2024-04-02'}
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from minutebook.track.data import ItemRef, item_link
from minutebook.track.due import DueDate
from minutebook.track.followup import Proposal
from minutebook.track.register import Entry, Event
from minutebook.track.report import LeadMemberReport, Source
from minutebook.track.themes import Theme

__all__ = [
    "due_json",
    "entry_json",
    "event_json",
    "item_json",
    "proposal_json",
    "report_json",
    "theme_json",
]


def _day(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def due_json(due: DueDate) -> dict[str, Any]:
    """A due date: the date, the words it was read from, its kind and how lists show it."""
    return {"date": _day(due.date), "phrase": due.phrase, "kind": due.kind, "label": due.label}


def item_json(item: ItemRef, link_base: str | None = None) -> dict[str, Any]:
    """Where an item stands, with its stable key and a link to it."""
    m = item.meeting
    return {
        "item_id": item.id, "key": item.key, "number": item.number, "title": item.title,
        "meeting_id": m.id, "council": m.council, "committee": m.committee,
        "date": _day(m.date), "label": item.label, "link": item_link(item, link_base),
    }


def event_json(event: Event) -> dict[str, Any]:
    """One recorded event with who and when."""
    return {
        "id": event.id, "kind": event.kind, "actor": event.actor,
        "at": event.at.isoformat(), "evidence": event.evidence, "item_key": event.item_key,
        "note": event.note,
    }


def entry_json(e: Entry, link_base: str | None = None) -> dict[str, Any]:
    """A register entry: the promise, where it was made, due date, status, history."""
    u = e.undertaking
    return {
        "id": e.id, "key": u.key, "status": e.status, "by": u.by, "action": u.action,
        "sentence": u.sentence, "span": [u.span.start, u.span.end] if u.span else None,
        "due": due_json(e.due), "item": item_json(e.item, link_base),
        "answer": event_json(e.answer) if e.answer else None,
        "events": [event_json(x) for x in e.events],
    }


def proposal_json(p: Proposal, link_base: str | None = None) -> dict[str, Any]:
    """A proposed follow-up item with its score and the reasons for it."""
    return {
        "undertaking_id": p.undertaking_id, "score": p.score, "words": p.words,
        "phrases": p.phrases, "same_committee": p.same_committee, "semantic": p.semantic,
        "item": item_json(p.item, link_base),
    }


def theme_json(t: Theme, link_base: str | None = None) -> dict[str, Any]:
    """A theme with its timeline, oldest first."""
    return {
        "id": t.id, "name": t.name, "meetings": t.meetings, "years": t.years,
        "first": _day(t.first), "last": _day(t.last), "labels": t.labels,
        "committees": t.committees,
        "timeline": [
            {"date": _day(day), "mentions": [
                {"kind": m.kind, "label": m.label, "text": m.text,
                 "item": item_json(m.item, link_base)} for m in found]}
            for day, found in t.timeline()
        ],
    }


def _source(s: Source) -> dict[str, Any]:
    return {"label": s.label, "link": s.link, "item_id": s.item.id, "key": s.item.key}


def report_json(r: LeadMemberReport, link_base: str | None = None) -> dict[str, Any]:
    """The whole report, every statement with its source."""
    return {
        "role": r.role, "from": r.start.isoformat(), "to": r.end.isoformat(),
        "council": r.council, "as_of": r.as_of.isoformat(), "holders": r.holders,
        "attendances": [
            {"date": _day(a.meeting.date), "committee": a.meeting.committee,
             "attended": a.attended, "sources": [_source(s) for s in a.sources]}
            for a in r.attendances
        ],
        "questions": {
            topic: [{"topic": q.topic, "answer": q.answer, "source": _source(q.source)}
                    for q in found]
            for topic, found in r.questions.items()
        },
        "undertakings": [{**entry_json(e, link_base), "source": _source(s)}
                         for e, s in r.undertakings],
        "decisions": [{"kind": d.kind, "text": d.text, "source": _source(d.source)}
                      for d in r.decisions],
        "votes": [{"position": v.position, "members": v.members, "rule": v.rule,
                   "source": _source(v.source)} for v in r.votes],
        "themes": [{"name": t.theme.name, "earlier_years": t.earlier_years,
                    "labels": t.theme.labels, "sources": [_source(s) for s in t.in_period]}
                   for t in r.themes],
    }
