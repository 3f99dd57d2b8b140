"""Which passwords an account may choose (OWASP ASVS 5.0, V6.2): at least MIN_LENGTH characters and at most
MAX_LENGTH, no control characters (NUL and the like cannot be typed reliably and break some stores), not one of the
most common passwords (the list shipped beside this module, see COMMON-PASSWORDS.md), and not containing the
person's own username or e-mail address. Any other character is welcome: spaces, umlauts, any script.

Pure checks, no database: the forms that set a password (app.auth.forms) and `flask users create` ask `refusal`.
Existing passwords are not checked again; they are checked when they are next set.
"""
from __future__ import annotations

import gzip
import unicodedata
from functools import lru_cache
from pathlib import Path

from flask_babel import LazyString
from flask_babel import lazy_gettext as _l

MIN_LENGTH = 12
MAX_LENGTH = 128
COMMON_PASSWORDS = Path(__file__).with_name("common-passwords.txt.gz")
SHORTEST_PERSONAL = 3  # a username or an e-mail address's local part shorter than this is not looked for


@lru_cache(maxsize=1)
def common_passwords() -> frozenset[str]:
    """The shipped list, lowercased as it is stored (read once per process: 19,640 entries, about 2 MB)."""
    with gzip.open(COMMON_PASSWORDS, "rt", encoding="utf-8") as lines:
        return frozenset(line.strip() for line in lines if line.strip())


def _folded(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold()


def _personal(username: str | None, email: str | None) -> list[str]:
    """The pieces of a person's identity a password must not contain: the username, the whole e-mail address
    and its local part, folded."""
    parts = [username or "", email or "", (email or "").partition("@")[0]]
    return [folded for part in parts if len(folded := _folded(part.strip())) >= SHORTEST_PERSONAL]


def refusal(password: str, *, username: str | None = None, email: str | None = None) -> LazyString | None:
    """Why `password` may not be chosen by the person with `username` and `email`, as a translated message that
    also says how to choose a better one; None when it may. Checks in this order: control characters, length,
    the common list (ignoring case and compatibility forms), the person's username and e-mail address."""
    if any(unicodedata.category(char) == "Cc" for char in password):
        return _l("Your password contains a control character (such as a line break or NUL), which cannot be typed "
                  "reliably. Please use only letters, digits, spaces and punctuation.")
    if len(password) < MIN_LENGTH:
        return _l("Your password needs at least %(min)d characters; it has %(num)d. A few unrelated words make a "
                  "long password that is easy to remember.", min=MIN_LENGTH, num=len(password))
    if len(password) > MAX_LENGTH:
        return _l("Your password may have at most %(max)d characters; it has %(num)d. Please choose a shorter "
                  "one.", max=MAX_LENGTH, num=len(password))
    folded = _folded(password)
    if folded in common_passwords() or folded.strip() in common_passwords():
        return _l("This is one of the most common passwords, which attackers try first. Please choose another: a "
                  "few unrelated words are hard to guess and easy to remember.")
    if any(part in folded for part in _personal(username, email)):
        return _l("Your password must not contain your username or e-mail address: attackers try them first. "
                  "Please choose something unrelated to you.")
    return None
