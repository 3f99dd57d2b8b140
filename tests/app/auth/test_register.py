"""Registering through /register: the account, the confirmation e-mail over SMTP, and form errors."""
from __future__ import annotations

import unicodedata

import pytest
from helpers import add_user, field_error, link_path, mail_parts, soup, summary_links, translated
from sqlalchemy import select

from app.extensions import db
from app.users.models import Role, User

FIELDS = ("username", "display_name", "email", "password")
VALID = {"username": "newuser", "display_name": "Nina Neu", "email": "nina@example.org",
         "password": "long enough secret"}


def register(client, **changes):
    return client.post("/register", data={**VALID, **changes})


def stored_user(app, username: str = "newuser") -> dict | None:
    with app.app_context():
        user = db.session.execute(select(User).where(User.username == username)).scalar_one_or_none()
        if user is None:
            return None
        return {"email": user.email, "display_name": user.display_name, "locale": user.locale,
                "confirmed": user.is_confirmed, "roles": user.role_names}


def test_register_creates_an_unconfirmed_member_and_mails_a_confirmation_link(app, client, smtp_server):
    response = register(client)

    assert response.status_code == 200
    assert translated(app, "de", "Check your e-mail") == soup(response).h1.get_text(strip=True)
    assert stored_user(app) == {"email": "nina@example.org", "display_name": "Nina Neu", "locale": "de",
                                "confirmed": False, "roles": {Role.MEMBER}}
    assert [rcpts for _, rcpts in smtp_server.envelopes] == [["nina@example.org"]]
    message = smtp_server.messages[0]
    assert message["To"] == "nina@example.org"
    text, html = mail_parts(message)
    assert "Nina Neu" in text and "Nina Neu" in html
    assert link_path(message, "/confirm/")


def test_username_and_email_are_stored_lower_case(app, client, smtp_server):
    response = register(client, username="  NewUser ", email="Nina@Example.ORG")

    assert response.status_code == 200
    assert stored_user(app)["email"] == "nina@example.org"
    assert client.get("/u/newuser").status_code == 200
    assert smtp_server.to("nina@example.org")


@pytest.mark.parametrize(("locale", "typed", "stored"), [
    ("tr", "IŞIK_Ayşe", "ışık_ayşe"),   # Turkish rules: I -> ı
    ("de", "IŞIK_Ayşe", "işik_ayşe"),   # elsewhere I is i
    ("en", "İlker", "ilker"),           # a dotted capital İ is a plain i, never i and a combining dot
    ("ar", "مُحَمَّد_علي", "مُحَمَّد_علي"),  # Arabic with its vowel signs, kept as typed
])
def test_usernames_are_lower_cased_by_the_rules_of_the_page_language(app, client, smtp_server, locale, typed,
                                                                      stored):
    client.post("/language", data={"locale": locale})

    register(client, username=typed)

    assert stored_user(app, stored) is not None
    assert client.get(f"/u/{stored}").status_code == 200


def test_spellings_of_a_taken_name_are_taken_too(app, client, smtp_server):
    add_user(app, "ılker", email="ilker@example.org")
    add_user(app, "أحمد", email="ahmad@example.org")

    for name in ("İLKER", "ilker", "احمد", "أَحْمَد"):
        response = register(client, username=name, email=f"{len(name)}x@example.org")
        assert field_error(response, "username"), name
    assert stored_user(app, "ilker") is None and stored_user(app, "احمد") is None


@pytest.mark.parametrize(("headers", "switch_to", "locale"), [
    ({}, None, "de"),                                   # German by default
    ({"Accept-Language": "en-GB,en;q=0.9"}, None, "en"),  # the browser's language
    ({"Accept-Language": "en"}, "de", "de"),            # a chosen language beats the browser's
    ({}, "en", "en"),                                   # switched before registering
    ({"Accept-Language": "tr-TR,tr;q=0.9"}, None, "tr"),  # Turkish
    ({}, "ar", "ar"),                                   # Arabic, right to left
])
def test_confirmation_mail_is_in_the_visitors_language(app, client, smtp_server, headers, switch_to, locale):
    client.environ_base.update({f"HTTP_{k.upper().replace('-', '_')}": v for k, v in headers.items()})
    if switch_to:
        client.post("/language", data={"locale": switch_to})

    register(client)

    assert stored_user(app)["locale"] == locale
    (message,) = smtp_server.messages
    text, html = mail_parts(message)
    assert message["Subject"] == translated(app, locale, "Please confirm your e-mail address for WerkSTADT")
    assert translated(app, locale, "please confirm your e-mail address by opening this link:") in text
    assert soup(html).html["lang"] == locale
    assert soup(html).html["dir"] == ("rtl" if locale == "ar" else "ltr")


def test_invalid_input_is_shown_again_with_every_error_tied_to_its_field(app, client, smtp_server):
    typed = {"username": "no spaces!", "display_name": "N" * 51, "email": "not-an-address",
             "password": "short"}

    response = client.post("/register", data=typed)

    assert response.status_code == 200
    page = soup(response)
    assert page.find(id="username")["value"] == typed["username"]
    assert page.find(id="display_name")["value"] == typed["display_name"]
    assert page.find(id="email")["value"] == typed["email"]
    assert page.find(id="password")["value"] == ""  # a password is never sent back
    for name in FIELDS:
        assert field_error(response, name), f"no error shown next to {name}"
    assert summary_links(response) == list(FIELDS)
    assert stored_user(app, "no spaces!") is None
    assert smtp_server.messages == []


@pytest.mark.parametrize(("field", "value", "msgid", "variables"), [
    ("username", "ab", "Please use between %(min)d and %(max)d characters.", {"min": 3, "max": 30}),
    ("username", "nina-neu", "Please use only letters, digits and underscores (no spaces or punctuation).", {}),
    ("username", "2026", "Please use at least one letter: a name of only digits and underscores reads like a "
                         "number.", {}),
    ("username", "1_2_3", "Please use at least one letter: a name of only digits and underscores reads like a "
                          "number.", {}),
    ("username", "Settings", "This word is used by the site itself. Please choose another username.", {}),
    ("username", "ideas", "This word is used by the site itself. Please choose another username.", {}),
    ("username", "ＡＤＭＩＮ", "This word is used by the site itself. Please choose another username.", {}),
    ("username", "pаypal", "Please write your username in one alphabet: mixing alphabets (such as Latin and "
                           "Cyrillic letters that look alike) makes it look like someone else's name.", {}),
    ("display_name", "   ", "Please fill in this field.", {}),
    ("email", "nina@", "Please enter an e-mail address like name@example.org.", {}),
    ("password", "12345678901", "Your password needs at least %(min)d characters; it has %(num)d. A few unrelated "
                                "words make a long password that is easy to remember.", {"min": 12, "num": 11}),
    ("password", "Qwertyuiop123", "This is one of the most common passwords, which attackers try first. Please "
                                  "choose another: a few unrelated words are hard to guess and easy to remember.", {}),
    ("password", "my NINA@example.org!", "Your password must not contain your username or e-mail address: attackers "
                                         "try them first. Please choose something unrelated to you.", {}),
    ("password", "ninas own password", "Your password must not contain your username or e-mail address: attackers "
                                       "try them first. Please choose something unrelated to you.", {}),
    ("password", "a pass\x00word with NUL", "This text contains a control character (such as NUL), which cannot be "
                                            "shown. Please type it again or paste it as plain text.", {}),
])
def test_one_bad_field_gets_one_clear_error(app, client, smtp_server, field, value, msgid, variables):
    response = register(client, **{field: value})

    assert response.status_code == 200
    assert field_error(response, field) == translated(app, "de", "Error:") + " " + translated(
        app, "de", msgid, **variables)
    assert [name for name in FIELDS if field_error(response, name)] == [field]
    assert summary_links(response) == [field]
    assert stored_user(app) is None
    assert smtp_server.messages == []


@pytest.mark.parametrize(("field", "value", "msgid"), [
    ("username", "Alice", "This username is taken. Please choose another."),
    ("username", "ＡＬＩＣＥ", "This username is taken. Please choose another."),
    ("email", "ALICE@example.org", "An account with this e-mail address exists already. "
                                   "You can log in or reset your password."),
])
def test_a_taken_username_or_email_is_refused_clearly(app, client, smtp_server, field, value, msgid):
    add_user(app, "alice", email="alice@example.org")

    response = register(client, **{field: value})

    assert response.status_code == 200
    assert translated(app, "de", msgid) in field_error(response, field)
    assert soup(response).find(id=field)["value"] == unicodedata.normalize("NFKC", value).lower()  # as stored
    with app.app_context():
        assert db.session.execute(select(db.func.count(User.id))).scalar_one() == 1
    assert smtp_server.messages == []


def test_an_address_waiting_for_confirmation_elsewhere_is_taken(app, client, smtp_server):
    add_user(app, "alice", pending_email="nina@example.org")

    response = register(client)

    assert field_error(response, "email")
    assert stored_user(app) is None


def test_a_signed_in_user_is_sent_home_instead_of_registering(app, client, auth, smtp_server):
    add_user(app, "alice")
    auth.login()

    response = register(client)

    assert response.status_code == 302 and response.location == "/"
    assert stored_user(app) is None


def test_registration_still_succeeds_when_the_mail_server_is_down(app, client, caplog):
    """The e-mail is a job that runs after the response: its failure is logged, the page is not affected."""
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=1, MAIL_TIMEOUT=2)  # nothing listens on port 1

    response = register(client)

    assert response.status_code == 200
    assert translated(app, "de", "Check your e-mail") in soup(response).get_text(" ")
    assert stored_user(app) is not None
    assert "job app.auth.emails:send_account_email failed" in caplog.text
    assert "Connection refused" in caplog.text
