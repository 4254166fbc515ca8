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
from minutebook.extract.text import Line, lines
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
_TO_VERB = re.compile(r"^To\s+[a-z]")
_ARTICLE = re.compile(r"^(?:The|A|An)\s")
_MINUTES_LINE_END = re.compile(r"Minutes:[ \t]*$", re.M)
# A hyphen that separates: one with a space on either side.
_SPACED_HYPHEN = re.compile(r"-(?:(?=\s)|(?<=\s-))")
# What text.lines strips from either end of a line.
_LINE_SPACE = " \t\u00a0\r\u200b"
_LABEL_START = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ‘'\"“(")
_JOINING_WORDS = frozenset({"the", "of", "and", "to", "a", "an", "for", "in", "on", "with"})


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
    start = _discussion_start(text, start)
    for ln in _lines_from(text, start):
        body = ln.body
        if heading and body.lower().startswith(heading):
            continue  # the item's own heading, not a point of discussion
        # A label holds no colon or long dash, so the first of them ends it. The
        # separator stands there, or is a spaced hyphen before it; most lines have
        # neither, and these tests are far cheaper than the patterns.
        end = len(body)
        for mark in "–—:":
            at = body.find(mark, 0, end)
            if at >= 0:
                end = at
        m = None
        if (end < len(body) and body[end] != ":") or _SPACED_HYPHEN.search(body, 0, end):
            m = _DASH_LABEL.match(body)
        colon = False
        if not m:
            if not (end < len(body) - 1 and body[end] == ":" and body[end + 1].isspace()):
                continue
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


def _discussion_start(text: str, start: int) -> int:
    """Where the discussion begins: after a "Minutes:" line in ``text[start:]``, else ``start``.

    The agenda's summary of the report stands above "Minutes:"; discussion is below it.
    """
    at = text.find("Minutes:", start)
    while at >= 0:
        line_start = max(text.rfind("\n", 0, at) + 1, start)
        minutes = _MINUTES_LINE_END.match(text, at)
        if minutes and not text[line_start:at].strip(" \t"):
            return minutes.end()
        at = text.find("Minutes:", at + 1)
    return start


def _lines_from(text: str, start: int) -> list[Line]:
    """The lines of ``text[start:]``, offsets into ``text``.

    Every extractor splits the whole item into lines once (``text.lines`` caches
    it); when ``start`` falls at a line's edge, the lines from ``start`` are just
    the tail of that split, so no second split is needed.
    """
    if start == 0:
        return lines(text)
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", start)
    if line_end < 0:
        line_end = len(text)
    if text[line_start:start].strip(_LINE_SPACE) and text[start:line_end].strip(_LINE_SPACE):
        return lines(text[start:], start)  # ``start`` cuts a line in two
    return [ln for ln in lines(text) if ln.start >= start]


def _label_ok(label: str) -> bool:
    words = label.split()
    if not words or len(words) > 10 or len(label) > 80:
        return False
    if label[0] not in _LABEL_START or label.endswith((".", ",")):
        return False
    if words[-1].lower() in _JOINING_WORDS:
        return False
    if label.count("(") != label.count(")"):
        return False  # a dash inside brackets: "Adam Ashby (Service Manager – Housing)"
    if _NOT_LABEL.match(label) or _PERSON_START.match(label) or _TO_VERB.match(label):
        return False
    if _SENTENCE_WORDS.search(label):
        return False
    if _ARTICLE.match(label) and is_role(label):
        return False  # "The Service Manager – Children's Services attended ..." names a post
    if "," in label and (is_role(label) or looks_like_name(label.split(",")[0])):
        return False  # "Adam Bailey, Service Manager – Housing": an attendance entry
    return True


def _point_ok(rest: str) -> bool:
    # The text of a point is a sentence; "CS4 – Number of households" is a heading.
    return len(rest) >= 60 or rest.rstrip().endswith((".", "?", ";"))
