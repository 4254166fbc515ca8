"""Every API error, whatever its cause, answers one envelope: ``{"ok": false, "error", "status"}``.

Pages answer the same status with an HTML page; the feed and ``/api/``
answer JSON. A database that breaks under the running app is a 500 in the
same envelope, with no traceback or SQL in the message.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from minutebook.web.app import create_app
from minutebook.web.server import ThreadedServer
from webserver import Site, build_database, running_site


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    with running_site(tmp_path_factory.mktemp("errors")) as running:
        yield running


@pytest.fixture(scope="module")
def api(site: Site) -> Iterator[httpx.Client]:
    with site.client() as client:
        yield client


def assert_envelope(response: httpx.Response, status: int) -> str:
    """Check the response is the error envelope with ``status``; return its message."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/json"
    body = response.json()
    assert set(body) == {"ok", "error", "status"}
    assert body["ok"] is False and body["status"] == status
    assert isinstance(body["error"], str) and body["error"].strip()
    assert "Traceback" not in body["error"] and "SELECT" not in body["error"]
    return str(body["error"])


ERRORS = [
    ("GET", "/api/nothing-here", 404, "nothing at /api/nothing-here"),
    ("GET", "/api", 404, "nothing at /api"),
    ("GET", "/api/items/999999", 404, "no item 999999"),
    ("GET", "/api/items/0", 400, "item_id"),
    ("GET", "/api/items/abc", 400, "item_id"),
    ("GET", "/api/meetings/999999", 404, "no meeting 999999"),
    ("GET", "/api/people/nobody_at_all", 404, "no person 'nobody_at_all'"),
    ("GET", "/api/meetings?limit=0", 400, "limit"),
    ("GET", "/api/meetings?limit=101", 400, "limit"),
    ("GET", "/api/meetings?offset=-1", 400, "offset"),
    ("GET", "/api/meetings?offset=999999", 400, "offset"),
    ("GET", "/api/meetings?since=yesterday", 400, "since"),
    ("GET", "/api/meetings?until=2024-13-45", 400, "until"),
    ("GET", "/api/search", 400, "q"),
    ("GET", "/api/search?q=", 400, "q"),
    ("GET", "/api/search?q=%22unterminated", 400, "unterminated quote"),
    ("GET", "/api/search?q=-only", 400, "search query"),
    ("GET", "/api/search?q=(", 400, "search query"),
    ("GET", "/api/search?q=waste&kind=minutes", 400, "kind"),
    ("GET", "/api/search?q=" + "a" * 501, 400, "q"),
    ("GET", "/api/undertakings?status=kept", 400, "status"),
    ("POST", "/api/search?q=waste", 405, "Method Not Allowed"),
    ("DELETE", "/api/items/1", 405, "Method Not Allowed"),
    ("GET", "/search.atom", 400, "q"),
    ("GET", "/search.atom?q=%28", 400, "search query"),
]


@pytest.mark.parametrize(("method", "path", "status", "says"), ERRORS,
                         ids=[f"{m} {p[:40]}" for m, p, _, _ in ERRORS])
def test_every_api_error_is_the_envelope(
    api: httpx.Client, method: str, path: str, status: int, says: str
) -> None:
    message = assert_envelope(api.request(method, path), status)
    assert says in message


def test_pages_answer_errors_as_html_with_the_status(api: httpx.Client) -> None:
    for path, status in (("/items/999999", 404), ("/meetings/999999", 404),
                         ("/people/nobody_at_all", 404), ("/councils/atlantis", 404),
                         ("/councils/riverside-district-council/no-such-committee", 404),
                         ("/no-such-page", 404), ("/undertakings?since=soon", 400),
                         ("/undertakings?status=kept", 400), ("/search?q=%22open", 400),
                         ("/councils/riverside-district-council/cabinet?page=0", 400)):
        response = api.get(path)
        assert response.status_code == status, path
        assert response.headers["content-type"].startswith("text/html")
        assert "<h1>" in response.text


def test_a_broken_database_is_a_500_envelope(tmp_path: Path) -> None:
    db, ids = build_database(tmp_path)
    with ThreadedServer(create_app(db, pool_size=1, directory_ttl=0)) as server, httpx.Client(
        base_url=server.url, trust_env=False
    ) as client:
        assert client.get(f"/api/items/{ids['waste_march']}").status_code == 200
        with sqlite3.connect(db) as conn:
            conn.execute("DROP TABLE topics")
        message = assert_envelope(client.get(f"/api/items/{ids['waste_march']}"), 500)
        assert message == "the database could not answer"
        page = client.get(f"/items/{ids['waste_march']}")
        assert page.status_code == 500 and "could not answer" in page.text
