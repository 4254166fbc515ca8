"""Recorded votes: named members and how they voted.

"In accordance with Council rule 12.6, Councillors A, B and C requested that
their votes in favour be recorded"; roll calls "For the Motion (10):
Councillors ..."; "There voted against ...:" followed by the names; and
ModernGov's voting-record tables flattened to "ForD Bigby, D Everitt5".
"""

from __future__ import annotations

import re

from minutebook.extract.names import split_name_list
from minutebook.extract.text import Line, lines, sentences
from minutebook.models import RecordedVote, Span, VotePosition

_REQUESTED = re.compile(
    r"(?:(?:In accordance with|Under|Pursuant to)\s+(?P<rulebook>[^,]*?)\b(?:rule|Rule|"
    r"Standing Order|paragraph|Procedure Rule)\s+(?P<rule>[\d.()a-z]+)\s*,\s*)?"
    r"(?P<names>(?:Councill?ors?|Cllrs?\.?)\s+(?:[^.]|\.(?=\s*[A-Z]))+?)\s+(?:each\s+)?"
    r"(?:requested|asked)\s+that\s+(?:their|his|her)\s+"
    r"(?:votes?\s+(?P<how>in favour|for|against|of abstention|to abstain|as an abstention|"
    r"as abstentions)|(?P<abstention>abstentions?))",
)
# ``_REQUESTED`` may open with a rule citation, so a search tries it at every position
# of a sentence. The request itself begins with a literal that a search finds fast,
# and few items and fewer sentences make one.
_REQUEST = re.compile(
    r"(?:requested|asked)\s+that\s+(?:their|his|her)\s+(?:votes?\s+(?:in favour|for|against|"
    r"of abstention|to abstain|as an abstention|as abstentions)|abstentions?)"
)
_RULE_AFTER = re.compile(
    r"\b(?:rule|Rule|Standing Order|Procedure Rule)\s+(?P<rule>\d+(?:\.\d+)*(?:\([a-z0-9]+\))?)"
)
_ROLL = re.compile(
    r"^(?P<label>For|Against|Abstain(?:ed|ing|ions?)?|Abstentions?)"
    r"(?:\s+the\s+(?P<what>Motion|Amendment|Recommendation|Proposal))?"
    r"\s*(?:\((?P<count>\d+)\))?\s*[:\-–]+\s*(?P<names>.+)$",
    re.I,
)
_GLUED = re.compile(r"^(?P<label>For|Against|Abstain)(?P<names>[A-Z][^\d]*?)(?P<count>\d+)$")
_THERE_VOTED = re.compile(
    r"^There\s+(?:voted\s+(?P<how>for|against|in favour)|(?P<abs>abstained))\b.*:?\s*$", re.I
)
# The letters a line matching ``_ROLL`` or ``_GLUED`` ("For", "Against", "Abstain"), or
# ``_THERE_VOTED`` can begin with; no other character matches them case-insensitively.
# Most lines begin otherwise and are skipped unread.
_ROLL_INITIALS = frozenset("FfAa")
_THERE_INITIALS = frozenset("Tt")
_NAMES = re.compile(r"Councill?ors?|Cllrs?|[A-Z][a-z]+,")
_VOTING = re.compile(r"\bvot", re.I)


def extract_votes(text: str) -> list[RecordedVote]:
    """Recorded votes in ``text``, one entry per position.

    >>> v = extract_votes("In accordance with Council rule 12.6, Councillors Howcroft-Scott, "
    ...                   "Johnson and "
    ...                   "Osborne requested that their votes in favour be recorded.")
    >>> v[0].members, v[0].position, v[0].rule
    (['Howcroft-Scott', 'Johnson', 'Osborne'], 'for', '12.6')
    """
    out: list[RecordedVote] = []
    # A member's request names its verb; most items and sentences have none.
    if "requested" in text or "asked" in text:
        for s, _e, sentence in sentences(text):
            if "requested" in sentence or "asked" in sentence:
                out.extend(_requested(sentence, s))
    out.extend(_rolls(text))
    return out


def _requested(sentence: str, offset: int) -> list[RecordedVote]:
    out: list[RecordedVote] = []
    if not _REQUEST.search(sentence):
        return out
    for m in _REQUESTED.finditer(sentence):
        how = m.group("how") or "abstention"
        position: VotePosition = (
            "against" if how == "against" else "for" if how in ("in favour", "for") else "abstain"
        )
        rule_text = m.group("rule") or _RULE_AFTER.search(sentence, m.end())
        if isinstance(rule_text, re.Match):
            rule_text = rule_text.group("rule")
        rule = rule_text.rstrip(".") if rule_text else None
        names = split_name_list(m.group("names"))
        if names:
            out.append(
                RecordedVote(names, position, rule, Span(offset + m.start(), offset + m.end()))
            )
    return out


def _rolls(text: str) -> list[RecordedVote]:
    out: list[RecordedVote] = []
    ls = lines(text)
    for k, ln in enumerate(ls):
        initial = ln.text[:1]
        if initial in _ROLL_INITIALS:
            m2 = _ROLL.match(ln.text)
            g = _GLUED.match(ln.text) if not m2 else None
        elif initial in _THERE_INITIALS:
            m2 = g = None
        else:
            continue
        if m2:
            label, what, names_text = (
                m2.group("label").lower(),
                (m2.group("what") or "").lower(),
                m2.group("names"),
            )
            if not _NAMES.search(names_text):
                continue
        elif g:
            label, what, names_text = g.group("label").lower(), "", g.group("names")
        else:
            t = _THERE_VOTED.match(ln.text)
            if not t or k + 1 >= len(ls):
                continue
            label = (
                "abstain" if t.group("abs") else "for" if t.group("how") != "against" else "against"
            )
            what = ""
            names_text = ls[k + 1].text
            ln = ls[k + 1]
        position = _position(label, what)
        names = split_name_list(names_text)
        if names and not (len(names) == 1 and names[0].lower() == "none"):
            out.append(RecordedVote(names, position, _lead_rule(ls, k), Span(ln.start, ln.end)))
    return out


def _lead_rule(ls: list[Line], k: int) -> str | None:
    """The rule cited in the line introducing a roll call ("In accordance with rule 12.6, ...")."""
    for prev in reversed(ls[max(0, k - 3) : k]):
        if _VOTING.search(prev.text):
            m = _RULE_AFTER.search(prev.text)
            return m.group("rule").rstrip(".") if m else None
    return None


def _position(label: str, what: str) -> VotePosition:
    if label.startswith("abst"):
        return "abstain"
    # In a vote of motion against amendment, the amendment's supporters vote against the motion.
    if label == "for" and what == "amendment":
        return "against"
    return "against" if label == "against" else "for"
