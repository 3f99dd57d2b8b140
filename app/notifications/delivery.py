"""Send the e-mail outbox: as a background job publishing enqueues (app.jobs), or from `flask notifications`.

A row is claimed before it is sent, so two workers never send it both; a failed SMTP server leaves it in the
outbox with its error and a later attempt time (`send-outbox` from cron retries it), and the notification stays
in the app either way.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import or_, select, update

from app.extensions import db
from app.mail import MailError, send_message
from app.models import utcnow
from app.notifications.emails import compose
from app.notifications.models import EmailOutbox

log = logging.getLogger("werkstadt.notifications")
CLAIM_FOR = timedelta(minutes=5)
MAX_ATTEMPTS = 10


@dataclass
class SendReport:
    sent: int = 0
    failed: int = 0
    dropped: int = 0


def retry_delay(attempts: int) -> timedelta:
    """2, 4, 8 … minutes after each failure, at most a day."""
    return timedelta(minutes=min(2 ** attempts, 24 * 60))


def due_ids(*, period: str | None = None, limit: int | None = None, ignore_delay: bool = False) -> list[int]:
    """Outbox rows waiting to be sent (of `period`, if given), oldest first."""
    now = utcnow()
    query = select(EmailOutbox.id).where(
        EmailOutbox.sent_at.is_(None), EmailOutbox.dropped_at.is_(None), EmailOutbox.attempts < MAX_ATTEMPTS,
        or_(EmailOutbox.claimed_until.is_(None), EmailOutbox.claimed_until < now)).order_by(EmailOutbox.id)
    if not ignore_delay:
        query = query.where(EmailOutbox.next_attempt_at <= now)
    if period is not None:
        query = query.where(EmailOutbox.period == period)
    return list(db.session.execute(query.limit(limit)).scalars())


def send_one(outbox_id: int) -> str:
    """Claim, compose and send one outbox row; returns "sent", "failed", "dropped" or "taken" (another worker
    has it, or it is done). Commits after the claim and after the attempt; never raises MailError."""
    now = utcnow()
    claimed = db.session.execute(update(EmailOutbox).where(
        EmailOutbox.id == outbox_id, EmailOutbox.sent_at.is_(None), EmailOutbox.dropped_at.is_(None),
        or_(EmailOutbox.claimed_until.is_(None), EmailOutbox.claimed_until < now))
        .values(claimed_until=now + CLAIM_FOR))
    db.session.commit()
    if claimed.rowcount != 1:
        return "taken"
    outbox = db.session.get(EmailOutbox, outbox_id)
    message = compose(outbox)
    if message is None:
        outbox.dropped_at, outbox.claimed_until = utcnow(), None
        db.session.commit()
        return "dropped"
    try:
        send_message(message)
    except MailError as error:
        outbox.attempts += 1
        outbox.last_error = str(error)[:500]
        outbox.next_attempt_at = utcnow() + retry_delay(outbox.attempts)
        outbox.claimed_until = None
        db.session.commit()
        log.warning("e-mail %s not sent (attempt %s): %s", outbox_id, outbox.attempts, error)
        return "failed"
    outbox.sent_at, outbox.claimed_until = utcnow(), None
    db.session.commit()
    return "sent"


def send_due(ids: list[int] | None = None, *, progress=None) -> SendReport:
    """Send the given outbox rows (default: every due one); `progress` wraps the iteration (a progress bar).

    The job `publish` enqueues with the ids of the rows it wrote. Commits per row; never raises MailError.
    """
    report = SendReport()
    ids = due_ids() if ids is None else ids
    for outbox_id in progress(ids) if progress is not None else ids:
        outcome = send_one(outbox_id)
        if outcome != "taken":
            setattr(report, outcome, getattr(report, outcome) + 1)
    return report
