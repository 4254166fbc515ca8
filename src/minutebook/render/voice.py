"""Choosing phrasings: a few formulations real minutes use, picked by a seed.

A :class:`Voice` makes every choice from a hash of its seed and the keys it
is given, so the same record always renders the same way while a generated
corpus is not one sentence repeated.

>>> voice = Voice(seed=0)
>>> voice.pick(("noted", "received"), "78", "verb") == Voice(seed=0).pick(
...     ("noted", "received"), "78", "verb")
True
>>> voice.members(["Price", "Okafor"])
'Councillors Price and Okafor'
>>> voice.member("Dr Lee")
'Dr Lee'
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypeVar

from minutebook.models import Meeting

__all__ = ["TITLED", "Voice", "join", "meeting_voice"]

T = TypeVar("T")

# A name printed with its title ("Dr Lee") is not given another.
TITLED = re.compile(r"^(?:Councillor|Cllr|Mr|Mrs|Ms|Miss|Dr)\.?\s", re.I)


@dataclass(slots=True)
class Voice:
    """Deterministic choices for one meeting: same record, same words."""

    seed: int
    title: str = "Councillor"
    rule_name: str = "Council rule"
    body: str = "The Committee"

    def pick(self, options: Sequence[T], *keys: object) -> T:
        digest = zlib.crc32("|".join(map(str, (self.seed, *keys))).encode())
        return options[digest % len(options)]

    def flip(self, *keys: object, odds: int = 2) -> bool:
        """True one time in ``odds``, decided by ``keys``."""
        return self.pick(range(odds), *keys) == 0

    def member(self, name: str) -> str:
        return name if TITLED.match(name) else f"{self.title} {name}"

    def members(self, names: Sequence[str]) -> str:
        if any(TITLED.match(n) for n in names) or len(names) == 1:
            return join([self.member(n) for n in names])
        return f"{self.title}s {join(list(names))}"


def _meeting_seed(meeting: Meeting) -> int:
    parts = [meeting.council, meeting.committee, meeting.date]
    parts += [f"{i.number}:{i.title}" for i in meeting.items]
    return zlib.crc32("|".join(map(str, parts)).encode())


def meeting_voice(meeting: Meeting, seed: int | None) -> Voice:
    """The voice for one meeting, seeded by ``seed`` or else a hash of the record."""
    seed = _meeting_seed(meeting) if seed is None else seed
    voice = Voice(seed)
    voice.rule_name = voice.pick(
        ("Council rule", "Council Procedure Rule", "Standing Order", "Committee Procedure Rule"),
        "rule",
    )
    committee = meeting.committee or ""
    # The body speaks of itself by its kind ("The Panel noted ..."), as minutes do.
    for word, noun in (
        ("Sub-Committee", "The Sub-Committee"), ("Panel", "The Panel"), ("Board", "The Board"),
        ("Cabinet", "Cabinet"), ("Committee", "The Committee"), ("Council", "Council"),
    ):
        if word.lower() in committee.lower():
            voice.body = noun
            break
    return voice


def join(parts: Sequence[str]) -> str:
    """Names or phrases as a sentence lists them: "A, B and C"."""
    parts = list(parts)
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
