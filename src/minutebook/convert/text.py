"""Plain text minutes: decode, normalise line endings, keep everything else as printed."""

from __future__ import annotations

from minutebook.document import DocumentText
from minutebook.errors import EmptyDocument


def decode_text(data: bytes) -> str:
    """Decode UTF-8 (with or without BOM), falling back to Windows-1252 as councils' exports use."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def text_document(data: bytes, *, source: str, url: str | None = None) -> DocumentText:
    """A :class:`DocumentText` for a plain text page.

    A first line ``URL: ...`` (as saved pages carry it) gives the URL.
    """
    text = decode_text(data)
    if text.startswith("URL:"):
        first, _, rest = text.partition("\n")
        url = url or first.removeprefix("URL:").strip() or None
        text = rest.lstrip("\n")
    if not text.strip():
        raise EmptyDocument(source, "no text")
    return DocumentText(text=text, format="text", source=source, url=url)
