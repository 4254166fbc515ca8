"""The council that published a minutes page, from its URL or from its text.

Councils publish minutes on their own hosts (``democracy.york.gov.uk``,
``moderngov.harrow.gov.uk``) or on a platform's (``barnsleymbc.moderngov.co.uk``,
``moray.cmis.uk.com``), so the host nearly always names the council, but by a
stem (``nwleics``, ``dumgal``, ``whitehorsedc``) rather than by its name. The
table ``minutebook/data/councils.tsv`` maps the stems of every principal
council in the UK (and abolished predecessors, combined, fire and national
park authorities) to the name the council styles itself by.

Where the URL says nothing (a document mirror, a local file), the text usually
does: a heading "ABERDEEN CITY COUNCIL", or an officer's e-mail address at
``tunbridgewells.gov.uk``.

>>> council_from_url("https://minutes-1.nwleics.gov.uk/mgAi.aspx?ID=1")
'North West Leicestershire District Council'
>>> council_from_text("Minutes of the meeting of Tunbridge Wells Borough Council")
'Tunbridge Wells Borough Council'
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from importlib.resources import files
from urllib.parse import urlsplit

__all__ = [
    "Council",
    "CouncilMention",
    "council_from_text",
    "council_from_url",
    "find_council",
    "load_councils",
    "match_council_in_text",
]

COUNCIL_KINDS = frozenset(
    {"county", "district", "unitary", "metropolitan", "london", "wales", "scotland", "ni"}
)


@dataclass(frozen=True, slots=True)
class Council:
    """One row of ``councils.tsv``.

    >>> Council("Oxford City Council", ("oxford",), (), "district", "current").current
    True
    """

    name: str
    stems: tuple[str, ...]
    aliases: tuple[str, ...]
    kind: str
    status: str

    @property
    def current(self) -> bool:
        """Whether the council still exists (``status`` is ``current``)."""
        return self.status == "current"

    @property
    def is_council(self) -> bool:
        """Whether it is a local council rather than a combined, fire or park authority."""
        return self.kind in COUNCIL_KINDS


@dataclass(frozen=True, slots=True)
class CouncilMention:
    """Where the text names a council: ``text[start:end]`` is the name as printed."""

    council: Council
    start: int
    end: int


def load_councils() -> tuple[Council, ...]:
    """Every council in the packaged table, in file order (read once).

    >>> any(c.name == "The Highland Council" for c in load_councils())
    True
    """
    return _load()


@cache
def _load() -> tuple[Council, ...]:
    raw = files("minutebook").joinpath("data/councils.tsv").read_text(encoding="utf-8")
    rows: list[Council] = []
    for number, line in enumerate(raw.splitlines(), 1):
        if not line.strip() or line.startswith("#") or line.startswith("name\t"):
            continue
        cells = line.split("\t")
        if len(cells) != 5 or not cells[0].strip():
            raise ValueError(f"councils.tsv line {number}: expected 5 tab-separated columns")
        name, stems, aliases, kind, status = (c.strip() for c in cells)
        rows.append(
            Council(
                name=name,
                stems=tuple(s.strip().lower() for s in stems.split(",") if s.strip()),
                aliases=tuple(a.strip() for a in aliases.split("|") if a.strip()),
                kind=kind,
                status=status,
            )
        )
    return tuple(rows)


# --- names to stems -------------------------------------------------------------------------

# Words that say what sort of council it is rather than where; a host drops them
# ("Oxfordshire County Council" lives at oxfordshire.gov.uk).
_LEADING = (
    "london borough of ",
    "royal borough of ",
    "metropolitan borough of ",
    "borough council of ",
    "council of the ",
    "city and county of ",
    "borough of ",
    "city of ",
    "the ",
)
_TRAILING = (
    " metropolitan borough council",
    " metropolitan district council",
    " city and district council",
    " county borough council",
    " borough council",
    " district council",
    " county council",
    " city council",
    " corporation",
    " council",
)


def _ascii(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _place(name: str) -> str:
    """The place words of a council's name: "City of York Council" -> "york"."""
    text = re.sub(r"[^a-z0-9 ]+", " ", _ascii(name).lower().replace("'", "").replace("’", ""))
    text = " ".join(text.split())
    stripped = True
    while stripped:
        stripped = False
        for lead in _LEADING:
            if text.startswith(lead):
                text, stripped = text[len(lead) :], True
    for trail in _TRAILING:
        if text.endswith(trail):
            text = text[: -len(trail)]
            break
    return text


def _derived_stems(council: Council) -> set[str]:
    """Stems a host would plausibly use for ``council``, made from its name."""
    if not council.is_council:
        return set()
    words = _place(council.name).split()
    stems = {"".join(words), "".join(w for w in words if w != "and")}
    if council.name.lower().startswith("city of "):
        stems.add("cityof" + "".join(words))
    return {s for s in stems if len(s) >= 3}


def _norm_label(label: str) -> str:
    return label.lower().replace("-", "").replace("_", "")


# --- the index ------------------------------------------------------------------------------


@dataclass(slots=True)
class _Index:
    explicit: dict[str, Council]
    domains: dict[str, Council]
    derived: dict[str, Council | None]
    by_key: dict[tuple[str, ...], Council]
    names: re.Pattern[str]
    tails: re.Pattern[str]


@cache
def _index() -> _Index:
    explicit: dict[str, Council] = {}
    domains: dict[str, Council] = {}
    for council in _load():
        for stem in council.stems:
            target = domains if "." in stem else explicit
            # The table's own test forbids duplicates; first row wins meanwhile.
            target.setdefault(stem if "." in stem else _norm_label(stem), council)
    candidates: dict[str, list[Council]] = {}
    for council in _load():
        for stem in _derived_stems(council):
            candidates.setdefault(stem, []).append(council)
    derived: dict[str, Council | None] = {}
    for stem, found in candidates.items():
        # "North Yorkshire Council" and the county council it replaced share a
        # place; a host naming that place is the living council's.
        living = [c for c in found if c.current] or found
        derived[stem] = living[0] if len(living) == 1 else None
    by_key: dict[tuple[str, ...], Council] = {}
    for council in _load():
        for name in (council.name, *council.aliases):
            key = _name_key(name)
            if key:
                by_key.setdefault(key, council)
    tails = {key[-1] for key in by_key}
    tails |= {t[:-1] + "'s" for t in tails if len(t) > 2 and t.endswith("s")}
    return _Index(
        explicit,
        domains,
        derived,
        by_key,
        _compile_names(list(by_key)),
        re.compile(f"(?<![a-z0-9'])(?=[a-z]){_letter_trie(tails)}(?![a-z0-9])"),
    )


# --- URLs -----------------------------------------------------------------------------------

# Labels that say "this is a council's democracy site" but not whose.
_GENERIC = re.compile(
    r"(?:www|www2|web|democracy|democratic|democraticservices|democratiaeth|moderngov|modgov|"
    r"mgov|committees?|committeeminutes|cmttes|councillors?|mycouncil|minutes|egenda|agendas?|"
    r"cmis|council|meetings?|decisions|edemocracy|services|apps|public|online|secure|portal|"
    r"intranet|gov|uk|co|org|com|net|wales|cymru|scot|llyw)(?:-?\d+)?"
)
_TRUSTING_LABELS = re.compile(
    r"(?:democracy|democratic|democraticservices|democratiaeth|moderngov|modgov|mgov|committees?|"
    r"committeeminutes|cmttes|councillors?|mycouncil|minutes|egenda|cmis|edemocracy)(?:-?\d+)?"
)
# Paths of ModernGov, CMIS and Civica pages: a host serving them is a council's.
_COUNCIL_PATH = re.compile(
    r"(?i:/(?:moderngov|modgov|cmis\w*|democracy|ecminutes)/|kab\d+\.pl)"
    r"|/(?:mg|ie)[A-Z][A-Za-z]*\.aspx?"
)
_PLATFORMS = ("moderngov.co.uk", "cmis.uk.com", "public-i.tv")
_NOT_COUNCILS = ("ac.uk", "nhs.uk", "sch.uk", "parliament.uk", "police.uk", "mod.uk")
_GOV = ("gov.uk", "gov.wales", "llyw.cymru", "gov.scot")
_PUBLIC = (
    "co.uk", "org.uk", "me.uk", "ltd.uk", "plc.uk", "net.uk", "uk.com", "uk.net",
    "com", "org", "net", "uk", "info", "wales", "cymru", "scot", "london", "tv", "eu", "co",
)  # fmt: skip


# Suffixes and prefixes councils glue to their place in a host (``whitehorsedc``,
# ``hullcc``, ``northamptonboroughcouncil``, ``lbhf``), each with the words the
# council's name must hold for the reading to be believed: "bc" on a district
# council would be a guess.
_SUFFIXES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("metropolitanboroughcouncil", ("metropolitan",)),
    ("countyboroughcouncil", ("county borough",)),
    ("boroughcouncil", ("borough",)),
    ("districtcouncil", ("district",)),
    ("countycouncil", ("county",)),
    ("citycouncil", ("city",)),
    ("council", ("",)),
    ("county", ("county",)),
    ("mbc", ("metropolitan", "borough")),
    ("cbc", ("county borough",)),
    ("city", ("city",)),
    ("bc", ("borough",)),
    ("dc", ("district",)),
    ("cc", ("county", "city")),
)
_PREFIXES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("cityof", ("city of",)),
    ("lb", ("london borough",)),
    ("rb", ("royal borough",)),
)


def _split_host(url: str) -> tuple[list[str], str, str] | None:
    """(labels left of the suffix, the suffix, the path), or None for no usable host."""
    text = url.strip()
    if not re.match(r"^(?:[a-z][a-z0-9+.-]*:)?//", text, re.I):
        text = "//" + text
    try:
        parts = urlsplit(text)
        host = (parts.hostname or "").rstrip(".").lower()
    except ValueError:
        return None
    if "." not in host or not re.fullmatch(r"[a-z0-9.-]+", host) or re.fullmatch(r"[\d.]+", host):
        return None
    for suffix in (*_PLATFORMS, *_NOT_COUNCILS, *_GOV, *_PUBLIC):
        if host.endswith("." + suffix):
            labels = host[: -len(suffix) - 1].split(".")
            return [label for label in labels if label], suffix, parts.path
    labels = host.split(".")
    return labels[:-1], labels[-1], parts.path


def _lookup(stem: str, trusted: bool) -> Council | None:
    """The council a host label names, or None."""
    index = _index()
    if stem in index.explicit and (trusted or "council" in stem):
        return index.explicit[stem]
    if trusted and index.derived.get(stem):
        return index.derived[stem]
    for suffix, needs in _SUFFIXES:
        # A bare place on a .com is anybody's; "<place>council" still says who.
        if (
            stem.endswith(suffix)
            and len(stem) - len(suffix) >= 3
            and (trusted or "council" in suffix)
        ):
            found = _base(stem[: -len(suffix)], needs)
            if found:
                return found
    if trusted:
        for prefix, needs in _PREFIXES:
            if stem.startswith(prefix) and len(stem) - len(prefix) >= 3:
                found = _base(stem[len(prefix) :], needs)
                if found:
                    return found
    return None


def _base(stem: str, needs: tuple[str, ...]) -> Council | None:
    index = _index()
    council = index.explicit.get(stem) or index.derived.get(stem)
    if council is None or not council.is_council:
        return None
    # Bolton styles itself "Bolton Council" but its host says boltonmbc.
    names = " ".join((council.name, *council.aliases)).lower()
    return council if any(word in names for word in needs) else None


def council_from_url(url: str | None) -> str | None:
    """The name of the council whose site ``url`` is on, or None when the host says nothing.

    >>> council_from_url("https://barnsleymbc.moderngov.co.uk/mgAi.aspx?ID=20811")
    'Barnsley Metropolitan Borough Council'
    >>> council_from_url("http://mycouncil.oxford.gov.uk/ieListDocuments.aspx?CId=157")
    'Oxford City Council'
    >>> council_from_url("https://docslib.org/doc/6345021/planning-committee") is None
    True
    """
    council = _council_for_url(url)
    return council.name if council else None


def _council_for_url(url: str | None) -> Council | None:
    if not url:
        return None
    split = _split_host(url)
    if split is None:
        return None
    labels, suffix, path = split
    if suffix in _NOT_COUNCILS or not labels:
        return None
    domain = f"{labels[-1]}.{suffix}"
    if domain in _index().domains:
        return _index().domains[domain]
    trusted = (
        suffix in _GOV
        or suffix in _PLATFORMS
        or any(_TRUSTING_LABELS.fullmatch(label) for label in labels)
        or bool(_COUNCIL_PATH.search(path))
    )
    # The registrable label speaks for the host; labels to its left are sub-sites
    # ("glostext.gloucestershire.gov.uk") tried only when it says nothing.
    for label in reversed(labels):
        if _GENERIC.fullmatch(label):
            continue
        council = _lookup(_norm_label(label), trusted)
        if council:
            return council
    return None


# --- text -----------------------------------------------------------------------------------


def _fold_table() -> dict[int, str]:
    """Lower case and plain letters, one character for one so that spans carry over.

    Folding beforehand lets the name pattern run case-sensitively, several
    times faster than ``re.IGNORECASE`` over a long document.
    """
    table = {ord("’"): "'", ord("‘"): "'", ord("`"): "'", 0xA0: " ", ord("–"): "-"}
    table.update({code: chr(code).lower() for code in range(ord("A"), ord("Z") + 1)})
    for code in range(0xC0, 0x250):
        folded = _ascii(chr(code)).lower()
        if len(folded) == 1 and folded.isascii() and folded != chr(code):
            table[code] = folded
    return table


_FOLD = _fold_table()
_NOT_ASCII = re.compile(r"[^\x00-\x7f]+")


def _fold(text: str) -> str:
    """``text.translate(_FOLD)``, several times faster on a page of mostly ASCII.

    ``translate`` looks every character up in the table; on ASCII the table only
    lower-cases and turns a backtick into an apostrophe, which ``lower`` and
    ``replace`` do in bulk, so only the few runs of other characters go through it.
    """
    pieces: list[str] = []
    pos = 0
    for run in _NOT_ASCII.finditer(text):
        pieces.append(text[pos : run.start()].lower())
        pieces.append(run.group().translate(_FOLD))
        pos = run.end()
    pieces.append(text[pos:].lower())
    return "".join(pieces).replace("`", "'")


_TOKEN = re.compile(r"[a-z0-9]+(?:'[a-z0-9]+)*|&")
_SEP = r"[ \t\r\n,\-]+"


def _name_key(name: str) -> tuple[str, ...]:
    """Words of a name as the index keys them: "King's Lynn & West" -> (kings, lynn, and, west)."""
    tokens = _TOKEN.findall(name.translate(_FOLD))
    return tuple("and" if t == "&" else t.replace("'", "") for t in tokens)


def _token_pattern(token: str, *, backwards: bool = False) -> str:
    """The pattern for one word of a name, spelt backwards for the reversed text."""
    if token == "and":
        return "(?:dna|&)" if backwards else "(?:and|&)"
    if token == "st":
        return r"\.?ts" if backwards else r"st\.?"
    if len(token) > 2 and token.endswith("s"):
        stem = token[:-1]
        return "s'?" + re.escape(stem[::-1]) if backwards else re.escape(stem) + "'?s"
    return re.escape(token[::-1] if backwards else token)


@dataclass(slots=True)
class _Trie:
    """Words (or letters) of many names sharing their common beginnings."""

    children: dict[str, _Trie] = field(default_factory=dict)
    end: bool = False

    def add(self, parts: Iterable[str]) -> None:
        node = self
        for part in parts:
            node = node.children.setdefault(part, _Trie())
        node.end = True


def _letter_trie(words: set[str]) -> str:
    """A pattern for any of ``words`` branching letter by letter.

    Python's ``re`` tries the alternatives of ``a|b|c`` one by one at every
    character; a letter trie rejects most places after one comparison, several
    times faster over a long document.
    """
    trie = _Trie()
    for word in words:
        trie.add(word)

    def pattern(node: _Trie) -> str:
        branches = [re.escape(k) + pattern(v) for k, v in sorted(node.children.items())]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if node.end else body

    return pattern(trie)


def _compile_names(keys: list[tuple[str, ...]]) -> re.Pattern[str]:
    """One pattern for every name, read backwards from its last word.

    Matched against the reversed text at the end of a last word ("council",
    "authority", "siar"), it finds the longest name ending there: a word trie,
    each word's continuation tried before stopping, so "North Somerset Council"
    beats "Somerset Council".
    """
    trie = _Trie()
    for key in keys:
        trie.add(reversed(key))

    def alternation(node: _Trie) -> str:
        parts = []
        for token in sorted(node.children, key=lambda t: (-len(t), t)):
            child = node.children[token]
            pattern = _token_pattern(token, backwards=True)
            if child.children:
                pattern += f"(?:{_SEP}{alternation(child)})" + ("?" if child.end else "")
            parts.append(pattern)
        return "(?:" + "|".join(parts) + ")"

    # Reversed, a name's right edge comes first: not followed by a letter in the
    # text, and not preceded by one (or an apostrophe) at its start.
    return re.compile(f"(?<![a-z0-9]){alternation(trie)}(?![a-z0-9'])")


_HOST = r"([a-z0-9-]+(?:\.[a-z0-9-]+)+)"
_ADDRESS = re.compile(rf"[a-z0-9._%+-]+@{_HOST}|(?:https?://|\bwww\.){_HOST}", re.I)
# Its parts, for _next_address.
_LOCAL_CHAR = re.compile(r"[a-z0-9._%+-]", re.I)
_HOST_NAME = re.compile(_HOST, re.I)
_WEB_ADDRESS = re.compile(rf"(?:https?://|\bwww\.){_HOST}", re.I)


# No name runs to more than this many characters, even with generous spacing.
_LONGEST_NAME = 200


def match_council_in_text(text: str) -> CouncilMention | None:
    """The first council the text names (the longest name at that place), with its span.

    >>> m = match_council_in_text("Notes. ABERDEEN CITY COUNCIL, Town House")
    >>> (m.council.name, m.start, m.end) if m else None
    ('Aberdeen City Council', 7, 28)
    """
    index = _index()
    folded = _fold(text)
    # A pattern of every name tried at every character is slow (hundreds of
    # alternatives each time); names end in a few words ("Council",
    # "Authority"), so those are found first and each is read backwards.
    backwards = folded[::-1]
    size = len(folded)
    best: tuple[int, int] | None = None
    for tail in index.tails.finditer(folded):
        if best and tail.end() - _LONGEST_NAME > best[0]:
            break  # no name ending here could start before the one found
        found = index.names.match(backwards, size - tail.end())
        if not found:
            continue
        start, end = size - found.end(), size - found.start()
        if best is None or start < best[0] or (start == best[0] and end > best[1]):
            best = (start, end)
    if best is None:
        return None
    council = index.by_key.get(_name_key(folded[best[0] : best[1]]))
    return CouncilMention(council, best[0], best[1]) if council else None


def council_from_text(text: str) -> str | None:
    """The council a page's text names, or whose addresses it gives; None if neither.

    A stated name wins; failing one, the council most of the text's e-mail and
    web addresses belong to (a mirrored agenda pack keeps its clerk's address).

    >>> council_from_text("PLANNING COMMITTEE ... E-mail: clerk@tunbridgewells.gov.uk")
    'Tunbridge Wells Borough Council'
    >>> council_from_text("Minutes of the Licensing Sub-Committee") is None
    True
    """
    mention = match_council_in_text(text)
    if mention:
        return mention.council.name
    votes: Counter[str] = Counter()
    for host in _address_hosts(text):
        council = _council_for_url("//" + host)
        if council:
            votes[council.name] += 1
    # Counter keeps first-seen order among equals, so a tie goes to the earliest.
    return votes.most_common(1)[0][0] if votes else None


def _address_hosts(text: str) -> Iterator[str]:
    """The host of each e-mail and web address in ``text``, as ``_ADDRESS.finditer`` finds them.

    ``_ADDRESS`` has no literal to look for first, so ``re`` tries it at every
    character, reading each word as a possible local part; finding the "@",
    "http" and "www." first and matching only there is many times faster.
    """
    lowered = text.lower()
    if "@" not in text and "www." not in lowered and "http" not in lowered:
        return
    if len(lowered) != len(text):
        # Lower-casing lengthened a letter ("İ"): offsets in ``lowered`` would drift.
        for found in _ADDRESS.finditer(text):
            yield found.group(1) or found.group(2)
        return
    pos = 0
    while address := _next_address(text, lowered, pos):
        pos, host = address
        yield host


def _next_address(text: str, lowered: str, pos: int) -> tuple[int, str] | None:
    """Where ``_ADDRESS.search(text, pos)`` ends and the host it finds, or None.

    ``lowered`` is ``text.lower()``, of the same length; no letter other than "h",
    "t", "p" and "w" matches those of "http" or "www." in any case, so those words
    are found in it.
    """
    best: tuple[int, int, str] | None = None  # start, end, host
    at = text.find("@", pos)
    while at >= 0:
        start = at
        while start > pos and _LOCAL_CHAR.match(text, start - 1):
            start -= 1
        host = _HOST_NAME.match(text, at + 1) if start < at else None
        if host:
            best = (start, host.end(), host.group())
            break
        at = text.find("@", at + 1)
    web_at = pos
    while True:
        starts = [i for i in (lowered.find("http", web_at), lowered.find("www.", web_at)) if i >= 0]
        # An address starting later than the e-mail one cannot come first; at the same
        # place _ADDRESS prefers the e-mail reading.
        if not starts or (best and min(starts) >= best[0]):
            break
        web = _WEB_ADDRESS.match(text, min(starts))
        if web:
            best = (web.start(), web.end(), web.group(1))
            break
        web_at = min(starts) + 1
    return (best[1], best[2]) if best else None


def find_council(url: str | None, text: str | None) -> str | None:
    """The council from the URL, else from the text.

    >>> find_council("https://deploy.abcdocz.com/doc/1", "Harrow Council Cabinet")
    'London Borough of Harrow'
    """
    return council_from_url(url) or (council_from_text(text) if text else None)
