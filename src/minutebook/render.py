"""Render a meeting record as published minutes, in a council's house style.

Two house styles, each as plain text (the page as a reader sees it) and as
HTML in ModernGov's markup (``#modgov``, ``h2.mgSubTitleTxt``,
``div.mgWordPara``, ``ul.mgBulletList``):

``modgov_item``
    ModernGov's agenda-item layout. A one-item meeting is an ``mgAi.aspx``
    page ("Agenda item", "Meeting: dd/mm/yyyy - Committee (Item 78)", title,
    "Minutes:", "Supporting documents:"); several items make the meeting page
    (``ieListDocuments.aspx``: "Agenda and minutes", one ``mgItemTable`` row
    per item with its number cell).
``numbered``
    Printed minutes of a whole meeting: a "Committee - Tuesday, 15th March,
    2022" heading, "78. Title" and numbered paragraphs "78.1", "78.2".

The renderer states only what the record holds (``Item.text``, the extracted
source text, is not reprinted). Phrasing varies between a few formulations
real minutes use, chosen deterministically from ``seed`` (by default a hash
of the meeting) and the item, so a generated corpus is not one sentence
repeated and the same record always renders the same way.

>>> import datetime as dt
>>> from minutebook.models import Decision, Item, Meeting
>>> m = Meeting(committee="Cabinet", date=dt.date(2022, 3, 15), items=[
...     Item("78", "Budget monitoring", decisions=[Decision("noted", "the report be noted")])])
>>> print(render_text(m, style="numbered", seed=0))
Cabinet - Tuesday, 15th March, 2022
<BLANKLINE>
Minutes
<BLANKLINE>
78. Budget monitoring
<BLANKLINE>
RESOLVED that the report be noted.
<BLANKLINE>
"""

from __future__ import annotations

import html
import re
import zlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol, TypeVar

from minutebook.models import Attendee, Decision, Item, Meeting, RecordedVote, Undertaking

__all__ = ["STYLES", "render_html", "render_text"]

STYLES: tuple[str, ...] = ("modgov_item", "numbered")
"""The house styles :func:`render_text` and :func:`render_html` know."""

T = TypeVar("T")

# Roles held by elected members, who are printed with their title; officers
# and witnesses are printed by name alone, as minutes do.
_MEMBER_ROLE = re.compile(
    r"\b(?:Portfolio Holder|Cabinet Member|Lead Member|Cabinet Spokesperson|Executive Member"
    r"|Leader|Mayor)\b"
)
_TITLED = re.compile(r"^(?:Councillor|Cllr|Mr|Mrs|Ms|Miss|Dr)\.?\s", re.I)
# Words that make a `by` a role ("Director of Public Health") rather than a name.
_ROLE_WORD = re.compile(
    r"\b(?:Holder|Member|Members|Director|Head|Manager|Officer|Officers|Chair|Chairman|Leader"
    r"|Executive|Lead|Spokesperson|Clerk|Adviser|Advisor|Solicitor|Commissioner|Service"
    r"|Council|Committee|Panel|Cabinet|Team|Partnership)\b"
)
# A decision text as extraction stores it carries its lead-in and marker
# ("RESOLVED: That ...", "(b) ..."); strip them so the renderer adds its own.
_RESOLVED_LEAD = re.compile(
    r"^\s*(?:it\s+was\s+)?resolved\b\s*(?:[:\-–—]\s*)?(?:that\b\s*:?\s*)?", re.I
)
_MARKER = re.compile(r"^\s*(?:\(?(?:[a-z]|[ivx]{1,4}|\d{1,2})\))\s*", re.I)
_THAT = re.compile(r"^\s*that\b[\s,:]*", re.I)

_ALPHA = "abcdefghijklmnopqrstuvwxyz"
_ROMAN = ("i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii")
_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)
_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def render_text(
    meeting: Meeting, style: str = "modgov_item", *, seed: int | None = None,
    time: str | None = None,
) -> str:
    """The meeting's minutes as plain text in ``style`` (one of :data:`STYLES`).

    ``time`` ("7.30 pm") is printed in the meeting heading where given, since
    the record holds no time.

    >>> from minutebook.models import Item, Meeting
    >>> print(render_text(Meeting(items=[Item(None, "Urgent items")]), seed=0))
    Agenda item
    <BLANKLINE>
    Urgent items
    <BLANKLINE>
    Minutes:
    <BLANKLINE>
    """
    page = _page(meeting, style, seed, time)
    return "\n\n".join(_text_block(b) for b in page) + "\n"


def render_html(
    meeting: Meeting, style: str = "modgov_item", *, seed: int | None = None,
    time: str | None = None,
) -> str:
    """The meeting's minutes as a ModernGov HTML page in ``style``; all text is escaped.

    >>> from minutebook.models import Item, Meeting
    >>> "<h1 class=\\"mgMainTitleTxt\\">Agenda item</h1>" in render_html(
    ...     Meeting(items=[Item(None, "Fees & charges")]))
    True
    """
    page = _page(meeting, style, seed, time)
    title = _page_title(meeting, style)
    return _html_page(meeting, title, page)


# --- Blocks: what a page holds, apart from how text or HTML prints it. -------


@dataclass(slots=True)
class _Para:
    """A paragraph of minutes; ``number`` ("78.1") in numbered minutes."""

    text: str
    number: str | None = None
    bold_lead: str = ""
    """Leading words Word prints in bold ("RESOLVED", a topic label)."""


@dataclass(slots=True)
class _Bullets:
    """Bullet points; ``word`` for Word's Symbol bullets, else ``<ul><li>``."""

    items: list[str]
    word: bool = True
    bold_labels: list[str] = field(default_factory=list)


@dataclass(slots=True)
class _Lines:
    """A lead line and lines under it, each on its own line: RESOLVED (a) (b), roll calls."""

    lead: str
    lines: list[str]
    bold_lead: str = ""


@dataclass(slots=True)
class _Heading:
    """Page furniture: banner, titles, labels such as "Minutes:"."""

    text: str
    kind: str
    """``banner``, ``h1``, ``h2``, ``title``, ``label`` or ``section`` (a label within minutes)."""
    url: str | None = None
    """For a title: the item's main document, which ModernGov links the title to."""


@dataclass(slots=True)
class _Docs:
    """Links to an item's documents."""

    docs: list[tuple[str, str | None]]


@dataclass(slots=True)
class _Row:
    """One agenda item on a meeting page: number cell and the item's blocks."""

    number: str
    blocks: list[_Block]


@dataclass(slots=True)
class _Word:
    """Minutes prose, as ModernGov wraps Word HTML in ``div.mgWordPara``."""

    blocks: list[_Block]


_Block = _Para | _Bullets | _Lines | _Heading | _Docs | _Row | _Word


# --- Choosing phrasings. -----------------------------------------------------


@dataclass(slots=True)
class _Voice:
    """Deterministic choices for one meeting: same record, same words."""

    seed: int
    title: str = "Councillor"
    rule_name: str = "Council rule"
    body: str = "The Committee"

    def pick(self, options: Sequence[T], *keys: object) -> T:
        digest = zlib.crc32("|".join(map(str, (self.seed, *keys))).encode())
        return options[digest % len(options)]

    def flip(self, *keys: object, odds: int = 2) -> bool:
        """True one time in ``odds``, decided by ``keys``."""
        return self.pick(range(odds), *keys) == 0

    def member(self, name: str) -> str:
        return name if _TITLED.match(name) else f"{self.title} {name}"

    def members(self, names: Sequence[str]) -> str:
        if any(_TITLED.match(n) for n in names) or len(names) == 1:
            return _join([self.member(n) for n in names])
        return f"{self.title}s {_join(list(names))}"


def _meeting_seed(meeting: Meeting) -> int:
    parts = [meeting.council, meeting.committee, meeting.date]
    parts += [f"{i.number}:{i.title}" for i in meeting.items]
    return zlib.crc32("|".join(map(str, parts)).encode())


def _voice(meeting: Meeting, seed: int | None) -> _Voice:
    seed = _meeting_seed(meeting) if seed is None else seed
    voice = _Voice(seed)
    voice.rule_name = voice.pick(
        ("Council rule", "Council Procedure Rule", "Standing Order", "Committee Procedure Rule"),
        "rule",
    )
    committee = meeting.committee or ""
    # The body speaks of itself by its kind ("The Panel noted ..."), as minutes do.
    for word, noun in (
        ("Sub-Committee", "The Sub-Committee"), ("Panel", "The Panel"), ("Board", "The Board"),
        ("Cabinet", "Cabinet"), ("Committee", "The Committee"), ("Council", "Council"),
    ):
        if word.lower() in committee.lower():
            voice.body = noun
            break
    return voice


# --- Page layouts. -------------------------------------------------------------


def _page(meeting: Meeting, style: str, seed: int | None, time: str | None) -> list[_Block]:
    if style not in STYLES:
        raise ValueError(f"unknown style {style!r}; choose one of {', '.join(STYLES)}")
    voice = _voice(meeting, seed)
    blocks: list[_Block] = []
    if meeting.council:
        blocks.append(_Heading(meeting.council, "banner"))
    if style == "numbered":
        return blocks + _numbered_page(meeting, voice, time)
    if len(meeting.items) == 1:
        return blocks + _agenda_item_page(meeting, meeting.items[0], voice)
    return blocks + _meeting_page(meeting, voice, time)


def _agenda_item_page(meeting: Meeting, item: Item, voice: _Voice) -> list[_Block]:
    """ModernGov ``mgAi.aspx``: the item number shows only in the "Meeting:" line."""
    blocks: list[_Block] = [_Heading("Agenda item", "h1")]
    where = " - ".join(x for x in (_short_date(meeting), meeting.committee) if x)
    if where:
        number = f" (Item {_bare_number(item.number)})" if item.number else ""
        blocks.append(_Heading(f"Meeting: {where}{number}", "h2"))
    if item.title:
        blocks.append(_Heading(item.title, "title"))
    if item.purpose:
        blocks.append(_Word([_Para(item.purpose)]))
    blocks.append(_Heading("Minutes:", "label"))
    body = _item_body(item, voice, numbered=False)
    if body:
        blocks.append(_Word(body))
    if item.documents:
        blocks.append(_Heading("Supporting documents:", "label"))
        blocks.append(_Docs([(d.title, d.url) for d in item.documents]))
    return blocks


def _meeting_page(meeting: Meeting, voice: _Voice, time: str | None) -> list[_Block]:
    """ModernGov ``ieListDocuments.aspx``: every item with its number cell."""
    blocks: list[_Block] = [_Heading("Agenda and minutes", "h1")]
    heading = _meeting_heading(meeting, time)
    if heading:
        blocks.append(_Heading(heading, "h2"))
    blocks.append(_Heading("Items", "label"))
    for item in meeting.items:
        cell: list[_Block] = []
        if item.title:
            url = item.documents[0].url or "#" if item.documents else None
            cell.append(_Heading(item.title, "title", url))
        if item.purpose:
            cell.append(_Word([_Para(item.purpose)]))
        if len(item.documents) > 1:
            cell.append(_Heading("Additional documents:", "label"))
            cell.append(_Docs([(d.title, d.url) for d in item.documents[1:]]))
        cell.append(_Heading("Minutes:", "label"))
        body = _item_body(item, voice, numbered=False)
        if body:
            cell.append(_Word(body))
        number = _bare_number(item.number) + "." if item.number else ""
        blocks.append(_Row(number, cell))
    return blocks


def _numbered_page(meeting: Meeting, voice: _Voice, time: str | None) -> list[_Block]:
    blocks: list[_Block] = []
    heading = _meeting_heading(meeting, time)
    if heading:
        blocks.append(_Heading(heading, "h2"))
    blocks.append(_Heading("Minutes", "label"))
    for item in meeting.items:
        number = _bare_number(item.number) if item.number else ""
        title = " ".join(x for x in (f"{number}." if number else "", item.title or "") if x)
        if title:
            blocks.append(_Heading(title, "title"))
        body = _item_body(item, voice, numbered=True)
        # Paragraphs are numbered within their minute (78.1, 78.2); RESOLVED
        # blocks and bullets run on under the paragraph before them.
        if re.fullmatch(r"\d+", number):
            count = 0
            for block in body:
                if isinstance(block, _Para) and block.number == "":
                    count += 1
                    block.number = f"{number}.{count}"
        for block in body:
            if isinstance(block, _Para) and block.number == "":
                block.number = None
        if body:
            blocks.append(_Word(body))
    return blocks


# --- An item's minutes. ---------------------------------------------------------


def _item_body(item: Item, voice: _Voice, *, numbered: bool) -> list[_Block]:
    """The minutes of one item, in the order minutes print them.

    Paragraphs that numbered minutes number carry ``number=""``.
    """
    key = (item.number, item.title)
    out: list[_Block] = []

    def para(text: str, bold: str = "") -> _Para:
        return _Para(text, "" if numbered else None, bold)

    if item.apologies:
        out.append(para(_apologies_sentence([a.name for a in item.apologies], voice, key)))
    elif _is_about(item, "apolog"):
        out.append(para("There were no apologies for absence."))
    for sub in item.substitutes:
        if sub.substituting_for:
            out.append(para(voice.pick((
                "{a} attended as a substitute for {b}.",
                "{a} was present as a substitute for {b}.",
            ), *key, "sub", sub.member).format(
                a=voice.member(sub.member), b=voice.member(sub.substituting_for))))
        else:
            out.append(para(f"{voice.member(sub.member)} attended as a substitute member."))
    for decl in item.declarations:
        out.append(para(_declaration_sentence(decl.member, decl.kind, decl.item, decl.text, voice)))
    if not item.declarations and _is_about(item, "declaration"):
        out.append(para(voice.pick((
            "There were no declarations of interest.",
            "No declarations of interest were made.",
        ), *key, "nodecl")))

    out += _attendance(item.attendees, voice, key, para)

    pending = list(item.undertakings)
    if item.topics:
        out += _topics(item, pending, voice, key, para, numbered)
    for und in pending:
        out.append(para(_undertaking_sentence(und, item, voice, key)))

    decisions = _decision_blocks(item.decisions, voice, key, para, numbered)
    if decisions and out and not numbered and voice.flip(*key, "sections", odds=3):
        # Some councils split an item's minutes under "Discussion:"/"Decision:".
        out = [_Heading("Discussion:", "section"), *out, _Heading("Decision:", "section")]
    out += decisions
    out += _votes(item.recorded_votes, voice, key, para)
    return out


def _is_about(item: Item, word: str) -> bool:
    return word in (item.title or "").lower()


def _attendance(
    people: list[Attendee], voice: _Voice, key: tuple[object, ...], para: _ParaMaker,
) -> list[_Block]:
    if not people:
        return []
    named = [a for a in people if a.name]
    if len(people) >= 2 and len(named) == len(people) and voice.flip(*key, "att-list"):
        intro = voice.pick((
            "The following attended for this item:",
            "The following witnesses were welcomed to the meeting:",
            "The following were in attendance:",
        ), *key, "att-intro")
        lines = [", ".join(x for x in (_who(a, voice), a.role) if x) for a in people]
        return [para(intro), _Bullets(lines, word=voice.flip(*key, "att-word"))]
    if len(people) == 1:
        a = people[0]
        if a.name and a.role:
            who = _who(a, voice)
            forms = [
                f"{who} ({a.role}) attended the meeting and answered Members' questions.",
                f"{voice.body} welcomed {who} ({a.role}) to the meeting.",
            ]
            if "," not in a.role:
                forms += [f"{who}, {a.role}, was in attendance.",
                          f"{voice.body} welcomed {who}, {a.role}, to the meeting."]
            return [para(voice.pick(forms, *key, "att1"))]
        if a.name:
            return [para(voice.pick((
                f"{a.name} presented the report.",
                f"{_who(a, voice)} was in attendance for this item.",
            ), *key, "att1n"))]
        role = a.role or ""
        return [para(voice.pick((
            f"The {role} was in attendance.",
            f"The {role} attended the meeting and answered Members' questions.",
        ), *key, "att1r"))]
    # Named people and people known only by role go in separate sentences, in
    # the record's order: "the Director, Councillor A (Role)" would read as
    # one person.
    runs: list[list[Attendee]] = []
    for a in people:
        if runs and bool(runs[-1][0].name) == bool(a.name):
            runs[-1].append(a)
        else:
            runs.append([a])
    verbs = voice.pick((
        ("was in attendance", "were in attendance"),
        ("attended the meeting and responded to Members' questions",
         "attended the meeting and responded to Members' questions"),
        ("was in attendance and, with the consent of the Chair, addressed the meeting",
         "were in attendance and, with the consent of the Chair, addressed the meeting"),
    ), *key, "attn")
    sentences = []
    for n, run in enumerate(runs):
        parts = [(f"{_who(a, voice)} ({a.role})" if a.role else _who(a, voice)) if a.name
                 else f"the {a.role}" for a in run]
        verb = verbs[len(run) > 1] if n == 0 else ("was" if len(run) == 1 else "were")
        also = " also in attendance" if n else ""
        sentences.append(f"{_capital(_join(parts))} {verb}{also}.")
    return [para(" ".join(sentences))]


def _who(a: Attendee, voice: _Voice) -> str:
    name = a.name or ""
    return voice.member(name) if a.role and _MEMBER_ROLE.search(a.role) else name


def _topics(
    item: Item, pending: list[Undertaking], voice: _Voice, key: tuple[object, ...],
    para: _ParaMaker, numbered: bool,
) -> list[_Block]:
    dash = voice.pick((" – ", " – ", " - ", ": "), *key, "dash")
    texts = [f"{t.label}{dash}{t.text}" if t.text else t.label for t in item.topics]
    # Real minutes often record an undertaking inside the point it arose from.
    if pending and voice.flip(*key, "embed"):
        for n, und in enumerate(list(pending)):
            i = n % len(texts)
            if item.topics[i].text:
                texts[i] = f"{texts[i].rstrip()} {_undertaking_sentence(und, item, voice, key)}"
                pending.remove(und)
    intro = voice.pick((
        "Members raised several questions and comments which included:",
        "In the discussion that followed, the following main points were raised:",
        "Members asked questions and made comments, which included:",
        "The discussion is summarised as follows:",
    ), *key, "topic-intro")
    labels = [t.label for t in item.topics] if voice.flip(*key, "bold") else []
    if numbered and voice.flip(*key, "topic-paras"):
        bolds = labels or [""] * len(texts)
        return [para(intro), *(para(t, b) for t, b in zip(texts, bolds, strict=True))]
    word = not voice.flip(*key, "word", odds=3)
    return [para(intro), _Bullets(texts, word=word, bold_labels=labels)]


def _undertaking_sentence(
    und: Undertaking, item: Item, voice: _Voice, key: tuple[object, ...],
) -> str:
    action = und.action.strip().rstrip(".")
    keys = (*key, "und", action)
    if not und.by:
        return voice.pick((
            f"It was agreed to {action}.",
            f"An undertaking was given to {action}.",
        ), *keys)
    by = _refer(und.by, item, voice)
    return voice.pick((
        f"{by} undertook to {action}.",
        f"{by} agreed to {action}.",
        f"{by} undertook to {action}.",
        f"{by} confirmed that officers would {action}.",
    ), *keys)


def _refer(by: str, item: Item, voice: _Voice) -> str:
    """How a sentence names who gave an undertaking: "The Portfolio Holder", "Councillor Price"."""
    by = by.strip()
    if by[:1].islower() or by.lower().startswith("the "):
        return _capital(by)
    if _TITLED.match(by):
        return by
    if _ROLE_WORD.search(by):
        return f"The {by}"
    for a in item.attendees:
        if a.name and (a.name == by or a.name.split()[-1] == by):
            return _who(Attendee(by, a.role), voice)
    # A bare surname is printed the way minutes refer to members.
    return voice.member(by) if " " not in by else by


def _decision_blocks(
    decisions: list[Decision], voice: _Voice, key: tuple[object, ...], para: _ParaMaker,
    numbered: bool,
) -> list[_Block]:
    out: list[_Block] = []
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
    clauses: list[str], voice: _Voice, key: tuple[object, ...], numbered: bool,
) -> list[_Block]:
    if len(clauses) == 1:
        c = clauses[0]
        if numbered:
            return [_Para(f"RESOLVED that {c}.", None, "RESOLVED")]
        form = voice.pick(("colon", "that", "dash", "that"), *key, "res1")
        if form == "colon":
            return [_Lines("RESOLVED:", [f"That {c}."], "RESOLVED")]
        if form == "dash":
            return [_Para(f"RESOLVED – That {c}.", None, "RESOLVED")]
        return [_Para(f"RESOLVED that {c}.", None, "RESOLVED")]
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
    return [_Lines(lead, lines, "RESOLVED")]


def _votes(
    votes: list[RecordedVote], voice: _Voice, key: tuple[object, ...], para: _ParaMaker,
) -> list[_Block]:
    if not votes:
        return []
    rules = {v.rule for v in votes}
    positions = [v.position for v in votes]
    if (len(votes) >= 2 and len(rules) == 1 and len(set(positions)) == len(positions)
            and voice.flip(*key, "rollcall")):
        rule = votes[0].rule
        lead = (f"In accordance with {voice.rule_name} {rule}, a recorded vote was taken and "
                "the votes were cast as follows:" if rule
                else "A recorded vote was taken and the votes were cast as follows:")
        heads = {"for": "For", "against": "Against", "abstain": "Abstentions"}
        lines = [f"{heads[v.position]}: {voice.members(v.members)} ({len(v.members)})"
                 for v in votes]
        return [_Lines(lead, lines)]
    out: list[_Block] = []
    for v in votes:
        many = len(v.members) > 1
        what = {
            "for": "their votes in favour" if many else "their vote in favour",
            "against": "their votes against" if many else "their vote against",
            "abstain": "their abstentions" if many else "their abstention",
        }[v.position]
        who = voice.members(v.members)
        if v.rule:
            rule = f"{voice.rule_name} {v.rule}"
            text = voice.pick((
                f"In accordance with {rule}, {who} requested that {what} be recorded.",
                f"{who} requested that {what} be recorded in accordance with {rule}.",
            ), *key, "vote", v.position)
        else:
            text = f"{who} asked that {what} be recorded."
        out.append(para(text))
    return out


def _apologies_sentence(names: list[str], voice: _Voice, key: tuple[object, ...]) -> str:
    if len(names) == 1:
        return voice.pick((
            f"An apology for absence was received from {voice.member(names[0])}.",
            f"Apologies for absence were received from {voice.member(names[0])}.",
        ), *key, "apol1")
    return voice.pick((
        f"Apologies for absence were received from {voice.members(names)}.",
        f"Apologies were received on behalf of {_join([voice.member(n) for n in names])}.",
        f"Apologies for absence were submitted by {voice.members(names)}.",
    ), *key, "apol")


def _declaration_sentence(
    member: str, kind: str | None, item: str | None, text: str, voice: _Voice,
) -> str:
    if text.strip():
        return text.strip() if text.strip().endswith(".") else text.strip() + "."
    what = f"{kind} interest" if kind else "interest"
    article = "an" if what[0].lower() in "aeiou" else "a"
    where = f" in agenda item {item}" if item else ""
    return f"{voice.member(member)} declared {article} {what}{where}."


# --- Small helpers. ----------------------------------------------------------------


class _ParaMaker(Protocol):
    """``para(text, bold="")``: a paragraph that numbered minutes may number."""

    def __call__(self, text: str, bold: str = "") -> _Para: ...  # pragma: no cover


def _join(parts: Sequence[str]) -> str:
    parts = list(parts)
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _bare_number(number: str | None) -> str:
    return (number or "").strip().rstrip(".")


def _ordinal(day: int) -> str:
    suffix = "th" if 10 <= day % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
    return f"{day}{suffix}"


def _short_date(meeting: Meeting) -> str:
    return meeting.date.strftime("%d/%m/%Y") if meeting.date else ""


def _meeting_heading(meeting: Meeting, time: str | None) -> str:
    """ "Committee - Tuesday, 15th March, 2022 7.30 pm", as ModernGov heads a meeting."""
    date = ""
    if meeting.date:
        d = meeting.date
        date = f"{_DAYS[d.weekday()]}, {_ordinal(d.day)} {_MONTHS[d.month - 1]}, {d.year}"
        if time:
            date += f" {time}"
    return " - ".join(x for x in (meeting.committee, date) if x)


def _page_title(meeting: Meeting, style: str) -> str:
    if style == "modgov_item" and len(meeting.items) == 1:
        title = meeting.items[0].title
        head = f"Agenda item - {title}" if title else "Agenda item"
    elif style == "modgov_item":
        head = "Agenda and minutes"
    else:
        head = "Minutes"
    return " - ".join(x for x in (head, meeting.committee, meeting.council) if x)


# --- Serialising: text. ----------------------------------------------------------


def _text_block(block: _Block) -> str:
    if isinstance(block, _Heading):
        return block.text
    if isinstance(block, _Para):
        return f"{block.number} {block.text}" if block.number else block.text
    if isinstance(block, _Bullets):
        return "\n".join(f"·  {line}" for line in block.items)
    if isinstance(block, _Lines):
        return "\n".join([block.lead, *block.lines])
    if isinstance(block, _Docs):
        return "\n".join(f"·  {title}" for title, _ in block.docs)
    if isinstance(block, _Row):
        cells = ([block.number] if block.number else []) + [_text_block(b) for b in block.blocks]
        return "\n\n".join(cells)
    return "\n\n".join(_text_block(b) for b in block.blocks)


# --- Serialising: HTML in ModernGov's shapes. --------------------------------------

_E = html.escape
_WORD_INDENT = "margin-left:36.0pt;text-indent:-36.0pt"
_WORD_BULLET = (
    '<p class="MsoListParagraph" style="margin-left:36.0pt;text-indent:-18.0pt">'
    '<span style="font-family:Symbol">·</span>'
    '<span style="font:7.0pt &quot;Times New Roman&quot;">'
    "&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp; </span>"
)


def _mg(text: str) -> str:
    """Escape as ModernGov does in headings, where ``:`` and ``/`` become entities."""
    return _E(text).replace(":", "&#58;").replace("/", "&#47;")


def _bold_lead(text: str, lead: str) -> str:
    if lead and text.startswith(lead):
        return f"<b>{_E(lead)}</b>{_E(text[len(lead):])}"
    return _E(text)


def _html_block(block: _Block) -> str:
    if isinstance(block, _Heading):
        if block.kind == "banner":
            return f'<div class="councilBanner"><p class="councilName">{_E(block.text)}</p></div>'
        if block.kind == "h1":
            return f'<div class="mgHeader"><h1 class="mgMainTitleTxt">{_E(block.text)}</h1></div>'
        if block.kind == "h2":
            return f'<div class="mgSubTitle"><h2 class="mgSubTitleTxt">{_mg(block.text)}</h2></div>'
        if block.kind == "title" and block.url:
            link = f'<a class="mgAiTitleLnk" href="{_E(block.url)}">{_E(block.text)}</a>'
            return f'<p class="mgAiTitleTxt">{link}</p>'
        if block.kind == "title":
            return f'<p class="mgAiTitleTxt">{_E(block.text)}</p>'
        if block.kind == "section":
            return f'<p class="MsoNormal"><b><u>{_E(block.text)}</u></b></p>'
        return f'<p class="mgSubItemTitleTxt">{_mg(block.text)}</p>'
    if isinstance(block, _Para):
        if block.number:
            return (f'<p class="MsoNormal" style="{_WORD_INDENT}">{_E(block.number)}'
                    f'<span style="mso-tab-count:1">&nbsp;&nbsp;&nbsp;&nbsp; </span>'
                    f"{_bold_lead(block.text, block.bold_lead)}</p>")
        return f'<p class="MsoNormal">{_bold_lead(block.text, block.bold_lead)}</p>'
    if isinstance(block, _Bullets):
        labels = block.bold_labels or [""] * len(block.items)
        shown = [_bold_lead(t, b) for t, b in zip(block.items, labels, strict=True)]
        if block.word:
            return "\n".join(f"{_WORD_BULLET}{x}</p>" for x in shown)
        return "<ul>" + "".join(f"<li>{x}</li>" for x in shown) + "</ul>"
    if isinstance(block, _Lines):
        lines = [f'<p class="MsoNormal">{_bold_lead(block.lead, block.bold_lead)}</p>']
        lines += [f'<p class="MsoNormal" style="margin-left:36.0pt">{_E(x)}</p>'
                  for x in block.lines]
        return "\n".join(lines)
    if isinstance(block, _Docs):
        lis = "".join(
            f'<li><a href="{_E(url or "#")}" title="{_E("Link to document " + title)}">'
            f"{_E(title)}</a></li>"
            for title, url in block.docs
        )
        return f'<ul class="mgBulletList">{lis}</ul>'
    if isinstance(block, _Row):
        cell = "\n".join(_html_block(b) for b in block.blocks)
        number = f'<p class="mgAiTitleTxt">{_E(block.number)}</p>'
        return f'<tr><td class="mgItemNumberCell">{number}</td><td>{cell}</td></tr>'
    inner = "\n".join(_html_block(b) for b in block.blocks)
    return f'<div class="mgWordPara"><div class="WordSection1">\n{inner}\n</div></div>'


def _html_page(meeting: Meeting, title: str, page: list[_Block]) -> str:
    banner = [b for b in page if isinstance(b, _Heading) and b.kind == "banner"]
    head = [b for b in page if isinstance(b, _Heading) and b.kind in ("h1", "h2")]
    rest = [b for b in page if b not in banner and b not in head]
    content: list[str] = []
    rows: list[str] = []
    for block in rest:
        if isinstance(block, _Row):
            rows.append(_html_block(block))
            continue
        if rows:
            content.append(_item_table(rows))
            rows = []
        if isinstance(block, _Heading) and block.text == "Items":
            continue
        content.append(_html_block(block))
    if rows:
        content.append(_item_table(rows))
    meta = [f'<meta name="DC.title" content="{_E(title)}">']
    if meeting.council:
        meta.append(f'<meta name="DC.publisher" content="{_E(meeting.council)}">')
    if meeting.date:
        meta.append(f'<meta name="DC.date" scheme="W3CDTF" content="{meeting.date.isoformat()}">')
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><!-- Modern.gov Reverse CMS -->',
        "<head>",
        '<meta charset="utf-8">',
        f"<title>{_E(title)}</title>",
        *meta,
        "</head>",
        "<body>",
        *[_html_block(b) for b in banner],
        '<div id="modgov">',
        *[_html_block(b) for b in head],
        '<div class="mgContent">',
        *content,
        "</div>",
        '<div class="mgFooter"></div>',
        "</div>",
        "</body>",
        "</html>",
    ]
    return "\n".join(parts) + "\n"


def _item_table(rows: list[str]) -> str:
    return ('<table class="mgItemTable" summary="Items">\n'
            '<tr><th>No.</th><th>Item</th></tr>\n' + "\n".join(rows) + "\n</table>")
