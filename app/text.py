"""The one text pipeline: Markdown source -> HTML by markdown-it-py -> sanitised by a bleach allowlist."""
from __future__ import annotations

import html as htmllib
import re
from functools import lru_cache

import bleach
from bleach.html5lib_shim import Filter
from markdown_it import MarkdownIt
from markupsafe import Markup

from app.mentions import allowed_link_attribute, mention_rule

ALLOWED_TAGS = frozenset({
    "p", "br", "hr", "a", "em", "strong", "del", "s", "code", "pre", "blockquote",
    "ul", "ol", "li", "h3", "h4", "h5", "h6",
    "table", "thead", "tbody", "tr", "th", "td",
})
ALLOWED_ATTRIBUTES = {"a": allowed_link_attribute, "ol": ["start"]}
ALLOWED_PROTOCOLS = frozenset({"http", "https", "mailto"})
LINK_REL = "nofollow ugc noopener"
HEADING_OFFSET = 2  # a user's "# Title" becomes <h3>: the page keeps its single h1 and its h2 sections
MAX_SOURCE_LENGTH = 100_000
PIPELINE_VERSION = 3  # raise when the output changes, so stored ("cooked") HTML is rendered again
# 2: forum posts are cooked with heading_level=3 (no skipped heading level under the thread's h2)
# 3: links to another host without a scheme ("//host/path") become https:// links


class _LinkRelFilter(Filter):
    """Gives every remaining link rel="nofollow ugc noopener", whatever the source said, and makes a link without
    a scheme to another host (`//host/path`, which a browser reads in the page's own scheme) an explicit https://
    link: nothing in user content is protocol-relative."""

    def __iter__(self):
        for token in Filter.__iter__(self):
            if token["type"] in ("StartTag", "EmptyTag") and token["name"] == "a":
                attributes = dict(token["data"])
                attributes[(None, "rel")] = LINK_REL
                href = (attributes.get((None, "href")) or "").lstrip()  # markdown-it encodes a backslash as %5C
                if href.startswith("//"):
                    attributes[(None, "href")] = "https:" + href
                token["data"] = attributes
            yield token


def _shift_headings(state) -> None:
    """Move the text's headings below the page's own (see render_markdown's `heading_level`)."""
    headings = [token for token in state.tokens if token.type == "heading_open"]
    if not headings:
        return
    top = state.env.get("heading_level")
    if top is None:
        levels = [min(int(token.tag[1]) + HEADING_OFFSET, 6) for token in headings]
    else:  # the shallowest heading gets `top`; a deeper one at most one level below the heading before it
        shallowest, levels, previous = min(int(token.tag[1]) for token in headings), [], top - 1
        for token in headings:
            previous = min(top + int(token.tag[1]) - shallowest, previous + 1, 6)
            levels.append(previous)
    tags = iter(f"h{level}" for level in levels)
    for token in state.tokens:
        if token.type == "heading_open":
            token.tag = next(tags)
            current = token.tag
        elif token.type == "heading_close":
            token.tag = current


@lru_cache(maxsize=1)
def _markdown() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"linkify": True, "html": False, "maxNesting": 20})
    md.enable(["linkify", "table", "strikethrough"])
    md.disable("image")  # no remote images: they would leak readers' addresses and break the CSP
    md.core.ruler.push("shift_headings", _shift_headings)
    md.inline.ruler.push("mention", mention_rule)
    return md


@lru_cache(maxsize=8)
def _cleaner(heading_level: int = 3) -> bleach.Cleaner:
    return bleach.Cleaner(
        tags=ALLOWED_TAGS | {f"h{level}" for level in range(heading_level, 7)},
        attributes=ALLOWED_ATTRIBUTES,
        protocols=ALLOWED_PROTOCOLS,
        strip=True,
        strip_comments=True,
        filters=[_LinkRelFilter],
    )


def render_markdown(source: str | None, *, heading_level: int | None = None,
                    mentions: dict[str, str] | None = None) -> Markup:
    """Render user-written Markdown to sanitised HTML, safe to put on a page, in an e-mail or a feed.

    Raw HTML in the source is shown as text; whatever markup survives is cut down to the allowlist.
    Headings: by default "#" becomes <h3>, "##" <h4> and so on. A page that knows where the text sits passes
    `heading_level` (2 to 6): the text's shallowest heading then gets that level and no level is skipped, so the
    page's outline stays valid whichever levels the author picked. Raises ValueError for a level outside 2 to 6.
    `mentions` maps lower-case usernames to profile URLs: only those "@name"s become links.
    """
    if heading_level is not None and not 2 <= heading_level <= 6:
        raise ValueError(f"heading_level must be 2 to 6, not {heading_level!r}: the page keeps its own h1")
    if not source:
        return Markup("")
    env = {"heading_level": heading_level, "mentions": mentions or {}}
    html = _markdown().render(source[:MAX_SOURCE_LENGTH], env)
    cleaner = _cleaner(heading_level or 3)
    return Markup(cleaner.clean(html))  # noqa: S704 - the only place user text is marked safe


@lru_cache(maxsize=4)
def _tag_only_cleaner(tags: frozenset[str]) -> bleach.Cleaner:
    return bleach.Cleaner(tags=tags, attributes={}, protocols=ALLOWED_PROTOCOLS, strip=True, strip_comments=True)


def sanitise(html: str | None, tags: frozenset[str]) -> Markup:
    """HTML built by our own code (search snippets) cut down by this pipeline's sanitiser to `tags`, without any
    attributes: whatever else it holds is dropped, its text kept."""
    return Markup(_tag_only_cleaner(frozenset(tags)).clean(html or ""))  # noqa: S704 - sanitised here


def find_mentions(source: str | None) -> list[str]:
    """The keys of the usernames "@mentioned" in `source` (app.users.usernames.key), in order, outside code;
    whether or not they exist."""
    found: list[str] = []
    if source:
        _markdown().parse(source[:MAX_SOURCE_LENGTH], {"mentions_found": found})
    return found


def stored_html(html: str | None) -> Markup:
    """HTML that `render_markdown` produced earlier and the caller stored beside its source ("cooked" text).

    Only pass what this pipeline wrote: this is how stored post bodies reach pages without rendering them again.
    """
    return Markup(html or "")  # noqa: S704 - produced by render_markdown above


def plain_text(html: str | None) -> str:
    """The words of HTML this pipeline produced, for the text part of an e-mail: tags dropped, entities decoded,
    one blank line between blocks."""
    blocks = re.sub(r"</(p|li|h[1-6]|blockquote|pre|tr)>|<br\s*/?>", "\n\n", html or "")
    words = htmllib.unescape(bleach.clean(blocks, tags=set(), strip=True))
    return re.sub(r"\n\s*\n+", "\n\n", words).strip()


def init_app(app) -> None:
    """Offer the pipeline to templates as the `markdown` filter, and `plain_text` for e-mails."""
    app.jinja_env.filters["markdown"] = render_markdown
    app.jinja_env.filters["plain_text"] = plain_text


def count_links(source: str | None) -> int:
    """How many links `source` makes: [text](url), <autolinks>, reference links and bare addresses the pipeline
    turns into links (mentions are not links here)."""
    if not source:
        return 0
    count = 0
    for token in _markdown().parse(source[:MAX_SOURCE_LENGTH], {}):
        count += sum(1 for child in token.children or () if child.type == "link_open")
    return count
