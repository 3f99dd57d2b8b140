"""How each person wants each kind of notification e-mailed, and signed unsubscribe links that need no login."""
from __future__ import annotations

from flask import current_app
from itsdangerous import BadSignature, URLSafeSerializer
from sqlalchemy import select, update

from app.dbutil import upsert
from app.extensions import db
from app.notifications import kinds
from app.notifications.models import DELIVERIES, Notification, NotificationSetting
from app.unit_of_work import use_case
from app.users.models import User

DIGESTS = ("daily", "weekly")
ALL = "all"


def deliveries(user) -> dict[str, str]:
    """kind -> delivery for every registered kind: `user`'s choice, else the kind's default."""
    chosen = dict(db.session.execute(select(NotificationSetting.kind, NotificationSetting.delivery)
                                     .where(NotificationSetting.user_id == user.id)).all())
    return {kind.name: chosen.get(kind.name, kind.default) for kind in kinds.all_kinds()}


@use_case
def save_deliveries(user, choices: dict[str, str]) -> None:
    """Store `user`'s delivery per kind. Notifications still waiting for a digest follow the new choice
    (a kind switched to "immediately" keeps its waiting items for the digest they were meant for).

    Raises ValueError for an unknown kind or delivery. Commits.
    """
    for kind, delivery in choices.items():
        kinds.get(kind)
        if delivery not in DELIVERIES:
            raise ValueError(delivery)
        upsert(NotificationSetting, {"user_id": user.id, "kind": kind}, {"delivery": delivery})
        if delivery != "immediately":
            db.session.execute(update(Notification).where(
                Notification.user_id == user.id, Notification.kind == kind, Notification.email_id.is_(None),
                Notification.delivery.in_(DIGESTS)).values(delivery=delivery))


@use_case
def unsubscribe(user, scope: str) -> list[str]:
    """Stop e-mails of `scope` for `user`: one kind, a digest ("daily", "weekly": every kind delivered so), or
    "all". Returns the kinds switched to "never". Commits."""
    current = deliveries(user)
    if scope == ALL:
        chosen = [kind for kind, delivery in current.items() if delivery != "never"]
    elif scope in DIGESTS:
        chosen = [kind for kind, delivery in current.items() if delivery == scope]
    else:
        chosen = [scope] if current.get(scope, "never") != "never" else []
    save_deliveries(user, {kind: "never" for kind in chosen})
    return chosen


def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt="notifications-unsubscribe")


def unsubscribe_token(user, scope: str) -> str:
    """A signed token naming `user` and `scope`; it does not expire (old e-mails keep working)."""
    return _serializer().dumps([user.id, scope])


def read_unsubscribe_token(token: str) -> tuple[User, str] | None:
    """(user, scope) from a token, or None if it is forged, mangled, or its user or kind is gone."""
    try:
        user_id, scope = _serializer().loads(token)
    except (BadSignature, ValueError, TypeError):
        return None
    user = db.session.get(User, user_id) if isinstance(user_id, int) else None
    if user is None or not isinstance(scope, str) or not (scope in (ALL, *DIGESTS) or kinds.known(scope)):
        return None
    return user, scope
