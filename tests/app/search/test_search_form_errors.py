"""/search checks what it is asked on the server: every bad value answers 200 with a translated error beside its
field and in the summary at the top, keeps what was typed, and searches nothing; a missing or broken index says
that search is briefly unavailable and keeps the form."""
from __future__ import annotations

import re

import pytest
from search_page_scene import search_scene  # noqa: F401 - the fixture

from factories import make_user


@pytest.fixture
def app_overrides(tmp_path):
    return {"SEARCH_INDEX_DIR": str(tmp_path / "index")}


LONG = "x" * 201
ENGLISH = {"Accept-Language": "en"}

CASES = [
    ("q=" + LONG, "q", "Please use at most 200 characters.", f'value="{LONG}"'),
    ("q=bus&since=31.02.2027", "since", "Please enter a valid date, e.g. 2027-03-31.", 'type="text" value="31.02.2027"'),
    ("q=bus&until=tomorrow", "until", "Please enter a valid date, e.g. 2027-03-31.", 'value="tomorrow"'),
    ("q=bus&since=2027-03-10&until=2027-03-01", "until", "The end of the range is before its start.",
     'value="2027-03-01"'),
    ("q=bus&author=nobody", "author", "Nobody has the username nobody.", 'value="nobody"'),
    ("q=bus&kind=spaceship", "kind", "Please choose what to search in from the list.",
     '<option selected value="spaceship">spaceship</option>'),
    ("q=bus&kind=note,spaceship", "kind", "Please choose what to search in from the list.",
     '<option selected value="note,spaceship">'),
    ("q=bus&category=idea:nowhere", "category", "Please choose a category from the list.",
     '<option value="idea:nowhere" selected>idea:nowhere</option>'),
    ("q=bus&status=lost", "status", "Please choose a status from the list.", '<option value="lost" selected>lost</option>'),
    ("q=bus&sort=random", "sort", "Please choose an order from the list.", '<option selected value="random">'),
]


@pytest.mark.parametrize(("query", "field", "message", "kept"), CASES, ids=[case[1] for case in CASES])
def test_a_bad_value_is_an_error_beside_its_field_and_in_the_summary_and_nothing_is_searched(
        client, search_scene, query, field, message, kept):
    search_scene.add("note", 1, "Bus stop")
    search_scene.index()

    response = client.get("/search?" + query, headers=ENGLISH)
    html = response.get_data(as_text=True)

    assert response.status_code == 200
    summary = html.split('class="error-summary"', 1)[1].split("</div>", 1)[0]
    assert re.search(rf'<a href="#{field}">[^<:]+: {re.escape(message)}</a>', summary), summary  # "Label: …"
    assert re.search(rf'<p class="field-error" id="{field}-error">\s*<strong>Error:</strong> {re.escape(message)}',
                     html)
    assert kept in html
    assert "Bus stop" not in html and "results</h2>" not in html


def test_several_errors_at_once_and_the_other_values_stay(client, search_scene):
    make_user("alice")
    html = client.get("/search?q=bus&author=alice&since=bad&status=lost&sort=newest",
                      headers=ENGLISH).get_data(as_text=True)

    assert "Please correct 2 entries" in html
    assert 'name="author" spellcheck="false" type="text" value="alice"' in html
    assert '<option selected value="newest">' in html
    assert 'name="q" type="search" value="bus"' in html
    assert "<details class=\"search-filters\" open>" in html


def test_the_errors_are_in_german_for_a_german_reader(client, search_scene):
    html = client.get("/search?q=bus&since=bad", headers={"Accept-Language": "de"}).get_data(as_text=True)

    assert "Bitte geben Sie ein gültiges Datum ein" in html and "Please" not in html
    assert "Bis zu 200 Zeichen." in html and "Filter und Sortierung" in html


def test_hostile_queries_answer_200(client, search_scene):
    search_scene.add("note", 1, "Bus stop")
    search_scene.index()
    for query in ("%00%00bus", "*", '"unbalanced', "title:bus", "-", "or or or", "bus+" + "+".join(["x"] * 100),
                  "%EF%BF%BF", "\ue000bus\ue001"):
        assert client.get("/search?q=" + query).status_code == 200, query


@pytest.mark.parametrize("broken", ["empty", "garbage", "missing"])
def test_a_missing_or_broken_index_says_search_is_briefly_unavailable_and_keeps_the_form(app, client, tmp_path,
                                                                                          broken):
    index = tmp_path / "broken-index"
    if broken != "missing":
        index.mkdir()
    if broken == "garbage":
        (index / "CURRENT").write_bytes(b"\xff\x00garbage" * 50)
        (index / "_MAIN_1.toc").write_bytes(b"\x00garbage" * 50)
    app.config["SEARCH_INDEX_DIR"] = str(index)
    app.extensions.pop("search_backend", None)

    response = client.get("/search?q=bus&kind=&sort=newest", headers=ENGLISH)
    html = response.get_data(as_text=True)

    assert response.status_code == 200
    assert "Search is briefly unavailable. Please try again in a few minutes." in html
    assert 'name="q" type="search" value="bus"' in html
    assert "results</h2>" not in html
    assert client.get("/").status_code == 200  # every other page still answers
