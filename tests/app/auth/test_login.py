"""Logging in by e-mail or username, "remember me", logging out, and where login sends you next."""
from __future__ import annotations

import pytest
from argon2 import PasswordHasher
from helpers import add_user, field_error, is_logged_in, soup, summary_links, translated

from app.extensions import db
from app.users.models import User
from config import TestingConfig

WRONG = "The e-mail address, username or password is not right."


@pytest.fixture
def alice(app) -> int:
    return add_user(app, "alice", email="alice@example.org")


@pytest.mark.parametrize("login", ["alice", "alice@example.org", "  Alice ", "ALICE@Example.org"])
def test_login_by_username_or_email(client, auth, alice, login):
    response = auth.login(login)

    assert response.status_code == 302 and response.location == "/"
    assert is_logged_in(client)


@pytest.mark.parametrize("login", ["straße", "STRASSE", "Strasse", "ｓｔｒａｓｓｅ"])
def test_a_username_logs_in_in_any_case_or_form(app, client, auth, login):
    add_user(app, "straße", email="grete@example.org")

    response = auth.login(login)

    assert response.status_code == 302 and response.location == "/"
    assert is_logged_in(client)


@pytest.mark.parametrize(("login", "password"), [
    ("alice", "wrong password!"),
    ("alice@example.org", "correct horse battery "),
    ("nobody", "correct horse battery"),
    ("nobody@example.org", "correct horse battery"),
])
def test_a_wrong_login_gets_one_generic_error_on_the_password(app, client, auth, alice, login, password):
    response = auth.login(login, password)

    assert response.status_code == 200
    assert field_error(response, "password") == translated(app, "de", "Error:") + " " + translated(app, "de", WRONG)
    assert field_error(response, "login") is None  # nothing tells whether the account exists
    assert summary_links(response) == ["password"]
    assert soup(response).find(id="login")["value"] == login.strip()
    assert not is_logged_in(client)


def test_a_deactivated_account_gets_the_same_generic_error(app, client, auth):
    add_user(app, "alice", is_active_account=False)

    response = auth.login()

    assert translated(app, "de", WRONG) in field_error(response, "password")
    assert not is_logged_in(client)


def test_deactivating_an_account_ends_its_sessions(app, client, auth, alice):
    auth.login(remember=True)
    with app.app_context():
        db.session.get(User, alice).is_active_account = False
        db.session.commit()

    assert not is_logged_in(client)
    client.delete_cookie("session")
    assert not is_logged_in(client)


def test_empty_fields_are_errors_next_to_each_field(app, client):
    response = client.post("/login", data={"login": " ", "password": ""})

    assert response.status_code == 200
    assert summary_links(response) == ["login", "password"]
    required = translated(app, "de", "Please fill in this field.")
    assert required in field_error(response, "login") and required in field_error(response, "password")


@pytest.mark.parametrize("remember", [True, False])
def test_remember_me_sets_a_remember_cookie_only_when_asked(app, client, auth, alice, remember):
    auth.login(remember=remember)

    cookie = client.get_cookie("remember_token")
    assert (cookie is not None) is remember
    client.delete_cookie("session")  # the browser was closed
    assert is_logged_in(client) is remember
    if remember:
        assert cookie.http_only and cookie.same_site == "Lax"
        assert cookie.expires is not None  # outlives the browser session


def test_logout_is_post_only(client, auth, alice):
    auth.login()

    assert client.get("/logout").status_code == 405
    assert is_logged_in(client)
    response = auth.logout()
    assert response.status_code == 302
    settings = client.get("/settings")
    assert settings.status_code == 302 and settings.location.startswith("/login")


def test_logout_also_forgets_the_remember_cookie(client, auth, alice):
    auth.login(remember=True)

    auth.logout()
    client.delete_cookie("session")

    assert client.get_cookie("remember_token") is None
    assert not is_logged_in(client)


def test_settings_send_a_visitor_to_log_in_and_back(client, auth, alice):
    response = client.get("/settings")
    assert response.status_code == 302
    assert response.location == "/login?next=%2Fsettings"

    response = client.post(response.location, data={"login": "alice", "password": "correct horse battery"})

    assert response.location == "/settings"


@pytest.mark.parametrize(("next_", "target"), [
    ("/u/alice", "/u/alice"),
    ("/settings/email?tab=1", "/settings/email?tab=1"),
    ("https://evil.example/", "/"),
    ("//evil.example/path", "/"),
    ("/\\evil.example", "/"),
    ("javascript:alert(1)", "/"),
    ("http://localhost/settings", "/"),
    ("", "/"),
])
def test_login_redirects_only_to_a_same_site_next(client, alice, next_, target):
    response = client.post("/login", data={"login": "alice", "password": "correct horse battery", "next": next_})

    assert response.status_code == 302
    assert response.location == target


def test_next_from_the_query_string_is_honoured_as_well(client, alice):
    response = client.post("/login?next=/u/alice", data={"login": "alice", "password": "correct horse battery"})

    assert response.location == "/u/alice"


def test_a_signed_in_user_visiting_login_goes_on_to_next(client, auth, alice):
    auth.login()

    assert client.get("/login?next=/u/alice").location == "/u/alice"
    assert client.get("/login?next=https://evil.example/").location == "/"


def test_an_outdated_password_hash_is_upgraded_on_login(app, client, auth, alice):
    with app.app_context():
        user = db.session.get(User, alice)
        user.password_hash = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1).hash("correct horse battery")
        db.session.commit()
        old = user.password_hash

    auth.login()

    with app.app_context():
        new = db.session.get(User, alice).password_hash
    assert new != old and f"m={TestingConfig.PASSWORD_HASH_PARAMS['memory_cost']}," in new
    assert is_logged_in(client)
