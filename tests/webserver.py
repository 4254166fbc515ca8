"""A running minutebook web app on 127.0.0.1 over a real SQLite file, for the web tests.

The meetings are this project's own writing: a district council with two
committees over three dates, facts of every kind with spans, and one minutes
file of hostile text (markup, attributes, bidi overrides, control
characters) that goes through the real ingest pipeline.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from minutebook.document import SourceDocument
from minutebook.ingest import ingest_paths
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
from minutebook.store import open_store
from minutebook.track.register import close, entries
from minutebook.web.app import create_app
from minutebook.web.server import ThreadedServer

COUNCIL = "Riverside District Council"
SCRUTINY = "Environment Scrutiny Committee"
CABINET = "Cabinet"

HOSTILE_MINUTES = """Riverside District Council

Licensing Committee - Monday, 8th April, 2024

Minutes

1. Street Trading <script>document.title='pwned'</script> Consent

The Committee considered an application described as <img src=x onerror="document.title='pwned'">
and a leaflet reading <a href="javascript:alert(1)" onclick="alert(2)">click</a> in full.
Some text was printed right\u202eto\u202c left, with a zero\u200bwidth space, a bell\x07 and a \
NUL-free form feed\x0c here.
Councillor Ada Quill undertook to publish the <b>consent</b> conditions "quoted" & 'single'.
RESOLVED that the consent be granted.
"""


def _at(text: str, words: str) -> Span:
    start = text.index(words)
    return Span(start, start + len(words))


def _waste_item(extra: str = "") -> Item:
    text = (
        "The Head of Waste Services, Tom Reyes, introduced the report on garden waste. "
        "Collection days: Members asked why collections in Millbrook had been missed. "
        "Councillor Priya Nandra undertook to publish the revised collection calendar "
        "for Millbrook." + extra + " "
        "A recorded vote was taken. For: Councillors Nandra, Okoro and Lind. "
        "Against: Councillor Shaw. "
        "RESOLVED that the garden waste charges be approved."
    )
    return Item(
        "5", "Garden Waste Collections", text,
        purpose="To review missed garden waste collections.",
        attendees=[Attendee("Tom Reyes", "Head of Waste Services", _at(text, "Tom Reyes"))],
        topics=[Topic("Collection days",
                      "Members asked why collections in Millbrook had been missed.",
                      _at(text, "Collection days: Members asked why collections in Millbrook"
                                " had been missed."))],
        undertakings=[Undertaking(
            "Councillor Priya Nandra", "publish the revised collection calendar for Millbrook",
            "Councillor Priya Nandra undertook to publish the revised collection calendar "
            "for Millbrook.",
            _at(text, "Councillor Priya Nandra undertook to publish the revised collection "
                      "calendar for Millbrook"),
        )],
        decisions=[Decision("approved", "the garden waste charges be approved",
                            _at(text, "RESOLVED that the garden waste charges be approved"))],
        recorded_votes=[
            RecordedVote(["Nandra", "Okoro", "Lind"], "for", None,
                         _at(text, "For: Councillors Nandra, Okoro and Lind.")),
            RecordedVote(["Shaw"], "against", None, _at(text, "Against: Councillor Shaw.")),
        ],
    )


def scrutiny_meeting(date: dt.date, extra: str = "") -> Meeting:
    """An Environment Scrutiny meeting: apologies, declarations, the garden waste item."""
    apologies = "Apologies for absence were received from Councillor Jon Shaw."
    declarations = ("Councillor Ines Lind declared a personal interest in item 5 as an "
                    "allotment holder. Councillor Bea Okoro attended as a substitute for "
                    "Councillor Shaw.")
    return Meeting(
        council=COUNCIL, committee=SCRUTINY, date=date,
        source_url="https://democracy.example.org/ieListDocuments.aspx?MId=7",
        items=[
            Item("1", "Apologies for Absence", apologies,
                 apologies=[Apology("Jon Shaw", _at(apologies, "Jon Shaw"))]),
            Item("2", "Declarations of Interest", declarations,
                 declarations=[Declaration(
                     "Ines Lind", "5", "personal",
                     "declared a personal interest in item 5 as an allotment holder",
                     _at(declarations, "Councillor Ines Lind declared a personal interest"))],
                 substitutes=[Substitute("Bea Okoro", "Jon Shaw",
                                         _at(declarations, "Councillor Bea Okoro attended"))],
                 attendees=[Attendee("Councillor Ines Lind", None),
                            Attendee("Councillor Priya Nandra", "Chair")]),
            _waste_item(extra),
        ],
    )


def cabinet_meeting(date: dt.date) -> Meeting:
    """A Cabinet meeting on river flooding, with an officer's undertaking."""
    text = ("Cabinet considered the flood defence programme for the river path. "
            "The Director of Place agreed to report back on the cost of raising the "
            "embankment at Weir Lane within four weeks. RESOLVED that the programme be noted.")
    return Meeting(
        council=COUNCIL, committee=CABINET, date=date,
        # Addresses are untrusted too: these must never become links.
        source_url="javascript:alert(document.domain)",
        items=[Item(
            "12", "Flood Defence Programme", text,
            documents=[SupportingDocument("Programme map", "data:text/html,<script>x</script>"),
                       SupportingDocument("Programme report",
                                          "https://democracy.example.org/documents/s1.pdf")],
            undertakings=[Undertaking(
                "Director of Place",
                "report back on the cost of raising the embankment at Weir Lane",
                "The Director of Place agreed to report back on the cost of raising the "
                "embankment at Weir Lane within four weeks.",
                _at(text, "The Director of Place agreed to report back"),
            )],
            decisions=[Decision("noted", "the programme be noted",
                                _at(text, "RESOLVED that the programme be noted"))],
            attendees=[Attendee("Councillor Priya Nandra", "Cabinet Member for Environment")],
        )],
    )


@dataclass
class Site:
    """The running app: its root URL, its database, and ids of records the tests open."""

    url: str
    db: str
    ids: dict[str, int] = field(default_factory=dict)

    def client(self) -> httpx.Client:
        """An HTTP client for the app (proxies from the environment ignored)."""
        return httpx.Client(base_url=self.url, trust_env=False, timeout=30)


def build_database(folder: Path, db: str | None = None) -> tuple[str, dict[str, int]]:
    """A database (an SQLite file in ``folder`` unless ``db`` names one) with the meetings
    above and the hostile minutes file ingested."""
    db = db or str(folder / "web.db")
    minutes = folder / "minutes"
    minutes.mkdir()
    (minutes / "licensing-2024-04-08.txt").write_text(HOSTILE_MINUTES, encoding="utf-8")
    with open_store(db) as store:
        saved = [
            ("scrutiny-2024-01", scrutiny_meeting(dt.date(2024, 1, 16))),
            ("scrutiny-2024-03", scrutiny_meeting(dt.date(2024, 3, 12),
                                                  " The calendar will be posted to residents.")),
            ("cabinet-2024-02", cabinet_meeting(dt.date(2024, 2, 20))),
        ]
        for key, meeting in saved:
            store.save_meeting(SourceDocument(key=key, content=key.encode()), key, meeting)
        report = ingest_paths(store, [minutes], workers=1, progress=False)
        assert report.failed == 0, report.errors
        # January's promise was kept: a scrutiny officer recorded the answer.
        (january,) = entries(store, committee=SCRUTINY, until=dt.date(2024, 1, 31))
        close(store, january.id, "Calendar published on the council website", actor="officer")
        ids: dict[str, int] = {}
        for m in store.meetings(limit=50).rows:
            record = store.get_meeting(m.id)
            assert record is not None
            key = f"{m.committee}|{m.date}"
            ids[key] = m.id
            for it in record.items:
                ids[f"{key}|{it.number}"] = it.id
    named = {
        "waste_march": ids[f"{SCRUTINY}|2024-03-12|5"],
        "waste_january": ids[f"{SCRUTINY}|2024-01-16|5"],
        "apologies_march": ids[f"{SCRUTINY}|2024-03-12|1"],
        "flood": ids[f"{CABINET}|2024-02-20|12"],
        "scrutiny_march": ids[f"{SCRUTINY}|2024-03-12"],
        "cabinet": ids[f"{CABINET}|2024-02-20"],
        "licensing": next(v for k, v in ids.items() if k.startswith("Licensing")
                          and k.count("|") == 1),
    }
    named["hostile"] = next(v for k, v in ids.items() if k.startswith("Licensing")
                            and k.count("|") == 2)
    return db, named


@contextmanager
def running_site(folder: Path) -> Iterator[Site]:
    """Build the database under ``folder`` and serve the app on it until the block ends."""
    db, ids = build_database(folder)
    with ThreadedServer(create_app(db)) as server:
        yield Site(server.url.rstrip("/"), db, ids)
