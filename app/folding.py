"""Letters that people treat as the same, folded together before text is compared: usernames and search terms.

- Turkish: the dotted and the dotless i are two letters, `İ`/`i` and `I`/`ı`. Lower-casing Turkish text the
  Turkish way keeps them apart (`IŞIK` -> `ışık`, `İSTANBUL` -> `istanbul`), where Python's `lower()` turns `İ`
  into `i` and a combining dot, and `I` into the wrong `i`.
- Arabic: one word is written with or without its short vowels and other marks (harakat, shadda, sukun, the
  dagger alef), stretched with tatweel, and with an alef that carries a hamza or not. `arabic_fold` drops the
  marks and the tatweel and writes `أ إ آ ٱ` as `ا` and `ى` as `ي`, so `مُحَمَّد` is `محمد` and `أحمد` is `احمد`
  (as Lucene's ArabicNormalizer does). The ta marbuta `ة` stays for the Snowball stemmer, which takes it off
  as an ending (`مدرسة` and `مدرسه` both give `مدرس`); a comparison key writes it as `ه`.
"""
from __future__ import annotations

import re
import unicodedata

TURKISH_UPPER_TO_LOWER = str.maketrans({"İ": "i", "I": "ı"})
TURKISH_LOWER_TO_UPPER = str.maketrans({"i": "İ", "ı": "I"})
DOTTED_CAPITAL_I = str.maketrans({"İ": "i"})
ARABIC_MARKS = re.compile("[\u064b-\u065f\u0670\u0640]")  # harakat, shadda, sukun, dagger alef; tatweel
ARABIC_LETTERS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي"})
TA_MARBUTA = str.maketrans({"ة": "ه"})
DOTLESS_AND_DOTTED_I = str.maketrans({"ı": "i", "İ": "i"})


def turkish_lower(text: str) -> str:
    """`text` lower-cased by Turkish rules: `I` -> `ı`, `İ` -> `i`, the rest as `str.lower`."""
    return text.translate(TURKISH_UPPER_TO_LOWER).lower()


def is_turkish(language: str | None) -> bool:
    """Whether `language` ("tr", "tr-TR") is Turkish, whose i's case differently."""
    return bool(language) and language.split("-")[0] == "tr"


def lower(text: str, language: str | None = None) -> str:
    """`text` lower-cased for `language`: Turkish rules for "tr"; otherwise `str.lower`, except that a dotted
    capital `İ` becomes a plain `i` (not `i` and a combining dot, which no one types)."""
    if is_turkish(language):
        return turkish_lower(text)
    return text.translate(DOTTED_CAPITAL_I).lower()


def upper(text: str, language: str | None = None) -> str:
    """`text` upper-cased for `language`: Turkish rules for "tr" (`i` -> `İ`, `ı` -> `I`), else `str.upper`."""
    return (text.translate(TURKISH_LOWER_TO_UPPER) if is_turkish(language) else text).upper()


def arabic_fold(text: str) -> str:
    """`text` without Arabic marks and tatweel, its alef forms written as a bare alef, alef maqsura as ya."""
    return ARABIC_MARKS.sub("", text).translate(ARABIC_LETTERS)


def comparison_key(text: str) -> str:
    """`text` as two spellings of one name compare: NFKC, `ı` and `İ` as `i`, Arabic folded and `ة` as `ه`, case
    folded, NFKC again. So `straße` = `STRASSE`, `ılker` = `İlker` = `ILKER`, `أحمد` = `احمد` = `أَحْمَد`."""
    text = unicodedata.normalize("NFKC", text.strip()).translate(DOTLESS_AND_DOTTED_I)
    return unicodedata.normalize("NFKC", arabic_fold(text).translate(TA_MARBUTA).casefold())
