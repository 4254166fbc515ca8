"""What ModernGov's page markup states: page type, document links, titles, meeting headings.

The shapes follow ``FORMATS.md`` (shared fixtures): ``#modgov`` wraps the
content, ``h2.mgSubTitleTxt`` heads it, documents are anchors whose text ends
with ``span.mgFileSize`` ("PDF 119 KB").

>>> page_kind("https://democracy.example.gov.uk/mgAi.aspx?ID=20811")
'item'
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from functools import lru_cache
from urllib.parse import urljoin, urlsplit, urlunsplit

from selectolax.lexbor import LexborNode

from minutebook.models import SupportingDocument

__all__ = ["clean_title", "document_links", "meeting_heading", "page_kind"]

_PAGES = {
    "ielistdocuments.aspx": "meeting",
    "ielistdocuments.asp": "meeting",
    "ielistmeeting.aspx": "meeting",
    "mgai.aspx": "item",
    "iedecisiondetails.aspx": "decision",
    "mgdecisiondetails.aspx": "decision",
    "ieissuedetails.aspx": "issue",
    "mgissuehistoryhome.aspx": "issue",
}
_DOCUMENT_HREF = re.compile(
    r"""\.(?:pdf|docx?|xlsx?|pptx?|rtf|odt|ods|csv)(?:$|[?#])
    |mgconvert2pdf\.aspx|document\.ashx|getattachment|downloadfile
    |(?:^|/)(?:old)?documents/""",
    re.I | re.X,
)
# "pdf icon PDF 119 KB" as ModernGov prints it inside a document link.
# Matched against the last characters of a title whose spaces are already single.
_FILE_SIZE = re.compile(
    r"(?:^| )(?:(?:pdf|word|excel|doc) icon )?"
    r"(?:PDF|HTML?|DOCX?|XLSX?|PPTX?|RTF|ODT|CSV|ZIP|TXT|MSG|JPG|PNG)"
    r" \d[\d.,]* ?(?:bytes|[KMG]?B)$",
    re.I,
)
# "documents/s7942/x.pdf", "mgConvert2PDF.aspx?ID=1": no scheme, root, dot segment or query-only.
_PLAIN_RELATIVE = re.compile(r"(?![^?]*/\.)[A-Za-z0-9_%-][^:/?#]*(?:/[^:?#]*)?(?:\?|$)")
_WEEKDAYS = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
_MONTHS = {
    name: number
    for number, name in enumerate(
        (
            "january february march april may june july august september october november december"
        ).split(),
        start=1,
    )
}
# "Audit Committee - Tuesday, 10th February, 2026 10.00 am": ModernGov's meeting heading.
_MEETING_HEADING = re.compile(
    rf"^(?P<committee>.+?)\s+[-–]\s+(?:{_WEEKDAYS}),?\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?"
    rf"\s+(?P<month>[A-Za-z]+),?\s+(?P<year>\d{{4}})\b",
    re.I,
)


def page_kind(where: str, root: LexborNode | None = None) -> str:
    """``meeting``, ``item``, ``decision``, ``issue`` or ``page``, from the URL or the markup.

    >>> page_kind("ieListDocuments.aspx?CId=151&MId=4832")
    'meeting'
    """
    name = urlsplit(where).path.rsplit("/", 1)[-1].lower()
    if name in _PAGES:
        return _PAGES[name]
    if root is not None:
        if root.css_first("td.mgItemNumberCell, table.mgItemTable") is not None:
            return "meeting"
        heading = root.css_first(".mgMainTitleTxt")
        if heading is not None and " ".join(heading.text().split()).lower() == "agenda item":
            return "item"
    return "page"


def clean_title(text: str) -> str:
    """A heading or link text on one line, without ModernGov's file-size suffix.

    >>> clean_title("Public Interest Test.  pdf icon PDF 130 KB ")
    'Public Interest Test.'
    """
    text = " ".join(text.replace("\xa0", " ").split())
    # Most titles carry no size; the regex is only worth running on "… KB".
    if text[-1:] in ("B", "b", "s"):
        size = _FILE_SIZE.search(text, max(0, len(text) - 40))
        if size:
            text = text[: size.start()]
    return text


def document_links(
    node: LexborNode, base: str | None, known: dict[int, SupportingDocument | None] | None = None
) -> list[SupportingDocument]:
    """The documents linked under ``node`` (reports, appendices, printed minutes), once each.

    ``known`` caches what each anchor gave, for a page read whole and then by item.

    >>> from selectolax.lexbor import LexborHTMLParser
    >>> page = LexborHTMLParser('<ul class="mgBulletList"><li><a href="documents/s7942/polc2.pdf">'
    ...     'polc2 <span class="mgFileSize">PDF 119 KB</span></a></li></ul>')
    >>> document_links(page.body, "https://democracy.example.gov.uk/mgAi.aspx?ID=1")
    [SupportingDocument(title='polc2', url='https://democracy.example.gov.uk/documents/s7942/polc2.pdf')]
    """
    found: list[SupportingDocument] = []
    seen: set[str | None] = set()
    absolute = _joiner(base)
    cache: dict[int, SupportingDocument | None] = {} if known is None else known
    for anchor in node.css("a[href]"):
        key = anchor.mem_id
        if key in cache:
            doc = cache[key]
        else:
            doc = cache[key] = _document(anchor, absolute)
        if doc is not None and doc.url not in seen:
            seen.add(doc.url)
            found.append(SupportingDocument(doc.title, doc.url))
    return found


def _document(anchor: LexborNode, absolute: Callable[[str], str]) -> SupportingDocument | None:
    href = (anchor.attrs.get("href") or "").strip().split("#", 1)[0]
    if not href or href.startswith(("mailto:", "javascript:")) or not _DOCUMENT_HREF.search(href):
        return None
    link = absolute(href).replace(" ", "%20")
    title = clean_title(anchor.text())
    if not title:
        hint = anchor.attrs.get("title") or ""
        title = clean_title(re.sub(r"^Link to (?:file|document)\s+", "", hint))
    if not title:
        title = urlsplit(link).path.rsplit("/", 1)[-1] or link
    return SupportingDocument(title=title, url=link)


@lru_cache(maxsize=64)
def _joiner(base: str | None) -> Callable[[str], str]:
    """Resolve links against ``base``; the plain relative ones ModernGov writes without urljoin."""
    if not base:
        return lambda href: href
    parts = urlsplit(base)
    directory = urlunsplit((parts.scheme, parts.netloc, parts.path.rsplit("/", 1)[0] + "/", "", ""))

    def join(href: str) -> str:
        if _PLAIN_RELATIVE.match(href):
            return directory + href
        return urljoin(base, href)

    return join


def meeting_heading(heading: str) -> tuple[str | None, dt.date | None]:
    """Committee and date from a meeting page's heading, when it has ModernGov's form.

    >>> meeting_heading("Planning Committee - Tuesday, 1st December, 2020 6.00 pm")
    ('Planning Committee', datetime.date(2020, 12, 1))
    """
    match = _MEETING_HEADING.match(heading)
    if not match:
        return None, None
    month = _MONTHS.get(match.group("month").lower())
    if month is None:
        return None, None
    try:
        date = dt.date(int(match.group("year")), month, int(match.group("day")))
    except ValueError:
        return None, None
    return match.group("committee").strip(), date
