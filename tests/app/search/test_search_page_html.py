"""The search page in each of its states, and the pages with scoped search boxes, are valid HTML (Nu Html
Checker) in German and English."""
from __future__ import annotations

import pytest
from helpers import assert_valid_html

from app.search import indexer
from factories import make_category, make_idea, make_idea_category, make_reply, make_thread, make_user

STATES = {
    "search-empty": "/search",
    "search-results": "/search?q=cycle",
    "search-results-scoped": "/search?q=cycle&kind=thread,post&sort=newest",
    "search-results-paged": "/search?q=lane&page=2",
    "search-no-results": "/search?q=nothingmatches&kind=idea&status=accepted&since=2020-01-01",
    "search-errors": "/search?q=" + "x" * 201 + "&since=bad&until=2000-01-01&kind=zzz&category=q&status=q&sort=q"
                     "&author=nobody",
    "search-shortened": "/search?q=" + "+".join(["cycle"] * 20),
    "ideas": "/ideas",
    "forums": "/forums",
}


@pytest.fixture
def app_overrides(tmp_path):
    return {"SEARCH_INDEX_DIR": str(tmp_path / "index")}


def test_the_search_page_in_every_state_is_valid_html(app, db, vnu, tmp_path):
    author = make_user("alice", display_name="Alice <Adler>")
    mobility = make_idea_category("mobility", name="Mobility")
    for number in range(25):
        make_idea(author, mobility, title=f"Cycle lane {number} <b>now</b>", body="Paint the cycle lanes red & wide.")
    thread = make_thread(author, make_category("talk"), title="Cycle parking", body="Where to park **bikes**?")
    make_reply(thread, author, "More cycle racks, please.")
    indexer.rebuild()

    pages = {}
    for lang in ("de", "en", "tr", "ar"):
        client = app.test_client()
        client.post("/language", data={"locale": lang})
        for name, path in STATES.items():
            response = client.get(path)
            assert response.status_code == 200, (path, lang)
            pages[f"{name}-{lang}"] = response.get_data(as_text=True)
    broken = tmp_path / "broken"
    broken.mkdir()
    app.config["SEARCH_INDEX_DIR"] = str(broken)
    app.extensions.pop("search_backend", None)
    unavailable = app.test_client().get("/search?q=cycle")
    assert "Die Suche ist kurz nicht verfügbar" in unavailable.get_data(as_text=True)
    pages["search-unavailable-de"] = unavailable.get_data(as_text=True)

    assert_valid_html(vnu, pages, tmp_path)
