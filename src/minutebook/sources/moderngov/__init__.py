"""ModernGov sites: the web service first, the public pages where it is closed or incomplete.

Discovery runs ``GetCommittees`` → ``GetMeetings`` → ``GetMeeting`` on
``<base>/mgWebService.asmx``. When the service refuses (an error status,
robots.txt, an answer that is not the expected XML) the same questions are
put to the pages: ``mgListCommittees.aspx``, ``ieListMeetings.aspx``,
``ieListDocuments.aspx``, then printed minutes or ``mgAi.aspx`` item pages.

One meeting yields one minutes document, whichever form it came in, keyed by
the meeting's page URL (``ieListDocuments.aspx?CId=&MId=``) so that draft
minutes replaced by approved ones, or XML replaced by a PDF after the service
closes, update one record instead of adding a second. The document's ``url``
is where its bytes really came from.

>>> source = ModernGovSource("https://democracy.example.gov.uk/ieListMeetings.aspx?CId=144")
>>> source.base, source.committee_in_url
('https://democracy.example.gov.uk/', '144')
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from urllib.parse import parse_qsl, urlsplit, urlunsplit

from minutebook.document import SourceDocument
from minutebook.errors import FetchError
from minutebook.http import HttpStatusError, PoliteClient, Response, RobotsDisallowed
from minutebook.sources.base import (
    Committee,
    MeetingDocuments,
    MeetingRef,
    Source,
    in_window,
)
from minutebook.sources.moderngov.dates import service_date
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

__all__ = ["MalformedResponse", "ModernGovSource", "site_base"]

_REFUSALS = (HttpStatusError, RobotsDisallowed, MalformedResponse)
# The web service needs a date window; ModernGov sites began around 2000.
EARLIEST = dt.date(2000, 1, 1)


class ModernGovSource(Source):
    """A ModernGov site, read through ``mgWebService.asmx`` or its pages."""

    name = "moderngov"
    description = "ModernGov sites (web service, or public pages where it is closed)"
    priority = 0

    def __init__(
        self,
        location: str,
        *,
        client: PoliteClient | None = None,
        council: str | None = None,
        today: dt.date | None = None,
    ) -> None:
        super().__init__(location, client=client)
        self._http = client
        self.base = site_base(location)
        self.committee_in_url = committee_from_url(location)
        self.council = council
        self.today = today or dt.date.today()
        self.service_open: bool | None = None
        self._committees: list[Committee] | None = None

    @property
    def http(self) -> PoliteClient:
        """The client every request goes through (a default one unless given)."""
        if self._http is None:
            self._http = PoliteClient()
        return self._http

    @property
    def identity(self) -> str:
        """The site's base URL: every page of one site names the same site."""
        return self.base

    @classmethod
    def matches(cls, location: str) -> bool:
        """Any ``http(s)`` URL: most councils' committee sites are ModernGov."""
        return urlsplit(location).scheme.lower() in ("http", "https")

    # -- committees --------------------------------------------------------

    def committees(self) -> list[Committee]:
        """Every committee the site lists (deleted ones left out, expired ones kept)."""
        if self._committees is None:
            self._committees = self._service_committees()
            if self._committees is None:
                url = self.base + "mgListCommittees.aspx"
                try:
                    page = self.http.get(url)
                except FetchError as exc:
                    if not refused(exc):
                        raise
                    raise FetchError(url, f"{exc.reason}; is this a ModernGov site?") from None
                self._committees = committees_from_page(page.content, page.url)
                if not self._committees:
                    raise FetchError(url, "no committees found; is this a ModernGov site?")
        return self._committees

    def _service_committees(self) -> list[Committee] | None:
        url = self._service_url("GetCommittees")
        try:
            response = self.http.get(url)
            found = committees_from_xml(response.content, response.url)
        except FetchError as exc:
            if not refused(exc):
                raise
            self._close_service(exc.reason)
            return None
        if not found:
            # An install whose service lists nothing is as good as closed.
            self._close_service("it lists no committees")
            return None
        self.service_open = True
        return found

    def default_committees(self) -> list[Committee]:
        """The committee named in the site URL if any, else all of them."""
        if self.committee_in_url is not None:
            known = [c for c in self.committees() if c.id == self.committee_in_url]
            # Not in the list (an old committee): its title comes from its pages.
            return known or [Committee(id=self.committee_in_url, title="")]
        return self.committees()

    # -- meetings ----------------------------------------------------------

    def meetings(
        self,
        committees: Sequence[Committee] | None = None,
        since: dt.date | None = None,
        until: dt.date | None = None,
    ) -> Iterator[MeetingRef]:
        """Meetings of ``committees`` in ``[since, until]`` (until: today by default), oldest first.

        The window is also applied here because some servers ignore it.
        """
        until = until or self.today
        seen: set[str] = set()
        for committee in committees if committees is not None else self.default_committees():
            refs = self._service_meetings(committee, since, until)
            if refs is None:
                try:
                    refs = self._page_meetings(committee)
                except FetchError as exc:
                    if not refused(exc):
                        raise
                    # One committee's listing refused: report it and list the others.
                    self.errors.append(exc)
                    continue
            # A joint meeting is listed under each of its committees; fetch it once.
            kept = [r for r in refs if in_window(r.date, since, until) and r.id not in seen]
            kept.sort(key=lambda r: (r.date or dt.date.max, int(r.id) if r.id.isdigit() else 0))
            seen.update(r.id for r in kept)
            yield from kept

    def _service_meetings(
        self, committee: Committee, since: dt.date | None, until: dt.date
    ) -> list[MeetingRef] | None:
        if self.service_open is None:
            self.committees()
        if not self.service_open:
            return None
        url = self._service_url("GetMeetings")
        params = {
            "lCommitteeId": committee.id,
            "sFromDate": service_date(since or EARLIEST),
            "sToDate": service_date(until),
        }
        try:
            response = self.http.get(url, params=params)
            found = meetings_from_xml(response.content, response.url)
        except FetchError as exc:
            if not refused(exc):
                raise
            self.notes.append(f"{exc.source}: {exc.reason}; reading the meetings page instead")
            return None
        return [
            self._ref(committee, m.id, m.date, m.status)
            for m in found
            if m.committee_id in (None, committee.id)
        ]

    def _page_meetings(self, committee: Committee) -> list[MeetingRef]:
        url = self.base + "ieListMeetings.aspx"
        page = self.http.get(url, params={"CId": committee.id, "Year": "0"})
        refs = []
        for link in meetings_from_page(page.content, page.url):
            if link.committee_id not in (None, committee.id):
                continue
            status = "Cancelled" if link.cancelled else None
            refs.append(self._ref(committee, link.id, link.date, status))
        return refs

    def _ref(
        self, committee: Committee, mid: str, date: dt.date | None, status: str | None
    ) -> MeetingRef:
        url = f"{self.base}ieListDocuments.aspx?CId={committee.id}&MId={mid}"
        return MeetingRef(key=url, id=mid, committee=committee, date=date, status=status, url=url)

    # -- one meeting -------------------------------------------------------

    def fetch_meeting(self, ref: MeetingRef) -> MeetingDocuments:
        """The minutes of one meeting: ``GetMeeting`` XML if it has them, else from the pages."""
        if ref.cancelled:
            return MeetingDocuments(ref, final=True, note="cancelled")
        if ref.date is not None and ref.date > self.today:
            return MeetingDocuments(ref, final=False, note="not held yet")
        service_error: FetchError | None = None
        answered = False
        if self.service_open is None:
            self.committees()
        if self.service_open:
            url = self._service_url("GetMeeting")
            try:
                response = self.http.get(url, params={"lMeetingId": ref.id})
                summary = summarise_meeting(response.content, response.url)
            except FetchError as exc:
                if not refused(exc):
                    raise
                service_error = exc
            else:
                if summary.cancelled:
                    return MeetingDocuments(ref, final=True, note="cancelled")
                if summary.has_minutes or summary.has_decisions:
                    document = self._document(ref, response, date=summary.date)
                    return MeetingDocuments(ref, [document], final=summary.has_minutes)
                answered = True
        try:
            return self._meeting_from_pages(ref)
        except FetchError as exc:
            if not refused(exc):
                raise
            if answered:
                # The service said "no minutes"; the pages could only have added a PDF.
                note = f"no minutes in the web service; meeting page: {exc.reason}"
                return MeetingDocuments(ref, final=False, note=note)
            if service_error is None:
                raise
            raise FetchError(
                ref.key, f"web service: {service_error.reason}; meeting page: {exc.reason}"
            ) from None

    def _meeting_from_pages(self, ref: MeetingRef) -> MeetingDocuments:
        response = self.http.get(ref.url or ref.key)
        page = read_meeting_page(response.content, response.url)
        if page.cancelled:
            return MeetingDocuments(ref, final=True, note="cancelled")
        date = ref.date or page.date
        committee = page.committee
        if page.inline_minutes:
            document = self._document(ref, response, date=date, committee=committee)
            return MeetingDocuments(ref, [document], final=True)
        printed = page.best_printed_minutes()
        if printed is not None:
            title, url = printed
            minutes = self.http.get(url)
            document = self._document(ref, minutes, date=date, committee=committee)
            return MeetingDocuments(ref, [document], final="draft" not in title.lower())
        documents = []
        for url in page.item_pages:
            item = self.http.get(url)
            if page_has_minutes(item.content):
                # Items are separate pages, so each keeps its own key.
                key = item.requested_url
                documents.append(self._document(ref, item, date=date, committee=committee, key=key))
        if documents:
            return MeetingDocuments(ref, documents, final=True)
        return MeetingDocuments(ref, final=False, note="no minutes published yet")

    def _document(
        self,
        ref: MeetingRef,
        response: Response,
        *,
        date: dt.date | None = None,
        committee: str | None = None,
        key: str | None = None,
    ) -> SourceDocument:
        return SourceDocument(
            key=key or ref.key,
            content=response.content,
            url=response.url,
            media_type=response.media_type,
            fetched_at=response.fetched_at,
            council=self.council,
            committee=(ref.committee.title if ref.committee else None) or committee,
            date=ref.date or date,
        )

    # -- helpers -----------------------------------------------------------

    def _service_url(self, operation: str) -> str:
        return f"{self.base}mgWebService.asmx/{operation}"

    def _close_service(self, reason: str) -> None:
        self.service_open = False
        self.notes.append(f"web service unavailable ({reason}); reading the pages instead")


def refused(error: FetchError) -> bool:
    """Whether ``error`` says "not this way" (worth asking the pages) rather than "not now".

    Timeouts, lost connections and 429s that outlasted the retries say the
    site is down or wants fewer requests: asking it more questions would not help.
    """
    if isinstance(error, HttpStatusError):
        return error.status != 429
    return isinstance(error, _REFUSALS)


def site_base(location: str) -> str:
    """The folder that holds the site's ``.aspx`` pages and ``mgWebService.asmx``.

    >>> site_base("https://example.gov.uk/moderngov/mgWebService.asmx/GetCommittees")
    'https://example.gov.uk/moderngov/'
    >>> site_base("https://democracy.example.gov.uk")
    'https://democracy.example.gov.uk/'
    """
    parts = urlsplit(location.strip())
    path = parts.path
    service = path.lower().find("/mgwebservice.asmx")
    if service >= 0:
        path = path[: service + 1]
    elif path.lower().endswith((".aspx", ".asmx", ".htm", ".html")):
        path = path[: path.rfind("/") + 1]
    if not path.endswith("/"):
        path += "/"
    return urlunsplit((parts.scheme.lower(), parts.netloc, path, "", ""))


def committee_from_url(location: str) -> str | None:
    """The committee id a committee or meetings page URL names, if any.

    >>> committee_from_url("https://x.gov.uk/mgCommitteeDetails.aspx?ID=130")
    '130'
    """
    parts = urlsplit(location)
    page = parts.path.rsplit("/", 1)[-1].lower()
    params = {k.lower(): v.strip() for k, v in parse_qsl(parts.query)}
    if page == "mgcommitteedetails.aspx":
        value = params.get("id")
    elif page in ("ielistmeetings.aspx", "ielistdocuments.aspx"):
        value = params.get("cid") or params.get("committeeid")
    else:
        value = None
    return value if value and value.isdigit() else None
