"""Errors minutebook raises, each naming the file or URL and the reason.

The hierarchy::

    MinutebookError            anything minutebook reports to a user (exit 1)
    ├── InputError             a document could not be read or is not minutes
    │   ├── UnreadableFile     missing, unreadable, a directory
    │   ├── EmptyDocument      no bytes, or no text once converted
    │   ├── UnsupportedFormat  binary or a format minutebook does not read
    │   ├── NotMinutes         a page that holds no minutes (e.g. a site's home page)
    │   └── NoTextLayer        a PDF of scanned images
    ├── StoreError             the database refused or is inconsistent
    │   └── QueryError         a malformed search query
    ├── FetchError             a site could not be fetched (after retries)
    └── UsageError             the command was called wrongly (exit 2)

The CLI prints ``Error: <source>: <reason>`` on one line and exits with
``exit_code``; no traceback reaches the user.
"""

from __future__ import annotations


class MinutebookError(Exception):
    """Base class: ``source`` is the file, URL or database concerned, ``reason`` what went wrong."""

    exit_code = 1

    def __init__(self, source: str | None, reason: str) -> None:
        self.source = source
        self.reason = reason
        super().__init__(f"{source}: {reason}" if source else reason)

    def one_line(self) -> str:
        """The message the CLI prints, e.g. ``Error: minutes.pdf: no text layer``."""
        text = f"{self.source}: {self.reason}" if self.source else self.reason
        return "Error: " + " ".join(text.split())


class InputError(MinutebookError):
    """A document could not be turned into minutes text."""


class UnreadableFile(InputError):
    """The file is missing, unreadable or not a regular file."""


class EmptyDocument(InputError):
    """The document holds no text."""


class UnsupportedFormat(InputError):
    """The document is binary or of a format minutebook does not read."""


class NotMinutes(InputError):
    """The document is readable but holds no minutes."""


class NoTextLayer(InputError):
    """A PDF whose pages are images only."""


class StoreError(MinutebookError):
    """The database refused an operation."""


class QueryError(StoreError):
    """A search query that cannot be parsed."""


class FetchError(MinutebookError):
    """A remote site could not be fetched."""


class UsageError(MinutebookError):
    """The command was called with options that do not fit together."""

    exit_code = 2
