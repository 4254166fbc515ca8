"""Attendees: people who attended, presented or answered for an item.

Found in attendance lists ("The following were in attendance:" then bullets
"Name, Role"), attendance sentences ("Councillor Adam Price, Portfolio Holder
for Children's Services, was in attendance"), invitations ("The Chair invited
Alison Jones (Scrutiny Officer) to take Members through the report") and
answers ("The Leader responded ...", "In response Deborah Lee outlined ...").
Committee members who merely ask questions, and the chair, are not attendees.
"""

from __future__ import annotations

import re

from minutebook.extract.names import (
    BODY_WORDS,
    CHAIR_ROLES,
    TITLE_WORDS,
    is_role,
    looks_like_name,
    strip_title,
)
from minutebook.extract.text import clean, lines, sentences, strip_bullet
from minutebook.models import Attendee, Span

_LIST_INTRO = re.compile(
    r"\b(?:following|those)\b[^.:]{0,60}\b(?:attendance|attended|present|welcomed|witnesses|"
    r"attending|in attendance|invited)\b[^.:]{0,40}:-?\s*$",
    re.I,
)
# "\s\s*" rather than "\s+" throughout: a pattern that opens with a single character
# class lets the engine skip straight to the candidates instead of trying every position.
_ATTENDED = re.compile(
    r"\s\s*(?:(?:was|were)\s+(?:all\s+|also\s+)?(?:in\s+attendance|"
    r"present\b(?!\s+at\s+the\s+start|\s+as\s+(?:a\s+)?(?:substitute|reserve)))|"
    r"attended\s+(?:the\s+meeting|for\s+this\s+item)|"
    r"(?:had\s+been|was|were)\s+invited\s+to\s+(?:attend\s+)?the\s+meeting|"
    r"attended\s+to\s+|(?:was|were)\s+welcomed\s+to\s+the\s+meeting)"
)
_INVITED_TO = (
    r"to\s+(?:take|present|introduce|give|outline|provide|update|speak|address|report|lead|talk)\b"
)
_INVITED = re.compile(
    r"\b(?:invited|welcomed)\s+(?P<who>(?:[^.;:]|\.(?=\s*[A-Z])){3,120}?),?\s+" + _INVITED_TO
)
_WELCOMED_TO = r"to\s+the\s+(?:meeting|committee|panel)\b"
_WELCOMED = re.compile(
    r"\b(?:welcomed|introduced)\s+(?P<who>(?:[^.;:]|\.(?=\s*[A-Z])){3,160}?),?\s+" + _WELCOMED_TO,
    re.I,
)
# The lazy "who" of _INVITED and _WELCOMED is retried at every length; most sentences
# lack the phrase that must follow it, which these find at a fraction of the cost.
_INVITED_TAIL = re.compile(r"\s" + _INVITED_TO)
_WELCOMED_TAIL = re.compile(r"\s" + _WELCOMED_TO, re.I)
_PRESENTED_BY = re.compile(
    r"\b(?:presentation|report|update|briefing)\s+(?:was\s+)?(?:given|submitted|presented|made|"
    r"delivered)\s+by\s+(?P<who>.+?)\s*(?:\.|$|,\s*(?:which|who))"
)
_TITLE_FROM = re.compile(
    r"\b(?:Update|Presentation|Report|Briefing|Address|Statement)\s+(?:from|by)\s+(?P<who>.+)$"
)
_TITLE_ATTENDANCE = re.compile(
    r"^(?:Attendance\s+(?:of|by)|Visit\s+(?:of|by))\s+(?:the\s+)?(?P<who>.+)$"
)


def _first_letter_groups(alternatives: tuple[str, ...]) -> str:
    """The alternation of ``alternatives`` (patterns) grouped by their first letter.

    At each position the engine then tries one branch per letter, not every pattern.
    """
    groups: dict[str, list[str]] = {}
    for alternative in alternatives:
        groups.setdefault(alternative[0], []).append(alternative[1:])
    return "|".join(f"{first}(?:{'|'.join(rest)})" for first, rest in groups.items())


_ANSWER_VERB_LIST = (
    *"responded replied answered explained confirmed outlined presented introduced".split(),
    *"submitted clarified assured addressed updated".split(),
    r"told\s+the\s+(?:meeting|committee|panel)",
    *"gave provided led".split(),
    r"went\s+on\s+to",
    *"detailed undertook".split(),
    r"agreed\s+to",
)
_OFFICER_VERB_LIST = (
    *_ANSWER_VERB_LIST,
    *"advised reported informed added stated said thanked highlighted acknowledged".split(),
    *"commented emphasised stressed".split(),
    r"invited\s+the",
    r"noted\s+that",
    *"believed drew took".split(),
)
_ANSWER_VERBS = "|".join(_ANSWER_VERB_LIST)
_OFFICER_VERBS = "|".join(_OFFICER_VERB_LIST)
_LEAD = (
    r"(?:(?:In\s+response(?:\s+to\s+[^,]{3,80})?|In\s+regards?\s+to\s+[^,]{3,80}|"
    r"At\s+the\s+request\s+of\s+[^,]{3,60}|In\s+addition|However|"
    r"Further(?:\s+to\s+[^,]{3,120})?|Also|Firstly|Finally|Then),?\s+)?"
)
_UNNAMED = (
    r"(?:representative|agent|applicant|objector|speaker|local\s+resident|resident|petitioner|"
    r"parent|member\s+of\s+the\s+public|driver|licence\s+holder|"
    r"(?:his|her|their)\s+representative)"
)
# Who speaks at the start of a sentence: an unnamed speaker by role, a group of
# visitors, a post ("The Head of Service"), a titled member, or a person's name.
# Runs of word characters are possessive ("*+", "++"): what follows each run never
# starts with a word character, so giving characters back could not help a match,
# and a failing sentence is rejected without retrying every shorter word.
_SUBJECT = re.compile(
    rf"^{_LEAD}(?P<subj>"
    rf"(?:The|the|A|An)\s+{_UNNAMED}s?\b(?:\s+(?:of|for)\s+the\s+[\w'’]+)?"
    r"(?:\s+and\s+(?:the|his|her|their|a|an)\s+(?:representative|agent|solicitor|adviser))?|"
    r"(?:Two|Three|Four|Several|Some)\s+(?:members|representatives)\s+of\s+the\s+"
    r"[A-Z][\w'’ ]+?(?=\s+[a-z])|"
    r"(?:The|the|A|An)\s+[A-Z][\w'’&\-]*+(?:[\s,:]++(?:[A-Z][\w'’&\-]*+|of|for|and|"
    r"the|with|on|in|to|&|\([^)]*\)))*|"
    rf"(?:(?:{TITLE_WORDS})\.?\s+)[A-Z][\w'’.\-]*+(?:\s+[A-Z][\w'’.\-]*+){{0,3}}|"
    r"[A-Z][a-z][\w'’\-]++(?:\s+[A-Z][\w'’\-]++){1,3}|"
    r"(?:[A-Z]\.?\s++){1,3}[A-Z][\w'’\-]++|[A-Z]{2,4})"
    r"(?P<appos>\s*,\s+[^,]{3,90}+,)?\s*,?\s+(?:then\s+|also\s+|further\s+|subsequently\s+)?"
    rf"(?P<verb>{_OFFICER_VERBS})\b"
)
# Cheap tests that rule out most sentences before the costly _SUBJECT: it can only
# match text that starts as one of its branches does (keep the two in step), and
# its verb always follows a space.
_SUBJECT_START = re.compile(
    r"(?:In|At|However|Further|Also|Firstly|Finally|Then|The|the|A|An|Two|Three|Four|Several|"
    rf"Some|{TITLE_WORDS})|[A-Z][a-z][\w'’\-]*\s+[A-Z]|[A-Z]\.?\s|[A-Z]{{2,4}}[\s,]"
)
_SPEECH_CUE = re.compile(rf"\s(?:{_first_letter_groups(_OFFICER_VERB_LIST)})\b")
_ANSWER_VERB = re.compile(_ANSWER_VERBS)
_LEAD_START = re.compile(rf"^{_LEAD}")
_TITLED = re.compile(r"(?:Mr|Mrs|Ms|Dr|Miss)\b")
_TOGETHER = re.compile(
    r"\btogether with\s+(?P<who>(?:Councillor|Cllr)\s[^,.]+?)(?:\s+and\s+the\b|,|\.|$)"
)
_COUNCILLOR = re.compile(r"^(?:County\s+)?(?:Councill?ors?|Cllrs?)\b", re.I)
_UNNAMED_SPEAKER = re.compile(
    r"^(?:(?:Two|Three|Four|Several|Some)\s+(?:members|representatives)\s+of\s+the\s+[A-Z]|"
    rf"(?:The|the|A|An)\s+{_UNNAMED})"
)
_NOT_ATTENDING = re.compile(r"\b(?:[Aa]polog|not\s+(?:present|in attendance)\b)")
# A sentence often holds a member's question and, after a dash, who answered it.
_CLAUSES = re.compile(
    r"(?<=[.;:])\s*[–-]\s+|\s+[–-]\s+(?=(?:Cllr|Councillor|The|Mr|Mrs|Ms|Dr)\b)"
    r"|,?\s+and\s+(?=(?:County\s+)?(?:Councillor|Cllr)\.?\s+[A-Z])"
)
_DASH_AFTER_STOP = re.compile(r"[.;:]\s*[–-]\s")
_DASH_BEFORE_TITLE = re.compile(r"[–-]\s+(?:Cllr|Councillor|The|Mr|Mrs|Ms|Dr)\b")
_LABEL_PREFIX = re.compile(
    r"^(?:(?:Additional documents|Minutes|Decision|Decisions|Discussion|"
    r"Supporting documents)\s*:\s*)+"
)
_LABELS = ("Additional documents", "Minutes", "Decision", "Discussion", "Supporting documents")
_BE_INVITED = re.compile(r"\bbe\s+invited\b")
# "by the Director of Housing seeking approval": the name ends where lower-case prose begins.
_LOWER_WORD = re.compile(r"\s+(?!(?:of|and|for|the|to|on|in)\b)(?=[a-z])")
_ARTICLE = re.compile(r"^(?:the|The|a|A|an|An)\s+")
_AND_THE = re.compile(r"\s*,\s*(?:and\s+)?the\s+|\s+and\s+the\s+")
_THE = re.compile(r"(?:the|The)\s")
_COMMA = re.compile(",")
_AND = re.compile(r"\s\s*(?:and|&)\s+(?=(?:the\s+|The\s+)?[A-Z])")
_TRAILING_BRACKET = re.compile(r"\([^)]*\)\s*$")
_NAME_AND_BRACKET = re.compile(r"^(?P<name>[^()]+?)\s*,?\s*\((?P<role>[^)]+)\)$")
_CAPITALISED = re.compile(r"[A-Z][\w'’\-]*[a-z][\w'’\-]*")
_TITLED_NAME = re.compile(rf"^(?:(?:{TITLE_WORDS})\.?\s+)+[A-Z]")
# "Jane Lee Cabinet Member": where a post follows the name without punctuation.
_BEFORE_POST = re.compile(r"\s\s*(?=[A-Z][a-z]+\s+(?:Member|Holder|Officer|Director|Manager))")


def extract_attendees(text: str, start: int = 0, title: str | None = None) -> list[Attendee]:
    """Attendees of the item whose text is ``text`` (read from ``start``), spans into ``text``.

    >>> [(a.name, a.role) for a in extract_attendees(
    ...     "Councillor Adam Price, Portfolio Holder for Children's Services was in attendance.")]
    [('Adam Price', "Portfolio Holder for Children's Services")]
    """
    found: list[Attendee] = []
    if title:
        found.extend(_from_title(title))
    found.extend(_from_lists(text, start))
    for s, e, sent in sentences(text[start:], start):
        found.extend(_from_sentence(sent, s, e))
    return _dedupe(found)


def _from_title(title: str) -> list[Attendee]:
    for pattern in (_TITLE_ATTENDANCE, _TITLE_FROM):
        m = pattern.search(title)
        if m:
            people = parse_people(m.group("who"))
            if people:
                return people
    return []


def _from_lists(text: str, start: int) -> list[Attendee]:
    out: list[Attendee] = []
    ls = lines(text[start:], start)
    for k, ln in enumerate(ls):
        if ("ollowing" not in ln.text and "hose" not in ln.text) or not _LIST_INTRO.search(ln.text):
            continue
        bulleted = k + 1 < len(ls) and bool(ls[k + 1].bullet)
        for entry in ls[k + 1 :]:
            if bulleted and (not entry.bullet or re.fullmatch(r"\d+\.\d+", entry.bullet)):
                break  # the list ended; a numbered paragraph of the minutes follows
            if entry.text.endswith(":") or (
                not entry.bullet and (entry.text.endswith(".") or len(entry.text.split()) > 16)
            ):
                break
            people = parse_people(entry.body, Span(entry.body_start, entry.end))
            if not people:
                break
            out.extend(people[:1])
    return out


def _from_sentence(sent: str, s: int, e: int) -> list[Attendee]:
    if sent.startswith(_LABELS):
        sent = _LABEL_PREFIX.sub("", sent)
    if not "A" <= sent[:1] <= "Z":
        # Sentences arrive stripped, and a bullet never begins with a capital letter.
        sent = strip_bullet(sent)
    if _not_attending(sent):
        return []
    m = (
        _ATTENDED.search(sent)
        if "attend" in sent or "present" in sent or "invited" in sent or "welcomed" in sent
        else None
    )
    if m and not ("invited" in sent and _BE_INVITED.search(sent, 0, m.start() + 20)):
        subject = _LEAD_START.sub("", sent[: m.start()], count=1).strip(" ,")
        people = parse_people(subject, Span(s, e))
        if people:
            return people
    m = (
        _INVITED.search(sent)
        if ("nvited" in sent or "elcomed" in sent) and _INVITED_TAIL.search(sent)
        else None
    )
    if m and not ("invited" in sent and _BE_INVITED.search(sent)):
        people = parse_people(m.group("who"), Span(s, e))
        if people:
            return people
    m = (
        _WELCOMED.search(sent)
        if ("elcome" in sent or "ntroduced" in sent) and _WELCOMED_TAIL.search(sent)
        else None
    )
    if m:
        people = parse_people(m.group("who"), Span(s, e))
        if people:
            return people
    m = _PRESENTED_BY.search(sent) if " by " in sent else None
    if m:
        who = m.group("who").rsplit(" by ", 1)[-1]
        # "by the Corporate Director (Corporate Services) seeking approval for ..."
        who = _LOWER_WORD.split(who, maxsplit=1)[0]
        people = parse_people(who, Span(s, e))
        if people:
            return people
    out: list[Attendee] = []
    for piece in _clauses(sent):
        out.extend(_speaker(piece, s, e))
    return out


def _clauses(sent: str) -> list[str]:
    # _CLAUSES starts with a lookbehind, so splitting costs a try at every character;
    # most sentences hold none of the separators it needs, which cheaper tests rule out.
    if (
        "Councillor" in sent
        or "Cllr" in sent
        or (
            ("-" in sent or "–" in sent)
            and (_DASH_AFTER_STOP.search(sent) or _DASH_BEFORE_TITLE.search(sent))
        )
    ):
        return [piece.strip() for piece in _CLAUSES.split(sent)]
    return [sent]


def _not_attending(sent: str) -> bool:
    # Most sentences hold none of the words _NOT_ATTENDING needs; testing for them
    # is far cheaper than the search.
    if "polog" not in sent and not (
        "not" in sent and ("present" in sent or "in attendance" in sent)
    ):
        return False
    return _NOT_ATTENDING.search(sent) is not None


def _speaker(sent: str, s: int, e: int) -> list[Attendee]:
    if not (_SUBJECT_START.match(sent) and _SPEECH_CUE.search(sent)):
        return []  # most sentences: "It was noted that", "Members asked about"
    m = _SUBJECT.match(sent)
    if not m:
        return []
    subj, verb = m.group("subj").strip(" ,"), m.group("verb")
    if _UNNAMED_SPEAKER.match(subj):
        pass  # "The applicant's agent addressed the Committee"
    elif _COUNCILLOR.match(subj):
        # Members ask; only a councillor who answers or presents attends for the item.
        if not _ANSWER_VERB.fullmatch(verb):
            return []
    elif subj.startswith(("The ", "the ", "A ", "An ")) and not looks_like_name(subj):
        if verb.startswith("undertook") or not (is_role(subj) or _UNNAMED_SPEAKER.match(subj)):
            return []
    elif not (
        _TITLED.match(subj)
        or looks_like_name(subj)
        or (m.group("appos") and is_role(m.group("appos")) and _bare_name(subj))
        or (_bare_name(subj) and _ANSWER_VERB.fullmatch(verb))
    ):
        return []
    if m.group("appos"):
        subj = subj + m.group("appos")
    span = Span(s, e)
    people = parse_people(subj, span)
    if not people:
        return []
    together = _TOGETHER.search(sent) if "together with" in sent else None
    if together:
        people.extend(parse_people(together.group("who"), span))
    return people


def parse_people(phrase: str, span: Span | None = None) -> list[Attendee]:
    """People named in a phrase: "Neil Evans, Director of Housing and Simeon Perry, Officer".

    >>> people = parse_people("Rob Henderson (Executive Director) and Dr Debbie Chase")
    >>> [(a.name, a.role) for a in people]
    [('Rob Henderson', 'Executive Director'), ('Debbie Chase', None)]
    >>> [(a.name, a.role) for a in parse_people("the Monitoring Officer")]
    [(None, 'Monitoring Officer')]
    """
    phrase = clean(phrase).strip(" ,.;:")
    if not phrase or len(phrase) > 400:
        return []
    if _UNNAMED_SPEAKER.match(phrase):
        return [
            Attendee(
                None,
                re.sub(r"^(?:the|The|a|A|an|An|Two|Three|Four|Several|Some)\s+", "", part),
                span,
            )
            for part in re.split(r"\s+and\s+", phrase)
        ]
    segments = _segments(phrase)
    if (
        _ARTICLE.match(phrase)
        and not any(_person_like(x) or _bare_name(x) for x in segments[1:])
        and not _person_like(segments[0])
    ):
        # "The Interim Executive Director: People, Transformation, and Performance" is one post.
        post = _ARTICLE.sub("", phrase)
        roles = _AND_THE.split(post) if "the" in post else [post]
        return [
            Attendee(None, r.strip(" ,"), span)
            for r in roles
            if is_role(r) and not CHAIR_ROLES.match(r)
        ]
    out: list[Attendee] = []
    pending_role: str | None = None
    posts = [is_role(x) for x in segments]  # stripping commas or spaces does not change these
    last = len(segments) - 1
    for k, seg in enumerate(segments):
        seg = seg.strip(" ,")
        nxt = segments[k + 1] if k < last else ""
        appositive = k == last and k > 0 and posts[k - 1]
        if (
            not posts[k]
            and _bare_name(seg)
            and (
                (k < last and posts[k + 1])
                or appositive
                or last == 0
                # In a list of people, a name beside another name is a name too.
                or (bool(out) and out[-1].name is not None)
                or _person_like(nxt)
            )
        ):
            # "Marguerite Fenwick, Head of Education Inclusion": a name by its post.
            out.append(Attendee(seg, pending_role if appositive else None, span))
            pending_role = None
            continue
        paren = _NAME_AND_BRACKET.match(seg) if ")" in seg else None
        if paren and (
            _person_like(paren.group("name"))
            or (_bare_name(paren.group("name")) and is_role(paren.group("role")))
        ):
            out.append(Attendee(strip_title(paren.group("name")), clean(paren.group("role")), span))
            continue
        if seg.startswith("(") and seg.endswith(")") and out and out[-1].name and not out[-1].role:
            out[-1].role = seg.strip("()")
            continue
        if _person_like(seg):
            name, role = _name_then_role(seg)
            out.append(Attendee(name, role or pending_role, span))
            pending_role = None
            continue
        role = _ARTICLE.sub("", seg).strip()
        if not role or BODY_WORDS.match(role) or CHAIR_ROLES.match(role):
            continue
        if out and out[-1].name and not out[-1].role:
            out[-1].role = role
        elif (
            out
            and out[-1].name
            and out[-1].role
            and not is_role(role.split()[0])
            and not seg.startswith(("the ", "The "))
        ):
            out[-1].role = f"{out[-1].role}, {role}"
        elif is_role(role):
            if seg.startswith(("the ", "The ", "a ", "A ")) or not out:
                pending = role
                out.append(Attendee(None, pending, span))
                pending_role = pending
            else:
                pending_role = role
    # A role printed before the name it belongs to ("the Portfolio Holder, Councillor Wilkes").
    merged: list[Attendee] = []
    for a in out:
        if merged and merged[-1].name is None and a.name and a.role == merged[-1].role:
            merged[-1] = a
        else:
            merged.append(a)
    return [a for a in merged if a.name or (a.role and is_role(a.role))]


def _segments(phrase: str) -> list[str]:
    """Split at commas and "and" outside brackets, keeping "and" inside role names."""
    out: list[str] = []
    for part in _split_outside_brackets(phrase, _COMMA):
        if "and" not in part and "&" not in part:
            out.append(part)
            continue
        pieces = _split_outside_brackets(part, _AND)
        acc = pieces[0]
        for p in pieces[1:]:
            bare = _without_bracket(p)
            named = _person_like(p) or (
                _bare_name(bare) and (bare != p or acc.rstrip().endswith(")") or _person_like(acc))
            )
            if named or (_THE.match(p) and is_role(p) and is_role(acc)):
                out.append(acc)
                acc = p
            else:
                acc = f"{acc} and {p}"
        out.append(acc)
    return [o for o in (x.strip() for x in out) if o]


_SERVICE_WORDS = frozenset(
    "services service care health council department education housing transport environment "
    "safeguarding resources finance planning development regeneration community communities "
    "skills learning children adults adult partnerships performance neighbourhoods team unit "
    "policy strategy governance democratic legal corporate public social economy culture "
    "leisure waste highways inclusion support people place operations".split()
)


def _split_outside_brackets(text: str, sep: re.Pattern[str]) -> list[str]:
    """Split ``text`` at ``sep`` except inside brackets ("(Social Care and Safeguarding)")."""
    if "(" not in text and ")" not in text:
        return sep.split(text)
    out: list[str] = []
    last = 0
    for m in sep.finditer(text):
        if text.count("(", 0, m.start()) == text.count(")", 0, m.start()):
            out.append(text[last : m.start()])
            last = m.end()
    out.append(text[last:])
    return out


def _bare_name(seg: str) -> bool:
    # Cheapest tests first: most segments fail on their word count or capitals.
    words = seg.split()
    if not 2 <= len(words) <= 4 or not all(_CAPITALISED.fullmatch(w) for w in words):
        return False
    if any(w.lower().strip("'’") in _SERVICE_WORDS or w.endswith(("'s", "’s")) for w in words):
        return False
    return strip_title(seg) == seg.strip()


def _person_like(seg: str) -> bool:
    seg = _without_bracket(seg.strip())
    if _TITLED_NAME.match(seg):
        return not BODY_WORDS.match(strip_title(seg))
    if (
        "Member" in seg
        or "Holder" in seg
        or "Officer" in seg
        or "Director" in seg
        or "Manager" in seg
    ):
        m = _BEFORE_POST.search(seg)
        if m:
            seg = seg[: m.start()]
    return looks_like_name(seg)


def _without_bracket(seg: str) -> str:
    """``seg`` without a bracketed role at its end: "Jo Lee (Head of Law)" → "Jo Lee"."""
    m = _TRAILING_BRACKET.search(seg) if ")" in seg else None
    # The spaces before the bracket go with it.
    return seg[: m.start()].rstrip() if m else seg


def _name_then_role(seg: str) -> tuple[str, str | None]:
    """ "Councillor A Barry Cabinet Member" → ("A Barry", "Cabinet Member")."""
    name = strip_title(seg)
    m = re.match(
        r"^(?P<name>(?:[A-Z]\.?\s+)*[A-Z][\w'’\-]+)\s+"
        r"(?P<role>[A-Z][\w ]*\b(?:Member|Holder|Officer|Director|Manager|Leader)\b.*)$",
        name,
    )
    if m and not looks_like_name(name):
        return m.group("name"), m.group("role")
    return name, None


def _dedupe(people: list[Attendee]) -> list[Attendee]:
    out: list[Attendee] = []
    for p in people:
        if p.name and BODY_WORDS.match(p.name):
            continue
        if p.role and CHAIR_ROLES.match(p.role) and not p.name:
            continue
        dup = None
        for o in out:
            if p.name and o.name and _surname(p.name) == _surname(o.name):
                dup = o
            elif not p.name and p.role and o.role and _role_overlap(p.role, o.role):
                dup = o
            elif p.name and not o.name and p.role and o.role and _role_overlap(p.role, o.role):
                # The named form is better than the role alone; upgrade in place.
                o.name = p.name
                dup = o
        if dup is None:
            out.append(p)
        elif not dup.role and p.role:
            dup.role = p.role
    return out


def _surname(name: str) -> str:
    words = name.replace(".", " ").split()
    return words[-1].lower() if words else ""


def _role_overlap(a: str, b: str) -> bool:
    a, b = a.lower(), b.lower()
    return a in b or b in a
