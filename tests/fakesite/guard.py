"""A guard that fails any test whose code opens a connection beyond 127.0.0.1.

Used as an autouse fixture by the fetching tests: ``socket.connect`` and
``getaddrinfo`` refuse every host but loopback, so a default or a stray URL
that would reach the internet fails loudly instead of leaving the machine.
"""

from __future__ import annotations

import socket
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

_LOOPBACK = {"127.0.0.1", "::1", "localhost"}


class NetworkLeak(AssertionError):
    """A test tried to reach a host other than 127.0.0.1."""


@contextmanager
def only_loopback() -> Iterator[None]:
    """Within the block, connecting to anything but loopback raises :class:`NetworkLeak`."""
    real_connect = socket.socket.connect
    real_getaddrinfo = socket.getaddrinfo

    def connect(self: socket.socket, address: Any) -> Any:
        if self.family in (socket.AF_INET, socket.AF_INET6) and address[0] not in _LOOPBACK:
            raise NetworkLeak(f"connection to {address[0]} attempted")
        return real_connect(self, address)

    def getaddrinfo(host: Any, *args: Any, **kwargs: Any) -> Any:
        name = host.decode() if isinstance(host, bytes) else host
        if name is not None and name not in _LOOPBACK:
            raise NetworkLeak(f"name lookup of {name} attempted")
        return real_getaddrinfo(host, *args, **kwargs)

    socket.socket.connect = connect  # type: ignore[method-assign]
    socket.getaddrinfo = getaddrinfo
    try:
        yield
    finally:
        socket.socket.connect = real_connect  # type: ignore[method-assign]
        socket.getaddrinfo = real_getaddrinfo
