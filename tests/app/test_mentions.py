"""@mentions in the text pipeline: which names count, and which become links."""
from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from app import text
from app.mentions import allowed_link_attribute
from app.text import LINK_REL, find_mentions, render_markdown


def links(html) -> list[dict]:
    soup = BeautifulSoup(str(html), "html.parser", multi_valued_attributes=None)
    return [dict(a.attrs, text=a.get_text()) for a in soup.find_all("a")]


# --- finding names ---------------------------------------------------------------------------------------

@pytest.mark.parametrize(("source", "names"), [
    ("Hi @anna, @Bob and @anna again", ["anna", "bob"]),  # in order, lower-case, once
    ("@carl at the start", ["carl"]),
    ("(@dora) **@emil** *@fritz*", ["dora", "emil", "fritz"]),
    ("> quoting @gina\n\n- listing @hans", ["gina", "hans"]),
    ("@ab is too short, @abc is not", ["abc"]),
    ("@jo_e-x stops at the hyphen", ["jo_e"]),
    ("ends with a full stop @ida.", ["ida"]),
    ("[@jana] is no link, [nor @kai", ["jana", "kai"]),
    ("# @lena\n\n| a | b |\n|---|---|\n| @mila | x |", ["lena", "mila"]),
    ("Grüß @Straße und @STRASSE", ["strasse"]),  # one name: the usernames' key (app.users.usernames.key)
    ("مرحبا @محمد_علي و @Ayşe_Yılmaz", ["محمد_علي", "ayşe_yilmaz"]),  # keys: ı and i alike (app.folding)
    ("fullwidth @ｎｉｎａ", ["nina"]),
    ("", []),
])
def test_find_mentions_in_order_and_lower_case(source, names):
    assert find_mentions(source) == names


@pytest.mark.parametrize("source", [
    "`@inline` code",
    "```\n@fenced\n```",
    "    @indented code block",
    "write to anna@example.org or mail.@x",
    "x_@kurt and 5@kurt and ü@kurt and ب@kurt",
    "https://social.example/@kurt and www.example.org/@kurt",
    "<https://example.org/@kurt>",
    "\\@escaped",
    "[@linked](https://example.org)",
    "@@double",
])
def test_find_mentions_skips_code_addresses_urls_and_link_text(source):
    assert find_mentions(source) == []


def test_find_mentions_takes_code_out_but_keeps_the_rest():
    assert find_mentions("`@code` then @real\n\n```\n@fenced\n```\n\nand @after") == ["real", "after"]


# --- linking ---------------------------------------------------------------------------------------------

def test_only_given_names_become_links():
    html = render_markdown("Hi @Anna and @bob", mentions={"anna": "/u/anna"})

    assert links(html) == [{"href": "/u/anna", "class": "mention", "rel": LINK_REL, "text": "@Anna"}]
    assert "@bob" in str(html)


def test_without_a_mention_map_nothing_is_linked():
    assert links(render_markdown("Hi @anna")) == []
    assert links(render_markdown("Hi @anna", mentions={})) == []


def test_mentions_are_not_linked_in_code_or_inside_links():
    html = render_markdown("`@anna` [see @anna](https://example.org) anna@example.org",
                           mentions={"anna": "/u/anna"})

    assert [(link["href"], link.get("class")) for link in links(html)] == [
        ("https://example.org", None), ("mailto:anna@example.org", None)]
    assert "<code>@anna</code>" in str(html)


def test_a_mention_url_that_is_not_ours_is_still_sanitised():
    html = render_markdown("@anna", mentions={"anna": "javascript:alert(1)"})

    assert "javascript" not in str(html)
    assert all("href" not in link or link["href"].startswith("/") for link in links(html))


# --- the class allowlist -----------------------------------------------------------------------------------

@pytest.mark.parametrize(("name", "value", "allowed"), [
    ("href", "/u/anna", True),
    ("title", "Anna", True),
    ("class", "mention", True),
    ("class", "button", False),
    ("class", "mention button", False),
    ("class", "Mention", False),
    ("style", "color: red", False),
    ("onclick", "alert(1)", False),
])
def test_link_attributes_allow_class_only_as_mention(name, value, allowed):
    assert allowed_link_attribute("a", name, value) is allowed


@pytest.mark.parametrize("markup", [
    '<a class="evil" href="/x">x</a>',
    '<a class="mention evil" href="/x">x</a>',
    '<a class="button" href="/x">x</a>',
])
def test_the_sanitiser_strips_any_other_class(markup):
    cleaned = text._cleaner().clean(markup)

    assert links(cleaned) == [{"href": "/x", "rel": LINK_REL, "text": "x"}]


def test_a_raw_link_with_the_mention_class_is_shown_as_text():
    html = render_markdown('<a class="mention" href="/u/admin">@admin</a>', mentions={})

    assert links(html) == []
    assert "&lt;a" in str(html)
