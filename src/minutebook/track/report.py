"""The accountability summary a Lead Member's annual report to scrutiny gives.

The statutory guidance on the Lead Member for Children's Services (DfE,
2012) expects the Lead Member to be held to account by scrutiny; the annual
report to scrutiny sets out what the record shows for a period:

* attendances at scrutiny meetings (and apologies sent);
* the questions raised, by topic, with the answers given;
* the undertakings given and whether each was answered;
* the decisions on the items the Lead Member attended, and recorded votes;
* which themes recurred from earlier years.

The role holder is found by role ("Portfolio Holder for Children's
Services" as minutes print it beside a name); their names then find them
where the role is not repeated. Every statement carries its :class:`Source`:
the item it comes from and a link to it.
:mod:`minutebook.track.render_report` writes the report as Markdown, HTML or
PDF.

>>> import os, tempfile, datetime as dt
>>> from minutebook.store import open_store
>>> with open_store(os.path.join(tempfile.mkdtemp(), "m.db")) as store:
...     r = build_report(store, "Lead Member", dt.date(2024, 4, 1), dt.date(2025, 3, 31))
>>> r.holders, r.attendances
([], [])
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from minutebook.store import Store
from minutebook.store.people import normalise_person
from minutebook.track.data import DB, ItemRef, MeetingRef, item_link
from minutebook.track.register import Entry, entries
from minutebook.track.themes import Theme, themes

__all__ = [
    "AttendanceRecord",
    "DecisionRecord",
    "LeadMemberReport",
    "QuestionRecord",
    "RecurringTheme",
    "Source",
    "VoteRecordLine",
    "build_report",
    "is_scrutiny",
]

_SCRUTINY = re.compile(r"\b(?:scrutiny|overview|select\s+committee)\b", re.I)
_PROCEDURAL = re.compile(
    r"apolog|minutes\s+of|declarations?\s+of|work\s*programme|urgent\s+(?:items|business)|"
    r"date\s+of\s+(?:the\s+)?next", re.I)


def is_scrutiny(committee: str | None) -> bool:
    """Whether a committee's name makes it a scrutiny body.

    >>> is_scrutiny("Children's Overview and Scrutiny Committee"), is_scrutiny("Cabinet")
    (True, False)
    """
    return bool(committee and _SCRUTINY.search(committee))


@dataclass(slots=True)
class Source:
    """The item a statement comes from, and where to read it."""

    item: ItemRef
    link: str

    @property
    def label(self) -> str:
        """``Committee, 2024-06-11, item 27: Title``."""
        return self.item.label


@dataclass(slots=True)
class AttendanceRecord:
    """A scrutiny meeting in the period: attended (with the items) or apologies sent."""

    meeting: MeetingRef
    attended: bool
    sources: list[Source] = field(default_factory=list)


@dataclass(slots=True)
class QuestionRecord:
    """A labelled point of discussion at an item the role holder attended: question and answer."""

    topic: str
    answer: str
    source: Source


@dataclass(slots=True)
class DecisionRecord:
    """A decision on an item the role holder attended."""

    kind: str
    text: str
    source: Source


@dataclass(slots=True)
class VoteRecordLine:
    """One side of a recorded vote on an item the role holder attended or voted in."""

    position: str
    members: list[str]
    rule: str | None
    source: Source


@dataclass(slots=True)
class RecurringTheme:
    """A theme raised in the period that had come up in earlier years."""

    theme: Theme
    earlier_years: list[int]
    in_period: list[Source]


@dataclass(slots=True)
class LeadMemberReport:
    """Everything the report states, each fact with its source."""

    role: str
    start: dt.date
    end: dt.date
    council: str | None
    as_of: dt.date
    holders: list[str] = field(default_factory=list)
    attendances: list[AttendanceRecord] = field(default_factory=list)
    questions: dict[str, list[QuestionRecord]] = field(default_factory=dict)
    undertakings: list[tuple[Entry, Source]] = field(default_factory=list)
    decisions: list[DecisionRecord] = field(default_factory=list)
    votes: list[VoteRecordLine] = field(default_factory=list)
    themes: list[RecurringTheme] = field(default_factory=list)

    @property
    def attended(self) -> int:
        """Scrutiny meetings attended."""
        return sum(1 for a in self.attendances if a.attended)

    @property
    def answered(self) -> int:
        """Undertakings answered."""
        return sum(1 for e, _ in self.undertakings if e.status == "answered")


def _fold(text: str) -> str:
    return " ".join(text.lower().replace("’", "'").split())


def build_report(
    store: Store,
    role: str,
    start: dt.date,
    end: dt.date,
    *,
    council: str | None = None,
    as_of: dt.date | None = None,
    link_base: str | None = None,
    semantic: bool | None = None,
) -> LeadMemberReport:
    """The accountability summary of whoever held ``role`` between ``start`` and ``end``.

    ``as_of`` (default today) is the day undertakings' status is judged on;
    ``link_base`` links statements to the web app (``/items/<id>``) instead of
    the published minutes.
    """
    db = DB(store)
    as_of = as_of or dt.date.today()
    report = LeadMemberReport(role, start, end, council, as_of)
    meetings = db.meetings(council=council, since=start, until=end)
    items = db.items(meetings, text=True)
    ids = [i.id for i in items]
    attendees = db.facts("attendees", ids)
    wanted = _fold(role)
    names: dict[str, str] = {}
    for rows in attendees.values():
        for a in rows:
            if a["role"] and wanted in _fold(a["role"]) and a["name"]:
                names.setdefault(normalise_person(a["name"]), a["name"])
    report.holders = sorted(names.values())

    def source(item: ItemRef) -> Source:
        return Source(item, item_link(item, link_base))

    def holder(name: str | None) -> bool:
        return bool(name) and normalise_person(name or "") in names

    full_names = [_fold(n) for n in names.values() if len(n.split()) > 1]

    def attended(item: ItemRef) -> bool:
        if any((a["role"] and wanted in _fold(a["role"])) or holder(a["name"])
               for a in attendees.get(item.id, [])):
            return True
        # The extractor can miss an attendance sentence ("The Committee welcomed
        # Councillor X, Portfolio Holder for ..., to the meeting"); the words remain.
        text = _fold(item.text)
        return wanted in text or any(n in text for n in full_names)

    present = [i for i in items if attended(i)]
    present_ids = {i.id for i in present}
    _attendance(report, db, meetings, items, present, source, holder)
    topics = db.facts("topics", sorted(present_ids))
    all_themes = themes(store, council=council, until=end, min_meetings=1, semantic=semantic)
    theme_of: dict[tuple[int, str], Theme] = {}
    for theme in all_themes:
        for m in theme.mentions:
            theme_of[(m.item.id, m.label)] = theme
    for item in present:
        if not is_scrutiny(item.meeting.committee):
            continue
        for t in topics.get(item.id, []):
            found = theme_of.get((item.id, t["label"]))
            heading = found.name if found else t["label"]
            report.questions.setdefault(heading, []).append(
                QuestionRecord(t["label"], t["text"], source(item)))
    _undertakings(report, store, present_ids, wanted, holder, source)
    _decisions_and_votes(report, db, items, present_ids, holder, source)
    for theme in all_themes:
        within = [m for m in theme.mentions if m.item.id in present_ids]
        if not within:
            continue
        earlier = sorted({m.date.year for m in theme.mentions if m.date and m.date < start})
        if earlier:
            seen: dict[int, Source] = {}
            for m in within:
                seen.setdefault(m.item.id, source(m.item))
            report.themes.append(RecurringTheme(theme, earlier, list(seen.values())))
    report.themes.sort(key=lambda r: (-len(r.earlier_years), r.theme.name))
    return report


SourceOf = Callable[[ItemRef], Source]
IsHolder = Callable[[str | None], bool]


def _attendance(
    report: LeadMemberReport, db: DB, meetings: Sequence[MeetingRef], items: Sequence[ItemRef],
    present: Sequence[ItemRef], source: SourceOf, holder: IsHolder,
) -> None:
    apologies = db.facts("apologies", [i.id for i in items])
    sent = {i.meeting.id for i in items
            if any(holder(a["name"]) for a in apologies.get(i.id, []))}
    by_meeting: dict[int, list[ItemRef]] = {}
    for i in present:
        by_meeting.setdefault(i.meeting.id, []).append(i)
    # The committees the role holder answers to: those they attended or sent apologies to.
    bodies = {m.committee for m in meetings if m.id in by_meeting or m.id in sent}
    for m in meetings:
        if not is_scrutiny(m.committee) or m.committee not in bodies:
            continue
        if m.id in by_meeting:
            report.attendances.append(AttendanceRecord(
                m, True, [source(i) for i in by_meeting[m.id]]))
        elif m.id in sent:
            apology_items = [i for i in items if i.meeting.id == m.id
                             and any(holder(a["name"]) for a in apologies.get(i.id, []))]
            report.attendances.append(AttendanceRecord(
                m, False, [source(i) for i in apology_items]))
        else:
            report.attendances.append(AttendanceRecord(m, False, []))


def _undertakings(
    report: LeadMemberReport, store: Store, present_ids: set[int], wanted: str,
    holder: IsHolder, source: SourceOf,
) -> None:
    start, end, council, as_of = report.start, report.end, report.council, report.as_of
    for e in entries(store, council=council, since=start, until=end, as_of=as_of):
        by = e.undertaking.by or ""
        if e.item.id in present_ids or (by and wanted in _fold(by)) or holder(by):
            report.undertakings.append((e, source(e.item)))


def _decisions_and_votes(
    report: LeadMemberReport, db: DB, items: Sequence[ItemRef], present_ids: set[int],
    holder: IsHolder, source: SourceOf,
) -> None:
    by_id = {i.id: i for i in items}
    decisions = db.facts("decisions", sorted(present_ids))
    for item_id in sorted(present_ids, key=lambda n: (by_id[n].meeting.date, by_id[n].ordinal)):
        item = by_id[item_id]
        if _PROCEDURAL.search(item.title or ""):
            continue
        for d in decisions.get(item_id, []):
            report.decisions.append(DecisionRecord(d["kind"], d["text"], source(item)))
    votes = db.facts("recorded_votes", [i.id for i in items])
    members = db.vote_members([int(v["id"]) for rows in votes.values() for v in rows])
    for item in items:
        for v in votes.get(item.id, []):
            names = members.get(int(v["id"]), [])
            if item.id in present_ids or any(holder(n) for n in names):
                report.votes.append(VoteRecordLine(v["position"], names, v["rule"],
                                                   source(item)))
