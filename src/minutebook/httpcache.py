"""An on-disk cache of HTTP responses, kept to make conditional requests.

Each entry is one file under ``<root>/http/<2 hex>/``: a JSON line recording
the validators (``ETag``, ``Last-Modified``), media type and the SHA-256 of
the body, then the body. It is written to a temporary name and renamed, so an
interrupted run leaves the old entry or the new one, never half of one; an
entry whose body does not match its recorded hash is ignored.

>>> import tempfile
>>> cache = HttpCache(tempfile.mkdtemp())
>>> cache.put(CachedResponse(url="http://127.0.0.1/a", status=200, content=b"hi", etag='"1"'))
>>> cache.get("http://127.0.0.1/a").etag
'"1"'
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any


@dataclass(slots=True)
class CachedResponse:
    """What the cache remembers of one URL's last answer."""

    url: str
    status: int
    content: bytes = b""
    final_url: str | None = None
    media_type: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    location: str | None = None
    fetched_at: str | None = None
    sha256: str = field(default="")

    @property
    def has_validators(self) -> bool:
        """Whether a conditional request can be made for this entry."""
        return bool(self.etag or self.last_modified)


class HttpCache:
    """Responses on disk, keyed by URL."""

    def __init__(self, root: str | Path) -> None:
        self.root = Path(root)
        self._folders: set[Path] = set()

    def _path(self, url: str) -> Path:
        digest = hashlib.sha256(url.encode("utf-8")).hexdigest()
        return self.root / "http" / digest[:2] / digest

    def get(self, url: str) -> CachedResponse | None:
        """The entry for ``url``, or ``None`` when absent or damaged."""
        try:
            raw = self._path(url).read_bytes()
            header, _, content = raw.partition(b"\n")
            meta: dict[str, Any] = json.loads(header)
        except (OSError, ValueError):
            return None
        if meta.get("url") != url or hashlib.sha256(content).hexdigest() != meta.get("sha256"):
            return None
        try:
            return CachedResponse(content=content, **meta)
        except TypeError:
            return None

    def put(self, entry: CachedResponse) -> None:
        """Store ``entry``, replacing any earlier one for its URL in one rename."""
        path = self._path(entry.url)
        if path.parent not in self._folders:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._folders.add(path.parent)
        entry.sha256 = hashlib.sha256(entry.content).hexdigest()
        meta = asdict(entry)
        del meta["content"]
        # One JSON line (no raw newlines: json.dumps escapes them), then the body.
        _write_atomic(path, json.dumps(meta).encode("utf-8") + b"\n" + entry.content)


def _write_atomic(path: Path, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
