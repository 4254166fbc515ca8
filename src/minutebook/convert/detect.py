"""Tell what a document is from its first bytes (and its name as a hint)."""

from __future__ import annotations

import re

from minutebook.errors import UnsupportedFormat

# What may precede the first element: an XML declaration, comments, a doctype.
_PROLOGUE = re.compile(
    rb"\s*(?:<\?xml[^>]*>|<!--.*?-->|<!doctype[^>]*>|<!\[if[^>]*>)\s*", re.I | re.S
)
_FIRST_TAG = re.compile(rb"\s*<([A-Za-z][\w.:-]*)")
# Elements a page or a fragment of one starts with; anything else is XML.
_HTML_TAGS = frozenset(
    b"""html head body div p table h1 h2 h3 h4 h5 h6 meta title link style script span ul ol
    li a b i em strong font center section main article header footer nav form br hr img
    blockquote pre tr td dl base noscript""".split()
)


def detect_format(data: bytes, *, source: str = "", media_type: str | None = None) -> str:
    """``text``, ``html``, ``xml`` or ``pdf``; raises :class:`UnsupportedFormat` for binary.

    >>> detect_format(b"%PDF-1.7 ...")
    'pdf'
    >>> detect_format(b"<html><body>Minutes</body></html>")
    'html'
    """
    head = data[:4096].lstrip(b"\xef\xbb\xbf")
    if head.startswith(b"%PDF-"):
        return "pdf"
    mt = (media_type or "").lower()
    if "pdf" in mt:
        return "pdf"
    markup = _markup_kind(head)
    if markup:
        return markup
    if "html" in mt and b"<" in head:
        return "html"
    if b"\x00" in head or _looks_binary(head):
        raise UnsupportedFormat(source or None, "binary file, not minutes text, HTML, XML or PDF")
    name = source.lower().split("?")[0]
    if name.endswith((".htm", ".html", ".aspx", ".asp")) and b"<" in head:
        return "html"
    return "text"


def _markup_kind(head: bytes) -> str | None:
    """``html`` or ``xml`` when ``head`` starts with markup, by its first element's name."""
    pos = 0
    while match := _PROLOGUE.match(head, pos):
        if match.end() == pos:
            break
        pos = match.end()
    tag = _FIRST_TAG.match(head, pos)
    if tag is None:
        if re.match(rb"\s*<!doctype\s+html", head, re.I):
            return "html"
        return None
    name = tag.group(1).lower()
    # XHTML printed minutes carry an XML declaration but are pages all the same.
    if name in _HTML_TAGS or name.endswith(b":html"):
        return "html"
    return "xml"


def _looks_binary(head: bytes) -> bool:
    if not head:
        return False
    try:
        head.decode("utf-8")
        return False
    except UnicodeDecodeError as exc:
        # A multi-byte character cut at the 4 KiB boundary is still text.
        if exc.start >= len(head) - 4:
            return False
    control = sum(1 for b in head if b < 9 or 13 < b < 32)
    return control > len(head) // 50
