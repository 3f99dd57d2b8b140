"""Redirect targets stay on this site: `safe_next` and the views that follow a `next` parameter."""
from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from app.urls import safe_next
from factories import PASSWORD, make_user

SAME_SITE = [
    "/",
    "/ideas?page=2",
    "/ideas?page=2&sort=new#top",
    "/u/alice",
    "/pages/imprint",
    "/search?q=https://example.org",   # another URL in the query is only data
    "/a/https://evil.org",             # ... and so is one in the path
    "/%2F%2Fevil.org",                 # percent-encoded slashes stay a path on this host
    "/ü/straße",
]

# A leading space is refused: browsers strip it and would read " //evil.org" as another host, and a
# real link of ours never has one. Every C0 control character is refused for the same reason (browsers
# drop tabs and newlines inside URLs, so "/\t/evil.org" would become "//evil.org").
FOREIGN_OR_ODD = [
    "//evil.org",
    "///evil.org",
    "//evil.org/path?x=1",
    "https://evil.org",
    "http://evil.org/",
    "HTTPS://evil.org",
    "/\\evil.org",
    "\\\\evil.org",
    "\\/evil.org",
    "/\\/evil.org",
    "javascript:alert(1)",
    "JavaScript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "mailto:someone@example.org",
    "evil.org",
    "ideas",                  # relative paths depend on where the browser is: refused
    "./ideas",
    "?page=2",
    "#top",
    " /x",
    " //evil.org",
    "\t//evil.org",
    "/\t/evil.org",
    "/\n/evil.org",
    "/\r\n/evil.org",
    "/x\x00",
    "\x00/x",
    "/x\x1b",
    "",
    None,
]


@pytest.mark.parametrize("target", SAME_SITE)
def test_same_site_paths_are_kept(target):
    assert safe_next(target) == target


@pytest.mark.parametrize("target", FOREIGN_OR_ODD)
def test_other_hosts_schemes_and_odd_characters_fall_back(target):
    assert safe_next(target) == "/"
    assert safe_next(target, default="/settings") == "/settings"


@pytest.mark.parametrize("target", [42, b"/bytes", ["/"], {"next": "/"}])
def test_non_strings_fall_back(target):
    assert safe_next(target) == "/"


def test_whatever_it_returns_is_a_path_on_this_host():
    for target in SAME_SITE + FOREIGN_OR_ODD:
        parts = urlsplit(safe_next(target))
        assert (parts.scheme, parts.netloc) == ("", "")
        assert parts.path.startswith("/") and not parts.path.startswith("//")


# --- the views that follow `next` -------------------------------------------------------------------

@pytest.fixture
def alice(app):
    with app.app_context():
        make_user("alice")


def location(response) -> tuple[str, str]:
    """The host and path+query a redirect sends the browser to."""
    parts = urlsplit(response.headers["Location"])
    return parts.netloc, parts.path + (f"?{parts.query}" if parts.query else "")


@pytest.mark.parametrize(("target", "expected"), [
    ("https://evil.org", "/"),
    ("//evil.org", "/"),
    ("/\\evil.org", "/"),
    ("javascript:alert(1)", "/"),
    ("/pages/imprint", "/pages/imprint"),
    ("/u/alice?tab=ideas", "/u/alice?tab=ideas"),
])
@pytest.mark.parametrize("where", ["query", "form"])
def test_login_redirects_only_within_the_site(app, alice, client, target, expected, where):
    data = {"login": "alice", "password": PASSWORD}
    if where == "form":
        response = client.post("/login", data={**data, "next": target})
    else:
        response = client.post("/login", query_string={"next": target}, data=data)
    assert response.status_code == 302
    assert location(response) in {("", expected), ("localhost", expected)}
    assert client.get("/settings").status_code == 200  # the login itself worked


@pytest.mark.parametrize(("target", "expected"), [
    ("//evil.org", "/"),
    ("https://evil.org/phish", "/"),
    ("\\\\evil.org", "/"),
    ("/ideas?page=2", "/ideas?page=2"),
])
def test_language_switch_redirects_only_within_the_site(client, target, expected):
    response = client.post("/language", data={"locale": "en", "next": target})
    assert response.status_code == 302
    assert location(response) in {("", expected), ("localhost", expected)}


def test_already_logged_in_visitors_are_not_sent_away_either(app, alice, client):
    client.post("/login", data={"login": "alice", "password": PASSWORD})
    response = client.get("/login", query_string={"next": "https://evil.org"})
    assert response.status_code == 302
    assert location(response) in {("", "/"), ("localhost", "/")}


def test_logout_redirects_only_within_the_site(app, alice, client):
    client.post("/login", data={"login": "alice", "password": PASSWORD})
    response = client.post("/logout", data={"next": "//evil.org"})
    assert response.status_code == 302
    assert location(response) in {("", "/"), ("localhost", "/")}
