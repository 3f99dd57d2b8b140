"""The demo accounts of `flask demo load`: one of every role, password DEMO_PASSWORD, German and English.

Each account joined some time ago (`User.created_at` moved back), as a platform's regulars did: their ideas and
supports are weeks old, their reports count as established members' (app.moderation.intake), and support
integrity (voting.integrity) does not mistake the demo's members for accounts made on one day.
"""
from __future__ import annotations

from datetime import timedelta
from functools import cache

from app.extensions import db
from app.models import utcnow
from app.users.models import Role
from app.auth.passwords import hash_password
from app.users.models import User
from app.users.services import create_user, find_by_email, find_by_username

DEMO_PASSWORD = "werkstadt-demo"
DEMO_USERS = (
    ("admin@example.org", "admin", "Ada Admin", (Role.ADMIN,), "de"),
    ("staff@example.org", "stadt", "Sven Stadtverwaltung", (Role.CITY_STAFF,), "de"),
    ("moderator@example.org", "moderator", "Mira Moderation", (Role.MODERATOR,), "de"),
    # A second moderator: an appeal goes to someone other than the one who decided (demo/moderation.py).
    ("moderator-en@example.org", "moderator_en", "Milo Moderator", (Role.MODERATOR,), "en"),
    ("member@example.org", "mitglied", "Max Mitglied", (), "de"),
    ("member-en@example.org", "member", "Meg Member", (), "en"),
)
JOINED_DAYS_AGO = {"admin": 420, "stadt": 400, "moderator": 350, "moderator_en": 300, "mitglied": 240, "member": 150}


@cache
def demo_password_hash() -> str:
    """DEMO_PASSWORD hashed once per process; every demo account shares it (a hash takes half a second on purpose)."""
    return hash_password(DEMO_PASSWORD)


def create_demo_account(username: str, display_name: str, locale: str, **fields) -> User:
    """A confirmed account with the demo password and the e-mail address <username>@example.org unless `email`
    is given; `fields` as create_user takes them (roles, established)."""
    fields.setdefault("email", f"{username}@example.org")
    return create_user(username=username, display_name=display_name, locale=locale, confirmed=True,
                       password_hash=demo_password_hash(), **fields)


def load() -> list[str]:
    """Create the demo accounts that are missing; returns the logins to print."""
    lines = ["Demo logins:"]
    for email, username, name, roles, locale in DEMO_USERS:
        if find_by_email(email) is None:
            user = create_demo_account(username, name, locale, email=email, roles=roles, established=True)
            joined(user, JOINED_DAYS_AGO[username])
        role_text = ", ".join(r.value for r in roles) or "member"
        lines.append(f"  {email:<24} password {DEMO_PASSWORD}   ({role_text})")
    return lines


def add_accounts(accounts) -> int:
    """Create the plain member accounts `(username, display name, locale, days since joining)` that are missing,
    each with the e-mail address <username>@example.org and DEMO_PASSWORD; returns how many were created."""
    created = 0
    for username, name, locale, days in accounts:
        if find_by_email(f"{username}@example.org") is None and find_by_username(username) is None:
            user = create_demo_account(username, name, locale, established=True)
            joined(user, days)
            created += 1
    return created


def joined(user, days_ago: float) -> None:
    """Let `user` have joined `days_ago` days ago (their e-mail address confirmed the same day); commits."""
    user.created_at = user.email_confirmed_at = utcnow() - timedelta(days=days_ago)
    db.session.commit()
