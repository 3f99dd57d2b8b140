"""Password reset: the same answer for every address, a single-use link that expires, other sessions end."""
from __future__ import annotations

import re

import pytest
from helpers import add_user, field_error, flashes, is_logged_in, link_path, mail_parts, shift_clock, soup, translated

from app.auth.passwords import verify_password
from app.extensions import db
from app.users.models import User

NEW_PASSWORD = "a brand new passphrase"
HOUR = 3600


@pytest.fixture
def alice(app) -> int:
    return add_user(app, "alice", email="alice@example.org", locale="en")


def reset_link(client, smtp_server, email: str = "alice@example.org") -> str:
    """Ask for a reset link for `email` through the form and return the path of the link that was mailed."""
    client.post("/reset-password", data={"email": email})
    return link_path(smtp_server.to(email)[-1], "/reset-password/")


def normalised(response, address: str) -> str:
    """The page with the echoed address and the per-request CSRF tokens blanked out."""
    body = response.get_data(as_text=True).replace(address, "ADDRESS")
    return re.sub(r'name="csrf_token" value="[^"]*"', 'name="csrf_token" value=""', body)


def test_known_and_unknown_addresses_get_the_same_answer_but_only_the_known_one_a_mail(
        app, client, smtp_server, alice):
    known = client.post("/reset-password", data={"email": "alice@example.org"})
    unknown = client.post("/reset-password", data={"email": "nobody@example.org"})

    assert known.status_code == unknown.status_code == 200
    assert known.headers["Content-Type"] == unknown.headers["Content-Type"]
    assert normalised(known, "alice@example.org") == normalised(unknown, "nobody@example.org")
    assert [rcpts for _, rcpts in smtp_server.envelopes] == [["alice@example.org"]]


def test_the_reset_mail_is_in_the_users_language_and_names_the_lifetime(app, client, smtp_server, alice):
    client.post("/reset-password", data={"email": "ALICE@example.org"})

    (message,) = smtp_server.messages
    text, html = mail_parts(message)
    assert message["Subject"] == translated(app, "en", "Reset your WerkSTADT password")
    assert soup(html).html["lang"] == "en"
    minutes = translated(app, "en", "The link works once and is valid for %(num)d minutes.", num=60)
    assert minutes in text


def test_a_deactivated_account_gets_no_mail(app, client, smtp_server):
    add_user(app, "alice", email="alice@example.org", is_active_account=False)

    response = client.post("/reset-password", data={"email": "alice@example.org"})

    assert response.status_code == 200
    assert smtp_server.messages == []


def test_the_link_lets_you_choose_a_password_and_logs_you_in(app, client, auth, smtp_server, alice):
    link = reset_link(client, smtp_server)
    assert client.get(link).status_code == 200

    response = client.post(link, data={"password": NEW_PASSWORD})

    assert response.status_code == 302 and response.location == "/"
    assert is_logged_in(client)
    auth.logout()
    assert auth.login().status_code == 200  # the old password no longer works
    assert auth.login(password=NEW_PASSWORD).status_code == 302


def test_the_link_works_only_once(app, client, smtp_server, alice):
    link = reset_link(client, smtp_server)
    client.post(link, data={"password": NEW_PASSWORD})

    again = client.get(link)  # alice is logged in now, and prefers English
    again_post = client.post(link, data={"password": "yet another passphrase"})

    assert again.status_code == again_post.status_code == 400
    assert translated(app, "en", "This link to reset your password has expired or has been used already.") \
        in soup(again).get_text(" ")
    assert soup(again).find("a", href="/reset-password")
    with app.app_context():
        assert verify_password(db.session.get(User, alice).password_hash, NEW_PASSWORD)


def test_an_older_link_dies_when_the_password_changes(client, smtp_server, alice):
    first = reset_link(client, smtp_server)
    second = reset_link(client, smtp_server)

    client.post(second, data={"password": NEW_PASSWORD})

    assert client.get(first).status_code == 400


@pytest.mark.parametrize(("age", "status"), [(HOUR - 60, 200), (HOUR + 1, 400)])
def test_the_link_expires_after_password_reset_max_age(app, client, smtp_server, monkeypatch, alice, age, status):
    assert app.config["PASSWORD_RESET_MAX_AGE"] == HOUR
    link = reset_link(client, smtp_server)
    shift_clock(monkeypatch, age)

    assert client.get(link).status_code == status
    response = client.post(link, data={"password": NEW_PASSWORD})

    assert (response.status_code == 302) is (status == 200)
    assert is_logged_in(client) is (status == 200)


def test_a_tampered_link_is_refused(client, smtp_server, alice):
    link = reset_link(client, smtp_server)
    head, _, signature = link.rpartition(".")
    bad = f"{head}.{'B' if signature[0] == 'A' else 'A'}{signature[1:]}"

    assert client.get(bad).status_code == 400
    assert client.post(bad, data={"password": NEW_PASSWORD}).status_code == 400
    assert not is_logged_in(client)


def test_a_too_short_new_password_is_refused_and_the_link_keeps_working(app, client, smtp_server, alice):
    link = reset_link(client, smtp_server)

    response = client.post(link, data={"password": "short"})

    assert response.status_code == 200
    assert field_error(response, "password")
    assert not is_logged_in(client)
    assert client.post(link, data={"password": NEW_PASSWORD}).status_code == 302


@pytest.mark.parametrize(("password", "msgid"), [
    ("hello alice, hello", "Your password must not contain your username or e-mail address: attackers try them "
                           "first. Please choose something unrelated to you."),
    ("Qwertyuiop123", "This is one of the most common passwords, which attackers try first. Please choose "
                      "another: a few unrelated words are hard to guess and easy to remember."),
])
def test_a_new_password_is_checked_against_the_accounts_own_name_and_the_common_list(
        app, client, smtp_server, alice, password, msgid):
    link = reset_link(client, smtp_server)

    response = client.post(link, data={"password": password})

    assert response.status_code == 200
    assert translated(app, "de", msgid) in field_error(response, "password")
    assert not is_logged_in(client)
    with app.app_context():
        assert not verify_password(db.session.get(User, alice).password_hash, password)


def test_a_reset_confirms_an_unconfirmed_address(app, client, smtp_server):
    uid = add_user(app, "nina", email="nina@example.org", confirmed=False)
    link = reset_link(client, smtp_server, "nina@example.org")

    client.post(link, data={"password": NEW_PASSWORD})

    with app.app_context():
        assert db.session.get(User, uid).is_confirmed
    assert is_logged_in(client)


def test_a_reset_ends_the_users_other_sessions(app, client, smtp_server, alice):
    other = app.test_client()
    other.post("/login", data={"login": "alice", "password": "correct horse battery", "remember": "y"})
    assert is_logged_in(other)

    link = reset_link(client, smtp_server)
    client.post(link, data={"password": NEW_PASSWORD})

    assert is_logged_in(client)
    assert not is_logged_in(other)
    other.delete_cookie("session")
    assert not is_logged_in(other), "the remember-me cookie must not bring the old session back"


def test_the_request_form_shows_errors_for_a_bad_address(app, client, smtp_server):
    response = client.post("/reset-password", data={"email": "not an address"})

    assert response.status_code == 200
    assert field_error(response, "email")
    assert soup(response).find(id="email")["value"] == "not an address"
    assert smtp_server.messages == []
    assert flashes(response) == ""
