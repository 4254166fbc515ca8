"""The accountability views, as the web app mounts them, served on 127.0.0.1."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from corpus import fixtures, wrenfield
from minutebook.web.app import create_app
from minutebook.web.server import ThreadedServer

corpus_template = fixtures.corpus_template


@pytest.fixture(scope="module")
def web(tmp_path_factory: pytest.TempPathFactory, corpus_template: Path,
        ) -> Iterator[httpx.Client]:
    path = tmp_path_factory.mktemp("web") / "wrenfield.db"
    path.write_bytes(corpus_template.read_bytes())
    # create_app mounts minutebook.web.accountability's router itself.
    app = create_app(str(path))
    with ThreadedServer(app) as server, httpx.Client(base_url=server.url, timeout=60) as client:
        yield client


@pytest.fixture(autouse=True)
def lexical(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MINUTEBOOK_SEMANTIC", "0")


def test_tracker_page_and_api(web: httpx.Client) -> None:
    page = web.get("/accountability/undertakings", params={"committee": wrenfield.ADULTS})
    assert page.status_code == 200 and "Undertakings tracker" in page.text
    assert page.text.count('class="card status-') == 4
    data = web.get("/api/accountability/undertakings",
                   params={"status": "overdue", "committee": wrenfield.ADULTS}).json()
    assert data["ok"] and data["total"] == 2
    assert {r["status"] for r in data["results"]} == {"overdue"}
    assert data["results"][0]["item"]["link"].startswith("/items/")
    bad = web.get("/api/accountability/undertakings", params={"status": "late"})
    assert bad.status_code == 400 and bad.json()["ok"] is False


def test_undertaking_page_shows_ranked_proposals(web: httpx.Client) -> None:
    data = web.get("/api/accountability/undertakings",
                   params={"committee": wrenfield.ADULTS}).json()
    first = data["results"][0]
    assert first["action"].startswith("circulate the number of delayed discharges")
    detail = web.get(f"/api/accountability/undertakings/{first['id']}").json()
    top = detail["proposals"][0]
    assert top["item"]["title"] == "Delayed Discharges: Information Requested"
    assert "delayed" in top["words"]
    page = web.get(f"/accountability/undertakings/{first['id']}")
    assert page.status_code == 200
    assert re.search(r'<a href="/items/\d+">[^<]*Delayed Discharges: Information Requested',
                     page.text)
    assert web.get("/api/accountability/undertakings/99999").status_code == 404


def test_themes_and_report_pages(web: httpx.Client) -> None:
    themes = web.get("/api/accountability/themes", params={"council": wrenfield.COUNCIL}).json()
    workforce = next(t for t in themes["results"] if "Retention of social workers" in t["labels"])
    assert "Recruitment and retention" in workforce["labels"]
    assert [d["date"] for d in workforce["timeline"]] == sorted(d["date"] for d in
                                                                 workforce["timeline"])
    page = web.get("/accountability/themes")
    assert page.status_code == 200 and "Recurring themes" in page.text
    params = {"role": wrenfield.PH_ROLE, "from": "2024-04-01", "to": "2025-02-28"}
    report = web.get("/api/accountability/report", params=params).json()["report"]
    assert report["holders"] == [wrenfield.PH_NAME] and len(report["attendances"]) == 4
    page = web.get("/accountability/report", params=params)
    assert page.status_code == 200 and "Attended 4 of 4 scrutiny meetings" in page.text
    assert web.get("/accountability/report").status_code == 200
