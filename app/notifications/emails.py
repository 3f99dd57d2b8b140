"""Compose the e-mail of an outbox row: one notification or a digest, in the recipient's language, text + HTML."""
from __future__ import annotations

import contextlib
from dataclasses import dataclass, field
from email.message import EmailMessage

from flask import current_app, has_request_context, render_template, url_for
from flask_babel import force_locale
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from app.extensions import db
from app.mail import build_message
from app.notifications.email_settings import unsubscribe_token
from app.notifications.entries import Entry, group
from app.notifications.models import EmailOutbox, Notification
from app.notifications.notices import Notice, notices_for

ITEMS_PER_GROUP = 5
GROUPS_PER_DIGEST = 12


@dataclass
class DigestGroup:
    """What happened to one followed thing: its newest entries (several replies in a thread are one), and how
    many more entries there are."""

    title: str
    url: str
    entries: list[Entry] = field(default_factory=list)
    more: int = 0


def public_context():
    """A request context for absolute links when there is none (after the response, in the CLI)."""
    if has_request_context():
        return contextlib.nullcontext()
    return current_app.test_request_context(base_url=current_app.config["PUBLIC_URL"])


def absolute(path: str) -> str:
    """`path` on this site as an absolute URL (inside `public_context`)."""
    return url_for("main.home", _external=True).rstrip("/") + path


def group_notices(notices: list[Notice]) -> tuple[list[DigestGroup], int]:
    """Notices as entries (app.notifications.entries: a kind's replies in one thread are one), grouped by the
    followed thing, groups by their newest entry, entries newest first.

    Each group shows up to ITEMS_PER_GROUP entries and counts the rest; past GROUPS_PER_DIGEST groups only their
    number is told (the second value).
    """
    groups: dict[int, DigestGroup] = {}
    for entry in group(notices):
        newest = entry.members[-1]
        found = groups.get(newest.notification.subject_id)
        if found is None:
            found = groups[newest.notification.subject_id] = DigestGroup(newest.title, newest.about_url)
        if len(found.entries) < ITEMS_PER_GROUP:
            found.entries.append(entry)
        else:
            found.more += 1
    ordered = list(groups.values())
    return ordered[:GROUPS_PER_DIGEST], max(0, len(ordered) - GROUPS_PER_DIGEST)


def compose(outbox: EmailOutbox) -> EmailMessage | None:
    """The message for `outbox`, or None when nothing is left to send (the recipient cannot receive mail, or
    may no longer see any of its notifications)."""
    user = outbox.user
    if not user.is_active or not user.is_confirmed:
        return None
    rows = db.session.execute(select(Notification).options(joinedload(Notification.actor))
                              .where(Notification.email_id == outbox.id)
                              .order_by(Notification.created_at.desc(), Notification.id.desc())).scalars().all()
    notices = notices_for(user, list(rows))
    if not notices:
        return None
    single = outbox.period == "immediately"
    scope = notices[0].kind.name if single else outbox.period
    with public_context(), force_locale(user.locale):
        unsubscribe = url_for("notifications.unsubscribe", token=unsubscribe_token(user, scope), _external=True)
        context = {"user": user, "unsubscribe_url": unsubscribe, "scope": scope, "absolute": absolute,
                   "settings_url": url_for("notifications.settings_notifications", _external=True),
                   "notifications_url": url_for("notifications.inbox", _external=True)}
        if single:
            context["notice"] = notices[0]
            template = "notifications/email/notice"
        else:
            context["groups"], context["more_groups"] = group_notices(notices)
            context["count"], context["period"] = len(notices), outbox.period
            template = "notifications/email/digest"
        subject = render_template(f"{template}.subject.txt", **context).strip()
        text = render_template(f"{template}.txt", **context)
        html = render_template(f"{template}.html", locale=user.locale, **context)
    return build_message(user.email, subject, text, html, headers={
        "List-Unsubscribe": f"<{unsubscribe}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        "Auto-Submitted": "auto-generated"})
