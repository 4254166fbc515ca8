"""PDF minutes to text with PDFium: pages in order, lines as printed, running heads dropped.

Lines stay as the PDF breaks them, hyphens included ("intro-" / "duced"):
joining them back is a guess extraction can make with more context. Lines
in a page's top or bottom band that repeat on other pages (the committee's
name, "Page 3 of 10") are running heads and feet, not minutes, and go.

>>> pdf_document(b"%PDF-1.4 not really", source="bad.pdf")
Traceback (most recent call last):
...
minutebook.errors.InputError: bad.pdf: corrupt or truncated PDF (data format error)
"""

from __future__ import annotations

import re
import threading
from collections import Counter

import pypdfium2 as pdfium

from minutebook.document import DocumentText
from minutebook.errors import InputError, NoTextLayer

__all__ = ["pdf_document", "pdf_pages"]

# PDFium keeps global state and is not thread-safe; the web app converts in threads.
_LOCK = threading.Lock()
_BAND = 0.06  # share of the page height, top and bottom, where running heads sit
_PAGE_NUMBER = re.compile(
    r"^(?:page\s+\d+(?:\s+of\s+\d+)?|-\s*\d+\s*-|\d+\s*/\s*\d+|\d{1,4}|page\s+\d+\s*/\s*\d+)$",
    re.I,
)
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_DIGITS = re.compile(r"\d+")


def pdf_document(data: bytes, *, source: str, url: str | None = None) -> DocumentText:
    """A :class:`DocumentText` for a PDF with a text layer; :class:`NoTextLayer` for scans.

    >>> pdf_document(Path("minutes.pdf").read_bytes(), source="minutes.pdf").text  # doctest: +SKIP
    'CABINET\\nMinutes of the meeting held on 4 March 2024\\n...'
    """
    pages = pdf_pages(data, source=source)
    text = "\n\n".join(page for page in pages if page).strip()
    if not text:
        raise NoTextLayer(source, "no text layer (scanned images?)")
    return DocumentText(text=text, format="pdf", source=source, url=url)


def pdf_pages(data: bytes, *, source: str) -> list[str]:
    """The text of each page, running heads and page numbers removed."""
    with _LOCK:
        raw = _read(data, source)
    heads = _running_heads(raw)
    pages = []
    for index, (full, bands) in enumerate(raw):
        lines = full.split("\n")
        for line in bands:
            if _is_running_head(line, index, heads):
                _remove_line(lines, line)
        pages.append("\n".join(lines).strip("\n"))
    return pages


def _remove_line(lines: list[str], line: str) -> None:
    """Drop the line nearest the page's edge that reads as ``line`` (spacing aside)."""
    wanted = " ".join(line.split())
    matches = [i for i, text in enumerate(lines) if " ".join(text.split()) == wanted]
    if matches:
        del lines[min(matches, key=lambda i: min(i, len(lines) - 1 - i))]


def _read(data: bytes, source: str) -> list[tuple[str, list[str]]]:
    """Each page's full text and the lines of its top and bottom bands."""
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        raise InputError(source, _reason(exc)) from None
    try:
        if len(pdf) == 0:
            raise InputError(source, "PDF has no pages")
        out = []
        for page in pdf:
            textpage = page.get_textpage()
            try:
                height = page.get_height()
                width = page.get_width()
                full = _clean(textpage.get_text_range())
                top = _clean(textpage.get_text_bounded(0, height * (1 - _BAND), width, height))
                bottom = _clean(textpage.get_text_bounded(0, 0, width, height * _BAND))
            finally:
                textpage.close()
                page.close()
            bands = [line for line in (top + "\n" + bottom).split("\n") if line.strip()]
            out.append((full, bands))
        return out
    finally:
        pdf.close()


def _reason(exc: pdfium.PdfiumError) -> str:
    message = str(exc)
    detail = message.rsplit("PDFium:", 1)[-1].strip(" ).").lower() or "unreadable"
    if "password" in detail or "security" in detail:
        return "encrypted PDF (needs a password)"
    return f"corrupt or truncated PDF ({detail})"


def _clean(text: str) -> str:
    # PDFium marks a hyphen that ends a line as a soft hyphen and joins the
    # lines; keep the hyphen and the break as printed.
    text = text.replace("\ufffe", "-\n").replace("\x02", "-\n")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL.sub("", text)
    return "\n".join(line.rstrip() for line in text.split("\n"))


def _shape(line: str) -> str:
    return _DIGITS.sub("#", " ".join(line.split()).lower())


def _running_heads(raw: list[tuple[str, list[str]]]) -> set[str]:
    """Band lines (digits blurred) that recur on at least half the pages, and two or more."""
    counts = Counter(shape for _, bands in raw for shape in {_shape(line) for line in bands})
    needed = max(2, (len(raw) + 1) // 2)
    return {shape for shape, count in counts.items() if count >= needed}


def _is_running_head(line: str, index: int, heads: set[str]) -> bool:
    stripped = " ".join(line.split())
    if not stripped or len(stripped) > 120:
        return False
    if _shape(stripped) in heads:
        return True
    # A bare number in the margin is a page number only if it is this page's.
    if stripped.isdigit():
        return int(stripped) == index + 1
    return bool(_PAGE_NUMBER.match(stripped))
