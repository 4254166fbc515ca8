"""Themes: the subjects a council's committees keep coming back to, across meetings and years.

A *mention* is a labelled discussion point ("Retention of social workers –
...") or a decision with the title of its item. Mentions are grouped into
themes by similarity: stemmed content words weighted by rarity (the label
counting double), and, when the ``semantic`` extra is installed, sentence
embeddings too, so that "Retention of social workers" (2021) and
"Recruitment and retention" (2025) meet. Grouping is greedy and in date
order: a mention joins the theme whose centre it is closest to, if close
enough, else starts a new one; candidates are only the themes sharing a
word with it (or, with embeddings, a matrix product), never all pairs of
mentions. A theme is named after its most frequent label.

>>> [t.name for t in group_mentions([])]
[]
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from minutebook.store import Store
from minutebook.track.data import DB, ItemRef, item_link
from minutebook.track.similarity import Embedder, cosine, semantic_model, stems, tfidf_vector

__all__ = ["Mention", "Theme", "group_mentions", "load_mentions", "themes"]

MentionKind = Literal["topic", "decision"]

# Items every meeting has; their decisions ("the minutes be agreed") are no theme.
_PROCEDURAL = re.compile(
    r"apolog|minutes\s+of|declarations?\s+of|work\s*programme|urgent\s+(?:items|business)|"
    r"exclusion\s+of\s+the\s+press|date\s+of\s+(?:the\s+)?next|chair'?s?\s+announcements|"
    r"substitut|public\s+questions|forward\s+plan|welcome|introductions",
    re.I,
)
# Words of item titles and boilerplate decisions ("Annual Report", "Information
# Requested", "the report be noted") that would make unrelated subjects meet.
_GENERIC = frozenset(stems(
    "report reports annual update information requested request noted note received receive "
    "strategy plan review monitoring policy committee portfolio holder director council "
    "consider considered year"
))
_LEXICAL_THRESHOLD = 0.3
SEMANTIC_AUTO_LIMIT = 3000
_SEMANTIC_THRESHOLD = 0.5


@dataclass(slots=True)
class Mention:
    """A point or decision of one item, as one occurrence of a theme."""

    kind: MentionKind
    label: str
    text: str
    item: ItemRef

    @property
    def date(self) -> dt.date | None:
        """The meeting's date."""
        return self.item.meeting.date

    @property
    def link(self) -> str:
        """Where the item can be read."""
        return item_link(self.item)


@dataclass(slots=True)
class Theme:
    """Mentions grouped under one subject, oldest first."""

    id: int
    name: str
    mentions: list[Mention] = field(default_factory=list)

    @property
    def meetings(self) -> int:
        """In how many meetings the theme came up."""
        return len({m.item.meeting.id for m in self.mentions})

    @property
    def years(self) -> list[int]:
        """The calendar years it came up in."""
        return sorted({m.date.year for m in self.mentions if m.date})

    @property
    def first(self) -> dt.date | None:
        """When it first came up."""
        dates = [m.date for m in self.mentions if m.date]
        return min(dates) if dates else None

    @property
    def last(self) -> dt.date | None:
        """When it last came up."""
        dates = [m.date for m in self.mentions if m.date]
        return max(dates) if dates else None

    @property
    def labels(self) -> list[str]:
        """The distinct labels it came up under, most frequent first."""
        return [label for label, _ in Counter(m.label for m in self.mentions).most_common()]

    @property
    def committees(self) -> list[str]:
        """The committees it came up at."""
        return sorted({m.item.meeting.committee or "" for m in self.mentions} - {""})

    def timeline(self) -> list[tuple[dt.date | None, list[Mention]]]:
        """The mentions by meeting date, oldest first."""
        days: dict[dt.date | None, list[Mention]] = {}
        for m in self.mentions:
            days.setdefault(m.date, []).append(m)
        return sorted(days.items(), key=lambda pair: (pair[0] is None, pair[0] or dt.date.min))

    def recurs_before(self, day: dt.date) -> bool:
        """Whether it came up before ``day`` (in an earlier year's meetings, say)."""
        return any(m.date is not None and m.date < day for m in self.mentions)


def load_mentions(
    store: Store, *, council: str | None = None, committee: str | None = None,
    since: dt.date | None = None, until: dt.date | None = None,
) -> list[Mention]:
    """Every topic and substantive decision of the meetings matching the filters, by date."""
    db = DB(store)
    items = db.items(db.meetings(council=council, committee=committee, since=since,
                                 until=until), text=False)
    ids = [i.id for i in items]
    topics = db.facts("topics", ids)
    decisions = db.facts("decisions", ids)
    out: list[Mention] = []
    for item in items:
        for t in topics.get(item.id, []):
            out.append(Mention("topic", t["label"], t["text"], item))
        if _PROCEDURAL.search(item.title or ""):
            continue
        for d in decisions.get(item.id, []):
            if d["kind"] == "noted" and topics.get(item.id):
                # "The update be noted" under labelled points adds nothing they do not say.
                continue
            text = " ".join(x for x in (d["text"], item.purpose) if x)
            out.append(Mention("decision", item.title or d["text"][:60], text, item))
    return out


def _label_stems(m: Mention) -> list[str]:
    label = [s for s in stems(m.label) if s not in _GENERIC]
    return label + label + [s for s in stems(m.text)[:60] if s not in _GENERIC]


def group_mentions(
    mentions: Sequence[Mention], *, embedder: Embedder | None = None,
) -> list[Theme]:
    """Group ``mentions`` into themes (see the module notes), themes in order of first mention."""
    ordered = sorted(mentions, key=lambda m: (m.date or dt.date.min, m.item.meeting.id,
                                              m.item.ordinal))
    words = [_label_stems(m) for m in ordered]
    df: Counter[str] = Counter()
    for w in words:
        df.update(set(w))
    n = len(words) or 1
    idf = {t: math.log(1 + n / c) for t, c in df.items()}
    vectors = [tfidf_vector(w, idf) for w in words]
    dense: Any = None
    if embedder is not None and ordered:
        dense = embedder.embed([f"{m.label}. {m.text[:200]}" for m in ordered])
    sums: list[dict[str, float]] = []
    centres: list[dict[str, float]] = []
    dense_sums: list[Any] = []
    members: list[list[int]] = []
    by_word: dict[str, set[int]] = {}
    for k, vector in enumerate(vectors):
        best, best_sim = -1, 0.0
        candidates: set[int] = set()
        for t in vector:
            candidates |= by_word.get(t, set())
        for c in candidates:
            sim = cosine(vector, centres[c])
            if dense is not None:
                centre = dense_sums[c]
                sim = 0.5 * sim + 0.5 * float(dense[k] @ centre) / (
                    float(math.sqrt(float(centre @ centre))) or 1.0)
            if sim > best_sim:
                best, best_sim = c, sim
        if dense is not None and best_sim < _SEMANTIC_THRESHOLD:
            # Themes sharing no word may still mean the same.
            for c in range(len(members)):
                if c in candidates:
                    continue
                centre = dense_sums[c]
                sim = 0.5 * float(dense[k] @ centre) / (
                    float(math.sqrt(float(centre @ centre))) or 1.0)
                if sim > best_sim:
                    best, best_sim = c, sim
        threshold = _SEMANTIC_THRESHOLD if dense is not None else _LEXICAL_THRESHOLD
        if best < 0 or best_sim < threshold:
            best = len(members)
            members.append([])
            sums.append({})
            centres.append({})
            dense_sums.append(dense[k] * 0 if dense is not None else None)
        members[best].append(k)
        total = sums[best]
        for t, x in vector.items():
            total[t] = total.get(t, 0.0) + x
            by_word.setdefault(t, set()).add(best)
        norm = math.sqrt(sum(x * x for x in total.values())) or 1.0
        centres[best] = {t: x / norm for t, x in total.items()}
        if dense is not None:
            dense_sums[best] = dense_sums[best] + dense[k]
    threshold = _SEMANTIC_THRESHOLD if dense is not None else _LEXICAL_THRESHOLD
    groups = _merge(members, sums, dense_sums if dense is not None else None, threshold)
    out: list[Theme] = []
    for group in groups:
        found = [ordered[k] for k in sorted(group)]
        out.append(Theme(len(out) + 1, _name(found), found))
    return out


def _merge(
    members: list[list[int]], sums: list[dict[str, float]], dense_sums: list[Any] | None,
    threshold: float,
) -> list[list[int]]:
    """Join themes whose centres are as close as a mention must be to join one.

    Greedy grouping depends on order: a subject first met as an odd item
    title ("Delayed Discharges: Information Requested") can start a theme of
    its own that later mentions then follow. Comparing the finished themes'
    centres, only pairs sharing a word (or all, with embeddings), mends that.
    """
    def unit(v: dict[str, float]) -> dict[str, float]:
        norm = math.sqrt(sum(x * x for x in v.values())) or 1.0
        return {t: x / norm for t, x in v.items()}

    def dense_cos(a: Any, b: Any) -> float:
        na = math.sqrt(float(a @ a)) or 1.0
        nb = math.sqrt(float(b @ b)) or 1.0
        return float(a @ b) / (na * nb)

    alive = list(range(len(members)))
    merged = True
    while merged:
        merged = False
        centres = {c: unit(sums[c]) for c in alive}
        by_word: dict[str, list[int]] = {}
        for c in alive:
            for t in centres[c]:
                by_word.setdefault(t, []).append(c)
        for a in alive:
            pairs = {b for t in centres[a] for b in by_word[t] if b > a}
            if dense_sums is not None:
                pairs = {b for b in alive if b > a}
            for b in sorted(pairs):
                sim = cosine(centres[a], centres[b])
                if dense_sums is not None:
                    sim = 0.5 * sim + 0.5 * dense_cos(dense_sums[a], dense_sums[b])
                if sim >= threshold:
                    members[a].extend(members[b])
                    for t, x in sums[b].items():
                        sums[a][t] = sums[a].get(t, 0.0) + x
                    if dense_sums is not None:
                        dense_sums[a] = dense_sums[a] + dense_sums[b]
                    alive.remove(b)
                    merged = True
                    break
            if merged:
                break
    return [members[c] for c in alive]


def _name(mentions: Sequence[Mention]) -> str:
    labels = Counter(m.label for m in mentions if m.kind == "topic") or Counter(
        m.label for m in mentions)
    # Most frequent, and of equals the latest: councils rename a subject over the years.
    last_seen = {m.label: n for n, m in enumerate(mentions)}
    return max(labels, key=lambda label: (labels[label], last_seen[label]))


def themes(
    store: Store,
    *,
    council: str | None = None,
    committee: str | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
    min_meetings: int = 2,
    semantic: bool | None = None,
) -> list[Theme]:
    """Recurring themes (at least ``min_meetings`` meetings), most meetings first.

    >>> import os, tempfile
    >>> from minutebook.store import open_store
    >>> with open_store(os.path.join(tempfile.mkdtemp(), "m.db")) as store:
    ...     themes(store)
    []
    """
    mentions = load_mentions(store, council=council, committee=committee, since=since,
                             until=until)
    # Embedding every mention costs about 10 ms each on a CPU: by default only for
    # a few thousand (a council's committee over some years), always when asked.
    auto = semantic is None and 0 < len(mentions) <= SEMANTIC_AUTO_LIMIT
    embedder = semantic_model() if (semantic and mentions) or auto else None
    by_council: dict[str | None, list[Mention]] = {}
    for m in mentions:
        by_council.setdefault(m.item.meeting.council, []).append(m)
    found = [t for group in by_council.values()
             for t in group_mentions(group, embedder=embedder) if t.meetings >= min_meetings]
    found.sort(key=lambda t: (-t.meetings, t.first or dt.date.min, t.name))
    for n, t in enumerate(found, start=1):
        t.id = n
    return found
