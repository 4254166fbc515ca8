"""The structured record of a meeting, as extracted from its published minutes.

A :class:`Meeting` holds :class:`Item` s; each item holds the facts read from
its text. Every fact keeps its provenance: ``span`` is the ``(start, end)``
character range in ``Item.text`` that the fact was read from, so a reader can
always be shown the words behind a record.

>>> item = Item(number="12", title="Lead Member report", text="The Committee noted the report.")
>>> item.decisions.append(Decision(kind="noted", text=item.text, span=Span(0, 31)))
>>> item.text[item.decisions[0].span.start:item.decisions[0].span.end]
'The Committee noted the report.'
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Literal

DecisionKind = Literal[
    "noted", "agreed", "approved", "recommended", "rejected", "deferred", "other"
]
DECISION_KINDS: tuple[DecisionKind, ...] = (
    "noted",
    "agreed",
    "approved",
    "recommended",
    "rejected",
    "deferred",
    "other",
)
VotePosition = Literal["for", "against", "abstain"]
VOTE_POSITIONS: tuple[VotePosition, ...] = ("for", "against", "abstain")


@dataclass(frozen=True, slots=True)
class Span:
    """A half-open character range ``[start, end)`` in an item's text."""

    start: int
    end: int

    def of(self, text: str) -> str:
        """The words this span covers in ``text``."""
        return text[self.start : self.end]


@dataclass(slots=True)
class Attendee:
    """Somebody who attended, presented or answered for an item."""

    name: str | None
    role: str | None = None
    span: Span | None = None


@dataclass(slots=True)
class Topic:
    """A labelled point of discussion: ``label`` and the text of that point."""

    label: str
    text: str = ""
    span: Span | None = None


@dataclass(slots=True)
class Undertaking:
    """A promise of future action made at the meeting."""

    by: str | None
    action: str
    sentence: str = ""
    span: Span | None = None


@dataclass(slots=True)
class Decision:
    """A resolution or outcome of an item."""

    kind: DecisionKind
    text: str
    span: Span | None = None


@dataclass(slots=True)
class RecordedVote:
    """Named members whose votes were recorded in one position."""

    members: list[str]
    position: VotePosition
    rule: str | None = None
    span: Span | None = None


@dataclass(slots=True)
class Apology:
    """A member who sent apologies (name as printed, without title)."""

    name: str
    span: Span | None = None

    @property
    def surname(self) -> str:
        parts = self.name.replace(".", " ").split()
        return parts[-1] if parts else self.name


@dataclass(slots=True)
class Substitute:
    """A member attending in place of another."""

    member: str
    substituting_for: str | None = None
    span: Span | None = None


@dataclass(slots=True)
class Declaration:
    """A declaration of interest by a member."""

    member: str
    item: str | None = None
    kind: str | None = None
    text: str = ""
    span: Span | None = None


@dataclass(slots=True)
class SupportingDocument:
    """A document listed with an item (report, appendix), as linked on the page."""

    title: str
    url: str | None = None


@dataclass(slots=True)
class Item:
    """One agenda item or minute."""

    number: str | None
    title: str | None
    text: str = ""
    purpose: str | None = None
    period: str | None = None
    documents: list[SupportingDocument] = field(default_factory=list)
    attendees: list[Attendee] = field(default_factory=list)
    topics: list[Topic] = field(default_factory=list)
    undertakings: list[Undertaking] = field(default_factory=list)
    decisions: list[Decision] = field(default_factory=list)
    recorded_votes: list[RecordedVote] = field(default_factory=list)
    apologies: list[Apology] = field(default_factory=list)
    substitutes: list[Substitute] = field(default_factory=list)
    declarations: list[Declaration] = field(default_factory=list)
    span: Span | None = None
    """Where the item's text stands in the whole document's text."""


@dataclass(slots=True)
class Meeting:
    """A meeting of a council body and the items its minutes record."""

    council: str | None = None
    committee: str | None = None
    date: dt.date | None = None
    source_url: str | None = None
    items: list[Item] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        """The record in the annotation form (``ANNOTATION.md``) plus provenance.

        >>> Meeting(council="Medway Council").to_json()["council"]
        'Medway Council'
        """
        return {
            "council": self.council,
            "committee": self.committee,
            "meeting_date": self.date.isoformat() if self.date else None,
            "source_url": self.source_url,
            "items": [_item_json(item) for item in self.items],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Meeting:
        """Rebuild a meeting from :meth:`to_json` output."""
        date = data.get("meeting_date")
        return cls(
            council=data.get("council"),
            committee=data.get("committee"),
            date=dt.date.fromisoformat(date) if date else None,
            source_url=data.get("source_url"),
            items=[_item_from_json(i) for i in data.get("items") or []],
        )


def _span_json(span: Span | None) -> list[int] | None:
    return [span.start, span.end] if span else None


def _span_from(value: Any) -> Span | None:
    return Span(int(value[0]), int(value[1])) if value else None


def _item_json(item: Item) -> dict[str, Any]:
    return {
        "number": item.number,
        "title": item.title,
        "purpose": item.purpose,
        "period": item.period,
        "documents": [{"title": d.title, "url": d.url} for d in item.documents],
        "attendees": [
            {"name": a.name, "role": a.role, "span": _span_json(a.span)} for a in item.attendees
        ],
        "topics": [t.label for t in item.topics],
        "topic_details": [
            {"label": t.label, "text": t.text, "span": _span_json(t.span)} for t in item.topics
        ],
        "undertakings": [
            {"by": u.by, "action": u.action, "sentence": u.sentence, "span": _span_json(u.span)}
            for u in item.undertakings
        ],
        "decisions": [
            {"kind": d.kind, "text": d.text, "span": _span_json(d.span)} for d in item.decisions
        ],
        "recorded_votes": [
            {
                "members": list(v.members),
                "position": v.position,
                "rule": v.rule,
                "span": _span_json(v.span),
            }
            for v in item.recorded_votes
        ],
        "apologies": [a.name for a in item.apologies],
        "apology_details": [{"name": a.name, "span": _span_json(a.span)} for a in item.apologies],
        "substitutes": [
            {
                "member": s.member,
                "substituting_for": s.substituting_for,
                "span": _span_json(s.span),
            }
            for s in item.substitutes
        ],
        "declarations": [
            {
                "member": d.member,
                "item": d.item,
                "kind": d.kind,
                "text": d.text,
                "span": _span_json(d.span),
            }
            for d in item.declarations
        ],
        "text": item.text,
        "span": _span_json(item.span),
    }


def _item_from_json(data: dict[str, Any]) -> Item:
    topic_details = data.get("topic_details")
    if topic_details is None:
        topic_details = [{"label": label} for label in data.get("topics") or []]
    apology_details = data.get("apology_details")
    if apology_details is None:
        apology_details = [{"name": name} for name in data.get("apologies") or []]
    return Item(
        number=data.get("number"),
        title=data.get("title"),
        text=data.get("text") or "",
        purpose=data.get("purpose"),
        period=data.get("period"),
        documents=[
            SupportingDocument(d["title"], d.get("url")) for d in data.get("documents") or []
        ],
        attendees=[
            Attendee(a.get("name"), a.get("role"), _span_from(a.get("span")))
            for a in data.get("attendees") or []
        ],
        topics=[
            Topic(t["label"], t.get("text") or "", _span_from(t.get("span"))) for t in topic_details
        ],
        undertakings=[
            Undertaking(
                u.get("by"), u["action"], u.get("sentence") or "", _span_from(u.get("span"))
            )
            for u in data.get("undertakings") or []
        ],
        decisions=[
            Decision(d["kind"], d["text"], _span_from(d.get("span")))
            for d in data.get("decisions") or []
        ],
        recorded_votes=[
            RecordedVote(
                list(v["members"]), v["position"], v.get("rule"), _span_from(v.get("span"))
            )
            for v in data.get("recorded_votes") or []
        ],
        apologies=[Apology(a["name"], _span_from(a.get("span"))) for a in apology_details],
        substitutes=[
            Substitute(s["member"], s.get("substituting_for"), _span_from(s.get("span")))
            for s in data.get("substitutes") or []
        ],
        declarations=[
            Declaration(
                d["member"],
                d.get("item"),
                d.get("kind"),
                d.get("text") or "",
                _span_from(d.get("span")),
            )
            for d in data.get("declarations") or []
        ],
        span=_span_from(data.get("span")),
    )
