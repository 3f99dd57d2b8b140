"""Search hits as safe HTML: a title or snippet the backend marked with MARK_START/MARK_END becomes escaped text
with <mark> around the matches, then passes the text pipeline's sanitiser (app.text.sanitise), so nothing but
<mark> can ever reach the page, whatever a document or a backend holds."""
from __future__ import annotations

from markupsafe import Markup, escape

from app.search.query import MARK_END, MARK_START
from app.text import sanitise

ALLOWED = frozenset({"mark"})


def highlighted(text: str | None) -> Markup:
    """`text` escaped, its marked pieces in <mark>. Markers that do not pair (an end without a start, a start
    never closed, a start inside a mark) are read forgivingly: an open mark closes at the end, stray ones vanish."""
    parts: list[str] = []
    marking = False
    piece: list[str] = []

    def flush() -> None:
        if piece:
            escaped = str(escape("".join(piece)))
            parts.append(f"<mark>{escaped}</mark>" if marking else escaped)
            piece.clear()

    for char in text or "":
        if char == MARK_START:
            if not marking:
                flush()
                marking = True
        elif char == MARK_END:
            if marking:
                flush()
                marking = False
        else:
            piece.append(char)
    flush()
    return sanitise("".join(parts), ALLOWED)


def plain(text: str | None) -> str:
    """`text` without any markers (for a link's accessible name or a page title)."""
    return (text or "").replace(MARK_START, "").replace(MARK_END, "")
