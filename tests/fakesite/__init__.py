"""A fake ModernGov site for minutebook's fetching tests, served on 127.0.0.1.

>>> with FakeModernGov(make_site()) as site:  # doctest: +SKIP
...     site.url
'http://127.0.0.1:40123/'
"""

from __future__ import annotations

from .data import FakeCommittee, FakeData, FakeItem, FakeMeeting, make_site
from .guard import only_loopback
from .server import FakeModernGov, Logged, Switches


def assert_spaced(times: list[float], rate: float, slack: float = 0.1) -> None:
    """Check that no stretch of requests came faster than ``rate`` per second.

    Arrival times as the server records them jitter (thread scheduling on a
    busy machine delays one arrival by up to ~0.1 s), so each run of ``k``
    gaps must span at least ``k / rate`` less ``slack`` rather than every
    single gap being checked against ``1 / rate``.
    """
    for i, start in enumerate(times):
        for j in range(i + 1, len(times)):
            span = times[j] - start
            assert span >= (j - i) / rate - slack, f"requests {i}..{j}: {span:.3f} s"

__all__ = [
    "FakeCommittee",
    "FakeData",
    "FakeItem",
    "FakeMeeting",
    "FakeModernGov",
    "Logged",
    "Switches",
    "assert_spaced",
    "make_site",
    "only_loopback",
]
