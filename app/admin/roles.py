"""Granting and revoking roles from the admin area: moderator, city staff, administrator.

Roles are read from the database on every request (`app.auth.session.load_user`), so a change takes effect on
the person's next request in every session they have open; nobody has to sign in again.
"""
from __future__ import annotations

from sqlalchemy import func, select

from app.extensions import db
from app.permissions import NotAllowed
from app.unit_of_work import use_case
from app.users.models import Role, User, UserRole
from app.users.services import give_role, take_role

GRANTABLE = (Role.MODERATOR, Role.CITY_STAFF, Role.ADMIN)  # member is every account's role, never revoked


class LastAdministrator(ValueError):
    """Raised when a revocation would leave the platform without an administrator."""


def other_administrators(user: User) -> int:
    """How many active accounts besides `user` hold the administrator role (one query)."""
    return db.session.execute(
        select(func.count()).select_from(UserRole).join(User, User.id == UserRole.user_id)
        .where(UserRole.role == Role.ADMIN.value, UserRole.user_id != user.id, User.is_active_account.is_(True))
    ).scalar_one()


def _check(actor: User, role: Role) -> None:
    from app.admin.policy import is_admin

    if not is_admin(actor):
        raise NotAllowed()
    if role not in GRANTABLE:
        raise ValueError(f"{role} is not a role the admin area grants")


@use_case
def grant_role(actor: User, user: User, role: Role) -> bool:
    """Give `user` the `role`; returns False when they held it already (nothing is written then).

    Writes the audit entry "role.granted" with the roles before and after. Raises NotAllowed when `actor` is not
    an administrator, ValueError for a role the admin area does not grant.
    """
    _check(actor, role)
    return give_role(user, role, actor=actor)


@use_case
def revoke_role(actor: User, user: User, role: Role) -> bool:
    """Take the `role` from `user`; returns False when they did not hold it (nothing is written then).

    Writes the audit entry "role.revoked" with the roles before and after. Raises NotAllowed when `actor` is not
    an administrator, ValueError for a role the admin area does not grant, LastAdministrator when `user` is the
    last administrator.
    """
    _check(actor, role)
    if role is Role.ADMIN and role in user.role_names and other_administrators(user) == 0:
        raise LastAdministrator(user.username)
    return take_role(user, role, actor=actor)


@use_case
def change_roles(actor: User, user: User, wanted: set[Role]) -> list[str]:
    """Grant and revoke so that `user` holds exactly the `wanted` ones of the grantable roles; returns the audit
    actions written ("role.granted", "role.revoked"). Raises what grant_role and revoke_role raise, and then
    nothing changes."""
    done = []
    for role in GRANTABLE:
        if role in wanted and grant_role(actor, user, role):
            done.append("role.granted")
        elif role not in wanted and revoke_role(actor, user, role):
            done.append("role.revoked")
    return done

