"""Avatars without pictures: a person's initials on a colour of their own (the `avatar` macro,
`_macros/people.html`).

- **Initials** are the first letter of the display name's first word and of its last word, upper-cased as the
  person writes (Turkish rules for a Turkish speaker: `ilker` gives `İ`, `ışık` gives `I`), each letter with
  the marks that belong to it (a decomposed `Ö` stays one letter). A script without capitals (Arabic, Hebrew,
  Chinese ...) gives one letter: two Arabic letters side by side would join up into a word. Characters that
  are no letters (emoji, punctuation, digits) are passed over; a name without a letter falls back on the
  username's first character.
- **The colour** is one of `COLOURS` classes (`avatar-colour-0` ... `-7` in site.css, each dark enough for
  white text at 4.5:1 and more), chosen by a CRC-32 of the username: the same person has the same colour on
  every page and in every process (Python's `hash()` of a string differs between processes), and a new display
  name keeps it.

No picture is uploaded and no other host is asked (house rule 14); the avatar is decoration next to the visible
name, so the macro hides it from assistive technology.
"""
from __future__ import annotations

import unicodedata
import zlib

from app import folding

COLOURS = 8


def _letters(word: str) -> str:
    """The first letter of `word` with the combining marks that follow it, or "" if it has no letter."""
    for index, char in enumerate(word):
        if unicodedata.category(char).startswith("L"):
            end = index + 1
            while end < len(word) and unicodedata.combining(word[end]):
                end += 1
            return word[index:end]
    return ""


def _upper(letter: str, language: str | None) -> str:
    """`letter` as a capital (app.folding.upper: Turkish rules for "tr"); where upper-casing gives two letters,
    as `ß` -> `SS`, the first one is kept."""
    capital = folding.upper(letter, language)
    if len(capital) > len(letter) and len(letter) == 1:
        capital = capital[0]
    return unicodedata.normalize("NFC", capital)


def _cased(letter: str) -> bool:
    """Whether `letter`'s script has capitals (`Ş` and `ş`, but no such pair for `ع` or `中`)."""
    base = letter[0]
    return base.upper() != base or base.lower() != base


def initials(display_name: str, username: str = "", language: str | None = None) -> str:
    """One or two capital letters for `display_name` (see the module), or the username's first character
    upper-cased, or "" when neither has anything to show."""
    words = [word for word in (unicodedata.normalize("NFC", display_name or "")).split() if _letters(word)]
    if not words:
        first = unicodedata.normalize("NFC", username or "")[:1]
        return _upper(first, language) if first else ""
    first = _letters(words[0])
    if len(words) == 1 or not _cased(first):
        return _upper(first, language)
    last = _letters(words[-1])
    if not _cased(last):
        return _upper(first, language)
    return _upper(first, language) + _upper(last, language)


def colour(username: str) -> int:
    """The number (0 to COLOURS - 1) of `username`'s colour: the same for the same name, everywhere."""
    return zlib.crc32((username or "").encode("utf-8")) % COLOURS
