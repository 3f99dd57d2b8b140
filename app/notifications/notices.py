"""Notifications made readable: what happened, about what, and the exact place, for what the reader may see."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask_babel import gettext as _

from app import subjects
from app.i18n import isolate
from app.notifications import kinds
from app.notifications.models import Notification

HIDDEN = "hidden"
DELETED = "deleted"


@dataclass(frozen=True)
class Notice:
    """One notification with the objects it points at, resolved through the Subject registry.

    `gone` is HIDDEN or DELETED when what it points at was hidden by moderation or deleted since, and
    `removed_kind` the Subject kind of what went (the thread, the post): the inbox then says "This post was
    removed." instead of linking to it, whoever removed it, and shows nothing of its text or title.
    """

    notification: Notification
    kind: kinds.NoticeKind
    about: Any
    target: Any
    gone: str | None = None
    removed_kind: str | None = None

    @property
    def gone_sentence(self) -> str:
        return kinds.removed_sentence(self.removed_kind) if self.gone else ""

    @property
    def actor_name(self) -> str:
        actor = self.notification.actor
        return isolate(actor.display_name) if actor is not None else _("Deleted participant")

    @property
    def title(self) -> str:
        """The title of what it is about (a thread, an idea, a category), isolated for the sentence around it."""
        return isolate(subjects.kind_of(self.about).title(self.about))

    @property
    def target_title(self) -> str:
        obj = self.target if self.target is not None else self.about
        return isolate(subjects.kind_of(obj).title(obj))

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


def removed(about: Any, target: Any) -> tuple[str, str] | None:
    """(HIDDEN or DELETED, the Subject kind of what went) for the first of `about`, `target` that moderation hid
    (for everyone, its author included: lists and notifications leave hidden things out) or that was deleted
    since (a hidden thread before its deleted post), else None."""
    for obj in (about, target):
        if obj is None:
            continue
        if obj.subject is not None and obj.subject.is_hidden:
            return HIDDEN, subjects.kind_of(obj).kind
        if getattr(obj, "is_deleted", False):
            return DELETED, subjects.kind_of(obj).kind
    return None


def notices_for(user, notifications: list[Notification], *, with_gone: bool = False) -> list[Notice]:
    """The notifications `user` may still see, resolved: one query for their Subjects and one per kind present,
    whatever their number. Unknown kinds and vanished objects are left out, and so is what was hidden by
    moderation or deleted since, unless `with_gone` (the inbox): then such an entry comes with `gone` set."""
    ids = {n.subject_id for n in notifications} | {n.target_subject_id for n in notifications if n.target_subject_id}
    owners = subjects.resolve_many(list(ids))
    shown = []
    for notification in notifications:
        about = owners.get(notification.subject_id)
        target = owners.get(notification.target_subject_id) if notification.target_subject_id else None
        if about is None or not kinds.known(notification.kind):
            continue
        if notification.target_subject_id and target is None:
            if with_gone:
                shown.append(Notice(notification, kinds.get(notification.kind), about, None, DELETED))
            continue
        found = removed(about, target)
        if found is not None:
            if with_gone:
                shown.append(Notice(notification, kinds.get(notification.kind), about, target, *found))
            continue
        if all(subjects.kind_of(obj).visible(user, obj) for obj in (about, target) if obj is not None):
            shown.append(Notice(notification, kinds.get(notification.kind), about, target))
    return shown
