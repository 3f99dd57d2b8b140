"""How the PostgreSQL backend asks: a Parsed query as tsqueries, one per text-search configuration.

Every document is stored in its own language's configuration (CONFIGURATIONS: "de" -> werkstadt_de, ...; other
languages werkstadt_simple, unstemmed but without accents), so a query is made once in each configuration and a
row matches the query of its own.

Each term of the query goes through `websearch_to_tsquery` in every configuration (app.search.models.QUERY:
folded as documents are, Turkish stemmed before it is folded), all in one statement (`lexemes_statement`); it
never raises, and it gets only words of letters and digits (a phrase in double quotes), whatever Parsed holds.
The clauses are joined here, so "a or b c" means (a | b) & c as app.search.query says (websearch_to_tsquery
itself would read a | (b & c)), and in German and Turkish (PREFIXED) a word's lexeme of PREFIX_MIN characters
or more becomes a prefix match ('burg':*): "Bürger" finds "Bürgerbüro", in excluded terms too. Phrases
match their words exactly, in a row, as in the Whoosh backend, and through the word pairs every document holds
(app.search.models.WORD_PAIRS): "district city" asks for the one lexeme 'district citi', which the GIN index answers
without checking the positions of every document that has both words. A term that is only stop words in a language
drops out there, as websearch_to_tsquery drops it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import TextClause, text

from app.search.models import CONFIGURATIONS as STORED
from app.search.models import QUERY
from app.search.query import WORD_PATTERN, Parsed, Term

# language -> its text-search configuration (migrations 0014 and 0022 create them)
CONFIGURATIONS: dict[str, str] = {"de": "werkstadt_de", "en": "werkstadt_en", "tr": "werkstadt_tr",
                                  "ar": "werkstadt_ar"}
FALLBACK = "werkstadt_simple"
PREFIX_MIN = 4  # lexemes this long or longer match as prefixes
PREFIXED = frozenset({"werkstadt_de", "werkstadt_tr"})  # configurations whose stems also find longer words
# Turkish asks with a stem's first five letters (as the Whoosh backend: whoosh_languages.PREFIX_LENGTH): its
# endings and the stemmer's cuts vary, so `kutuphane` typed without Turkish letters finds `kütüphane` (`kutupha`).
PREFIX_LENGTH = {"werkstadt_tr": 5}
MAX_LEXEME_BYTES = 2046  # the longest lexeme a tsvector holds

WORD = re.compile(WORD_PATTERN)
LEXEME = re.compile(r"'((?:[^'\\]|''|\\.)*)'")  # a quoted lexeme in a tsquery's text, escapes and all
_CHAIN_PART = re.compile(r"\s*(?:'((?:[^'\\]|''|\\.)*)'|<(-|\d+)>|(\S))")  # a lexeme, a distance, anything else
_NAME = re.compile(r"^[a-z_]+$")


def configuration(language: str | None) -> str:
    """The text-search configuration of a content language ("de", "de-AT", "en", ...)."""
    primary = (language or "").split("-")[0].split("_")[0].lower()
    return CONFIGURATIONS.get(primary, FALLBACK)


_ALL = tuple(sorted(set(CONFIGURATIONS.values()) | {FALLBACK}))
if set(_ALL) != set(STORED) or not all(_NAME.match(name) for name in _ALL):  # written into SQL as literals
    raise RuntimeError(f"text-search configurations {_ALL} must be app.search.models.CONFIGURATIONS, each its index")


def all_configurations() -> tuple[str, ...]:
    """Every configuration a document may be stored in, in a fixed order."""
    return _ALL


def term_text(term: Term) -> str:
    """The term in websearch_to_tsquery's syntax with nothing but words: a word, or a phrase in double quotes."""
    words = [" ".join(WORD.findall(word.replace("\x00", " "))) for word in term.words]
    words = [word for word in words if word and word.lower() != "or"]
    joined = " ".join(words)
    return f'"{joined}"' if len(joined.split()) > 1 else joined


def terms_of(parsed: Parsed) -> list[Term]:
    """Every term of `parsed`, each once, in order: the ones lexemes_statement asks about."""
    seen: dict[Term, None] = {}
    for clause in parsed.clauses:
        for term in clause:
            seen.setdefault(term, None)
    for term in parsed.excluded:
        seen.setdefault(term, None)
    return list(seen)


def lexemes_statement(terms: list[Term]) -> tuple[TextClause, dict]:
    """One statement: (configuration, term number from 1, the term's tsquery as text) for every pair."""
    sql = text(
        f"SELECT c.name, t.n, CAST({QUERY}(CAST(c.name AS regconfig), t.term) AS text) AS query "
        "FROM unnest(CAST(:terms AS text[])) WITH ORDINALITY AS t(term, n) "
        "CROSS JOIN unnest(CAST(:configurations AS text[])) AS c(name)")
    return sql, {"terms": [term_text(term) for term in terms], "configurations": list(all_configurations())}


def prefixed(query: str, length: int | None = None) -> str:
    """A tsquery's text with every lexeme of PREFIX_MIN characters or more as a prefix match (of its first
    `length` characters, when given)."""

    def one(match: re.Match) -> str:
        lexeme = unquoted(match.group(1))
        if len(lexeme) < PREFIX_MIN:
            return match.group(0)
        return (_quoted(lexeme[:length]) if length and len(lexeme) > length else match.group(0)) + ":*"

    return LEXEME.sub(one, query)


def paired(query: str) -> str:
    """A phrase's tsquery (`'a' <-> 'b' <-> 'c'`, as websearch_to_tsquery makes it) asked through its word pairs:
    `'a b'` for two neighbouring words, `'a b' & 'b c' & ('a' <-> 'b' <-> 'c')` for more (the pairs find the few
    candidates, the phrase checks their order). Anything else, and a phrase without neighbouring words (only stop
    words between them: `'a' <3> 'b'`), stays as it is."""
    lexemes: list[str] = []
    distances: list[str] = []
    for part in _CHAIN_PART.finditer(query):
        lexeme, distance, other = part.groups()
        if other is not None or (lexeme is None) == (len(lexemes) == len(distances)):
            return query  # not a chain of lexeme, distance, lexeme, ...
        if lexeme is not None:
            lexemes.append(unquoted(lexeme))
        else:
            distances.append(distance)
    if len(lexemes) < 2 or len(distances) != len(lexemes) - 1:
        return query
    pairs = [f"{first} {second}" for first, second, distance in zip(lexemes, lexemes[1:], distances)
             if distance in ("-", "1") and len(f"{first} {second}".encode()) <= MAX_LEXEME_BYTES]
    if not pairs:
        return query
    asked = " & ".join(_quoted(pair) for pair in dict.fromkeys(pairs))
    whole = len(lexemes) == 2 and len(pairs) == 1
    return asked if whole else f"{asked} & ( {query} )"


def unquoted(lexeme: str) -> str:
    """A lexeme as it is, from its quoted form in a tsquery's text."""
    return re.sub(r"\\(.)", r"\1", lexeme).replace("''", "'")


def _quoted(lexeme: str) -> str:
    return "'" + lexeme.replace("\\", "\\\\").replace("'", "''") + "'"


@dataclass(frozen=True)
class Queries:
    """Per configuration: the tsquery that matches (`match`, phrases through their word pairs), the one that
    highlights (`highlight`: any of the searched terms, without the excluded ones) and each searched term's own
    (`searched`, for the title score), both with phrases as phrases. A configuration where the query has no lexemes
    is absent."""

    match: dict[str, str]
    searched: dict[str, tuple[str, ...]]

    @property
    def highlight(self) -> dict[str, str]:
        return {name: " | ".join(f"( {query} )" for query in terms) for name, terms in self.searched.items()}

    @property
    def single(self) -> bool:
        """Whether no configuration searches for more than one term (one word, or one phrase)."""
        return all(len(terms) <= 1 for terms in self.searched.values())


def compose(parsed: Parsed, terms: list[Term], rows) -> Queries:
    """The Queries of `parsed` from lexemes_statement's rows."""
    found: dict[tuple[str, int], str] = {(name, n): query for name, n, query in rows}
    number = {term: n for n, term in enumerate(terms, start=1)}
    match: dict[str, str] = {}
    searched: dict[str, tuple[str, ...]] = {}
    for name in all_configurations():
        def query_of(term: Term) -> str:
            query = found.get((name, number[term])) or ""
            return prefixed(query, PREFIX_LENGTH.get(name)) if name in PREFIXED and not term.is_phrase else query

        def matching(term: Term) -> str:
            query = query_of(term)
            return paired(query) if term.is_phrase and query else query

        clauses = []
        for clause in parsed.clauses:
            alternatives = [query for query in map(matching, clause) if query]
            if alternatives:
                clauses.append(" | ".join(f"( {query} )" for query in alternatives))
        if not clauses:
            continue
        excluded = [f"!( {query} )" for query in map(matching, parsed.excluded) if query]
        match[name] = " & ".join([f"( {clause} )" for clause in clauses] + excluded)
        searched[name] = tuple(dict.fromkeys(query for clause in parsed.clauses for query in map(query_of, clause)
                                             if query))
    return Queries(match, searched)
