"""Indexing-time analysis for the Whoosh backend, fast: the same terms as the language's Whoosh analyser
(whoosh_languages.ANALYSERS), without its Token objects and generator chain per word, and the word pairs that
answer phrases.

`stems(suffix, text)` gives a text's index terms in order: the analyser's regular expression finds the words,
and each goes through its language's steps (whoosh_languages.term: lower-cased, stop words dropped, folded,
stemmed, as the language does it). What the analyser does to one word it does the same wherever the word stands, so
the result of each distinct word is remembered (MEMO words per language). A test holds this to the analyser's
own output.

`pairs(terms, frequent)` are the neighbouring terms joined by a space ("bike stop"): the stop filter renumbers
positions, so two terms are neighbours in the analyser's positions exactly when they are neighbours here, and a
two-word phrase is exactly the documents of one pair. Stems never contain a space (the words are letters and
marks). Only the pairs of two terms common enough that many documents have both (the product of their shares of
documents at least PAIR_SHARE: `paired`) are indexed: every pair its own term would be millions of terms, and
Whoosh's writer pays for each; any other phrase is found from the (small) intersection of its words' documents,
checked against the stored text (whoosh_docsets). The shares are a rebuild's, from its first SAMPLE documents
(`frequent_terms`), kept with the index, so that later updates and queries pair the same terms.

WordsField is the TEXT field of title_xx/body_xx and the pair fields: frequencies, no positions (phrases go
through the pairs), fed lists of terms that `fields_of` computes once per text; a string is analysed here.
"""
from __future__ import annotations

import re
from collections import Counter

from whoosh import fields
from whoosh.system import pack_uint

from app.search.backends.whoosh_languages import ANALYSERS, WORD_PATTERN, term

MEMO = 200_000  # distinct words remembered per language before the memo starts over
SAMPLE = 5_000  # documents a rebuild reads before it decides which terms are frequent
PAIR_SHARE = 0.002  # pairs are indexed when this share of documents or more is expected to have both terms

_STOPPED = ""  # the memo's mark of a word the analyser drops


class _Language:
    """One language's analysis without tokens: its word pattern and a memo of each word's index term."""

    def __init__(self, suffix: str) -> None:
        self.suffix = suffix
        self.finditer = re.compile(WORD_PATTERN).finditer
        self.memo: dict[str, str] = {}

    def term(self, word: str) -> str:
        """The index term of a word as found, or _STOPPED (whoosh_languages.term, remembered)."""
        found = term(self.suffix, word)
        if len(self.memo) >= MEMO:
            self.memo.clear()
        self.memo[word] = found
        return found


_languages: dict[str, _Language] = {}


def _language(suffix: str) -> _Language:
    found = _languages.get(suffix)
    if found is None:
        found = _languages[suffix] = _Language(suffix)
    return found


def spans(suffix: str, text: str) -> list[tuple[int, int, str]]:
    """(start, end, index term) of each word of `text` the analyser keeps: what snippets mark."""
    language = _language(suffix)
    memo, term = language.memo, language.term
    found = []
    for match in language.finditer(text):
        word = match.group()
        stem = memo.get(word)
        if stem is None:
            stem = term(word)
        if stem:
            found.append((match.start(), match.end(), stem))
    return found


def stems(suffix: str, text: str) -> list[str]:
    """The index terms of `text` in the language of `suffix`, in order (what ANALYSERS[suffix] yields)."""
    return [stem for _, _, stem in spans(suffix, text)]


Shares = dict[str, float]  # term -> the share of documents that have it (the frequent terms of one language)


def paired(shares: Shares, first: str, second: str) -> bool:
    """Whether the pair of `first` and `second` is indexed."""
    return shares.get(first, 0.0) * shares.get(second, 0.0) >= PAIR_SHARE


def pairs(terms: list[str], shares: Shares | None = None) -> list[str]:
    """Each two neighbouring terms, joined by a space; with `shares`, only the indexed ones (`paired`)."""
    if shares is None:
        return [f"{first} {second}" for first, second in zip(terms, terms[1:])]
    return [f"{first} {second}" for first, second in zip(terms, terms[1:]) if paired(shares, first, second)]


def frequent_terms(texts: list[tuple[str, list[str]]]) -> dict[str, Shares]:
    """suffix -> Shares of the terms that can be paired (in PAIR_SHARE of the documents, and in two at least);
    `texts` are each document's (suffix, terms of its title and body)."""
    counts: dict[str, Counter] = {}
    for suffix, terms in texts:
        counts.setdefault(suffix, Counter()).update(set(terms))
    least = max(2, PAIR_SHARE * len(texts))
    return {suffix: {term: round(count / len(texts), 6) for term, count in sorted(counted.items()) if count >= least}
            for suffix, counted in counts.items()}


class WordsField(fields.TEXT):
    """A TEXT field without positions whose values are lists of index terms (see the module); `pairs` fields
    make word pairs of a string value (all of them: `fields_of` gives the list of the frequent ones)."""

    def __init__(self, suffix: str, *, pairs: bool = False) -> None:
        super().__init__(analyzer=ANALYSERS[suffix], phrase=False)
        self.suffix = suffix
        self.pairs = pairs

    def index(self, value, **kwargs):
        if isinstance(value, str):
            value = stems(self.suffix, value)
            if self.pairs:
                value = pairs(value)
        boost = self.format.field_boost  # the Frequency format's postings: weight and frequency
        for text, freq in Counter(value).items():
            yield text.encode("utf-8"), freq, freq * boost, pack_uint(freq)

