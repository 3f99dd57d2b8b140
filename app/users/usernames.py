"""What a username may be, and when two are the same.

A username is 3 to 30 word characters of any script (letters, digits, underscore; Unicode's, after NFKC; a
letter may carry marks, such as Arabic vowel signs), with at least one letter, all its letters of one script,
and not a word the site uses itself: the first part of any of its addresses (`/ideas`, `/settings`...) or one of
RESERVED. Names are stored as typed after NFKC, lower-cased (by Turkish rules when the person writes Turkish:
`IŞIK` -> `ışık`).

Two names are the same when their keys are (`key`, app.folding.comparison_key: NFKC, case folding, the dotted
and dotless i alike, Arabic marks and letter forms folded), so `Straße`, `strasse` and `STRASSE` are one name,
as are the fullwidth `ｎｉｎａ` and `nina`, `ılker` and `İlker`, `أحمد` and `احمد`. The key is what is unique in the database and
what every lookup compares (login, profiles, mentions, reports). A name that mixes scripts (a Cyrillic `а` among
Latin letters) is refused, since it would look like another; letters that look alike across whole names of
different scripts are not looked for.
"""
from __future__ import annotations

import re
import unicodedata

from flask import current_app
from flask_babel import LazyString
from flask_babel import lazy_gettext as _l

from app import folding

MIN_LENGTH, MAX_LENGTH = 3, 30
KEY_LENGTH = 100  # case folding may lengthen a name ("ß" -> "ss", "ﬃ" -> "ffi")
WORD = re.compile(r"\w[\w\u0300-\u036f\u064b-\u065f\u0670]*")  # letters (with marks), digits, underscore
RESERVED = frozenset({
    "admin", "administrator", "api", "edit", "me", "new", "settings", "static", "root", "system", "support",
    "help", "moderator", "moderators", "moderation", "staff", "werkstadt", "stadt", "city", "null", "none",
    "undefined", "anonymous", "deleted", "everyone", "all", "here", "www", "mail", "email", "login", "logout",
})
SCRIPT_GROUPS = {"HIRAGANA": "CJK", "KATAKANA": "CJK", "HALFWIDTH": "CJK"}  # Japanese writes them together


def normalise(raw: str, language: str | None = None) -> str:
    """A username as stored: NFKC, without surrounding spaces, lower-cased for `language` (Turkish rules for
    "tr"; `İ` is a plain `i` in every language)."""
    return folding.lower(unicodedata.normalize("NFKC", raw.strip()), language)


def key(name: str) -> str:
    """The form two names are compared in (app.folding.comparison_key)."""
    return folding.comparison_key(name)


def _script(char: str) -> str:
    first = unicodedata.name(char, "UNKNOWN").split()[0].split("-")[0]
    return SCRIPT_GROUPS.get(first, first)


def scripts(name: str) -> set[str]:
    """The scripts of the letters of `name` (by the first word of each letter's Unicode name)."""
    return {_script(char) for char in name if char.isalpha()}


def route_words() -> set[str]:
    """The first segment of every address of the app that starts with fixed text ("ideas" of /ideas/<id>)."""
    words = set()
    for rule in current_app.url_map.iter_rules():
        first = rule.rule.lstrip("/").split("/")[0]
        if first and "<" not in first:
            words.add(key(first.split(".")[0]))
    return words


def reserved(name: str) -> bool:
    """Whether `name` is a word the site uses itself (RESERVED or an address's first segment)."""
    folded = key(name)
    return folded in RESERVED or folded in route_words()


def refusal(name: str) -> LazyString | None:
    """Why `name` (normalised) may not be a new username, as a translated message; None when it may. Whether
    it is taken is the caller's question (app.users.services.find_by_username)."""
    if not MIN_LENGTH <= len(name) <= MAX_LENGTH:
        return _l("Please use between %(min)d and %(max)d characters.", min=MIN_LENGTH, max=MAX_LENGTH)
    if not WORD.fullmatch(name):
        return _l("Please use only letters, digits and underscores (no spaces or punctuation).")
    if not any(char.isalpha() for char in name):
        return _l("Please use at least one letter: a name of only digits and underscores reads like a number.")
    if len(scripts(name)) > 1:
        return _l("Please write your username in one alphabet: mixing alphabets (such as Latin and Cyrillic "
                  "letters that look alike) makes it look like someone else's name.")
    if reserved(name):
        return _l("This word is used by the site itself. Please choose another username.")
    return None
