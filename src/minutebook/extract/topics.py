"""Topics: the labelled points of a discussion.

A point is labelled when a bullet or paragraph starts with a short heading
and a dash or colon: "Youth Justice – in response to a question ...",
"Retention of social workers - concern was raised ...", "· SEND: the
Portfolio Holder said ...". Unlabelled prose gives no topics; nor do headings
on a line of their own or labels ending in a full stop.
"""

from __future__ import annotations

import re

from minutebook.extract.names import is_role, looks_like_name
from minutebook.extract.text import lines
from minutebook.models import Span, Topic

_DASH_LABEL = re.compile(r"^(?P<label>[^–—:]{2,90}?)\s*(?:\s[-–—]|[-–—]\s|–|—)\s*(?P<rest>\S.*)$")
_COLON_LABEL = re.compile(r"^(?P<label>[^:–—]{2,70}?)\s*:\s+(?P<rest>\S.*)$")
_NOT_LABEL = re.compile(
    r"^(?:RESOLVED|Resolved|Decision|DECISION|Minutes|Note|Notes|Venue|Contact|Meeting|Date|Time|"
    r"Place|Present|Apologies|Link|Officers?|Chair|Attending|For|Against|Abstain|Item|Q|A|"
    r"REASON|Reason|Decision Maker|Report author|Motion|Councillors?|Cllrs?|In response|"
    r"In regards?|Matters? Arising|Minute\s+\d+|Appendix|Agenda|Purpose|Recommendation|Action)\b",
)
_SENTENCE_WORDS = re.compile(
    r"\b(?:was|were|is|are|had|has|have|said|asked|advised|noted|agreed|would|will|could|"
    r"should|did|does|been|be|that|which|who|referred|explained|reported|confirmed)\b",
    re.I,
)
_PERSON_START = re.compile(r"^(?:Mr|Mrs|Ms|Dr|Cllr|Councillor|Item\s+\w+)\b")


def extract_topics(text: str, start: int = 0, title: str | None = None) -> list[Topic]:
    """Labelled discussion points in ``text[start:]``, in order.

    >>> [t.label for t in extract_topics("·  Youth Justice – in response to a question, the "
    ...                                   "Portfolio "
    ...                                   "Holder said progress had been good.")]
    ['Youth Justice']
    """
    candidates: list[tuple[Topic, bool]] = []
    loose: list[tuple[int, Topic]] = []
    heading = (title or "").lower()[:40]
    # The agenda's summary of the report stands above "Minutes:"; discussion is below it.
    minutes = re.search(r"^[ \t]*Minutes:[ \t]*$", text[start:], re.M)
    if minutes:
        start += minutes.end()
    for ln in lines(text[start:], start):
        body = ln.body
        if heading and body.lower().startswith(heading):
            continue  # the item's own heading, not a point of discussion
        m = _DASH_LABEL.match(body)
        colon = False
        if not m:
            m = _COLON_LABEL.match(body)
            colon = True
        if not m:
            continue
        label, rest = m.group("label").strip(), m.group("rest").strip()
        if not _label_ok(label):
            continue
        label_start = text.find(label, ln.body_start)
        span = Span(label_start if label_start >= 0 else ln.start, ln.end)
        topic = Topic(label, rest, span)
        if not _point_ok(rest):
            if ln.bullet:
                loose.append((len(candidates), topic))
            continue
        candidates.append((topic, colon and not ln.bullet))
    # In a run of labelled bullets, a short or cut-off point is still a point.
    if sum(1 for _t, c in candidates if not c) >= 2:
        for offset, (at, topic) in enumerate(loose):
            candidates.insert(at + offset, (topic, False))
    # A lone "Label: text" paragraph is usually a field, not a discussion point.
    colon_prose = [t for t, c in candidates if c]
    return [t for t, c in candidates if not c or len(colon_prose) >= 2]


def _label_ok(label: str) -> bool:
    words = label.split()
    if not words or len(words) > 10 or len(label) > 80:
        return False
    if not re.match(r"^[A-Z‘'\"“(]", label) or label.endswith((".", ",")):
        return False
    if _NOT_LABEL.match(label) or _PERSON_START.match(label) or re.match(r"^To\s+[a-z]", label):
        return False
    if _SENTENCE_WORDS.search(label):
        return False
    if re.match(r"^(?:The|A|An)\s", label) and is_role(label):
        return False  # "The Service Manager – Children's Services attended ..." names a post
    if label.count("(") != label.count(")"):
        return False  # a dash inside brackets: "Adam Ashby (Service Manager – Housing)"
    if "," in label and (is_role(label) or looks_like_name(label.split(",")[0])):
        return False  # "Adam Bailey, Service Manager – Housing": an attendance entry
    if words[-1].lower() in {"the", "of", "and", "to", "a", "an", "for", "in", "on", "with"}:
        return False
    return True


def _point_ok(rest: str) -> bool:
    # The text of a point is a sentence; "CS4 – Number of households" is a heading.
    return len(rest) >= 60 or rest.rstrip().endswith((".", "?", ";"))
