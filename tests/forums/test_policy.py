"""Who may do what in the forums: every role against every action, each cell asserted."""
from __future__ import annotations

from datetime import timedelta

import pytest
from factories import make_category, make_discussion, make_reply, make_thread, make_user
from flask_login import AnonymousUserMixin
from snapshots import loaded_once
from sqlalchemy import select

from app.extensions import db
from app.models import utcnow
from app.users.models import Role, User
from forums import policy
from forums.models import ForumCategory, Post, Thread

ROLES = ("anonymous", "member", "unconfirmed", "author", "moderator", "admin")

# action: allowed for anonymous, member, unconfirmed member, author, moderator, admin
MATRIX = {
    "read":                      (True, True, True, True, True, True),
    "create thread":             (False, True, False, True, True, True),
    "reply":                     (False, True, False, True, True, True),
    "reply in a locked thread":  (False, False, False, False, True, True),
    "edit":                      (False, False, False, True, True, True),
    "edit in a locked thread":   (False, False, False, False, True, True),
    "delete":                    (False, False, False, True, True, True),
    "delete in a locked thread": (False, False, False, False, True, True),
    "delete opening post":       (False, False, False, False, False, False),
    "see history":               (False, False, False, True, True, True),
    "lock":                      (False, False, False, False, True, True),
    "pin":                       (False, False, False, False, True, True),
    "pin a discussion":          (False, False, False, False, False, False),
    "manage categories":         (False, False, False, False, False, True),
}

CASES = [(role, action, allowed) for action, row in MATRIX.items() for role, allowed in zip(ROLES, row, strict=True)]


def test_the_matrix_covers_every_role():
    assert all(len(row) == len(ROLES) for row in MATRIX.values())
    assert len(CASES) == len(ROLES) * len(MATRIX)


def _build_world() -> dict[str, int]:
    """The World's rows, through the services; returns their ids."""
    author = make_user("author")
    category = make_category()
    thread = make_thread(author, category)
    opening = db.session.execute(select(Post).where(Post.thread_id == thread.id)).scalar_one()
    reply = make_reply(thread, author)
    locked = make_thread(author, category, title="Locked")
    locked_reply = make_reply(locked, author)
    locked.locked = True
    discussion = make_discussion(author)
    db.session.commit()
    return {"author": author.id, "category": category.id, "thread": thread.id, "opening": opening.id,
            "reply": reply.id, "locked": locked.id, "locked_reply": locked_reply.id, "discussion": discussion.id}


class World:
    """A category thread opened by the author with a reply of hers, the same in a locked thread, a discussion.

    Built by this process's first test, copied back for the next ones (tests/snapshots.py)."""

    def __init__(self) -> None:
        ids = loaded_once(("forum policy world",), _build_world)
        self.author = db.session.get(User, ids["author"])
        self.category = db.session.get(ForumCategory, ids["category"])
        self.thread, self.locked, self.discussion = (
            db.session.get(Thread, ids[name]) for name in ("thread", "locked", "discussion"))
        self.opening, self.reply, self.locked_reply = (
            db.session.get(Post, ids[name]) for name in ("opening", "reply", "locked_reply"))
        assert self.locked.locked and not self.thread.locked and self.opening.thread_id == self.thread.id

    def user(self, role: str):
        return {
            "anonymous": lambda: AnonymousUserMixin(),
            "member": lambda: make_user("member"),
            "unconfirmed": lambda: make_user("unconfirmed", confirmed=False),
            "author": lambda: self.author,
            "moderator": lambda: make_user("moderator", roles=(Role.MODERATOR,)),
            "admin": lambda: make_user("admin", roles=(Role.ADMIN,)),
        }[role]()


def ask(world: World, user, action: str) -> bool:
    checks = {
        "read": lambda: policy.can_read(user, world.thread),
        "create thread": lambda: policy.can_create_thread(user, world.category),
        "reply": lambda: policy.can_reply(user, world.thread),
        "reply in a locked thread": lambda: policy.can_reply(user, world.locked),
        "edit": lambda: policy.can_edit(user, world.reply),
        "edit in a locked thread": lambda: policy.can_edit(user, world.locked_reply),
        "delete": lambda: policy.can_delete(user, world.reply),
        "delete in a locked thread": lambda: policy.can_delete(user, world.locked_reply),
        "delete opening post": lambda: policy.can_delete(user, world.opening),
        "see history": lambda: policy.can_see_history(user, world.reply),
        "lock": lambda: policy.can_lock(user, world.thread),
        "pin": lambda: policy.can_pin(user, world.thread),
        "pin a discussion": lambda: policy.can_pin(user, world.discussion),
        "manage categories": lambda: policy.can_manage_categories(user),
    }
    return checks[action]()


@pytest.mark.parametrize(("role", "action", "allowed"), CASES)
def test_forum_permissions(db, role, action, allowed):
    world = World()
    user = world.user(role)

    assert ask(world, user, action) is allowed


@pytest.mark.parametrize("role", ["author", "moderator", "admin"])
def test_nobody_edits_or_deletes_a_deleted_post(db, role):
    world = World()
    user = world.user(role)
    world.reply.deleted_at = world.reply.created_at
    db.session.commit()

    assert policy.can_edit(user, world.reply) is False
    assert policy.can_delete(user, world.reply) is False


@pytest.mark.parametrize("action", ["create thread", "reply", "edit", "delete", "see history"])
def test_a_deactivated_author_may_do_nothing_of_her_own(db, action):
    world = World()
    world.author.is_active_account = False
    db.session.commit()

    assert ask(world, world.author, action) is False


@pytest.mark.parametrize("role", ["moderator", "admin"])
def test_unconfirmed_staff_have_no_staff_powers(db, role):
    world = World()
    staff = make_user("staff", roles=(Role(role),), confirmed=False)

    assert policy.is_forum_staff(staff) is False
    assert policy.can_lock(staff, world.thread) is False
    assert policy.can_edit(staff, world.reply) is False


def test_city_staff_are_not_forum_staff(db):
    world = World()
    clerk = make_user("clerk", roles=(Role.CITY_STAFF,))

    assert policy.is_forum_staff(clerk) is False
    assert policy.can_lock(clerk, world.thread) is False
    assert policy.can_reply(clerk, world.locked) is False


def test_no_thread_without_a_category(db):
    assert policy.can_create_thread(make_user(), None) is False


def test_nobody_signed_in_is_the_same_as_anonymous(db):
    world = World()

    assert [ask(world, None, action) for action in MATRIX] == list(
        MATRIX[action][ROLES.index("anonymous")] for action in MATRIX)


# Sanctions (app/moderation): a silenced person reads, locks, pins and deletes as before, but writes no text; a
# suspended person may do what an anonymous visitor may.
SILENCED_WRITES = {"create thread", "reply", "reply in a locked thread", "edit", "edit in a locked thread"}


@pytest.mark.parametrize("role", ["member", "author", "moderator", "admin"])
@pytest.mark.parametrize("column", ["silenced_until", "suspended_until"])
def test_sanctioned_people_across_the_matrix(db, role, column):
    world = World()
    user = world.user(role)
    setattr(user, column, utcnow() + timedelta(days=2))
    db.session.commit()
    for action, row in MATRIX.items():
        if column == "suspended_until":
            expected = row[ROLES.index("anonymous")]
        else:
            expected = False if action in SILENCED_WRITES else row[ROLES.index(role)]
        assert ask(world, user, action) is expected, action
