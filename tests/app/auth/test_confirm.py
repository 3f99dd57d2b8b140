"""Confirming an e-mail address with the link from the mail; unconfirmed accounts cannot log in."""
from __future__ import annotations

import pytest
from helpers import add_user, field_error, flashes, is_logged_in, link_path, shift_clock, soup, translated

from app.extensions import db
from app.users.models import User

INVALID = "This confirmation link is invalid or has expired. You can ask for a new one."
CONFIRMED = "Thank you, your e-mail address is confirmed."
DAY = 24 * 3600


@pytest.fixture
def registered(client, smtp_server):
    """Register "nina" through the form; return the path of the confirmation link she was sent."""
    client.post("/register", data={"username": "nina", "display_name": "Nina", "email": "nina@example.org",
                                   "password": "long enough secret"})
    (message,) = smtp_server.to("nina@example.org")
    return link_path(message, "/confirm/")


def confirmed_at(app, username: str = "nina"):
    with app.app_context():
        return db.session.execute(db.select(User.email_confirmed_at).where(User.username == username)).scalar_one()


def test_the_link_confirms_the_account_and_signs_in_the_browser_that_registered(app, client, registered):
    assert confirmed_at(app) is None

    response = client.get(registered, follow_redirects=True)

    assert response.request.path == "/"
    assert translated(app, "de", CONFIRMED) in flashes(response)
    assert translated(app, "de", "Welcome, %(name)s: you are logged in.", name="Nina") in flashes(response)
    assert confirmed_at(app) is not None and is_logged_in(client)


def test_the_link_opened_elsewhere_confirms_and_leads_to_the_login_form(app, registered):
    elsewhere = app.test_client()  # another device, or a mail scanner following the link

    response = elsewhere.get(registered, follow_redirects=True)

    assert response.request.path == "/login" and not is_logged_in(elsewhere)
    assert translated(app, "de", CONFIRMED) in flashes(response)
    assert confirmed_at(app) is not None
    elsewhere.post("/login", data={"login": "nina", "password": "long enough secret"})
    assert is_logged_in(elsewhere)


def test_a_second_use_of_the_link_is_harmless(app, client, registered):
    client.get(registered)
    first = confirmed_at(app)
    client.post("/logout")

    response = client.get(registered, follow_redirects=True)

    assert response.status_code == 200 and response.request.path == "/login"  # signed in only the first time
    assert translated(app, "de", INVALID) not in flashes(response) and not is_logged_in(client)
    assert confirmed_at(app) == first


def tampered(path: str) -> str:
    """The path with the first character of the signature changed (it always changes the decoded bytes)."""
    head, _, signature = path.rpartition(".")
    return f"{head}.{'B' if signature[0] == 'A' else 'A'}{signature[1:]}"


@pytest.mark.parametrize("make_bad", [
    tampered,
    lambda path: "/confirm/" + "x" * 40,
    lambda path: path.replace("/confirm/", "/confirm/a"),
], ids=["changed-signature", "garbage", "changed-payload"])
def test_a_tampered_link_is_refused_with_a_clear_message(app, client, registered, make_bad):
    response = client.get(make_bad(registered), follow_redirects=True)

    assert response.request.path == "/confirm"  # the page that sends a new link
    assert translated(app, "de", INVALID) in flashes(response)
    assert confirmed_at(app) is None


@pytest.mark.parametrize(("age", "works"), [(3 * DAY - 60, True), (3 * DAY + 1, False)])
def test_the_link_expires_after_email_confirm_max_age(app, client, registered, monkeypatch, age, works):
    assert app.config["EMAIL_CONFIRM_MAX_AGE"] == 3 * DAY
    shift_clock(monkeypatch, age)

    response = client.get(registered, follow_redirects=True)

    assert (confirmed_at(app) is not None) is works
    assert (translated(app, "de", INVALID) in flashes(response)) is not works


def test_a_shorter_configured_lifetime_is_honoured(app, client, registered, monkeypatch):
    monkeypatch.setitem(app.config, "EMAIL_CONFIRM_MAX_AGE", 60)
    shift_clock(monkeypatch, 61)

    client.get(registered)

    assert confirmed_at(app) is None


def test_an_unconfirmed_user_cannot_log_in_and_is_offered_a_new_link(app, client, auth, registered):
    response = auth.login("nina", "long enough secret")

    assert response.status_code == 200
    message = translated(app, "de", "Please confirm your e-mail address first: follow the link we sent you.")
    assert message in field_error(response, "login")
    assert soup(response).find("a", href="/confirm"), "no link to ask for a new confirmation e-mail"
    assert not is_logged_in(client)


def test_asking_for_a_new_link_sends_one_that_works(app, client, smtp_server, registered):
    response = client.post("/confirm", data={"email": "Nina@example.org"})

    assert response.status_code == 302
    first, second = smtp_server.to("nina@example.org")
    new_link = link_path(second, "/confirm/")
    client.get(new_link)
    assert confirmed_at(app) is not None


@pytest.mark.parametrize("email", ["nobody@example.org", "alice@example.org"])
def test_no_new_link_for_unknown_or_already_confirmed_addresses(app, client, smtp_server, email):
    add_user(app, "alice", email="alice@example.org")

    response = client.post("/confirm", data={"email": email}, follow_redirects=True)

    assert translated(app, "de", "If an unconfirmed account uses this address, we have sent it a new link.") \
        in flashes(response)
    assert smtp_server.messages == []


def test_a_link_for_an_address_the_user_no_longer_has_is_refused(app, client, registered):
    with app.app_context():
        user = db.session.execute(db.select(User).where(User.username == "nina")).scalar_one()
        user.email = "nina@elsewhere.example"
        db.session.commit()

    response = client.get(registered, follow_redirects=True)

    assert translated(app, "de", INVALID) in flashes(response)
    assert confirmed_at(app) is None
