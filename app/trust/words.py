"""Watched words: the one normal form texts and words are compared in, and the matcher that finds words in a text.

`normalise(text)`: NFKC, casefold, NFKC again (Unicode's caseless matching), zero-width characters dropped
anywhere (U+200B-U+200D, U+2060, U+FEFF and the soft hyphen U+00AD, so "id\\u200biot" is "idiot"), and the
look-alike letters of `LOOK_ALIKES` (Cyrillic and Greek letters that look like Latin ones) mapped to Latin.
Digits and "leetspeak" are left alone. A text is folded per character cluster (a character with the combining
marks after it; a run of ASCII characters at once), so every folded character knows which characters of the text
as typed it came from: a match in the folded text gives the span to replace in the original one (`Folded`).

`Matcher(entries)` compiles one regular expression from a set of watched words: a trie of their normal forms
(`(?:ca(?:r|t)|dog)`: Python's `re` tries alternatives one by one, so words sharing a prefix share its test),
whole words only (no word character right before or after: "ass" does not match "class"), a space in a phrase
matching any run of white space. `matcher_for(locale)` gives the matcher of one language (its words and those
watched in all languages), built once per process and version of the word list; the version is one query per
request (kept on `g`), and `forget()` makes the next call ask again (after a change in the same request).
"""
from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

from flask import current_app, g, has_app_context
from sqlalchemy import func, select

from app.extensions import db
from app.trust.models import ALL_LANGUAGES, WatchedWord, WordAction

ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff\u00ad"

# Letters of other scripts that look like Latin ones (after casefolding, so lower case only). Deliberately small:
# the letters spammers use to dodge a filter. A Cyrillic or Greek watched word is folded the same way, so it
# still matches itself.
LOOK_ALIKES = {
    # Cyrillic
    "а": "a", "в": "b", "е": "e", "ё": "e", "к": "k", "м": "m", "н": "h", "о": "o", "р": "p", "с": "c", "т": "t",
    "у": "y", "х": "x", "і": "i", "ї": "i", "ѕ": "s", "ј": "j", "ԁ": "d", "ԛ": "q", "ԝ": "w", "һ": "h",
    # Greek
    "α": "a", "β": "b", "ε": "e", "η": "n", "ι": "i", "κ": "k", "ν": "v", "ο": "o", "ρ": "p", "τ": "t", "υ": "u",
    "χ": "x",
}
_FOLD = str.maketrans({**dict.fromkeys(ZERO_WIDTH, None), **LOOK_ALIKES})
_ASCII_RUN = re.compile(r"[\x00-\x7f]+")
_SPACES = re.compile(r"\s+")
_CACHE_KEY = "werkstadt.watched_words"
_VERSION = "watched_words_version"


@lru_cache(maxsize=8192)
def _fold(cluster: str) -> str:
    """One character cluster in the normal form (cached: texts repeat their letters)."""
    folded = unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", cluster).casefold())
    return folded.translate(_FOLD)


class Folded:
    """A text in the normal form, with the way back: `span(a, b)` is the span of the text as typed that
    folded[a:b] came from. Kept as pieces (an ASCII run folds letter by letter, a character cluster as a whole),
    one per run or cluster, found by bisection: no list per character."""

    __slots__ = ("text", "_starts", "_pieces")

    def __init__(self, text: str, starts: list[int], pieces: list[tuple[int, int, bool]]) -> None:
        self.text, self._starts, self._pieces = text, starts, pieces

    def _at(self, index: int) -> tuple[int, int]:
        piece = bisect_right(self._starts, index) - 1
        begin, stop, linear = self._pieces[piece]
        if linear:
            at = begin + index - self._starts[piece]
            return at, at + 1
        return begin, stop

    def span(self, begin: int, stop: int) -> tuple[int, int]:
        if not self._pieces:
            return begin, stop
        return self._at(begin)[0], self._at(stop - 1)[1]


def fold(text: str) -> Folded:
    """`text` in the normal form, with the way back to the text as typed (see `Folded`)."""
    if text.isascii():
        return Folded(text.lower(), [], [])
    parts: list[str] = []
    starts: list[int] = []
    pieces: list[tuple[int, int, bool]] = []
    size = 0
    end = len(text)
    done = 0
    runs = [run.span() for run in _ASCII_RUN.finditer(text)] + [(end, end)]
    for begin, stop in runs:
        i = done
        while i < begin:  # the characters before the run, cluster by cluster
            j = i + 1
            while j < begin and unicodedata.combining(text[j]):
                j += 1
            folded = _fold(text[i:j])
            if folded:
                parts.append(folded)
                starts.append(size)
                pieces.append((i, j, False))
                size += len(folded)
            i = j
        if stop < end and unicodedata.combining(text[stop]):
            stop -= 1  # the run's last letter carries the accents that follow it
        if begin < stop:
            parts.append(text[begin:stop].lower())
            starts.append(size)
            pieces.append((begin, stop, True))
            size += stop - begin
        done = max(done, stop)
    return Folded("".join(parts), starts, pieces)


def normalise(text: str) -> str:
    """`text` in the normal form watched words are compared in (see the module's docstring)."""
    return fold(text).text


def normalise_word(word: str) -> str:
    """A watched word's normal form: `normalise`, white space at the ends dropped and inside made one space."""
    return " ".join(normalise(word).split())


@dataclass(frozen=True)
class Entry:
    """A watched word as the matcher needs it."""

    normalised: str
    word: str
    action: WordAction
    replacement: str = ""
    locale: str = ALL_LANGUAGES


@dataclass(frozen=True)
class Hit:
    """A watched word found in a text: its span in the text as typed, and every entry of that normal form."""

    start: int
    end: int
    typed: str
    entries: tuple[Entry, ...]

    def has(self, action: WordAction) -> bool:
        return any(entry.action == action for entry in self.entries)


def _trie(forms: list[str]) -> str:
    root: dict = {}
    for form in forms:
        node = root
        for char in form:
            node = node.setdefault(char, {})
        node[""] = {}
    return _pattern(root)


def _pattern(node: dict) -> str:
    ends_here = "" in node
    branches = [(r"\s+" if char == " " else re.escape(char)) + _pattern(child)
                for char, child in sorted(node.items()) if char]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 and not ends_here else "(?:" + "|".join(branches) + ")"
    return body + "?" if ends_here else body  # greedy: the longer word (a phrase) first


class Matcher:
    """Finds watched words, as whole words, in texts (one compiled regular expression for all of them)."""

    def __init__(self, entries: list[Entry]) -> None:
        self.entries: dict[str, tuple[Entry, ...]] = {}
        for entry in entries:
            if entry.normalised:
                self.entries[entry.normalised] = (*self.entries.get(entry.normalised, ()), entry)
        forms = sorted(self.entries)
        self.regex = re.compile(r"(?<!\w)" + _trie(forms) + r"(?!\w)") if forms else None

    def __bool__(self) -> bool:
        return self.regex is not None

    def find(self, text: str) -> list[Hit]:
        """Every watched word in `text`, in order, with its span in `text` as typed."""
        if self.regex is None or not text:
            return []
        folded = fold(text)
        hits = []
        for match in self.regex.finditer(folded.text):
            form = match.group()
            entries = self.entries.get(form) or self.entries.get(_SPACES.sub(" ", form), ())
            begin, stop = folded.span(*match.span())
            hits.append(Hit(begin, stop, text[begin:stop].translate(_FOLD_INVISIBLE), entries))
        return hits


_FOLD_INVISIBLE = str.maketrans(dict.fromkeys(ZERO_WIDTH, None))


def replace(text: str, hits: list[Hit], replacement_of) -> str:
    """`text` with each hit for which `replacement_of(hit)` gives a string replaced by it (others kept)."""
    pieces, done = [], 0
    for hit in hits:
        new = replacement_of(hit)
        if new is None:
            continue
        pieces += [text[done:hit.start], new]
        done = hit.end
    return "".join(pieces) + text[done:]


def version() -> tuple:
    """What changes whenever a watched word is added, changed or removed (one query per request, kept on `g`)."""
    if _VERSION not in g:
        row = db.session.execute(select(func.count(), func.max(WatchedWord.id),
                                        func.max(WatchedWord.updated_at))).one()
        setattr(g, _VERSION, (row[0], row[1], str(row[2])))
    return getattr(g, _VERSION)


def forget() -> None:
    """Ask for the version again at the next `matcher_for` (after a change of the words in this request)."""
    if has_app_context():
        g.pop(_VERSION, None)


def matcher_for(locale: str) -> Matcher:
    """The matcher of `locale`'s words and the words watched in all languages, built again when they changed."""
    current = version()
    cache: dict[str, tuple[tuple, Matcher]] = current_app.extensions.setdefault(_CACHE_KEY, {})
    found = cache.get(locale)
    if found is not None and found[0] == current:
        return found[1]
    if current[0] == 0:
        matcher = Matcher([])
    else:
        rows = db.session.execute(select(
            WatchedWord.normalised, WatchedWord.word, WatchedWord.action, WatchedWord.replacement,
            WatchedWord.locale).where(WatchedWord.locale.in_([locale, ALL_LANGUAGES]))).all()
        matcher = Matcher([Entry(*row) for row in rows])
    cache[locale] = (current, matcher)
    return matcher
