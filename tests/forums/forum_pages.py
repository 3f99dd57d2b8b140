"""Shared set-up for the forum page tests: a small forum, reloading rows, logging in, and the page outline."""
from __future__ import annotations

import re
from dataclasses import dataclass

from factories import make_category, make_thread, make_user
from helpers import soup

from sqlalchemy import select

from app.extensions import db
from app.users.models import Role
from forums.models import Post

ENGLISH = {"Accept-Language": "en"}


@dataclass
class Forum:
    """Ids of: members alice, bob and carol, a moderator, an administrator (all reading English),
    the category "mobility" and alice's thread in it."""

    alice: int
    bob: int
    carol: int
    mod: int
    admin: int
    category: int
    thread: int
    opening: int


def build_forum() -> Forum:
    users = {name: make_user(name, locale="en", display_name=name.capitalize())
             for name in ("alice", "bob", "carol")}
    mod = make_user("mod", roles=(Role.MODERATOR,), locale="en", display_name="Moderator Max")
    admin = make_user("admin", roles=(Role.ADMIN,), locale="en", display_name="Admin Ada")
    category = make_category("mobility", name="Mobility", color="#1d6b2f")
    thread = make_thread(users["alice"], category, title="Bike lanes downtown",
                         body="Where do we need **bike lanes**?")
    first = db.session.execute(select(Post.id).where(Post.thread_id == thread.id, Post.number == 1)).scalar_one()
    return Forum(users["alice"].id, users["bob"].id, users["carol"].id, mod.id, admin.id, category.id, thread.id,
                 first)


def reload(model, ident):
    """A fresh copy of a row, as the requests left it (ends the test's transaction first)."""
    db.session.rollback()
    return db.session.get(model, ident)


def login(client, username: str) -> None:
    response = client.post("/login", data={"login": username, "password": "correct horse battery"})
    assert response.status_code == 302, f"{username} could not log in"


def heading_levels(response) -> list[int]:
    return [int(tag.name[1]) for tag in soup(response).find_all(re.compile(r"^h[1-6]$"))]


def assert_outline(response) -> None:
    """One h1, first; no heading more than one level below the one before it."""
    levels = heading_levels(response)
    assert levels and levels[0] == 1 and levels.count(1) == 1, levels
    for before, after in zip(levels, levels[1:]):
        assert after <= before + 1, f"heading level skipped: {levels}"


def assert_novalidate(response) -> None:
    """Every form with fields to fill in leaves checking to the server (`novalidate`), so errors look the same."""
    for form in soup(response).find_all("form"):
        if form.find(["textarea", "select"]) or form.find("input", attrs={"type": "text"}):
            assert form.has_attr("novalidate"), form.get("action")
