"""Undertakings: promises of future action made at the meeting.

"The Portfolio Holder undertook to report back on ...", "Michele Lucas said
that she would send an update ...", "It was agreed that the Director would
look into this data", "The Chair asked Mr Ian Wills (Lawyer) to look into
this issue", and resolutions that direct future action ("That the Officer be
requested to canvass ...", "the information is circulated to the Panel").
"""

from __future__ import annotations

import re

from minutebook.extract.names import BODY_WORDS, TITLE_WORDS, is_role, looks_like_name, strip_title
from minutebook.extract.text import sentences, strip_bullet
from minutebook.models import Decision, Span, Undertaking

ACTION_VERBS = (
    "provide|send|circulate|circulating|report|update|look|arrange|write|contact|share|forward|ensure|"
    "raise|investigate|consider|bring|meet|discuss|check|respond|follow|liaise|confirm|clarify|"
    "e-?mail|feed|take|review|organise|organize|mention|come|seek|explore|chase|pass|include|produce|"
    "give|present|prepare|publish|invite|hold|add|speak|ask|convene|canvass|progress|find|supply|"
    "obtain|establish|set|draft|submit|return|pursue|reconsider|notify|inform|visit|circulated|"
    "keep|monitor|examine|request|develop|deliver|make|put|refer|approach|write|investigate"
)
_ING = (
    r"circulating|arranging|writing|sending|providing|contacting|sharing|looking|meeting|reviewing|"
    r"raising|preparing|organising|bringing|reporting|following|liaising|updating|producing|"
    r"investigating|forwarding|checking|seeking|holding|publishing"
)
_SUBJ = (
    rf"(?:(?:the|The)\s+[A-Z][\w'’&\-]*(?:(?:,|\s[–-])?\s+(?:[A-Z][\w'’&\-]*|of|for|and|the|with|on|in|to|&)){{0,10}}|"
    rf"(?:(?:{TITLE_WORDS})\.?\s+)[A-Z][\w'’.\-]*(?:\s+[A-Z][\w'’.\-]*){{0,3}}|"
    rf"[A-Z][a-z][\w'’\-]+(?:\s+[A-Z][\w'’\-]+){{1,2}}|[Hh]e|[Ss]he|[Tt]hey|[Oo]fficers)"
)
_UNDERTOOK = re.compile(
    rf"(?:(?P<by>{_SUBJ})\s*(?:\([^)]*\)\s*)?(?:,[^,]{{0,120}},)?\s+)?(?:also\s+|further\s+|then\s+|and\s+)?"
    r"undert(?:ook|akes)\s+to\s+(?P<action>[^.;]+)"
)
_AGREED_TO = re.compile(
    rf"(?P<by>{_SUBJ})\s+(?:\([^)]*\)\s+)?(?:had\s+)?(?:kindly\s+)?(?:agreed|offered|promised|committed)\s+to\s+"
    rf"(?P<action>(?:{ACTION_VERBS})\b[^.;]*)"
)
_IT_WAS_AGREED_TO = re.compile(
    rf"\b(?:[Ii]t\s+was\s+(?:agreed|AGREED)|[Aa]n?\s+undertaking\s+was\s+(?:given|made))\s+to\s+"
    rf"(?P<action>(?:{ACTION_VERBS})\b[^.;]*)"
)
_AGREED_FOR = re.compile(r"\bagreed\s+for\s+(?P<by>.+?)\s+to\s+(?P<action>[^.;]+)")
_DELEGATE = re.compile(
    r"\b(?:delegate|DELEGATE)\s+to\s+(?:the\s+)?(?P<by>[^,]+?)\s+to\s+(?P<action>[^.;]+)"
)
_WOULD = re.compile(
    rf"(?P<by>{_SUBJ})\s+(?:\([^)]*\)\s+)?(?:would|will|undertook to|agreed to)\s+"
    r"(?:also\s+|now\s+|then\s+|formally\s+|"
    rf"personally\s+|be\s+happy\s+to\s+|endeavour\s+to\s+)*(?:be\s+(?={_ING}))?"
    rf"(?P<action>(?:{ACTION_VERBS}|{_ING})\b(?:(?!\botherwise\b)[^.;])*)"
)
_AND_WOULD = re.compile(
    rf"\b(?:and|but)\s+(?:would|agreed\s+to|undertook\s+to|offered\s+to|promised\s+to)\s+(?:also\s+)?(?:be\s+(?={_ING}))?"
    rf"(?P<action>(?:{ACTION_VERBS}|{_ING})\b(?:(?!\botherwise\b)[^.;])*)"
)
_SPEAKER_THAT = re.compile(
    rf"^(?:In\s+response[^,]*,\s+)?(?P<by>{_SUBJ})\s+(?:\([^)]*\)\s+)?(?:said|advised|added|confirmed|stated|"
    r"explained|replied|responded|told\s+the\s+\w+|assured\s+\w+|informed\s+[\w ]+?)\s+(?:that\s+)?"
)
_PASSIVE = re.compile(
    r"\b(?P<what>[\w'’ ]{0,80}?)\s+would\s+be\s+"
    r"(?:(?:further\s+)?(?:looked\s+into|circulated|provided|shared|"
    r"sent|forwarded|brought|reported|investigated|followed\s+up|picked\s+up|passed\s+on|"
    r"published|arranged|organised|checked|raised|explored|considered\s+further|clarified))\b[^.;]*"
)
_IT_WAS_AGREED = re.compile(
    r"\bIt\s+was\s+(?:agreed|AGREED|requested|suggested\s+and\s+agreed)\s+that\s+(?P<clause>[^.]+)"
)
_ASKED_TO = re.compile(
    rf"\b(?:asked|requested|instructed|invited)\s+(?P<by>(?:(?:{TITLE_WORDS})\.?\s+)?[A-Z][\w'’.\-]*"
    rf"(?:\s+[A-Z][\w'’.\-]*){{0,3}}(?:\s+\([^)]*\))?|the\s+[A-Z][\w'’\-]*(?:\s+(?:[A-Z][\w'’\-]*|of|for|and))*)"
    rf"\s+to\s+"
    rf"(?P<action>(?:{ACTION_VERBS})\b[^.;]*)"
)
_FUTURE_RESOLUTION = re.compile(
    r"\bbe\s+(?:requested|asked|invited|instructed)\s+to\b|\b(?:is|are|be)\s+(?:circulated|undertaken|"
    r"presented|arranged|provided|brought|reported|submitted|kept\s+under\s+review)\b|\breturns?\s+to\b|"
    r"\bwill\s+(?:seek|provide|report|bring|consider|review|circulate|arrange|write|return)\b|"
    r"\breceived\s+further\s+details\b|\bshould\s+(?:also\s+)?be\s+(?:organised|arranged|held)\b"
)
_NOT_PROMISE = re.compile(r"\b(?:if|whether|asked\s+(?:if|whether|when|what|how))\s*$")
_RESOLUTION_LEAD = re.compile(
    r"^(?:The\s+\w+(?:\s+\w+)?\s+(?:agreed|resolved|decided)\s+that\s+|That,?\s+)"
)
_BE_REQUESTED = re.compile(r"\bbe\s+(?:requested|asked|instructed)\s+to\s+(?P<a>.+)$")


def extract_undertakings(
    text: str, start: int = 0, decisions: list[Decision] | None = None
) -> list[Undertaking]:
    """Undertakings in ``text[start:]`` and in the item's resolutions, spans into ``text``.

    >>> [(u.by, u.action) for u in extract_undertakings(
    ...     "After discussion, the Assistant Town Clerk undertook to report back to Committee.")]
    [('Assistant Town Clerk', 'report back to Committee')]
    """
    out: list[Undertaking] = []
    speaker: str | None = None
    for s, e, sent in sentences(text[start:], start):
        plain = strip_bullet(sent)
        found = _from_sentence(plain, speaker)
        for by, action in found:
            out.append(Undertaking(by, _trim(action), plain, Span(s, e)))
        speaker = _last_speaker(plain) or speaker
    for d in decisions or []:
        if _FUTURE_RESOLUTION.search(d.text) and not any(
            u.span and d.span and u.span.start <= d.span.start < u.span.end for u in out
        ):
            action = _RESOLUTION_LEAD.sub("", strip_bullet(d.text))
            requested = _BE_REQUESTED.search(action)
            if requested:
                action = requested.group("a")
            out.append(Undertaking(_resolution_actor(d.text), _trim(action), d.text, d.span))
    return _dedupe(out)


# Every undertaking pattern needs one of these words. Most sentences promise nothing,
# and testing the words with ``in`` costs far less than a scan with the patterns.
_CUE_WORDS = tuple(
    "undert agreed AGREED would will asked requested instructed invited delegate DELEGATE "
    "offered promised committed".split()
)
# The patterns that open with a subject (``_SUBJ``) have no fixed first character, so a
# search tries the subject at every position of the sentence. Their verb phrases
# begin with a literal that a search finds fast; where the phrase is absent, so is
# every match of the whole pattern.
_UNDERTOOK_VERB = re.compile(r"undert(?:ook|akes)\s+to\s+[^.;]")
_AGREED_TO_VERB = re.compile(rf"(?:agreed|offered|promised|committed)\s+to\s+(?:{ACTION_VERBS})\b")
_WOULD_VERB = re.compile(
    r"(?:would|will|undertook to|agreed to)\s+(?:also\s+|now\s+|then\s+|formally\s+|"
    rf"personally\s+|be\s+happy\s+to\s+|endeavour\s+to\s+)*(?:be\s+(?={_ING}))?"
    rf"(?:{ACTION_VERBS}|{_ING})\b"
)
_IT_WAS_AGREED_VERB = re.compile(
    r"It\s+was\s+(?:agreed|AGREED|requested|suggested\s+and\s+agreed)\s+that\s+[^.]"
)
_SPEAKER_VERBS = tuple(
    "said advised added confirmed stated explained replied responded told assured informed".split()
)
_ASKED_WORDS = ("asked", "requested", "instructed", "invited")
_PASSIVE_VERB = re.compile(
    r"would\s+be\s+(?:(?:further\s+)?(?:looked\s+into|circulated|provided|shared|"
    r"sent|forwarded|brought|reported|investigated|followed\s+up|picked\s+up|passed\s+on|"
    r"published|arranged|organised|checked|raised|explored|considered\s+further|clarified))\b"
)
_PRONOUN = frozenset(("He", "he", "She", "she", "They", "they"))
_PERSONAL = _PRONOUN | {"Officers", "officers"}
_GENERIC = _PERSONAL | {"We", "we"}
_LEADING_THE = re.compile(r"^(?:the|The)\s+")
_TITLE_LEAD = re.compile(rf"^(?:{TITLE_WORDS})\b")
_BRACKETED = re.compile(r"\s*\([^)]*\)")
_IT_OR_THIS_BE = re.compile(r"^(?:it|this)\s+be\s+")
_THAT = re.compile(r"\bthat\s+")
_NOT_ACTOR = re.compile(r"^(?:Members|the\s+Committee|the\s+Council)")


def _mentions(sent: str, words: tuple[str, ...]) -> bool:
    for word in words:
        if word in sent:
            return True
    return False


def _from_sentence(sent: str, speaker: str | None) -> list[tuple[str | None, str]]:
    found: list[tuple[str | None, str]] = []
    if not _mentions(sent, _CUE_WORDS):
        return found
    if _UNDERTOOK_VERB.search(sent):
        for m in _UNDERTOOK.finditer(sent):
            by = _who(m.group("by"), speaker) if m.group("by") else speaker
            found.append((by, m.group("action")))
        if found:
            return found
    agreed = "agreed" in sent
    if agreed or "AGREED" in sent or "undertaking" in sent:
        agreed_to = _IT_WAS_AGREED_TO.search(sent)
        if agreed_to:
            return [(None, agreed_to.group("action"))]
    if agreed:
        agreed_for = _AGREED_FOR.search(sent)
        if agreed_for:
            return [(_who(agreed_for.group("by"), speaker), agreed_for.group("action"))]
    if "delegate" in sent or "DELEGATE" in sent:
        delegate = _DELEGATE.search(sent)
        if delegate:
            found.append((_who(delegate.group("by"), speaker), delegate.group("action")))
    it_was = _IT_WAS_AGREED.search(sent) if _IT_WAS_AGREED_VERB.search(sent) else None
    if it_was:
        clause = it_was.group("clause")
        w = _WOULD.search(clause)
        if w and _person(w.group("by")):
            found.append((_who(w.group("by"), speaker), w.group("action")))
            rest = clause[w.end() :]
            for extra in _WOULD.finditer(rest):
                if _person(extra.group("by")):
                    found.append((_who(extra.group("by"), speaker), extra.group("action")))
        else:
            found.append((None, _IT_OR_THIS_BE.sub("", clause)))
        return found
    speaker_that = _SPEAKER_THAT.match(sent) if _mentions(sent, _SPEAKER_VERBS) else None
    if _AGREED_TO_VERB.search(sent):
        for m in _AGREED_TO.finditer(sent):
            if _person(m.group("by")) and not _NOT_PROMISE.search(sent[: m.start()]):
                found.append((_who(m.group("by"), speaker), m.group("action")))
    if found:
        return found
    if _WOULD_VERB.search(sent):
        for m in _WOULD.finditer(sent):
            if _NOT_PROMISE.search(sent[: m.start()]):
                continue
            by_text = m.group("by")
            if not _person(by_text) and not (speaker_that and m.start() >= speaker_that.end()):
                continue
            by = _who(by_text, speaker)
            generic = by_text.strip() in _GENERIC
            if (
                speaker_that
                and m.start() >= speaker_that.end()
                and (generic or not _person(by_text))
            ):
                # "The Portfolio Holder confirmed that officers would ...": the speaker promised.
                by = _who(speaker_that.group("by"), speaker)
            found.append((by, m.group("action")))
    if not found and speaker_that:
        for m in _AND_WOULD.finditer(sent, speaker_that.end()):
            found.append((_who(speaker_that.group("by"), speaker), m.group("action")))
    if found:
        return found
    if _mentions(sent, _ASKED_WORDS):
        m2 = _ASKED_TO.search(sent)
        if m2 and not _NOT_ACTOR.match(m2.group("by")):
            return [(_who(m2.group("by"), speaker), m2.group("action"))]
    p = _passive(sent)
    if p and not _NOT_PROMISE.search(sent[: p.start()]) and not _quoted(sent, p.start()):
        by = _who(speaker_that.group("by"), speaker) if speaker_that else None
        clause = _THAT.split(p.group(0))[-1]
        return [(by, clause.strip())]
    return []


def _passive(sent: str) -> re.Match[str] | None:
    """``_PASSIVE.search(sent)``, started where a match can first begin.

    A match ends its lazy ``what`` (at most 80 characters) and a run of spaces
    right before a "would be ..." phrase, so it cannot begin earlier than that.
    """
    if "would" not in sent:
        return None
    begin = len(sent)
    for verb in _PASSIVE_VERB.finditer(sent):
        at = verb.start()
        spaces = len(sent[:at]) - len(sent[:at].rstrip())
        begin = min(begin, at - spaces - 80)
    return _PASSIVE.search(sent, max(begin, 0)) if begin < len(sent) else None


def _quoted(sent: str, at: int) -> bool:
    """Whether ``at`` falls inside a quotation (an earlier minute quoted back)."""
    before = sent[:at]
    return before.count("“") > before.count("”") or before.count('"') % 2 == 1


def _person(subject: str) -> bool:
    subject = subject.strip()
    if subject in _PERSONAL:
        return True
    bare = _LEADING_THE.sub("", subject)
    if BODY_WORDS.match(subject) or BODY_WORDS.match(bare):
        return False
    return (
        is_role(bare)
        or looks_like_name(strip_title(subject))
        or _TITLE_LEAD.match(subject) is not None
    )


def _who(subject: str | None, speaker: str | None) -> str | None:
    if not subject:
        return speaker
    subject = _BRACKETED.sub("", subject).strip(" ,")
    if subject in _PRONOUN:
        return speaker
    subject = _LEADING_THE.sub("", subject)
    return strip_title(subject) or None


# A speaker is named at the start of a sentence or of a clause, after a comma or a
# spaced dash: "In response, the Director said ...", "... – Councillor Smith explained".
_SPOKE = (
    r"(?:In\s+response[^,]*,\s+|In\s+regards?\s+to[^,]*,\s+)?"
    rf"(?P<by>{_SUBJ})\s+(?:\([^)]*\)\s+)?"
    r"(?:said|advised|added|confirmed|stated|explained|replied|responded|answered|outlined|"
    r"presented|reported|was|undertook|referred|informed|thanked|went)\b"
)
# One pattern per place a speaker can stand, each opening with the character that
# marks the place, so that a search skips fast to it instead of trying the subject
# at every position; the dash pattern checks the space before the dash afterwards.
_SPOKE_FIRST = re.compile(_SPOKE)
_SPOKE_AFTER_COMMA = re.compile(rf",\s+{_SPOKE}")
_SPOKE_AFTER_DASH = re.compile(rf"[–—-](?<=\s[–—-])\s+{_SPOKE}")


def _last_speaker(sent: str) -> str | None:
    m = _speaks(sent)
    if m and _person(m.group("by")) and m.group("by") not in _PRONOUN:
        return _who(m.group("by"), None)
    return None


def _speaks(sent: str) -> re.Match[str] | None:
    """The first speaker named in ``sent``: at its start, else after the earliest comma or dash."""
    first = _SPOKE_FIRST.match(sent)
    if first:
        return first
    comma = _SPOKE_AFTER_COMMA.search(sent)
    dash = _SPOKE_AFTER_DASH.search(sent)
    if comma and dash:
        # The dash's match begins at the space before it.
        return comma if comma.start() < dash.start() - 1 else dash
    return comma or dash


_REQUESTED_ACTOR = re.compile(
    r"^(?:(?:RESOLVED|Resolved)\W*)?(?:That|that)?\s*(?:the\s+)?(?P<by>[A-Z][\w ]+?)\s+be\s+"
    r"(?:requested|asked|instructed)\s+to\b"
)
_BODY_WILL = re.compile(r"^(?P<by>Cabinet|The\s+Council|Council)\s+will\b")
_PRESENTED_BY = re.compile(
    r"\bfrom\s+the\s+(?P<by>[A-Z][\w ]*?(?:Member|Holder|Officer|Director)[\w ]*?)"
    r"\s+be\s+presented"
)


def _resolution_actor(text: str) -> str | None:
    m = _REQUESTED_ACTOR.search(strip_bullet(text))
    if m:
        return m.group("by").strip()
    m = _BODY_WILL.search(strip_bullet(text))
    if m:
        return m.group("by")
    m = _PRESENTED_BY.search(text)
    return m.group("by").strip() if m else None


_ASIDE = re.compile(r"\s+(?:otherwise|–|—)\s+")
_NON_WORD = re.compile(r"\W+")


def _trim(action: str) -> str:
    action = _ASIDE.split(action, maxsplit=1)[0]
    return action.strip(" ,.;:")


def _dedupe(items: list[Undertaking]) -> list[Undertaking]:
    seen: set[tuple[str, int]] = set()
    out: list[Undertaking] = []
    for u in items:
        key = (_NON_WORD.sub(" ", u.action.lower()).strip(), u.span.start if u.span else -1)
        if not key[0] or key in seen:
            continue
        seen.add(key)
        out.append(u)
    return out
