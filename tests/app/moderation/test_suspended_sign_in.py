"""Suspended accounts: every open session and remember cookie ends at once, the login page tells the person why
and until when (only after the right password) and where to ask for their data, and they sign in again once the
suspension has passed."""
from __future__ import annotations

from datetime import timedelta

from factories import make_user
from helpers import page_text, soup
from sqlalchemy import select

from app.extensions import db
from app.models import utcnow
from app.moderation import sanctions
from app.moderation.models import SanctionKind
from app.users.models import Role, User

REASON = "Repeated spam in the forums."
ENGLISH = {"Accept-Language": "en"}


def _suspend(username: str = "alice", days: int = 3) -> None:
    moderator = db.session.execute(select(User).where(User.username == "mona")).scalar_one_or_none() \
        or make_user("mona", roles=(Role.MODERATOR,))
    target = db.session.execute(select(User).where(User.username == username)).scalar_one()
    sanctions.impose(moderator, target, SanctionKind.SUSPEND, ends_at=utcnow() + timedelta(days=days), reason=REASON)
    db.session.commit()


def _signed_in(client) -> bool:
    return client.get("/settings", headers=ENGLISH).status_code == 200


def test_suspending_ends_an_open_session_at_the_next_request(db, client, auth):
    make_user("alice", locale="en")
    auth.login()
    assert _signed_in(client)
    _suspend()
    assert not _signed_in(client)


def test_suspending_ends_a_remember_cookie(db, app, auth, client):
    make_user("alice", locale="en")
    auth.login(remember=True)
    cookie = client.get_cookie(app.config.get("REMEMBER_COOKIE_NAME", "remember_token"))
    assert cookie is not None
    fresh = app.test_client()  # a new browser session that only has the remember cookie
    fresh.set_cookie(cookie.key, cookie.value)
    assert _signed_in(fresh)
    _suspend()
    other = app.test_client()
    other.set_cookie(cookie.key, cookie.value)
    assert not _signed_in(other)


def test_a_session_of_a_suspended_account_ends_even_with_its_old_token(db, client, auth):
    """Belt and braces: an account whose suspension was set without a new token is not loaded either."""
    user = make_user("alice", locale="en")
    auth.login()
    user.suspended_until = utcnow() + timedelta(days=1)
    db.session.commit()
    assert not _signed_in(client)


def test_the_login_page_tells_a_suspended_person_why_after_the_right_password(db, client, auth):
    make_user("alice", locale="en")
    _suspend()
    response = client.post("/login", data={"login": "alice", "password": "correct horse battery"},
                           headers=ENGLISH)
    assert response.status_code == 200
    text = page_text(response)
    assert "Your account is suspended until" in text and REASON in text
    assert "You can still ask for a copy of your data or for your account to be deleted:" in text
    links = {a["href"] for a in soup(response).select(".notice-suspended a")}
    assert links == {"/pages/privacy", "/pages/imprint"}
    assert not _signed_in(client)


def test_a_wrong_password_reveals_nothing(db, client):
    make_user("alice", locale="en")
    _suspend()
    response = client.post("/login", data={"login": "alice", "password": "wrong password!"}, headers=ENGLISH)
    text = page_text(response)
    assert "suspended" not in text and REASON not in text
    assert "The e-mail address, username or password is not right." in text


def test_the_reason_comes_in_the_persons_language(db, client):
    make_user("alice", locale="de")
    _suspend()
    response = client.post("/login", data={"login": "alice", "password": "correct horse battery"},
                           headers=ENGLISH)
    assert "Ihr Konto ist bis" in page_text(response) and "gesperrt: " + REASON in page_text(response)
    assert soup(response).select_one(".notice-suspended")["lang"] == "de"


def test_the_latest_suspension_is_shown(db, client):
    make_user("alice", locale="en")
    _suspend(days=2)
    moderator = db.session.execute(select(User).where(User.username == "mona")).scalar_one()
    target = db.session.execute(select(User).where(User.username == "alice")).scalar_one()
    sanctions.impose(moderator, target, SanctionKind.SUSPEND, ends_at=utcnow() + timedelta(days=9),
                     reason="Threats against a member.")
    db.session.commit()
    text = page_text(client.post("/login", data={"login": "alice", "password": "correct horse battery"},
                                 headers=ENGLISH))
    assert "Threats against a member." in text and REASON not in text


def test_after_the_suspension_the_person_signs_in_again(db, client, auth, monkeypatch):
    import app.users.models as user_models

    make_user("alice", locale="en")
    _suspend(days=3)
    assert auth.login().status_code == 200
    later = utcnow() + timedelta(days=3, minutes=1)
    monkeypatch.setattr(user_models, "utcnow", lambda: later)
    assert auth.login().status_code == 302
    assert _signed_in(client)
