"""The order of the Whoosh backend's hits, computed from the matching sets (whoosh_docsets.Matched), not by
Whoosh's per-document scorers.

Relevance is a few tiers: a document scores TITLE_WEIGHT for each searched term in its title and 1 for each in
its body (a German compound counts as its word, a phrase as the phrase), so a word in the title goes before the
word only in the body, two searched words before one (similar ideas: what shares most first); equal scores go
newest first, then by document number. How often a word occurs is not counted: with titles of a few words and
bodies of a few hundred, whether the title has it says more, and the order stays cheap and predictable.

Most matches of a common word are in one tier (in the body only), so the tiers are sets built with set
operations, the documents of the few title tiers are scored one by one, and each tier gives only the newest
documents it still has to give, through heapq over the created_at values.
"""
from __future__ import annotations

import heapq
from collections.abc import Callable, Sequence

TITLE_WEIGHT = 2.0


def ranked(matched: set[int], terms: Sequence[tuple[set[int], set[int]]], wanted: int,
           created: Callable[[int], Sequence[int]]) -> list[tuple[int, float]]:
    """The first `wanted` documents of `matched` by relevance, with their scores. `terms` are the title and body
    documents of each searched term; `created(size)` gives a docnum-indexed sequence of creation times, fit for
    looking up `size` documents."""
    tiers = _tiers(matched, terms)
    found: list[tuple[int, float]] = []
    for score in sorted(tiers, reverse=True):
        if len(found) >= wanted:
            break
        docs = tiers[score]
        found.extend((docnum, score) for docnum in newest(docs, wanted - len(found), created))
    return found


def newest(docs: set[int] | list[int], wanted: int, created: Callable[[int], Sequence[int]]) -> list[int]:
    """The `wanted` newest of `docs` (the later document number first among equal times)."""
    if not docs or wanted <= 0:
        return []
    when = created(len(docs))
    return heapq.nlargest(wanted, docs, key=lambda docnum: (when[docnum], docnum))


def _tiers(matched: set[int], terms: Sequence[tuple[set[int], set[int]]]) -> dict[float, set[int] | list[int]]:
    """score -> the matched documents of that score."""
    tiers: dict[float, set[int] | list[int]] = {}
    if len(terms) == 1:  # one term (the usual case): three tiers by set operations
        title, body = terms[0]
        titled = title & matched
        both = titled & body
        parts = {TITLE_WEIGHT + 1: both, TITLE_WEIGHT: titled - both, 1.0: matched - titled}
        return {score: docs for score, docs in parts.items() if docs}
    titled = set().union(*(title & matched for title, _ in terms)) if terms else set()
    for docnum in titled:
        score = sum(TITLE_WEIGHT * (docnum in title) + (docnum in body) for title, body in terms)
        tiers.setdefault(score, []).append(docnum)  # type: ignore[union-attr]
    rest = matched - titled
    if not rest:
        return tiers
    bodies = [body for _, body in terms]
    counts = [body for body in bodies if rest <= body]
    if len(counts) == len(bodies):  # every document has every term in the body: one tier (the usual case)
        tiers[float(len(bodies))] = _merge(tiers.get(float(len(bodies))), rest)
        return tiers
    others = [body for body in bodies if not rest <= body]
    base = float(len(counts))
    scored: dict[float, list[int]] = {}
    for docnum in rest:
        scored.setdefault(base + sum(docnum in body for body in others), []).append(docnum)
    for score, docs in scored.items():
        tiers[score] = _merge(tiers.get(score), docs)
    return tiers


def _merge(first, second):
    if not first:
        return second
    return set(first) | set(second)
