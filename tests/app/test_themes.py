"""The colour theme switch (app/themes.py, POST /theme): light, dark or the device's choice, without JavaScript."""
from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from factories import PASSWORD, make_category, make_thread, make_user

from app.themes import AUTO, choose_theme, current_theme

ENGLISH = {"Accept-Language": "en"}


def html(response):
    return BeautifulSoup(response.data, "html.parser").html


def theme_buttons(response) -> dict[str, str]:
    form = BeautifulSoup(response.data, "html.parser").find("form", action="/theme")
    return {button["value"]: button["aria-pressed"] for button in form.find_all("button", attrs={"name": "theme"})}


def test_by_default_the_device_decides(client, db):
    response = client.get("/", headers=ENGLISH)
    assert html(response).get("data-theme") is None
    assert theme_buttons(response) == {"auto": "true", "light": "false", "dark": "false"}


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_a_chosen_theme_marks_every_page_and_its_button(client, db, theme):
    response = client.post("/theme", data={"theme": theme, "next": "/ideas"})
    assert response.status_code == 302 and response.headers["Location"] == "/ideas"

    for path in ("/", "/ideas", "/forums"):
        page = client.get(path, headers=ENGLISH)
        assert html(page)["data-theme"] == theme
    assert theme_buttons(page)[theme] == "true" and theme_buttons(page)["auto"] == "false"


def test_choosing_the_device_s_setting_forgets_the_choice(client, db):
    client.post("/theme", data={"theme": "dark"})
    client.post("/theme", data={"theme": "auto"})
    assert html(client.get("/")).get("data-theme") is None


def test_an_unknown_theme_is_a_bad_request_and_changes_nothing(client, db):
    client.post("/theme", data={"theme": "dark"})
    assert client.post("/theme", data={"theme": "neon"}).status_code == 400
    assert client.post("/theme", data={}).status_code == 400
    assert html(client.get("/"))["data-theme"] == "dark"


def test_the_switch_never_leads_to_another_host(client, db):
    response = client.post("/theme", data={"theme": "dark", "next": "https://example.org/"})
    assert response.headers["Location"] == "/"


def test_the_switch_keeps_the_page_one_was_on(client, db):
    form = BeautifulSoup(client.get("/ideas?sort=supported").data, "html.parser").find("form", action="/theme")
    assert form.find("input", attrs={"name": "next"})["value"] == "/ideas?sort=supported"


@pytest.mark.parametrize("app_overrides", [{"WTF_CSRF_ENABLED": True}])
def test_a_signed_in_switch_needs_its_token_and_an_anonymous_one_does_not(app, client):
    with app.app_context():
        make_user("alice")
    assert client.post("/theme", data={"theme": "dark"}).status_code == 302  # anonymous: colours only
    client.post("/login", data={"login": "alice", "password": PASSWORD, "csrf_token": token_of(client.get("/login"))})
    assert "alice" in client.get("/settings").get_data(as_text=True).lower()  # signed in

    assert client.post("/theme", data={"theme": "light"}).status_code == 400
    assert html(client.get("/"))["data-theme"] == "dark"
    assert client.post("/theme", data={"theme": "light", "csrf_token": token_of(client.get("/"))}).status_code == 302
    assert html(client.get("/"))["data-theme"] == "light"


def token_of(response) -> str:
    return BeautifulSoup(response.data, "html.parser").find("input", attrs={"name": "csrf_token"})["value"]


@pytest.mark.parametrize("app_overrides", [{"ANONYMOUS_PAGE_CACHE_SECONDS": 60}])
def test_anonymous_pages_are_cached_per_theme(app, client, db):
    with app.app_context():
        thread = make_thread(title="Open data portal", category=make_category("city")).id
    assert html(client.get(f"/t/{thread}")).get("data-theme") is None  # stored for the device's theme
    client.post("/theme", data={"theme": "dark"})
    assert html(client.get(f"/t/{thread}"))["data-theme"] == "dark"
    client.post("/theme", data={"theme": "auto"})
    assert html(client.get(f"/t/{thread}")).get("data-theme") is None


def test_the_session_holds_only_known_themes(app):
    with app.test_request_context("/"):
        assert current_theme() == AUTO
        choose_theme("dark")
        assert current_theme() == "dark"
        with pytest.raises(ValueError):
            choose_theme("sepia")
        assert current_theme() == "dark"
