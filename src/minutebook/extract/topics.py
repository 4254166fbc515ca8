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

# "Label – point": a label of 2 to 90 characters and the separator after it. The
# label is as short as can be; _dash_label finds it as this pattern would:
# "^(?P<label>[^–—:]{2,90}?)" followed by _DASH_SEPARATOR.
_DASH_SEPARATOR = re.compile(r"\s*(?:\s[-–—]|[-–—]\s|–|—)\s*(?P<rest>\S.*)$")
_DASH = re.compile("[-–—]")
_COLON_LABEL = re.compile(r"^(?P<label>[^:–—]{2,70}?)\s*:\s+(?P<rest>\S.*)$")
_NOT_LABEL = re.compile(
    r"^(?:RESOLVED|Resolved|Decision|DECISION|Minutes|Note|Notes|Venue|Contact|Meeting|Date|Time|"
    r"Place|Present|Apologies|Link|Officers?|Chair|Attending|For|Against|Abstain|Item|Q|A|"
    r"REASON|Reason|Decision Maker|Report author|Motion|Councillors?|Cllrs?|In response|"
    r"In regards?|Matters? Arising|Minute\s+\d+|Appendix|Agenda|Purpose|Recommendation|Action)\b",
)
# Words that make a label a sentence, in any case.
_SENTENCE_WORDS = frozenset(
    "was were is are had has have said asked advised noted agreed would will could should did "
    "does been be that which who referred explained reported confirmed".split()
)
_WORD = re.compile(r"\w+")
# Case-blind regular expressions also take "İ" and "ı" for "i" and "ſ" for "s"; lower() does not.
_AS_ASCII_LETTER = str.maketrans({"İ": "i", "ı": "i", "ſ": "s"})
_PERSON_START = re.compile(r"^(?:Mr|Mrs|Ms|Dr|Cllr|Councillor|Item\s+\w+)\b")
_TO_VERB = re.compile(r"^To\s+[a-z]")
_ARTICLE = re.compile(r"^(?:The|A|An)\s")
_MINUTES_LINE_END = re.compile(r"Minutes:[ \t]*$", re.M)
_LABEL_END = re.compile("[–—:]")
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
    first = heading[:1]
    start = _discussion_start(text, start)
    for ln in _lines_from(text, start):
        line = ln.text
        if "-" not in line and ":" not in line and "–" not in line and "—" not in line:
            continue  # no separator: a line of prose, whatever its heading
        body = ln.body
        # Lower-casing a whole line is dear; its first letter must match first.
        if heading and body[:1].lower()[:1] == first and body.lower().startswith(heading):
            continue  # the item's own heading, not a point of discussion
        # A label holds no colon or long dash, so the first of them ends it.
        mark = None
        if ":" in body or "–" in body or "—" in body:
            mark = _LABEL_END.search(body)
        end = mark.start() if mark else len(body)
        found = None
        if (mark and body[end] != ":") or "-" in body:
            found = _dash_label(body, end)
        colon = False
        if not found:
            if not (end < len(body) - 1 and body[end] == ":" and body[end + 1].isspace()):
                continue
            m = _COLON_LABEL.match(body)
            if not m:
                continue
            found = m.group("label"), m.group("rest")
            colon = True
        label, rest = found[0].strip(), found[1].strip()
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


def _dash_label(body: str, end: int) -> tuple[str, str] | None:
    """The label and point of a "Label – point" line, or None; ``end`` is where a label must end.

    Tried at every length from 2 up, the label pattern is slow; the separator is a
    dash, so only the shortest label before each dash (without the spaces before
    it) can be the one.
    """
    limit = min(90, end)
    last = limit  # the last place such a dash can stand: after spaces at the limit
    while last < len(body) and body[last].isspace():
        last += 1
    for dash in _DASH.finditer(body, 0, last + 1):
        cut = dash.start()
        while cut > 2 and body[cut - 1].isspace():
            cut -= 1
        if cut > limit:
            break
        if cut >= 2:
            point = _DASH_SEPARATOR.match(body, cut)
            if point:
                return body[:cut], point.group("rest")
    return None


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
    if _has_sentence_word(label):
        return False
    if _ARTICLE.match(label) and is_role(label):
        return False  # "The Service Manager – Children's Services attended ..." names a post
    if "," in label and (is_role(label) or looks_like_name(label.split(",")[0])):
        return False  # "Adam Bailey, Service Manager – Housing": an attendance entry
    return True


def _has_sentence_word(label: str) -> bool:
    if not label.isascii():
        label = label.translate(_AS_ASCII_LETTER)
    return any(word in _SENTENCE_WORDS for word in _WORD.findall(label.lower()))


def _point_ok(rest: str) -> bool:
    # The text of a point is a sentence; "CS4 – Number of households" is a heading.
    return len(rest) >= 60 or rest.rstrip().endswith((".", "?", ";"))
