"""The JSON API and the Atom feed, against the app served by uvicorn on 127.0.0.1."""

from __future__ import annotations

import sqlite3
import uuid
from collections.abc import Iterator
from pathlib import Path
from xml.etree import ElementTree as ET

import httpx
import pytest

from minutebook.web.app import create_app
from minutebook.web.server import ThreadedServer
from pgcluster import PgCluster
from webserver import CABINET, COUNCIL, SCRUTINY, Site, build_database, running_site


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    with running_site(tmp_path_factory.mktemp("api")) as running:
        yield running


@pytest.fixture(scope="module")
def api(site: Site) -> Iterator[httpx.Client]:
    with site.client() as client:
        yield client


def _ok(response: httpx.Response) -> dict:  # type: ignore[type-arg]
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/json"
    body = response.json()
    assert body["ok"] is True
    return body  # type: ignore[no-any-return]


def test_meetings_are_newest_first_and_paginated(api: httpx.Client) -> None:
    body = _ok(api.get("/api/meetings", params={"limit": 2}))
    assert (body["total"], body["limit"], body["offset"]) == (4, 2, 0)
    assert [m["date"] for m in body["results"]] == ["2024-04-08", "2024-03-12"]
    assert body["results"][1]["committee"] == SCRUTINY
    assert body["results"][1]["url"] == f"/meetings/{body['results'][1]['id']}"
    following = _ok(api.get(body["next"]))
    assert following["offset"] == 2
    assert [m["date"] for m in following["results"]] == ["2024-02-20", "2024-01-16"]
    assert following["next"] is None


def test_meetings_filter_by_committee_and_dates(api: httpx.Client) -> None:
    body = _ok(api.get("/api/meetings", params={"committee": SCRUTINY, "since": "2024-02-01"}))
    assert [(m["committee"], m["date"]) for m in body["results"]] == [(SCRUTINY, "2024-03-12")]
    body = _ok(api.get("/api/meetings", params={"council": COUNCIL, "until": "2024-02-29"}))
    assert {m["committee"] for m in body["results"]} == {SCRUTINY, CABINET}


def test_meeting_lists_its_items_in_order(api: httpx.Client, site: Site) -> None:
    body = _ok(api.get(f"/api/meetings/{site.ids['scrutiny_march']}"))
    meeting = body["meeting"]
    assert [(i["number"], i["title"]) for i in meeting["items_list"]] == [
        ("1", "Apologies for Absence"), ("2", "Declarations of Interest"),
        ("5", "Garden Waste Collections")]
    assert meeting["document"]["key"] == "scrutiny-2024-03"


def test_item_has_every_fact_with_a_span_into_its_text(api: httpx.Client, site: Site) -> None:
    item = _ok(api.get(f"/api/items/{site.ids['waste_march']}"))["item"]
    text = item["text"]
    assert item["title"] == "Garden Waste Collections" and item["meeting"]["committee"] == SCRUTINY
    (promise,) = item["undertakings"]
    start, end = promise["span"]
    assert text[start:end].startswith("Councillor Priya Nandra undertook to publish")
    assert promise["person_id"] == "priya_nandra"
    votes = {v["position"]: v for v in item["recorded_votes"]}
    start, end = votes["against"]["span"]
    assert text[start:end] == "Against: Councillor Shaw."
    assert votes["for"]["person_ids"] == ["nandra", "okoro", "lind"]
    assert [t["label"] for t in item["topics"]] == ["Collection days"]
    assert item["decisions"][0]["kind"] == "approved"
    assert item["attendees"][0] == {"name": "Tom Reyes", "role": "Head of Waste Services",
                                    "span": item["attendees"][0]["span"],
                                    "person_id": "tom_reyes"}


def test_search_finds_highlights_and_links_to_the_fact(api: httpx.Client, site: Site) -> None:
    body = _ok(api.get("/api/search", params={"q": '"collection calendar"',
                                              "kind": "undertaking"}))
    assert body["total"] == 2 and body["query"] == '"collection calendar"'
    result = body["results"][0]
    assert result["kind"] == "undertaking" and result["committee"] == SCRUTINY
    marked = [result["snippet"][a:b].lower() for a, b in result["highlights"]]
    assert "collection" in " ".join(marked) and "calendar" in " ".join(marked)
    start, end = result["span"]
    assert result["url"] == f"/items/{result['item_id']}#s{start}-{end}"
    item = _ok(api.get(result["api_url"]))["item"]
    assert item["undertakings"][0]["span"] == [start, end]


def test_search_filters_and_pages(api: httpx.Client) -> None:
    every = _ok(api.get("/api/search", params={"q": "waste OR embankment"}))
    assert every["total"] >= 4
    kinds = {r["kind"] for r in every["results"]}
    assert {"item", "undertaking"} <= kinds
    cabinet = _ok(api.get("/api/search", params={"q": "waste OR embankment",
                                                 "committee": CABINET}))
    assert cabinet["total"] >= 1 and {r["committee"] for r in cabinet["results"]} == {CABINET}
    march = _ok(api.get("/api/search", params={"q": "waste", "since": "2024-03-01",
                                               "until": "2024-03-31"}))
    assert {r["date"] for r in march["results"]} == {"2024-03-12"}
    first = _ok(api.get("/api/search", params={"q": "waste", "limit": 1}))
    second = _ok(api.get(first["next"]))
    assert second["offset"] == 1 and second["results"][0] != first["results"][0]


@pytest.mark.parametrize("query", [
    "'; DROP TABLE items; --",
    '" OR 1=1 --',
    "waste) OR (1=1",
    "NEAR(waste calendar)",
    "items_fts MATCH 'x'",
    "\\x00 %_ ' \"\" ''",
    "calendar*; SELECT * FROM documents",
    "café ÿ \u202e",
])
def test_search_input_cannot_break_the_sql(api: httpx.Client, site: Site, query: str) -> None:
    response = api.get("/api/search", params={"q": query})
    assert response.status_code in (200, 400), response.text
    body = response.json()
    if response.status_code == 400:
        assert body["ok"] is False and body["error"].startswith("search query:")
    with sqlite3.connect(site.db) as conn:
        assert conn.execute("SELECT count(*) FROM items").fetchone()[0] > 0
        assert conn.execute("SELECT count(*) FROM documents").fetchone()[0] == 4


def test_undertakings_with_register_status_filters_and_pages(api: httpx.Client) -> None:
    body = _ok(api.get("/api/undertakings"))
    assert body["total"] == 4
    by_date = {u["date"]: u for u in body["results"]}
    assert by_date["2024-01-16"]["status"] == "answered"
    assert by_date["2024-03-12"]["status"] == "open"
    flood = by_date["2024-02-20"]
    assert (flood["by"], flood["status"], flood["due"], flood["due_phrase"]) == (
        "Director of Place", "overdue", "2024-03-19", "within four weeks")
    assert all(isinstance(u["register_id"], int) for u in body["results"])
    answered = _ok(api.get("/api/undertakings", params={"status": "answered"}))
    assert [(u["date"], u["committee"]) for u in answered["results"]] == [
        ("2024-01-16", SCRUTINY)]
    opened = _ok(api.get("/api/undertakings", params={"status": "open", "limit": 1}))
    assert opened["total"] == 2 and len(opened["results"]) == 1 and opened["next"]
    assert _ok(api.get(opened["next"]))["results"][0]["date"] == "2024-03-12"
    scrutiny = _ok(api.get("/api/undertakings", params={"committee": SCRUTINY,
                                                        "status": "open"}))
    assert [u["date"] for u in scrutiny["results"]] == ["2024-03-12"]
    nandra = _ok(api.get("/api/undertakings", params={"person": "Priya Nandra"}))
    assert nandra["total"] == 2 and {u["person_id"] for u in nandra["results"]} == {
        "priya_nandra"}
    spring = _ok(api.get("/api/undertakings", params={"since": "2024-02-01",
                                                      "until": "2024-03-31"}))
    assert sorted(u["date"] for u in spring["results"]) == ["2024-02-20", "2024-03-12"]


def test_person_has_meetings_undertakings_and_votes(api: httpx.Client) -> None:
    person = _ok(api.get("/api/people/priya_nandra"))["person"]
    assert person["id"] == "priya_nandra" and "Councillor Priya Nandra" in person["names"]
    assert len(person["undertakings"]) == 2
    assert {v["position"] for v in person["votes"]} == {"for"}
    assert {m["committee"] for m in person["meetings_attended"]} == {SCRUTINY, CABINET}
    officer = _ok(api.get("/api/people/director_of_place"))["person"]
    assert [u["action"] for u in officer["undertakings"]] == [
        "report back on the cost of raising the embankment at Weir Lane"]
    shaw = _ok(api.get("/api/people/shaw"))["person"]
    assert {m["date"] for m in shaw["apologies"]} == {"2024-01-16", "2024-03-12"}
    assert {v["position"] for v in shaw["votes"]} == {"against"}


def test_councils_and_committees(api: httpx.Client) -> None:
    councils = _ok(api.get("/api/councils"))["results"]
    riverside = next(c for c in councils if c["name"] == COUNCIL)
    assert riverside["meetings"] >= 3 and riverside["url"] == "/councils/riverside-district-council"
    committees = _ok(api.get("/api/committees", params={"council": COUNCIL}))["results"]
    # The licensing minutes file says its council too, as extraction reads it.
    committees = [c for c in committees if c["name"] in (CABINET, SCRUTINY)]
    assert [(c["name"], c["meetings"]) for c in committees] == [(CABINET, 1), (SCRUTINY, 2)]
    assert committees[1]["url"] == (
        "/councils/riverside-district-council/environment-scrutiny-committee")


def test_atom_feed_lists_new_matching_items(api: httpx.Client, site: Site) -> None:
    response = api.get("/search.atom", params={"q": "waste OR embankment OR consent"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/atom+xml")
    ns = {"a": "http://www.w3.org/2005/Atom"}
    feed = ET.fromstring(response.content)
    entries = feed.findall("a:entry", ns)
    titles = [e.findtext("a:title", namespaces=ns) for e in entries]
    updated = [e.findtext("a:updated", namespaces=ns) for e in entries]
    assert updated == sorted(updated, reverse=True), "newest first"
    assert any("Garden Waste Collections" in (t or "") for t in titles)
    assert feed.findtext("a:updated", namespaces=ns) == updated[0]
    ids = [e.findtext("a:id", namespaces=ns) for e in entries]
    assert len(set(ids)) == len(ids) and all(i and i.startswith("urn:minutebook:item:")
                                             for i in ids)
    link = entries[0].find("a:link", ns)
    assert link is not None and link.get("href", "").startswith(site.url + "/items/")
    self_link = feed.find("a:link[@rel='self']", ns)
    assert self_link is not None and "search.atom" in self_link.get("href", "")
    # Hostile minutes arrive as plain text inside the XML, never as markup.
    hostile = next(e for e in entries
                   if "<script>" in (e.findtext("a:summary", namespaces=ns) or ""))
    summary = hostile.find("a:summary", ns)
    assert summary is not None and summary.get("type") == "text"
    assert "\u202e" not in (summary.text or "")


def test_feed_is_the_same_for_the_same_search(api: httpx.Client) -> None:
    first = api.get("/search.atom", params={"q": "calendar"}).content
    assert api.get("/search.atom", params={"q": "calendar"}).content == first


def test_openapi_and_docs_are_served_locally(api: httpx.Client) -> None:
    schema = _ok_schema(api.get("/openapi.json"))
    for path in ("/api/meetings", "/api/items/{item_id}", "/api/search", "/api/undertakings",
                 "/api/people/{person_id}", "/search.atom"):
        assert path in schema["paths"]
    search = schema["paths"]["/api/search"]["get"]
    assert set(search["responses"]) == {"200", "400", "404", "500"}
    docs = api.get("/docs")
    assert docs.status_code == 200
    assert "/docs-static/swagger-ui-bundle.js" in docs.text
    assert "cdn" not in docs.text.lower()
    assert api.get("/docs-static/swagger-ui-bundle.js").status_code == 200


def _ok_schema(response: httpx.Response) -> dict:  # type: ignore[type-arg]
    assert response.status_code == 200
    return response.json()  # type: ignore[no-any-return]


def test_security_headers_on_every_response(api: httpx.Client) -> None:
    for path in ("/", "/api/meetings", "/api/nope", "/search.atom?q=waste"):
        headers = api.get(path).headers
        assert "script-src 'self'" in headers["content-security-policy"]
        assert "unsafe-inline" not in headers["content-security-policy"]
        assert headers["x-content-type-options"] == "nosniff"


@pytest.mark.postgres
def test_the_api_answers_alike_on_postgresql(
    pg_cluster: PgCluster, tmp_path: Path, api: httpx.Client, site: Site
) -> None:
    url = pg_cluster.create_database(f"web_{uuid.uuid4().hex[:12]}")
    _, ids = build_database(tmp_path, url)
    with ThreadedServer(create_app(url)) as server, httpx.Client(
        base_url=server.url, trust_env=False, timeout=30
    ) as pg:
        def same(path: str, keys: tuple[str, ...]) -> None:
            mine, theirs = _ok(api.get(path)), _ok(pg.get(path))
            assert mine["total"] == theirs["total"], path
            assert [[r[k] for k in keys] for r in mine["results"]] == [
                [r[k] for k in keys] for r in theirs["results"]], path

        same("/api/meetings", ("title", "council", "committee", "date", "items"))
        same("/api/undertakings", ("date", "by", "action", "status", "due", "span"))
        same("/api/search?q=%22collection+calendar%22&kind=undertaking",
             ("kind", "date", "item_title", "span"))
        lite = _ok(api.get(f"/api/items/{site.ids['waste_march']}"))["item"]
        post = _ok(pg.get(f"/api/items/{ids['waste_march']}"))["item"]
        for key in ("text", "attendees", "undertakings", "decisions", "recorded_votes", "topics"):
            assert lite[key] == post[key], key
        page = pg.get(f"/items/{ids['waste_march']}")
        assert page.status_code == 200 and 'class="fact fact-undertaking"' in page.text
        assert _ok(pg.get("/api/people/priya_nandra"))["person"]["names"] == _ok(
            api.get("/api/people/priya_nandra"))["person"]["names"]
