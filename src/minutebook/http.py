"""A polite HTTP client: robots.txt, a per-host rate, retries, and conditional requests.

Every request made by a source goes through :class:`PoliteClient`, which

- reads each origin's ``robots.txt`` once (RFC 9309: a missing file allows
  everything; a server error disallows everything) and honours its
  ``Crawl-delay`` when it asks for more patience than ``rate``;
- spaces requests to one host at least ``1 / rate`` seconds apart (retries
  and redirects count);
- retries timeouts, connection resets, 429 and 5xx with exponential backoff,
  waiting as long as a ``Retry-After`` header asks;
- keeps responses in an on-disk cache and revalidates them with
  ``If-None-Match`` / ``If-Modified-Since``, so an unchanged document costs a
  304 and no download;
- says who it is: ``minutebook/<version> (+<contact>)``.

>>> with PoliteClient(HttpSettings(rate=5)) as client:  # doctest: +SKIP
...     client.get("http://127.0.0.1:8000/mgWebService.asmx/GetCommittees").status
200
"""

from __future__ import annotations

import datetime as dt
import email.utils
import os
import threading
import time
from dataclasses import dataclass, field
from http import HTTPStatus
from pathlib import Path
from types import TracebackType
from urllib.parse import urljoin, urlsplit

import httpx
from protego import Protego

from minutebook import __version__
from minutebook.errors import FetchError
from minutebook.httpcache import CachedResponse, HttpCache

__all__ = [
    "HttpSettings",
    "HttpStatusError",
    "PoliteClient",
    "RequestStats",
    "Response",
    "RobotsDisallowed",
    "default_cache_dir",
    "user_agent",
]

DEFAULT_CACHE_DIR = ".minutebook-cache"
AGENT_TOKEN = "minutebook"
_REDIRECTS = {301, 302, 303, 307, 308}
_PERMANENT_REDIRECTS = {301, 308}
_MAX_REDIRECTS = 10


class HttpStatusError(FetchError):
    """The server answered with an error status that retrying will not change."""

    def __init__(self, url: str, status: int, reason: str | None = None) -> None:
        self.status = status
        super().__init__(url, reason or f"HTTP {status}")


class RobotsDisallowed(FetchError):
    """The site's robots.txt does not allow minutebook to fetch this URL."""

    def __init__(self, url: str) -> None:
        super().__init__(url, "disallowed by robots.txt")


def default_cache_dir() -> Path:
    """``$MINUTEBOOK_CACHE``, or ``.minutebook-cache`` in the working directory."""
    return Path(os.environ.get("MINUTEBOOK_CACHE") or DEFAULT_CACHE_DIR)


def user_agent(contact: str | None = None) -> str:
    """The User-Agent header, e.g. ``minutebook/0.1.0 (+mailto:me@example.org)``.

    ``contact`` defaults to ``$MINUTEBOOK_CONTACT``; site owners use it to
    reach whoever runs the crawl.

    >>> user_agent("mailto:clerk-watch@example.org")
    'minutebook/0.1.0 (+mailto:clerk-watch@example.org)'
    """
    if contact is None:
        contact = os.environ.get("MINUTEBOOK_CONTACT") or None
    base = f"{AGENT_TOKEN}/{__version__}"
    return f"{base} (+{contact})" if contact else base


@dataclass(slots=True)
class HttpSettings:
    """How politely and patiently to fetch.

    ``rate`` is requests per second per host; ``backoff`` the first wait
    before a retry (doubled each time); ``max_wait`` caps any one wait, and a
    ``Retry-After`` longer than it ends the retries.
    """

    rate: float = 1.0
    contact: str | None = None
    cache_dir: Path | None = None
    timeout: float = 30.0
    retries: int = 4
    backoff: float = 1.0
    max_wait: float = 120.0


@dataclass(slots=True)
class Response:
    """A successful answer: the body and where it really came from."""

    url: str
    requested_url: str
    status: int
    content: bytes
    media_type: str | None
    fetched_at: dt.datetime
    not_modified: bool = False

    @property
    def text(self) -> str:
        """The body decoded as UTF-8 (bad bytes replaced)."""
        return self.content.decode("utf-8", errors="replace")


@dataclass(slots=True)
class RequestStats:
    """Counts of what the client sent, for reports and tests."""

    requests: int = 0
    conditional: int = 0
    not_modified: int = 0
    retries: int = 0
    downloaded_bytes: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)


class RateLimiter:
    """Spaces requests to each host by a minimum interval, across threads.

    Slots are reserved under a lock and slept for outside it, so concurrent
    callers queue up instead of bursting.
    """

    def __init__(self, rate: float) -> None:
        self.interval = 1.0 / rate
        self._next: dict[str, float] = {}
        self._floor: dict[str, float] = {}
        self._lock = threading.Lock()

    def slow_down(self, host: str, interval: float) -> None:
        """Space requests to ``host`` at least ``interval`` seconds apart (robots Crawl-delay)."""
        with self._lock:
            self._floor[host] = max(interval, self._floor.get(host, 0.0))

    def wait(self, host: str) -> None:
        """Block until a request to ``host`` may start."""
        with self._lock:
            now = time.monotonic()
            start = max(now, self._next.get(host, now))
            self._next[host] = start + max(self.interval, self._floor.get(host, 0.0))
        if start > now:
            time.sleep(start - now)


class PoliteClient:
    """GET with robots.txt, rate limiting, retries and a conditional-request cache."""

    def __init__(self, settings: HttpSettings | None = None) -> None:
        self.settings = settings or HttpSettings()
        if self.settings.rate <= 0:
            raise ValueError("rate must be positive")
        self.user_agent = user_agent(self.settings.contact)
        self.cache = HttpCache(self.settings.cache_dir or default_cache_dir())
        self.stats = RequestStats()
        self._limiter = RateLimiter(self.settings.rate)
        self._robots: dict[str, Protego | None] = {}
        self._robots_lock = threading.Lock()
        self._client = httpx.Client(
            timeout=self.settings.timeout,
            follow_redirects=False,
            headers={"User-Agent": self.user_agent},
        )

    def __enter__(self) -> PoliteClient:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        """Close the connection pool."""
        self._client.close()

    def get(self, url: str, *, params: dict[str, str] | None = None) -> Response:
        """Fetch ``url`` (following redirects); raise :class:`FetchError` when it cannot be had.

        >>> client.get("http://127.0.0.1:8000/ieListMeetings.aspx?CId=1&Year=0")  # doctest: +SKIP
        """
        requested = str(httpx.URL(url, params=params)) if params else str(httpx.URL(url))
        return self._follow(requested, check_robots=True)

    def allowed(self, url: str) -> bool:
        """Whether robots.txt lets minutebook fetch ``url`` (fetching robots.txt if need be)."""
        robots = self._robots_for(url)
        return robots is None or bool(robots.can_fetch(url, AGENT_TOKEN))

    # -- internals ---------------------------------------------------------

    def _follow(self, url: str, *, check_robots: bool) -> Response:
        current = url
        for _ in range(_MAX_REDIRECTS + 1):
            if check_robots and not self.allowed(current):
                raise RobotsDisallowed(current)
            entry, not_modified = self._get_one(current)
            if entry.status in _REDIRECTS and entry.location:
                current = str(httpx.URL(urljoin(current, entry.location)))
                continue
            if 200 <= entry.status < 300:
                fetched = dt.datetime.fromisoformat(entry.fetched_at) if entry.fetched_at else None
                return Response(
                    url=current,
                    requested_url=url,
                    status=entry.status,
                    content=entry.content,
                    media_type=entry.media_type,
                    fetched_at=fetched or _now(),
                    not_modified=not_modified,
                )
            raise HttpStatusError(current, entry.status, _status_reason(entry.status))
        raise FetchError(url, f"more than {_MAX_REDIRECTS} redirects")

    def _get_one(self, url: str) -> tuple[CachedResponse, bool]:
        """One hop: the server's answer for ``url`` and whether it came back 304."""
        cached = self.cache.get(url)
        if cached is not None and cached.status in _PERMANENT_REDIRECTS:
            return cached, False
        headers: dict[str, str] = {}
        if cached is not None and cached.status == 200:
            if cached.etag:
                headers["If-None-Match"] = cached.etag
            if cached.last_modified:
                headers["If-Modified-Since"] = cached.last_modified
        response = self._send(url, headers)
        if response.status_code == 304 and cached is not None and headers:
            with self.stats.lock:
                self.stats.not_modified += 1
            etag = response.headers.get("ETag") or cached.etag
            last_modified = response.headers.get("Last-Modified") or cached.last_modified
            if (etag, last_modified) != (cached.etag, cached.last_modified):
                cached.etag, cached.last_modified = etag, last_modified
                self.cache.put(cached)
            return cached, True
        entry = CachedResponse(
            url=url,
            status=response.status_code,
            content=response.content,
            final_url=url,
            media_type=_media_type(response.headers.get("Content-Type")),
            etag=response.headers.get("ETag"),
            last_modified=response.headers.get("Last-Modified"),
            location=response.headers.get("Location"),
            fetched_at=_now().isoformat(),
        )
        with self.stats.lock:
            self.stats.downloaded_bytes += len(response.content)
        cacheable = "no-store" not in response.headers.get("Cache-Control", "").lower()
        if cacheable and (entry.status == 200 or entry.status in _PERMANENT_REDIRECTS):
            self.cache.put(entry)
        return entry, False

    def _send(self, url: str, headers: dict[str, str]) -> httpx.Response:
        """Send one GET, retrying what a later attempt may fix."""
        host = urlsplit(url).netloc
        settings = self.settings
        attempts = settings.retries + 1
        last_reason = ""
        last_status: int | None = None
        for attempt in range(attempts):
            self._limiter.wait(host)
            with self.stats.lock:
                self.stats.requests += 1
                if headers:
                    self.stats.conditional += 1
                if attempt:
                    self.stats.retries += 1
            wait = min(settings.max_wait, settings.backoff * 2**attempt)
            try:
                response = self._client.get(url, headers=headers)
            except httpx.TimeoutException:
                last_reason, last_status = "timed out", None
            except (httpx.NetworkError, httpx.RemoteProtocolError) as exc:
                last_reason, last_status = _network_reason(exc), None
            except httpx.HTTPError as exc:
                raise FetchError(url, str(exc) or type(exc).__name__) from None
            else:
                if not _retryable(response.status_code):
                    return response
                last_status = response.status_code
                last_reason = _status_reason(last_status)
                asked = _retry_after(response.headers.get("Retry-After"))
                if asked is not None:
                    if asked > settings.max_wait:
                        raise HttpStatusError(
                            url,
                            response.status_code,
                            f"{last_reason}; server asked to retry after {asked:.0f} s",
                        )
                    wait = max(wait, asked)
            if attempt + 1 < attempts:
                time.sleep(wait)
        plural = "s" if attempts > 1 else ""
        reason = f"{last_reason} after {attempts} attempt{plural}"
        if last_status is not None:
            raise HttpStatusError(url, last_status, reason)
        raise FetchError(url, reason)

    def _robots_for(self, url: str) -> Protego | None:
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        with self._robots_lock:
            if origin in self._robots:
                return self._robots[origin]
            robots_url = origin + "/robots.txt"
            try:
                response = self._follow(robots_url, check_robots=False)
            except HttpStatusError as exc:
                if exc.status >= 500 or exc.status == 429:
                    # RFC 9309: an unreachable robots.txt means "assume complete disallow".
                    raise FetchError(
                        robots_url, f"robots.txt unavailable ({exc.reason}); not crawling this site"
                    ) from None
                robots = None
            except FetchError as exc:
                raise FetchError(
                    robots_url, f"robots.txt unavailable ({exc.reason}); not crawling this site"
                ) from None
            else:
                robots = Protego.parse(response.text)
                delay = robots.crawl_delay(AGENT_TOKEN)
                if delay:
                    self._limiter.slow_down(parts.netloc, float(delay))
            self._robots[origin] = robots
            return robots


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


def _media_type(content_type: str | None) -> str | None:
    if not content_type:
        return None
    return content_type.split(";", 1)[0].strip().lower() or None


def _retryable(status: int) -> bool:
    # 501 Not Implemented is a statement about the method, not a passing fault.
    return status == 429 or (500 <= status < 600 and status != 501)


def _status_reason(status: int) -> str:
    try:
        return f"HTTP {status} {HTTPStatus(status).phrase}"
    except ValueError:
        return f"HTTP {status}"


def _network_reason(exc: Exception) -> str:
    if isinstance(exc, httpx.ConnectError):
        return "connection failed"
    if isinstance(exc, httpx.RemoteProtocolError):
        return "connection closed without a complete response"
    return "connection reset"


def _retry_after(value: str | None) -> float | None:
    """Seconds asked for by a ``Retry-After`` header (a number or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return max(0.0, (when - dt.datetime.now(dt.UTC)).total_seconds())
