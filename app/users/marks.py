"""Role marks next to a name in a discussion ("City of Munich", "Moderator", "Author"): said in words, so no
one has to tell a role by a colour (the `role_marks` macro, `_macros/people.html`).

A page loads the roles of everyone it shows at once (`roles_of`: one query, whatever the number of posts) and
asks `marks` for each name. City staff speak for the city; moderators and administrators keep the house rules
(both as "Moderator", as people know them); "Author" is the author of what a discussion is about (an idea or a
solution). A plain forum thread marks nobody as its author, as Discourse does not: its opening post says who
started it.
"""
from __future__ import annotations

from collections.abc import Iterable

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from app.extensions import db
from app.users.models import Role, UserRole

CITY, MODERATOR, AUTHOR = "city", "moderator", "author"
LABELS = {CITY: _l("City of Munich"), MODERATOR: _l("Moderator"), AUTHOR: _l("Author")}  # what each mark says
MARKED_ROLES = (Role.CITY_STAFF.value, Role.MODERATOR.value, Role.ADMIN.value)


def roles_of(user_ids: Iterable[int | None]) -> dict[int, frozenset[str]]:
    """The marked roles (city staff, moderator, administrator) of each of `user_ids` that holds one (one query;
    none for no ids)."""
    ids = sorted({user_id for user_id in user_ids if user_id is not None})
    if not ids:
        return {}
    found: dict[int, set[str]] = {}
    rows = db.session.execute(select(UserRole.user_id, UserRole.role).where(
        UserRole.user_id.in_(ids), UserRole.role.in_(MARKED_ROLES)))
    for user_id, role in rows:
        found.setdefault(user_id, set()).add(role)
    return {user_id: frozenset(roles) for user_id, roles in found.items()}


def marks(roles: Iterable[str], *, author: bool = False) -> list[str]:
    """The marks for a person with `roles` (names), in the order shown: CITY, MODERATOR, AUTHOR."""
    roles = set(roles)
    shown = []
    if Role.CITY_STAFF.value in roles:
        shown.append(CITY)
    if roles & {Role.MODERATOR.value, Role.ADMIN.value}:
        shown.append(MODERATOR)
    if author:
        shown.append(AUTHOR)
    return shown
