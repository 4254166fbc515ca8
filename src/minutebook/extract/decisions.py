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


def classify(text: str) -> DecisionKind:
    """The kind of a decision from its wording.

    >>> classify("RESOLVED that the minutes be approved as a correct record.")
    'approved'
    >>> classify("Resolved to RECOMMEND: (to Council) That the terms be approved.")
    'recommended'
    """
    t = text.lower()
    resolved = bool(re.match(r"^(?:unanimously\s+)?resolved\b", t))
    t = re.sub(r"^(?:unanimously\s+)?resolved\b\W*(?:that\b\W*)?", "", t)
    if re.search(r"\b(?:thanked|congratulated|commends?|welcomed)\b", t) and not re.search(
        r"\b(?:noted?|approved?|agreed?)\b", t
    ):
        return "other"
    if re.search(
        r"\brecommend(?:s|ed)?\b(?!ation)|\bto recommend\b|\bbe recommended\b", t
    ) and not re.search(r"\brecommendations? (?:of|from|in|set out)\b", t):
        return "recommended"
    if re.search(r"\b(?:deferred|adjourned|postponed|be deferred)\b", t):
        return "deferred"
    if re.search(
        r"\b(?:rejected|refused|not (?:be )?approved|defeated|(?:was|were) lost|"
        r"motion status:\s*(?:lost|fell))\b",
        t,
    ):
        return "rejected"
    verbs = {
        "noted": r"\b(?:noted?|be noted|received|receives?|acknowledges?|note)\b",
        "approved": r"\b(?:approved?|approves|granted|permit(?:ted)?|confirmed|carried)\b",
        "agreed": r"\b(?:agreed?|agrees|resolved|decided|appointed|elected|supported|endorsed|"
        r"accepted|"
        r"invited|requested|delegated|be given|authorised|excluded|adopted)\b",
    }
    first: tuple[int, DecisionKind] | None = None
    for kind, pattern in verbs.items():
        m = re.search(pattern, t)
        if m and (first is None or m.start() < first[0]):
            first = (m.start(), kind)  # type: ignore[assignment]
    if first:
        if first[1] == "agreed" and re.search(
            r"\b(?:be|is|are|were|was) (?:approved|granted)\b", t
        ):
            return "approved"
        if first[1] == "agreed" and re.search(r"\bbe (?:noted|received)\b", t):
            return "noted"
        return first[1]
    return "agreed" if resolved else "other"


def extract_decisions(text: str, start: int = 0) -> list[Decision]:
    """All decisions in ``text[start:]``, spans relative to ``text``.

    >>> text = "RESOLVED that:\\n(a) the report be noted;\\n(b) a review be held."
    >>> [d.text for d in extract_decisions(text)]
    ['the report be noted;', 'a review be held.']
    """
    ls = _merge_bare_bullets(lines(text[start:], start))
    found: list[Decision] = []
    covered: list[tuple[int, int]] = []
    i = 0
    while i < len(ls):
        m = _MARKER.match(ls[i].text)
        if not m and _PARAGRAPH_NUMBER.match(ls[i].bullet):
            m = _MARKER.match(ls[i].body)
        if m and _is_marker(m, ls[i].text):
            block, i = _resolution(text, ls, i, m)
            for d in block:
                found.append(d)
            if block:
                covered.append((block[0].span.start if block[0].span else 0, ls[i - 1].end))
            continue
        i += 1
    for d in _prose_outcomes(text, start, covered):
        found.append(d)
    return _dedupe(sorted(found, key=lambda d: d.span.start if d.span else 0))


def _is_marker(m: re.Match[str], line: str) -> bool:
    word, rest = m.group("m"), m.group("rest")
    if word in ("Decision", "Decisions", "DECISION", "THE DECISION"):
        return rest.strip() in ("", ":", ":-", "-")
    if word in ("AGREED", "Agreed", "NOTED", "APPROVED"):
        # "AGREED that the Minute be approved" opens a resolution; "Agreed the
        # temporary arrangements" inside a numbered list is a sub-point.
        return word.isupper()
    if word == "Resolved" and re.match(r"\s*(?:by|at|in)\b", rest):
        return False
    return True


def _merge_bare_bullets(ls: list[Line]) -> list[Line]:
    out: list[Line] = []
    pending: Line | None = None
    for ln in ls:
        if _SUBPOINT_ONLY.match(ln.text) or ln.text in ("·", "•", "-"):
            pending = ln
            continue
        if pending is not None:
            ln = Line(pending.start, ln.end, f"{pending.text} {ln.text}", pending.text, ln.start)
            pending = None
        out.append(ln)
    return out


def _resolution(text: str, ls: list[Line], i: int, m: re.Match[str]) -> tuple[list[Decision], int]:
    marker_line = ls[i]
    if m.group("m") in ("Decision", "Decisions", "DECISION", "THE DECISION") and i + 1 < len(ls):
        nxt = ls[i + 1]
        # A "Decision(s):" heading over narrative prose is a page section, not a resolution.
        if not (
            nxt.bullet
            or _STANDALONE_VERDICT.match(nxt.text)
            or re.search(r":-?$", nxt.text)
            or re.match(
                r"^(?:That|that|To|RESOLVED|Resolved|"
                r"The (?:Committee|Council|Cabinet|Board|Panel)\b)",
                nxt.text,
            )
        ):
            return [], i + 1
    rest = m.group("rest").strip(" :-–—;")
    rest = re.sub(r"^(?:that|That)\s*[:;,-]*\s*$", "", rest)
    # "RESOLVED that:", "Resolved to RECOMMEND: (to Council)", "The Council:-" introduce
    # what follows; "RESOLVED that the report be noted." is complete in itself.
    raw_rest = m.group("rest").strip()
    intro_only = not _STANDALONE_VERDICT.match(m.group(0)) and (
        not rest or bool(re.search(r"[:;]-?\s*(?:\([^)]*\))?$", raw_rest))
    )
    j = i + 1
    subpoints: list[Line] = []
    body: list[Line] = []
    while j < len(ls):
        ln = ls[j]
        next_marker = _MARKER.match(ln.text)
        if _STOP.match(ln.text) or (next_marker and _is_marker(next_marker, ln.text)):
            break
        if _PARAGRAPH_NUMBER.match(ln.bullet):
            break  # the next numbered paragraph of the minutes
        if ln.bullet and re.match(r"^\(?(?:[a-z]{1,2}|[ivx]{1,5}|\d{1,2})[.)]", ln.bullet):
            subpoints.append(ln)
        elif re.match(r"^(?:That|that)[:;\s-]*$", ln.text) and not subpoints and not body:
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
                    Decision(
                        classify(m.group("m") + " " + content), content, Span(sp.start, sp.end)
                    )
                )
        return decisions, j
    inline = _inline_subpoints(text, marker_line) if not subpoints and not body else []
    if len(inline) >= 2:
        return [Decision(classify(m.group("m") + " " + t), t, sp) for t, sp in inline], j
    heading = m.group("m") in ("Decision", "Decisions", "DECISION", "THE DECISION") and body
    # A "Decision:" heading is not part of the decision's words; "RESOLVED that" is.
    pieces = ([] if heading else [marker_line]) + body + (subpoints if subpoints else [])
    start, end = pieces[0].start, pieces[-1].end
    full = clean(" ".join(p.body if p is marker_line else p.text for p in pieces))
    full = re.sub(r"^it\s+was\s*:?-?\s*", "", full)
    # Words beyond the marker: "RESOLVED th" (an excerpt cut off) has too few to count.
    words = full.split() if heading else full.split()[1:]
    verdict = _STANDALONE_VERDICT.match(full) or _STANDALONE_VERDICT.match(m.group(0).strip())
    if verdict or len(words) >= 2:
        return [Decision(classify(full), full, Span(start, end))], j
    return [], j


_INLINE_POINT = re.compile(r"(?:^|\s)\((?:\d{1,2}|[a-z]|[ivx]{1,4})\)\s+")


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


def _tidy(sentence: str) -> str:
    """Drop page labels and table-cell rules that flattened layouts leave in a sentence."""
    sentence = re.sub(
        r"^(?:(?:Minutes|Decision|Decisions|Additional documents)\s*:\s*)+", "", sentence
    )
    return re.sub(r"\s*\|[\s|]*$", "", sentence).strip()


def _continues(line: str) -> bool:
    return not re.search(r"[.;]\s*(?:and|or)?$", line) or line.endswith(":")


def _prose_outcomes(text: str, start: int, covered: list[tuple[int, int]]) -> list[Decision]:
    out: list[Decision] = []
    body = text[start:]
    for s, e, sent in sentences(body, start):
        if any(a <= s < b for a, b in covered):
            continue
        if _MOTION_STATUS.match(sent):
            continue
        plain = _tidy(strip_bullet(sent))
        hit = _OUTCOME.search(plain)
        if hit and _NOTED_THAT.search(plain):
            hit = None
        hit = (
            hit
            or _MINUTES_OUTCOME.search(plain)
            or _MOTION_OUTCOME.search(plain)
            or _DEFERRED.search(plain)
        )
        it_was = _IT_WAS_AGREED.search(plain)
        if it_was:
            # "It was agreed that the officer would circulate ..." is a promise, not a decision.
            hit = None if _WOULD_CLAUSE.search(plain[it_was.start() :]) else it_was
        if not hit and _THAT_BE.match(plain) and sent != plain:
            hit = _THAT_BE.match(plain)
        if not hit:
            continue
        before = plain[: hit.start()]
        if re.search(r"\bof(?:\s+the)?\s*$", before):
            continue  # "The Chairman of the Scrutiny Committee agreed to ..." is a person speaking
        if _REPORTED.search(before) or re.search(r"\b(?:had|asked|if|whether|would)\s*$", before):
            continue
        if re.search(
            r"\bhad\s+(?:been\s+)?(?:agreed|noted|approved|resolved)\b",
            plain[hit.start() : hit.end() + 1],
        ):
            continue
        out.append(Decision(classify(plain), plain, Span(s, e)))
    out.extend(_motion_statuses(text, start))
    return out


def _motion_statuses(text: str, start: int) -> list[Decision]:
    out: list[Decision] = []
    ls = lines(text[start:], start)
    for k, ln in enumerate(ls):
        m = _MOTION_STATUS.match(ln.text)
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
        elif motion and re.search(r"\b(?:permit|approve|grant)\b", motion.text, re.I):
            kind = "approved"
        elif motion and re.search(r"\bdefer", motion.text, re.I):
            kind = "deferred"
        else:
            kind = "agreed"
        out.append(Decision(kind, wording, Span(first.start, ln.end)))
    return out


def _dedupe(decisions: list[Decision]) -> list[Decision]:
    """A resolution printed twice (under "Decision:" and in the minutes) counts once."""
    seen: set[str] = set()
    out: list[Decision] = []
    for d in decisions:
        key = re.sub(
            r"[^a-z0-9]+", " ", re.sub(r"^(?:resolved|that)\W*", "", d.text.lower())
        ).strip()
        key = re.sub(r"^(?:\d+|[a-z]|[ivx]+)\s+", "", key)
        if key in seen or any(
            o.span and d.span and o.span.start <= d.span.start < o.span.end for o in out
        ):
            continue
        seen.add(key)
        out.append(d)
    return out
