"""The polite client against a real server on 127.0.0.1: robots, retries, redirects, cache, rate."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from fakesite import FakeModernGov, Switches, assert_spaced, make_site, only_loopback
from minutebook.errors import FetchError
from minutebook.http import (
    HttpSettings,
    HttpStatusError,
    PoliteClient,
    RobotsDisallowed,
    user_agent,
)

HTML = {"Content-Type": "text/html"}


@pytest.fixture(autouse=True)
def _loopback_only() -> Iterator[None]:
    with only_loopback():
        yield


@pytest.fixture
def site() -> Iterator[FakeModernGov]:
    with FakeModernGov(make_site(2, 1)) as fake:
        yield fake


def client_for(tmp_path: Path, **overrides: object) -> PoliteClient:
    settings = HttpSettings(rate=200, cache_dir=tmp_path, timeout=0.4, retries=3, backoff=0.01)
    for name, value in overrides.items():
        setattr(settings, name, value)
    return PoliteClient(settings)


def page(site: FakeModernGov, path: str, body: bytes = b"<p>ok</p>", status: int = 200) -> str:
    site.switches.static[path] = (status, HTML, body)
    return site.url.rstrip("/") + path


def test_a_plain_get_returns_body_media_type_and_url(site: FakeModernGov, tmp_path: Path) -> None:
    url = page(site, "/hello.html", b"<p>hello</p>")
    with client_for(tmp_path) as client:
        response = client.get(url)
    assert response.status == 200 and response.content == b"<p>hello</p>"
    assert response.media_type == "text/html"
    assert response.url == url and not response.not_modified


def test_user_agent_names_minutebook_and_the_contact(
    site: FakeModernGov, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = page(site, "/ua.html")
    with client_for(tmp_path, contact="mailto:watch@example.org") as client:
        client.get(url)
    assert site.requests("/ua.html")[0].headers["user-agent"] == (
        "minutebook/0.1.0 (+mailto:watch@example.org)"
    )
    monkeypatch.setenv("MINUTEBOOK_CONTACT", "https://example.org/about-our-crawler")
    assert user_agent() == "minutebook/0.1.0 (+https://example.org/about-our-crawler)"
    monkeypatch.delenv("MINUTEBOOK_CONTACT")
    assert user_agent() == "minutebook/0.1.0"


def test_robots_txt_disallowed_path_is_never_requested(site: FakeModernGov, tmp_path: Path) -> None:
    url = page(site, "/private/minutes.html")
    with client_for(tmp_path) as client, pytest.raises(RobotsDisallowed) as caught:
        client.get(url)
    assert caught.value.one_line() == f"Error: {url}: disallowed by robots.txt"
    assert site.requests("/private/") == []
    assert len(site.requests("/robots.txt")) == 1


def test_robots_txt_is_read_once_per_site(site: FakeModernGov, tmp_path: Path) -> None:
    urls = [page(site, f"/p{n}.html") for n in range(3)]
    with client_for(tmp_path) as client:
        for url in urls:
            client.get(url)
    assert len(site.requests("/robots.txt")) == 1


def test_missing_robots_txt_allows_everything(site: FakeModernGov, tmp_path: Path) -> None:
    site.switches.robots_status = 404
    url = page(site, "/private/open.html")
    with client_for(tmp_path) as client:
        assert client.get(url).status == 200


def test_robots_txt_server_error_stops_the_crawl(site: FakeModernGov, tmp_path: Path) -> None:
    site.switches.robots_status = 503
    url = page(site, "/anything.html")
    with client_for(tmp_path, retries=1) as client, pytest.raises(FetchError) as caught:
        client.get(url)
    assert "robots.txt unavailable" in caught.value.reason
    assert site.requests("/anything.html") == []


def test_crawl_delay_in_robots_txt_slows_the_rate(site: FakeModernGov, tmp_path: Path) -> None:
    site.switches.robots = "User-agent: *\nCrawl-delay: 0.3\n"
    urls = [page(site, f"/slow{n}.html") for n in range(3)]
    with client_for(tmp_path) as client:
        for url in urls:
            client.get(url)
    assert_spaced(site.times("/slow"), rate=1 / 0.3)


def test_server_errors_are_retried_until_they_recover(site: FakeModernGov, tmp_path: Path) -> None:
    url = page(site, "/flaky.html")
    site.switches.faults["/flaky.html"] = ["500", "503"]
    with client_for(tmp_path) as client:
        assert client.get(url).content == b"<p>ok</p>"
        assert client.stats.retries == 2
    assert [r.status for r in site.requests("/flaky.html")] == [500, 503, 200]


def test_backoff_doubles_between_attempts(site: FakeModernGov, tmp_path: Path) -> None:
    url = page(site, "/backoff.html")
    site.switches.faults["/backoff.html"] = ["500", "500", "500"]
    with client_for(tmp_path, backoff=0.1) as client:
        client.get(url)
    times = [r.at for r in site.requests("/backoff.html")]
    gaps = [b - a for a, b in zip(times, times[1:], strict=False)]
    assert gaps[0] >= 0.09 and gaps[1] >= 0.19 and gaps[2] >= 0.39


def test_timeouts_and_resets_are_retried(site: FakeModernGov, tmp_path: Path) -> None:
    url = page(site, "/wobbly.html")
    site.switches.faults["/wobbly.html"] = ["timeout", "reset"]
    with client_for(tmp_path, timeout=0.3) as client:
        assert client.get(url).status == 200
        assert client.stats.retries == 2


def test_429_waits_as_long_as_retry_after_asks(site: FakeModernGov, tmp_path: Path) -> None:
    url = page(site, "/busy.html")
    site.switches.faults["/busy.html"] = ["429:1"]
    with client_for(tmp_path) as client:
        assert client.get(url).status == 200
    first, second = site.requests("/busy.html")
    assert second.at - first.at >= 0.95


def test_retry_after_beyond_the_limit_gives_up_at_once(site: FakeModernGov, tmp_path: Path) -> None:
    url = page(site, "/later.html")
    site.switches.faults["/later.html"] = ["503:3600"]
    with client_for(tmp_path, max_wait=5) as client, pytest.raises(HttpStatusError) as caught:
        client.get(url)
    assert caught.value.reason == (
        "HTTP 503 Service Unavailable; server asked to retry after 3600 s"
    )
    assert len(site.requests("/later.html")) == 1


def test_a_permanent_server_error_is_reported_after_the_retries(
    site: FakeModernGov, tmp_path: Path
) -> None:
    url = page(site, "/broken.html")
    site.switches.broken.add("/broken.html")
    with client_for(tmp_path, retries=2) as client, pytest.raises(HttpStatusError) as caught:
        client.get(url)
    assert caught.value.one_line() == (
        f"Error: {url}: HTTP 500 Internal Server Error after 3 attempts"
    )
    assert caught.value.status == 500


def test_not_found_is_not_retried(site: FakeModernGov, tmp_path: Path) -> None:
    url = site.url + "nowhere.html"
    with client_for(tmp_path) as client, pytest.raises(HttpStatusError) as caught:
        client.get(url)
    assert caught.value.reason == "HTTP 404 Not Found"
    assert len(site.requests("/nowhere.html")) == 1


def test_a_site_that_is_down_fails_after_the_retries(site: FakeModernGov, tmp_path: Path) -> None:
    url = page(site, "/gone.html")
    with client_for(tmp_path) as client:
        client.get(url)
        site.switches.down = True
        with pytest.raises(FetchError) as caught:
            client.get(page(site, "/gone2.html"))
    assert caught.value.reason in (
        "connection reset after 4 attempts",
        "connection closed without a complete response after 4 attempts",
    )


def test_permanent_redirects_are_followed_and_remembered(
    site: FakeModernGov, tmp_path: Path
) -> None:
    target = page(site, "/new/minutes.html", b"<p>moved</p>")
    site.switches.redirects["/old/"] = "/new/"
    with client_for(tmp_path) as client:
        response = client.get(site.url + "old/minutes.html")
        assert (response.url, response.content) == (target, b"<p>moved</p>")
    with client_for(tmp_path) as client:
        client.get(site.url + "old/minutes.html")
    # The second client asked the new address straight away.
    assert len(site.requests("/old/")) == 1


def test_redirect_loops_are_cut(site: FakeModernGov, tmp_path: Path) -> None:
    site.switches.redirects["/loop/"] = "/loop/x/"
    with client_for(tmp_path) as client, pytest.raises(FetchError) as caught:
        client.get(site.url + "loop/page.html")
    assert caught.value.reason == "more than 10 redirects"


def test_redirect_to_a_disallowed_path_is_refused(site: FakeModernGov, tmp_path: Path) -> None:
    page(site, "/private/x.html")
    site.switches.redirects["/public/"] = "/private/"
    with client_for(tmp_path) as client, pytest.raises(RobotsDisallowed):
        client.get(site.url + "public/x.html")
    assert site.requests("/private/") == []


def test_second_fetch_is_conditional_and_downloads_nothing(
    site: FakeModernGov, tmp_path: Path
) -> None:
    url = page(site, "/cached.html", b"<p>" + b"minutes " * 500 + b"</p>")
    with client_for(tmp_path) as client:
        first = client.get(url)
    with client_for(tmp_path) as client:
        second = client.get(url)
        # robots.txt and the page both came back 304.
        assert client.stats.not_modified == 2 and client.stats.downloaded_bytes == 0
    assert second.not_modified and second.content == first.content
    requests = site.requests("/cached.html")
    assert [r.conditional for r in requests] == [False, True]
    assert requests[1].headers["if-none-match"].startswith('"')
    assert [r.status for r in requests] == [200, 304]


def test_last_modified_alone_is_used_when_there_is_no_etag(
    site: FakeModernGov, tmp_path: Path
) -> None:
    site.switches.etag = False
    url = page(site, "/dated.html")
    with client_for(tmp_path) as client:
        client.get(url)
        assert client.get(url).not_modified
    second = site.requests("/dated.html")[1]
    assert "if-none-match" not in second.headers
    assert second.headers["if-modified-since"] == "Tue, 14 Nov 2023 22:13:20 GMT"


def test_a_changed_document_is_downloaded_again(site: FakeModernGov, tmp_path: Path) -> None:
    url = page(site, "/draft.html", b"<p>draft</p>")
    with client_for(tmp_path) as client:
        client.get(url)
        page(site, "/draft.html", b"<p>approved</p>")
        response = client.get(url)
    assert response.content == b"<p>approved</p>" and not response.not_modified


def test_a_damaged_cache_entry_is_ignored(site: FakeModernGov, tmp_path: Path) -> None:
    url = page(site, "/damaged.html")
    with client_for(tmp_path) as client:
        client.get(url)
    for entry in tmp_path.glob("http/*/*"):
        entry.write_bytes(entry.read_bytes()[:-3] + b"xyz")
    with client_for(tmp_path) as client:
        assert client.get(url).content == b"<p>ok</p>"
    assert not site.requests("/damaged.html")[-1].conditional


def test_requests_to_one_host_are_spaced_by_the_rate(site: FakeModernGov, tmp_path: Path) -> None:
    urls = [page(site, f"/r{n}.html") for n in range(12)]
    with client_for(tmp_path, rate=25) as client:
        for url in urls:
            client.get(url)
    times = site.times()
    assert len(times) == 13
    assert_spaced(times, rate=25)


def test_rate_is_per_host(tmp_path: Path) -> None:
    with FakeModernGov(make_site(1, 1)) as one, FakeModernGov(make_site(1, 1)) as two:
        one.switches.static["/a.html"] = (200, HTML, b"a")
        two.switches.static["/a.html"] = (200, HTML, b"b")
        with client_for(tmp_path, rate=2) as client:
            client.get(one.url + "a.html")
            client.get(two.url + "a.html")
        assert_spaced(one.times(), rate=2)
        # The second host did not queue behind the first one's half-second spacing.
        assert two.times()[0] - one.times()[-1] < 0.25


def test_switches_default_is_a_clean_site() -> None:
    assert Switches().faults == {} and Switches().service
