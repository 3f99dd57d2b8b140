"""Notifications made readable: what happened, about what, and the exact place, for what the reader may see."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask_babel import gettext as _

from app import subjects
from app.notifications import kinds
from app.notifications.models import Notification


@dataclass(frozen=True)
class Notice:
    """One notification with the objects it points at, resolved through the Subject registry."""

    notification: Notification
    kind: kinds.NoticeKind
    about: Any
    target: Any

    @property
    def actor_name(self) -> str:
        actor = self.notification.actor
        return actor.display_name if actor is not None else _("A former member")

    @property
    def title(self) -> str:
        """The title of what it is about (a thread, an idea, a category)."""
        return subjects.kind_of(self.about).title(self.about)

    @property
    def target_title(self) -> str:
        obj = self.target if self.target is not None else self.about
        return subjects.kind_of(obj).title(obj)

    @property
    def url(self) -> str:
        """The path of the exact place: the post, the idea, the new thread."""
        obj = self.target if self.target is not None else self.about
        return subjects.kind_of(obj).url(obj)

    @property
    def about_url(self) -> str:
        return subjects.kind_of(self.about).url(self.about)

    @property
    def sentence(self) -> str:
        return self.kind.sentence(self)

    @property
    def excerpt_html(self) -> str | None:
        """Stored, sanitised HTML the feature offers for an e-mail (a post's text, the city's explanation)."""
        return self.kind.excerpt(self) if self.kind.excerpt is not None else None


def notices_for(user, notifications: list[Notification]) -> list[Notice]:
    """The notifications `user` may still see, resolved: one query for the kinds of their Subjects and one per
    kind present, whatever their number. Unknown kinds and vanished or hidden objects are left out."""
    ids = {n.subject_id for n in notifications} | {n.target_subject_id for n in notifications if n.target_subject_id}
    owners = subjects.resolve_many(list(ids))
    shown = []
    for notification in notifications:
        about = owners.get(notification.subject_id)
        target = owners.get(notification.target_subject_id) if notification.target_subject_id else None
        if about is None or not kinds.known(notification.kind):
            continue
        if notification.target_subject_id and target is None:
            continue
        if all(subjects.kind_of(obj).visible(user, obj) for obj in (about, target) if obj is not None):
            shown.append(Notice(notification, kinds.get(notification.kind), about, target))
    return shown
