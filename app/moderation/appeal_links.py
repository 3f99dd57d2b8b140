"""Signed links to the appeal form, for the statement e-mail: a suspended person cannot sign in and must still be
able to appeal (DSA Art. 20). The key names one decision and one account and lasts the six-month appeal period."""
from __future__ import annotations

from flask import current_app
from itsdangerous import BadSignature, URLSafeTimedSerializer

from app.moderation.policy import APPEAL_PERIOD
from app.urls import path_for

SALT = "moderation-appeal"


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=SALT)


def appeal_key(decision_id: int, user_id: int) -> str:
    return _serializer().dumps([decision_id, user_id])


def appeal_url(decision_id: int, user_id: int) -> str:
    """The absolute address of the appeal form for `user_id`, usable without signing in."""
    path = path_for("moderation.appeal", decision_id=decision_id, key=appeal_key(decision_id, user_id))
    return current_app.config["PUBLIC_URL"].rstrip("/") + path


def user_of_key(key: str | None, decision_id: int) -> int | None:
    """The account id a key was made for, if it is genuine, for `decision_id`, and not older than six months."""
    if not key:
        return None
    try:
        named_decision, user_id = _serializer().loads(key, max_age=int(APPEAL_PERIOD.total_seconds()))
    except (BadSignature, ValueError, TypeError):
        return None
    return user_id if named_decision == decision_id and isinstance(user_id, int) else None
