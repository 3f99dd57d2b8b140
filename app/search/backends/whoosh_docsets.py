"""Which documents match a Parsed query, as sets of Whoosh document numbers, fast; and for each searched term the
documents that have it in the title and in the body, which is what relevance is computed from
(whoosh_ranking).

Whoosh is pure Python: a compound query's matcher spends microseconds per document and per sub-matcher, which
for a common word in a large index is most of a second. Here each term's postings are read once in bulk
(whoosh_postings) and combined as Python sets, whose operations run in C: clauses intersect, alternatives unite,
exclusions subtract, languages unite. A German or Turkish stem also takes the terms it begins (whoosh_languages.prefix_of; the
expansion is remembered per searcher). A phrase of two index terms whose pair is indexed is the documents of that
word pair (the pair fields, whoosh_analysis); any other phrase starts from the documents that have each of its
pairs (an indexed one) or both its words (the others: few documents have both) in the same field, and keeps those whose stored text has the words in a row. The result is exactly the documents that have
the phrase, which is what schema.text_query matches for words, and a subset of it for phrases.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from app.search.backends import whoosh_analysis as analysis
from app.search.backends import whoosh_schema as schema
from app.search.backends.whoosh_postings import ReaderCache
from app.search.query import Parsed, Term


@dataclass
class Matched:
    """The matching documents, and per searched term (each clause's alternatives, in order) the documents that
    have it in the title and in the body."""

    docs: set[int] | frozenset[int]
    terms: list[tuple[set[int] | frozenset[int], set[int] | frozenset[int]]] = field(default_factory=list)


def matching(searcher, parsed: Parsed, cache: ReaderCache | None = None) -> set[int]:
    """The documents that match `parsed` in their own language (see schema.text_query)."""
    return match(searcher, parsed, cache).docs


def match(searcher, parsed: Parsed, cache: ReaderCache | None = None) -> Matched:
    """The documents that match `parsed`, with the title and body documents of each searched term. The sets may
    be the cache's own (frozensets): combine them, never change them."""
    cache = cache or ReaderCache(searcher.reader())
    found: list[set[int] | frozenset[int]] = []
    positive = [term for clause in parsed.clauses for term in clause]
    titles: list[list[frozenset[int] | set[int]]] = [[] for _ in positive]
    bodies: list[list[frozenset[int] | set[int]]] = [[] for _ in positive]
    for suffix in schema.ANALYSERS:
        clauses: list[set[int] | frozenset[int]] = []
        index = 0
        for clause in parsed.clauses:
            alternatives = []
            for term in clause:
                parts = _term(searcher, cache, suffix, term)
                if parts is not None:
                    titles[index].append(parts[0])
                    bodies[index].append(parts[1])
                    alternatives.append(parts[2])
                index += 1
            if alternatives:
                clauses.append(_union(alternatives))
        if not clauses:
            continue
        clauses.sort(key=len)
        docs = clauses[0].intersection(*clauses[1:]) if len(clauses) > 1 else clauses[0]
        for term in parsed.excluded:
            if docs:
                parts = _term(searcher, cache, suffix, term)
                if parts is not None:
                    docs = docs - parts[2]
        if docs:
            found.append(docs)
    return Matched(_union(found) if found else set(),
                   [(_union(title), _union(body)) for title, body in zip(titles, bodies)])


def _union(sets: list) -> set[int] | frozenset[int]:
    """The union of `sets` (the one set itself when there is one: nobody changes it)."""
    return sets[0] if len(sets) == 1 else set().union(*sets)


def _term(searcher, cache: ReaderCache, suffix: str, term: Term) -> tuple[frozenset[int], ...] | None:
    """The title, the body and all the documents of one term in one language, None when the language's analyser
    leaves nothing of it."""
    stems = schema.term_stems(suffix, term)
    if not stems:
        return None
    return cache.remember(("term", suffix, *stems), lambda: _parts(searcher, cache, suffix, stems))


def _parts(searcher, cache: ReaderCache, suffix: str, stems: list[str]) -> tuple[frozenset[int], ...]:
    title = frozenset(_field(searcher, cache, suffix, "title", stems))
    body = frozenset(_field(searcher, cache, suffix, "body", stems))
    return title, body, title | body


def _field(searcher, cache: ReaderCache, suffix: str, part: str, stems: list[str]) -> set[int]:
    if len(stems) > 1:
        shares = cache.frequent.get(suffix, {})
        sets = []
        for first, second in zip(stems, stems[1:]):
            if analysis.paired(shares, first, second):
                sets.append(cache.docs(f"{part}_pairs_{suffix}", f"{first} {second}"))
            else:
                sets.extend((cache.docs(f"{part}_{suffix}", first), cache.docs(f"{part}_{suffix}", second)))
        sets.sort(key=len)
        docs = sets[0].intersection(*sets[1:])
        exact = len(stems) == 2 and analysis.paired(shares, stems[0], stems[1])
        if docs and not exact:
            docs = {docnum for docnum in docs if _in_a_row(searcher, docnum, part, suffix, stems)}
        return docs
    text = stems[0]
    name = f"{part}_{suffix}"
    prefix = schema.prefix_of(suffix, text)
    if prefix is not None:
        return cache.prefixed(name, prefix)
    return cache.docs(name, text)


def _in_a_row(searcher, docnum: int, part: str, suffix: str, stems: list[str]) -> bool:
    """Whether the stored `part` of the document has `stems` as neighbouring index terms."""
    terms = analysis.stems(suffix, searcher.stored_fields(docnum).get(part, ""))
    width = len(stems)
    return any(terms[start:start + width] == stems for start in range(len(terms) - width + 1)
               if terms[start] == stems[0])
