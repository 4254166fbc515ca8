"""A tiny PDF writer for tests: pages of Helvetica text, scanned-looking pages, a locked file.

Written here rather than taken from PyPI because the tests need only a few
hand-placed lines of text and some deliberately broken files.

>>> text_pdf([["Minutes", "RESOLVED that the report be noted."]])[:8]
b'%PDF-1.4'
"""

from __future__ import annotations

import zlib

PAGE_WIDTH, PAGE_HEIGHT = 595, 842  # A4 in points


def _escape(line: str) -> bytes:
    """A PDF string literal body in WinAnsi (cp1252), as the standard Helvetica font reads it."""
    out = bytearray()
    for byte in line.encode("cp1252"):
        if byte in b"()\\":
            out += b"\\" + bytes([byte])
        elif 32 <= byte < 127:
            out.append(byte)
        else:
            out += b"\\%03o" % byte
    return bytes(out)


def _text_stream(lines: list[str], *, top: float = 770, size: float = 11) -> bytes:
    leading = size * 1.3
    body = [b"BT /F1 %g Tf %g TL 72 %g Td" % (size, leading, top)]
    for index, line in enumerate(lines):
        if index:
            body.append(b"T*")
        body.append(b"(" + _escape(line) + b") Tj")
    body.append(b"ET")
    return b"\n".join(body)


def _at(text: str, y: float, *, size: float = 9) -> bytes:
    return b"BT /F1 %g Tf 72 %g Td (%s) Tj ET" % (size, y, _escape(text))


def _write(objects: list[bytes], *, trailer_extra: bytes = b"") -> bytes:
    """Serialise numbered objects (object 1 is the catalog) with a correct xref table."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R %s>>\n" % (len(objects) + 1, trailer_extra)
    out += b"startxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


def _stream(data: bytes, extra: bytes = b"", *, compress: bool = True) -> bytes:
    if compress:
        data = zlib.compress(data)
        extra += b" /Filter /FlateDecode"
    return b"<< /Length %d%s >>\nstream\n" % (len(data), extra) + data + b"\nendstream"


def _document(contents: list[bytes], *, image: bool = False, trailer_extra: bytes = b"") -> bytes:
    # Objects: 1 catalog, 2 pages, 3 font, 4 image, then (page, content) pairs.
    first_page = 5
    kids = b" ".join(b"%d 0 R" % (first_page + 2 * i) for i in range(len(contents)))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, len(contents)),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        _stream(
            bytes(range(0, 256, 4)) * 4,
            b" /Type /XObject /Subtype /Image /Width 16 /Height 16"
            b" /ColorSpace /DeviceGray /BitsPerComponent 8",
        ),
    ]
    resources = b"<< /Font << /F1 3 0 R >> /XObject << /Im1 4 0 R >> >>"
    for index, content in enumerate(contents):
        if image:
            content = b"q 451 0 0 698 72 72 cm /Im1 Do Q\n" + content
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] /Resources %s /Contents %d 0 R >>"
            % (PAGE_WIDTH, PAGE_HEIGHT, resources, first_page + 2 * index + 1)
        )
        objects.append(_stream(content))
    return _write(objects, trailer_extra=trailer_extra)


def text_pdf(
    pages: list[list[str]],
    *,
    header: str | None = None,
    footer: str | None = None,
) -> bytes:
    """A PDF with one page per list of lines, in 11pt Helvetica from the top of the page.

    ``header``/``footer`` are printed on every page; ``{page}`` and
    ``{pages}`` in them become the page number and count.
    """
    contents = []
    for number, lines in enumerate(pages, start=1):
        parts = [_text_stream(lines)]
        if header:
            parts.append(_at(header.format(page=number, pages=len(pages)), 805))
        if footer:
            parts.append(_at(footer.format(page=number, pages=len(pages)), 40))
        contents.append(b"\n".join(parts))
    return _document(contents)


def scanned_pdf(pages: int = 2) -> bytes:
    """A PDF whose pages show an image and carry no text, as a scanner makes them."""
    return _document([b"" for _ in range(pages)], image=True)


def encrypted_pdf() -> bytes:
    """A PDF locked with a user password that is not the empty one."""
    # /U does not match the empty password, so a reader must ask for one.
    encrypt = (
        b"/Encrypt << /Filter /Standard /V 1 /R 2 /P -44"
        b" /O <" + b"6b" * 32 + b"> /U <" + b"3c" * 32 + b"> >>"
        b" /ID [<0123456789abcdef0123456789abcdef> <0123456789abcdef0123456789abcdef>] "
    )
    return _document([_text_stream(["Confidential minutes"])], trailer_extra=encrypt)
