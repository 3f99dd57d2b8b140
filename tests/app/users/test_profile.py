"""Public profiles at /u/<username>: name, Markdown bio through the text pipeline, join date, role badges."""
from __future__ import annotations

from datetime import datetime, timezone

import pytest
from helpers import add_user, html_lang, page_text, soup, translated

from app.users.models import Role

JOINED = datetime(2024, 3, 5, 11, 0, tzinfo=timezone.utc)


def profile(client, username: str = "alice", lang: str | None = None):
    headers = {"Accept-Language": lang} if lang else {}
    return client.get(f"/u/{username}", headers=headers)


def test_the_profile_shows_name_username_and_bio(app, client):
    add_user(app, "alice", display_name="Alice Wonder", bio_md="I care about **bike lanes**.\n\n- safe\n- wide")

    response = profile(client)

    assert response.status_code == 200
    page = soup(response)
    assert page.h1.get_text(strip=True) == "Alice Wonder"
    assert "@alice" in page_text(response)
    bio = page.find(class_="user-text")
    assert bio.find("strong").get_text() == "bike lanes"
    assert [li.get_text() for li in bio.find_all("li")] == ["safe", "wide"]


@pytest.mark.parametrize("path", ["/u/stra%C3%9Fe", "/u/STRASSE", "/u/strasse"])
def test_a_profile_answers_to_its_name_in_any_case_or_form(app, client, path):
    add_user(app, "straße", display_name="Grete Straße")

    response = client.get(path)

    assert response.status_code == 200
    assert soup(response).find("h1").get_text(strip=True) == "Grete Straße"


@pytest.mark.parametrize("bio", [
    "<script>alert('x')</script>",
    "Hi <img src=x onerror=alert(1)>",
    "[click](javascript:alert(1))",
    "<a href=\"#\" onclick=\"alert(1)\">x</a>",
])
def test_html_in_the_bio_comes_out_inert(app, client, bio):
    add_user(app, "alice", bio_md=bio)

    page = soup(profile(client))

    text = page.find(class_="user-text")
    assert text.find("script") is None and text.find("img") is None
    assert not any(attr.startswith("on") for tag in text.find_all(True) for attr in tag.attrs)
    assert all(not a.get("href", "").startswith("javascript:") for a in text.find_all("a"))
    assert not any("alert" in script.get_text() for script in page.find_all("script"))


def test_a_script_in_the_bio_is_shown_as_text(app, client):
    add_user(app, "alice", bio_md="<script>alert('x')</script>")

    body = profile(client).get_data(as_text=True)

    assert "&lt;script&gt;" in body
    assert "<script>alert" not in body


def test_a_user_without_bio_gets_a_friendly_line(app, client):
    add_user(app, "alice", display_name="Alice")

    response = profile(client, lang="en")

    expected = translated(app, "en", "%(name)s has not written anything about themselves yet.", name="Alice")
    assert expected in page_text(response)
    assert soup(response).find(class_="user-text") is None


@pytest.mark.parametrize(("lang", "date"), [("de", "5. März 2024"), ("en", "March 5, 2024")])
def test_the_join_date_is_formatted_in_the_active_locale(app, client, lang, date):
    add_user(app, "alice", created_at=JOINED)

    response = profile(client, lang=lang)

    assert html_lang(response)[0] == lang
    assert translated(app, lang, "Member since %(date)s", date=date) in page_text(response)


def test_the_join_date_is_shown_in_berlin_time(app, client):
    add_user(app, "alice", created_at=datetime(2023, 12, 31, 23, 30, tzinfo=timezone.utc))

    assert "1. Januar 2024" in page_text(profile(client, lang="de"))


@pytest.mark.parametrize(("roles", "badges"), [
    ((), []),
    ((Role.MODERATOR,), ["Moderator"]),
    ((Role.CITY_STAFF,), ["City staff"]),
    ((Role.ADMIN,), ["Administrator"]),
    ((Role.ADMIN, Role.MODERATOR), ["Administrator", "Moderator"]),
])
@pytest.mark.parametrize("lang", ["de", "en"])
def test_staff_roles_show_as_badges(app, client, roles, badges, lang):
    add_user(app, "alice", roles=roles)

    page = soup(profile(client, lang=lang))

    shown = [badge.get_text(strip=True) for badge in page.find_all(class_="badge")]
    assert shown == [translated(app, lang, label) for label in badges]


@pytest.mark.parametrize("username", ["nobody", "ALICE_X", "a" * 31])
def test_an_unknown_user_is_404(app, client, username):
    add_user(app, "alice")

    assert profile(client, username).status_code == 404


def test_a_deactivated_user_has_no_public_profile(app, client):
    add_user(app, "alice", is_active_account=False)

    assert profile(client).status_code == 404


def test_the_username_in_the_address_is_not_case_sensitive(app, client):
    add_user(app, "alice", display_name="Alice")

    assert profile(client, "Alice").status_code == 200


def test_only_the_owner_sees_the_edit_link(app, client, auth):
    add_user(app, "alice")
    add_user(app, "bob")

    assert not _edit_links(profile(client))
    auth.login("bob")
    assert not _edit_links(profile(client))
    auth.logout()
    auth.login("alice")
    assert _edit_links(profile(client))


def _edit_links(response) -> list:
    main = soup(response).find("main")
    return main.find_all("a", href="/settings")
