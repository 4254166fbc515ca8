"""An item's minutes: apologies, attendance, discussion, undertakings, decisions, votes.

Each fact of the record becomes a sentence or a list in one of the
formulations real minutes use, chosen by the meeting's :class:`Voice`.

>>> from minutebook.models import Apology, Item
>>> for block in item_body(Item("1", "Apologies for absence", apologies=[Apology("Price")]),
...                        Voice(seed=0), numbered=False):
...     print(block.text)
An apology for absence was received from Councillor Price.
"""

from __future__ import annotations

import re

from minutebook.models import Attendee, Item, RecordedVote, Undertaking
from minutebook.render.blocks import Block, Bullets, Heading, Lines, Para, ParaMaker
from minutebook.render.decisions import decision_blocks
from minutebook.render.voice import TITLED, Voice, join

__all__ = ["item_body"]

# Roles held by elected members, who are printed with their title; officers
# and witnesses are printed by name alone, as minutes do.
_MEMBER_ROLE = re.compile(
    r"\b(?:Portfolio Holder|Cabinet Member|Lead Member|Cabinet Spokesperson|Executive Member"
    r"|Leader|Mayor)\b"
)
# Words that make a `by` a role ("Director of Public Health") rather than a name.
_ROLE_WORD = re.compile(
    r"\b(?:Holder|Member|Members|Director|Head|Manager|Officer|Officers|Chair|Chairman|Leader"
    r"|Executive|Lead|Spokesperson|Clerk|Adviser|Advisor|Solicitor|Commissioner|Service"
    r"|Council|Committee|Panel|Cabinet|Team|Partnership)\b"
)


def item_body(item: Item, voice: Voice, *, numbered: bool) -> list[Block]:
    """The minutes of one item, in the order minutes print them.

    Paragraphs that numbered minutes number carry ``number=""``.
    """
    key = (item.number, item.title)
    out: list[Block] = []

    def para(text: str, bold: str = "") -> Para:
        return Para(text, "" if numbered else None, bold)

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

    decisions = decision_blocks(item.decisions, voice, key, para, numbered)
    if decisions and out and not numbered and voice.flip(*key, "sections", odds=3):
        # Some councils split an item's minutes under "Discussion:"/"Decision:".
        out = [Heading("Discussion:", "section"), *out, Heading("Decision:", "section")]
    out += decisions
    out += _votes(item.recorded_votes, voice, key, para)
    return out


def _is_about(item: Item, word: str) -> bool:
    return word in (item.title or "").lower()


def _attendance(
    people: list[Attendee], voice: Voice, key: tuple[object, ...], para: ParaMaker,
) -> list[Block]:
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
        return [para(intro), Bullets(lines, word=voice.flip(*key, "att-word"))]
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
        sentences.append(f"{_capital(join(parts))} {verb}{also}.")
    return [para(" ".join(sentences))]


def _who(a: Attendee, voice: Voice) -> str:
    name = a.name or ""
    return voice.member(name) if a.role and _MEMBER_ROLE.search(a.role) else name


def _topics(
    item: Item, pending: list[Undertaking], voice: Voice, key: tuple[object, ...],
    para: ParaMaker, numbered: bool,
) -> list[Block]:
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
    return [para(intro), Bullets(texts, word=word, bold_labels=labels)]


def _undertaking_sentence(
    und: Undertaking, item: Item, voice: Voice, key: tuple[object, ...],
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


def _refer(by: str, item: Item, voice: Voice) -> str:
    """How a sentence names who gave an undertaking: "The Portfolio Holder", "Councillor Price"."""
    by = by.strip()
    if by[:1].islower() or by.lower().startswith("the "):
        return _capital(by)
    if TITLED.match(by):
        return by
    if _ROLE_WORD.search(by):
        return f"The {by}"
    for a in item.attendees:
        if a.name and (a.name == by or a.name.split()[-1] == by):
            return _who(Attendee(by, a.role), voice)
    # A bare surname is printed the way minutes refer to members.
    return voice.member(by) if " " not in by else by


def _votes(
    votes: list[RecordedVote], voice: Voice, key: tuple[object, ...], para: ParaMaker,
) -> list[Block]:
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
        return [Lines(lead, lines)]
    out: list[Block] = []
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


def _apologies_sentence(names: list[str], voice: Voice, key: tuple[object, ...]) -> str:
    if len(names) == 1:
        return voice.pick((
            f"An apology for absence was received from {voice.member(names[0])}.",
            f"Apologies for absence were received from {voice.member(names[0])}.",
        ), *key, "apol1")
    return voice.pick((
        f"Apologies for absence were received from {voice.members(names)}.",
        f"Apologies were received on behalf of {join([voice.member(n) for n in names])}.",
        f"Apologies for absence were submitted by {voice.members(names)}.",
    ), *key, "apol")


def _declaration_sentence(
    member: str, kind: str | None, item: str | None, text: str, voice: Voice,
) -> str:
    if text.strip():
        return text.strip() if text.strip().endswith(".") else text.strip() + "."
    what = f"{kind} interest" if kind else "interest"
    article = "an" if what[0].lower() in "aeiou" else "a"
    where = f" in agenda item {item}" if item else ""
    return f"{voice.member(member)} declared {article} {what}{where}."


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]
