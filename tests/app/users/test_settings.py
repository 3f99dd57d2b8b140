"""The settings pages: profile and language, password (ends other sessions), e-mail address (confirmed first)."""
from __future__ import annotations

import pytest
from helpers import (
    add_user, field_error, flashes, html_lang, is_logged_in, link_path, mail_parts, soup, summary_links, translated,
)

from app.auth.passwords import verify_password
from app.extensions import db
from app.users.models import User

PASSWORD = "correct horse battery"
NEW_PASSWORD = "a brand new passphrase"


@pytest.fixture
def alice(app) -> int:
    return add_user(app, "alice", email="alice@example.org", display_name="Alice")


@pytest.fixture
def signed_in(client, auth, alice):
    auth.login()
    return client


def logged_in_client(app, remember: bool = False):
    """Another browser, logged in as alice."""
    other = app.test_client()
    data = {"login": "alice", "password": PASSWORD}
    if remember:
        data["remember"] = "y"
    assert other.post("/login", data=data).status_code == 302
    return other


def reload_user(app, uid: int) -> dict:
    with app.app_context():
        user = db.session.get(User, uid)
        return {"display_name": user.display_name, "bio_md": user.bio_md, "locale": user.locale,
                "email": user.email, "pending_email": user.pending_email, "password_hash": user.password_hash,
                "confirmed": user.is_confirmed}


def password_is(app, uid: int, password: str) -> bool:
    with app.app_context():
        return verify_password(db.session.get(User, uid).password_hash, password)


@pytest.mark.parametrize("path", ["/settings", "/settings/email", "/settings/password"])
@pytest.mark.parametrize("method", ["get", "post"])
def test_settings_need_a_login(client, path, method):
    response = getattr(client, method)(path)

    assert response.status_code == 302
    assert response.location.startswith("/login?next=")


# --- profile and language ----------------------------------------------------------------------------

def test_the_profile_form_shows_the_current_values(signed_in, app, alice):
    with app.app_context():
        user = db.session.get(User, alice)
        user.bio_md, user.locale = "I like *parks*.", "en"
        db.session.commit()

    page = soup(signed_in.get("/settings"))

    assert page.find(id="display_name")["value"] == "Alice"
    assert page.find(id="bio_md").get_text().strip() == "I like *parks*."
    assert page.find(id="locale").find("option", selected=True)["value"] == "en"


def test_the_profile_form_saves_name_bio_and_language(signed_in, app, alice):
    response = signed_in.post("/settings", data={
        "display_name": "  Alice Wonder ", "bio_md": "I like **parks**.\n\n- benches\n", "locale": "en"})

    assert response.status_code == 302 and response.location == "/settings"
    saved = reload_user(app, alice)
    assert (saved["display_name"], saved["locale"]) == ("Alice Wonder", "en")
    assert saved["bio_md"] == "I like **parks**.\n\n- benches"
    page = signed_in.get("/settings")
    assert html_lang(page) == ("en", "ltr")  # the interface follows the new preference at once
    assert translated(app, "en", "Your profile has been saved.") in flashes(page)
    profile = soup(signed_in.get("/u/alice"))
    assert profile.find(class_="user-text").find("strong").get_text() == "parks"


def test_switching_the_preference_back_to_german_changes_the_interface(signed_in, app, alice):
    signed_in.post("/settings", data={"display_name": "Alice", "bio_md": "", "locale": "en"})
    signed_in.post("/settings", data={"display_name": "Alice", "bio_md": "", "locale": "de"})

    assert html_lang(signed_in.get("/")) == ("de", "ltr")
    assert reload_user(app, alice)["locale"] == "de"


@pytest.mark.parametrize(("data", "bad"), [
    ({"display_name": "   ", "bio_md": "Hello", "locale": "de"}, ["display_name"]),
    ({"display_name": "A" * 51, "bio_md": "Hello", "locale": "de"}, ["display_name"]),
    ({"display_name": "Alice W", "bio_md": "x" * 2001, "locale": "de"}, ["bio_md"]),
    ({"display_name": "Alice W", "bio_md": "Hello", "locale": "xx"}, ["locale"]),
    ({"display_name": "", "bio_md": "y" * 2001, "locale": "fr"}, ["display_name", "bio_md", "locale"]),
])
def test_invalid_profile_input_keeps_the_values_and_shows_errors(signed_in, app, alice, data, bad):
    before = reload_user(app, alice)

    response = signed_in.post("/settings", data=data)

    assert response.status_code == 200
    page = soup(response)
    assert page.find(id="display_name")["value"] == data["display_name"].strip()
    assert page.find(id="bio_md").get_text().strip() == data["bio_md"]
    assert [name for name in ("display_name", "bio_md", "locale") if field_error(response, name)] == bad
    assert summary_links(response) == bad
    assert reload_user(app, alice) == before


# --- password ----------------------------------------------------------------------------------------

def test_changing_the_password_needs_the_current_one(signed_in, app, alice):
    before = reload_user(app, alice)["password_hash"]

    response = signed_in.post("/settings/password", data={"current_password": "not my password",
                                                          "new_password": NEW_PASSWORD})

    assert response.status_code == 200
    assert translated(app, "de", "This is not your current password.") in field_error(response, "current_password")
    assert reload_user(app, alice)["password_hash"] == before


def test_a_too_short_new_password_is_refused(signed_in, app, alice):
    response = signed_in.post("/settings/password", data={"current_password": PASSWORD, "new_password": "short"})

    assert response.status_code == 200
    assert field_error(response, "new_password")
    assert password_is(app, alice, PASSWORD)


def test_a_new_password_holding_the_accounts_address_is_refused(signed_in, app, alice):
    response = signed_in.post("/settings/password", data={"current_password": PASSWORD,
                                                          "new_password": "mail me at alice@example.org"})

    assert response.status_code == 200
    assert translated(app, "de", "Your password must not contain your username or e-mail address: attackers try "
                      "them first. Please choose something unrelated to you.") in field_error(response, "new_password")
    assert password_is(app, alice, PASSWORD)


def test_changing_the_password_keeps_this_session_and_ends_all_others(signed_in, app, alice):
    other = logged_in_client(app)
    remembered = logged_in_client(app, remember=True)
    remembered.delete_cookie("session")  # only the remember-me cookie is left
    assert is_logged_in(other) and is_logged_in(remembered)

    response = signed_in.post("/settings/password", data={"current_password": PASSWORD,
                                                          "new_password": NEW_PASSWORD})

    assert response.status_code == 302 and response.location == "/settings/password"
    assert is_logged_in(signed_in)
    assert not is_logged_in(other)
    assert not is_logged_in(remembered)
    assert password_is(app, alice, NEW_PASSWORD)


def test_a_remembered_session_stays_remembered_after_its_own_password_change(client, auth, app, alice):
    auth.login(remember=True)

    client.post("/settings/password", data={"current_password": PASSWORD, "new_password": NEW_PASSWORD})
    client.delete_cookie("session")

    assert is_logged_in(client)


# --- e-mail address ----------------------------------------------------------------------------------

def test_changing_the_email_needs_the_current_password(signed_in, app, smtp_server, alice):
    response = signed_in.post("/settings/email", data={"email": "new@example.org", "current_password": "nope"})

    assert response.status_code == 200
    assert translated(app, "de", "This is not your current password.") in field_error(response, "current_password")
    assert soup(response).find(id="email")["value"] == "new@example.org"
    assert reload_user(app, alice)["pending_email"] is None
    assert smtp_server.messages == []


def test_a_new_email_is_confirmed_at_the_new_address_before_it_is_used(signed_in, auth, app, smtp_server, alice):
    response = signed_in.post("/settings/email", data={"email": " New@Example.org ", "current_password": PASSWORD},
                              follow_redirects=True)

    assert translated(app, "de", "We have sent a confirmation link to %(email)s.", email="new@example.org") \
        in flashes(response)
    assert [rcpts for _, rcpts in smtp_server.envelopes] == [["new@example.org"]]
    assert mail_parts(smtp_server.messages[0])
    saved = reload_user(app, alice)
    assert (saved["email"], saved["pending_email"]) == ("alice@example.org", "new@example.org")
    waiting = translated(app, "de", "We are waiting for you to confirm %(email)s. Follow the link in the e-mail "
                                    "we sent there.", email="new@example.org")
    assert waiting in soup(response).get_text(" ")

    response = signed_in.get(link_path(smtp_server.messages[0], "/confirm/"))

    assert response.location == "/settings/email"
    saved = reload_user(app, alice)
    assert (saved["email"], saved["pending_email"], saved["confirmed"]) == ("new@example.org", None, True)
    auth.logout()
    assert auth.login("alice@example.org").status_code == 200
    assert auth.login("new@example.org").status_code == 302


def test_the_old_address_keeps_working_until_the_new_one_is_confirmed(signed_in, auth, app, smtp_server, alice):
    signed_in.post("/settings/email", data={"email": "new@example.org", "current_password": PASSWORD})
    auth.logout()

    assert auth.login("alice@example.org").status_code == 302
    assert smtp_server.to("alice@example.org") == []


@pytest.mark.parametrize("taken", ["bob@example.org", "BOB@example.org", "pending@example.org"])
def test_an_address_used_by_another_account_is_refused(signed_in, app, smtp_server, alice, taken):
    add_user(app, "bob", email="bob@example.org", pending_email="pending@example.org")

    response = signed_in.post("/settings/email", data={"email": taken, "current_password": PASSWORD})

    assert response.status_code == 200
    assert translated(app, "de", "Another account uses this e-mail address.") in field_error(response, "email")
    assert reload_user(app, alice)["pending_email"] is None
    assert smtp_server.messages == []


def test_a_confirmation_link_fails_when_another_account_took_the_address_meanwhile(signed_in, app, smtp_server, alice):
    signed_in.post("/settings/email", data={"email": "new@example.org", "current_password": PASSWORD})
    link = link_path(smtp_server.messages[0], "/confirm/")
    with app.app_context():
        db.session.get(User, alice).pending_email = None
        db.session.commit()
    add_user(app, "bob", email="new@example.org")

    signed_in.get(link)

    assert reload_user(app, alice)["email"] == "alice@example.org"


def test_entering_the_current_address_cancels_a_pending_change(signed_in, app, smtp_server, alice):
    signed_in.post("/settings/email", data={"email": "new@example.org", "current_password": PASSWORD})

    signed_in.post("/settings/email", data={"email": "alice@example.org", "current_password": PASSWORD})

    assert reload_user(app, alice)["pending_email"] is None
    assert len(smtp_server.messages) == 1


def test_a_link_for_an_earlier_pending_address_stops_working(signed_in, app, smtp_server, alice):
    signed_in.post("/settings/email", data={"email": "first@example.org", "current_password": PASSWORD})
    signed_in.post("/settings/email", data={"email": "second@example.org", "current_password": PASSWORD})
    first = link_path(smtp_server.to("first@example.org")[0], "/confirm/")

    signed_in.get(first)

    saved = reload_user(app, alice)
    assert (saved["email"], saved["pending_email"]) == ("alice@example.org", "second@example.org")
