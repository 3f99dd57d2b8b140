"""/settings/sessions and app.users.sessions: every browser signed in to an account, seen, listed and ended."""
from __future__ import annotations

from datetime import timedelta

import pytest
from factories import PASSWORD
from helpers import add_user, is_logged_in, soup, translated
from sqlalchemy import func, select

from app.extensions import db
from app.models import utcnow
from app.users import sessions
from app.users.models import User, UserSession
from app.users.sessions import browser_of, network_of

FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"
CHROME = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36"
SAFARI = ("Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
          "Version/18.1 Mobile/15E148 Safari/604.1")


@pytest.fixture
def alice(app) -> int:
    return add_user(app, "alice", email="alice@example.org", locale="en")


def browser(app, user_agent: str = FIREFOX, address: str = "203.0.113.77", *, remember: bool = False,
            username: str = "alice"):
    """A browser that logs in as `username` with this user-agent from this address."""
    client = app.test_client()
    client.environ_base.update({"HTTP_USER_AGENT": user_agent, "REMOTE_ADDR": address})
    data = {"login": username, "password": PASSWORD}
    if remember:
        data["remember"] = "y"
    assert client.post("/login", data=data).status_code == 302
    return client


def rows(app, uid: int) -> list[tuple[str, str]]:
    with app.app_context():
        return [(row.user_agent, row.network) for row in db.session.execute(
            select(UserSession).where(UserSession.user_id == uid).order_by(UserSession.id)).scalars()]


def session_ids(app, uid: int) -> list[int]:
    with app.app_context():
        return list(db.session.execute(select(UserSession.id).where(UserSession.user_id == uid)
                                       .order_by(UserSession.id)).scalars())


# --- what is kept and how it is named ---------------------------------------------------------------------

@pytest.mark.parametrize(("address", "network"), [
    ("203.0.113.77", "203.0.113.0/24"), ("2001:db8:1:2::5", "2001:db8:1::/48"), ("", ""), ("not an address", ""),
    (None, ""),
])
def test_only_the_network_of_an_address_is_kept(address, network):
    assert network_of(address) == network


@pytest.mark.parametrize(("user_agent", "name"), [
    (FIREFOX, "Firefox on Linux"), (CHROME, "Chrome on Windows"), (SAFARI, "Safari on iOS"),
    ("Mozilla/5.0 (Windows NT 10.0) AppleWebKit/537.36 Chrome/131.0 Safari/537.36 Edg/131.0", "Edge on Windows"),
    ("Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 Chrome/131.0 Mobile Safari/537.36", "Chrome on Android"),
    ("curl/8.5.0", "Unknown browser"), ("", "Unknown browser"),
])
def test_a_browser_is_named_by_its_user_agent(app, user_agent, name):
    with app.test_request_context(headers={"Accept-Language": "en"}):
        assert browser_of(user_agent) == name


def test_a_login_starts_a_session_with_the_browser_and_the_network(app, alice):
    browser(app, FIREFOX, "203.0.113.77")
    browser(app, CHROME, "2001:db8:1:2::5")

    assert rows(app, alice) == [(FIREFOX, "203.0.113.0/24"), (CHROME, "2001:db8:1::/48")]


# --- the page ------------------------------------------------------------------------------------------

def test_the_page_lists_every_session_and_marks_this_browser(app, alice):
    mine = browser(app, FIREFOX)
    browser(app, CHROME, "198.51.100.9")

    page = soup(mine.get("/settings/sessions"))

    blocks = page.select("li.session")
    assert [block.find("h3").get_text(" ", strip=True) for block in blocks] == [
        "Chrome on Windows", "Firefox on Linux This browser"]  # the last seen first: the other one logged in later
    assert "198.51.100.0/24" in blocks[0].get_text() and "203.0.113.0/24" in blocks[1].get_text()
    assert blocks[0].find("button") is not None and blocks[1].find("button") is None  # no button for this one
    assert page.find("button", string=translated(app, "en", "Log out everywhere else")) is not None


def test_ending_a_session_logs_that_browser_out_and_keeps_this_one(app, alice):
    mine, other = browser(app, FIREFOX), browser(app, CHROME)
    _, theirs = session_ids(app, alice)

    response = mine.post(f"/settings/sessions/{theirs}/end")

    assert response.status_code == 302 and response.location == "/settings/sessions"
    assert not is_logged_in(other)
    assert is_logged_in(mine)
    assert len(session_ids(app, alice)) == 1


def test_a_remembered_browser_stays_out_once_its_session_ended(app, alice):
    mine, remembered = browser(app, FIREFOX), browser(app, CHROME, remember=True)
    remembered.delete_cookie("session")  # only the remember-me cookie is left
    assert is_logged_in(remembered)
    _, theirs = session_ids(app, alice)

    mine.post(f"/settings/sessions/{theirs}/end")

    assert not is_logged_in(remembered)


def test_ending_every_other_session_keeps_only_this_one(app, alice):
    mine, second, third = browser(app), browser(app, CHROME), browser(app, SAFARI)

    response = mine.post("/settings/sessions/end-others", headers={"Accept-Language": "en"})

    assert response.status_code == 302
    assert not is_logged_in(second) and not is_logged_in(third)
    assert is_logged_in(mine)
    assert rows(app, alice) == [(FIREFOX, "203.0.113.0/24")]


def test_someone_elses_session_is_not_found_and_stays(app, alice):
    add_user(app, "bob", email="bob@example.org")
    bobs_browser = browser(app, CHROME, username="bob")
    mine = browser(app)
    with app.app_context():
        bob = db.session.execute(select(User.id).where(User.username == "bob")).scalar_one()
    (bobs,) = session_ids(app, bob)

    assert mine.post(f"/settings/sessions/{bobs}/end").status_code == 404
    assert mine.post("/settings/sessions/999999/end").status_code == 404
    assert is_logged_in(bobs_browser)
    assert session_ids(app, bob) == [bobs]


def test_a_visitor_is_sent_to_log_in_and_nothing_ends(app, client, alice):
    browser(app)
    (only,) = session_ids(app, alice)

    assert client.get("/settings/sessions").location.startswith("/login")
    assert client.post(f"/settings/sessions/{only}/end").location.startswith("/login")
    assert client.post("/settings/sessions/end-others").location.startswith("/login")
    assert session_ids(app, alice) == [only]


# --- what else ends sessions ---------------------------------------------------------------------------

def test_logging_out_ends_this_browsers_session_only(app, alice):
    mine, other = browser(app), browser(app, CHROME)

    mine.post("/logout")

    assert rows(app, alice) == [(CHROME, "203.0.113.0/24")]
    assert is_logged_in(other)


def test_a_new_password_ends_every_other_session_and_keeps_this_one(app, alice):
    mine, other = browser(app), browser(app, CHROME)

    mine.post("/settings/password", data={"current_password": PASSWORD, "new_password": "a brand new passphrase"})

    assert rows(app, alice) == [(FIREFOX, "203.0.113.0/24")]
    assert is_logged_in(mine) and not is_logged_in(other)


def test_a_suspension_ends_every_session(app, alice):
    from app.moderation.sanctions import impose
    from app.users.models import Role

    browser(app)
    with app.app_context():
        moderator = db.session.get(User, add_user(app, "mod", roles=(Role.MODERATOR,)))
        impose(moderator, db.session.get(User, alice), "suspend", reason="Spam", ends_at=utcnow() + timedelta(days=3))
        db.session.commit()  # impose is a step: the moderation decision that calls it commits

    assert session_ids(app, alice) == []


def test_a_session_is_seen_again_once_its_last_sighting_is_old(app, alice, monkeypatch):
    mine = browser(app)
    with app.app_context():
        first = db.session.execute(select(UserSession.last_seen_at)).scalar_one()
    mine.get("/settings")
    with app.app_context():
        assert db.session.execute(select(UserSession.last_seen_at)).scalar_one() == first  # not written again yet

    later = utcnow() + sessions.SEEN_EVERY + timedelta(seconds=5)
    monkeypatch.setattr("app.auth.session.utcnow", lambda: later)
    monkeypatch.setattr("app.users.sessions.utcnow", lambda: later)
    mine.get("/settings")

    with app.app_context():
        assert db.session.execute(select(UserSession.last_seen_at)).scalar_one() == later


def test_sessions_unused_for_longer_than_a_remembered_login_go_at_the_next_login(app, alice, monkeypatch):
    browser(app, CHROME)
    later = utcnow() + timedelta(seconds=app.config["REMEMBER_COOKIE_DURATION"] + 60)
    monkeypatch.setattr("app.users.sessions.utcnow", lambda: later)

    browser(app, FIREFOX)

    assert rows(app, alice) == [(FIREFOX, "203.0.113.0/24")]
    with app.app_context():
        assert db.session.execute(select(func.count()).select_from(UserSession)).scalar_one() == 1
