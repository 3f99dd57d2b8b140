"""Doors that do not show: a page behind `@admins_only` (or any `@unknown_unless(check)`) answers everyone the
check refuses (visitors, members, moderators, city staff) exactly like an unknown address — the same 404, no
section of the main navigation marked, and for a form post no CSRF error first — and the attempt goes into the
audit log."""
from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, ParamSpec, TypeVar

from flask import abort, current_app, request

from app import navigation
from app.admin.policy import is_admin
from app.extensions import csrf
from app.moderation import audit
from app.web import viewer

P = ParamSpec("P")
R = TypeVar("R")


def unknown_unless(check: Callable[[Any], bool]) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """A view decorator: people for whom `check(user)` is true get the page; everyone else the unknown page's 404.

    The view's CSRF check runs after the door (a post without a token is refused with 400 only to those let in),
    so nobody outside learns from a 400 that the address exists.
    """

    def decorate(view: Callable[P, R]) -> Callable[P, R]:
        @wraps(view)
        def guarded(*args: P.args, **kwargs: P.kwargs) -> R:
            user = viewer()
            if not check(user):
                audit.record_refusal(user, f"refused.{request.endpoint}", path=request.path)
                navigation.as_unknown_page()
                abort(404)
            if current_app.config.get("WTF_CSRF_ENABLED", True):
                csrf.protect()
            return view(*args, **kwargs)

        return csrf.exempt(guarded)

    return decorate


admins_only = unknown_unless(is_admin)
admins_only.__doc__ = "Let administrators through; log everyone else's attempt and answer 404."
