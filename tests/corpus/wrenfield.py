"""A fictional council's scrutiny minutes, 2021 to 2025, written for the accountability tests.

Wrenfield Borough Council has two scrutiny committees: Children and Young
People (five meetings a year) and Adults and Health (three a year). Over
those years officers and the Portfolio Holder for Children's Services make
promises (:data:`THREADS`); some are answered at a later meeting, in one of
the ways real minutes record it (an item "further to the information
requested at the last meeting", a point "as undertaken at the meeting on
...", "the information had been circulated", or only by subject), some are
never answered while their subject keeps coming back. Every word is this
project's own; the council, people and figures are invented.

:func:`meetings` builds the records; :func:`documents` renders them to
minutes with :mod:`minutebook.render` (ModernGov meeting pages and numbered
minutes, text and HTML) so that the tests go through conversion and
extraction as real minutes would.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from minutebook.document import SourceDocument
from minutebook.models import (
    Apology,
    Attendee,
    Decision,
    Item,
    Meeting,
    RecordedVote,
    Topic,
    Undertaking,
)
from minutebook.render import render_html, render_text

COUNCIL = "Wrenfield Borough Council"
CYP = "Children and Young People Scrutiny Committee"
ADULTS = "Adults and Health Scrutiny Committee"
PH_ROLE = "Portfolio Holder for Children's Services"
PH_NAME = "Helen Marsh"
ADULT_PH = ("Ruth Ellery", "Portfolio Holder for Adult Social Care")
OFFICERS = {
    "youth": ("Martin Okafor", "Head of Youth Justice"),
    "dcs": ("Joanne Pike", "Director of Children's Services"),
    "fostering": ("Priya Raman", "Head of Fostering"),
    "education": ("Gareth Lowe", "Director of Education"),
    "safeguarding": ("Laura Bennett", "Head of Safeguarding"),
    "adults": ("Simon Ash", "Director of Adult Social Care"),
    "commissioning": ("Nadia Frost", "Head of Commissioning"),
}
MEMBERS = ("Amy Thorne", "Ben Castle", "Carol Hughes", "Dinesh Varma", "Eleanor Shaw",
           "Frank Oduya", "Grace Whitlow")

D = dt.date
CYP_DATES = [
    D(2021, 1, 12), D(2021, 3, 16), D(2021, 6, 15), D(2021, 9, 21), D(2021, 11, 16),
    D(2022, 1, 11), D(2022, 3, 15), D(2022, 6, 14), D(2022, 9, 20), D(2022, 11, 15),
    D(2023, 1, 10), D(2023, 3, 14), D(2023, 6, 13), D(2023, 9, 19), D(2023, 11, 14),
    D(2024, 1, 9), D(2024, 3, 12), D(2024, 6, 11), D(2024, 9, 17), D(2024, 11, 12),
    D(2025, 1, 14), D(2025, 3, 11),
]
ADULT_DATES = [
    D(2021, 2, 4), D(2021, 7, 8), D(2021, 10, 7), D(2022, 2, 3), D(2022, 7, 7), D(2022, 10, 6),
    D(2023, 2, 2), D(2023, 7, 6), D(2023, 10, 5), D(2024, 2, 1), D(2024, 7, 4), D(2024, 10, 3),
    D(2025, 2, 6),
]


@dataclass(frozen=True, slots=True)
class Answer:
    """Where a promise was answered: the meeting and item, and how the minutes put it."""

    committee: str
    date: dt.date
    item_title: str
    purpose: str | None = None
    topic: tuple[str, str] | None = None
    """Answered inside the Portfolio Holder's update, as a labelled point."""


@dataclass(frozen=True, slots=True)
class Thread:
    """A promise: where it was made, by whom, its words, when due, and its answer if any."""

    name: str
    committee: str
    date: dt.date
    item_title: str
    by: str
    action: str
    due: dt.date | None
    answer: Answer | None = None
    officer: str | None = None
    """Key of :data:`OFFICERS` who attended the item, when not the Portfolio Holder."""


PH = PH_ROLE
THREADS: tuple[Thread, ...] = (
    Thread("caseloads", CYP, D(2021, 1, 12), "Portfolio Holder Update", PH,
           "circulate the caseload figures for social workers in each locality team "
           "at the next meeting", D(2021, 3, 16),
           Answer(CYP, D(2021, 3, 16), "Social Worker Caseloads: Information Requested",
                  purpose="Further to the information requested at the last meeting, the "
                          "Committee received the caseload figures for social workers in each "
                          "locality team, which showed the highest caseloads in the North "
                          "locality.")),
    Thread("first-time entrants", CYP, D(2021, 6, 15), "Youth Justice Plan",
           "Head of Youth Justice",
           "provide a breakdown of first-time entrants to the youth justice system by ward "
           "within four weeks", D(2021, 7, 13),
           Answer(CYP, D(2021, 9, 21), "Portfolio Holder Update",
                  topic=("First-time entrants",
                         "As undertaken at the meeting on 15 June 2021, the ward breakdown of "
                         "first-time entrants to the youth justice system had been circulated "
                         "to Members, and the Portfolio Holder drew attention to two wards.")),
           officer="youth"),
    Thread("home education register", CYP, D(2021, 9, 21), "Elective Home Education",
           "Director of Children's Services",
           "write to the Department for Education about a register of children educated "
           "at home", None, None, officer="dcs"),
    Thread("transport costs", CYP, D(2021, 11, 16), "Home to School Transport", PH,
           "report back on the cost of transport for pupils with special educational needs "
           "by March 2022", D(2022, 3, 31),
           Answer(CYP, D(2022, 3, 15), "Transport Costs for Pupils with Special Needs",
                  purpose="The Committee received the figures on the cost of transport for "
                          "pupils with special educational needs, which had risen by twelve "
                          "per cent in a year.")),
    Thread("alder lodge visit", CYP, D(2022, 1, 11), "Portfolio Holder Update", PH_NAME,
           "arrange a visit for Members to the new children's home at Alder Lodge", None,
           Answer(CYP, D(2022, 6, 14), "Portfolio Holder Update",
                  topic=("Alder Lodge",
                         "Members reported on their visit to the new children's home at Alder "
                         "Lodge in May and thanked the staff for their welcome."))),
    Thread("foster carers", CYP, D(2022, 3, 15), "Fostering Sufficiency", "Head of Fostering",
           "share the number of foster carers recruited and deregistered in the last year at "
           "the next meeting", D(2022, 6, 14), None, officer="fostering"),
    Thread("absence rates", CYP, D(2022, 9, 20), "School Attendance", "Director of Education",
           "circulate persistent absence rates for secondary schools by district", None,
           Answer(CYP, D(2022, 11, 15), "School Attendance: Absence Rates by District",
                  purpose="The information had been circulated to Members: persistent absence "
                          "rates for secondary schools by district were highest in the town "
                          "centre."),
           officer="education"),
    Thread("unregulated accommodation", CYP, D(2023, 1, 10), "Care Leavers' Accommodation", PH,
           "provide the number of care leavers living in unregulated accommodation within two "
           "months", D(2023, 3, 10),
           Answer(CYP, D(2023, 3, 14), "Care Leavers in Unregulated Accommodation",
                  purpose="Further to the information requested at the last meeting, the "
                          "Committee was told that nine care leavers were living in "
                          "unregulated accommodation.")),
    Thread("nqsw retention", CYP, D(2023, 6, 13), "Portfolio Holder Update", PH,
           "bring a report on the retention of newly qualified social workers to the September "
           "meeting", D(2023, 9, 30),
           Answer(CYP, D(2023, 9, 19), "Retention of Newly Qualified Social Workers",
                  purpose="The report set out how many newly qualified social workers had "
                          "stayed with the council for three years.")),
    Thread("transitions", CYP, D(2023, 6, 13), "Transitions to Adult Services",
           "Director of Adult Social Care",
           "provide the number of young people with disabilities awaiting transition "
           "assessments", None,
           Answer(ADULTS, D(2023, 10, 5), "Transitions for Young People with Disabilities",
                  purpose="The Committee received the number of young people with "
                          "disabilities awaiting transition assessments, first sought by the "
                          "Children and Young People Scrutiny Committee."),
           officer="adults"),
    Thread("exploitation training", CYP, D(2023, 11, 14), "Child Exploitation",
           "Head of Safeguarding",
           "confirm how many schools had received training on child criminal exploitation by "
           "the end of the financial year", D(2024, 3, 31), None, officer="safeguarding"),
    Thread("agency social workers", CYP, D(2024, 6, 11), "Portfolio Holder Update", PH,
           "provide figures on the use of agency social workers at the next meeting",
           D(2024, 9, 17),
           Answer(CYP, D(2024, 9, 17), "Portfolio Holder Update",
                  topic=("Agency social workers",
                         "Further to the information requested at the last meeting, the "
                         "Portfolio Holder reported that agency social workers made up "
                         "eighteen per cent of the workforce."))),
    Thread("ehcp timeliness", CYP, D(2024, 9, 17), "SEND Improvement Plan", PH,
           "circulate the timeliness of education, health and care plans for the last quarter "
           "within four weeks", D(2024, 10, 15),
           Answer(CYP, D(2024, 11, 12), "Portfolio Holder Update",
                  topic=("EHCP timeliness",
                         "The information had been circulated: sixty per cent of education, "
                         "health and care plans for the quarter were issued on time."))),
    Thread("family hubs", CYP, D(2024, 11, 12), "Early Help Strategy", PH,
           "report back on waiting times for family hubs by March 2025", D(2025, 3, 31), None),
    Thread("ofsted visit", CYP, D(2025, 1, 14), "Portfolio Holder Update", PH_NAME,
           "share the outcome of the Ofsted focused visit at the next meeting", D(2025, 3, 11),
           Answer(CYP, D(2025, 3, 11), "Ofsted Focused Visit Outcome",
                  purpose="As undertaken at the meeting on 14 January 2025, the Portfolio "
                          "Holder shared the outcome of the Ofsted focused visit, which had "
                          "found effective practice in the front door.")),
    Thread("delayed discharges", ADULTS, D(2021, 2, 4), "Hospital Discharge",
           "Director of Adult Social Care",
           "circulate the number of delayed discharges from the district hospital each month",
           None,
           Answer(ADULTS, D(2021, 7, 8), "Delayed Discharges: Information Requested",
                  purpose="Further to the information requested at the last meeting, the "
                          "monthly number of delayed discharges from the district hospital "
                          "was presented."),
           officer="adults"),
    Thread("care home fees", ADULTS, D(2022, 2, 3), "Care Home Fees", ADULT_PH[1],
           "report back on the fee uplift for residential care homes within six weeks",
           D(2022, 3, 17), None),
    Thread("carers survey", ADULTS, D(2023, 2, 2), "Carers' Support", "Head of Commissioning",
           "share the results of the survey of unpaid carers", None,
           Answer(ADULTS, D(2023, 7, 6), "Carers' Strategy Update",
                  topic=("Carers survey",
                         "The results of the survey of unpaid carers had been shared with "
                         "Members; most carers valued respite breaks above other support.")),
           officer="commissioning"),
    Thread("safeguarding concerns", ADULTS, D(2024, 2, 1), "Adult Safeguarding Annual Report",
           "Director of Adult Social Care",
           "provide the number of safeguarding concerns raised by care homes by the end of "
           "May 2024", D(2024, 5, 31),
           Answer(ADULTS, D(2024, 7, 4), "Safeguarding Concerns from Care Homes",
                  purpose="As requested at the last meeting, the Committee received the number "
                          "of safeguarding concerns raised by care homes in the year."),
           officer="adults"),
)

# Subjects the Portfolio Holder is questioned on, year after year: (label by year, answer).
# The labels change over the years as real minutes' do ("Retention of social workers"
# becomes "Recruitment and retention"), which is what theme grouping must see through.
PH_TOPICS: dict[str, tuple[dict[int, str], str]] = {
    "workforce": ({2021: "Retention of social workers", 2022: "Social worker recruitment",
                   2023: "Social work vacancies", 2024: "Social worker workforce",
                   2025: "Recruitment and retention"},
                  "in response to a question about social workers leaving the council, the "
                  "Portfolio Holder said that the vacancy rate for social workers had fallen to "
                  "{n} per cent and that exit interviews pointed to caseloads."),
    "youth": ({2021: "Youth justice", 2022: "Youth offending", 2023: "Youth justice",
               2024: "Youth justice", 2025: "Youth justice"},
              "asked about reoffending by young people, the Portfolio Holder said that {n} "
              "young people had been diverted from court through the youth justice service."),
    "transport": ({2021: "Home to school transport", 2022: "SEND transport",
                   2023: "School transport costs", 2024: "Home to school transport",
                   2025: "Home to school transport"},
                  "in response to a question on the cost of school transport, the Portfolio "
                  "Holder said that spending on transport for pupils had risen by {n} per cent."),
    "homes": ({2021: "Children's homes", 2022: "Residential placements",
               2023: "Children's homes", 2024: "Residential children's homes",
               2025: "Children's homes"},
              "Members asked about the cost of residential placements for children in care, "
              "and the Portfolio Holder said that {n} children lived in homes out of the "
              "borough."),
    "attendance": ({2021: "School attendance", 2022: "Persistent absence",
                    2023: "School attendance", 2024: "Persistent absence",
                    2025: "School attendance"},
                   "asked about pupils missing school, the Portfolio Holder said that "
                   "persistent absence in secondary schools stood at {n} per cent."),
    "budget": ({2021: "High needs budget", 2022: "Dedicated schools grant",
                2023: "High needs budget", 2024: "High needs deficit", 2025: "High needs budget"},
               "in response to a question about the overspend on the high needs block, the "
               "Portfolio Holder said that the deficit stood at {n} million pounds."),
}
ADULT_TOPICS: dict[str, tuple[dict[int, str], str]] = {
    "discharge": ({2021: "Hospital discharge", 2022: "Delayed discharges",
                   2023: "Hospital discharge", 2024: "Discharge to assess",
                   2025: "Hospital discharge"},
                  "asked about patients waiting to leave hospital, the Director said that {n} "
                  "people were waiting for care packages on the day of the meeting."),
    "carers": ({2021: "Unpaid carers", 2022: "Carers' breaks", 2023: "Unpaid carers",
                2024: "Support for carers", 2025: "Unpaid carers"},
               "in response to a question about respite for unpaid carers, the Director said "
               "that {n} carers had received a break funded by the council."),
    "workforce": ({2021: "Care workforce", 2022: "Care worker recruitment",
                   2023: "Care workforce", 2024: "Care staff retention", 2025: "Care workforce"},
                  "asked about vacancies among home care workers, the Director said that {n} "
                  "per cent of posts were vacant and that pay was the main reason."),
}
# Reports each committee receives once a year, in these months: subjects that recur
# without answering any promise, so proposals must tell a follow-up from the routine.
CYP_REPORTS: dict[int, tuple[str, str]] = {
    1: ("Children's Social Care Workforce",
        "To consider the annual report on recruitment, retention and caseloads of social "
        "workers."),
    3: ("Fostering Service Annual Report",
        "To consider the annual report of the fostering service, including the recruitment of "
        "foster carers."),
    6: ("School Performance",
        "To consider results, attendance and exclusions in the borough's schools."),
    9: ("Elective Home Education Annual Report",
        "To consider the number of children educated at home and the support offered to "
        "families."),
    11: ("Safeguarding Children Partnership Annual Report",
         "To consider the work of the safeguarding partnership, including child exploitation "
         "and training for schools."),
}
ADULT_REPORTS: dict[int, tuple[str, str]] = {
    2: ("Adult Social Care Budget Monitoring",
        "To consider spending on adult social care, including fees paid to care homes."),
    7: ("Health and Wellbeing Strategy", "To consider progress on the health and wellbeing "
                                         "strategy."),
    10: ("Winter Plan", "To consider the plan for hospital discharge and care over the "
                        "winter."),
}


@dataclass(slots=True)
class _Plan:
    """A meeting being assembled."""

    meeting: Meeting
    index: int
    extra: list[Item] = field(default_factory=list)


def _number(plan: _Plan, n: int) -> str:
    base = 10 + plan.index * 8 if plan.meeting.committee == CYP else 200 + plan.index * 8
    return str(base + n)


def _apologies(plan: _Plan) -> Item:
    name = MEMBERS[plan.index % len(MEMBERS)]
    return Item(_number(plan, 1), "Apologies for Absence", apologies=[Apology(name)])


def _minutes(plan: _Plan) -> Item:
    return Item(_number(plan, 2), "Minutes of the Previous Meeting", decisions=[
        Decision("agreed", "the minutes of the previous meeting be agreed as a correct record")])


def _topics(table: dict[str, tuple[dict[int, str], str]], date: dt.date, seed: int,
            count: int) -> list[Topic]:
    keys = list(table)
    out: list[Topic] = []
    for k in range(count):
        labels, text = table[keys[(seed + k) % len(keys)]]
        n = 5 + (seed * 7 + k * 3) % 17
        body = text.format(n=n)
        out.append(Topic(labels[date.year], body[0].upper() + body[1:]))
    return out


def _undertakings(date: dt.date, committee: str, title: str) -> list[Thread]:
    return [t for t in THREADS if t.date == date and t.committee == committee
            and t.item_title == title]


def _promise(t: Thread) -> Undertaking:
    return Undertaking(t.by, t.action)


def _cyp(index: int, date: dt.date) -> Meeting:
    plan = _Plan(Meeting(COUNCIL, CYP, date), index)
    items = [_apologies(plan), _minutes(plan)]
    update = Item(_number(plan, 3), "Portfolio Holder Update",
                  attendees=[Attendee(PH_NAME, PH_ROLE)],
                  topics=_topics(PH_TOPICS, date, index if date.year < 2025 else 0, 3))
    update.topics += [Topic(*a.topic) for a in _answers(CYP, date, "Portfolio Holder Update")]
    update.undertakings = [_promise(t) for t in _undertakings(date, CYP, update.title or "")]
    update.decisions = [Decision("noted", "the Portfolio Holder's update be noted")]
    items.append(update)
    report = CYP_REPORTS.get(date.month)
    n = 4
    if report:
        title, purpose = report
        officer = OFFICERS["dcs" if date.month in (1, 3) else "education"]
        items.append(Item(_number(plan, n), title, purpose=purpose,
                          attendees=[Attendee(*officer)],
                          decisions=[Decision("noted", "the report be noted")]))
        n += 1
    for t in THREADS:
        if t.committee == CYP and t.date == date and t.item_title != "Portfolio Holder Update":
            officer = OFFICERS[t.officer] if t.officer else (PH_NAME, PH_ROLE)
            items.append(Item(_number(plan, n), t.item_title,
                              purpose=f"To consider a report on {t.item_title.lower()}.",
                              attendees=[Attendee(*officer)], undertakings=[_promise(t)],
                              decisions=[Decision("noted", "the report be noted")]))
            n += 1
    for a in _answers(CYP, date, None):
        items.append(_answer_item(plan, n, a))
        n += 1
    if date in (D(2022, 11, 15), D(2024, 11, 12)):
        items.append(_transport_vote(plan, n, date))
        n += 1
    items.append(Item(_number(plan, n), "Work Programme", decisions=[
        Decision("agreed", "the work programme be agreed")]))
    plan.meeting.items = items
    return plan.meeting


def _transport_vote(plan: _Plan, n: int, date: dt.date) -> Item:
    year = date.year
    return Item(
        _number(plan, n), "Home to School Transport Policy",
        purpose="To consider changes to the home to school transport policy for post-16 "
                "students.",
        attendees=[Attendee(PH_NAME, PH_ROLE)],
        decisions=[Decision("recommended",
                            f"Cabinet be recommended to adopt the {year} transport policy")],
        recorded_votes=[
            RecordedVote(["Amy Thorne", "Ben Castle", "Carol Hughes"], "for", "17.4"),
            RecordedVote(["Dinesh Varma", "Eleanor Shaw"], "against", "17.4"),
        ],
    )


def _answer_item(plan: _Plan, n: int, a: Answer) -> Item:
    # Numbered minutes do not print an item's purpose, so the answer is minuted as a
    # sentence of its own, which every house style prints.
    return Item(_number(plan, n), a.item_title, decisions=[
        Decision("noted", a.purpose or ""), Decision("noted", "the information be noted")])


def _answers(committee: str, date: dt.date, title: str | None) -> list[Answer]:
    out = []
    for t in THREADS:
        a = t.answer
        if a and a.committee == committee and a.date == date:
            if title is None and a.topic is None:
                out.append(a)
            elif title is not None and a.topic is not None and a.item_title == title:
                out.append(a)
    return out


def _adults(index: int, date: dt.date) -> Meeting:
    plan = _Plan(Meeting(COUNCIL, ADULTS, date), index)
    items = [_apologies(plan), _minutes(plan)]
    n = 3
    report = ADULT_REPORTS.get(date.month)
    if report:
        title, purpose = report
        items.append(Item(_number(plan, n), title, purpose=purpose,
                          attendees=[Attendee(*OFFICERS["adults"])],
                          topics=_topics(ADULT_TOPICS, date, index, 2),
                          decisions=[Decision("noted", "the report be noted")]))
        n += 1
    for t in THREADS:
        if t.committee == ADULTS and t.date == date:
            officer = OFFICERS[t.officer] if t.officer else ADULT_PH
            items.append(Item(_number(plan, n), t.item_title,
                              purpose=f"To consider a report on {t.item_title.lower()}.",
                              attendees=[Attendee(*officer)], undertakings=[_promise(t)],
                              decisions=[Decision("noted", "the report be noted")]))
            n += 1
    for t in THREADS:
        a = t.answer
        if a and a.committee == ADULTS and a.date == date:
            if a.topic:
                items.append(Item(_number(plan, n), a.item_title,
                                  purpose="To receive an update on the carers' strategy.",
                                  topics=[Topic(*a.topic)],
                                  decisions=[Decision("noted", "the update be noted")]))
            else:
                items.append(_answer_item(plan, n, a))
            n += 1
    items.append(Item(_number(plan, n), "Work Programme", decisions=[
        Decision("agreed", "the work programme be agreed")]))
    plan.meeting.items = items
    return plan.meeting


def meetings() -> list[Meeting]:
    """Every meeting of the corpus, in date order."""
    out = [_cyp(n, d) for n, d in enumerate(CYP_DATES)]
    out += [_adults(n, d) for n, d in enumerate(ADULT_DATES)]
    return sorted(out, key=lambda m: (m.date or D(1, 1, 1), m.committee or ""))


def url_of(meeting: Meeting) -> str:
    """The made-up address the meeting's minutes are published at."""
    assert meeting.date is not None
    body = "cyp" if meeting.committee == CYP else "adults"
    return f"https://democracy.wrenfield.example/{body}/{meeting.date.isoformat()}"


def documents() -> list[SourceDocument]:
    """The meetings rendered to published minutes, in several house styles and formats."""
    out: list[SourceDocument] = []
    for n, m in enumerate(meetings()):
        style = ("numbered", "modgov_item")[n % 2]
        if n % 3 == 2:
            content = render_html(m, style=style).encode()
            media = "text/html"
        else:
            content = render_text(m, style=style).encode()
            media = "text/plain"
        out.append(SourceDocument(key=url_of(m), content=content, url=url_of(m), media_type=media,
                                  council=COUNCIL, committee=m.committee, date=m.date))
    return out
