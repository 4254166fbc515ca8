"""An on-disk cache of HTTP responses, kept to make conditional requests.

Each entry is two files under ``<root>/http/<2 hex>/``: the body and a JSON
record of its validators (``ETag``, ``Last-Modified``), media type, final URL
and the SHA-256 of the body. Both are written to a temporary name and renamed,
so an interrupted run leaves either the old entry or the new one, never half
of one; an entry whose body does not match its recorded hash is ignored.

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

    def _paths(self, url: str) -> tuple[Path, Path]:
        digest = hashlib.sha256(url.encode("utf-8")).hexdigest()
        folder = self.root / "http" / digest[:2]
        return folder / f"{digest}.json", folder / f"{digest}.body"

    def get(self, url: str) -> CachedResponse | None:
        """The entry for ``url``, or ``None`` when absent or damaged."""
        meta_path, body_path = self._paths(url)
        try:
            meta: dict[str, Any] = json.loads(meta_path.read_text(encoding="utf-8"))
            content = body_path.read_bytes()
        except (OSError, ValueError):
            return None
        if meta.get("url") != url or hashlib.sha256(content).hexdigest() != meta.get("sha256"):
            return None
        try:
            return CachedResponse(content=content, **meta)
        except TypeError:
            return None

    def put(self, entry: CachedResponse, *, body: bool = True) -> None:
        """Store ``entry`` (body first, then the record that vouches for it).

        ``body=False`` rewrites the record only, for an entry read from this
        cache whose body is unchanged (a 304 that refreshed its validators).
        """
        meta_path, body_path = self._paths(entry.url)
        meta_path.parent.mkdir(parents=True, exist_ok=True)
        entry.sha256 = hashlib.sha256(entry.content).hexdigest()
        if body:
            _write_atomic(body_path, entry.content)
        meta = asdict(entry)
        del meta["content"]
        _write_atomic(meta_path, json.dumps(meta, indent=1).encode("utf-8"))


def _write_atomic(path: Path, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
