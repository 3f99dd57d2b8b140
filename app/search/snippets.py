"""Search hits as safe HTML: a title or snippet the backend marked with MARK_START/MARK_END becomes escaped text
with <mark> around the matches, then passes the text pipeline's sanitiser (app.text.sanitise), so nothing but
<mark> can ever reach the page, whatever a document or a backend holds. A page's texts pass it together."""
from __future__ import annotations

from markupsafe import Markup, escape

from app.search.query import MARK_END, MARK_START
from app.text import sanitise

ALLOWED = frozenset({"mark"})
SEPARATOR = "\ue003"  # between the texts of one pass (a private-use character; taken out of the texts first)


def highlighted(text: str | None) -> Markup:
    """`text` escaped, its marked pieces in <mark>. Markers that do not pair (an end without a start, a start
    never closed, a start inside a mark) are read forgivingly: an open mark closes at the end, stray ones vanish."""
    return highlighted_all([text])[0]


def highlighted_all(texts: list[str | None]) -> list[Markup]:
    """`highlighted` of each of `texts`, through one pass of the sanitiser for all of them (a page's titles and
    snippets: each pass parses HTML, which costs more than the rest of the work)."""
    if not texts:
        return []
    joined = SEPARATOR.join(_marked((text or "").replace(SEPARATOR, "")) for text in texts)
    return [Markup(piece) for piece in sanitise(joined, ALLOWED).split(SEPARATOR)]  # noqa: S704 - sanitised


def _marked(text: str) -> str:
    parts: list[str] = []
    marking = False
    piece: list[str] = []

    def flush() -> None:
        if piece:
            escaped = str(escape("".join(piece)))
            parts.append(f"<mark>{escaped}</mark>" if marking else escaped)
            piece.clear()

    for char in text:
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
    return "".join(parts)


def plain(text: str | None) -> str:
    """`text` without any markers (for a link's accessible name or a page title)."""
    return (text or "").replace(MARK_START, "").replace(MARK_END, "")
