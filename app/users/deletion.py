"""Delete my account (GDPR Art. 17): immediate and irreversible, confirmed with the password.

What goes: the account row and with it everything that is only the person's (roles, sessions, follows,
notifications and their settings, read positions, e-mails not yet sent to them, data exports: the database
deletes those rows with it), and every support and like, with each counter it counted in moved down in the same
transaction (the features register those steps here: `register_step`). What stays: what the person contributed
(ideas, discussions, posts, solutions, updates, reports), shown as by "Deleted participant" everywhere, since
every author column is set to NULL with the account. The person's search document goes through the search
outbox, which watches the account row.

City staff, moderators and administrators cannot delete their account themselves: an administrator removes those
roles first (MustBeDemoted), so no official answer or moderation decision loses its author by surprise.
"""
from __future__ import annotations

from collections.abc import Callable

from flask_babel import lazy_gettext as _l

from app.auth.passwords import verify_password
from app.extensions import db
from app.permissions import NotAllowed
from app.unit_of_work import use_case
from app.users.models import Role, User

STAFF_ROLES = frozenset({Role.CITY_STAFF, Role.MODERATOR, Role.ADMIN})
Step = Callable[[User], None]
_steps: dict[str, Step] = {}


DEMOTE_FIRST = _l("An administrator has to remove your roles as city staff, moderator or administrator before you "
                  "can delete your account.")


class MustBeDemoted(NotAllowed):
    """The account holds a role of the city or of moderation: an administrator removes it first."""

    def __init__(self) -> None:
        super().__init__(DEMOTE_FIRST)


class WrongPassword(ValueError):
    """The password given to confirm the deletion is not the account's."""


def register_step(name: str, step: Step) -> None:
    """Run `step(user)` (flush only) in every deletion before the account row goes (a name again replaces it)."""
    _steps[name] = step


@use_case
def delete_account(user: User, password: str) -> None:
    """Delete `user` for good (see the module). Raises WrongPassword or MustBeDemoted, changing nothing. Commits."""
    if not verify_password(user.password_hash, password):
        raise WrongPassword
    if user.role_names & STAFF_ROLES:
        raise MustBeDemoted
    for name in sorted(_steps):
        _steps[name](user)
    db.session.delete(user)
