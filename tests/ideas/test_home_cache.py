"""The home page in the anonymous page cache: stored for visitors like the idea lists it shows, emptied by a write
in the same worker (a new idea is on it at once), and a member's page, drafts and all, never stored."""
from __future__ import annotations

import pytest
from factories import make_idea, make_idea_category, make_user
from helpers import page_text

EN = {"Accept-Language": "en"}


@pytest.fixture
def app_overrides() -> dict:
    return {"ANONYMOUS_PAGE_CACHE_SECONDS": 60}


@pytest.fixture
def site(app):
    with app.app_context():
        ida = make_user("ida", locale="en")
        category = make_idea_category("city")
        make_idea(ida, category, title="Benches in every park")
        make_idea(ida, category, title="My secret draft", publish=False)


def test_visitors_share_a_stored_home_page_until_someone_writes(app, client, auth, site, count_queries):
    visitor = app.test_client()
    assert "Benches in every park" in page_text(visitor.get("/", headers=EN))
    with count_queries() as counter:
        visitor.get("/", headers=EN)
    assert counter.count == 0  # served from the cache

    auth.login("ida")
    response = client.post("/ideas/new", data={"title": "Shade on the playground", "body": "Trees, please.",
                                               "category": "city", "language": "en", "action": "publish"})
    assert response.status_code == 302
    assert "Shade on the playground" in page_text(visitor.get("/", headers=EN))


def test_a_members_home_page_is_never_stored(app, client, auth, site):
    auth.login("ida")
    assert "My secret draft" in page_text(client.get("/", headers=EN))
    auth.logout()
    assert "My secret draft" not in page_text(client.get("/", headers=EN))
    assert "My secret draft" not in page_text(app.test_client().get("/", headers=EN))
