"""The one text pipeline: Markdown source -> HTML by markdown-it-py -> sanitised by a bleach allowlist."""
from __future__ import annotations

from functools import lru_cache

import bleach
from bleach.html5lib_shim import Filter
from markdown_it import MarkdownIt
from markupsafe import Markup

ALLOWED_TAGS = frozenset({
    "p", "br", "hr", "a", "em", "strong", "del", "s", "code", "pre", "blockquote",
    "ul", "ol", "li", "h3", "h4", "h5", "h6",
    "table", "thead", "tbody", "tr", "th", "td",
})
ALLOWED_ATTRIBUTES = {"a": ["href", "title"], "ol": ["start"]}
ALLOWED_PROTOCOLS = frozenset({"http", "https", "mailto"})
LINK_REL = "nofollow ugc noopener"
HEADING_OFFSET = 2  # a user's "# Title" becomes <h3>: the page keeps its single h1 and its h2 sections
MAX_SOURCE_LENGTH = 100_000


class _LinkRelFilter(Filter):
    """Gives every remaining link rel="nofollow ugc noopener", whatever the source said."""

    def __iter__(self):
        for token in Filter.__iter__(self):
            if token["type"] in ("StartTag", "EmptyTag") and token["name"] == "a":
                attributes = dict(token["data"])
                attributes[(None, "rel")] = LINK_REL
                token["data"] = attributes
            yield token


def _shift_headings(state) -> None:
    for token in state.tokens:
        if token.type in ("heading_open", "heading_close"):
            level = min(int(token.tag[1]) + HEADING_OFFSET, 6)
            token.tag = f"h{level}"


@lru_cache(maxsize=1)
def _markdown() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"linkify": True, "html": False, "maxNesting": 20})
    md.enable(["linkify", "table", "strikethrough"])
    md.disable("image")  # no remote images: they would leak readers' addresses and break the CSP
    md.core.ruler.push("shift_headings", _shift_headings)
    return md


@lru_cache(maxsize=1)
def _cleaner() -> bleach.Cleaner:
    return bleach.Cleaner(
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        protocols=ALLOWED_PROTOCOLS,
        strip=True,
        strip_comments=True,
        filters=[_LinkRelFilter],
    )


def render_markdown(source: str | None) -> Markup:
    """Render user-written Markdown to sanitised HTML, safe to put on a page, in an e-mail or a feed.

    Raw HTML in the source is shown as text; whatever markup survives is cut down to the allowlist.
    """
    if not source:
        return Markup("")
    html = _markdown().render(source[:MAX_SOURCE_LENGTH])
    return Markup(_cleaner().clean(html))  # noqa: S704 - the only place user text is marked safe


def init_app(app) -> None:
    """Offer the pipeline to templates as the `markdown` filter."""
    app.jinja_env.filters["markdown"] = render_markdown
