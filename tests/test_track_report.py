"""The Lead Member's accountability report over the Wrenfield corpus, checked field by field."""

from __future__ import annotations

import datetime as dt
import importlib.util
import re

import pytest

from corpus import fixtures, wrenfield
from minutebook.store import Store
from minutebook.track.followup import confirm, propose
from minutebook.track.render_report import render, to_html, to_markdown
from minutebook.track.report import LeadMemberReport, build_report

corpus_template = fixtures.corpus_template
corpus_db = fixtures.corpus_db
START, END = dt.date(2024, 4, 1), dt.date(2025, 2, 28)
AS_OF = dt.date(2025, 3, 1)
ROLE = wrenfield.PH_ROLE
PERIOD_MEETINGS = [d for d in wrenfield.CYP_DATES if START <= d <= END]


def report(store: Store) -> LeadMemberReport:
    return build_report(store, ROLE, START, END, council=wrenfield.COUNCIL, as_of=AS_OF,
                        semantic=False)


def expected_questions() -> list[tuple[dt.date, str]]:
    """(date, label) of every point at an item the Portfolio Holder attended in the period."""
    out = []
    for m in wrenfield.meetings():
        if m.committee != wrenfield.CYP or not m.date or not START <= m.date <= END:
            continue
        for item in m.items:
            if any(a.role == ROLE for a in item.attendees):
                out += [(m.date, t.label) for t in item.topics]
    return out


def test_holder_and_attendance(corpus_db: Store) -> None:
    r = report(corpus_db)
    assert r.holders == [wrenfield.PH_NAME]
    assert [a.meeting.date for a in r.attendances] == PERIOD_MEETINGS
    assert all(a.attended and a.meeting.committee == wrenfield.CYP for a in r.attendances)
    assert r.attended == len(PERIOD_MEETINGS) == 4
    for a in r.attendances:
        assert a.sources and all(s.item.meeting.id == a.meeting.id for s in a.sources)


def test_questions_by_topic_with_answers(corpus_db: Store) -> None:
    r = report(corpus_db)
    got = sorted((q.source.item.meeting.date, q.topic) for qs in r.questions.values()
                 for q in qs)
    assert got == sorted(expected_questions())
    workforce = [q for heading, qs in r.questions.items() for q in qs
                 if q.topic == "Recruitment and retention"]
    assert len(workforce) == 1
    assert "vacancy rate for social workers" in workforce[0].answer
    assert workforce[0].source.item.meeting.date == dt.date(2025, 1, 14)
    # Points are grouped under their theme's name: 2024's and 2025's labels together.
    heading = next(h for h, qs in r.questions.items() if workforce[0] in qs)
    assert {q.topic for q in r.questions[heading]} >= {"Social worker workforce",
                                                       "Recruitment and retention"}


def test_undertakings_and_whether_answered(corpus_db: Store) -> None:
    r = report(corpus_db)
    got = {e.undertaking.action: (e.status, e.due.date) for e, _ in r.undertakings}
    threads = {t.name: t.action for t in wrenfield.THREADS}
    assert got == {
        threads["agency social workers"]: ("overdue", dt.date(2024, 9, 17)),
        threads["ehcp timeliness"]: ("overdue", dt.date(2024, 10, 15)),
        threads["family hubs"]: ("open", dt.date(2025, 3, 31)),
        # Due "at the next meeting", which on 1 March 2025 had not yet been held.
        threads["ofsted visit"]: ("open", None),
    }
    assert r.answered == 0
    # A confirmed follow-up shows as answered, with the evidence.
    found = propose(corpus_db, semantic=False, as_of=AS_OF)
    agency = next((e, props) for e, props in found
                  if e.undertaking.action.startswith("provide figures on the use of agency"))
    confirm(corpus_db, agency[0].id, agency[1][0].item.id, actor="scrutiny.officer",
            at=dt.datetime(2025, 2, 20, tzinfo=dt.UTC))
    r = report(corpus_db)
    assert r.answered == 1
    answered = next(e for e, _ in r.undertakings if e.status == "answered")
    assert answered.answer is not None and "2024-09-17" in (answered.answer.evidence or "")


def test_decisions_and_recorded_votes(corpus_db: Store) -> None:
    r = report(corpus_db)
    titles = sorted((d.source.item.meeting.date, d.source.item.title or "", d.kind)
                    for d in r.decisions)
    assert titles == sorted(
        [(d, "Portfolio Holder Update", "noted") for d in PERIOD_MEETINGS]
        + [(dt.date(2024, 9, 17), "SEND Improvement Plan", "noted"),
           (dt.date(2024, 11, 12), "Early Help Strategy", "noted"),
           (dt.date(2024, 11, 12), "Home to School Transport Policy", "recommended")])
    votes = sorted((v.position, tuple(v.members)) for v in r.votes)
    assert votes == [("against", ("Dinesh Varma", "Eleanor Shaw")),
                     ("for", ("Amy Thorne", "Ben Castle", "Carol Hughes"))]
    assert {v.source.item.title for v in r.votes} == {"Home to School Transport Policy"}


def test_recurring_themes(corpus_db: Store) -> None:
    r = report(corpus_db)
    by_name = {t.theme.name: t for t in r.themes}
    workforce = next(t for t in r.themes if "Retention of social workers" in t.theme.labels)
    assert workforce.earlier_years == [2021, 2022, 2023, 2024]
    assert all(START <= (s.item.meeting.date or START) <= END for s in workforce.in_period)
    youth = next(t for t in r.themes if "Youth offending" in t.theme.labels)
    assert 2021 in youth.earlier_years
    assert len(by_name) == len(r.themes)


def test_every_statement_links_to_its_source(corpus_db: Store) -> None:
    r = report(corpus_db)
    md = to_markdown(r)
    assert md.startswith(f"# {ROLE}: accountability to scrutiny\n")
    for heading in ("Attendance at scrutiny", "Questions raised, by topic, and the answers given",
                    "Undertakings and whether each was answered", "Decisions", "Recorded votes",
                    "Themes recurring from earlier years"):
        assert f"\n## {heading}\n" in md
    assert "Scrutiny meetings attended: 4 of 4." in md
    statements = [ln for ln in md.splitlines() if ln.startswith(("- ", "20"))]
    assert len(statements) >= 25
    link = re.compile(r"\(\[[^\]]+\]\(https://democracy\.wrenfield\.example/cyp/\d{4}-\d\d-\d\d\)\)")
    for line in statements:
        assert link.search(line), line
    page = to_html(r)
    assert page.startswith("<!DOCTYPE html>") and "<script" not in page
    assert page.count('<a class="src" href="https://democracy.wrenfield.example/cyp/') >= 25
    assert "Children&#x27;s" in page or "Children&#39;s" in page
    web = build_report(corpus_db, ROLE, START, END, as_of=AS_OF, semantic=False,
                       link_base="http://127.0.0.1:8000")
    assert re.search(r"\]\(http://127\.0\.0\.1:8000/items/\d+\)", to_markdown(web))


def test_nobody_in_the_role(corpus_db: Store) -> None:
    r = build_report(corpus_db, "Lead Member for Libraries", START, END, as_of=AS_OF,
                     semantic=False)
    assert (r.holders, r.attendances, r.questions, r.undertakings, r.votes) == ([], [], {}, [],
                                                                                [])
    assert "Role held by: nobody recorded in this role." in to_markdown(r)


@pytest.mark.slow
@pytest.mark.skipif(importlib.util.find_spec("weasyprint") is None,
                    reason="the pdf extra (weasyprint) is not installed")
def test_pdf(corpus_db: Store) -> None:
    pdf = render(report(corpus_db), "pdf")
    assert pdf.startswith(b"%PDF-") and len(pdf) > 5000
