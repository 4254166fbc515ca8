"""Hypothesis strategies for realistic meeting records, and a seeded generator of the same.

One builder, :func:`build_meeting`, draws every choice through a small
:class:`Chooser`; :func:`meetings` drives it with hypothesis (so failures
shrink), :func:`random_meeting` with a seeded :class:`random.Random` (so the
benchmark's corpus is the same every run without hypothesis' machinery).

Records hold what extraction fills and nothing the minutes would not print:
names as printed without titles (``"J. D. Stanley"``, ``"Bennett-Wake"``),
roles, labelled topics, undertakings as verb phrases, decisions whose words
state their kind, recorded votes with rule numbers, apologies. The pools are
this project's own invented names and phrases.

>>> import random
>>> m = random_meeting(random.Random(1))
>>> bool(m.committee and m.date and m.items)
True
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable, Sequence
from typing import Any, Protocol, TypeVar

from hypothesis import strategies as st

from minutebook.models import (
    Apology,
    Attendee,
    Decision,
    DecisionKind,
    Declaration,
    Item,
    Meeting,
    RecordedVote,
    Substitute,
    SupportingDocument,
    Topic,
    Undertaking,
    VotePosition,
)

T = TypeVar("T")

# --- Pools. ---------------------------------------------------------------------

FIRST_NAMES = (
    "Adam", "Aisha", "Alan", "Bernadette", "Carol", "Chris", "Daniel", "Deborah", "Eleanor",
    "Farah", "Gareth", "Harjit", "Helen", "Ian", "Joanne", "Kwame", "Linda", "Mark", "Niamh",
    "Owen", "Priya", "Rachel", "Rhys", "Sandra", "Tariq", "Teresa", "Vince", "Wendy", "Yusuf",
)
SURNAMES = (
    "Ashby", "Bailey", "Brennan", "Chowdhury", "Crawley", "Dhillon", "Doherty", "Ellison",
    "Fairclough", "Gill", "Hammond", "Hussain", "Jenkins", "Kowalski", "Lam", "MacLeod",
    "McAllister", "Nwosu", "O'Brien", "Okafor", "Pettigrew", "Quayle", "Rahman", "Sandhu",
    "Stanley", "Thornton", "Umeh", "Vickers", "Whitfield", "Yates",
)
HYPHENATED = (
    "Bennett-Wake", "Ashworth-Hale", "Dale-Prentice", "Fox-Morgan", "Lloyd-Evans", "Rees-Carter",
)
AREAS = (
    "Children's Services", "Children’s Social Care and Safeguarding", "Adult Social Care",
    "Public Health", "Housing and Homelessness", "Education and Skills",
    "Climate Change and Environment", "Finance and Resources", "Highways and Transport",
    "Neighbourhoods and Community Safety", "Planning and Regeneration", "Leisure and Culture",
)
MEMBER_ROLES = (
    "Portfolio Holder for {area}", "Cabinet Member for {area}", "Lead Member for {area}",
    "Cabinet Spokesperson for {area}", "Deputy Leader and Portfolio Holder for {area}",
)
OFFICER_ROLES = (
    "Director of {area}", "Assistant Director, {area}", "Head of {area}",
    "Service Manager – {area}", "Strategic Lead for {area}", "Chief Finance Officer",
    "Scrutiny Officer", "Director of Public Health",
)
# How minutes refer back to someone who gave an undertaking.
BY_ROLES = (
    "Portfolio Holder", "Cabinet Member", "Director of Children's Services", "Head of Service",
    "Assistant Director", "Chief Finance Officer", "Scrutiny Officer", "Director of Public Health",
)
COUNCILS = (
    "Eastmarsh Borough Council", "Northvale District Council", "Kingsford City Council",
    "Westbridge County Council", "Harlow Vale Council",
)
COMMITTEES = (
    "Children and Young People Overview and Scrutiny Committee", "Cabinet",
    "Health and Adult Social Care Overview and Scrutiny Committee", "Planning Committee",
    "Audit and Governance Committee", "Corporate Parenting Panel", "Licensing Sub-Committee",
    "Housing Scrutiny Panel", "Council",
)
TOPIC_LABELS = (
    "Youth Justice", "Recruitment and retention", "Adoption", "Children with disabilities",
    "Accommodation for care leavers", "School attendance", "Early Help",
    "Special Educational Needs and Disabilities (SEND)", "Foster carer recruitment",
    "Budget pressures", "Waiting lists", "Mental health support", "Home to school transport",
    "Exclusions", "Social worker caseloads", "Elective home education", "Youth services",
    "Fly-tipping enforcement", "Recycling rates", "Temporary accommodation", "Damp and mould",
    "Pothole repairs", "Air quality", "Library opening hours", "Agency staff costs",
    "Care leavers' apprenticeships", "Transitions to adult services", "Domestic abuse support",
)
TOPIC_OPENERS = (
    "concern was raised about", "reference was made to", "clarification was sought on",
    "it was asked what progress had been made on", "Members welcomed the update on",
)
SUBJECTS = (
    "the number of families waiting for an assessment", "the impact of rising demand",
    "the recruitment of permanent staff", "the cost of placements outside the borough",
    "the timetable for the new service", "the feedback received from young people",
    "the support offered to schools", "the use of agency staff", "the quality of case records",
    "the length of time taken to respond to complaints", "the pilot scheme in two wards",
)
RESPONSES = (
    "it was explained that the service was monitoring the position closely",
    "the Committee was informed that additional funding had been secured for the current year",
    "it was confirmed that a recovery plan was in place",
    "Members were advised that performance had improved in the last quarter",
    "it was explained that work was under way with partners to address this",
    "it was noted that the figures were in line with those of similar authorities",
)
UNDERTAKING_VERBS = (
    "report back on", "circulate a briefing note on", "provide a written response on",
    "give more information on", "share the latest figures on", "arrange a briefing for Members on",
    "bring a further report to a future meeting on", "look into", "investigate and report back on",
)
UNDERTAKING_OBJECTS = (
    "the number of children awaiting assessment", "the breakdown of the figures by ward",
    "the outcome of the consultation", "the timetable for the review",
    "what plans the service had in place to continue monitoring",
    "the costs of the new contract", "the waiting times for adaptations",
    "the take-up of free school meals", "progress with the action plan",
)
SUBJECT_DOCS = (
    "the Youth Justice Plan", "the Annual Report", "the Corporate Parenting Strategy",
    "the Housing Allocations Policy", "the Work Programme", "the Fees and Charges Schedule",
    "the Local Flood Risk Strategy", "the Home to School Transport Policy",
)
ITEM_TITLES = (
    "Attendance of the {role}", "{area} annual report", "Quarterly performance report",
    "Work programme", "{area} budget monitoring", "Review of {doc}",
    "Recommendations of the task and finish group", "Update on {area}",
)
PURPOSES = (
    "To receive the report of the {officer}.",
    "This report provides an update on the areas within the remit of the Committee.",
    "To consider progress against the action plan agreed at the last meeting.",
)
DOC_TITLES = ("Report", "Appendix A - Action plan", "Appendix 1 - Performance data", "Minutes")
RULES = ("12.6", "14.6", "16.4", "4.10", "18.5", "19.2")
INTEREST_KINDS = ("personal", "disclosable pecuniary", "other registrable", "prejudicial")

# Decisions: each kind's words say which kind it is, as real resolutions do.
# Clauses go under "RESOLVED that"; sentences stand alone.
CLAUSES: dict[DecisionKind, tuple[str, ...]] = {
    "noted": ("the report be noted", "the update on {doc} be noted",
              "the contents of the report be noted"),
    "approved": ("{doc} be approved", "the minutes of the meeting held on {date} be approved as "
                 "a correct record and signed by the Chair", "the revised terms of reference be "
                 "approved"),
    "agreed": ("the work programme be agreed", "the recommendations of the task and finish group "
               "be agreed", "the Committee's comments on {doc} be agreed",
               "Councillor {name} be appointed as Vice-Chair for the remainder of the "
               "municipal year"),
    "recommended": ("Cabinet be recommended to adopt {doc}", "it be recommended to Council that "
                    "{doc} be adopted"),
    "rejected": ("the application be refused for the reasons set out in the report",
                 "the proposal to close the centre be rejected"),
    "deferred": ("consideration of {doc} be deferred to the next meeting",
                 "the application be deferred to allow a site visit"),
    # Gold annotations of real minutes call appointments "agreed" and thanks "other".
    "other": ("witnesses be thanked for their attendance and contribution",
              "the officers be thanked for their work on {doc}"),
}
SENTENCES: dict[DecisionKind, tuple[str, ...]] = {
    "noted": ("The Committee noted the report.", "The Panel noted the update."),
    "approved": ("The minutes of the meeting held on {date} were approved as a correct record.",),
    "agreed": ("The minutes of the meeting held on {date} were agreed as a correct record and "
               "signed by the Chair.",),
    "rejected": ("On being put to the vote, the motion was lost.",),
}


class Chooser(Protocol):
    """Where the builder's choices come from: hypothesis' ``draw`` or a seeded Random."""

    def choice(self, pool: Sequence[T]) -> T: ...
    def integer(self, lo: int, hi: int) -> int: ...
    def sample(self, pool: Sequence[T], k: int) -> list[T]: ...
    def chance(self, percent: int) -> bool: ...


class RandomChooser:
    """Choices from :class:`random.Random`."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def choice(self, pool: Sequence[T]) -> T:
        return self.rng.choice(pool)

    def integer(self, lo: int, hi: int) -> int:
        return self.rng.randint(lo, hi)

    def sample(self, pool: Sequence[T], k: int) -> list[T]:
        return self.rng.sample(list(pool), k)

    def chance(self, percent: int) -> bool:
        return self.rng.randrange(100) < percent


class DrawChooser:
    """Choices drawn through hypothesis, so a failing record shrinks."""

    def __init__(self, draw: Callable[[st.SearchStrategy[Any]], Any]) -> None:
        self.draw = draw

    def choice(self, pool: Sequence[T]) -> T:
        return self.draw(st.sampled_from(pool))  # type: ignore[no-any-return]

    def integer(self, lo: int, hi: int) -> int:
        return self.draw(st.integers(lo, hi))  # type: ignore[no-any-return]

    def sample(self, pool: Sequence[T], k: int) -> list[T]:
        return self.draw(  # type: ignore[no-any-return]
            st.lists(st.sampled_from(pool), min_size=k, max_size=k, unique=True)
        )

    def chance(self, percent: int) -> bool:
        # Shrinks towards 99, i.e. towards "no": a smaller record.
        return self.draw(st.integers(0, 99)) >= 100 - percent  # type: ignore[no-any-return]


# --- The builder. -----------------------------------------------------------------


def person_name(c: Chooser) -> str:
    """A name as minutes print it: "Priya Sandhu", "J. D. Stanley", "S K Gill", "Bennett-Wake"."""
    surname = c.choice(HYPHENATED) if c.chance(20) else c.choice(SURNAMES)
    form = c.integer(0, 4)
    first = c.choice(FIRST_NAMES)
    if form == 1:
        second = c.choice(FIRST_NAMES)
        return f"{first[0]}. {second[0]}. {surname}"
    if form == 2:
        return f"{first[0]} {c.choice(FIRST_NAMES)[0]} {surname}"
    return f"{first} {surname}"


def member_ref(c: Chooser) -> str:
    """A member as a vote or apology lists them: a surname, or initials and surname."""
    surname = c.choice(HYPHENATED) if c.chance(20) else c.choice(SURNAMES)
    return f"{c.choice(FIRST_NAMES)[0]} {surname}" if c.chance(20) else surname


def distinct(c: Chooser, make: Callable[[Chooser], str], k: int) -> list[str]:
    """``k`` different values of ``make`` (fewer if the pools run short)."""
    out: list[str] = []
    for _ in range(k * 3):
        value = make(c)
        # Surnames must differ too: apologies and votes are compared by surname.
        if all(value.split()[-1] != o.split()[-1] for o in out):
            out.append(value)
        if len(out) == k:
            break
    return out


def attendee(c: Chooser) -> Attendee:
    area = c.choice(AREAS)
    kind = c.integer(0, 5)
    if kind <= 1:
        return Attendee(person_name(c), c.choice(MEMBER_ROLES).format(area=area))
    if kind <= 3:
        return Attendee(person_name(c), c.choice(OFFICER_ROLES).format(area=area))
    if kind == 4:
        return Attendee(None, c.choice(MEMBER_ROLES + OFFICER_ROLES).format(area=area))
    return Attendee(person_name(c), None)


def _distinct_people(people: list[Attendee]) -> list[Attendee]:
    """One entry per person: minutes name each attendee once (by surname, or by post)."""
    seen: set[str] = set()
    roles: list[str] = []
    out = []
    for a in people:
        key = a.name.split()[-1].lower() if a.name else ""
        role = (a.role or "").lower()
        # One post has one holder: "Deputy Leader and Portfolio Holder for X" is the
        # Portfolio Holder for X, so minutes would not list both as different people.
        if (key and key in seen) or (role and any(role in r or r in role for r in roles)):
            continue
        if key:
            seen.add(key)
        if role:
            roles.append(role)
        out.append(a)
    return out


def topic(c: Chooser, label: str) -> Topic:
    subject, response = c.choice(SUBJECTS), c.choice(RESPONSES)
    if c.chance(30):
        return Topic(label, f"in response to a question about {subject}, {response}.")
    response = response[0].upper() + response[1:]
    return Topic(label, f"{c.choice(TOPIC_OPENERS)} {subject}. {response}.")


def undertaking(c: Chooser, attendees: Sequence[Attendee] = ()) -> Undertaking:
    """A promise by someone attending for the item (only those present make promises)."""
    action = f"{c.choice(UNDERTAKING_VERBS)} {c.choice(UNDERTAKING_OBJECTS)}"
    roles = [a.role for a in attendees if a.role]
    return Undertaking(None if c.chance(25) or not roles else c.choice(roles), action)


def decision(c: Chooser, date: dt.date) -> Decision:
    kind: DecisionKind = c.choice(tuple(CLAUSES))
    sentence = kind in SENTENCES and c.chance(25)
    template = c.choice(SENTENCES[kind] if sentence else CLAUSES[kind])
    earlier = date - dt.timedelta(days=7 * c.integer(3, 8))
    text = template.format(
        doc=c.choice(SUBJECT_DOCS), date=f"{earlier.day} {earlier:%B %Y}", name=c.choice(SURNAMES),
    )
    return Decision(kind, text)


def recorded_votes(c: Chooser) -> list[RecordedVote]:
    positions: list[VotePosition] = c.sample(("for", "against", "abstain"), c.integer(1, 2))
    rule = None if c.chance(20) else c.choice(RULES)
    names = distinct(c, member_ref, 8)
    votes = []
    for position in positions:
        k = min(c.integer(1, 4), len(names))
        if k:
            votes.append(RecordedVote(names[:k], position, rule))
            names = names[k:]
    return votes


def apologies_item(c: Chooser, number: str) -> Item:
    names = distinct(c, lambda c: c.choice(HYPHENATED + SURNAMES) if c.chance(70)
                     else person_name(c), c.integer(0, 4))
    item = Item(number, c.choice(("Apologies for absence", "Apologies for Absence",
                                  "Apologies for absence and substitutions")))
    item.apologies = [Apology(n) for n in names]
    if names and c.chance(40):
        substitute = member_ref(c)
        if all(substitute.split()[-1] != n.split()[-1] for n in names):
            item.substitutes = [Substitute(substitute, names[0])]
    return item


def declarations_item(c: Chooser, number: str, later: int) -> Item:
    item = Item(number, "Declarations of interest")
    for _ in range(c.integer(0, 2)):
        item.declarations.append(Declaration(
            person_name(c), str(later + c.integer(1, 3)), c.choice(INTEREST_KINDS)))
    return item


def business_item(c: Chooser, number: str, date: dt.date) -> Item:
    area = c.choice(AREAS)
    role = c.choice(MEMBER_ROLES).format(area=area)
    template = c.choice(ITEM_TITLES)
    item = Item(number, template.format(role=role, area=area, doc=c.choice(SUBJECT_DOCS)))
    if c.chance(50):
        officer = c.choice(OFFICER_ROLES).format(area=area)
        item.purpose = c.choice(PURPOSES).format(officer=officer)
    if c.chance(50):
        titles = c.sample(DOC_TITLES, c.integer(1, 2))
        item.documents = [
            SupportingDocument(t, f"documents/s{1000 + i}/{t.replace(' ', '%20')}.pdf")
            for i, t in enumerate(titles)
        ]
    item.attendees = [attendee(c) for _ in range(c.integer(0, 3))]
    if "{role}" in template:
        # An item titled "Attendance of the Portfolio Holder ..." says who
        # attended; a record without them would contradict its own title.
        item.attendees.insert(0, Attendee(None if c.chance(30) else person_name(c), role))
    item.attendees = _distinct_people(item.attendees)
    labels = c.sample(TOPIC_LABELS, c.integer(0, 5))
    item.topics = [topic(c, label) for label in labels]
    item.undertakings = [undertaking(c, item.attendees) for _ in range(c.integer(0, 2))]
    drawn = [decision(c, date) for _ in range(c.integer(0, 3))]
    decisions = list({d.text: d for d in drawn}.values())
    # Standalone sentences read first ("The minutes ... were agreed"), then RESOLVED.
    decisions.sort(key=lambda d: not d.text.endswith("."))
    item.decisions = decisions
    if c.chance(25):
        item.recorded_votes = recorded_votes(c)
    return item


def build_meeting(c: Chooser) -> Meeting:
    """A meeting of one to five items, built from ``c``'s choices."""
    date = dt.date(2012, 1, 2) + dt.timedelta(days=c.integer(0, 13 * 365))
    meeting = Meeting(council=c.choice(COUNCILS), committee=c.choice(COMMITTEES), date=date)
    first = c.integer(1, 120)
    count = c.integer(1, 5)
    numbers = [str(first + i) for i in range(count)]
    for i, number in enumerate(numbers):
        if i == 0 and count > 1 and c.chance(50):
            meeting.items.append(apologies_item(c, number))
        elif i == 1 and count > 2 and c.chance(40):
            meeting.items.append(declarations_item(c, number, first + 1))
        else:
            meeting.items.append(business_item(c, number, date))
    return meeting


@st.composite
def meetings(draw: Callable[[st.SearchStrategy[Any]], Any]) -> Meeting:
    """Hypothesis strategy: realistic meeting records (see :func:`build_meeting`)."""
    return build_meeting(DrawChooser(draw))


def random_meeting(rng: random.Random) -> Meeting:
    """A realistic meeting from a seeded ``rng``: the same seed, the same record."""
    return build_meeting(RandomChooser(rng))
