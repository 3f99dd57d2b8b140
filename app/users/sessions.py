"""The browsers signed in to an account: started at login, seen on each request (the time kept to the minute or
so), ended at logout, from /settings/sessions, by a new password and by a suspension.

Each UserSession is named in its browser's cookie by its key (User.get_id: "<id>:<session token>:<key>"); the
loader (app.auth.session) reads the account and its session in one statement and lets only a session that still
exists in. What is kept of the browser: its user-agent text (to name it: "Firefox on Linux") and its address cut
to the network (IPv4 /24, IPv6 /48), never the whole address; a session unseen for REMEMBER_COOKIE_DURATION goes
at the next login of its account.
"""
from __future__ import annotations

import ipaddress
from datetime import timedelta

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, select, update

from app.extensions import db
from app.models import utcnow
from app.unit_of_work import use_case
from app.users.models import User, UserSession

SEEN_EVERY = timedelta(minutes=5)  # how stale last_seen_at may get before a request writes it again
BROWSERS = (("Edg/", "Edge"), ("OPR/", "Opera"), ("Firefox/", "Firefox"), ("Chromium/", "Chromium"),
            ("Chrome/", "Chrome"), ("Safari/", "Safari"))  # the first that the user-agent text holds
SYSTEMS = (("Android", "Android"), ("iPhone", "iOS"), ("iPad", "iPadOS"), ("Windows", "Windows"),
           ("Mac OS X", "macOS"), ("CrOS", "ChromeOS"), ("Linux", "Linux"))


def network_of(address: str | None) -> str:
    """The network an address belongs to, as kept: "203.0.113.0/24", "2001:db8:1::/48"; "" when unknown."""
    try:
        ip = ipaddress.ip_address((address or "").strip())
    except ValueError:
        return ""
    prefix = 24 if ip.version == 4 else 48
    return str(ipaddress.ip_network(f"{ip}/{prefix}", strict=False))


def browser_of(user_agent: str) -> str:
    """A name for the browser of a user-agent text ("Firefox on Linux"), translated; a general one when unknown."""
    browser = next((name for mark, name in BROWSERS if mark in user_agent), None)
    system = next((name for mark, name in SYSTEMS if mark in user_agent), None)
    if browser and system:
        return str(_l("%(browser)s on %(system)s", browser=browser, system=system))
    return browser or system or str(_l("Unknown browser"))


@use_case
def start(user: User, *, user_agent: str, address: str | None) -> UserSession:
    """A new session of `user` for this browser (its key on `user.session_key`, for the login that follows);
    sessions of the account unseen for longer than a remembered login lasts go. Commits."""
    stale = utcnow() - timedelta(seconds=current_app.config["REMEMBER_COOKIE_DURATION"])
    db.session.execute(delete(UserSession).where(UserSession.user_id == user.id, UserSession.last_seen_at < stale))
    session = UserSession(user_id=user.id, user_agent=(user_agent or "")[:255], network=network_of(address))
    db.session.add(session)
    db.session.flush()
    user.session_key = session.key
    return session


@use_case
def seen(session_id: int) -> None:
    """Note that the session was used now (callers do so at most every SEEN_EVERY). Commits."""
    db.session.execute(update(UserSession).where(UserSession.id == session_id).values(last_seen_at=utcnow()))


def of(user: User) -> list[UserSession]:
    """The sessions of `user`, the most recently seen first."""
    return list(db.session.execute(select(UserSession).where(UserSession.user_id == user.id)
                                   .order_by(UserSession.last_seen_at.desc(), UserSession.id.desc())).scalars())


@use_case
def end(user: User, session_id: int) -> bool:
    """End the session `session_id` of `user` (its browser is signed out at its next request). False when `user`
    has no such session. Commits."""
    return bool(db.session.execute(delete(UserSession).where(
        UserSession.id == session_id, UserSession.user_id == user.id)).rowcount)


@use_case
def end_others(user: User) -> int:
    """End every session of `user` but the current one (user.session_key); how many ended. Commits."""
    return end_all(user, keep=user.session_key)


def end_all(user: User, *, keep: str | None = None) -> int:
    """End every session of `user` but `keep` (a key), within the caller's use case (a new password, a
    suspension); how many ended."""
    statement = delete(UserSession).where(UserSession.user_id == user.id)
    if keep:
        statement = statement.where(UserSession.key != keep)
    return db.session.execute(statement).rowcount


@use_case
def sign_out(user: User) -> None:
    """End the current session of `user` (user.session_key): logging out. Commits."""
    db.session.execute(delete(UserSession).where(UserSession.user_id == user.id,
                                                 UserSession.key == user.session_key))
