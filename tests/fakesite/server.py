"""A fake ModernGov site: a real HTTP server on 127.0.0.1 in a thread, with switches for failures.

Every request is logged with its arrival time (``time.monotonic()``) and
headers, so tests measure rates and conditional requests on the server side.

Failure switches, matched against ``path?query`` by substring:

- ``faults``: a queue of one-off behaviours per pattern, consumed in order:
  ``"500"``/``"503"`` (status), ``"429:<seconds>"`` (with Retry-After),
  ``"timeout"`` (answer after ``slow_seconds``), ``"reset"`` (drop the
  connection), ``"malformed"`` (truncated XML);
- ``broken``: patterns that always answer 500; ``malformed``: always bad XML;
- ``redirects``: path prefix → new prefix, answered with 301;
- ``down``: every connection is dropped (network loss).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import socket
import struct
import threading
import time
from dataclasses import dataclass, field
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

from . import render
from .data import FakeData

LAST_MODIFIED = formatdate(1_700_000_000, usegmt=True)


@dataclass(slots=True)
class Logged:
    """One request as the server saw it."""

    at: float
    path: str
    headers: dict[str, str]
    status: int = 0

    @property
    def conditional(self) -> bool:
        return "if-none-match" in self.headers or "if-modified-since" in self.headers


@dataclass(slots=True)
class Switches:
    """How the fake site behaves; tests change these between runs."""

    service: bool = True
    robots: str = "User-agent: *\nDisallow: /private/\n"
    robots_status: int = 200
    etag: bool = True
    last_modified: bool = True
    ignore_date_window: bool = False
    iso_dates: bool = False
    slow_seconds: float = 1.0
    down: bool = False
    faults: dict[str, list[str]] = field(default_factory=dict)
    broken: set[str] = field(default_factory=set)
    malformed: set[str] = field(default_factory=set)
    redirects: dict[str, str] = field(default_factory=dict)
    static: dict[str, tuple[int, dict[str, str], bytes]] = field(default_factory=dict)


class FakeModernGov:
    """Serve ``data`` as a ModernGov site on 127.0.0.1; use as a context manager."""

    def __init__(self, data: FakeData, switches: Switches | None = None) -> None:
        self.data = data
        self.switches = switches or Switches()
        self.log: list[Logged] = []
        self.lock = threading.Lock()
        self.on_request: Any = None
        handler = type("Handler", (_Handler,), {"site": self})
        self.server = _Server(("127.0.0.1", 0), handler)
        self.thread = threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )

    @property
    def url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}/"

    def __enter__(self) -> FakeModernGov:
        self.thread.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=5)

    def requests(self, contains: str = "") -> list[Logged]:
        """Logged requests whose path contains ``contains``."""
        with self.lock:
            return [r for r in self.log if contains in r.path]

    def times(self, contains: str = "") -> list[float]:
        """Arrival times of the logged requests whose path contains ``contains``."""
        return [r.at for r in self.requests(contains)]

    def clear_log(self) -> None:
        with self.lock:
            self.log.clear()


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    # The default backlog of 5 drops connections when a test hammers the site.
    request_queue_size = 64

    def handle_error(self, request: Any, client_address: Any) -> None:
        # Clients that gave up (timeouts) make writes fail; that is expected here.
        pass


class _Handler(BaseHTTPRequestHandler):
    site: FakeModernGov
    protocol_version = "HTTP/1.1"
    # Headers and body go out in separate writes; with Nagle's algorithm and
    # delayed ACKs each answer would stall ~40 ms and hide the rate limiter.
    disable_nagle_algorithm = True

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def finish(self) -> None:
        try:
            super().finish()
        except (OSError, ValueError):
            pass

    def do_GET(self) -> None:
        site = self.site
        headers = {k.lower(): v for k, v in self.headers.items()}
        entry = Logged(time.monotonic(), unquote(self.path), headers)
        with site.lock:
            site.log.append(entry)
        if site.on_request is not None:
            site.on_request(entry)
        sw = site.switches
        if sw.down:
            return self._reset()
        fault = self._fault(entry.path)
        if fault == "reset":
            return self._reset()
        if fault == "timeout":
            time.sleep(sw.slow_seconds)
        if fault and fault[:3].isdigit():
            status, _, retry_after = fault.partition(":")
            headers = {"Retry-After": retry_after} if retry_after else {}
            body = b"<html><body>Server Error</body></html>"
            return self._send(int(status), body, headers, entry)
        if any(p in entry.path for p in sw.broken):
            return self._send(500, b"<html><body>Runtime Error</body></html>", {}, entry)
        for old, new in sw.redirects.items():
            if entry.path.startswith(old):
                location = new + self.path[len(old) :]
                return self._send(301, b"", {"Location": location}, entry)
        status, headers, body = self._route(entry.path)
        if fault == "malformed" or (
            status == 200 and any(p in entry.path for p in sw.malformed)
        ):
            body = body[: len(body) // 2]
        self._send(status, body, headers, entry)

    def _fault(self, path: str) -> str | None:
        with self.site.lock:
            for pattern, queue in self.site.switches.faults.items():
                if pattern in path and queue:
                    return queue.pop(0)
        return None

    def _reset(self) -> None:
        # SO_LINGER 0 turns close() into a TCP reset, as a dropped network link looks.
        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.connection.close()
        self.close_connection = True

    def _send(self, status: int, body: bytes, headers: dict[str, str], entry: Logged) -> None:
        sw = self.site.switches
        if status == 200:
            etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
            if sw.etag:
                headers = {**headers, "ETag": etag}
            if sw.last_modified:
                headers = {**headers, "Last-Modified": LAST_MODIFIED}
            if (sw.etag and entry.headers.get("if-none-match") == etag) or (
                not sw.etag
                and sw.last_modified
                and entry.headers.get("if-modified-since") == LAST_MODIFIED
            ):
                status, body = 304, b""
        entry.status = status
        try:
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except OSError:
            self.close_connection = True

    def _route(self, path: str) -> tuple[int, dict[str, str], bytes]:
        site, sw = self.site, self.site.switches
        data = site.data
        parts = urlsplit(path)
        page = parts.path.rsplit("/", 1)[-1].lower()
        params = {k.lower(): v for k, v in parse_qsl(parts.query)}
        xml = {"Content-Type": "text/xml; charset=utf-8"}
        html = {"Content-Type": "text/html; charset=utf-8"}
        if parts.path in sw.static:
            return sw.static[parts.path]
        if parts.path == "/robots.txt":
            return sw.robots_status, {"Content-Type": "text/plain"}, sw.robots.encode()
        if not parts.path.startswith(("/mgWebService.asmx/", "/documents/")) and (
            parts.path.count("/") != 1
        ):
            # The site lives at the root; anything deeper is not one of its pages.
            return 404, html, b"<html><body>Not found</body></html>"
        if parts.path.lower().startswith("/mgwebservice.asmx/"):
            if not sw.service:
                return 404, html, b"<html><body>The resource cannot be found.</body></html>"
            op = parts.path.rsplit("/", 1)[-1]
            return 200, xml, self._service(op, params).encode("utf-8")
        if page == "mglistcommittees.aspx":
            return 200, html, render.list_committees(data).encode()
        if page == "ielistmeetings.aspx":
            committee = data.committee(int(params.get("cid") or params.get("committeeid") or 0))
            if committee is None:
                return 404, html, b"<html><body>Not found</body></html>"
            meetings = [m for m in data.meetings if m.committee_id == committee.id]
            return 200, html, render.list_meetings(data, committee, meetings).encode()
        if page == "ielistdocuments.aspx":
            meeting = data.meeting(int(params.get("mid", "0")))
            if meeting is None:
                return 404, html, b"<html><body>Not found</body></html>"
            return 200, html, render.meeting_page(data, meeting).encode()
        if page == "mgai.aspx":
            found = data.item(int(params.get("id", "0")))
            if found is None:
                return 404, html, b"<html><body>Not found</body></html>"
            return 200, html, render.item_page(data, *found).encode()
        if parts.path.lower().startswith("/documents/g"):
            mid = int(parts.path.split("/")[2][1:])
            meeting = data.meeting(mid)
            committee = data.committee(meeting.committee_id) if meeting else None
            if meeting and committee and parts.path == "/" + render.printed_minutes_path(
                meeting, committee
            ):
                return 200, {"Content-Type": "application/pdf"}, render.minutes_pdf(data, meeting)
        return 404, html, b"<html><body>Not found</body></html>"

    def _service(self, op: str, params: dict[str, str]) -> str:
        data, sw = self.site.data, self.site.switches
        if op == "GetCommittees":
            return render.get_committees(data)
        if op == "GetMeetings":
            committee = data.committee(int(params.get("lcommitteeid", "0")))
            if committee is None:
                return "<getmeetings><meetingscount> 0</meetingscount></getmeetings>"
            meetings = [m for m in data.meetings if m.committee_id == committee.id]
            if not sw.ignore_date_window:
                since, until = _uk_date(params.get("sfromdate")), _uk_date(params.get("stodate"))
                meetings = [
                    m
                    for m in meetings
                    if (since is None or m.date >= since) and (until is None or m.date <= until)
                ]
            return render.get_meetings(committee, meetings, sw.iso_dates)
        if op == "GetMeeting":
            meeting = data.meeting(int(params.get("lmeetingid", "0")))
            if meeting is None:
                return "<meeting><meetingid>0</meetingid></meeting>"
            return render.get_meeting(data, meeting, self.site.url, sw.iso_dates)
        return "<error>method name is not valid</error>"


def _uk_date(text: str | None) -> dt.date | None:
    if not text:
        return None
    day, month, year = (int(x) for x in text.split("/"))
    return dt.date(year, month, day)

