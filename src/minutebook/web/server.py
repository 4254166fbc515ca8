"""Run the app under uvicorn: in the foreground for the CLI, or in a thread for tests.

Both report the address actually bound, so ``port=0`` (any free port) works.

>>> import os, tempfile
>>> from minutebook.store import open_store
>>> from minutebook.web.app import create_app
>>> path = os.path.join(tempfile.mkdtemp(), "m.db")
>>> open_store(path).close()
>>> with ThreadedServer(create_app(path)) as server:
...     server.url.startswith("http://127.0.0.1:")
True
"""

from __future__ import annotations

import errno
import socket
import threading
from collections.abc import Callable
from types import TracebackType

import uvicorn
from fastapi import FastAPI

from minutebook.errors import MinutebookError

__all__ = ["ThreadedServer", "listen", "serve"]


class _Server(uvicorn.Server):
    """A uvicorn server that reports its address once it listens."""

    def __init__(self, config: uvicorn.Config,
                 on_ready: Callable[[str], None] | None = None) -> None:
        super().__init__(config)
        self.on_ready = on_ready
        self.url = ""

    async def startup(self, sockets: list[socket.socket] | None = None) -> None:
        await super().startup(sockets)
        if self.servers and self.servers[0].sockets:
            host, port = self.servers[0].sockets[0].getsockname()[:2]
            shown = f"[{host}]" if ":" in str(host) else host
            self.url = f"http://{shown}:{port}/"
            if self.on_ready is not None:
                self.on_ready(self.url)


def _config(app: FastAPI, host: str, port: int, access_log: bool) -> uvicorn.Config:
    return uvicorn.Config(app, host=host, port=port, access_log=access_log,
                          log_level="info" if access_log else "warning",
                          # The app has no websockets; skipping their set-up avoids a
                          # deprecation warning from the websockets package.
                          ws="none", lifespan="on")


def listen(host: str, port: int) -> socket.socket:
    """A socket bound to ``host:port``; :class:`MinutebookError` naming both when it cannot be.

    >>> sock = listen("127.0.0.1", 0)
    >>> sock.getsockname()[0]
    '127.0.0.1'
    >>> sock.close()
    """
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM,
                                   proto=socket.IPPROTO_TCP)
    except socket.gaierror as exc:
        raise MinutebookError(f"{host}:{port}", f"no such address: {exc.strerror}") from None
    family, kind, proto = infos[0][:3]
    # The protocol must be IPPROTO_TCP, not 0: asyncio sets TCP_NODELAY on accepted
    # connections only then, and without it every response waits ~40 ms for an ACK.
    sock = socket.socket(family, kind, proto or socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind(infos[0][4])
    except OSError as exc:
        sock.close()
        hint = "; try another --port" if exc.errno == errno.EADDRINUSE else ""
        raise MinutebookError(f"{host}:{port}", f"cannot listen: {exc.strerror}{hint}") from None
    return sock


def serve(app: FastAPI, *, host: str = "127.0.0.1", port: int = 8000, access_log: bool = False,
          on_ready: Callable[[str], None] | None = None) -> None:
    """Serve ``app`` until interrupted; ``on_ready`` gets the URL once it listens.

    Raises :class:`MinutebookError` when the address cannot be listened on.
    """
    sock = listen(host, port)
    try:
        _Server(_config(app, host, port, access_log), on_ready).run(sockets=[sock])
    except KeyboardInterrupt:
        # uvicorn shuts down gracefully on Ctrl-C, then re-raises it; stopping is not an error.
        pass


class ThreadedServer:
    """``app`` served on 127.0.0.1 in a background thread for the ``with`` block."""

    def __init__(self, app: FastAPI, *, host: str = "127.0.0.1", port: int = 0) -> None:
        self._server = _Server(_config(app, host, port, access_log=False))
        self._thread = threading.Thread(target=self._server.run, name="minutebook-web",
                                        daemon=True)

    @property
    def url(self) -> str:
        """The server's root URL, ending in ``/``."""
        return self._server.url

    def __enter__(self) -> ThreadedServer:
        self._thread.start()
        while not self._server.started:
            if not self._thread.is_alive():
                raise RuntimeError("the web server stopped while starting")
            self._thread.join(0.01)
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self._server.should_exit = True
        self._thread.join(10)
