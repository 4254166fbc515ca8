"""The registry of sources: which one reads a URL or path, auto-detected or named.

Built-in sources are registered below exactly as an add-on would register
its own, either by calling :func:`register` or through the
``minutebook.sources`` entry-point group (each entry point names a
:class:`Source` subclass).

>>> pick_source("https://democracy.example.gov.uk/ieListMeetings.aspx?CId=144").name
'moderngov'
>>> pick_source("samples/minutes.txt").name
'file'
"""

from __future__ import annotations

from importlib.metadata import entry_points

from minutebook.errors import UsageError
from minutebook.http import PoliteClient
from minutebook.sources.base import (
    Committee,
    MalformedResponse,
    MeetingDocuments,
    MeetingRef,
    Source,
)

__all__ = [
    "Committee",
    "MalformedResponse",
    "MeetingDocuments",
    "MeetingRef",
    "Source",
    "open_source",
    "pick_source",
    "register",
    "registered",
]

_REGISTRY: dict[str, type[Source]] = {}
_plugins_loaded = False


def register(source_cls: type[Source]) -> type[Source]:
    """Add ``source_cls`` to the registry (usable as a class decorator); a name may be replaced."""
    _REGISTRY[source_cls.name] = source_cls
    return source_cls


def registered() -> list[type[Source]]:
    """Registered sources in the order auto-detection asks them (highest priority first)."""
    _load_plugins()
    return sorted(_REGISTRY.values(), key=lambda cls: -cls.priority)


def pick_source(location: str, name: str | None = None) -> type[Source]:
    """The source class named ``name``, or the first that recognises ``location``."""
    sources = registered()
    if name is not None:
        for cls in sources:
            if cls.name == name:
                return cls
        known = ", ".join(sorted(cls.name for cls in sources))
        raise UsageError(name, f"unknown source (known: {known})")
    for cls in sources:
        if cls.matches(location):
            return cls
    raise UsageError(location, "no source recognises this location; choose one with --source")


def open_source(
    location: str, *, name: str | None = None, client: PoliteClient | None = None
) -> Source:
    """An instance of the source for ``location``.

    >>> open_source("https://democracy.example.gov.uk/", client=PoliteClient())  # doctest: +SKIP
    """
    return pick_source(location, name)(location, client=client)


def _load_plugins() -> None:
    global _plugins_loaded
    if _plugins_loaded:
        return
    _plugins_loaded = True
    for entry in entry_points(group="minutebook.sources"):
        loaded = entry.load()
        if isinstance(loaded, type) and issubclass(loaded, Source):
            register(loaded)


def _register_builtins() -> None:
    from minutebook.sources.files import FilesSource
    from minutebook.sources.moderngov import ModernGovSource

    register(FilesSource)
    register(ModernGovSource)


_register_builtins()
