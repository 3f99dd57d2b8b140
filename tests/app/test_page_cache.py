"""The anonymous page cache: shared pages for visitors who are not signed in (the home page too), never a personal
page."""
from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from factories import PASSWORD, make_category, make_idea, make_idea_category, make_thread, make_user
from flask import flash, session
from sqlalchemy import select

from app import page_cache
from app.extensions import db
from app.page_cache import CachedPage, PageCache, cache_for_anonymous
from app.users.models import User
from forums.models import Thread


@pytest.fixture
def app_overrides() -> dict:
    return {"ANONYMOUS_PAGE_CACHE_SECONDS": 60}


@pytest.fixture
def site(app):
    with app.app_context():
        make_user("alice")
        thread = make_thread(title="Open data portal", category=make_category("city"))
        return thread.id


def rename_behind_the_apps_back(app, thread_id: int, title: str) -> None:
    """Change a thread the way another worker would: nothing in this app hears of it."""
    with app.app_context():
        db.session.get(Thread, thread_id).title = title
        db.session.commit()


def h1(response) -> str:
    return BeautifulSoup(response.data, "html.parser").h1.get_text(strip=True)


# --- the store -------------------------------------------------------------------------------------

def page(body: bytes, expires: float = 100.0) -> CachedPage:
    return CachedPage(body, 200, (("Content-Type", "text/html"),), expires)


def test_a_stored_page_is_served_until_it_expires():
    cache = PageCache(max_bytes=1000)
    cache.put(("k",), page(b"hello", expires=10.0))
    assert cache.get(("k",), now=9.9).body == b"hello"
    assert cache.get(("k",), now=10.0) is None
    assert len(cache) == 0


def test_the_store_drops_the_oldest_pages_beyond_its_size():
    cache = PageCache(max_bytes=10)
    cache.put(("a",), page(b"aaaa"))
    cache.put(("b",), page(b"bbbb"))
    cache.put(("c",), page(b"cccc"))
    assert cache.get(("a",), now=0) is None
    assert [cache.get((k,), now=0).body for k in "bc"] == [b"bbbb", b"cccc"]
    cache.put(("huge",), page(b"x" * 11))
    assert cache.get(("huge",), now=0) is None and len(cache) == 2


# --- in the app ------------------------------------------------------------------------------------

def test_an_anonymous_visitor_gets_the_stored_page_without_touching_the_database(app, client, site, count_queries):
    first = client.get(f"/t/{site}")
    rename_behind_the_apps_back(app, site, "Renamed elsewhere")
    with count_queries() as counter:
        second = client.get(f"/t/{site}")
    assert second.status_code == 200 and second.data == first.data
    assert counter.count == 0
    assert "Set-Cookie" not in second.headers
    assert second.headers["Content-Security-Policy"] == first.headers["Content-Security-Policy"]


def test_the_cache_is_off_when_its_lifetime_is_zero(app, site):
    from app import create_app
    from config import TestingConfig

    off = create_app(TestingConfig, SQLALCHEMY_DATABASE_URI=app.config["SQLALCHEMY_DATABASE_URI"])
    assert page_cache.cache_of(off) is None
    off_client = off.test_client()
    off_client.get(f"/t/{site}")
    rename_behind_the_apps_back(app, site, "Renamed elsewhere")
    assert h1(off_client.get(f"/t/{site}")) == "Renamed elsewhere"
    with off.app_context():
        db.session.remove()
        db.engine.dispose()


def test_pages_expire(app, client, site, monkeypatch):
    client.get(f"/t/{site}")
    rename_behind_the_apps_back(app, site, "Renamed elsewhere")
    later = page_cache.time.monotonic() + 61
    monkeypatch.setattr(page_cache.time, "monotonic", lambda: later)
    assert h1(client.get(f"/t/{site}")) == "Renamed elsewhere"


def test_a_write_in_this_worker_empties_the_cache(app, client, auth, site):
    anonymous = app.test_client()
    assert h1(anonymous.get(f"/t/{site}")) == "Open data portal"
    auth.login("alice")
    response = client.post(f"/t/{site}/reply", data={"body": "A reply that everyone should see at once."})
    assert response.status_code == 302
    assert "A reply that everyone should see at once." in anonymous.get(f"/t/{site}").get_data(as_text=True)


def test_a_refused_write_keeps_the_cache(app, client, site):
    client.get(f"/t/{site}")
    rename_behind_the_apps_back(app, site, "Renamed elsewhere")
    assert client.post("/language", data={"locale": "xx"}).status_code == 400
    assert h1(client.get(f"/t/{site}")) == "Open data portal"


def test_signed_in_readers_always_get_a_fresh_page_of_their_own(app, client, auth, site):
    client.get(f"/t/{site}")
    rename_behind_the_apps_back(app, site, "Renamed elsewhere")
    auth.login("alice")
    response = client.get(f"/t/{site}")
    assert h1(response) == "Renamed elsewhere"
    assert "Alice" in BeautifulSoup(response.data, "html.parser").find("nav", class_="site-nav").get_text()
    auth.logout()
    assert "Alice" not in client.get(f"/t/{site}").get_data(as_text=True)  # her page was never stored


def test_a_remember_cookie_alone_bypasses_the_cache(app, client, site):
    client.get(f"/t/{site}")
    rename_behind_the_apps_back(app, site, "Renamed elsewhere")
    remembered = app.test_client()
    remembered.set_cookie("remember_token", "anything")
    assert h1(remembered.get(f"/t/{site}")) == "Renamed elsewhere"


@pytest.mark.parametrize(("headers", "lang"), [({"Accept-Language": "en"}, "en"), ({}, "de")])
def test_each_language_has_its_own_page(app, client, site, headers, lang):
    other = {"Accept-Language": "de"} if lang == "en" else {"Accept-Language": "en"}
    client.get(f"/t/{site}", headers=other)
    response = client.get(f"/t/{site}", headers=headers)
    assert BeautifulSoup(response.data, "html.parser").html["lang"] == lang


def test_a_language_chosen_in_the_session_picks_that_page(app, client, site):
    client.get(f"/t/{site}")  # the German page is stored
    client.post("/language", data={"locale": "en"})
    assert BeautifulSoup(client.get(f"/t/{site}").data, "html.parser").html["lang"] == "en"


@pytest.mark.parametrize("app_overrides", [{"ANONYMOUS_PAGE_CACHE_SECONDS": 60, "WTF_CSRF_ENABLED": True}])
def test_anonymous_pages_carry_no_csrf_token_and_set_no_cookie(app, client, site):
    with app.app_context():
        idea_id = make_idea(category=make_idea_category("city-ideas")).id
    for path in ("/", "/forums", "/forums/city", f"/t/{site}", "/u/alice", "/ideas", f"/ideas/{idea_id}",
                 "/ideas/awaiting-answer"):
        response = client.get(path)
        assert response.status_code == 200
        assert b"csrf_token" not in response.data, path
        assert "Set-Cookie" not in response.headers, path
        assert len(page_cache.cache_of(app)) > 0
    assert len(page_cache.cache_of(app)) == 8  # every one of them was stored


def test_a_page_that_touches_the_session_or_shows_a_flash_is_never_stored(app, client):
    renders = []

    @cache_for_anonymous
    def personal():
        renders.append(1)
        session["seen"] = True
        return "personal"

    @cache_for_anonymous
    def flashing():
        renders.append(1)
        flash("only for you")
        return "flashed"

    app.add_url_rule("/_personal", view_func=personal)
    app.add_url_rule("/_flashing", view_func=flashing)
    for path in ("/_personal", "/_personal", "/_flashing", "/_flashing"):
        assert client.get(path).status_code == 200
    assert len(renders) == 4


def test_a_visitor_with_a_pending_flash_gets_a_fresh_page(app, client, site):
    client.get(f"/t/{site}")
    with client.session_transaction() as stored:
        stored["_flashes"] = [("message", "Your reply was saved.")]
    assert "Your reply was saved." in client.get(f"/t/{site}").get_data(as_text=True)


def test_unmarked_pages_and_errors_are_not_stored(app, client, site, count_queries):
    client.get("/t/999999")
    with count_queries() as counter:
        assert client.get("/t/999999").status_code == 404
    assert counter.count > 0
    client.get("/login")
    assert len(page_cache.cache_of(app)) == 0


def test_logging_in_still_works_from_a_cached_page(app, client, site):
    client.get(f"/t/{site}")
    client.get(f"/t/{site}")
    response = client.post("/login", data={"login": "alice", "password": PASSWORD})
    assert response.status_code == 302
    assert client.get("/settings").status_code == 200


# --- the home page ---------------------------------------------------------------------------------

def test_the_home_page_is_shared_by_visitors_until_someone_writes(app, client, auth, site, count_queries):
    with app.app_context():
        make_idea(make_user("ida"), make_idea_category("city-ideas"), title="Benches in every park")
    visitor = app.test_client()
    assert "Benches in every park" in visitor.get("/").get_data(as_text=True)
    with count_queries() as counter:
        visitor.get("/")
    assert counter.count == 0  # served from the cache

    auth.login("alice")
    response = client.post("/ideas/new", data={"title": "Shade on the playground", "body": "Trees, please.",
                                               "category": "city-ideas", "language": "en", "action": "publish"})
    assert response.status_code == 302
    assert "Shade on the playground" in visitor.get("/").get_data(as_text=True)  # the write emptied the cache


def test_a_members_home_page_with_their_drafts_is_never_stored(app, client, auth, site):
    with app.app_context():
        make_idea(db.session.execute(select(User).where(User.username == "alice")).scalar_one(),
                  make_idea_category("city-ideas"), title="My secret draft", publish=False)
    auth.login("alice")
    assert "My secret draft" in client.get("/").get_data(as_text=True)
    auth.logout()
    assert "My secret draft" not in client.get("/").get_data(as_text=True)
    assert "My secret draft" not in app.test_client().get("/").get_data(as_text=True)


@pytest.mark.parametrize(("path", "data"), [("/theme", {"theme": "dark"}), ("/language", {"locale": "en"})])
def test_a_display_switch_changes_no_page_and_keeps_the_cache(app, client, site, path, data):
    client.get(f"/t/{site}")
    rename_behind_the_apps_back(app, site, "Renamed elsewhere")
    assert app.test_client().post(path, data=data).status_code == 302  # another visitor switches
    assert h1(client.get(f"/t/{site}")) == "Open data portal"  # still the stored page
