"""Tell what a document is from its first bytes (and its name as a hint)."""

from __future__ import annotations

import re

from minutebook.errors import UnsupportedFormat

_HTML_START = re.compile(rb"^\s*(<!doctype\s+html|<html|<head|<body|<div|<p[\s>]|<table|<h[1-6])", re.I)
_XML_START = re.compile(rb"^\s*(<\?xml|<[A-Za-z_][\w.-]*(\s[^>]*)?>)")


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
    if _HTML_START.match(head) or "html" in mt:
        return "html"
    if _XML_START.match(head):
        # Many printed-minutes pages are XHTML with an XML declaration.
        return "html" if re.search(rb"<html[\s>]", head, re.I) else "xml"
    if b"\x00" in head or _looks_binary(head):
        raise UnsupportedFormat(source or None, "binary file, not minutes text, HTML, XML or PDF")
    name = source.lower().split("?")[0]
    if name.endswith((".htm", ".html", ".aspx", ".asp")) and b"<" in head:
        return "html"
    return "text"


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
