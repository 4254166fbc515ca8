"""Apologies for absence and substitute members.

"Apologies for absence were received from Councillors H Burton and K H
Isard", "Cllr Walker had submitted his apologies", a header field
"Apologies: Ian Carruthers - Annandale South", or a list under "The
following Committee Members had sent their apologies:".
"""

from __future__ import annotations

import re

from minutebook.extract.names import TITLE_WORDS, split_name_list, strip_title
from minutebook.extract.text import lines, sentences
from minutebook.models import Apology, Span, Substitute

_SENTENCE = re.compile(
    r"\b(?:apolog(?:y|ies)|Apolog(?:y|ies))\b(?:\s+(?i:for\s+(?:absence|lateness)))?\s+"
    r"(?:(?:were|was|had\s+been|have\s+been|has\s+been)\s+)?(?:duly\s+|also\s+)?"
    r"(?:received|intimated|submitted|noted|recorded|tendered|given|reported|presented|made)?\s*"
    r"(?:(?:from|by|on\s+behalf\s+of)\s+)(?P<names>.+)",
)
_SENT_BY = re.compile(
    rf"^(?P<name>(?:(?:{TITLE_WORDS})\.?\s+)?[A-Z][\w'’.\- ]{{1,40}}?)\s+(?:had\s+)?"
    r"(?:sent|submitted|tendered|gave|offered|given)\s+(?:his|her|their)\s+apolog",
)
_FIELD = re.compile(
    r"^(?:Councillors[’']?\s+)?Apologies(?:\s+for\s+absence)?\s*(?:\(\w+\))?\s*:\s*(?P<rest>.*)$",
    re.I,
)
_LIST_INTRO = re.compile(r"\b(?:sent|submitted|tendered)\s+(?:their\s+)?apologies\s*:?-?\s*$", re.I)
_SUBSTITUTED = re.compile(
    rf"(?P<member>(?:(?:{TITLE_WORDS})\.?\s+)?[A-Z][\w'’.\- ]+?)\s*[–-]\s*substituted by\s+"
    rf"(?P<sub>(?:(?:{TITLE_WORDS})\.?\s+)?[A-Z][\w'’.\- ]+)",
)
_SUBSTITUTE_FOR = re.compile(
    rf"(?P<sub>(?:(?:{TITLE_WORDS})\.?\s+)[A-Z][\w'’.\- ]+?)\s+"
    r"(?:had been appointed as|was|attended as|"
    rf"attending as)\s+(?:a\s+|the\s+)?(?:substitute|reserve)(?:\s+member)?\s+for\s+"
    rf"(?P<member>(?:(?:{TITLE_WORDS})\.?\s+)?[A-Z][\w'’.\- ]+)",
    re.I,
)
_CLAUSE_END = re.compile(r"[.,;]")
_NOT_MEMBER = re.compile(
    r"\b(?:representatives?|officers?|co-opted|teacher|religious|invited|who had been|"
    r"Chief|Director|Head of|Manager|Clerk)\b",
    re.I,
)


def extract_apologies(text: str) -> list[Apology]:
    """Members who sent apologies, in order, with where each was named.

    >>> text = "Apologies for absence were received from Councillors H Burton and K H Isard."
    >>> [a.name for a in extract_apologies(text)]
    ['H Burton', 'K H Isard']
    """
    found: list[Apology] = []
    if "polog" not in text:
        return found
    for s, _e, sent in sentences(text):
        if "polog" not in sent:
            continue
        m = _SENTENCE.search(sent)
        if m and not re.search(r"\bno apolog|\bthere were no\b", sent, re.I):
            names = m.group("names")
            names = re.split(r"\s+(?:who|as|because|due to|owing to)\b|[;:]", names)[0].rstrip(".")
            names = re.sub(r"\b(?:Co-opted Member|co-opted member)s?\b", "", names)
            for name in split_name_list(names):
                found.append(Apology(name, _locate(text, name, s)))
            continue
        m2 = _SENT_BY.match(sent)
        if m2 and not re.match(r"^(?:The|A|All|Some|Two|Three)\b", m2.group("name")):
            name = strip_title(m2.group("name"))
            found.append(Apology(name, _locate(text, name, s)))
    found.extend(_field_lists(text))
    return _dedupe(found)


def _field_lists(text: str) -> list[Apology]:
    """Apologies given as a header field or a list under an introducing line."""
    out: list[Apology] = []
    ls = lines(text)
    k = 0
    while k < len(ls):
        ln = ls[k]
        m = _FIELD.match(ln.text)
        intro = _LIST_INTRO.search(ln.text)
        if not m and not intro:
            k += 1
            continue
        rest = m.group("rest").strip() if m else ""
        if rest:
            for name in split_name_list(re.sub(r"\s+[-–]\s+[A-Z][\w ,&'’-]*$", "", rest)):
                out.append(Apology(name, _locate(text, name, ln.start)))
            k += 1
            continue
        k += 1
        while k < len(ls):
            entry = ls[k].body
            if "," in entry and re.match(rf"^(?:(?:{TITLE_WORDS})\.?\s+)", entry):
                for name in split_name_list(entry):
                    out.append(Apology(name, _locate(text, name, ls[k].start)))
                break
            if not _entry_like(entry):
                break
            entry = _SUBSTITUTED.sub(lambda mm: mm.group("member"), entry)
            # "Ian Carruthers - Annandale South": a member and their ward.
            entry = re.split(r"\s+[-–]\s+", entry)[0]
            name = strip_title(entry)
            if name:
                out.append(Apology(name, _locate(text, name, ls[k].start)))
            k += 1
    return out


def _entry_like(entry: str) -> bool:
    if len(entry.split()) > 10 or entry.endswith((".", ":")):
        return False
    head = re.split(r"\s+[-–]\s+", entry)[0]
    return bool(
        re.fullmatch(rf"(?:(?:{TITLE_WORDS})\.?\s+)?[A-Z][\w'’.\-]*(?:\s+[\w'’.\-]+){{0,4}}", head)
    )


def _locate(text: str, name: str, near: int) -> Span | None:
    at = text.find(name, near)
    if at < 0:
        at = text.find(name)
    return Span(at, at + len(name)) if at >= 0 else None


def _dedupe(apologies: list[Apology]) -> list[Apology]:
    seen: set[tuple[str, int | None]] = set()
    out: list[Apology] = []
    for a in apologies:
        if _NOT_MEMBER.search(a.name):
            continue
        key = (a.name.lower(), a.span.start if a.span else None)
        if key not in seen:
            seen.add(key)
            out.append(a)
    return out


def extract_substitutes(text: str) -> list[Substitute]:
    """Members attending in place of others.

    >>> [(s.member, s.substituting_for) for s in extract_substitutes(
    ...     "Councillor M Bates had been appointed as a substitute member for "
    ...     "Councillor D P Murphy.")]
    [('M Bates', 'D P Murphy')]
    """
    out: list[Substitute] = []
    # As ``text.lower()`` would show them, far cheaper: only ASCII letters lower-case
    # to these words' letters ("K" to "k" aside, and "İ" to "i" with a dot after).
    lowered = text.encode("utf-8", "surrogatepass").lower()
    if b"substitut" not in lowered and b"reserve" not in lowered:
        return out
    for m in _SUBSTITUTED.finditer(text) if "substituted by" in text else ():
        out.append(
            Substitute(
                strip_title(m.group("sub")),
                strip_title(m.group("member")),
                Span(m.start(), m.end()),
            )
        )
    for m in _SUBSTITUTE_FOR.finditer(text):
        member = _CLAUSE_END.split(m.group("member"), maxsplit=1)[0]
        out.append(
            Substitute(strip_title(m.group("sub")), strip_title(member), Span(m.start(), m.end()))
        )
    return out
