"""The Whoosh backend's analyser of each content language: how a text becomes index terms.

Every analyser finds words with WORD_PATTERN (letters and digits of any script, with the combining marks inside a
word) and passes each word through the steps of its language (STEPS), each a function of one word:

- German and English: lower-cased, stop words dropped, accents folded (`fold`), Snowball-stemmed.
- Turkish: lower-cased by Turkish rules (`IŞIK` -> `ışık`, `İSTANBUL` -> `istanbul`), stop words dropped,
  Snowball-stemmed (Turkish) while it still has its own letters (`formları` -> `form`, `şehirlerimizde` ->
  `şehir`), then folded with the dotless `ı` as `i` (so `ışık`, `IŞIK` and `isik` meet, as PostgreSQL's unaccent
  writes them). A stem of PREFIX_MIN letters or more also finds the words it begins, as in German: Turkish adds
  its endings to the word, and the stemmer cuts some too short (`belediye` -> `beledi`, which then finds
  `belediyenin`).
- Arabic: marks, tatweel and letter forms folded (app.folding.arabic_fold: `أحمد` = `احمد`, `مُحَمَّد` = `محمد`),
  common function words dropped, Snowball-stemmed (Arabic), which also takes off the ta marbuta: `المدرسة`,
  `مدرسة` and `مدرسه` -> `مدرس`.
- every other language ("xx"): lower-cased and folded, not stemmed.

The Snowball stemmers are those of PostgreSQL's turkish_stem and arabic_stem (the snowballstemmer package is
the Snowball project's own Python build), so both backends find the same words. whoosh_analysis runs the same
steps (`term`) without Whoosh's token objects when it indexes.
"""
from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable
from functools import lru_cache

import snowballstemmer
from whoosh.analysis import Analyzer, Filter, RegexTokenizer
from whoosh.lang import stemmer_for_language, stopwords_for_language

from app import folding
from app.search.query import WORD_PATTERN

STEM_CACHE = 50_000
# The most frequent Arabic function words, folded (arabic_fold): prepositions, conjunctions, pronouns,
# demonstratives and particles, which a query would otherwise find in nearly every Arabic text.
ARABIC_STOP_WORDS = frozenset(folding.arabic_fold(word) for word in (
    "في", "من", "على", "إلى", "عن", "مع", "و", "أو", "ثم", "أن", "إن", "كان", "كانت", "هذا", "هذه", "ذلك", "تلك",
    "التي", "الذي", "الذين", "هو", "هي", "هم", "نحن", "أنا", "أنت", "لا", "ما", "لم", "لن", "قد", "كل", "بعض",
    "غير", "عند", "بين", "حتى", "إذا", "كما", "أي", "به", "بها", "له", "لها", "فيه", "فيها", "منه", "عليه", "هناك",
))


@lru_cache(maxsize=50_000)
def fold(word: str) -> str:
    """`word` without accents or other combining marks (ü → u, é → e, Arabic vowel signs dropped)."""
    decomposed = unicodedata.normalize("NFD", word)
    return unicodedata.normalize("NFC", "".join(ch for ch in decomposed if not unicodedata.combining(ch)))


def fold_turkish(word: str) -> str:
    """`fold`, and the dotless `ı` as `i` (PostgreSQL's unaccent does the same)."""
    return fold(word).replace("ı", "i")


def stop_words(stops: Iterable[str], minsize: int = 2) -> Callable[[str], str]:
    """"" for a stop word or a word shorter than `minsize`, the word otherwise (as Whoosh's StopFilter)."""
    stops = frozenset(stops)
    return lambda word: "" if len(word) < minsize or word in stops else word


def snowball(language: str) -> Callable[[str], str]:
    """The Snowball stemmer of `language` ("turkish", "arabic"), remembering its last STEM_CACHE words."""
    return lru_cache(maxsize=STEM_CACHE)(snowballstemmer.stemmer(language).stemWord)


def whoosh_stemmer(language: str) -> Callable[[str], str]:
    """Whoosh's own Snowball stemmer of `language` ("de", "en"), remembering its last STEM_CACHE words."""
    return lru_cache(maxsize=STEM_CACHE)(stemmer_for_language(language))


# Stop words are listed with their accents, so they go before folding; the German and English stemmers get folded
# words, on both sides (index and query), so "Bürger" and "Burger" meet; the Turkish one needs its letters.
STEPS: dict[str, tuple[Callable[[str], str], ...]] = {
    "de": (folding.lower, stop_words(stopwords_for_language("de")), fold, whoosh_stemmer("de")),
    "en": (folding.lower, stop_words(stopwords_for_language("en")), fold, whoosh_stemmer("en")),
    "tr": (folding.turkish_lower, stop_words(stopwords_for_language("tr")), snowball("turkish"), fold_turkish),
    "ar": (folding.lower, folding.arabic_fold, stop_words(ARABIC_STOP_WORDS), snowball("arabic")),
    "xx": (folding.lower, fold),
}


def term(suffix: str, word: str) -> str:
    """The index term of one `word` in the language of `suffix`; "" when the language drops it."""
    for step in STEPS[suffix]:
        word = step(word)
        if not word:
            return ""
    return word


class LanguageFilter(Filter):
    """Turns each token's text into its index term in one language (`term`) and drops the stop words, closing
    up the positions. It is stored with the index by its language's suffix alone, so the index stays readable
    whatever the functions are."""

    def __init__(self, suffix: str) -> None:
        self.suffix = suffix

    def __call__(self, tokens):
        position = 0
        for token in tokens:
            text = term(self.suffix, token.text)
            if not text:
                continue
            token.text = text
            if getattr(token, "positions", False):
                token.pos = position
                position += 1
            yield token


ANALYSERS: dict[str, Analyzer] = {suffix: RegexTokenizer(WORD_PATTERN) | LanguageFilter(suffix) for suffix in STEPS}
PREFIXED = frozenset({"de", "tr"})  # languages whose stems also match as the leading part of longer words
PREFIX_MIN = 4  # stems of this many letters or more find the words they begin
# Turkish asks with a stem's first five letters ("F5", which works well for Turkish): its endings and the
# stemmer's cuts vary, so `kutuphane` typed without Turkish letters finds `kütüphane` (`kutupha`).
PREFIX_LENGTH = {"tr": 5}


def prefix_of(suffix: str, stem: str) -> str | None:
    """The prefix an index term `stem` of the language `suffix` is also looked for as, or None."""
    if suffix not in PREFIXED or len(stem) < PREFIX_MIN:
        return None
    return stem[:PREFIX_LENGTH.get(suffix, len(stem))]
