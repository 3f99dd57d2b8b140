"""Publish a happening to the people it concerns: one notification each, never to the actor, never twice."""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from flask import current_app
from sqlalchemy import select, update

from app import jobs, subjects
from app.dbutil import dialect_insert
from app.extensions import db
from app.models import utcnow
from app.notifications import delivery, kinds
from app.notifications.models import EmailOutbox, Follow, Notification, NotificationSetting
from app.unit_of_work import use_case
from app.users.models import User

Audience = Sequence[tuple[str, Iterable[int | None]]]


def followers(obj: Any) -> list[int]:
    """The ids of everyone who follows the registered object `obj`."""
    return list(db.session.execute(select(Follow.user_id).where(Follow.subject_id == obj.subject_id)).scalars())


@use_case
def publish(audience: Audience, *, event: str, about: Any, target: Any = None, actor: Any = None,
            data: str | None = None) -> int:
    """Notify each user in `audience` once of `event`, which happened to `about` (at `target`, if given).

    `audience` lists (kind, user ids) by priority: someone named under several kinds gets the first one only,
    and someone already notified of `event` (by an earlier signal) gets nothing more. The actor, inactive
    users and users who may not see `about` or `target` are left out; nobody is told of what moderation hides
    (following a hidden thing brings no notifications about it while it is hidden). Queues an e-mail for each recipient who
    wants this kind immediately, and enqueues the job that sends them once this transaction commits
    (app.jobs; NOTIFICATION_EMAILS_ENQUEUE). Commits; returns the number of notifications written.
    """
    chosen = _by_priority(audience, actor_id=getattr(actor, "id", None))
    if not chosen or _hidden(about, target):
        return 0
    recipients = _who_may_see(chosen, about, target)
    if not recipients:
        return 0
    settings = _deliveries(recipients)
    now = utcnow()
    rows = [{"user_id": user_id, "kind": kind, "event": event, "subject_id": about.subject_id,
             "target_subject_id": target.subject_id if target is not None else None,
             "actor_id": getattr(actor, "id", None), "data": data, "created_at": now,
             "delivery": settings.get((user_id, kind)) or kinds.get(kind).default}
            for user_id, kind in recipients.items()]
    written = db.session.execute(
        dialect_insert(Notification).values(rows).on_conflict_do_nothing()
        .returning(Notification.id, Notification.user_id, Notification.delivery)).all()
    _queue_emails([(n_id, user_id) for n_id, user_id, delivery in written if delivery == "immediately"], now)
    return len(written)


def _hidden(about: Any, target: Any) -> bool:
    return any(obj.subject is not None and obj.subject.is_hidden for obj in (about, target) if obj is not None)


def _by_priority(audience: Audience, *, actor_id: int | None) -> dict[int, str]:
    chosen: dict[int, str] = {}
    for kind, user_ids in audience:
        kinds.get(kind)  # an unregistered kind is a programming error
        for user_id in user_ids:
            if user_id is not None and user_id != actor_id and user_id not in chosen:
                chosen[user_id] = kind
    return chosen


def _who_may_see(chosen: dict[int, str], about: Any, target: Any) -> dict[int, str]:
    """Recipients who are active and may see what the notification is about (one query)."""
    users = db.session.execute(select(User).where(User.id.in_(list(chosen)))).scalars()
    entries = [(subjects.kind_of(obj), obj) for obj in (about, target) if obj is not None]
    return {user.id: chosen[user.id] for user in users
            if user.is_active and all(entry.visible(user, obj) for entry, obj in entries)}


def _deliveries(recipients: dict[int, str]) -> dict[tuple[int, str], str]:
    found = db.session.execute(select(NotificationSetting).where(
        NotificationSetting.user_id.in_(list(recipients)), NotificationSetting.kind.in_(set(recipients.values()))))
    return {(s.user_id, s.kind): s.delivery for s in found.scalars()}


def _queue_emails(immediate: list[tuple[int, int]], now) -> None:
    """One outbox row per notification to e-mail right away (each user appears once per event)."""
    if not immediate:
        return
    outbox = db.session.execute(
        dialect_insert(EmailOutbox).values([{"user_id": user_id, "period": "immediately", "created_at": now,
                                      "next_attempt_at": now, "attempts": 0} for _, user_id in immediate])
        .returning(EmailOutbox.id, EmailOutbox.user_id)).all()
    email_of = {user_id: email_id for email_id, user_id in outbox}
    db.session.execute(update(Notification), [{"id": n_id, "email_id": email_of[user_id]}
                                              for n_id, user_id in immediate])
    if current_app.config["NOTIFICATION_EMAILS_ENQUEUE"]:
        jobs.enqueue(delivery.send_due, [email_id for email_id, _ in outbox])

