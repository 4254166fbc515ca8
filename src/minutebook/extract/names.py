"""People in minutes: honorifics, lists of names, and the nouns that make a role.

Minutes name people as "Councillor J. D. Stanley", "Cllrs R Bailey, S
Bennett-Wake and N Cook", "Mr A P Miller" or by role alone ("the Portfolio
Holder for Children's Services"); these helpers take such phrases apart.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

TITLE_WORDS = (
    r"(?:County\s+)?Councill?or(?:s)?|Cllrs?\.?|Mr|Mrs|Ms|Miss|Mx|Dr|Prof(?:essor)?|Sir|Dame|Lord|Lady|"
    r"Reverend|Rev(?:d)?|Provost|Bailie|Baillie|Alderman|Father"
)
_TITLE_PREFIX = re.compile(rf"^(?:(?:{TITLE_WORDS})\.?\s+)+", re.I)
_NAME_WORD = (
    r"(?:[A-Z][a-zA-Z'’\-]+|[A-Z]\.?|[A-Z]{2,4}\.?|"
    r"(?:van|von|de|der|da|di|le|la|du|ap|bin|al)(?=\s+[A-Z]))"
)
# A personal name: optional initials/first names then a surname; up to five words.
NAME = rf"{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,4}}"
HONOURS = re.compile(r"\s+(?:OBE|MBE|CBE|JP|DL|KC|QC|MP|MSP|MS|AM|FRCP|BEM)\b\.?", re.I)

ROLE_NOUNS = (
    "Officer",
    "Director",
    "Head",
    "Manager",
    "Leader",
    "Portfolio Holder",
    "Cabinet Member",
    "Executive Member",
    "Lead Member",
    "Member for",
    "Chief Executive",
    "Clerk",
    "Advisor",
    "Adviser",
    "Lawyer",
    "Solicitor",
    "Applicant",
    "Agent",
    "Ward Councillor",
    "Ward Member",
    "Section Head",
    "Spokesperson",
    "Superintendent",
    "Inspector",
    "Commissioner",
    "Engineer",
    "Planner",
    "Accountant",
    "Auditor",
    "Treasurer",
    "Secretary",
    "Coordinator",
    "Co-ordinator",
    "Consultant",
    "Representative",
    "Chairman of the",
    "Chair of the",
    "Chairperson",
    "Monitoring Officer",
    "Lead",
    "Analyst",
    "Specialist",
    "Team Leader",
    "Principal",
    "Partner",
    "Governor",
    "Objector",
    "Supporter",
    "Witness",
    "Chief",
    "Member",
    "Holder",
    "Minister",
    "Surveyor",
    "Architect",
    "Headteacher",
    "Registrar",
    "Worker",
    "Tenant",
    "Resident",
)


def _by_first_letter(words: tuple[str, ...]) -> str:
    r"""An alternation matching any of ``words`` (capitalised) at the start of a word.

    Grouped by first letter, every branch opens with a literal, so a search skips
    straight to the next candidate letter instead of trying each position in turn;
    ``(?<!\w.)`` just after the letter is the ``\b`` before it.
    """
    groups: dict[str, list[str]] = {}
    for word in words:
        groups.setdefault(word[0], []).append(re.escape(word[1:]))
    return "|".join(rf"{first}(?<!\w.)(?:{'|'.join(rest)})" for first, rest in groups.items())


_ROLE_RE = re.compile(rf"(?:{_by_first_letter(ROLE_NOUNS)})s?\b")

# The chair and the body itself speak in every item; they are not attendees.
CHAIR_ROLES = re.compile(
    r"^(?:the\s+)?(?:(?:vice|deputy)[- ])?(?:chair(?:man|person|woman)?|convener|convenor|"
    r"(?:lord\s+)?mayor|provost|lord\s+provost|presiding\s+member|speaker)$",
    re.I,
)
BODY_WORDS = re.compile(
    r"^(?:the\s+)?(?:committee|sub-committee|council|cabinet|panel|board|members?|"
    r"executive|meeting|group|forum|it|they|he|she|officers?|councillors?)$",
    re.I,
)


def strip_title(name: str) -> str:
    """A name without honorific or honours.

    >>> strip_title("Councillor J. D. Stanley")
    'J. D. Stanley'
    >>> strip_title("Cllr Jane Hanna OBE")
    'Jane Hanna'
    """
    name = _TITLE_PREFIX.sub("", name.strip())
    name = HONOURS.sub("", name)
    return name.strip(" ,;:.'’\"").strip()


def surname(name: str) -> str:
    """The last word of a name, as apologies are recorded.

    >>> surname("Councillor R Bennett-Wake")
    'Bennett-Wake'
    """
    words = strip_title(name).replace(".", " ").split()
    return words[-1] if words else ""


def split_name_list(text: str) -> list[str]:
    """Split "A, B and C" (with honorifics, counts and roles in brackets) into names.

    >>> split_name_list("Councillors H Burton, K H Isard and Mrs A Carter (2)")
    ['H Burton', 'K H Isard', 'A Carter']
    """
    text = re.sub(r"\(\s*\d+\s*\)|\.{3,}\s*\d*|\s\d+\s*$", " ", text)
    text = re.sub(r"\([^)]*\)", " ", text)
    parts = re.split(r"\s*[,;]\s*|\s+and\s+|\s*&\s*", text)
    out: list[str] = []
    for part in parts:
        name = strip_title(part)
        name = re.sub(r"\s+\d+$", "", name).strip(" .")
        if name and re.match(r"^[A-Z]", name) and len(name.split()) <= 6:
            out.append(name)
    return out


def is_role(phrase: str) -> bool:
    """Whether ``phrase`` names a post ("Director of Public Health") rather than a person.

    >>> is_role("Head of Looked After Children and Care Leavers")
    True
    >>> is_role("Helen Fergusson")
    False
    """
    return bool(_ROLE_RE.search(phrase))


@lru_cache(maxsize=1)
def first_names() -> frozenset[str]:
    """Common given names (lower case), shipped as ``data/first_names.txt``."""
    raw = resources.files("minutebook").joinpath("data/first_names.txt").read_text("utf-8")
    return frozenset(
        w for line in raw.splitlines() if not line.startswith("#") for w in line.split()
    )


_NAME = re.compile(NAME)
_NOT_A_NAME = re.compile(
    r"^(?:The|A|An|This|That|It|There|In|On|At|As)\s+[a-z]|^(?:The|Members?|Officers?)\b"
)
_ACRONYM = re.compile(r"[A-Z]{2,4}")
_INITIALS_NAME = re.compile(
    r"^(?:[A-Z]\.?\s*){1,3}\s*(?:[A-Z][\w'’\-]+)$|^[A-Z]{2}\s+[A-Z][a-z][\w'’\-]+$"
)


def looks_like_name(phrase: str) -> bool:
    """Whether ``phrase`` reads as a personal name, not a capitalised noun phrase.

    A name is initials and a surname ("J D Stanley"), or a known given name
    then one to three capitalised words ("Simeon Perry"), or a short
    all-capitals reference (licence applicants are minuted as "HT", "MB").

    >>> looks_like_name("Michele Lucas"), looks_like_name("J. D. Stanley")
    (True, True)
    >>> looks_like_name("Climate Change"), looks_like_name("The Committee")
    (False, False)
    """
    phrase = phrase.strip()
    # A phrase is a name when it has a name's shape, one of the three forms above, and
    # none of the vetoes; the tests run cheapest first, as most phrases fail early.
    if not phrase or _NAME.fullmatch(phrase) is None:
        return False
    if not (_INITIALS_NAME.match(phrase) or _ACRONYM.fullmatch(phrase)):
        words = phrase.replace(".", ". ").split()
        if len(words) < 2 or words[0].lower() not in first_names():
            return False
    return not (
        is_role(phrase)
        or BODY_WORDS.match(phrase)
        or CHAIR_ROLES.match(phrase)
        or _NOT_A_NAME.match(phrase)
    )
