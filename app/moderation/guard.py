"""`@moderators_only`: the door of every moderation page. Anyone else is refused (an anonymous visitor is sent to
log in, a member gets 403) and the attempt goes into the audit log."""
from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import ParamSpec, TypeVar

from flask import request

from app.moderation import audit
from app.moderation.policy import can_review
from app.web import refuse, viewer

P = ParamSpec("P")
R = TypeVar("R")


def moderators_only(view: Callable[P, R]) -> Callable[P, R]:
    """Let moderators and administrators through; log and refuse everyone else."""

    @wraps(view)
    def guarded(*args: P.args, **kwargs: P.kwargs) -> R:
        user = viewer()
        if not can_review(user):
            audit.record_refusal(user, f"refused.{request.endpoint}", path=request.path)
            refuse()
        return view(*args, **kwargs)

    return guarded
