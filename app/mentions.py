"""@username mentions for the text pipeline: a markdown-it inline rule that links only names it is given.

A mention is "@" and 3 to 30 word characters of any script (app.users.usernames), not preceded by a word
character, "@", "." or "/" (so e-mail addresses and paths are left alone); it names the user whose username has
the same key (`@STRASSE` mentions `straße`).
"""
from __future__ import annotations

import re

from app.users.usernames import key

MENTION = re.compile(r"@(\w{3,30})(?!\w)")
_NOT_BEFORE = frozenset("_@./")


def mention_rule(state, silent: bool) -> bool:
    """Turn "@name" into a link when env["mentions"] maps its key to a URL; record every candidate's key.

    Code spans and blocks never reach inline rules, and e-mail addresses ("a@b.de") are left alone.
    """
    pos = state.pos
    if state.src[pos] != "@" or state.linkLevel > 0:
        return False
    if pos > 0 and (state.src[pos - 1].isalnum() or state.src[pos - 1] in _NOT_BEFORE):
        return False
    match = MENTION.match(state.src, pos)
    if match is None:
        return False
    name = key(match.group(1))
    found = state.env.get("mentions_found")
    if found is not None and not silent and name not in found:  # silent runs also scan link labels
        found.append(name)
    url = (state.env.get("mentions") or {}).get(name)
    if url is None:
        return False
    if not silent:
        token = state.push("link_open", "a", 1)
        token.attrs = {"href": url, "class": "mention"}
        token = state.push("text", "", 0)
        token.content = match.group(0)
        state.push("link_close", "a", -1)
    state.pos = match.end()
    return True


def allowed_link_attribute(tag: str, name: str, value: str) -> bool:
    """bleach attribute filter for <a>: href and title, and class only as "mention"."""
    return name in {"href", "title"} or (name == "class" and value == "mention")
