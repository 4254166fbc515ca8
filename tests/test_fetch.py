"""``minutebook fetch`` against a fake ModernGov site on 127.0.0.1, into a real store."""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from fakesite import FakeData, FakeModernGov, Logged, assert_spaced, make_site, only_loopback
from minutebook.cli import main
from minutebook.crawl import Crawler, Journal
from minutebook.document import SourceDocument
from minutebook.http import HttpSettings, PoliteClient
from minutebook.sources.moderngov import ModernGovSource
from minutebook.store import open_store


@pytest.fixture(autouse=True)
def _loopback_only() -> Iterator[None]:
    with only_loopback():
        yield


@dataclass
class Run:
    code: int
    out: str
    err: str


class Harness:
    """A fake site plus a cache and a database, and a way to run ``fetch`` against them."""

    def __init__(self, tmp_path: Path, data: FakeData) -> None:
        self.tmp = tmp_path
        self.site = FakeModernGov(data)
        self.db = str(tmp_path / "minutes.db")
        self.cache = str(tmp_path / "cache")

    @property
    def url(self) -> str:
        return self.site.url

    def fetch(self, *args: str, url: str | None = None, rate: str = "500") -> Run:
        argv = ["fetch", url or self.url, "--db", self.db, "--cache", self.cache, "--rate", rate,
                "--timeout", "0.5", "--retries", "3", "--backoff", "0.01", *args]
        result = CliRunner().invoke(main, argv)
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            raise result.exception
        return Run(result.exit_code, result.stdout, result.stderr)

    def rows(self, table: str) -> list[dict[str, Any]]:
        with open_store(self.db) as store:
            return list(store.export_rows(table))

    def meeting_url(self, mid: int) -> str:
        meeting = self.site.data.meeting(mid)
        assert meeting is not None
        return f"{self.url}ieListDocuments.aspx?CId={meeting.committee_id}&MId={mid}"


@pytest.fixture
def harness(tmp_path: Path) -> Iterator[Callable[..., Harness]]:
    made: list[Harness] = []

    def make(meetings: int = 3, committees: int = 2, **kw: Any) -> Harness:
        h = Harness(tmp_path / f"h{len(made)}", make_site(meetings, committees, **kw))
        h.site.__enter__()
        made.append(h)
        return h

    yield make
    for h in made:
        h.site.__exit__(None, None, None)


def summary(url: str, meetings: int, stored: int = 0, unchanged: int = 0, skipped: int = 0,
            none: int = 0, failed: int = 0) -> str:
    return (f"{url}: {meetings} meeting{'s' if meetings != 1 else ''}: {stored} stored, "
            f"{unchanged} unchanged, {skipped} already fetched, {none} without minutes, "
            f"{failed} failed")


# -- discovery -----------------------------------------------------------------


def test_list_committees_from_the_web_service(harness: Callable[..., Harness]) -> None:
    h = harness(1, 3)
    h.site.data.committees[1].expired = True
    h.site.data.committees[2].deleted = True
    run = h.fetch("--list-committees")
    assert (run.code, run.out, run.err) == (
        0, "140  Audit Committee\n141  Planning Committee (expired)\n", ""
    )
    assert h.site.requests("/ieListMeetings") == []


def test_list_committees_from_pages_when_the_service_is_closed(
    harness: Callable[..., Harness],
) -> None:
    h = harness(1, 2)
    h.site.switches.service = False
    run = h.fetch("--list-committees")
    assert run.code == 0
    assert run.out == "140  Audit Committee\n141  Planning Committee\n"
    assert run.err == (
        "Note: web service unavailable (HTTP 404 Not Found); reading the pages instead\n"
    )


def test_fetch_stores_every_meeting_with_its_source_url(harness: Callable[..., Harness]) -> None:
    h = harness(3, 2)
    run = h.fetch("--council", "Fakeshire District Council")
    assert (run.code, run.err) == (0, "")
    assert run.out.splitlines() == [
        summary(h.url, 6, stored=6),
        "10 requests (0 conditional, 0 not modified, 0 retries)",
    ]
    documents = {d["key"]: d for d in h.rows("documents")}
    assert sorted(documents) == sorted(h.meeting_url(m.id) for m in h.site.data.meetings)
    first = documents[h.meeting_url(5000)]
    assert first["url"] == f"{h.url}mgWebService.asmx/GetMeeting?lMeetingId=5000"
    assert first["media_type"] == "text/xml"
    meetings = sorted(
        (m["council"], m["committee"], m["date"], m["source_url"]) for m in h.rows("meetings")
    )
    assert meetings[0] == (
        "Fakeshire District Council",
        "Audit Committee",
        dt.date(2024, 1, 9),
        f"{h.url}mgWebService.asmx/GetMeeting?lMeetingId=5000",
    )
    assert [m[1:3] for m in meetings[3:4]] == [("Planning Committee", dt.date(2024, 1, 10))]


def test_structured_attendees_come_from_get_meeting(harness: Callable[..., Harness]) -> None:
    h = harness(1, 1)
    h.fetch()
    attendees = [(a["name"], a["role"]) for a in h.rows("attendees")]
    # Councillor Nia Fernhough's attendance is "Apologies": she is not an attendee.
    assert attendees == [
        ("Maud Tollington", "Chair"),
        ("Ewan Brackley", "Vice-Chair"),
        ("Tobias Quell", "Committee Member"),
    ]


def test_meetings_are_requested_with_uk_dates(harness: Callable[..., Harness]) -> None:
    h = harness(2, 1)
    h.fetch("--since", "2024-01-01", "--until", "31/12/2024")
    (request,) = h.site.requests("GetMeetings")
    assert "sFromDate=01/01/2024&sToDate=31/12/2024" in request.path


def test_a_server_ignoring_the_window_is_filtered_here(harness: Callable[..., Harness]) -> None:
    h = harness(6, 1)  # 9 Jan, 6 Feb, 5 Mar, 2 Apr, 30 Apr, 28 May 2024
    h.site.switches.ignore_date_window = True
    h.site.switches.iso_dates = True
    run = h.fetch("--since", "2024-02-01", "--until", "2024-04-02")
    assert run.out.splitlines()[0] == summary(h.url, 3, stored=3)
    assert len(h.site.requests("GetMeeting?")) == 3


def test_committee_by_name_or_id(harness: Callable[..., Harness]) -> None:
    h = harness(2, 2)
    run = h.fetch("--committee", "planning")
    assert run.out.splitlines()[0] == summary(h.url, 2, stored=2)
    assert all("CId=141" in d["key"] for d in h.rows("documents"))
    run = h.fetch("--committee", "140")
    assert run.out.splitlines()[0] == summary(h.url, 2, stored=2)


def test_committee_named_in_the_site_url_is_the_default(harness: Callable[..., Harness]) -> None:
    h = harness(2, 2)
    run = h.fetch(url=h.url + "ieListMeetings.aspx?CId=141&Year=0")
    assert run.out.splitlines()[0] == summary(h.url + "ieListMeetings.aspx?CId=141&Year=0", 2,
                                              stored=2)


def test_ambiguous_or_unknown_committee_is_a_usage_error(
    harness: Callable[..., Harness],
) -> None:
    h = harness(1, 2)
    run = h.fetch("--committee", "Committee")
    assert run.code == 2
    assert run.err == (
        "Error: Committee: matches several committees: Audit Committee (140); "
        "Planning Committee (141)\n"
    )
    run = h.fetch("--committee", "Cabinet")
    assert run.code == 2
    assert run.err == "Error: Cabinet: no committee of that name or id (see --list-committees)\n"


def test_bad_dates_and_sources_are_usage_errors(harness: Callable[..., Harness]) -> None:
    h = harness(1, 1)
    assert h.fetch("--since", "last tuesday").code == 2
    run = h.fetch("--since", "2024", "--until", "2023")
    assert (run.code, run.err) == (2, "Error: --since: 2024-01-01 is after --until 2023-12-31\n")
    run = h.fetch("--source", "cmis")
    assert (run.code, run.err) == (2, "Error: cmis: unknown source (known: file, moderngov)\n")


def test_a_site_that_is_not_moderngov_says_so(harness: Callable[..., Harness]) -> None:
    h = harness(1, 1)
    run = h.fetch(url=h.url + "council/")
    assert (run.code, run.out) == (1, "")
    assert run.err == (
        f"Error: {h.url}council/mgListCommittees.aspx: HTTP 404 Not Found; "
        "is this a ModernGov site?\n"
    )


# -- robustness ----------------------------------------------------------------


def test_server_errors_and_timeouts_recover(harness: Callable[..., Harness]) -> None:
    h = harness(3, 1)
    faults = h.site.switches.faults
    faults["GetCommittees"] = ["503"]
    faults["lMeetingId=5000"] = ["500", "timeout"]
    faults["lMeetingId=5002"] = ["reset", "429:0"]
    run = h.fetch()
    assert (run.code, run.err) == (0, "")
    assert run.out.splitlines() == [
        summary(h.url, 3, stored=3),
        "11 requests (0 conditional, 0 not modified, 5 retries)",
    ]


def test_a_permanently_broken_meeting_is_reported_and_the_rest_fetched(
    harness: Callable[..., Harness],
) -> None:
    h = harness(3, 1)
    h.site.switches.broken |= {"lMeetingId=5001", "MId=5001"}
    run = h.fetch()
    assert run.code == 1
    reason = "HTTP 500 Internal Server Error after 4 attempts"
    assert run.err == (
        f"Error: {h.meeting_url(5001)}: web service: {reason}; meeting page: {reason}\n"
    )
    assert run.out.splitlines()[0] == summary(h.url, 3, stored=2, failed=1)
    h.site.switches.broken.clear()
    run = h.fetch()
    assert run.out.splitlines()[0] == summary(h.url, 3, stored=1, skipped=2)
    assert len(h.rows("documents")) == 3


def test_a_site_that_keeps_asking_to_slow_down_is_not_asked_more(
    harness: Callable[..., Harness],
) -> None:
    h = harness(2, 1)
    h.site.switches.faults["lMeetingId=5001"] = ["429:0"] * 4
    run = h.fetch()
    assert run.err == (
        f"Error: {h.url}mgWebService.asmx/GetMeeting?lMeetingId=5001: "
        "HTTP 429 Too Many Requests after 4 attempts\n"
    )
    # No detour through the meeting page for a site that wants fewer requests.
    assert h.site.requests("MId=5001") == []
    assert run.out.splitlines()[0] == summary(h.url, 2, stored=1, failed=1)


def test_malformed_meeting_xml_falls_back_to_the_meeting_page(
    harness: Callable[..., Harness],
) -> None:
    h = harness(2, 1)
    h.site.switches.malformed.add("lMeetingId=5001")
    run = h.fetch()
    assert (run.code, run.err) == (0, "")
    urls = {d["key"]: d["url"] for d in h.rows("documents")}
    assert urls[h.meeting_url(5001)] == h.meeting_url(5001)
    assert "GetMeeting" in urls[h.meeting_url(5000)]


def test_malformed_committee_list_means_a_page_crawl(harness: Callable[..., Harness]) -> None:
    h = harness(2, 1)
    h.site.switches.malformed.add("GetCommittees")
    run = h.fetch()
    assert run.code == 0
    assert run.err.startswith("Note: web service unavailable (malformed XML")
    assert h.site.requests("GetMeeting") == []
    assert len(h.rows("documents")) == 2


def test_a_moved_site_is_followed_through_redirects(harness: Callable[..., Harness]) -> None:
    h = harness(2, 1)
    h.site.switches.redirects["/old/"] = "/"
    run = h.fetch(url=h.url + "old/")
    assert (run.code, run.err) == (0, "")
    assert all(d["url"].startswith(h.url + "mgWebService.asmx/") for d in h.rows("documents"))
    first_run = len(h.site.requests("/old/"))
    h.fetch("--refresh", url=h.url + "old/")
    # Permanent redirects are remembered: the second run went straight to the new address.
    assert len(h.site.requests("/old/")) == first_run


def test_robots_txt_closing_the_web_service_means_a_page_crawl(
    harness: Callable[..., Harness],
) -> None:
    h = harness(2, 1)
    h.site.switches.robots = "User-agent: *\nDisallow: /mgWebService.asmx\n"
    run = h.fetch()
    assert run.code == 0
    assert run.err == (
        "Note: web service unavailable (disallowed by robots.txt); reading the pages instead\n"
    )
    assert h.site.requests("mgWebService") == []
    assert len(h.rows("documents")) == 2


def test_a_meeting_page_disallowed_by_robots_txt_is_reported(
    harness: Callable[..., Harness],
) -> None:
    h = harness(3, 1)
    h.site.switches.service = False
    h.site.switches.robots = (
        "User-agent: minutebook\nDisallow: /ieListDocuments.aspx?CId=140&MId=5001\n"
    )
    run = h.fetch()
    assert run.code == 1
    assert run.err.splitlines()[-1] == f"Error: {h.meeting_url(5001)}: disallowed by robots.txt"
    assert h.site.requests("MId=5001") == []
    assert len(h.rows("documents")) == 2


def test_a_service_listing_no_committees_means_a_page_crawl(
    harness: Callable[..., Harness],
) -> None:
    h = harness(1, 1)
    h.site.switches.static["/mgWebService.asmx/GetCommittees"] = (
        200, {"Content-Type": "text/xml"}, b"<committees><committeescount> 0</committeescount>"
        b"</committees>",
    )
    run = h.fetch()
    assert run.err == (
        "Note: web service unavailable (it lists no committees); reading the pages instead\n"
    )
    assert run.out.splitlines()[0] == summary(h.url, 1, stored=1)


def test_a_committee_whose_listing_fails_is_reported_and_the_others_fetched(
    harness: Callable[..., Harness],
) -> None:
    h = harness(2, 2)
    h.site.switches.service = False
    h.site.switches.broken.add("ieListMeetings.aspx?CId=141")
    run = h.fetch()
    assert run.code == 1
    assert run.err.splitlines()[-1] == (
        f"Error: {h.url}ieListMeetings.aspx?CId=141&Year=0: "
        "HTTP 500 Internal Server Error after 4 attempts"
    )
    assert run.out.splitlines()[0] == summary(h.url, 2, stored=2)


def test_no_minutes_in_the_service_and_a_refused_page_is_not_a_failure(
    harness: Callable[..., Harness],
) -> None:
    h = harness(1, 1)
    for item in h.site.data.meetings[0].items:
        item.minutes = None
    h.site.switches.robots = "User-agent: *\nDisallow: /ieListDocuments.aspx\n"
    run = h.fetch()
    assert (run.code, run.err) == (0, "")
    assert run.out.splitlines()[0] == summary(h.url, 1, none=1)


# -- pages, printed minutes, items ---------------------------------------------


def test_a_site_without_the_web_service_is_crawled_through_its_pages(
    harness: Callable[..., Harness],
) -> None:
    h = harness(5, 1)
    h.site.switches.service = False
    inline, printed, items, cancelled, pending = h.site.data.meetings
    printed.minutes_on_page, printed.printed_minutes = False, True
    items.minutes_on_page, items.item_pages = False, True
    cancelled.status = "Cancelled"
    for item in pending.items:
        item.minutes = None
    run = h.fetch()
    assert (run.code, run.out.splitlines()[0]) == (0, summary(h.url, 5, stored=3, none=2))
    urls = sorted(d["url"] for d in h.rows("documents"))
    assert urls == sorted(
        [h.meeting_url(inline.id)]
        + [f"{h.url}mgAi.aspx?ID={i.item_id}" for i in items.items]
        + [f"{h.url}documents/g{printed.id}/Printed%20minutes%2006-Feb-2024%20Audit%20"
           "Committee.pdf?T=1"]
    )
    assert h.site.requests(f"MId={cancelled.id}&") == []


def test_minutes_missing_from_the_xml_are_taken_from_printed_minutes(
    harness: Callable[..., Harness],
) -> None:
    h = harness(1, 1)
    meeting = h.site.data.meetings[0]
    meeting.minutes_in_xml = meeting.minutes_on_page = False
    meeting.printed_minutes = True
    run = h.fetch()
    assert run.code == 0
    (document,) = h.rows("documents")
    assert document["key"] == h.meeting_url(meeting.id)
    assert document["media_type"] == "application/pdf"
    assert "/documents/g5000/Printed%20minutes" in document["url"]


def test_minutes_not_yet_published_are_looked_for_again(harness: Callable[..., Harness]) -> None:
    h = harness(2, 1)
    late = h.site.data.meetings[1]
    kept = [item.minutes for item in late.items]
    for item in late.items:
        item.minutes = None
    assert h.fetch().out.splitlines()[0] == summary(h.url, 2, stored=1, none=1)
    for item, minutes in zip(late.items, kept, strict=True):
        item.minutes = minutes
    assert h.fetch().out.splitlines()[0] == summary(h.url, 2, stored=1, skipped=1)
    assert len(h.rows("documents")) == 2


# -- re-runs, conditional requests, rate ---------------------------------------


def test_a_second_run_makes_only_conditional_requests(harness: Callable[..., Harness]) -> None:
    h = harness(3, 2)
    h.fetch()
    h.site.clear_log()
    run = h.fetch()
    assert run.out.splitlines()[0] == summary(h.url, 6, skipped=6)
    logged = h.site.requests()
    assert logged and all(r.conditional and r.status == 304 for r in logged)
    assert h.site.requests("GetMeeting?") == []
    h.site.clear_log()
    run = h.fetch("--refresh")
    assert run.out.splitlines()[0] == summary(h.url, 6, unchanged=6)
    assert len(h.site.requests("GetMeeting?")) == 6
    assert all(r.conditional and r.status == 304 for r in h.site.requests())


def test_a_site_without_validators_is_downloaded_again_but_not_stored_again(
    harness: Callable[..., Harness],
) -> None:
    # Real ModernGov sites send neither ETag nor Last-Modified.
    h = harness(2, 1)
    h.site.switches.etag = h.site.switches.last_modified = False
    h.fetch()
    h.site.clear_log()
    run = h.fetch()
    assert run.out.splitlines()[0] == summary(h.url, 2, skipped=2)
    assert [r.path.split("?")[0] for r in h.site.requests()] == [
        "/robots.txt", "/mgWebService.asmx/GetCommittees", "/mgWebService.asmx/GetMeetings"
    ]
    run = h.fetch("--refresh")
    assert run.out.splitlines()[0] == summary(h.url, 2, unchanged=2)
    assert len(h.rows("documents")) == 2


def test_progress_bar_counts_meetings(harness: Callable[..., Harness]) -> None:
    h = harness(2, 1)
    run = h.fetch("--progress")
    assert run.code == 0
    assert "Fetching: 100%" in run.err and "2/2" in run.err and "meeting/s" in run.err


def test_refresh_downloads_and_replaces_only_what_changed(
    harness: Callable[..., Harness],
) -> None:
    h = harness(3, 1)
    h.fetch()
    h.site.data.meetings[1].items[3].minutes = (
        "The Committee deferred the item. RESOLVED: That consideration be deferred."
    )
    run = h.fetch("--refresh")
    assert run.out.splitlines()[0] == summary(h.url, 3, stored=1, unchanged=2)
    assert len(h.rows("documents")) == 3
    assert [r.status for r in h.site.requests("GetMeeting?")][-3:] == [304, 200, 304]


def test_fifty_meetings_are_fetched_at_the_configured_rate(tmp_path: Path) -> None:
    collected: list[SourceDocument] = []
    with FakeModernGov(make_site(25, 2)) as site:
        settings = HttpSettings(rate=50, cache_dir=tmp_path)
        with PoliteClient(settings) as client:
            source = ModernGovSource(site.url, client=client)
            journal = Journal(tmp_path / "journal.jsonl")
            started = time.monotonic()
            refs = list(source.meetings())
            outcomes = list(Crawler(source, collected.extend, journal).run(refs))
            elapsed = time.monotonic() - started
        times = site.times()
    assert [o.status for o in outcomes] == ["stored"] * 50 and len(collected) == 50
    assert len(times) == 54  # robots.txt, GetCommittees, 2 x GetMeetings, 50 x GetMeeting
    assert_spaced(times, rate=50)
    # As fast as allowed, no faster: 53 intervals of 1/50 s, plus the per-request
    # work (the disk cache, a synced journal line per meeting) where it exceeds 1/50 s.
    assert 53 / 50 - 0.1 <= elapsed < 53 / 50 + 1.5


def test_a_second_run_of_fifty_meetings_makes_only_conditional_requests(
    harness: Callable[..., Harness],
) -> None:
    h = harness(25, 2)
    run = h.fetch(rate="50")
    assert run.out.splitlines()[0] == summary(h.url, 50, stored=50)
    assert len(h.site.times()) == 54
    h.site.clear_log()
    second = h.fetch(rate="50")
    assert second.out.splitlines()[0] == summary(h.url, 50, skipped=50)
    assert [(r.conditional, r.status) for r in h.site.requests()] == [(True, 304)] * 4


@pytest.mark.slow
def test_the_default_rate_is_one_request_per_second(harness: Callable[..., Harness]) -> None:
    h = harness(1, 1)
    argv = ["fetch", h.url, "--db", h.db, "--cache", h.cache]
    result = CliRunner().invoke(main, argv)
    assert result.exit_code == 0
    times = h.site.times()
    assert len(times) == 4
    assert_spaced(times, rate=1.0)
    assert h.site.requests()[0].headers["user-agent"].startswith("minutebook/")


# -- interruption and resumption -----------------------------------------------


def test_ctrl_c_mid_crawl_then_a_rerun_resumes_without_duplicates(
    harness: Callable[..., Harness],
) -> None:
    h = harness(4, 1)

    def press_ctrl_c(entry: Logged) -> None:
        if "lMeetingId=5002" in entry.path:
            os.kill(os.getpid(), signal.SIGINT)

    h.site.on_request = press_ctrl_c
    run = h.fetch()
    assert (run.code, run.err) == (130, "Interrupted; run the same command again to carry on.\n")
    assert len(h.rows("documents")) == 2
    h.site.on_request = None
    h.site.clear_log()
    run = h.fetch()
    assert run.out.splitlines()[0] == summary(h.url, 4, stored=2, skipped=2)
    assert [r.path.rsplit("=", 1)[1] for r in h.site.requests("GetMeeting?")] == ["5002", "5003"]
    assert len(h.rows("documents")) == 4 and len(h.rows("meetings")) == 4


def test_a_killed_crawl_loses_nothing_and_duplicates_nothing(
    harness: Callable[..., Harness],
) -> None:
    h = harness(6, 1)
    argv = [sys.executable, "-c", "from minutebook.cli import main; main()", "fetch", h.url,
            "--db", h.db, "--cache", h.cache, "--rate", "500"]
    process: list[subprocess.Popen[bytes]] = []

    def crash(entry: Logged) -> None:
        if "lMeetingId=5003" in entry.path:
            process[0].kill()

    h.site.on_request = crash
    process.append(subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
    assert process[0].wait(timeout=60) == -signal.SIGKILL
    stored_before = len(h.rows("documents"))
    assert stored_before == 3
    h.site.on_request = None
    h.site.clear_log()
    run = h.fetch()
    assert run.out.splitlines()[0] == summary(h.url, 6, stored=3, skipped=3)
    assert [r.path.rsplit("=", 1)[1] for r in h.site.requests("GetMeeting?")] == [
        "5003", "5004", "5005"
    ]
    assert len(h.rows("documents")) == 6 and len(h.rows("meetings")) == 6


def test_network_loss_stops_the_crawl_and_a_rerun_carries_on(
    harness: Callable[..., Harness],
) -> None:
    h = harness(10, 1)

    def lose_network(entry: Logged) -> None:
        if "lMeetingId=5003" in entry.path:
            h.site.switches.down = True

    h.site.on_request = lose_network
    run = h.fetch()
    assert run.code == 1
    errors = run.err.splitlines()
    assert len(errors) == 6
    assert errors[0].startswith(f"Error: {h.url}mgWebService.asmx/GetMeeting?lMeetingId=5003: ")
    assert errors[-1].startswith(f"Error: {h.url}: stopped after 5 meetings in a row could not ")
    assert errors[-1].endswith("after 4 attempts); run again later to carry on")
    assert len(h.rows("documents")) == 3
    h.site.on_request = None
    h.site.switches.down = False
    run = h.fetch()
    assert run.out.splitlines()[0] == summary(h.url, 10, stored=7, skipped=3)
    assert len(h.rows("documents")) == 10


# -- other sources -------------------------------------------------------------


def test_a_folder_is_fetched_through_the_file_source(tmp_path: Path) -> None:
    folder = tmp_path / "saved"
    folder.mkdir()
    (folder / "audit.txt").write_text(
        "Audit Committee\nMinutes of the meeting held on 9 January 2024\n\n"
        "1. Apologies\nApologies were received from Councillor Quell.\n"
    )
    (folder / "style.css").write_text("body { color: red }")
    argv = ["fetch", str(folder), "--db", str(tmp_path / "m.db"), "--cache", str(tmp_path / "c")]
    result = CliRunner().invoke(main, argv)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == summary(str(folder), 1, stored=1)
    with open_store(str(tmp_path / "m.db")) as store:
        (document,) = store.export_rows("documents")
    assert document["key"] == str((folder / "audit.txt").resolve())


def test_fetch_help_has_an_example() -> None:
    result = CliRunner().invoke(main, ["fetch", "--help"])
    assert result.exit_code == 0
    assert "minutebook fetch https://democracy.example.gov.uk/" in result.output
