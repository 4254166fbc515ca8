"""The Store written once in SQL both databases understand, and its search.

Reads live in :mod:`.reads`, writes in :mod:`.writes`; this class joins them
and runs searches. Subclasses supply a handful of hooks (run a statement,
open a transaction or a savepoint, allocate row ids, match a full-text
query). SQL uses ``?`` placeholders; the PostgreSQL store translates them.
"""

from __future__ import annotations

import abc
import datetime as dt
import re

from minutebook.errors import QueryError, StoreError
from minutebook.models import Span
from minutebook.store.base import Store
from minutebook.store.query import Node, parse_query
from minutebook.store.reads import Reads
from minutebook.store.records import (
    MARK_END,
    MARK_START,
    SEARCH_KINDS,
    SearchKind,
    SearchPage,
    SearchQuery,
    SearchResult,
)
from minutebook.store.schema import SEARCHABLE
from minutebook.store.writes import Writes

__all__ = ["SQLStore", "KindMatch"]

# Neighbouring marked words read as one match: "[visitor figures]", not "[visitor] [figures]".
_ADJACENT_MARKS = re.compile(f"{MARK_END}(\\s+){MARK_START}")

KindMatch = tuple[list[tuple[int, float]], int]
"""A search kind's best ``(id, score)`` pairs and how many match (at most COUNT_LIMIT + 1)."""

COUNT_LIMIT = 5_000
"""Matches counted per kind; past it the total is a lower bound (``SearchPage.total_exact``).

Counting every match of a word in most minutes ("report") costs as much as
reading its whole index, so beyond this the count stops, as search engines'
"5,000+ results" do."""

RANK_WINDOW = 200
"""When more match, only the most recently stored this many per kind are ranked.

Ranking reads every candidate's statistics and, for a very common word, copies
the candidates into a scratch index; both cost in proportion. Within the
newest matches the ranking is exact, and a common word's best matches are as
likely there as anywhere."""


class SQLStore(Reads, Writes, Store):
    """A Store over an SQL connection; subclasses give the dialect's hooks."""

    _for_update = ""
    _dates: tuple[SearchQuery, tuple[dt.date | None, dt.date | None]] | None = None
    count_limit = COUNT_LIMIT
    """Per-kind match count past which search totals are lower bounds."""
    rank_window = RANK_WINDOW
    """Per-kind number of newest matches ranked when more match."""

    # -- hooks -----------------------------------------------------------------

    @abc.abstractmethod
    def _search_kind(
        self, kind: SearchKind, node: Node, query: SearchQuery, need: int
    ) -> KindMatch:
        """The best ``need`` matches of ``kind`` and how many match, counting at most
        ``count_limit + 1``; with more than ``max(rank_window, need)`` matches, only
        that many of the newest (highest ids) are ranked."""

    @abc.abstractmethod
    def _snippets(self, kind: SearchKind, node: Node, ids: list[int]) -> dict[int, str]:
        """A highlighted snippet for each of ``ids`` (all of one kind)."""

    # -- search ----------------------------------------------------------------

    def search(self, query: SearchQuery) -> SearchPage:
        node = parse_query(query.text)
        if query.limit < 1 or query.offset < 0:
            raise StoreError(self.location, "search limit must be at least 1, offset at least 0")
        if query.offset + query.limit > self.count_limit:
            raise QueryError(None, f"only the first {self.count_limit:,} results can be paged "
                                   "through; narrow the search with more words or filters")
        kinds = query.kinds or SEARCH_KINDS
        need = query.offset + query.limit
        found: list[tuple[float, int, SearchKind, int]] = []
        total = 0
        exact = True
        with self._errors():
            for order, kind in enumerate(kinds):
                matches, count = self._search_kind(kind, node, query, need)
                if count > self.count_limit:
                    exact = False
                    count = self.count_limit
                total += count
                found.extend((score, order, kind, row_id) for row_id, score in matches)
            found.sort(key=lambda f: (-f[0], f[1], f[3]))
            page = found[query.offset:need]
            results: list[SearchResult] = []
            details: dict[tuple[str, int], SearchResult] = {}
            for kind in kinds:
                ids = [row_id for _, _, k, row_id in page if k == kind]
                if ids:
                    snippets = {i: _ADJACENT_MARKS.sub(r"\1", text)
                                for i, text in self._snippets(kind, node, ids).items()}
                    for result in self._result_rows(kind, ids, snippets):
                        details[(kind, result.id)] = result
            for score, _, kind, row_id in page:
                result = details[(kind, row_id)]
                result.rank = score
                results.append(result)
        return SearchPage(query=query, total=total, results=results, total_exact=exact)

    def _date_range(self, query: SearchQuery) -> tuple[dt.date | None, dt.date | None]:
        """The first and last stored meeting dates, when the query filters by date."""
        if query.since is None and query.until is None:
            return None, None
        cached = self._dates
        if cached is None or cached[0] is not query:
            # Two subqueries: min() and max() in one SELECT would scan instead of
            # reading the ends of the index.
            row = self._rows("SELECT (SELECT min(date) FROM meetings) AS first, "
                             "(SELECT max(date) FROM meetings) AS last")[0]
            cached = (query, (self._to_date(row["first"]), self._to_date(row["last"])))
            self._dates = cached
        return cached[1]

    def _result_rows(
        self, kind: SearchKind, ids: list[int], snippets: dict[int, str]
    ) -> list[SearchResult]:
        table = SEARCHABLE[kind][0]
        marks = ", ".join("?" for _ in ids)
        if kind == "item":
            sql = (
                "SELECT t.id, t.id AS item_id, m.id AS meeting_id, m.council, m.committee, m.date, "
                "t.number, t.title AS item_title, t.span_start, t.span_end "
                f"FROM items t JOIN meetings m ON m.id = t.meeting_id WHERE t.id IN ({marks})"
            )
        else:
            sql = (
                "SELECT t.id, i.id AS item_id, m.id AS meeting_id, m.council, m.committee, m.date, "
                "i.number, i.title AS item_title, t.span_start, t.span_end "
                f"FROM {table} t JOIN items i ON i.id = t.item_id "
                f"JOIN meetings m ON m.id = i.meeting_id WHERE t.id IN ({marks})"
            )
        out: list[SearchResult] = []
        for r in self._rows(sql, ids):
            span = None
            if kind != "item" and r["span_start"] is not None and r["span_end"] is not None:
                span = Span(int(r["span_start"]), int(r["span_end"]))
            out.append(SearchResult(
                kind=kind, id=int(r["id"]), item_id=int(r["item_id"]),
                meeting_id=int(r["meeting_id"]), council=r["council"], committee=r["committee"],
                date=self._to_date(r["date"]), item_number=r["number"],
                item_title=r["item_title"], snippet=snippets.get(int(r["id"]), ""), rank=0.0,
                span=span,
            ))
        return out

