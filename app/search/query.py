"""What someone searches for, made safe once for every backend.

`parse(text)` never raises. It keeps letters and digits of any script and reads a small, forgiving syntax (the one
of PostgreSQL's websearch_to_tsquery and of Discourse): words must all match, `"several words"` is a phrase (an
unbalanced quote runs to the end), `-word` or `-"a phrase"` excludes, `or` between two terms accepts either.
Everything else is a separator: NUL and control characters, wildcards, brackets, field syntax (`title:x` reads as
the words "title" and "x"), so no input reaches a backend's own query language. It takes at most MAX_WORDS words
of at most MAX_WORD_LENGTH characters from at most MAX_QUERY_LENGTH characters, and says when it cut something.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from app.folding import lower

MAX_QUERY_LENGTH = 200  # characters; the search forms state it (maxlength and the hint)
MAX_WORDS = 16
MAX_WORD_LENGTH = 40
MIN_SIMILAR_WORD = 3  # similar-idea lookups ignore shorter words

# Letters and digits of any script (not "_"), with the combining marks inside a word (Arabic vowel signs,
# decomposed accents), so that the analysers can drop the marks instead of a word falling apart at them.
_MARKS = "\u0300-\u036f\u0483-\u0489\u0591-\u05bd\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e4" \
         "\u06e7\u06e8\u06ea-\u06ed"
WORD_PATTERN = rf"[^\W_](?:[^\W_]|[{_MARKS}])*"
_WORD = re.compile(WORD_PATTERN)
_TOKEN = re.compile(r'(-?)"([^"]*)(?:"|$)|(\S+)')


@dataclass(frozen=True)
class Term:
    """One word, or a phrase of several words in that order; `negated` excludes what matches it."""

    words: tuple[str, ...]
    negated: bool = False

    @property
    def is_phrase(self) -> bool:
        return len(self.words) > 1


@dataclass(frozen=True)
class Parsed:
    """The query as clauses that must all match; each clause is one or more alternatives ("a or b")."""

    clauses: tuple[tuple[Term, ...], ...] = ()
    excluded: tuple[Term, ...] = ()
    truncated: bool = False

    @property
    def is_empty(self) -> bool:
        return not self.clauses

    def words(self) -> list[str]:
        """Every searched word (not the excluded ones), in order, each once: what snippets highlight."""
        seen: dict[str, None] = {}
        for clause in self.clauses:
            for term in clause:
                for word in term.words:
                    seen.setdefault(word, None)
        return list(seen)

    def websearch(self) -> str:
        """The same query in websearch_to_tsquery's syntax (words only, so nothing else can reach it)."""
        parts = [" or ".join(_render(term) for term in clause) for clause in self.clauses]
        parts += ["-" + _render(term) for term in self.excluded]
        return " ".join(parts)


def _render(term: Term) -> str:
    return f'"{" ".join(term.words)}"' if term.is_phrase else term.words[0]


def clean(text: str) -> str:
    """NFKC, control and format characters as spaces, at most MAX_QUERY_LENGTH characters, trimmed."""
    text = unicodedata.normalize("NFKC", text or "")
    text = "".join(" " if unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co", "Cn") else ch for ch in text)
    return text[:MAX_QUERY_LENGTH].strip()


def parse(text: str, *, match: Literal["all", "any"] = "all") -> Parsed:
    """`text` as a Parsed query (see the module); with match="any" every term is an alternative of one clause
    and phrases, exclusions and words shorter than MIN_SIMILAR_WORD are dropped (similar ideas)."""
    original = unicodedata.normalize("NFKC", text or "")
    truncated = len(original) > MAX_QUERY_LENGTH
    text = clean(text)
    clauses: list[list[Term]] = []
    excluded: list[Term] = []
    budget = MAX_WORDS
    join_next = False
    for match_ in _TOKEN.finditer(text):
        negated, phrase, bare = match_.group(1), match_.group(2), match_.group(3)
        if bare is not None and bare.lower() == "or":  # an operator, never a word (websearch reads it so too)
            join_next = bool(clauses)
            continue
        if bare is not None:
            negated = "-" if bare.startswith("-") else ""
            words = _words(bare)
            pieces = [Term((word,), bool(negated)) for word in words] if not negated else \
                [Term(tuple(words), True)] if words else []
        else:
            words = _words(phrase)
            pieces = [Term(tuple(words), bool(negated))] if words else []
        for term in pieces:
            if budget <= 0:
                truncated = True
                break
            if len(term.words) > budget:
                term = Term(term.words[:budget], term.negated)
                truncated = True
            budget -= len(term.words)
            if term.negated:
                excluded.append(term)
            elif join_next and clauses:
                clauses[-1].append(term)
            else:
                clauses.append([term])
            join_next = False
        join_next = False if pieces else join_next
    if any(len(word) > MAX_WORD_LENGTH for word in _WORD.findall(text)):  # _words cut it
        truncated = True
    if match == "any":
        alternatives = tuple(Term((word,)) for clause in clauses for term in clause for word in term.words
                             if len(word) >= MIN_SIMILAR_WORD)
        return Parsed((alternatives,) if alternatives else (), (), truncated)
    return Parsed(tuple(tuple(clause) for clause in clauses), tuple(excluded), truncated)


def _words(text: str) -> list[str]:
    """The words of `text`, lower case (a dotted capital İ as a plain i: app.folding.lower) and cut to
    MAX_WORD_LENGTH; "or" is never a word (it is the operator)."""
    return [lower(word[:MAX_WORD_LENGTH]) for word in _WORD.findall(text) if word.lower() != "or"]


Sort = Literal["relevance", "newest"]


@dataclass(frozen=True)
class Viewer:
    """Who searches: an account id (None for a visitor) and whether they see what moderation hid."""

    id: int | None = None
    sees_hidden: bool = False


@dataclass(frozen=True)
class SearchRequest:
    """A query with its filters, for one viewer and one page. Empty filters do not filter."""

    parsed: Parsed
    viewer: Viewer = field(default_factory=Viewer)
    kinds: tuple[str, ...] = ()
    category: str | None = None
    statuses: tuple[str, ...] = ()  # any of these idea statuses
    author_id: int | None = None
    since: date | None = None  # created on or after this day (UTC)
    until: date | None = None  # created on or before this day (UTC)
    sort: Sort = "relevance"
    page: int = 1
    per_page: int = 20
    snippets: bool = True


@dataclass(frozen=True)
class Hit:
    """One result: its key, score, and its title and snippet as text with MARK_START/MARK_END around matches
    (turned into safe HTML by app.search.snippets)."""

    kind: str
    id: int
    score: float
    title: str
    snippet: str
    hidden: bool = False


MARK_START = "\ue000"  # private-use characters: app.search.text strips them from every document
MARK_END = "\ue001"


@dataclass(frozen=True)
class Results:
    """A page of hits, the number of all matches the viewer may see, and that number per kind (before the kind
    filter, so the kind tabs can show theirs). A backend may stop counting: then `more` says there are more
    matches than `total`, and `by_kind_exact` is False when the numbers per kind are not all known."""

    hits: list[Hit]
    total: int
    by_kind: dict[str, int]
    page: int
    per_page: int
    more: bool = False
    by_kind_exact: bool = True
