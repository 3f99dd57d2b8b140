"""Highlighting for the Whoosh backend: a title with its matched words marked, and a piece of the body of about
SNIPPET_LENGTH characters around the first matches.

A word counts as matched when the language's analyser turns it into one of the query's index terms, or (German)
into a word that starts with one of them, as the compound prefix of the query does; so "Bürgerbüro" is marked for
"Bürger" and "Häuser" for "Haus". Marks are MARK_START/MARK_END (app.search.query); the text between stays plain
text for the page to escape.
"""
from __future__ import annotations

from app.search.backends import whoosh_analysis as analysis
from app.search.query import MARK_END, MARK_START

SNIPPET_LENGTH = 200
LEAD = 60  # characters of context before the first match


def matches(text: str, suffix: str, exact: frozenset[str], prefixes: tuple[str, ...]) -> list[tuple[int, int]]:
    """The (start, end) character spans of the matched words of `text`."""
    if not text or not (exact or prefixes):
        return []
    return [(start, end) for start, end, term in analysis.spans(suffix, text)
            if term in exact or (prefixes and term.startswith(prefixes))]


def marked(text: str, spans: list[tuple[int, int]], start: int = 0, end: int | None = None) -> str:
    """text[start:end] with the spans inside it marked."""
    end = len(text) if end is None else end
    pieces = []
    position = start
    for span_start, span_end in spans:
        if span_start < start or span_end > end:
            continue
        pieces.append(text[position:span_start])
        pieces.append(MARK_START + text[span_start:span_end] + MARK_END)
        position = span_end
    pieces.append(text[position:end])
    return "".join(pieces)


def title(text: str, suffix: str, exact: frozenset[str], prefixes: tuple[str, ...]) -> str:
    return marked(text, matches(text, suffix, exact, prefixes))


def snippet(body: str, suffix: str, exact: frozenset[str], prefixes: tuple[str, ...]) -> str:
    """About SNIPPET_LENGTH characters of `body` from a little before its first match (the start of the body when
    nothing matched), cut at word boundaries, with "…" where it cuts the body, and the matches marked."""
    spans = matches(body, suffix, exact, prefixes)
    start = 0
    if spans and spans[0][1] > SNIPPET_LENGTH:
        start = _word_start(body, max(spans[0][0] - LEAD, 0))
    end = _word_end(body, min(start + SNIPPET_LENGTH, len(body)))
    text = marked(body, spans, start, end).strip()
    return ("…" if start > 0 else "") + text + ("…" if end < len(body) else "")


def _word_start(text: str, position: int) -> int:
    """The start of the first whole word at or after `position`."""
    if position <= 0 or text[position - 1].isspace():
        return max(position, 0)
    space = text.find(" ", position)
    return space + 1 if 0 <= space < position + 30 else position


def _word_end(text: str, position: int) -> int:
    """The end of the last whole word at or before `position`."""
    if position >= len(text) or text[position].isspace():
        return position
    space = text.rfind(" ", position - 30, position)
    return space if space > 0 else position
