"""What the ideas tell their followers: status changes, official answers, merges into another idea, the support
threshold, new ideas in a followed category; and what they tell a supporter whose support staff set aside.

Kinds of notification registered with the core, and receivers of the idea signals that publish them.
"""
from __future__ import annotations

from flask_babel import format_date
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from markupsafe import Markup

from app.extensions import db
from app.moderation.models import AuditEntry
from app.notifications import kinds
from app.notifications.publishing import followers, publish
from ideas import signals
from ideas.models import Idea, IdeaStatusChange, Status
from ideas.timeline import explained_alone


def _explanation(notice) -> str | None:
    """The city's public explanation of the change (stored sanitised HTML)."""
    change_id = notice.notification.data.split(":", 1)[1] if notice.notification.data else None
    if not change_id or not change_id.isdigit():
        return None
    change = db.session.get(IdeaStatusChange, int(change_id))
    return str(explained_alone(change)) if change is not None else None


def _status(notice) -> str:
    value = (notice.notification.data or "").split(":", 1)[0]
    try:
        return Status(value).label
    except ValueError:
        return value


def _set_aside_reason(notice) -> str | None:
    """The reason staff gave for setting the support aside (kept in the audit entry the notification names)."""
    entry_id = notice.notification.data or ""
    entry = db.session.get(AuditEntry, int(entry_id)) if entry_id.isdigit() else None
    if entry is None or not entry.reason:
        return None
    return str(Markup("<p>{}</p>").format(_("Reason: %(reason)s", reason=entry.reason)))


KINDS = (
    kinds.NoticeKind("status_changed", _l("Status changes of ideas you follow"), excerpt=_explanation,
                     default="immediately", sentence=lambda n: _("“%(title)s” is now: %(status)s.",
                                                                 title=n.title, status=_status(n))),
    kinds.NoticeKind("answered", _l("Official answers to ideas you follow"), excerpt=_explanation,
                     default="immediately", sentence=lambda n: _("The city answered “%(title)s”: %(status)s.",
                                                                 title=n.title, status=_status(n))),
    kinds.NoticeKind("threshold", _l("Ideas you follow reaching their support goal"), default="immediately",
                     sentence=lambda n: _("“%(title)s” has enough supports: the city answers it by %(date)s.",
                                          title=n.title, date=format_date(n.about.answer_due_at, "long"))
                     if n.about.answer_due_at else _("“%(title)s” has enough supports.", title=n.title)),
    kinds.NoticeKind("new_idea", _l("New ideas in idea categories you follow"), default="daily",
                     excerpt=lambda n: n.target.body_html if isinstance(n.target, Idea) else None,
                     sentence=lambda n: _("%(name)s proposed “%(title)s” in %(category)s.", name=n.actor_name,
                                          title=n.target_title, category=n.title)),
    kinds.NoticeKind("idea_merged", _l("Ideas you support or follow merged into another"), excerpt=_explanation,
                     default="immediately",
                     sentence=lambda n: _("“%(title)s”, which you support or follow, was merged into “%(original)s”. "
                                          "Your support counts there now.", title=n.title,
                                          original=n.target_title)),
    kinds.NoticeKind("support_set_aside", _l("Your supports that were set aside"), default="immediately",
                     excerpt=_set_aside_reason,
                     sentence=lambda n: _("Your support of “%(title)s” was set aside and no longer counts.",
                                          title=n.title)),
)


def _status_changed(idea: Idea, *, change: IdeaStatusChange, **_) -> None:
    """One notification per change: an official answer is told as the answer, a plain step as a status change."""
    publish([("answered" if change.is_answer else "status_changed", followers(idea))],
            event=f"idea-change:{change.id}", about=idea, actor=change.actor, data=f"{change.to_status}:{change.id}")


def _merged(idea: Idea, *, original: Idea, change: IdeaStatusChange, supporter_ids: list[int],
            follower_ids: list[int], **_) -> None:
    """The duplicate's supporters and followers learn where it went, under the event of its status change: the
    status-change notice sent next for the same change reaches nobody a second time."""
    publish([("idea_merged", [*supporter_ids, *follower_ids])], event=f"idea-change:{change.id}", about=idea,
            target=original, actor=change.actor, data=f"{change.to_status}:{change.id}")


def _idea_published(idea: Idea, **_) -> None:
    publish([("new_idea", followers(idea.category))], event=f"idea-new:{idea.id}", about=idea.category,
            target=idea, actor=idea.author)


def _threshold_reached(idea: Idea, **_) -> None:
    publish([("threshold", followers(idea))], event=f"idea-threshold:{idea.id}", about=idea)


def _supports_set_aside(idea: Idea, *, voter_ids: list[int], reason: str, entry_id: int, actor, **_) -> None:
    """Each supporter whose support was set aside is told, with the reason (their own wording settings apply)."""
    publish([("support_set_aside", voter_ids)], event=f"support-set-aside:{entry_id}", about=idea, actor=actor,
            data=str(entry_id))


def connect() -> None:
    """Register the idea kinds and how a removed idea is told, and subscribe to the idea signals (idempotent)."""
    kinds.register_all(KINDS)
    kinds.register_removed("idea", _l("This idea was removed."))
    signals.idea_published.connect(_idea_published)
    signals.idea_merged.connect(_merged)  # connected before the status change: it is sent first, too
    signals.idea_status_changed.connect(_status_changed)
    signals.threshold_reached.connect(_threshold_reached)
    signals.supports_set_aside.connect(_supports_set_aside)
