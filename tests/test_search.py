"""Full-text search, the same tests against SQLite FTS5 and PostgreSQL text search."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from minutebook.cli import main
from minutebook.cli.search import describe_page
from minutebook.errors import QueryError
from minutebook.store import SearchQuery, SearchResult, Store
from minutebook.store.sql import SQLStore
from storedata import library_meeting, parking_meeting, source


@pytest.fixture
def filled(store: Store) -> Store:
    store.save_meeting(source("library-march"), "h", library_meeting())
    store.save_meeting(source("library-april"), "h", library_meeting(
        date=dt.date(2024, 4, 9), committee="Cabinet"))
    store.save_meeting(source("parking"), "h", parking_meeting())
    return store


def _marked(result: SearchResult) -> list[str]:
    plain = result.plain_snippet
    return [plain[a:b].lower() for a, b in result.highlights()]


def test_a_phrase_from_an_undertaking_is_found_with_highlights(filled: Store) -> None:
    page = filled.search(SearchQuery('"visitor figures"', kinds=("undertaking",)))
    assert page.total == 2
    first = page.results[0]
    assert first.kind == "undertaking"
    assert first.item_title == "Review of Library Opening Hours" and first.item_number == "3"
    assert first.span is not None
    assert "visitor" in " ".join(_marked(first)) and "figures" in " ".join(_marked(first))
    assert first.rank > 0
    item = filled.get_item(first.item_id)
    assert item is not None and item.item.undertakings[0].span == first.span


def test_filters_by_date_and_kind(filled: Store) -> None:
    since = filled.search(SearchQuery('"visitor figures"', since=dt.date(2024, 4, 1)))
    assert {r.date for r in since.results} == {dt.date(2024, 4, 9)}
    assert {r.kind for r in since.results} == {"item", "undertaking"}
    until = filled.search(SearchQuery('"visitor figures"', until=dt.date(2024, 3, 31),
                                      kinds=("undertaking",)))
    assert [(r.kind, r.date) for r in until.results] == [("undertaking", dt.date(2024, 3, 5))]
    assert filled.search(SearchQuery("visitor", until=dt.date(2024, 1, 1))).total == 0
    decisions = filled.search(SearchQuery("deferred", kinds=("decision",)))
    assert [(r.kind, r.committee) for r in decisions.results] == [
        ("decision", "Transport Committee")]


def test_date_filters_are_exact_to_the_day_and_names_whole(filled: Store) -> None:
    def total(**filters: dt.date) -> int:
        query = SearchQuery('"visitor figures"', kinds=("undertaking",), **filters)
        return filled.search(query).total

    assert total(since=dt.date(2024, 3, 5)) == 2
    assert total(since=dt.date(2024, 3, 6)) == 1
    assert total(until=dt.date(2024, 3, 5)) == 1
    assert total(until=dt.date(2024, 3, 4)) == 0
    assert total(since=dt.date(2024, 3, 5), until=dt.date(2024, 4, 9)) == 2
    assert total(since=dt.date(2024, 4, 10)) == 0
    assert total(since=dt.date(2020, 1, 1), until=dt.date(2030, 12, 31)) == 2
    assert total(since=dt.date(2025, 1, 1), until=dt.date(2024, 1, 1)) == 0
    assert filled.search(SearchQuery("hours", council="Harbourside Borough")).total == 0
    assert filled.search(SearchQuery("hours", committee="Cabinet Office")).total == 0


def test_filters_by_council_committee_and_person(filled: Store) -> None:
    assert filled.search(SearchQuery("hours", committee="Cabinet")).total > 0
    assert all(r.committee == "Cabinet"
               for r in filled.search(SearchQuery("hours", committee="Cabinet")).results)
    assert filled.search(SearchQuery("hours", council="Nowhere Council")).total == 0
    # Whitby attended the parking item and gave the library undertakings.
    parking = filled.search(SearchQuery("permits", person="Sam Whitby", kinds=("item",)))
    assert [r.item_title for r in parking.results] == ["Residents' Parking Permits"]
    votes = filled.search(SearchQuery("Hale", kinds=("vote",), person="Hale"))
    assert votes.total == 2 and {r.kind for r in votes.results} == {"vote"}
    assert filled.search(SearchQuery("Hale", kinds=("vote",), person="Frost")).total == 0
    by_manager = filled.search(SearchQuery("report", kinds=("undertaking",),
                                           person="Parking Manager"))
    assert by_manager.total == 1


def test_prefix_or_not_and_stemming(filled: Store) -> None:
    assert filled.search(SearchQuery("circul*", kinds=("undertaking",))).total == 2
    assert filled.search(SearchQuery("parking OR quayside", kinds=("item",))).total == 3
    assert filled.search(SearchQuery("hours -sunday", kinds=("item",))).total == 0
    assert filled.search(SearchQuery("hours -parking", kinds=("item",))).total == 2
    # "branch" finds "branches" in both databases' stemming.
    assert filled.search(SearchQuery("branch", kinds=("undertaking",))).total == 2
    assert filled.search(SearchQuery('"residents parking"')).total >= 1
    assert filled.search(SearchQuery("zebra")).total == 0


def test_ranking_pagination_and_totals(filled: Store) -> None:
    everything = filled.search(SearchQuery("hours", limit=50))
    assert everything.total == len(everything.results) >= 4
    ranks = [r.rank for r in everything.results]
    assert ranks == sorted(ranks, reverse=True)
    assert everything.results[0].kind == "item", "a title match ranks first"
    first = filled.search(SearchQuery("hours", limit=2))
    second = filled.search(SearchQuery("hours", limit=2, offset=2))
    assert first.total == second.total == everything.total
    assert first.has_more
    seen = [(r.kind, r.id) for r in first.results + second.results]
    assert seen == [(r.kind, r.id) for r in everything.results[:4]]


def test_very_common_words_count_to_a_limit_and_rank_the_newest(store: Store) -> None:
    for i in range(8):
        store.save_meeting(source(f"m{i}"), "h", library_meeting(date=dt.date(2020 + i, 1, 9)))
    assert isinstance(store, SQLStore)
    store.count_limit, store.rank_window = 5, 3
    page = store.search(SearchQuery("hours", kinds=("item",), limit=2))
    assert (page.total, page.total_exact) == (5, False)
    newest = sorted((r.id for r in store.search(SearchQuery(
        "hours", kinds=("item",), limit=5)).results), reverse=True)
    assert [r.id for r in page.results] and all(r.id in newest[:3] for r in page.results)
    assert len(store.search(SearchQuery("hours", kinds=("item",), limit=4)).results) == 4
    with pytest.raises(QueryError, match="only the first 5 results"):
        store.search(SearchQuery("hours", limit=2, offset=4))
    text = describe_page(page)
    assert text.startswith("More than 5 results, showing 1-2\n")


@pytest.mark.parametrize("text, reason", [
    ("", "empty query"),
    ('"unfinished phrase', "unterminated quote"),
    ("(parking", "unbalanced '('"),
    ("parking)", "unbalanced ')'"),
    ("-parking", "not excluded"),
    ("parking OR", "OR needs a term"),
    ("pa*rking", "'*' may only end a word"),
    ("*", "holds no letters"),
])
def test_malformed_queries_raise_query_error(filled: Store, text: str, reason: str) -> None:
    with pytest.raises(QueryError, match=re.escape(reason)):
        filled.search(SearchQuery(text))


def test_words_that_are_syntax_in_fts5_are_plain_words(filled: Store) -> None:
    for text in ("near", "and the", "NEAR(a b)", "column:value", "a^b", "x + y", "'quoted'"):
        filled.search(SearchQuery(text))


def test_cli_prints_ranked_results_with_marked_snippets(filled: Store, db_url: str) -> None:
    result = CliRunner().invoke(main, ["search", "--db", db_url, '"visitor figures"',
                                       "--kind", "undertaking", "--until", "2024-03-31"])
    assert result.exit_code == 0
    assert result.stdout == (
        "1 result\n"
        "\n"
        "1. [undertaking] 2024-03-05 · Communities Scrutiny Committee · "
        "Harbourside Borough Council\n"
        "   3. Review of Library Opening Hours\n"
        "   circulate the [visitor figures] for rural branches\n"
    )
    more = CliRunner().invoke(main, ["search", "--db", db_url, "hours", "--limit", "1"])
    assert more.stdout.startswith(f"{filled.search(SearchQuery('hours')).total} results, "
                                  "showing 1-1\n")
    assert more.stdout.endswith("\nMore: --offset 1\n")
    none = CliRunner().invoke(main, ["search", "--db", db_url, "zebra"])
    assert (none.exit_code, none.stdout) == (0, "No results.\n")


def test_cli_json_output(filled: Store, db_url: str) -> None:
    result = CliRunner().invoke(main, ["search", "--db", db_url, "--json", "--kind", "decision",
                                       "deferred"])
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["query"] == "deferred" and data["total"] == 1
    [hit] = data["results"]
    assert hit["kind"] == "decision" and hit["committee"] == "Transport Committee"
    assert hit["date"] == "2023-06-12" and hit["item_number"] == "7"
    start, end = hit["highlights"][0]
    assert hit["snippet"][start:end] == "deferred"
    assert "<mark>deferred</mark>" in hit["snippet_html"]
    assert hit["span"] is not None and hit["rank"] > 0


def test_cli_reports_a_malformed_query_and_a_missing_database(
    filled: Store, db_url: str, tmp_path: Path
) -> None:
    bad = CliRunner().invoke(main, ["search", "--db", db_url, "(parking"])
    assert (bad.exit_code, bad.stdout) == (1, "")
    assert bad.stderr == "Error: query '(parking': unbalanced '(' in query\n"
    missing = CliRunner().invoke(main, ["search", "--db", str(tmp_path / "no.db"), "parking"])
    assert missing.exit_code == 1
    assert missing.stderr == (f"Error: {tmp_path / 'no.db'}: no database here "
                              "(run `minutebook ingest` first)\n")
