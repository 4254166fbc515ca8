"""Local files and folders as a source: each file is one document, keyed by its resolved path.

A folder is walked recursively in name order; hidden entries are skipped, and
so are files whose extension is not one minutes come in (a page saved
"complete" brings its stylesheets and images along). A file named
explicitly is always read.

>>> source = FilesSource("samples")  # doctest: +SKIP
>>> next(source.documents()).key  # doctest: +SKIP
'/home/me/minutebook/samples/cyp-scrutiny-2024-03.txt'
"""

from __future__ import annotations

import datetime as dt
import mimetypes
from collections.abc import Iterator, Sequence
from pathlib import Path
from urllib.parse import unquote, urlsplit

from minutebook.document import SourceDocument
from minutebook.errors import UnreadableFile
from minutebook.sources.base import Committee, MeetingDocuments, MeetingRef, Source

MINUTES_SUFFIXES = frozenset({".txt", ".text", ".htm", ".html", ".xhtml", ".aspx", ".xml", ".pdf"})
_MEDIA_TYPES = {".aspx": "text/html", ".xhtml": "application/xhtml+xml", ".text": "text/plain"}


class FilesSource(Source):
    """Minutes saved on disk."""

    name = "file"
    description = "local files and folders"
    priority = -10

    @classmethod
    def matches(cls, location: str) -> bool:
        """Anything that is not an ``http(s)`` URL."""
        scheme = urlsplit(location).scheme.lower()
        return scheme not in ("http", "https")

    @property
    def identity(self) -> str:
        """The resolved path."""
        return str(self.path.resolve())

    @property
    def path(self) -> Path:
        """The file or folder named by the location (``file://`` URLs accepted)."""
        parts = urlsplit(self.location)
        if parts.scheme.lower() == "file":
            return Path(unquote(parts.path))
        return Path(self.location)

    def committees(self) -> list[Committee]:
        """Files carry no committee list."""
        return []

    def meetings(
        self,
        committees: Sequence[Committee] | None = None,
        since: dt.date | None = None,
        until: dt.date | None = None,
    ) -> Iterator[MeetingRef]:
        """One entry per file; dates are unknown until the text is read, so none is filtered."""
        for path in self._files():
            key = str(path.resolve())
            yield MeetingRef(key=key, id=path.name, url=None)

    def fetch_meeting(self, ref: MeetingRef) -> MeetingDocuments:
        """Read the file behind ``ref``."""
        path = Path(ref.key)
        try:
            content = path.read_bytes()
            mtime = path.stat().st_mtime
        except FileNotFoundError:
            raise UnreadableFile(ref.key, "no such file") from None
        except PermissionError:
            raise UnreadableFile(ref.key, "permission denied") from None
        except OSError as exc:
            raise UnreadableFile(ref.key, exc.strerror or "cannot be read") from None
        document = SourceDocument(
            key=ref.key,
            content=content,
            url=None,
            media_type=media_type_of(path),
            fetched_at=dt.datetime.fromtimestamp(mtime, dt.UTC).replace(microsecond=0),
            council=self.council,
        )
        return MeetingDocuments(ref=ref, documents=[document])

    def _files(self) -> Iterator[Path]:
        root = self.path
        if root.is_file():
            yield root
            return
        if not root.exists():
            raise UnreadableFile(str(root), "no such file or folder")
        if not root.is_dir():
            raise UnreadableFile(str(root), "not a regular file or folder")
        for path in sorted(root.rglob("*")):
            relative = path.relative_to(root).parts
            if any(part.startswith(".") for part in relative):
                continue
            if path.is_file() and path.suffix.lower() in MINUTES_SUFFIXES:
                yield path


def media_type_of(path: Path) -> str | None:
    """The media type a file's extension suggests.

    >>> media_type_of(Path("item.aspx"))
    'text/html'
    """
    suffix = path.suffix.lower()
    if suffix in _MEDIA_TYPES:
        return _MEDIA_TYPES[suffix]
    guessed, _ = mimetypes.guess_type(path.name)
    return guessed
