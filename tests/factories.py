"""Plain factory functions for tests; call them inside an app context."""
from __future__ import annotations

import itertools

from app.users.models import Role, User
from app.users.services import create_user

PASSWORD = "correct horse battery"
_numbers = itertools.count(1)


def make_user(username: str | None = None, *, roles: tuple[Role, ...] = (), confirmed: bool = True,
              locale: str = "de", password: str = PASSWORD, **fields) -> User:
    """A saved user; confirmed unless told otherwise."""
    username = username or f"user{next(_numbers)}"
    email = fields.pop("email", f"{username}@example.org")
    display_name = fields.pop("display_name", username.capitalize())
    user = create_user(email=email, username=username, password=password, display_name=display_name,
                       roles=roles, locale=locale, confirmed=confirmed)
    for name, value in fields.items():
        setattr(user, name, value)
    if fields:
        from app.extensions import db

        db.session.commit()
    return user
