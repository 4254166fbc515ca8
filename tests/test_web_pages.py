"""The HTML pages, served by uvicorn on 127.0.0.1, read as a browser without JavaScript would.

Also the ``serve`` and ``demo`` commands, run for real.
"""

from __future__ import annotations

import doctest
import importlib
import os
import re
import signal
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner
from selectolax.lexbor import LexborHTMLParser

from minutebook.cli import main
from minutebook.web.server import listen
from webserver import CABINET, COUNCIL, HOSTILE_MINUTES, SCRUTINY, Site, running_site


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    with running_site(tmp_path_factory.mktemp("pages")) as running:
        yield running


@pytest.fixture(scope="module")
def web(site: Site) -> Iterator[httpx.Client]:
    with site.client() as client:
        yield client


def html(client: httpx.Client, path: str, status: int = 200) -> LexborHTMLParser:
    response = client.get(path)
    assert response.status_code == status, response.text[:500]
    assert response.headers["content-type"].startswith("text/html")
    return LexborHTMLParser(response.text)


def texts(doc: LexborHTMLParser, selector: str) -> list[str]:
    return [" ".join(n.text().split()) for n in doc.css(selector)]


def check_page_manners(doc: LexborHTMLParser) -> None:
    """Language, one h1, labelled controls, no outside resources, no inline script."""
    root = doc.css_first("html")
    assert root is not None and root.attributes.get("lang") == "en-GB"
    assert len(doc.css("h1")) == 1
    assert doc.css_first("meta[name=viewport]") is not None
    labels = {n.attributes.get("for") for n in doc.css("label[for]")}
    for control in doc.css("input:not([type=checkbox]):not([type=hidden]), select"):
        assert control.attributes.get("id") in labels, control.html
    for node in doc.css("script, link[href], img"):
        where = node.attributes.get("src") or node.attributes.get("href") or ""
        assert where.startswith("/") and not where.startswith("//"), node.html
    assert all(n.attributes.get("src") for n in doc.css("script")), "no inline scripts"
    ids = [n.attributes.get("id") for n in doc.css("[id]")]
    assert len(ids) == len(set(ids)), "ids are unique"


def test_home_lists_councils_committees_latest_meetings_and_a_search_box(
    web: httpx.Client,
) -> None:
    doc = html(web, "/")
    check_page_manners(doc)
    assert COUNCIL in texts(doc, "h3 a")
    committees = doc.css("section[aria-labelledby=bodies] li a")
    assert [a.text() for a in committees][:2] == [CABINET, SCRUTINY]
    assert committees[1].attributes["href"] == (
        "/councils/riverside-district-council/environment-scrutiny-committee")
    latest = texts(doc, "section[aria-labelledby=latest] li")
    assert latest[0].startswith("Licensing Committee Monday 8 April 2024")
    form = doc.css_first("form[role=search]")
    assert form is not None and form.attributes["action"] == "/search"
    assert texts(doc, "label[for=home-q]") == ["Search the minutes"]


def test_committee_page_lists_meetings_by_date(web: httpx.Client) -> None:
    doc = html(web, "/councils/riverside-district-council/environment-scrutiny-committee")
    check_page_manners(doc)
    assert texts(doc, "h1") == [SCRUTINY]
    dates = [n.attributes["datetime"] for n in doc.css("section ol time")]
    assert dates == ["2024-03-12", "2024-01-16"]
    council = html(web, "/councils/riverside-district-council")
    assert texts(council, "h1") == [COUNCIL]


def test_meeting_page_shows_items_in_order_and_attendance(web: httpx.Client, site: Site) -> None:
    doc = html(web, f"/meetings/{site.ids['scrutiny_march']}")
    check_page_manners(doc)
    assert texts(doc, "ol.items li > a") == [
        "1 Apologies for Absence", "2 Declarations of Interest", "5 Garden Waste Collections"]
    attendance = " ".join(texts(doc, "section[aria-labelledby=attendance]"))
    assert "Councillor Priya Nandra, Chair" in attendance
    assert "Tom Reyes, Head of Waste Services" in attendance
    assert "Apologies Jon Shaw" in attendance
    assert "Bea Okoro for Jon Shaw" in attendance
    assert "Ines Lind: personal interest in item 5" in attendance


def _marks(doc: LexborHTMLParser) -> dict[str, str]:
    """Each fact anchor's words in the source, joined across the pieces that carry it."""
    words: dict[str, str] = {}
    for mark in doc.css("#source mark.fact"):
        for anchor in (mark.attributes.get("data-facts") or "").split():
            words[anchor] = words.get(anchor, "") + mark.text()
    return words


def test_item_page_marks_every_fact_where_it_came_from(web: httpx.Client, site: Site) -> None:
    item = web.get(f"/api/items/{site.ids['waste_march']}").json()["item"]
    doc = html(web, f"/items/{site.ids['waste_march']}")
    check_page_manners(doc)
    source = doc.css_first("#source")
    assert source is not None and source.text() == item["text"]
    words = _marks(doc)
    spans = [f["span"] for key in ("attendees", "topic_details", "undertakings", "decisions",
                                   "recorded_votes") for f in item.get(key, []) if f.get("span")]
    spans += [t["span"] for t in item["topics"]]
    for start, end in spans:
        assert words[f"s{start}-{end}"] == item["text"][start:end]
        assert doc.css_first(f"[id='s{start}-{end}']") is not None
    undertaking = doc.css_first("#source mark.fact-undertaking")
    assert undertaking is not None
    assert undertaking.text().startswith("Councillor Priya Nandra undertook to publish")
    links = [a.attributes["href"] for a in doc.css(".panel a.to-source")]
    assert links and all(doc.css_first(f"[id='{h[1:]}']") is not None for h in links)
    panels = texts(doc, ".panel h3")
    assert panels == ["Attendees", "Topics", "Undertakings", "Decisions", "Recorded votes"]
    assert "approved the garden waste charges be approved" in " ".join(texts(doc, ".panel li"))
    person = doc.css_first(".panel-undertaking a[href^='/people/']")
    assert person is not None and person.attributes["href"] == "/people/priya_nandra"


def test_hostile_minutes_are_text_not_markup(web: httpx.Client, site: Site) -> None:
    response = web.get(f"/items/{site.ids['hostile']}")
    raw = response.text
    assert "<script>document" not in raw and "<img src=x" not in raw
    assert 'onerror="' not in raw and "<a href=\"javascript" not in raw
    assert "&lt;script&gt;document.title=&#39;pwned&#39;&lt;/script&gt;" in raw
    assert "\u202e" not in raw and "\x07" not in raw
    doc = LexborHTMLParser(raw)
    source = doc.css_first("#source")
    assert source is not None
    assert [n.tag for n in source.iter() if n.tag != "-text"] == ["mark"] * len(
        doc.css("#source mark")) + ["span"] * len(doc.css("#source span"))
    assert "<script>document.title='pwned'</script>" in source.text()
    assert len(doc.css("script")) == 1
    undertakings = web.get("/undertakings").text
    assert "<b>consent</b>" not in undertakings and "&lt;b&gt;consent&lt;/b&gt;" in undertakings
    assert "onerror" not in HOSTILE_MINUTES.split("<img")[0]


def test_search_page_keeps_filters_highlights_and_pages(web: httpx.Client) -> None:
    doc = html(web, "/search?q=waste&committee=" + SCRUTINY.replace(" ", "+") + "&kind=item")
    check_page_manners(doc)
    query = doc.css_first("#q")
    assert query is not None and query.attributes["value"] == "waste"
    chosen = doc.css_first("#committee option[selected]")
    assert chosen is not None and chosen.text() == SCRUTINY
    assert [n.attributes["value"] for n in doc.css("input[name=kind][checked]")] == ["item"]
    results = doc.css("ol.results li")
    assert len(results) == 2
    assert all(m.text().lower().startswith("waste") for m in doc.css("ol.results mark"))
    assert texts(doc, ".count") == ["Showing 1–2 of 2 results."]
    feed = doc.css_first("link[rel=alternate][type='application/atom+xml']")
    assert feed is not None and feed.attributes["href"].startswith("/search.atom?q=waste")
    beyond = html(web, "/search?q=waste&page=2")
    assert texts(beyond, ".count") == ["No more results: 4 in all."]
    prev = beyond.css_first("a[rel=prev]")
    assert prev is not None and prev.attributes["href"] == "?q=waste&page=1"
    assert doc.css_first("a[rel=next]") is None


def test_search_page_explains_a_malformed_query(web: httpx.Client) -> None:
    doc = html(web, "/search?q=%22school+transport", status=400)
    assert texts(doc, ".error-message") == [
        "The search could not be read: unterminated quote in query."]
    bad_date = html(web, "/search?q=waste&since=last+week", status=400)
    assert "since: expected a date as YYYY-MM-DD" in " ".join(texts(bad_date, ".error-message"))
    empty = html(web, "/search?q=&council=&since=")
    assert empty.css_first("ol.results") is None and not empty.css(".error-message")


def test_undertakings_page_filters(web: httpx.Client) -> None:
    doc = html(web, "/undertakings")
    check_page_manners(doc)
    assert texts(doc, ".count") == ["Showing 1–4 of 4 undertakings."]
    answered = html(web, "/undertakings?status=answered&council=&committee=&person=&since=")
    assert texts(answered, ".card .status") == ["answered"]
    assert texts(answered, ".card .action") == [
        "publish the revised collection calendar for Millbrook"]
    overdue = html(web, "/undertakings?status=overdue")
    assert texts(overdue, ".card .due") == ["due 19 Mar 2024 (within four weeks)"]
    cabinet = html(web, "/undertakings?committee=Cabinet")
    assert texts(cabinet, ".card .who") == ["Director of Place"]
    nandra = html(web, "/undertakings?person=Nandra")
    assert texts(nandra, ".count") == ["Showing 1–2 of 2 undertakings."]
    link = nandra.css_first(".card .action a")
    assert link is not None and re.fullmatch(r"/items/\d+#s\d+-\d+", link.attributes["href"])


def test_person_page(web: httpx.Client) -> None:
    doc = html(web, "/people/priya_nandra")
    check_page_manners(doc)
    assert texts(doc, "h1") == ["Councillor Priya Nandra"]
    assert len(doc.css("section[aria-labelledby=promised] li")) == 2
    assert texts(doc, "section[aria-labelledby=votes] tbody td .badge") == ["for", "for"]
    assert len(doc.css("section[aria-labelledby=attended] li")) == 3
    surname = html(web, "/people/shaw")
    assert len(surname.css("section[aria-labelledby=apologies] li")) == 2


def test_serve_prints_its_url_and_serves(tmp_path: Path, site: Site) -> None:
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    process = subprocess.Popen(
        [sys.executable, "-c", "from minutebook.cli import main; main()", "serve",
         "--db", site.db, "--port", "0"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
    )
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        match = re.fullmatch(r"Serving minutebook at (http://127\.0\.0\.1:\d+/)  "
                             r"\(API docs at \1docs; Ctrl-C to stop\)\n", line)
        assert match, line
        with httpx.Client(trust_env=False) as client:
            page = client.get(match[1])
            assert page.status_code == 200 and COUNCIL in page.text
    finally:
        process.send_signal(signal.SIGINT)
        _, errors = process.communicate(timeout=20)
    assert process.returncode == 0, errors


def test_serve_refuses_a_missing_database(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["serve", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 1
    assert result.output == (f"Error: {tmp_path / 'none.db'}: no database here "
                             "(run `minutebook ingest` first)\n")


def test_demo_ingests_searches_and_prints_how_to_browse(tmp_path: Path) -> None:
    samples = tmp_path / "samples"
    samples.mkdir()
    (samples / "licensing.txt").write_text(HOSTILE_MINUTES, encoding="utf-8")
    db = tmp_path / "demo.db"
    result = CliRunner().invoke(main, ["demo", "--no-serve", "--samples", str(samples),
                                       "--db", str(db)])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == f"Ingested {samples}: 1 stored (1 new, 0 replaced), 0 unchanged, 0 failed"
    assert lines[1].startswith('Search "report": ')
    assert lines[-1] == f"Database: {db}. Run `minutebook serve --db {db}` to browse it."
    again = CliRunner().invoke(main, ["demo", "--no-serve", "--samples", str(samples),
                                      "--db", str(db)])
    assert again.output.splitlines()[0].endswith("0 stored (0 new, 0 replaced), 1 unchanged, "
                                                 "0 failed")


def test_demo_without_samples_says_where_it_looked(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["demo", "--no-serve", "--samples", str(tmp_path),
                                       "--db", str(tmp_path / "d.db")])
    assert result.exit_code == 2
    assert result.output == f"Error: no sample minutes found (looked in {tmp_path})\n"


@pytest.mark.parametrize("name", ["app", "deps", "directory", "feeds", "highlight", "pool",
                                  "serialize", "server", "templating", "tracking", "urls"])
def test_docstring_examples(name: str) -> None:
    module = importlib.import_module(f"minutebook.web.{name}")
    result = doctest.testmod(module)
    assert result.attempted > 0 and result.failed == 0


def test_item_page_shows_each_promise_status_from_the_register(
    web: httpx.Client, site: Site
) -> None:
    # The register is read in the background at start-up; the list waits for it.
    assert web.get("/api/undertakings").status_code == 200
    doc = html(web, f"/items/{site.ids['flood']}")
    assert texts(doc, ".panel-undertaking .status") == ["overdue"]
    assert texts(doc, ".panel-undertaking .due") == ["due 19 Mar 2024"]
    answered = html(web, f"/items/{site.ids['waste_january']}")
    assert texts(answered, ".panel-undertaking .status") == ["answered"]


def test_serve_says_when_the_port_is_taken(site: Site) -> None:
    taken = listen("127.0.0.1", 0)
    taken.listen()
    port = taken.getsockname()[1]
    try:
        result = CliRunner().invoke(main, ["serve", "--db", site.db, "--port", str(port)])
    finally:
        taken.close()
    assert result.exit_code == 1
    assert result.output == (f"Error: 127.0.0.1:{port}: cannot listen: Address already in use; "
                             "try another --port\n")


def test_only_web_addresses_become_links(web: httpx.Client, site: Site) -> None:
    for path in (f"/meetings/{site.ids['cabinet']}", f"/items/{site.ids['flood']}"):
        doc = html(web, path)
        hrefs = [a.attributes.get("href") or "" for a in doc.css("a")]
        assert not [h for h in hrefs if not h.startswith(("/", "#", "?", "http://", "https://"))]
    item = html(web, f"/items/{site.ids['flood']}")
    assert texts(item, "#p-docs + ul li") == ["Programme map", "Programme report"]
    links = [a.attributes["href"] for a in item.css("#p-docs + ul a")]
    assert links == ["https://democracy.example.org/documents/s1.pdf"]


def test_the_listening_socket_is_tcp_so_responses_are_not_delayed() -> None:
    # With protocol 0 asyncio leaves Nagle on for accepted connections: +40 ms a response.
    sock = listen("127.0.0.1", 0)
    try:
        assert sock.proto == socket.IPPROTO_TCP
    finally:
        sock.close()
