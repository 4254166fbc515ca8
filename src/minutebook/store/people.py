"""Normalised person names, so that "Cllr J. Smith" and "Councillor J Smith" meet.

Minutes name the same member in several ways (with or without title, with
initials, with a role after a comma). The store keeps each name as printed
and beside it a normalised form used for look-ups and the ``--person`` filter.

>>> normalise_person("Councillor Jane O'Neill (Chair)")
"jane o'neill"
>>> surname("Cllr. J. Smith")
'smith'
"""

from __future__ import annotations

import functools
import re
import unicodedata

__all__ = ["normalise_person", "person_values", "surname"]

# Titles are dropped because minutes use them inconsistently for one person:
# "Councillor Smith" in the attendance list, "Cllr Smith" in the undertaking.
_TITLES = frozenset(
    """
    councillor councilor cllr cllrs councillors mr mrs ms miss mx dr doctor prof professor
    sir dame lord lady rev revd reverend canon alderman ald the right honourable hon
    """.split()
)
_BRACKETS = re.compile(r"\([^)]*\)|\[[^\]]*\]")
_SEPARATORS = re.compile(r"[^\w'’-]+")


@functools.lru_cache(maxsize=65536)
def normalise_person(name: str) -> str:
    """The look-up form of a person's name: lower case, no titles, roles or accents.

    >>> normalise_person("Mr. Peter Doyle, Director of Children's Services")
    'peter doyle'
    """
    text = _BRACKETS.sub(" ", name)
    # A comma separates the name from a role ("Jane Smith, Head of Finance").
    text = text.split(",", 1)[0]
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.lower()
    text = text.replace("’", "'")
    words = [w.strip("'-") for w in _SEPARATORS.split(text)]
    kept = [w for w in words if w and w not in _TITLES]
    return " ".join(kept)


def surname(name: str) -> str:
    """The last word of the normalised name ('' when there is none).

    >>> surname("Councillor Ann Lee")
    'lee'
    """
    words = normalise_person(name).split()
    return words[-1] if words else ""


def person_values(name: str) -> tuple[str, list[str]]:
    """Which column and values find ``name``: one word by surname, else the name's forms.

    Minutes often name a member by surname alone ("Councillor Smith"), so a
    full name also finds the surname alone and the initial with the surname.

    >>> person_values("Cllr Jane Smith")
    ('person', ['jane smith', 'smith', 'j smith'])
    >>> person_values("Smith")
    ('surname', ['smith'])
    """
    person = normalise_person(name)
    words = person.split()
    if len(words) <= 1:
        return "surname", [person]
    forms = [person, words[-1], f"{words[0][0]} {words[-1]}"]
    return "person", list(dict.fromkeys(forms))
