"""Notices of illegal content (DSA Art. 16): open to everyone, signed in or not. A notice is stored with a secret
token, taken into the review queue when it names a Subject, and confirmed by e-mail in the notifier's language
with the link to its status page (`/notice/<token>`), where the decision shows once it is made.
"""
from __future__ import annotations

import secrets

from flask import current_app
from sqlalchemy import select

from app import jobs, subjects
from app.extensions import db
from app.mail import send_templated
from app.models import Subject
from app.moderation import intake
from app.moderation.models import Decision, Notice
from app.moderation.signals import notice_received
from app.unit_of_work import send_after_commit, use_case
from app.urls import path_for

EXPLANATION_MIN = 20


@use_case
def submit(*, location: str, explanation: str, name: str, email: str, good_faith: bool, locale: str,
           notifier=None, subject: Subject | None = None) -> Notice:
    """Store a notice about `location` (and the Subject it names, if any), open or update that Subject's review
    item, and e-mail the receipt (a background job after the commit). Sends `notice_received` after the commit.

    Raises ValueError for a notice without the good-faith statement or with an explanation shorter than
    EXPLANATION_MIN characters (the form refuses both first).
    """
    explanation = explanation.strip()
    if not good_faith or len(explanation) < EXPLANATION_MIN:
        raise ValueError("a notice needs an explanation and the good-faith statement")
    signed_in = notifier is not None and getattr(notifier, "is_authenticated", False)
    notice = Notice(location=location.strip()[:500], explanation=explanation, name=name.strip()[:100],
                    email=email.strip()[:254], good_faith=True, locale=locale,
                    notifier_id=notifier.id if signed_in else None, token=secrets.token_urlsafe(32),
                    subject_id=subject.id if subject is not None else None)
    db.session.add(notice)
    db.session.flush()
    owner = _owner(subject)
    if owner is not None:
        intake.take_notice(notice, owner)
    send_after_commit(notice_received, notice)
    jobs.enqueue(send_receipt, notice.id)
    return notice


def _owner(subject: Subject | None):
    if subject is None:
        return None
    try:
        entry = subjects.get(subject.kind)
    except subjects.UnknownKind:
        return None
    return subjects.resolve(subject) if entry.moderation is not None else None


def by_token(token: str) -> Notice | None:
    """The notice a status link names, or None."""
    if not token or len(token) > 64:
        return None
    return db.session.execute(select(Notice).where(Notice.token == token)).scalar_one_or_none()


def decision_of(notice: Notice) -> Decision | None:
    """The decision taken on the notice, once there is one."""
    return db.session.get(Decision, notice.decision_id) if notice.decision_id is not None else None


def status_link(notice: Notice) -> str:
    """The full address of the notice's status page (PUBLIC_URL, so it works in a background job too)."""
    return current_app.config["PUBLIC_URL"].rstrip("/") + path_for("moderation.notice_status", token=notice.token)


def send_receipt(notice_id: int) -> None:
    """The job: confirm receipt of a notice by e-mail in the notifier's language, with the status link.

    Raises MailError when the server fails (the job runner logs it).
    """
    notice = db.session.get(Notice, notice_id)
    if notice is not None:
        send_templated(notice.email, "moderation/email/notice_received", notice.locale, notice=notice,
                       link=status_link(notice))
