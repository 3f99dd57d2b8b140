"""GET /search when the backend stops counting (the PostgreSQL backend past COUNT_CAP matches): the heading says
"More than 1,000 results" and how to narrow them down, the kind tabs show no numbers they do not know, the pages
go as far as the count, and a kind filter's own count is exact. Skipped unless TEST_DATABASE_URL names a
PostgreSQL database."""
from __future__ import annotations

import re

from postgres_search import app_overrides, backend, needs_postgres  # noqa: F401 - the fixtures
from search_page_scene import search_scene, when  # noqa: F401 - the fixture

from app.search.backends.postgres_query import COUNT_CAP

pytestmark = needs_postgres


def page(client, query: str, language: str = "en") -> str:
    response = client.get("/search?" + query, headers={"Accept-Language": language})
    assert response.status_code == 200
    return response.get_data(as_text=True).split('<main id="main"', 1)[1]


def tabs(html: str) -> str:
    return html.split('<nav class="tabs search-kinds"', 1)[1].split("</nav>", 1)[0]


def test_more_matches_than_are_counted(client, search_scene):
    for number in range(1, COUNT_CAP + 4):
        search_scene.add("note", number, f"Street light {number}", created=when(1 + number % 28))
    search_scene.add("memo", 1, "Light memo")
    search_scene.add("memo", 2, "Memo about the light")
    search_scene.index()

    everything = page(client, "q=light")
    assert '<h2 id="search-results-title" aria-live="polite">More than 1,000 results</h2>' in everything
    assert "Only the first 1,000 are listed. Add a word, a phrase in quotation marks or a filter" in everything
    assert 'class="count"' not in tabs(everything)
    assert re.search(r'<a href="/search\?q=light&amp;kind=memo">Memos</a>', tabs(everything))
    assert 'href="/search?q=light&amp;page=50"' in everything and "page=51" not in everything
    assert client.get("/search?q=light&page=50").status_code == 200
    assert client.get("/search?q=light&page=51").status_code == 404

    memos = page(client, "q=light&kind=memo")
    assert ">2 results</h2>" in memos and "Only the first" not in memos
    assert 'class="count"' not in tabs(memos)  # the other kinds' numbers are still unknown

    german = page(client, "q=light", "de")
    assert ">Mehr als 1.000 Ergebnisse</h2>" in german


def test_a_search_under_the_cap_counts_every_kind(client, search_scene):
    search_scene.add("note", 1, "Street light")
    search_scene.add("memo", 1, "Light memo")
    search_scene.index()
    html = page(client, "q=light")
    assert ">2 results</h2>" in html and "Only the first" not in html
    assert 'Notes <span class="count">(1)</span>' in tabs(html) and 'Memos <span class="count">(1)</span>' in tabs(html)
