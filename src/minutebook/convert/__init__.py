"""Turn a document's bytes into :class:`~minutebook.document.DocumentText`.

The format is detected from the bytes (with the file name or media type as a
hint): plain text, HTML (ModernGov pages and printed minutes), ModernGov web
service XML, or PDF with a text layer. Whatever the format, a document
with no sign of minutes or council business (a home, login or error page)
is refused with :class:`~minutebook.errors.NotMinutes`.

>>> doc = convert(b"Minutes\\n\\n12. Apologies\\n", source="minutes.txt")
>>> doc.format
'text'
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from pathlib import Path

from minutebook.convert.detect import detect_format
from minutebook.convert.guard import ensure_minutes
from minutebook.convert.text import text_document
from minutebook.document import DocumentText
from minutebook.errors import EmptyDocument, UnreadableFile

__all__ = ["convert", "convert_file", "detect_format"]


def convert(
    data: bytes,
    *,
    source: str,
    url: str | None = None,
    media_type: str | None = None,
) -> DocumentText:
    """Convert ``data`` read from ``source`` (a path or URL, used in errors)."""
    if not data.strip():
        raise EmptyDocument(source, "empty file")
    kind = detect_format(data, source=source, media_type=media_type)
    doc = _converter(kind)(data, source=source, url=url)
    ensure_minutes(doc)
    return doc


@cache
def _converter(kind: str) -> Callable[..., DocumentText]:
    # Imported when needed: PDFium and lxml alone take a tenth of a second to load.
    # Cached: an import statement costs microseconds even once the module is loaded.
    if kind == "html":
        from minutebook.convert.html import html_document

        return html_document
    if kind == "xml":
        from minutebook.convert.xml import xml_document

        return xml_document
    if kind == "pdf":
        from minutebook.convert.pdf import pdf_document

        return pdf_document
    return text_document


def convert_file(path: str | Path, *, url: str | None = None) -> DocumentText:
    """Read and convert the file at ``path``."""
    p = Path(path)
    try:
        data = p.read_bytes()
    except FileNotFoundError:
        raise UnreadableFile(str(path), "no such file") from None
    except IsADirectoryError:
        raise UnreadableFile(str(path), "is a directory") from None
    except PermissionError:
        raise UnreadableFile(str(path), "permission denied") from None
    except OSError as exc:
        raise UnreadableFile(str(path), exc.strerror or "cannot be read") from None
    return convert(data, source=str(path), url=url)
