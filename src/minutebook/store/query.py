"""The search query syntax, parsed once and rendered for SQLite FTS5 or PostgreSQL.

The syntax, the same for both databases::

    library closure          both words (AND is implied; "AND" may be written)
    "school transport"       the phrase, words next to each other
    transp*                  a prefix ("transport", "transparency", ...)
    "bus lane*"              a phrase whose last word is a prefix
    parking OR permits       either
    budget -schools          "budget" but not "schools" (also -"a phrase")
    (bus OR rail) fares      parentheses group; -(a OR b) excludes a group

Words are runs of letters and digits, matched case-insensitively and, in
both databases, stemmed ("decisions" finds "decision"). A word written with
hyphens or apostrophes (``anti-social``) is searched as a phrase of its parts.
A malformed query raises :class:`~minutebook.errors.QueryError` with the
reason, never an SQL error.

>>> to_fts5(parse_query('"bus lane" OR tram*'))
'"bus lane" OR "tram"*'
>>> to_tsquery(parse_query("budget -schools"))
'(budget & !schools)'
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from minutebook.errors import QueryError

__all__ = [
    "And", "Node", "Not", "Or", "Phrase", "leaves", "parse_query", "to_fts5", "to_tsquery",
]

MAX_QUERY_LENGTH = 500


@dataclass(frozen=True, slots=True)
class Phrase:
    """Words that must appear in this order; a single word is a one-word phrase."""

    words: tuple[str, ...]
    prefix: bool = False


@dataclass(frozen=True, slots=True)
class Not:
    """Excludes what ``node`` matches; only meaningful beside a positive term."""

    node: Node


@dataclass(frozen=True, slots=True)
class And:
    """All of ``nodes`` (at least one of them not negated)."""

    nodes: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class Or:
    """Any of ``nodes``."""

    nodes: tuple[Node, ...]


Node = Phrase | Not | And | Or

_WORD = re.compile(r"[^\W_]+")
_TOKEN = re.compile(
    r'\s*(?:(?P<open>\()|(?P<close>\))|(?P<quote>-?"[^"]*("|$))|(?P<bare>[^\s()"]+))'
)


def parse_query(text: str) -> Node:
    """Parse ``text`` in the search syntax into a query tree.

    >>> parse_query('parking -"permit fees"').nodes[1]
    Not(node=Phrase(words=('permit', 'fees'), prefix=False))
    """
    if len(text) > MAX_QUERY_LENGTH:
        raise QueryError(None, f"query is longer than {MAX_QUERY_LENGTH} characters")
    tokens = _tokens(text)
    if not tokens:
        raise QueryError(None, "empty query: give at least one word")
    parser = _Parser(tokens)
    node = parser.parse_or()
    if parser.pos < len(tokens):
        kind, _ = tokens[parser.pos]
        if kind == ")":
            raise QueryError(None, "unbalanced ')' in query")
        raise QueryError(None, f"unexpected {tokens[parser.pos][1]!r} in query")
    _check_positive(node)
    return node


def _tokens(text: str) -> list[tuple[str, str]]:
    """Split ``text`` into ``(kind, value)`` tokens: ``( ) OR AND - phrase word``."""
    tokens: list[tuple[str, str]] = []
    pos = 0
    text = text.strip()
    while pos < len(text):
        match = _TOKEN.match(text, pos)
        if match is None:  # pragma: no cover - the pattern accepts every character
            raise QueryError(None, f"cannot read the query at {text[pos:]!r}")
        pos = match.end()
        if match["open"]:
            tokens.append(("(", "("))
        elif match["close"]:
            tokens.append((")", ")"))
        elif match["quote"]:
            quoted = match["quote"]
            negated = quoted.startswith("-")
            body = quoted[1:] if negated else quoted
            if len(body) < 2 or not body.endswith('"'):
                raise QueryError(None, "unterminated quote in query")
            if negated:
                tokens.append(("-", "-"))
            tokens.append(("phrase", body[1:-1]))
        else:
            bare = match["bare"]
            if bare in ("OR", "AND", "NOT"):
                tokens.append((bare, bare))
                continue
            if bare == "-" and text.startswith("(", pos):
                tokens.append(("-", "-"))
                continue
            if bare == "-":
                raise QueryError(
                    None, "'-' must be followed by a word or a phrase, without a space"
                )
            if bare.startswith("-"):
                tokens.append(("-", "-"))
                bare = bare[1:]
            elif not _WORD.search(bare) and "*" not in bare:
                # Stray punctuation ("costs & charges") carries no words; let it pass.
                continue
            tokens.append(("word", bare))
    return tokens


class _Parser:
    """Recursive descent over the tokens: or := and ('OR' and)*; and := unary+."""

    def __init__(self, tokens: list[tuple[str, str]]) -> None:
        self.tokens = tokens
        self.pos = 0

    def peek(self) -> str | None:
        return self.tokens[self.pos][0] if self.pos < len(self.tokens) else None

    def parse_or(self) -> Node:
        nodes = [self.parse_and()]
        while self.peek() == "OR":
            self.pos += 1
            if self.peek() in (None, ")", "OR"):
                raise QueryError(None, "OR needs a term on both sides")
            nodes.append(self.parse_and())
        return nodes[0] if len(nodes) == 1 else Or(tuple(nodes))

    def parse_and(self) -> Node:
        nodes: list[Node] = []
        while self.peek() not in (None, ")", "OR"):
            if self.peek() == "AND":
                self.pos += 1
                if not nodes or self.peek() in (None, ")", "OR", "AND"):
                    raise QueryError(None, "AND needs a term on both sides")
                continue
            nodes.append(self.parse_unary())
        if not nodes:
            if self.peek() == "OR":
                raise QueryError(None, "OR needs a term on both sides")
            raise QueryError(None, "empty group '()' in query")
        return nodes[0] if len(nodes) == 1 else And(tuple(nodes))

    def parse_unary(self) -> Node:
        kind = self.peek()
        if kind in ("-", "NOT"):
            self.pos += 1
            if self.peek() in (None, ")", "OR", "AND", "-", "NOT"):
                raise QueryError(None, "'-' must be followed by a word or a phrase")
            return Not(self.parse_atom())
        return self.parse_atom()

    def parse_atom(self) -> Node:
        kind, value = self.tokens[self.pos]
        self.pos += 1
        if kind == "(":
            node = self.parse_or()
            if self.peek() != ")":
                raise QueryError(None, "unbalanced '(' in query")
            self.pos += 1
            return node
        if kind == ")":
            raise QueryError(None, "unbalanced ')' in query")
        return _phrase(value, quoted=kind == "phrase")


def _phrase(value: str, *, quoted: bool) -> Phrase:
    prefix = value.rstrip().endswith("*")
    body = value.rstrip().rstrip("*")
    if "*" in body:
        raise QueryError(None, f"'*' may only end a word: {value!r}")
    words = tuple(w.lower() for w in _WORD.findall(body))
    if not words:
        what = "phrase" if quoted else "term"
        raise QueryError(None, f"{what} {value!r} holds no letters or digits")
    return Phrase(words, prefix)


def _check_positive(node: Node) -> None:
    """Reject trees that can only exclude: ``-budget`` or ``a OR -b``."""
    if isinstance(node, Not):
        raise QueryError(None, "a query needs at least one word that is not excluded with '-'")
    if isinstance(node, And):
        if all(isinstance(n, Not) for n in node.nodes):
            raise QueryError(
                None, "a query needs at least one word that is not excluded with '-'"
            )
        for n in node.nodes:
            if not isinstance(n, Not):
                _check_positive(n)
            else:
                _check_nested(n.node)
    elif isinstance(node, Or):
        for n in node.nodes:
            _check_positive(n)


def _check_nested(node: Node) -> None:
    if not isinstance(node, Phrase):
        _check_positive(node)


def to_fts5(node: Node) -> str:
    """Render the tree as an SQLite FTS5 MATCH expression.

    >>> to_fts5(parse_query("(bus OR rail) fares -parking"))
    '(("bus" OR "rail") AND "fares") NOT "parking"'
    """
    if isinstance(node, Phrase):
        # Every word is quoted so that words such as "near" or "and" are never keywords.
        text = '"' + " ".join(node.words) + '"'
        return text + ("*" if node.prefix else "")
    if isinstance(node, Or):
        return " OR ".join(_fts5_group(n) for n in node.nodes)
    if isinstance(node, And):
        positives = [n for n in node.nodes if not isinstance(n, Not)]
        negatives = [n for n in node.nodes if isinstance(n, Not)]
        text = " AND ".join(_fts5_group(n) for n in positives)
        if negatives and len(positives) > 1:
            text = f"({text})"
        for neg in negatives:
            text += f" NOT {_fts5_group(neg.node)}"
        return text
    raise QueryError(None, "a query needs at least one word that is not excluded with '-'")


def _fts5_group(node: Node) -> str:
    text = to_fts5(node)
    return text if isinstance(node, Phrase) else f"({text})"


def to_tsquery(node: Node) -> str:
    """Render the tree as PostgreSQL ``to_tsquery`` input.

    Words are letters and digits only, so the text needs no quoting.

    >>> to_tsquery(parse_query('"bus lane*" OR tram'))
    '((bus <-> lane:*) | tram)'
    """
    if isinstance(node, Phrase):
        parts = list(node.words)
        if node.prefix:
            parts[-1] += ":*"
        return " <-> ".join(parts)
    if isinstance(node, Not):
        return "!" + _ts_group(node.node)
    if isinstance(node, Or):
        return "(" + " | ".join(_ts_group(n) for n in node.nodes) + ")"
    return "(" + " & ".join(_ts_group(n) for n in node.nodes) + ")"


def _ts_group(node: Node) -> str:
    text = to_tsquery(node)
    if isinstance(node, Phrase) and len(node.words) > 1:
        return f"({text})"
    return text


def leaves(node: Node) -> list[Phrase]:
    """The phrases (and words) of a query tree, excluded ones too.

    >>> [p.words for p in leaves(parse_query('bus -"rail fares"'))]
    [('bus',), ('rail', 'fares')]
    """
    if isinstance(node, Phrase):
        return [node]
    if isinstance(node, Not):
        return leaves(node.node)
    return [leaf for child in node.nodes for leaf in leaves(child)]
