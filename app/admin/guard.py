"""`@admins_only`: the door of every admin page. Anyone who is not an administrator (visitors, members,
moderators, city staff) gets the same 404 as an unknown address, and the attempt goes into the audit log."""
from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import ParamSpec, TypeVar

from flask import abort, request

from app import navigation
from app.admin.policy import is_admin
from app.moderation import audit
from app.web import viewer

P = ParamSpec("P")
R = TypeVar("R")


def admins_only(view: Callable[P, R]) -> Callable[P, R]:
    """Let administrators through; log everyone else's attempt and answer 404."""

    @wraps(view)
    def guarded(*args: P.args, **kwargs: P.kwargs) -> R:
        user = viewer()
        if not is_admin(user):
            audit.record_refusal(user, f"refused.{request.endpoint}", path=request.path)
            navigation.as_unknown_page()
            abort(404)
        return view(*args, **kwargs)

    return guarded
