"""Hand-written meetings and minutes files for the store, ingest, search and export tests.

The words are this project's own. Every fact's span points into its item's
text, as extraction would leave it.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from minutebook.document import SourceDocument
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


def _at(text: str, words: str) -> Span:
    start = text.index(words)
    return Span(start, start + len(words))


def library_meeting(
    *, date: dt.date = dt.date(2024, 3, 5), committee: str = "Communities Scrutiny Committee",
    council: str = "Harbourside Borough Council", variant: str = "",
) -> Meeting:
    """A meeting with one fact of every kind, all with spans."""
    apologies_text = "Apologies for absence were received from Councillor Mira Patel."
    subs_text = "Councillor Owen Grey attended as a substitute for Councillor Patel."
    decl_text = ("Councillor Lena Frost declared a personal interest in item 3 "
                 "as a library volunteer.")
    library_text = (
        "The Head of Libraries, Ruth Adeyemi, presented the review of opening hours. "
        "Opening hours: Members asked about Sunday opening at the Quayside branch. "
        "Councillor Sam Whitby undertook to circulate the visitor figures for rural branches. "
        "A recorded vote was taken. For: Councillors Frost, Grey and Whitby. "
        "Against: Councillor Hale. "
        "RESOLVED that the revised opening hours be approved." + variant
    )
    library = Item(
        number="3",
        title="Review of Library Opening Hours",
        text=library_text,
        purpose="To review the opening hours of branch libraries.",
        documents=[SupportingDocument("Opening hours review", "https://example.org/d/1.pdf")],
        attendees=[Attendee("Ruth Adeyemi", "Head of Libraries",
                            _at(library_text, "Ruth Adeyemi"))],
        topics=[Topic("Opening hours", "Members asked about Sunday opening at the Quayside branch.",
                      _at(library_text, "Opening hours: Members asked about Sunday opening"))],
        undertakings=[Undertaking(
            "Councillor Sam Whitby", "circulate the visitor figures for rural branches",
            "Councillor Sam Whitby undertook to circulate the visitor figures for rural branches.",
            _at(library_text, "Councillor Sam Whitby undertook to circulate the visitor figures"
                              " for rural branches."),
        )],
        decisions=[Decision(
            "approved", "the revised opening hours be approved",
            _at(library_text, "RESOLVED that the revised opening hours be approved"),
        )],
        recorded_votes=[
            RecordedVote(["Frost", "Grey", "Whitby"], "for", None,
                         _at(library_text, "For: Councillors Frost, Grey and Whitby.")),
            RecordedVote(["Hale"], "against", None, _at(library_text, "Against: Councillor Hale.")),
        ],
        span=Span(300, 300 + len(library_text)),
    )
    return Meeting(
        council=council,
        committee=committee,
        date=date,
        source_url="https://democracy.example.org/ieListDocuments.aspx?MId=101",
        items=[
            Item("1", "Apologies for Absence", apologies_text,
                 apologies=[Apology("Mira Patel", _at(apologies_text, "Mira Patel"))]),
            Item("2", "Declarations of Interest", decl_text + " " + subs_text,
                 declarations=[Declaration("Lena Frost", "3", "personal", decl_text,
                                           _at(decl_text, decl_text))],
                 substitutes=[Substitute("Owen Grey", "Mira Patel",
                                         _at(decl_text + " " + subs_text, subs_text))]),
            library,
        ],
    )


def parking_meeting(date: dt.date = dt.date(2023, 6, 12)) -> Meeting:
    """A second committee's meeting, about parking, with an undertaking by an officer."""
    text = ("The Committee considered charges for residents' parking permits. "
            "The Parking Manager agreed to report back on the cost of permits for carers. "
            "RESOLVED that the charges be deferred to the next meeting.")
    return Meeting(
        council="Harbourside Borough Council",
        committee="Transport Committee",
        date=date,
        items=[Item(
            "7", "Residents' Parking Permits", text,
            undertakings=[Undertaking(
                "Parking Manager", "report back on the cost of permits for carers",
                "The Parking Manager agreed to report back on the cost of permits for carers.",
                _at(text, "The Parking Manager agreed"),
            )],
            decisions=[Decision("deferred", "the charges be deferred to the next meeting",
                                _at(text, "RESOLVED that the charges be deferred"))],
            attendees=[Attendee("Councillor Sam Whitby", "Cabinet Member for Transport")],
        )],
    )


def source(key: str, content: bytes = b"minutes", **hints: object) -> SourceDocument:
    """A SourceDocument for ``key`` (the content only matters for its hash)."""
    return SourceDocument(key=key, content=content, url=key if key.startswith("http") else None,
                          **hints)  # type: ignore[arg-type]


MINUTES_TEMPLATE = """Harbourside Borough Council

{committee} - Tuesday, {day}th March, 2024

Minutes

Present: Councillors Frost, Grey and Whitby

{n}. Apologies for Absence

Apologies were received from Councillor Patel.

{m}. {title}

The Committee considered a report on {subject}. Councillor Whitby undertook to circulate
the figures for {subject} before the next meeting.

RESOLVED that the report on {subject} be noted.
"""

SUBJECTS = ("bus shelters", "street lighting", "grass verges", "food waste", "allotments",
            "play areas", "public toilets", "cycle lanes", "litter bins", "market stalls")


def write_minutes(
    folder: Path, count: int, *, prefix: str = "minutes", start: int = 0
) -> list[Path]:
    """Write ``count`` small minutes files of our own into ``folder``; returns their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(start, start + count):
        subject = SUBJECTS[i % len(SUBJECTS)]
        text = MINUTES_TEMPLATE.format(
            committee=("Environment Committee", "Transport Committee")[i % 2],
            day=(i % 20) + 4, n=i * 2 + 1, m=i * 2 + 2, title=f"Report on {subject} ({i})",
            subject=subject,
        )
        path = folder / f"{prefix}-{i:05d}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths
