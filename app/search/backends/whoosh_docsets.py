"""Which documents match a Parsed query, as a set of Whoosh document numbers, fast.

Whoosh is pure Python: a compound query's matcher spends microseconds per document and per sub-matcher, which
for a common word in a large index is most of a second. Here each word's postings are read once, plain (no
scoring, no union matchers), and combined as Python sets, whose operations run in C: clauses intersect,
alternatives unite, exclusions subtract, languages unite. Only phrases need positions and go through Whoosh's
Phrase matcher. The result is exactly the documents schema.text_query matches; scoring the page's hits is left to
Whoosh with that query and this set as its filter.
"""
from __future__ import annotations

from whoosh import query as wq

from app.search.backends import whoosh_schema as schema
from app.search.query import Parsed, Term


def matching(searcher, parsed: Parsed) -> set[int]:
    """The documents that match `parsed` in their own language (see schema.text_query)."""
    reader = searcher.reader()
    found: set[int] = set()
    for suffix in schema.ANALYSERS:
        clauses: list[set[int]] = []
        for clause in parsed.clauses:
            alternatives = [docs for docs in (_term(searcher, reader, suffix, term) for term in clause)
                            if docs is not None]
            if alternatives:
                clauses.append(set().union(*alternatives))
        if not clauses:
            continue
        clauses.sort(key=len)
        docs = clauses[0].intersection(*clauses[1:])
        for term in parsed.excluded:
            if docs:
                docs -= _term(searcher, reader, suffix, term) or set()
        found |= docs
    return found


def _term(searcher, reader, suffix: str, term: Term) -> set[int] | None:
    """The documents of one term in one language, None when the language's analyser leaves nothing of it."""
    stems = [stem for word in term.words for stem in schema.analyse(suffix, word)]
    if not stems:
        return None
    fields = (f"title_{suffix}", f"body_{suffix}")
    if len(stems) > 1:
        return set(searcher.docs_for_query(wq.Or([wq.Phrase(field, stems) for field in fields])))
    docs: set[int] = set()
    for field in fields:
        if suffix in schema.PREFIXED and len(stems[0]) >= schema.PREFIX_MIN:
            terms = list(reader.expand_prefix(field, stems[0]))
        else:
            terms = [stems[0]]
        for text in terms:
            if (field, text) in reader:
                docs.update(reader.postings(field, text).all_ids())
    return docs
