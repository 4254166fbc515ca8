"""The fake council's committees, meetings and minutes (all invented for minutebook's tests).

:func:`make_site` builds a deterministic site: committees with meetings at
regular dates, each meeting with a handful of agenda items whose minutes are
written from the small phrase lists below.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

TOPICS = [
    ("Library Opening Hours", "the Head of Libraries", "a trial of later opening on Thursdays"),
    ("Highways Maintenance Programme", "the Highways Manager", "the resurfacing list for the year"),
    ("Parks and Open Spaces Strategy", "the Parks Officer", "new play equipment at three sites"),
    ("Internal Audit Progress Report", "the Chief Internal Auditor", "progress on the audit plan"),
    ("Treasury Management Update", "the Finance Director", "borrowing and investment activity"),
    ("Housing Repairs Performance", "the Housing Services Lead", "the time taken on repairs"),
    ("School Transport Review", "the Transport Coordinator", "changes to eligibility for pupils"),
    ("Air Quality Action Plan", "the Environmental Health Manager", "monitoring by the ring road"),
]
MEMBERS = [
    ("Councillor Maud Tollington", "Chair", "LIB", "Eastmarsh"),
    ("Councillor Ewan Brackley", "Vice-Chair", "LAB", "Millford"),
    ("Councillor Nia Fernhough", "Committee Member", "CON", "Oakhollow"),
    ("Councillor Tobias Quell", "Committee Member", "GRN", "Saltings"),
]


@dataclass(slots=True)
class FakeItem:
    """An agenda item with its agenda text and (once published) its minutes."""

    item_id: int
    number: int
    title: str
    agenda: str
    minutes: str | None


@dataclass(slots=True)
class FakeAttendee:
    """A member on a meeting's attendance list."""

    member_id: int
    name: str
    role: str
    attendance: str
    party: str
    ward: str


@dataclass(slots=True)
class FakeMeeting:
    """A meeting and how the site publishes its minutes.

    ``minutes_in_xml``: the web service carries the minutes bodies.
    ``minutes_on_page``: the meeting page shows "Minutes:" sections.
    ``printed_minutes``: a "Printed minutes" PDF is linked from the page.
    ``item_pages``: items link to ``mgAi.aspx`` pages holding their minutes.
    """

    id: int
    committee_id: int
    date: dt.date
    status: str = "Confirmed"
    items: list[FakeItem] = field(default_factory=list)
    attendees: list[FakeAttendee] = field(default_factory=list)
    minutes_in_xml: bool = True
    minutes_on_page: bool = True
    printed_minutes: bool = False
    item_pages: bool = False

    @property
    def minutes_published(self) -> bool:
        return self.status != "Cancelled" and any(i.minutes for i in self.items)


@dataclass(slots=True)
class FakeCommittee:
    """A committee of the fake council."""

    id: int
    title: str
    category: str = "Committees"
    expired: bool = False
    deleted: bool = False


@dataclass(slots=True)
class FakeData:
    """Everything the fake site publishes."""

    council: str
    committees: list[FakeCommittee]
    meetings: list[FakeMeeting]

    def committee(self, cid: int) -> FakeCommittee | None:
        return next((c for c in self.committees if c.id == cid), None)

    def meeting(self, mid: int) -> FakeMeeting | None:
        return next((m for m in self.meetings if m.id == mid), None)

    def item(self, item_id: int) -> tuple[FakeMeeting, FakeItem] | None:
        for meeting in self.meetings:
            for item in meeting.items:
                if item.item_id == item_id:
                    return meeting, item
        return None


def make_items(meeting_id: int, date: dt.date, seq: int, published: bool) -> list[FakeItem]:
    """Four items: apologies, declarations, previous minutes, one topic."""
    topic, officer, subject = TOPICS[seq % len(TOPICS)]
    absent = MEMBERS[(seq + 2) % len(MEMBERS)][0]
    previous = (date - dt.timedelta(days=28)).strftime("%d %B %Y").lstrip("0")
    base = meeting_id * 10
    texts = [
        ("Apologies for Absence", "To receive any apologies for absence.",
         f"Apologies for absence were received from {absent}."),
        ("Declarations of Interest", "To receive any declarations of interest.",
         "No declarations of interest were made."),
        ("Minutes", f"To approve the minutes of the meeting held on {previous}.",
         f"RESOLVED: That the minutes of the meeting held on {previous} be approved as a "
         "correct record."),
        (topic, f"To consider a report of {officer} on {subject}.",
         f"The Committee considered a report of {officer} on {subject}. Members asked "
         f"about costs and timescales; {officer} undertook to circulate the figures. "
         "RESOLVED: That the report be noted."),
    ]
    return [
        FakeItem(base + n, n, title, agenda, minutes if published else None)
        for n, (title, agenda, minutes) in enumerate(texts, start=1)
    ]


def make_attendees(seq: int) -> list[FakeAttendee]:
    """The members of the committee, one of them sending apologies."""
    absent = (seq + 2) % len(MEMBERS)
    return [
        FakeAttendee(100 + n, name, role, "Apologies" if n == absent else "Present", party, ward)
        for n, (name, role, party, ward) in enumerate(MEMBERS)
    ]


def make_site(
    meetings_per_committee: int = 3,
    committees: int = 2,
    *,
    start: dt.date = dt.date(2024, 1, 9),
    every_days: int = 28,
) -> FakeData:
    """A site whose committees meet every ``every_days`` days from ``start``."""
    titles = ["Audit Committee", "Planning Committee", "Scrutiny Panel", "Licensing Committee"]
    made_committees = [
        FakeCommittee(id=140 + n, title=titles[n % len(titles)] + ("" if n < 4 else f" {n}"))
        for n in range(committees)
    ]
    meetings: list[FakeMeeting] = []
    seq = 0
    for c_index, committee in enumerate(made_committees):
        for n in range(meetings_per_committee):
            date = start + dt.timedelta(days=every_days * n + c_index)
            mid = 5000 + c_index * 1000 + n
            meetings.append(
                FakeMeeting(
                    id=mid,
                    committee_id=committee.id,
                    date=date,
                    items=make_items(mid, date, seq, published=True),
                    attendees=make_attendees(seq),
                )
            )
            seq += 1
    council = "Fakeshire District Council"
    return FakeData(council=council, committees=made_committees, meetings=meetings)
