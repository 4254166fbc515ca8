"""The source registry, the file source, ModernGov's readers, and the crawl journal."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest

from fakesite import make_site
from fakesite import render as fake
from minutebook.crawl import Crawler, Journal, JournalEntry
from minutebook.document import SourceDocument
from minutebook.errors import FetchError, UnreadableFile, UsageError
from minutebook.http import HttpStatusError
from minutebook.sources import (
    Committee,
    MeetingDocuments,
    MeetingRef,
    Source,
    open_source,
    pick_source,
    register,
    registered,
)
from minutebook.sources.base import in_window, select
from minutebook.sources.files import FilesSource
from minutebook.sources.moderngov import ModernGovSource, committee_from_url, site_base
from minutebook.sources.moderngov.dates import parse_date, service_date
from minutebook.sources.moderngov.pages import (
    committees_from_page,
    meetings_from_page,
    page_has_minutes,
    read_meeting_page,
)
from minutebook.sources.moderngov.service import (
    MalformedResponse,
    committees_from_xml,
    meetings_from_xml,
    summarise_meeting,
)

REAL = Path(__file__).resolve().parents[2] / "shared" / "fixtures" / "moderngov"
needs_real = pytest.mark.skipif(not REAL.is_dir(), reason="../shared fixtures not present")


# -- registry ------------------------------------------------------------------


def test_urls_go_to_moderngov_and_paths_to_files() -> None:
    assert pick_source("https://democracy.example.gov.uk/").name == "moderngov"
    assert pick_source("HTTP://example.gov.uk/mgListCommittees.aspx").name == "moderngov"
    assert pick_source("saved/minutes").name == "file"
    assert pick_source("file:///tmp/minutes.txt").name == "file"
    assert pick_source("https://example.gov.uk/", "file").name == "file"


def test_unknown_source_name_lists_the_known_ones() -> None:
    with pytest.raises(UsageError) as caught:
        pick_source("https://example.gov.uk/", "legistar")
    assert caught.value.one_line() == "Error: legistar: unknown source (known: file, moderngov)"


def test_an_add_on_source_registers_and_claims_its_urls() -> None:
    class CmisSource(Source):
        name = "cmis-test"
        priority = 10

        @classmethod
        def matches(cls, location: str) -> bool:
            return "/cmis5/" in location.lower()

        def committees(self) -> list[Committee]:
            return [Committee("1", "Cabinet")]

        def meetings(
            self,
            committees: Sequence[Committee] | None = None,
            since: dt.date | None = None,
            until: dt.date | None = None,
        ) -> Iterator[MeetingRef]:
            yield MeetingRef(key="cmis:1", id="1")

        def fetch_meeting(self, ref: MeetingRef) -> MeetingDocuments:
            return MeetingDocuments(ref, [SourceDocument(key=ref.key, content=b"Minutes")])

    register(CmisSource)
    try:
        assert pick_source("https://example.gov.uk/CMIS5/Meetings.aspx") is CmisSource
        assert pick_source("https://democracy.example.gov.uk/").name == "moderngov"
        assert registered()[0] is CmisSource
        source = open_source("https://example.gov.uk/cmis5/")
        assert [d.content for d in source.documents()] == [b"Minutes"]
    finally:
        from minutebook import sources

        del sources._REGISTRY["cmis-test"]


# -- files ---------------------------------------------------------------------


def test_a_folder_yields_its_minutes_files_in_name_order(tmp_path: Path) -> None:
    (tmp_path / "b.html").write_text("<p>Minutes</p>")
    (tmp_path / "a.txt").write_text("Minutes")
    (tmp_path / "style.css").write_text("p {}")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "c.txt").write_text("Minutes")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "d.pdf").write_bytes(b"%PDF-1.4")
    source = FilesSource(str(tmp_path))
    source.council = "Fakeshire District Council"
    documents = list(source.documents())
    assert [Path(d.key).name for d in documents] == ["a.txt", "b.html", "d.pdf"]
    assert [d.media_type for d in documents] == ["text/plain", "text/html", "application/pdf"]
    assert documents[0].key == str((tmp_path / "a.txt").resolve())
    assert documents[0].council == "Fakeshire District Council"
    assert documents[0].fetched_at is not None and documents[0].url is None


def test_a_missing_path_is_an_unreadable_file(tmp_path: Path) -> None:
    with pytest.raises(UnreadableFile) as caught:
        list(FilesSource(str(tmp_path / "nope")).documents())
    assert caught.value.reason == "no such file or folder"


# -- ModernGov URLs, dates, XML, pages -----------------------------------------


@pytest.mark.parametrize(
    ("url", "base"),
    [
        ("https://democracy.example.gov.uk", "https://democracy.example.gov.uk/"),
        ("https://example.gov.uk/moderngov/", "https://example.gov.uk/moderngov/"),
        ("https://example.gov.uk/moderngov/ieListMeetings.aspx?CId=1",
         "https://example.gov.uk/moderngov/"),
        ("https://example.gov.uk/mgWebService.asmx/GetMeeting?lMeetingId=1",
         "https://example.gov.uk/"),
        ("HTTPS://example.gov.uk/committees", "https://example.gov.uk/committees/"),
    ],
)
def test_site_base(url: str, base: str) -> None:
    assert site_base(url) == base


def test_committee_from_url() -> None:
    assert committee_from_url("https://x.gov.uk/ieListMeetings.aspx?CommitteeId=7") == "7"
    assert committee_from_url("https://x.gov.uk/ieListDocuments.aspx?CId=9&MId=3") == "9"
    assert committee_from_url("https://x.gov.uk/mgListCommittees.aspx") is None


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("10/02/2026", dt.date(2026, 2, 10)),
        ("2026-02-10T00:00:00", dt.date(2026, 2, 10)),
        ("2026-02-10", dt.date(2026, 2, 10)),
        ("Tuesday, 10th February, 2026 10.00 am", dt.date(2026, 2, 10)),
        ("1 Sept 2025 2.00 pm", dt.date(2025, 9, 1)),
        ("Printed minutes 06-Feb-2024", dt.date(2024, 2, 6)),
        ("31/02/2026 then 01/03/2026", dt.date(2026, 3, 1)),
        ("no date here", None),
        ("", None),
    ],
)
def test_parse_date(text: str, date: dt.date | None) -> None:
    assert parse_date(text) == date


def test_service_dates_are_day_first() -> None:
    assert service_date(dt.date(2020, 1, 5)) == "05/01/2020"


def test_window_keeps_unknown_dates() -> None:
    assert in_window(None, dt.date(2024, 1, 1), dt.date(2024, 12, 31))
    assert not in_window(dt.date(2023, 12, 31), dt.date(2024, 1, 1), None)
    assert in_window(dt.date(2024, 12, 31), None, dt.date(2024, 12, 31))


@needs_real
def test_real_committees_response() -> None:
    url = "https://democracy.example.gov.uk/mgWebService.asmx/GetCommittees"
    committees = committees_from_xml((REAL / "GetCommittees_LGSF.xml").read_bytes(), url)
    assert [(c.id, c.expired) for c in committees] == [("312", True), ("163", False),
                                                       ("144", False)]
    assert committees[2].category == "Governance and Decision Making Committees"


@needs_real
def test_real_meetings_response() -> None:
    meetings = meetings_from_xml((REAL / "GetMeetings_LGSF.xml").read_bytes(), "u")
    assert [(m.id, m.date, m.status, m.committee_id) for m in meetings] == [
        ("4966", dt.date(2026, 1, 13), "Cancelled", "144"),
        ("4967", dt.date(2026, 2, 10), "Confirmed", "144"),
    ]


@needs_real
def test_real_meeting_responses() -> None:
    held = summarise_meeting((REAL / "GetMeeting_with_minutes_LGSF.xml").read_bytes(), "u")
    assert (held.has_minutes, held.minutes_published, held.cancelled) == (True, True, False)
    off = summarise_meeting((REAL / "GetMeeting_cancelled_no_minutes_LGSF.xml").read_bytes(), "u")
    assert (off.has_minutes, off.cancelled, off.date) == (False, True, dt.date(2026, 1, 13))


def test_malformed_and_unexpected_xml() -> None:
    with pytest.raises(MalformedResponse) as caught:
        summarise_meeting(b"<meeting><meetingid>1</meet", "http://127.0.0.1/x")
    assert caught.value.reason.startswith("malformed XML (")
    with pytest.raises(MalformedResponse) as caught:
        committees_from_xml(b"<error>method name is not valid</error>", "u")
    assert caught.value.reason == "expected <committees>, got <error>"
    with pytest.raises(MalformedResponse):
        committees_from_xml(b"<html><body>Please wait while we check your browser", "u")


def test_external_entities_are_not_resolved(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("council tax records")
    xml = (f'<?xml version="1.0"?><!DOCTYPE c [<!ENTITY x SYSTEM "file://{secret}">]>'
           "<committees><committee><committeeid>1</committeeid>"
           "<committeetitle>A&x;</committeetitle></committee></committees>").encode()
    (committee,) = committees_from_xml(xml, "u")
    assert "council tax" not in committee.title


def test_pages_of_the_fake_site_are_read() -> None:
    data = make_site(3, 2)
    committees = committees_from_page(fake.list_committees(data).encode(), "http://h/x/mgX.aspx")
    assert [(c.id, c.title, c.url) for c in committees] == [
        ("140", "Audit Committee", "http://h/x/mgCommitteeDetails.aspx?ID=140"),
        ("141", "Planning Committee", "http://h/x/mgCommitteeDetails.aspx?ID=141"),
    ]
    data.meetings[1].status = "Cancelled"
    audit = [m for m in data.meetings if m.committee_id == 140]
    listing = fake.list_meetings(data, data.committees[0], audit).encode()
    links = meetings_from_page(listing, "http://h/ieListMeetings.aspx?CId=140&Year=0")
    assert [(m.id, m.date, m.cancelled) for m in links] == [
        ("5000", dt.date(2024, 1, 9), False),
        ("5001", dt.date(2024, 2, 6), True),
        ("5002", dt.date(2024, 3, 5), False),
    ]
    assert links[0].url == "http://h/ieListDocuments.aspx?CId=140&MId=5000&Ver=4"


def test_a_meeting_page_offers_minutes_in_three_ways() -> None:
    data = make_site(1, 1)
    meeting = data.meetings[0]
    meeting.printed_minutes = meeting.item_pages = True
    page = read_meeting_page(fake.meeting_page(data, meeting).encode(), "http://h/ieListDocuments.aspx")
    assert (page.committee, page.date, page.cancelled) == ("Audit Committee", dt.date(2024, 1, 9),
                                                           False)
    assert page.inline_minutes
    # The line break inside the real-world href is folded into a space.
    assert page.printed_minutes == [
        ("Printed minutes",
         "http://h/documents/g5000/Printed minutes 09-Jan-2024 Audit Committee.pdf?T=1")
    ]
    assert page.item_pages == [f"http://h/mgAi.aspx?ID={i.item_id}" for i in meeting.items]
    assert page_has_minutes(fake.item_page(data, meeting, meeting.items[0]).encode())
    meeting.items[0].minutes = None
    assert not page_has_minutes(fake.item_page(data, meeting, meeting.items[0]).encode())


def test_previous_meetings_minutes_attached_to_an_item_are_not_printed_minutes() -> None:
    html = (b'<div class="mgContent"><ul class="mgBulletList">'
            b'<li><a href="documents/s60860/Minutes 25 Nov.pdf">Minutes 25 Nov PDF</a></li>'
            b'<li><a href="documents/g4967/Public reports pack.pdf">Public reports pack</a></li>'
            b'<li><a href="documents/g4967/Printed draft minutes.pdf">'
            b"Printed draft minutes</a></li>"
            b"</ul></div>")
    page = read_meeting_page(html, "http://h/ieListDocuments.aspx?CId=1&MId=4967")
    assert page.printed_minutes == [
        ("Printed draft minutes", "http://h/documents/g4967/Printed draft minutes.pdf")
    ]
    assert page.best_printed_minutes() == page.printed_minutes[0]


def test_committee_selection() -> None:
    audit, planning = Committee("140", "Audit Committee"), Committee("141", "Planning Committee")
    assert select([audit, planning], ["141", "audit committee", "Audit"]) == [planning, audit]
    with pytest.raises(UsageError):
        select([audit, planning], ["committee"])


# -- crawl and journal -----------------------------------------------------------


class ListSource(Source):
    """A source over a fixed list of meetings; ``broken`` ones raise."""

    name = "list-test"

    def __init__(self, contents: dict[str, bytes | None], broken: dict[str, FetchError]) -> None:
        super().__init__("list:")
        self.contents = contents
        self.broken = broken
        self.fetched: list[str] = []

    @classmethod
    def matches(cls, location: str) -> bool:
        return False

    def committees(self) -> list[Committee]:
        return []

    def meetings(
        self,
        committees: Sequence[Committee] | None = None,
        since: dt.date | None = None,
        until: dt.date | None = None,
    ) -> Iterator[MeetingRef]:
        for key in self.contents:
            yield MeetingRef(key=key, id=key)

    def fetch_meeting(self, ref: MeetingRef) -> MeetingDocuments:
        self.fetched.append(ref.key)
        if ref.key in self.broken:
            raise self.broken[ref.key]
        content = self.contents[ref.key]
        if content is None:
            return MeetingDocuments(ref, final=False, note="no minutes published yet")
        return MeetingDocuments(ref, [SourceDocument(key=ref.key, content=content)])


def test_the_crawler_journals_skips_and_rechecks(tmp_path: Path) -> None:
    journal_path = tmp_path / "j.jsonl"
    stored: list[str] = []
    source = ListSource({"a": b"A", "b": None, "c": b"C"}, {})

    def sink(documents: Sequence[SourceDocument]) -> None:
        stored.extend(d.key for d in documents)

    first = list(Crawler(source, sink, Journal(journal_path)).run(source.meetings()))
    assert [o.status for o in first] == ["stored", "no-minutes", "stored"]
    source.contents["b"] = b"B"
    source.fetched.clear()
    second = list(Crawler(source, sink, Journal(journal_path)).run(source.meetings()))
    assert [o.status for o in second] == ["skipped", "stored", "skipped"]
    assert source.fetched == ["b"]
    third = list(Crawler(source, sink, Journal(journal_path), refresh=True).run(source.meetings()))
    assert [o.status for o in third] == ["unchanged"] * 3
    assert stored == ["a", "c", "b"]


def test_a_failing_sink_leaves_the_meeting_to_the_next_run(tmp_path: Path) -> None:
    source = ListSource({"a": b"A"}, {})

    def sink(documents: Sequence[SourceDocument]) -> None:
        raise UnreadableFile("a", "no text")

    (outcome,) = Crawler(source, sink, Journal(tmp_path / "j")).run(source.meetings())
    assert (outcome.status, str(outcome.error)) == ("failed", "a: no text")
    assert Journal(tmp_path / "j").get("a") is None


def test_the_crawler_gives_up_when_the_site_is_down(tmp_path: Path) -> None:
    down = {k: FetchError(f"u/{k}", "connection reset after 5 attempts") for k in "bcdef"}
    source = ListSource(dict.fromkeys("abcdefg", b"x"), down)
    seen = []
    with pytest.raises(FetchError) as caught:
        for outcome in Crawler(source, lambda d: None, Journal(tmp_path / "j"),
                               give_up_after=3).run(source.meetings()):
            seen.append(outcome.status)
    assert seen == ["stored", "failed", "failed", "failed"]
    assert caught.value.one_line() == (
        "Error: list:: stopped after 3 meetings in a row could not be fetched "
        "(connection reset after 5 attempts); run again later to carry on"
    )


def test_refusals_do_not_count_as_the_site_being_down(tmp_path: Path) -> None:
    refused = {k: HttpStatusError(f"u/{k}", 404) for k in "bcdef"}
    source = ListSource(dict.fromkeys("abcdefg", b"x"), refused)
    outcomes = list(Crawler(source, lambda d: None, Journal(tmp_path / "j"),
                            give_up_after=3).run(source.meetings()))
    assert [o.status for o in outcomes].count("failed") == 5


def test_a_torn_journal_line_is_ignored(tmp_path: Path) -> None:
    path = tmp_path / "j.jsonl"
    journal = Journal(path)
    journal.record(JournalEntry("a", final=True, documents={"a": "1"}))
    with path.open("a") as f:
        f.write('{"meeting": "b", "fin')
    reread = Journal(path)
    assert len(reread) == 1 and reread.get("a") is not None and reread.get("b") is None


def test_journals_are_kept_per_site_and_database(tmp_path: Path) -> None:
    one = Journal.for_crawl(tmp_path, "https://a.gov.uk/", "/data/one.db")
    two = Journal.for_crawl(tmp_path, "https://a.gov.uk/", "/data/two.db")
    assert one.path != two.path and one.path.parent == tmp_path / "journal"


def test_moderngov_source_needs_no_client_to_be_described() -> None:
    source = ModernGovSource("https://democracy.example.gov.uk/mgCommitteeDetails.aspx?ID=12")
    assert (source.base, source.committee_in_url) == ("https://democracy.example.gov.uk/", "12")
