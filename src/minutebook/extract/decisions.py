"""Decisions: what the body resolved, agreed or noted, one per resolution sub-point.

Two sources: formal resolution blocks opened by a marker ("RESOLVED that",
"Resolved –", "THE DECISION:", "Decision" on its own line, "The Committee
decided:"), and outcome sentences in the prose ("The Committee noted the
report.", "The minutes ... were approved as a correct record.").
"""

from __future__ import annotations

import re

from minutebook.extract.text import Line, clean, lines, sentences, strip_bullet
from minutebook.models import Decision, DecisionKind, Span

_MARKER = re.compile(
    r"^(?:it\s+was\s*:?-?\s*)?(?:(?:UNANIMOUSLY|unanimously)\s+)?"
    r"(?P<m>RESOLVED|Resolved|THE DECISION|DECISION|Decision|Decisions|"
    r"The (?:Committee|Council|Cabinet|Board|Panel|Sub-Committee|Executive) (?:decided|resolved)|"
    r"AGREED|Agreed|NOTED|APPROVED)\b"
    r"(?P<rest>.*)$"
)
_STANDALONE_VERDICT = re.compile(r"^(?:AGREED|NOTED|APPROVED|DEFERRED|REFUSED|REJECTED)\b")
_PARAGRAPH_NUMBER = re.compile(r"^\d{1,3}\.\d{1,2}$")
_SUBPOINT_ONLY = re.compile(r"^\(?(?:[a-z]{1,2}|[ivx]{1,5}|\d{1,2})[.)]$")
_STOP = re.compile(
    r"^(?:REASON(?:S)? FOR (?:THE )?DECISION|Reasons? for (?:the )?decision|Supporting documents|"
    r"Minutes:|Additional documents|Meeting:|Report author|Date of decision|Decided at meeting|"
    r"Alternative options|Publication date|Effective from)",
    re.I,
)
_BODY = (
    r"(?:Committee|Sub[- ]Committee|Council|Cabinet|Board|Panel|Executive|Forum|Group|"
    r"Members(?:\s+present)?)"
)
_OUTCOME = re.compile(
    rf"\b{_BODY}\s+(?:has\s+|have\s+)?(?:unanimously\s+)?(?:resolved|RESOLVED|noted|NOTED|agreed|"
    rf"AGREED|approved|APPROVED|decided|DECIDED|endorsed|ENDORSED|accepted|recommended|"
    rf"RECOMMENDED|deferred|DEFERRED|rejected|REJECTED|refused|REFUSED|supported)\b(?!\s+that\s+[^.]*\bwould\b)"
)
_NOTED_THAT = re.compile(rf"\b{_BODY}\s+(?:noted|NOTED)\s+that\b")
_MINUTES_OUTCOME = re.compile(
    r"\b(?:minutes?|Minutes?)\b[^.]{0,200}?\bw(?:as|ere)\s+(?:(?:submitted|considered)\s+and\s+)?"
    r"(?:duly\s+)?(?:approved|agreed|confirmed|signed|noted|accepted|received|APPROVED|AGREED)\b"
)
_MOTION_OUTCOME = re.compile(
    r"\b(?:amendment|motion|recommendation|proposal|nomination)s?\b[^.]{0,60}?\bw(?:as|ere)\s+"
    r"(?:(?:duly|unanimously)\s+)?(?:agreed|carried|approved|lost|rejected|defeated|CARRIED|LOST)\b",
    re.I,
)
_DEFERRED = re.compile(
    r"\b(?:consideration|item|report|application|matter|decision)\b[^.]{0,80}?\bw(?:as|ere)\s+"
    r"(?:deferred|adjourned|withdrawn)\b",
    re.I,
)
_IT_WAS_AGREED = re.compile(
    r"\bit\s+was\s+(?:unanimously\s+)?(?:AGREED|agreed|RESOLVED|resolved)\s+that\b"
)
_MOTION_STATUS = re.compile(r"^Motion status:\s*(\w+)", re.I)
_REPORTED = re.compile(
    r"\b(?:reported|advised|explained|noted|said|stated|reminded|informed)\s+(?:\w+\s+){0,3}that\s*$",
    re.I,
)
_WOULD_CLAUSE = re.compile(r"\bthat\b[^.]*\b(?:would|should)\b")
_THAT_BE = re.compile(r"^That\b.*\bbe\b", re.S)
_OF_BEFORE = re.compile(r"\bof(?:\s+the)?\s*$")
_QUESTION_BEFORE = re.compile(r"\b(?:had|asked|if|whether|would)\s*$")
_HAD_BEEN = re.compile(r"\bhad\s+(?:been\s+)?(?:agreed|noted|approved|resolved)\b")
_PAGE_LABELS = re.compile(r"^(?:(?:Minutes|Decision|Decisions|Additional documents)\s*:\s*)+")
_CELL_RULES = re.compile(r"\s*\|[\s|]*$")
_PERMIT = re.compile(r"\b(?:permit|approve|grant)\b", re.I)
_DEFER = re.compile(r"\bdefer", re.I)
_INLINE_POINT = re.compile(r"(?:^|\s)\((?:\d{1,2}|[a-z]|[ivx]{1,4})\)\s+")
_SUBPOINT_BULLET = re.compile(r"^\(?(?:[a-z]{1,2}|[ivx]{1,5}|\d{1,2})[.)]")
_THAT_ALONE = re.compile(r"^(?:that|That)\s*[:;,-]*\s*$")
_THAT_INTRO = re.compile(r"^(?:That|that)[:;\s-]*$")
_INTRO_END = re.compile(r"[:;]-?\s*(?:\([^)]*\))?$")
_COLON_END = re.compile(r":-?$")
_RESOLUTION_START = re.compile(
    r"^(?:That|that|To|RESOLVED|Resolved|The (?:Committee|Council|Cabinet|Board|Panel)\b)"
)
_IT_WAS = re.compile(r"^it\s+was\s*:?-?\s*")
_RESOLVED_BY = re.compile(r"\s*(?:by|at|in)\b")
_CLAUSE_END = re.compile(r"[.;]\s*(?:and|or)?$")
_LEADING_RESOLVED = re.compile(r"^(?:resolved|that)\W*")
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_LEADING_NUMBER = re.compile(r"^(?:\d+|[a-z]|[ivx]+)\s+")

# Words without which a prose pattern cannot match. Most sentences state no
# outcome, and an ``in`` test is far cheaper than a regex search (which, starting
# with ``\b``, is retried at every position), so each pattern runs only where its
# words occur. Verbs and re.I keywords are looked for in lower-cased text.
_BODY_WORDS = tuple("Committee Council Cabinet Board Panel Executive Forum Group Members".split())
_OUTCOME_VERBS = tuple(
    "agreed noted approved resolved decided endorsed accepted recommended deferred rejected "
    "refused supported".split()
)
_MOTION_WORDS = ("motion", "recommendation", "proposal", "amendment", "nomination")
_DEFERRAL_WORDS = ("deferred", "adjourned", "withdrawn")
# re.I lets "İ", "ı", "ſ" and the Kelvin sign stand for i, s and k, which lower()
# does not do; they are mapped first so that a lower-cased screen never misses.
_CASE_TRAPS = ("\u0130", "\u0131", "\u017f", "\u212a")
_FOLD_TRAPS = str.maketrans("".join(_CASE_TRAPS), "iisk")


# classify() reads lower-cased text. Each pattern is tried only where a word it
# needs occurs (see _screened), as most decisions use one or two verbs.
_CLS_RESOLVED = re.compile(r"^(?:unanimously\s+)?resolved\b")
_CLS_RESOLVED_THAT = re.compile(r"^(?:unanimously\s+)?resolved\b\W*(?:that\b\W*)?")
_CLS_THANKS = (
    ("thanked", "congratulated", "commend", "welcomed"),
    re.compile(r"\b(?:thanked|congratulated|commends?|welcomed)\b"),
)
_CLS_THANKS_BUT = re.compile(r"\b(?:noted?|approved?|agreed?)\b")
_CLS_RECOMMEND = (
    ("recommend",),
    re.compile(r"\brecommend(?:s|ed)?\b(?!ation)|\bto recommend\b|\bbe recommended\b"),
)
_CLS_RECOMMENDATION_OF = re.compile(r"\brecommendations? (?:of|from|in|set out)\b")
_CLS_DEFERRED = (
    ("deferred", "adjourned", "postponed"),
    re.compile(r"\b(?:deferred|adjourned|postponed|be deferred)\b"),
)
_CLS_REJECTED = (
    ("rejected", "refused", "approved", "defeated", "lost", "motion status:"),
    re.compile(
        r"\b(?:rejected|refused|not (?:be )?approved|defeated|(?:was|were) lost|"
        r"motion status:\s*(?:lost|fell))\b"
    ),
)
_CLS_VERBS: tuple[tuple[DecisionKind, tuple[tuple[str, ...], re.Pattern[str]]], ...] = (
    (
        "noted",
        (
            ("note", "receive", "acknowledge"),
            re.compile(r"\b(?:noted?|be noted|received|receives?|acknowledges?|note)\b"),
        ),
    ),
    (
        "approved",
        (
            ("approve", "granted", "permit", "confirmed", "carried"),
            re.compile(r"\b(?:approved?|approves|granted|permit(?:ted)?|confirmed|carried)\b"),
        ),
    ),
    (
        "agreed",
        (
            tuple(
                "agree resolved decided appointed elected supported endorsed accepted invited "
                "requested delegated authorised excluded adopted".split()
            )
            + ("be given",),
            re.compile(
                r"\b(?:agreed?|agrees|resolved|decided|appointed|elected|supported|endorsed|"
                r"accepted|"
                r"invited|requested|delegated|be given|authorised|excluded|adopted)\b"
            ),
        ),
    ),
)
_CLS_PASSIVE_APPROVED = (
    ("approved", "granted"),
    re.compile(r"\b(?:be|is|are|were|was) (?:approved|granted)\b"),
)
_CLS_PASSIVE_NOTED = (("be noted", "be received"), re.compile(r"\bbe (?:noted|received)\b"))


def _screened(rule: tuple[tuple[str, ...], re.Pattern[str]], text: str) -> re.Match[str] | None:
    """``rule``'s pattern searched in ``text``, if a word it needs is there."""
    words, pattern = rule
    return pattern.search(text) if _any_in(words, text) else None


def classify(text: str) -> DecisionKind:
    """The kind of a decision from its wording.

    >>> classify("RESOLVED that the minutes be approved as a correct record.")
    'approved'
    >>> classify("Resolved to RECOMMEND: (to Council) That the terms be approved.")
    'recommended'
    """
    t = text.lower()
    resolved = False
    if t.startswith(("resolved", "unanimously")):
        resolved = bool(_CLS_RESOLVED.match(t))
        t = _CLS_RESOLVED_THAT.sub("", t)
    if _screened(_CLS_THANKS, t) and not _CLS_THANKS_BUT.search(t):
        return "other"
    if _screened(_CLS_RECOMMEND, t) and not _CLS_RECOMMENDATION_OF.search(t):
        return "recommended"
    if _screened(_CLS_DEFERRED, t):
        return "deferred"
    if _screened(_CLS_REJECTED, t):
        return "rejected"
    first: tuple[int, DecisionKind] | None = None
    for kind, rule in _CLS_VERBS:
        m = _screened(rule, t)
        if m and (first is None or m.start() < first[0]):
            first = (m.start(), kind)
    if first:
        if first[1] == "agreed" and _screened(_CLS_PASSIVE_APPROVED, t):
            return "approved"
        if first[1] == "agreed" and _screened(_CLS_PASSIVE_NOTED, t):
            return "noted"
        return first[1]
    return "agreed" if resolved else "other"


def extract_decisions(text: str, start: int = 0) -> list[Decision]:
    """All decisions in ``text[start:]``, spans relative to ``text``.

    >>> text = "RESOLVED that:\\n(a) the report be noted;\\n(b) a review be held."
    >>> [d.text for d in extract_decisions(text)]
    ['the report be noted;', 'a review be held.']
    """
    body = text[start:]
    all_lines = lines(body, start)
    ls = _merge_bare_bullets(all_lines)
    found: list[Decision] = []
    covered: list[tuple[int, int]] = []
    i = 0
    while i < len(ls):
        ln = ls[i]
        m = _marker(ln.text)
        if not m and ln.bullet and _PARAGRAPH_NUMBER.match(ln.bullet):
            m = _marker(ln.body)
        if m and _is_marker(m, ln.text):
            block, i = _resolution(text, ls, i, m)
            found.extend(block)
            if block:
                covered.append((block[0].span.start if block[0].span else 0, ls[i - 1].end))
            continue
        i += 1
    found.extend(_prose_outcomes(body, start, covered))
    found.extend(_motion_statuses(all_lines))
    return _dedupe(sorted(found, key=lambda d: d.span.start if d.span else 0))


# Every resolution marker begins with one of these letters; most lines do not.
_MARKER_INITIALS = frozenset("iUuRTDAN")


def _marker(line: str) -> re.Match[str] | None:
    return _MARKER.match(line) if line[:1] in _MARKER_INITIALS else None


# Every _STOP heading begins with one of these letters (re.I: "ſ" is an "s").
_STOP_INITIALS = frozenset("RrSsſMmAaDdPpEe")


def _stop(line: str) -> bool:
    return line[:1] in _STOP_INITIALS and _STOP.match(line) is not None


def _is_marker(m: re.Match[str], line: str) -> bool:
    word, rest = m.group("m"), m.group("rest")
    if word in ("Decision", "Decisions", "DECISION", "THE DECISION"):
        return rest.strip() in ("", ":", ":-", "-")
    if word in ("AGREED", "Agreed", "NOTED", "APPROVED"):
        # "AGREED that the Minute be approved" opens a resolution; "Agreed the
        # temporary arrangements" inside a numbered list is a sub-point.
        return word.isupper()
    if word == "Resolved" and _RESOLVED_BY.match(rest):
        return False
    return True


def _merge_bare_bullets(ls: list[Line]) -> list[Line]:
    out: list[Line] = []
    pending: Line | None = None
    for ln in ls:
        # A bare "(a)" or "ii." is at most 8 characters; longer lines skip the regex.
        if len(ln.text) <= 8 and (_SUBPOINT_ONLY.match(ln.text) or ln.text in ("·", "•", "-")):
            pending = ln
            continue
        if pending is not None:
            ln = Line(pending.start, ln.end, f"{pending.text} {ln.text}", pending.text, ln.start)
            pending = None
        out.append(ln)
    return out


def _resolution(text: str, ls: list[Line], i: int, m: re.Match[str]) -> tuple[list[Decision], int]:
    marker_line = ls[i]
    word = m.group("m")
    if word in ("Decision", "Decisions", "DECISION", "THE DECISION") and i + 1 < len(ls):
        nxt = ls[i + 1]
        # A "Decision(s):" heading over narrative prose is a page section, not a resolution.
        if not (
            nxt.bullet
            or _STANDALONE_VERDICT.match(nxt.text)
            or _COLON_END.search(nxt.text)
            or _RESOLUTION_START.match(nxt.text)
        ):
            return [], i + 1
    rest = m.group("rest").strip(" :-–—;")
    rest = _THAT_ALONE.sub("", rest)
    # "RESOLVED that:", "Resolved to RECOMMEND: (to Council)", "The Council:-" introduce
    # what follows; "RESOLVED that the report be noted." is complete in itself.
    raw_rest = m.group("rest").strip()
    intro_only = not _STANDALONE_VERDICT.match(m.group(0)) and (
        not rest or bool(_INTRO_END.search(raw_rest))
    )
    j = i + 1
    subpoints: list[Line] = []
    body: list[Line] = []
    while j < len(ls):
        ln = ls[j]
        next_marker = _marker(ln.text)
        if _stop(ln.text) or (next_marker and _is_marker(next_marker, ln.text)):
            break
        if ln.bullet and _PARAGRAPH_NUMBER.match(ln.bullet):
            break  # the next numbered paragraph of the minutes
        if ln.bullet and _SUBPOINT_BULLET.match(ln.bullet):
            subpoints.append(ln)
        elif (
            ln.text.startswith(("That", "that"))
            and _THAT_INTRO.match(ln.text)
            and not subpoints
            and not body
        ):
            pass  # "That:-" on its own line introduces sub-points
        elif subpoints:
            prev = subpoints[-1].text
            if _continues(prev) or (ln.text[:1].islower() and not prev.endswith(".")):
                subpoints[-1] = Line(
                    subpoints[-1].start,
                    ln.end,
                    subpoints[-1].text + " " + ln.text,
                    subpoints[-1].bullet,
                    subpoints[-1].body_start,
                )
            else:
                break
        elif not body and (intro_only or rest.endswith(":")):
            body.append(ln)
            if not (ln.text.endswith(":") or ln.text.endswith(":-")):
                if not intro_only:
                    break
        elif body and _continues(body[-1].text):
            body.append(ln)
        else:
            break
        j += 1
    decisions: list[Decision] = []
    if subpoints and (intro_only or len(rest.split()) <= 6 or body):
        for sp in subpoints:
            content = (
                clean(text[sp.body_start : sp.end])
                if sp.body_start < sp.end
                else strip_bullet(sp.text)
            )
            content = strip_bullet(content)
            if len(content.split()) >= 2:
                decisions.append(
                    Decision(classify(word + " " + content), content, Span(sp.start, sp.end))
                )
        return decisions, j
    inline = _inline_subpoints(text, marker_line) if not subpoints and not body else []
    if len(inline) >= 2:
        return [Decision(classify(word + " " + t), t, sp) for t, sp in inline], j
    heading = word in ("Decision", "Decisions", "DECISION", "THE DECISION") and body
    # A "Decision:" heading is not part of the decision's words; "RESOLVED that" is.
    pieces = ([] if heading else [marker_line]) + body + (subpoints if subpoints else [])
    start, end = pieces[0].start, pieces[-1].end
    full = clean(" ".join(p.body if p is marker_line else p.text for p in pieces))
    full = _IT_WAS.sub("", full)
    # Words beyond the marker: "RESOLVED th" (an excerpt cut off) has too few to count.
    words = full.split() if heading else full.split()[1:]
    verdict = _STANDALONE_VERDICT.match(full) or _STANDALONE_VERDICT.match(m.group(0).strip())
    if verdict or len(words) >= 2:
        return [Decision(classify(full), full, Span(start, end))], j
    return [], j


def _inline_subpoints(text: str, line: Line) -> list[tuple[str, Span]]:
    """Sub-points printed on the marker's own line: "RESOLVED – (1) That ...; (2) That ..."."""
    raw = text[line.start : line.end]
    marks = list(_INLINE_POINT.finditer(raw))
    if len(marks) < 2:
        return []
    out: list[tuple[str, Span]] = []
    for k, mark in enumerate(marks):
        end = marks[k + 1].start() if k + 1 < len(marks) else len(raw)
        words = clean(raw[mark.end() : end])
        if len(words.split()) >= 2:
            out.append((words, Span(line.start + mark.end(), line.start + end)))
    return out


def _plain(sentence: str) -> str:
    """``sentence`` without its bullet, page labels and table-cell rules."""
    # No bullet begins with a capital letter, and most sentences do: skip the bullet regex.
    sentence = sentence.strip() if sentence[:1].isupper() else strip_bullet(sentence)
    return _tidy(sentence)


def _tidy(sentence: str) -> str:
    """Drop page labels and table-cell rules that flattened layouts leave in a sentence."""
    if sentence.startswith(("Minutes", "Decision", "Additional documents")):
        sentence = _PAGE_LABELS.sub("", sentence)
    if "|" in sentence:
        sentence = _CELL_RULES.sub("", sentence)
    return sentence.strip()


def _continues(line: str) -> bool:
    return not _CLAUSE_END.search(line) or line.endswith(":")


def _any_in(words: tuple[str, ...], text: str) -> bool:
    for w in words:
        if w in text:
            return True
    return False


def _inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    for a, b in spans:
        if a <= pos < b:
            return True
    return False


def _prose_outcomes(body: str, start: int, covered: list[tuple[int, int]]) -> list[Decision]:
    out: list[Decision] = []
    traps = _any_in(_CASE_TRAPS, body)
    for s, e, sent in sentences(body, start):
        if covered and _inside(s, covered):
            continue
        if sent.startswith(("M", "m")) and _MOTION_STATUS.match(sent):
            continue
        # Which patterns could match: the plain sentence is a part of ``sent``, so a
        # word missing from ``sent`` is missing from it too.
        low = (sent.translate(_FOLD_TRAPS) if traps else sent).lower()
        outcome = _any_in(_BODY_WORDS, sent) and _any_in(_OUTCOME_VERBS, low)
        # The minutes, motion, deferral and "it was agreed" patterns all need "was"/"were".
        was = "was" in low or "were" in low
        minutes = was and "inute" in sent
        motion = was and _any_in(_MOTION_WORDS, low)
        deferral = was and _any_in(_DEFERRAL_WORDS, low)
        agreed = was and ("agreed" in low or "resolved" in low)
        if not (outcome or minutes or motion or deferral or agreed or "That" in sent):
            continue
        plain = _plain(sent)
        hit = None
        if outcome:
            hit = _OUTCOME.search(plain)
            if hit and _NOTED_THAT.search(plain):
                hit = None
        if not hit and minutes:
            hit = _MINUTES_OUTCOME.search(plain)
        if not hit and motion:
            hit = _MOTION_OUTCOME.search(plain)
        if not hit and deferral:
            hit = _DEFERRED.search(plain)
        it_was = _IT_WAS_AGREED.search(plain) if agreed else None
        if it_was:
            # "It was agreed that the officer would circulate ..." is a promise, not a decision.
            hit = None if _WOULD_CLAUSE.search(plain[it_was.start() :]) else it_was
        if not hit and plain.startswith("That") and sent != plain:
            hit = _THAT_BE.match(plain)
        if not hit:
            continue
        before = plain[: hit.start()]
        if _OF_BEFORE.search(before):
            continue  # "The Chairman of the Scrutiny Committee agreed to ..." is a person speaking
        if _REPORTED.search(before) or _QUESTION_BEFORE.search(before):
            continue
        if _HAD_BEEN.search(plain[hit.start() : hit.end() + 1]):
            continue
        out.append(Decision(classify(plain), plain, Span(s, e)))
    return out


def _motion_statuses(ls: list[Line]) -> list[Decision]:
    out: list[Decision] = []
    for k, ln in enumerate(ls):
        m = _MOTION_STATUS.match(ln.text) if ln.text.startswith(("M", "m")) else None
        if not m:
            continue
        motion = next(
            (
                p
                for p in reversed(ls[max(0, k - 3) : k])
                if p.text.lower().startswith(("motion", "amendment"))
            ),
            None,
        )
        first = motion or ln
        status = m.group(1).lower()
        wording = clean(f"{motion.text if motion else ''} Motion status: {m.group(1)}")
        kind: DecisionKind
        if status in ("rejected", "lost", "fell", "defeated"):
            kind = "rejected"
        elif motion and _PERMIT.search(motion.text):
            kind = "approved"
        elif motion and _DEFER.search(motion.text):
            kind = "deferred"
        else:
            kind = "agreed"
        out.append(Decision(kind, wording, Span(first.start, ln.end)))
    return out


def _within(pos: int, decisions: list[Decision]) -> bool:
    for o in decisions:
        if o.span and o.span.start <= pos < o.span.end:
            return True
    return False


def _dedupe(decisions: list[Decision]) -> list[Decision]:
    """A resolution printed twice (under "Decision:" and in the minutes) counts once."""
    seen: set[str] = set()
    out: list[Decision] = []
    for d in decisions:
        key = d.text.lower()
        if key.startswith(("resolved", "that")):
            key = _LEADING_RESOLVED.sub("", key)
        key = _LEADING_NUMBER.sub("", _NON_ALNUM.sub(" ", key).strip())
        if key in seen or (d.span and _within(d.span.start, out)):
            continue
        seen.add(key)
        out.append(d)
    return out
