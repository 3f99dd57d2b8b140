"""Roles: has_role and is_admin, set_roles (member always kept), and the database's own check."""
from __future__ import annotations

import pytest
from factories import make_user
from sqlalchemy import insert, select
from sqlalchemy.exc import IntegrityError

from app.users.models import Role, User, UserRole
from app.users.services import set_roles


def stored_roles(db, user: User) -> set[str]:
    return set(db.session.execute(select(UserRole.role).where(UserRole.user_id == user.id)).scalars())


def test_every_new_account_is_a_member_and_nothing_more(db):
    user = make_user("alice")

    assert user.role_names == {Role.MEMBER}
    assert user.has_role(Role.MEMBER)
    assert not user.has_role(Role.MODERATOR, Role.CITY_STAFF, Role.ADMIN)
    assert not user.is_admin


@pytest.mark.parametrize(("roles", "asked", "expected"), [
    ((Role.MODERATOR,), (Role.MODERATOR,), True),
    ((Role.MODERATOR,), (Role.ADMIN,), False),
    ((Role.MODERATOR,), (Role.ADMIN, Role.MODERATOR), True),  # any of them
    ((Role.CITY_STAFF,), (Role.MODERATOR,), False),
    ((Role.ADMIN,), (Role.MODERATOR,), False),                # admin is not implied to be anything else
    ((), (), False),
])
def test_has_role_means_any_of_the_given_roles(db, roles, asked, expected):
    assert make_user(roles=roles).has_role(*asked) is expected


@pytest.mark.parametrize(("roles", "admin"), [
    ((), False), ((Role.MODERATOR,), False), ((Role.CITY_STAFF,), False), ((Role.ADMIN,), True),
    ((Role.MODERATOR, Role.ADMIN), True),
])
def test_only_the_admin_role_makes_an_administrator(db, roles, admin):
    assert make_user(roles=roles).is_admin is admin


def test_a_user_can_hold_several_roles_at_once(db):
    user = make_user("alice", roles=(Role.MODERATOR, Role.CITY_STAFF))

    assert stored_roles(db, user) == {"member", "moderator", "city_staff"}
    assert user.has_role(Role.MODERATOR) and user.has_role(Role.CITY_STAFF)


@pytest.mark.parametrize(("start", "wanted", "expected"), [
    ((), (Role.ADMIN,), {"member", "admin"}),
    ((Role.ADMIN,), (), {"member"}),                                     # member is kept when all is taken away
    ((Role.ADMIN, Role.MODERATOR), (Role.MODERATOR,), {"member", "moderator"}),
    ((Role.MODERATOR,), (Role.MODERATOR, Role.CITY_STAFF), {"member", "moderator", "city_staff"}),
    ((), (Role.MEMBER,), {"member"}),
])
def test_set_roles_replaces_the_roles_and_keeps_member(db, start, wanted, expected):
    user = make_user("alice", roles=start)

    set_roles(user, wanted)

    db.session.expire_all()
    assert stored_roles(db, user) == expected
    assert {role.value for role in db.session.get(User, user.id).role_names} == expected


def test_set_roles_twice_does_not_duplicate_rows(db):
    user = make_user("alice")

    set_roles(user, [Role.MODERATOR])
    set_roles(user, [Role.MODERATOR, Role.MODERATOR])

    count = db.session.execute(select(db.func.count()).select_from(UserRole).where(UserRole.user_id == user.id))
    assert count.scalar_one() == 2


def test_the_database_refuses_an_unknown_role(db):
    user = make_user("alice")

    with pytest.raises(IntegrityError):
        db.session.execute(insert(UserRole).values(user_id=user.id, role="emperor"))
        db.session.flush()
    db.session.rollback()

    assert stored_roles(db, user) == {"member"}


def test_an_unknown_role_name_is_no_role(db):
    with pytest.raises(ValueError):
        Role("emperor")


def test_roles_disappear_with_their_user(db):
    user = make_user("alice", roles=(Role.ADMIN,))
    user_id = user.id

    db.session.delete(user)
    db.session.commit()

    assert db.session.execute(select(UserRole).where(UserRole.user_id == user_id)).first() is None
