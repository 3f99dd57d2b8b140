"""Plain text for the index: what a document's title and body hold, whatever the page renders."""
from __future__ import annotations

import html
import re

from app.search.query import MARK_END, MARK_START

_TAG = re.compile(r"<[^>]*>")
_SPACE = re.compile(r"\s+")
_BLOCK = re.compile(r"</?(p|div|li|ul|ol|h[1-6]|blockquote|pre|tr|td|th|br|hr)\b[^>]*>", re.I)
_MARKS = str.maketrans("", "", MARK_START + MARK_END + "\x00")


def plain_text(cooked_html: str | None) -> str:
    """The text of HTML from the text pipeline (app.text): tags dropped (block ends become spaces), entities
    decoded, white space collapsed, and the snippet markers and NUL removed so no document can fake a highlight."""
    if not cooked_html:
        return ""
    text = _BLOCK.sub(" ", cooked_html)
    text = html.unescape(_TAG.sub("", text))
    return _SPACE.sub(" ", text.translate(_MARKS)).strip()


def plain(text: str | None) -> str:
    """A plain string (a title, a name) cleaned the same way."""
    return _SPACE.sub(" ", (text or "").translate(_MARKS)).strip()
