"""Between model objects and table rows: the columns each fact is stored in.

Pure functions, shared by both databases. :func:`item_rows` flattens a
meeting's items into one list of rows per table (ids are given by the
caller, which allocates them in bulk); :func:`item_from_rows` rebuilds an
:class:`~minutebook.models.Item` from what was stored.

>>> from minutebook.models import Item, Meeting, Undertaking
>>> m = Meeting(items=[Item("1", "Libraries", "Cllr Lee will report back.",
...     undertakings=[Undertaking("Cllr Lee", "report back")])])
>>> rows = item_rows(m, meeting_id=7, ids=iter(range(100, 200)))
>>> rows["undertakings"][0][:5]
(101, 100, 0, 'Cllr Lee', 'report back')
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Iterable, Iterator
from typing import Any

from minutebook.models import (
    Apology,
    Attendee,
    Decision,
    Declaration,
    Item,
    Meeting,
    RecordedVote,
    Span,
    Substitute,
    SupportingDocument,
    Topic,
    Undertaking,
)
from minutebook.store.people import normalise_person

__all__ = [
    "COLUMNS", "item_from_rows", "item_rows", "key", "meeting_keys", "meeting_title",
    "meeting_uid", "person_keys",
]

Row = tuple[Any, ...]

COLUMNS: dict[str, tuple[str, ...]] = {
    "items": (
        "id", "meeting_id", "ordinal", "number", "title", "text", "purpose", "period",
        "span_start", "span_end", "search_keys",
    ),
    "supporting_documents": ("id", "item_id", "ordinal", "title", "url"),
    "attendees": (
        "id", "item_id", "ordinal", "name", "role", "person", "surname", "span_start", "span_end",
    ),
    "topics": (
        "id", "item_id", "ordinal", "label", "text", "span_start", "span_end", "search_keys",
    ),
    "undertakings": (
        "id", "item_id", "ordinal", "by_name", "action", "sentence", "person", "surname",
        "span_start", "span_end", "search_keys",
    ),
    "decisions": (
        "id", "item_id", "ordinal", "kind", "text", "span_start", "span_end", "search_keys",
    ),
    "recorded_votes": (
        "id", "item_id", "ordinal", "position", "rule", "members", "text", "span_start",
        "span_end", "search_keys",
    ),
    "recorded_vote_members": ("id", "vote_id", "ordinal", "name", "person", "surname"),
    "apologies": (
        "id", "item_id", "ordinal", "name", "person", "surname", "span_start", "span_end",
    ),
    "substitutes": (
        "id", "item_id", "ordinal", "member", "substituting_for", "person", "surname",
        "span_start", "span_end",
    ),
    "declarations": (
        "id", "item_id", "ordinal", "member", "about_item", "kind", "text", "person", "surname",
        "span_start", "span_end",
    ),
}
"""Insert columns of each table below ``meetings``, in insert order (parents first)."""

_UID_NAMESPACE = uuid.UUID("6f0b6e2e-4d59-5c1e-9a57-6d696e757465")


def meeting_uid(document_key: str) -> str:
    """The stable id of the meeting read from the document with ``document_key``.

    The same document gives the same id in every database, so exports made
    from separate databases agree.

    >>> meeting_uid("https://example.gov.uk/minutes/1") == meeting_uid("https://example.gov.uk/minutes/1")
    True
    """
    return str(uuid.uuid5(_UID_NAMESPACE, document_key))


def meeting_title(meeting: Meeting) -> str:
    """A label for the meeting in lists: ``Cabinet, 2024-03-05``.

    >>> import datetime as dt
    >>> meeting_title(Meeting(committee="Cabinet", date=dt.date(2024, 3, 5)))
    'Cabinet, 2024-03-05'
    """
    name = meeting.committee or meeting.council or "Meeting"
    return f"{name}, {meeting.date.isoformat()}" if meeting.date else name


def _clean(text: str | None) -> str | None:
    # PostgreSQL text cannot hold NUL; strip it for both databases so they agree.
    return text.replace("\x00", "") if text and "\x00" in text else text


def _span(span: Span | None) -> tuple[int | None, int | None]:
    return (span.start, span.end) if span else (None, None)


def _person(name: str | None) -> tuple[str | None, str | None]:
    if not name:
        return None, None
    person = normalise_person(name)
    return person, (person.split()[-1] if person else "")


def key(kind: str, value: str) -> str:
    """One filter key: ``zz``, the kind letter, and digits from the MD5 of ``value``.

    Digits only after the prefix, so that no tokenizer or stemmer alters a key and
    no word of the minutes is one; MD5 because PostgreSQL computes it in SQL too.

    >>> key("c", "Kingsford Council")
    'zzc8215127819213132'
    """
    digest = hashlib.md5(value.encode("utf-8")).hexdigest()[:12]
    for letter, number in (("a", "10"), ("b", "11"), ("c", "12"), ("d", "13"), ("e", "14"),
                           ("f", "15")):
        digest = digest.replace(letter, number)
    return f"zz{kind}{digest}"


def meeting_keys(meeting: Meeting) -> str:
    """The filter keys every searchable row of ``meeting`` carries (see ``SEARCH_KEYS``).

    >>> import datetime as dt
    >>> meeting_keys(Meeting(committee="Cabinet", date=dt.date(2024, 3, 5)))
    'zzm132955915121562 zzy2024 zzn202403 zzd20240305'
    """
    parts: list[str] = []
    if meeting.council is not None:
        parts.append(key("c", meeting.council))
    if meeting.committee is not None:
        parts.append(key("m", meeting.committee))
    if meeting.date is not None:
        d = meeting.date
        parts.append(f"zzy{d:%Y} zzn{d:%Y%m} zzd{d:%Y%m%d}")
    return " ".join(parts)


def person_keys(people: Iterable[str | None]) -> str:
    """Filter keys for the normalised ``people``: person and surname (empty ones left out).

    >>> person_keys(["jane smith", "", None]) == f"{key('p', 'jane smith')} {key('s', 'smith')}"
    True
    """
    keys = []
    for person in sorted({p for p in people if p}):
        keys.append(f"{key('p', person)} {key('s', person.split()[-1])}")
    return " ".join(keys)


def _keys(*parts: str) -> str:
    return _clean(" ".join(p for p in parts if p)) or ""


def _people(item: Item) -> set[str]:
    """Everybody an item concerns, normalised: attendees, promisers, voters, declarers."""
    names: list[str | None] = [a.name for a in item.attendees]
    names += [u.by for u in item.undertakings]
    names += [m for v in item.recorded_votes for m in v.members]
    names += [s.member for s in item.substitutes]
    names += [d.member for d in item.declarations]
    return {normalise_person(n) for n in names if n}


def item_rows(meeting: Meeting, *, meeting_id: int, ids: Iterator[int]) -> dict[str, list[Row]]:
    """Rows for every table below ``meetings``, keyed by table, ids drawn from ``ids``.

    The caller allocates ``ids``: one per row across all tables, so a single
    counter (or a block of sequence values) serves them all.
    """
    out: dict[str, list[Row]] = {table: [] for table in COLUMNS}
    shared = meeting_keys(meeting)
    for ordinal, item in enumerate(meeting.items):
        item_id = next(ids)
        text = _clean(item.text) or ""
        keys = _keys(shared, person_keys(_people(item)))
        out["items"].append(
            (item_id, meeting_id, ordinal, _clean(item.number), _clean(item.title), text,
             _clean(item.purpose), _clean(item.period), *_span(item.span), keys)
        )
        _fact_rows(out, item, item_id, text, ids, shared, keys)
    return out


def _quote(text: str, span: Span | None) -> str:
    return span.of(text) if span else ""


def _fact_rows(
    out: dict[str, list[Row]], item: Item, item_id: int, text: str, ids: Iterator[int],
    shared: str, item_keys: str,
) -> None:
    for n, doc in enumerate(item.documents):
        out["supporting_documents"].append((next(ids), item_id, n, _clean(doc.title) or "",
                                            _clean(doc.url)))
    for n, a in enumerate(item.attendees):
        out["attendees"].append((next(ids), item_id, n, _clean(a.name), _clean(a.role),
                                 *_person(a.name), *_span(a.span)))
    for n, t in enumerate(item.topics):
        out["topics"].append((next(ids), item_id, n, _clean(t.label) or "", _clean(t.text) or "",
                              *_span(t.span), item_keys))
    for n, u in enumerate(item.undertakings):
        person, last = _person(u.by)
        out["undertakings"].append((next(ids), item_id, n, _clean(u.by), _clean(u.action) or "",
                                    _clean(u.sentence) or "", person, last, *_span(u.span),
                                    _keys(shared, person_keys([person]))))
    for n, d in enumerate(item.decisions):
        out["decisions"].append((next(ids), item_id, n, d.kind, _clean(d.text) or "",
                                 *_span(d.span), item_keys))
    for n, v in enumerate(item.recorded_votes):
        vote_id = next(ids)
        members = [_clean(m) or "" for m in v.members]
        voters = person_keys(normalise_person(m) for m in members if m)
        out["recorded_votes"].append((vote_id, item_id, n, v.position, _clean(v.rule),
                                      "; ".join(members), _quote(text, v.span), *_span(v.span),
                                      _keys(shared, voters)))
        for k, name in enumerate(members):
            person, last = _person(name)
            out["recorded_vote_members"].append((next(ids), vote_id, k, name, person or "",
                                                 last or ""))
    for n, ap in enumerate(item.apologies):
        person, last = _person(ap.name)
        out["apologies"].append((next(ids), item_id, n, _clean(ap.name) or "", person or "",
                                 last or "", *_span(ap.span)))
    for n, s in enumerate(item.substitutes):
        person, last = _person(s.member)
        out["substitutes"].append((next(ids), item_id, n, _clean(s.member) or "",
                                   _clean(s.substituting_for), person or "", last or "",
                                   *_span(s.span)))
    for n, dc in enumerate(item.declarations):
        person, last = _person(dc.member)
        out["declarations"].append((next(ids), item_id, n, _clean(dc.member) or "",
                                    _clean(dc.item), _clean(dc.kind), _clean(dc.text) or "",
                                    person or "", last or "", *_span(dc.span)))


def row_count(meeting: Meeting) -> int:
    """How many ids :func:`item_rows` will draw for ``meeting``."""
    total = 0
    for item in meeting.items:
        total += 1 + len(item.documents) + len(item.attendees) + len(item.topics)
        total += len(item.undertakings) + len(item.decisions) + len(item.apologies)
        total += len(item.substitutes) + len(item.declarations)
        total += sum(1 + len(v.members) for v in item.recorded_votes)
    return total


def _sp(row: dict[str, Any]) -> Span | None:
    start, end = row.get("span_start"), row.get("span_end")
    return Span(int(start), int(end)) if start is not None and end is not None else None


def item_from_rows(
    item: dict[str, Any],
    facts: dict[str, list[dict[str, Any]]],
    vote_members: dict[int, list[str]],
) -> Item:
    """Rebuild an item from its row and its facts' rows (each list in ``ordinal`` order)."""
    return Item(
        number=item["number"],
        title=item["title"],
        text=item["text"],
        purpose=item["purpose"],
        period=item["period"],
        span=_sp(item),
        documents=[SupportingDocument(r["title"], r["url"])
                   for r in facts.get("supporting_documents", [])],
        attendees=[Attendee(r["name"], r["role"], _sp(r)) for r in facts.get("attendees", [])],
        topics=[Topic(r["label"], r["text"], _sp(r)) for r in facts.get("topics", [])],
        undertakings=[Undertaking(r["by_name"], r["action"], r["sentence"], _sp(r))
                      for r in facts.get("undertakings", [])],
        decisions=[Decision(r["kind"], r["text"], _sp(r)) for r in facts.get("decisions", [])],
        recorded_votes=[RecordedVote(vote_members.get(r["id"], []), r["position"], r["rule"],
                                     _sp(r)) for r in facts.get("recorded_votes", [])],
        apologies=[Apology(r["name"], _sp(r)) for r in facts.get("apologies", [])],
        substitutes=[Substitute(r["member"], r["substituting_for"], _sp(r))
                     for r in facts.get("substitutes", [])],
        declarations=[Declaration(r["member"], r["about_item"], r["kind"], r["text"], _sp(r))
                      for r in facts.get("declarations", [])],
    )
