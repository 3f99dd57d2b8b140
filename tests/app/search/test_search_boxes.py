"""The search boxes: one in the header of every page, and the ones of /ideas and /forums scoped to them; old links
`/ideas?q=` and `/forums?q=` move to the scoped /search."""
from __future__ import annotations

import re

import pytest

from factories import make_category, make_idea_category, make_thread, make_user

HEADER_BOX = re.compile(
    r'<form method="get" action="/search" class="site-search" role="search" aria-label="([^"]+)">\s*'
    r'<label for="site-search-q" class="visually-hidden">\1</label>\s*<span class="search-box-row">\s*'
    r'<input type="search" id="site-search-q" name="q" value="" maxlength="200" dir="auto"\s*'
    r'aria-describedby="site-search-q-hint">\s*<button type="submit" class="button">([^<]+)</button>')


@pytest.fixture
def app_overrides(tmp_path):
    return {"SEARCH_INDEX_DIR": str(tmp_path / "index")}


def test_every_page_has_the_search_box_in_its_header(client, db):
    make_user("alice")
    thread = make_thread(title="Radwege")
    for path in ("/", "/ideas", "/forums", "/search", "/login", f"/t/{thread.id}", "/users/alice",
                 "/search?q=" + "x" * 300):
        html = client.get(path, headers={"Accept-Language": "en"}).get_data(as_text=True)
        found = HEADER_BOX.search(html)
        assert found, path
        assert found.group(1) == "Search WerkSTADT" and found.group(2) == "Search"


def test_the_header_box_is_in_german_for_a_german_reader(client, db):
    html = client.get("/").get_data(as_text=True)

    found = HEADER_BOX.search(html)
    assert found and found.group(1) == "WerkSTADT durchsuchen" and found.group(2) == "Suche"


def test_ideas_and_forums_have_a_box_scoped_to_them(client, db):
    ideas = client.get("/ideas", headers={"Accept-Language": "en"}).get_data(as_text=True)
    forums = client.get("/forums", headers={"Accept-Language": "en"}).get_data(as_text=True)

    assert re.search(r'<form method="get" action="/search" class="search-box" role="search" aria-label="Search the '
                     r'ideas">\s*<input type="hidden" name="kind" value="idea">\s*<label for="ideas-search-q">',
                     ideas)
    assert re.search(r'<form method="get" action="/search" class="search-box" role="search" aria-label="Search the '
                     r'forums">\s*<input type="hidden" name="kind" value="thread,post">\s*'
                     r'<label for="forums-search-q">', forums)
    assert 'id="ideas-search-q-hint">Up to 200 characters</span>' in ideas


def test_old_idea_and_forum_searches_move_to_the_scoped_search(client, db):
    make_idea_category("mobility")
    make_category("talk")

    assert client.get("/ideas?q=bus").headers["Location"] == "/search?q=bus&kind=idea"
    assert client.get("/ideas?q=bus+stop&category=mobility&status=accepted&sort=newest").headers["Location"] == \
        "/search?q=bus+stop&kind=idea&category=idea:mobility&status=accepted"
    assert client.get("/ideas?q=").status_code == 302
    response = client.get("/forums?q=radweg")
    assert response.status_code == 302 and response.headers["Location"] == "/search?q=radweg&kind=thread,post"
    assert client.get("/ideas").status_code == 200 and client.get("/forums").status_code == 200
