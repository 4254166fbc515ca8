"""Follow-up detection: later items that plausibly answer an open undertaking.

For each open undertaking, the candidates are items of the same council
minuted after the promise (within ``horizon_days``), found through an
inverted index over stemmed content words, never by comparing every pair:
items are numbered by date, so the window after a meeting is a range of
document numbers and only the postings inside it are read.

A candidate's score adds up what a scrutiny officer would look for:

* the subject: BM25 of the promise's words (its action, less so its item's
  title) against the item, scaled to 0..1 by the best score those words
  could reach;
* phrases of reply: "further to the information requested at the last
  meeting", "as undertaken at the meeting on 5 March 2024", "the information
  had been circulated", the more when the meeting they point to is the
  promise's own;
* the same committee, and nearness in time;
* meaning, when the ``semantic`` extra is installed: the cosine of sentence
  embeddings of the promise and the item's opening words, for the best
  lexical candidates only (it is the slow part).

Proposals are only proposals: :func:`confirm` records a user's yes as the
answer, :func:`reject` a no, which keeps the item from being proposed again.

>>> finder = FollowupFinder([])
>>> finder.size
0
"""

from __future__ import annotations

import bisect
import datetime as dt
import heapq
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from minutebook.errors import StoreError
from minutebook.store import Store
from minutebook.track.data import DB, ItemRef, UndertakingRow, item_link
from minutebook.track.due import due_date
from minutebook.track.register import Entry, Event, entries, entry, record_event
from minutebook.track.similarity import (
    Embedder,
    InvertedIndex,
    semantic_model,
    stem,
    stem_pairs,
    stems,
)

__all__ = [
    "FOLLOW_UP_PHRASES",
    "SEMANTIC_AUTO_LIMIT",
    "FollowupFinder",
    "Proposal",
    "confirm",
    "propose",
    "reject",
]

_MONTHS = ("january|february|march|april|may|june|july|august|september|october|november|"
           "december")
_DATE = (rf"(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<month>{_MONTHS}),?\s+(?P<year>\d{{4}})"
         r"|(?P<d>\d{1,2})/(?P<m>\d{1,2})/(?P<y>\d{4})")
_PREVIOUS = r"(?:last|previous|preceding|earlier|committee's\s+last|committee’s\s+last)"
_ASKED = (r"(?:requested|sought|asked\s+for|raised|promised|undertaken|agreed|given|made|"
          r"requested\s+by\s+members|asked)")

_GATES: tuple[tuple[str, ...], ...] = (
    ("further to",), ("meeting",), ("meeting",), ("meeting",), ("at the meeting",), ("been",),
    ("request",), ("action", "arising"),
    ("update requested", "update promised", "update undertaken"),
)
"""Words each phrase below cannot do without: most items have none, and looking for a
word (a plain substring search) is far cheaper than running the pattern."""

FOLLOW_UP_PHRASES: tuple[tuple[str, float, bool], ...] = (
    (rf"further\s+to\s+(?:the\s+)?(?:information|request|question|query|queries|undertaking|"
     rf"action|discussion|points?)s?\s+(?:{_ASKED}\s+)?(?:at|during|from)\s+the\s+{_PREVIOUS}"
     r"\s+meeting", 0.6, True),
    (rf"as\s+(?:{_ASKED}|promised|undertaken|agreed|requested)\s+(?:by\s+(?:the\s+)?"
     rf"(?:committee|members|panel)\s+)?at\s+the\s+{_PREVIOUS}\s+meeting", 0.6, True),
    (rf"(?:information|update|figures|data|details|report|briefing|response)\s+"
     rf"(?:which\s+had\s+been\s+|that\s+was\s+|)(?:{_ASKED})\s+(?:by\s+(?:the\s+)?"
     rf"(?:committee|members|panel)\s+)?at\s+the\s+{_PREVIOUS}\s+meeting", 0.55, True),
    (rf"(?:in\s+response\s+to|following(?:\s+up)?(?:\s+on)?|arising\s+from)\s+(?:the\s+)?"
     rf"(?:actions?|undertakings?|questions?|requests?|points?)\s+(?:{_ASKED}\s+)?"
     rf"(?:at|from)\s+the\s+{_PREVIOUS}\s+meeting", 0.55, True),
    (r"(?:as\s+)?(?:undertaken|promised|requested|agreed)\s+at\s+the\s+meeting\s+"
     r"(?:held\s+)?on\s+", 0.45, False),
    (r"(?:the\s+)?(?:information|figures|data|details|briefing\s+note|response|answer)s?\s+"
     r"(?:had|has|have)\s+(?:now\s+)?been\s+(?:circulated|provided|sent|shared|distributed|"
     r"forwarded|emailed|e-mailed)", 0.35, False),
    (r"(?:following|in\s+response\s+to)\s+(?:a|the)\s+request\s+(?:from|by|made\s+by)\s+"
     r"(?:the\s+)?(?:committee|members|panel|board)", 0.35, False),
    (r"\b(?:matters\s+arising|action\s+log|actions?\s+tracker|outstanding\s+actions)\b", 0.15,
     False),
    (r"\bupdate\s+(?:requested|promised|undertaken)\b", 0.3, False),
)
"""(pattern, weight, about the last meeting) for words that answer an earlier promise."""

_PHRASES = [(re.compile(p, re.I), w, last, g)
            for (p, w, last), g in zip(FOLLOW_UP_PHRASES, _GATES, strict=True)]
_MEETING_ON = re.compile(
    rf"meeting(?:\s+of\s+the\s+[\w ,'’&]{{0,80}}?)?(?:\s+held)?\s+on\s+(?:\w+day,?\s+)?(?:{_DATE})",
    re.I,
)
_YEAR = re.compile(r"\d{4}")
_MONTH_NO = {name: n for n, name in enumerate(_MONTHS.split("|"), start=1)}
# Verbs every promise uses ("circulate", "report back"); they say what will be
# done, not what about, so they count for less than the subject words.
_GENERIC = frozenset(stem(w) for w in (
    "provide send circulate report update look arrange write contact share forward ensure "
    "consider bring check respond follow confirm clarify detail details information figures "
    "data back future officers director holder portfolio cabinet lead service services "
    "take give present prepare include seek explore find receive members last next "
    "number figures".split()
))
_SEMANTIC_CANDIDATES = 6
_SEMANTIC_WEIGHT = 0.6
_MIN_SCORE = 0.2
SEMANTIC_AUTO_LIMIT = 25
_MIN_SHARE = 0.05
_PLAIN_MOST = 0.2
"""The most the committee and recency add to an item without words of reply."""


@dataclass(slots=True)
class Proposal:
    """A later item that may answer an undertaking, with why it was proposed."""

    undertaking_id: int
    item: ItemRef
    score: float
    words: list[str] = field(default_factory=list)
    """The promise's words the item shares, as the item spells them."""
    phrases: list[str] = field(default_factory=list)
    """Phrases of reply found in the item."""
    same_committee: bool = False
    semantic: float | None = None
    """Cosine similarity of the embeddings, when the semantic model was used."""

    @property
    def link(self) -> str:
        """Where the item can be read."""
        return item_link(self.item)


@dataclass(slots=True)
class _Doc:
    item: ItemRef
    ordinal_date: int
    phrases: list[tuple[str, float, bool]]
    dates: set[dt.date]


class _CouncilIndex:
    """One council's items, numbered by date, with their BM25 index."""

    def __init__(self, items: Sequence[ItemRef]) -> None:
        ordered = sorted(items, key=lambda i: (_day(i), i.meeting.id, i.ordinal))
        self.docs: list[_Doc] = []
        words: list[list[str]] = []
        for item in ordered:
            text = item.text or ""
            head = " ".join(x for x in (item.title, item.purpose) if x)
            # The title is the best summary of what an item is about: counted twice.
            words.append(stems(head) + stems(item.title or "") + stems(text))
            self.docs.append(_Doc(item, _day(item), _phrases(f"{head}\n{text}"),
                                  _meeting_dates(text)))
        self.days = [d.ordinal_date for d in self.docs]
        self.index = InvertedIndex(words)
        self.replies = [n for n, d in enumerate(self.docs) if d.phrases or d.dates]
        """Documents holding a phrase of reply, in date order (for windows by bisection)."""


def _day(item: ItemRef) -> int:
    return item.meeting.date.toordinal() if item.meeting.date else 0


def _phrases(text: str) -> list[tuple[str, float, bool]]:
    found: list[tuple[str, float, bool]] = []
    spans: list[tuple[int, int]] = []
    lowered = text.lower()
    present: dict[tuple[str, ...], bool] = {}
    for pattern, weight, last, gate in _PHRASES:
        here = present.get(gate)
        if here is None:
            here = present[gate] = any(word in lowered for word in gate)
        if not here:
            continue
        m = pattern.search(text)
        # One phrase matched by two patterns is one reason, not two.
        if m and not any(a < m.end() and m.start() < b for a, b in spans):
            spans.append(m.span())
            found.append((" ".join(m[0].split()), weight, last))
    return found


def _meeting_dates(text: str) -> set[dt.date]:
    out: set[dt.date] = set()
    if " on " not in text or not _YEAR.search(text):
        return out
    for m in _MEETING_ON.finditer(text):
        try:
            if m["day"]:
                out.add(dt.date(int(m["year"]), _MONTH_NO[m["month"].lower()], int(m["day"])))
            else:
                out.add(dt.date(int(m["y"]), int(m["m"]), int(m["d"])))
        except ValueError:
            continue
    return out


class FollowupFinder:
    """Proposes answering items for undertakings, over a fixed set of items.

    Build it once over every item that may answer (a council's, or all), then
    call :meth:`find` per undertaking.
    """

    def __init__(self, items: Sequence[ItemRef], *, embedder: Embedder | None = None) -> None:
        by_council: dict[str | None, list[ItemRef]] = {}
        for item in items:
            by_council.setdefault(item.meeting.council, []).append(item)
        self.councils = {c: _CouncilIndex(group) for c, group in by_council.items()}
        self.embedder = embedder
        # The committee's next meeting after each meeting: "the last meeting" in a
        # reply points back at the promise only from there.
        dates: dict[tuple[str | None, str | None], list[int]] = {}
        for item in items:
            if item.meeting.date is not None:
                dates.setdefault((item.meeting.council, item.meeting.committee), []).append(
                    item.meeting.date.toordinal())
        self._committee_days = {k: sorted(set(v)) for k, v in dates.items()}

    @property
    def size(self) -> int:
        """How many items the finder searches."""
        return sum(len(c.docs) for c in self.councils.values())

    def _next_meeting_day(self, u: UndertakingRow) -> int | None:
        m = u.item.meeting
        days = self._committee_days.get((m.council, m.committee), [])
        if m.date is None:
            return None
        n = bisect.bisect_right(days, m.date.toordinal())
        return days[n] if n < len(days) else None

    def find(
        self,
        u: UndertakingRow,
        *,
        undertaking_id: int = 0,
        exclude: set[str] | frozenset[str] = frozenset(),
        limit: int = 5,
        horizon_days: int = 730,
    ) -> list[Proposal]:
        """The best ``limit`` later items for undertaking ``u``, best first.

        ``exclude`` holds item keys a user rejected.
        """
        council = self.councils.get(u.item.meeting.council)
        meeting_date = u.item.meeting.date
        if council is None or meeting_date is None:
            return []
        start = meeting_date.toordinal()
        low = bisect.bisect_right(council.days, start)
        high = bisect.bisect_right(council.days, start + horizon_days)
        query, weights = _query(u)
        lexical = council.index.score_range(query, low, high, weights)
        best = sum(council.index.idf(t) * weights.get(t, 1.0) for t in dict.fromkeys(query)
                   if t in council.index.postings) * (council.index.K1 + 1)
        next_day = self._next_meeting_day(u)
        scored: list[tuple[float, int, Proposal]] = []
        first = bisect.bisect_left(council.replies, low)
        replies = council.replies[first:bisect.bisect_left(council.replies, high)]
        scale = 1.0 / (best or 1.0)
        own_meeting = u.item.meeting.id
        docs = council.docs
        need = max(limit, _SEMANTIC_CANDIDATES)
        # Items with words of reply are always scored (they are few); the rest in order of
        # shared words, stopping once the most committee and recency could add would not
        # reach the best found: an item's score cannot exceed its words' share plus that.
        replies_set = set(replies)
        ranked = sorted(((score, n) for n, score in lexical.items() if n not in replies_set),
                        reverse=True)
        best_scores: list[float] = []
        first_pass = [(lexical.get(n, 0.0), n) for n in replies]
        for batch, bounded in ((first_pass, False), (ranked, True)):
            for raw, n in batch:
                doc = docs[n]
                share = raw * scale
                if share < _MIN_SHARE and meeting_date not in doc.dates:
                    if bounded:
                        break
                    continue
                if (bounded and len(best_scores) >= need
                        and share + _PLAIN_MOST < best_scores[0]):
                    break
                if doc.item.meeting.id == own_meeting or (exclude and doc.item.key in exclude):
                    continue
                proposal = self._score(u, undertaking_id, doc, share, next_day)
                if proposal.score >= _MIN_SCORE:
                    scored.append((proposal.score, n, proposal))
                    heapq.heappush(best_scores, proposal.score)
                    if len(best_scores) > need:
                        heapq.heappop(best_scores)
        scored.sort(key=lambda s: (-s[0], s[1]))
        top = [p for _, _, p in scored[:max(limit, _SEMANTIC_CANDIDATES)]]
        if self.embedder is not None and top:
            self._rerank(u, top)
        top = top[:limit]
        for p in top:
            p.words = _shared_words(query, p.item)
        return top

    def _score(
        self, u: UndertakingRow, undertaking_id: int, doc: _Doc, lexical: float,
        next_day: int | None,
    ) -> Proposal:
        m = u.item.meeting
        same = doc.item.meeting.committee == m.committee
        at_next = same and next_day is not None and doc.ordinal_date == next_day
        bonus = 0.0
        phrases: list[str] = []
        for words, weight, about_last in doc.phrases:
            if about_last and not at_next:
                # "the last meeting" from any other meeting is some other meeting.
                weight *= 0.25
            bonus = max(bonus, weight)
            phrases.append(words)
        if m.date is not None and m.date in doc.dates:
            bonus = max(bonus, 0.7)
            phrases.append(f"meeting on {m.date.isoformat()}")
        elif doc.dates:
            # "As undertaken at the meeting on <another date>" answers another promise.
            bonus *= 0.25
        # A phrase of reply on an unrelated subject answers something else.
        bonus *= min(1.0, 0.25 + 2.5 * lexical)
        days = doc.ordinal_date - (m.date.toordinal() if m.date else doc.ordinal_date)
        recency = 0.1 * math.exp(-max(days, 0) / 240)
        score = lexical + bonus + (0.1 if same else 0.0) + recency
        return Proposal(undertaking_id, doc.item, round(score, 4), [], phrases, same)

    def _rerank(self, u: UndertakingRow, top: list[Proposal]) -> None:
        assert self.embedder is not None
        passages = [_passages(p.item) for p in top]
        texts = [_promise_text(u)] + [t for group in passages for t in group]
        vectors = self.embedder.embed(texts)
        n = 1
        for p, group in zip(top, passages, strict=True):
            # An item answers through one of its passages (a point in an update),
            # so the best passage speaks for the item.
            best = max(float(vectors[k] @ vectors[0]) for k in range(n, n + len(group)))
            n += len(group)
            p.semantic = round(best, 4)
            p.score = round(p.score + _SEMANTIC_WEIGHT * max(p.semantic, 0.0), 4)
        top.sort(key=lambda p: -p.score)


def _promise_text(u: UndertakingRow) -> str:
    return f"{u.action}. {u.item.title or ''}"


def _passages(item: ItemRef) -> list[str]:
    """The item's title with its purpose, and up to five of its longer lines."""
    head = " ".join(x for x in (item.title, item.purpose) if x) or "item"
    lines = [" ".join(ln.split())[:400] for ln in item.text.splitlines()]
    return [head, *[ln for ln in lines if len(ln) >= 40][:5]]


def _query(u: UndertakingRow) -> tuple[list[str], dict[str, float]]:
    words = u.action
    due = due_date(words, u.item.meeting.date)
    if due.phrase:
        # "by March 2025" says when, not what about: March's items are no answer.
        words = words.replace(due.phrase, " ")
    action = stems(words)
    title = stems(u.item.title or "")
    weights: dict[str, float] = {}
    for t in title:
        weights[t] = 0.4
    for t in action:
        weights[t] = 0.35 if t in _GENERIC else 1.0
    return action + title, weights


def _shared_words(query: Sequence[str], item: ItemRef) -> list[str]:
    wanted = set(query)
    found: dict[str, str] = {}
    text = " ".join(x for x in (item.title, item.purpose, item.text) if x)
    for word, s in stem_pairs(text):
        if s in wanted and s not in found:
            found[s] = word
    return [found[s] for s in dict.fromkeys(query) if s in found]


def propose(
    store: Store,
    *,
    council: str | None = None,
    committee: str | None = None,
    undertaking_ids: Sequence[int] | None = None,
    limit: int = 5,
    horizon_days: int = 730,
    semantic: bool | None = None,
    as_of: dt.date | None = None,
) -> list[tuple[Entry, list[Proposal]]]:
    """Proposals for the open (and overdue) undertakings matching the filters, oldest first.

    ``semantic`` None uses the embedding model, when it is installed, for
    requests of up to :data:`SEMANTIC_AUTO_LIMIT` undertakings; True always.

    >>> import os, tempfile
    >>> from minutebook.store import open_store
    >>> with open_store(os.path.join(tempfile.mkdtemp(), "m.db")) as store:
    ...     propose(store, council="Nowhere")
    []
    """
    if undertaking_ids is not None:
        wanted = [entry(store, n, as_of=as_of) for n in undertaking_ids]
    else:
        wanted = [e for e in entries(store, council=council, committee=committee, as_of=as_of)
                  if e.status in ("open", "overdue")]
    if not wanted:
        return []
    db = DB(store)
    councils = sorted({e.meeting.council for e in wanted}, key=lambda c: (c is None, c or ""))
    items: list[ItemRef] = []
    for name in councils:
        if name is None:
            continue
        meetings = db.meetings(council=name, until=as_of)
        items.extend(db.items(meetings, text=True))
    # Embeddings cost about a second per undertaking on a CPU: by default they
    # re-rank only small requests (one undertaking's page, a committee's few).
    auto = semantic is None and len(wanted) <= SEMANTIC_AUTO_LIMIT
    embedder = semantic_model() if semantic or auto else None
    finder = FollowupFinder(items, embedder=embedder)
    return [(e, finder.find(e.undertaking, undertaking_id=e.id, exclude=e.rejected, limit=limit,
                            horizon_days=horizon_days)) for e in wanted]


def _item_by_id(store: Store, item_id: int) -> ItemRef:
    db = DB(store)
    found = db.rows("SELECT meeting_id FROM items WHERE id = ?", (item_id,))
    if not found:
        raise StoreError(store.location, f"no item {item_id}")
    meetings = [m for m in db.meetings() if m.id == int(found[0]["meeting_id"])]
    return next(i for i in db.items(meetings, text=False) if i.id == item_id)


def confirm(store: Store, undertaking_id: int, item_id: int, *, actor: str | None = None,
            at: dt.datetime | None = None) -> Event:
    """Record that item ``item_id`` answered the undertaking (a user's yes to a proposal)."""
    item = _item_by_id(store, item_id)
    evidence = f"{item.label} <{item_link(item)}>"
    return record_event(store, undertaking_id, "answered", evidence=evidence, item_key=item.key,
                        note="confirmed follow-up item", actor=actor, at=at)


def reject(store: Store, undertaking_id: int, item_id: int, *, actor: str | None = None,
           at: dt.datetime | None = None) -> Event:
    """Record that item ``item_id`` does not answer the undertaking; it is not proposed again."""
    item = _item_by_id(store, item_id)
    return record_event(store, undertaking_id, "rejected", item_key=item.key,
                        evidence=item.label, actor=actor, at=at)
