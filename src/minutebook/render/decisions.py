"""Decisions as minutes print them: "RESOLVED that ...", with (a) (b) for several.

>>> from minutebook.models import Decision
>>> from minutebook.render.voice import Voice
>>> blocks = decision_blocks([Decision("approved", "RESOLVED: That the plan be approved."),
...                           Decision("noted", "(b) the report be noted;")],
...                          Voice(seed=0), ("78",), Para, numbered=True)
>>> print("\\n".join([blocks[0].lead, *blocks[0].lines]))
RESOLVED that:
(a) the plan be approved; and
(b) the report be noted.
"""

from __future__ import annotations

import re

from minutebook.models import Decision
from minutebook.render.blocks import Block, Lines, Para, ParaMaker
from minutebook.render.voice import Voice

__all__ = ["decision_blocks"]

# A decision text as extraction stores it carries its lead-in and marker
# ("RESOLVED: That ...", "(b) ..."); strip them so the renderer adds its own.
_RESOLVED_LEAD = re.compile(
    r"^\s*(?:it\s+was\s+)?resolved\b\s*(?:[:\-–—]\s*)?(?:that\b\s*:?\s*)?", re.I
)
_MARKER = re.compile(r"^\s*(?:\(?(?:[a-z]|[ivx]{1,4}|\d{1,2})\))\s*", re.I)
_THAT = re.compile(r"^\s*that\b[\s,:]*", re.I)

_ALPHA = "abcdefghijklmnopqrstuvwxyz"
_ROMAN = ("i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii")


def decision_blocks(
    decisions: list[Decision], voice: Voice, key: tuple[object, ...], para: ParaMaker,
    numbered: bool,
) -> list[Block]:
    """The decisions in order: runs of clauses under one RESOLVED, sentences as paragraphs."""
    out: list[Block] = []
    run: list[str] = []

    def flush() -> None:
        if run:
            out.extend(_resolved(run, voice, (*key, len(out)), numbered))
            run.clear()

    for decision in decisions:
        clause, is_sentence = _decision_clause(decision.text)
        if is_sentence:
            flush()
            out.append(para(clause))
        elif clause:
            run.append(clause)
    flush()
    return out


def _decision_clause(text: str) -> tuple[str, bool]:
    """A decision's words without lead-in: ``(clause, False)`` or ``(sentence, True)``.

    "RESOLVED: That the report be noted." gives ``("the report be noted", False)``;
    "The Committee noted the report." stays a sentence of its own.
    """
    text = " ".join(text.split())
    stripped = _RESOLVED_LEAD.sub("", text, count=1)
    stripped = _MARKER.sub("", stripped, count=1)
    stripped = _THAT.sub("", stripped, count=1)
    changed = stripped != text
    stripped = re.sub(r"(?:;\s*(?:and|or)?|[.;,])\s*$", "", stripped).strip()
    if not changed and text[:1].isupper() and text.endswith("."):
        return text, True
    # "RESOLVED The minutes ... be approved" reads "RESOLVED that the minutes ...".
    if re.match(r"(?:The|A|An)\s", stripped):
        stripped = stripped[0].lower() + stripped[1:]
    return stripped, False


def _resolved(
    clauses: list[str], voice: Voice, key: tuple[object, ...], numbered: bool,
) -> list[Block]:
    if len(clauses) == 1:
        c = clauses[0]
        if numbered:
            return [Para(f"RESOLVED that {c}.", None, "RESOLVED")]
        form = voice.pick(("colon", "that", "dash", "that"), *key, "res1")
        if form == "colon":
            return [Lines("RESOLVED:", [f"That {c}."], "RESOLVED")]
        if form == "dash":
            return [Para(f"RESOLVED – That {c}.", None, "RESOLVED")]
        return [Para(f"RESOLVED that {c}.", None, "RESOLVED")]
    scheme = "alpha" if numbered else voice.pick(("alpha", "alpha", "roman", "digit"), *key, "resn")
    lines = []
    for i, c in enumerate(clauses):
        if scheme == "digit":
            lines.append(f"{i + 1}) That {c}.")
            continue
        marker = f"({_ALPHA[i % 26]})" if scheme == "alpha" else f"({_ROMAN[i % len(_ROMAN)]})"
        end = "." if i == len(clauses) - 1 else ("; and" if i == len(clauses) - 2 else ";")
        lines.append(f"{marker} {c}{end}")
    lead = "RESOLVED:" if scheme == "digit" else "RESOLVED that:"
    return [Lines(lead, lines, "RESOLVED")]
