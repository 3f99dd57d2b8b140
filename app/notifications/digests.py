"""Daily and weekly digests: each person's waiting notifications of that rhythm, gathered into one e-mail."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import delete, select, update

from app.extensions import db
from app.models import utcnow
from app.notifications.delivery import SendReport, due_ids, send_due
from app.notifications.models import EmailOutbox, Notification

PERIODS = ("daily", "weekly")


@dataclass
class DigestReport:
    queued: int
    sending: SendReport


def waiting_users(period: str) -> list[int]:
    """Who has notifications waiting for the `period` digest."""
    return list(db.session.execute(select(Notification.user_id).distinct().where(
        Notification.delivery == period, Notification.email_id.is_(None)).order_by(Notification.user_id)).scalars())


def queue_digest(user_id: int, period: str) -> int | None:
    """Gather `user_id`'s waiting `period` notifications into one outbox row; None if none were waiting.

    A notification joins exactly one digest (the UPDATE takes only rows without an e-mail), so a second run,
    or two runs at once, never put it in two. Commits.
    """
    now = utcnow()
    outbox = EmailOutbox(user_id=user_id, period=period, created_at=now, next_attempt_at=now, attempts=0)
    db.session.add(outbox)
    db.session.flush()
    taken = db.session.execute(update(Notification).where(
        Notification.user_id == user_id, Notification.delivery == period, Notification.email_id.is_(None))
        .values(email_id=outbox.id)).rowcount
    if not taken:
        db.session.execute(delete(EmailOutbox).where(EmailOutbox.id == outbox.id))
    db.session.commit()
    return outbox.id if taken else None


def send_digests(period: str, *, progress=None) -> DigestReport:
    """Queue a `period` digest for everyone with waiting notifications, then send every unsent digest of that
    period, also those a crashed run left behind. `progress(items, label)` wraps each loop (a progress bar).

    A job function (app.jobs: plain arguments, its own commits), which `flask notifications send-digests`
    calls directly: cron already runs it outside any request, and the command's summary is cron's report.
    Raises ValueError for an unknown period. Commits per person and per e-mail.
    """
    if period not in PERIODS:
        raise ValueError(period)
    wrap = progress or (lambda items, label: items)
    queued = sum(1 for user_id in wrap(waiting_users(period), "queue") if queue_digest(user_id, period))
    report = send_due(due_ids(period=period, ignore_delay=True), progress=lambda ids: wrap(ids, "send"))
    return DigestReport(queued, report)
