"""Reading a Whoosh index in bulk, fast: a term's documents as a set, a numeric column as a list, and the terms
a prefix expands to, once per searcher (ReaderCache).

Whoosh's matchers hand out one document at a time through several Python calls; a term of 30,000 documents
costs tens of milliseconds that way. Its postings are stored in blocks (ids delta-encoded, pickled, maybe
compressed), so here each block is decoded whole and its ids are added to a set at C speed. That reads the
whoosh3 codec's block layout (W3LeafMatcher's block attributes); any other matcher (another codec, a future
Whoosh) goes through the plain `all_ids()`, which gives the same answer slower. Deleted documents are removed as
Whoosh's own reader does. A sortable NUMERIC column is likewise read as one array per segment.
"""
from __future__ import annotations

import itertools
import sys
from collections import OrderedDict
import zlib
from array import array
from pickle import loads

from whoosh.codec.whoosh3 import W3LeafMatcher
from whoosh.columns import NumericColumn
from whoosh.matching.wrappers import FilterMatcher

PREFIX_CACHE = 5_000  # prefix expansions remembered per searcher
TERM_CACHE = 500_000  # document numbers of recently read terms remembered per searcher (some 30 MB at most)


def _block_ids(matcher: W3LeafMatcher):
    """Every id of a fresh whoosh3 leaf matcher, block by block."""
    postfile = matcher._postfile
    while True:
        data = postfile.get(matcher._dataoffset, matcher._nextoffset - matcher._dataoffset)
        if matcher._compression:
            data = zlib.decompress(data)
        ids = loads(data)[0]
        yield ids if matcher._byteids else itertools.accumulate(ids)
        if matcher._lastblock:
            return
        matcher._goto(matcher._nextoffset)


def term_docs(reader, field: str, text: str) -> set[int]:
    """The (live) documents of one term, as docnums of `reader` (a segment or a multi-segment reader)."""
    found: set[int] = set()
    btext = text.encode("utf-8")
    for leaf, offset in reader.leaf_readers():
        if (field, btext) not in leaf:
            continue
        matcher = leaf.postings(field, btext)
        raw = matcher.child if isinstance(matcher, FilterMatcher) else matcher
        deleted = leaf.deleted_docs_set if raw is not matcher else None
        if isinstance(raw, W3LeafMatcher) and raw.is_active():
            ids: set[int] = set()
            for block in _block_ids(raw):
                ids.update(block)
            if deleted:
                ids -= set(deleted)
        else:
            ids = set(matcher.all_ids())
        found.update(ids if not offset else {docnum + offset for docnum in ids})
    return found


def numeric_column(reader, field: str) -> list[int]:
    """The raw (order-preserving) values of a sortable NUMERIC column for every docnum of `reader`."""
    values: list[int] = []
    for leaf, _ in reader.leaf_readers():
        column = leaf.column_reader(field, translate=False)
        count = leaf.doc_count_all()
        if isinstance(column, NumericColumn.Reader) and column._typecode in "qQ":
            raw = array(column._typecode, column._dbfile.get(column._basepos, column._count * column._fixedlen))
            if sys.byteorder == "little":  # stored big-endian ("!")
                raw.byteswap()
            part = raw.tolist()[:count]
            part.extend([column._default] * (count - len(part)))
        else:
            part = list(column)
        values.extend(part)
    return values


class ReaderCache:
    """What a searcher's reader is asked again and again, kept while the searcher lives: prefix expansions, and
    the documents of the terms read last (least recently used go first when they hold more than TERM_CACHE
    document numbers); and the index's frequent terms (suffix -> Shares: which pairs are indexed,
    whoosh_analysis)."""

    def __init__(self, reader, frequent: dict[str, dict[str, float]] | None = None) -> None:
        self.reader = reader
        self.frequent = frequent or {}
        self._prefixes: dict[tuple[str, str], tuple[str, ...]] = {}
        self._terms: OrderedDict[tuple, frozenset[int] | tuple[frozenset[int], ...]] = OrderedDict()
        self._held = 0

    def docs(self, field: str, text: str) -> frozenset[int]:
        """The documents of one term (a frozenset: callers combine it, never change it)."""
        key = (field, text)
        found = self._terms.get(key)
        if found is not None:
            self._terms.move_to_end(key)
            return found
        return self._keep(key, frozenset(term_docs(self.reader, field, text)))

    def prefixed(self, field: str, prefix: str) -> frozenset[int]:
        """The documents of every term that starts with `prefix` (itself included)."""
        key = (field, prefix + "*")  # "*" is never part of a term (they are letters and marks)
        found = self._terms.get(key)
        if found is not None:
            self._terms.move_to_end(key)
            return found
        return self._keep(key, frozenset().union(*(self.docs(field, term) for term in self.expand(field, prefix))))

    def remember(self, key: tuple, compute):
        """`compute()` (a tuple of frozensets), remembered under `key` with the terms' documents."""
        found = self._terms.get(key)
        if found is not None:
            self._terms.move_to_end(key)
            return found
        return self._keep(key, compute())

    def _keep(self, key: tuple, found):
        size = sum(map(len, found)) if isinstance(found, tuple) else len(found)
        if size <= TERM_CACHE:
            self._terms[key] = found
            self._held += size
            while self._held > TERM_CACHE:
                _, dropped = self._terms.popitem(last=False)
                self._held -= sum(map(len, dropped)) if isinstance(dropped, tuple) else len(dropped)
        return found

    def expand(self, field: str, prefix: str) -> tuple[str, ...]:
        """The terms of `field` that start with `prefix` (itself included when it is one)."""
        key = (field, prefix)
        found = self._prefixes.get(key)
        if found is None:
            found = tuple(term if isinstance(term, str) else term.decode("utf-8")
                          for term in self.reader.expand_prefix(field, prefix))
            if len(self._prefixes) >= PREFIX_CACHE:
                self._prefixes.clear()
            self._prefixes[key] = found
        return found
