"""View guards: sign in first, then a policy check, or 403."""
from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from flask_login import current_user, login_required

from app.web import refuse


def allowed_only(check: Callable[[object], bool]):
    """A view decorator: anonymous visitors are sent to log in; signed-in users failing `check(user)` get 403."""

    def decorate(view):
        @wraps(view)
        @login_required
        def wrapped(*args, **kwargs):
            if not check(current_user):
                refuse()
            return view(*args, **kwargs)

        return wrapped

    return decorate
