"""The new-member sandbox (Discourse's trust level 0): who is in it, automatic promotion, and moderators'
choice of a person's level.

A new account is sandboxed until it is SANDBOX_DAYS old or has LEAVE_AFTER_ACCEPTED accepted contributions
(neither hidden nor held, counted by `app.trust.activity`, and out for ACCEPTED_AFTER_HOURS so that readers and
moderators had the time to object: a burst of posts does not open the sandbox), whichever comes first. Promotion is checked on each
write (the gate's first screen) and when the person signs in; a level a moderator chose (`trust_locked`) is
never changed automatically. Sandboxed members have tighter write limits (`app.trust.limits`), may not report,
and wait for review in pre-moderated categories (`app.trust.holding`).
"""
from __future__ import annotations

from datetime import timedelta

from flask_babel import lazy_gettext as _l

from app.extensions import db
from app.models import utcnow
from app.moderation import audit
from app.moderation.policy import is_moderator
from app.permissions import NotAllowed
from app.trust import activity, settings
from app.trust.models import TrustLevel
from app.unit_of_work import use_case

GROUP = _l("New-member sandbox")
SANDBOX_DAYS = settings.define(
    "trust.sandbox_days", 3, label=_l("Days a new account stays in the sandbox"), group=GROUP, maximum=365,
    description=_l("New accounts leave the sandbox after this many days, or earlier with enough accepted posts."))
LEAVE_AFTER_ACCEPTED = settings.define(
    "trust.sandbox_accepted", 3, label=_l("Accepted contributions to leave the sandbox early"), group=GROUP,
    maximum=1000, description=_l("Contributions that were neither hidden nor held for review."))
ACCEPTED_AFTER_HOURS = settings.define(
    "trust.accepted_after_hours", 24, label=_l("Hours before a contribution counts as accepted"), group=GROUP,
    maximum=24 * 365, description=_l("So that a burst of posts does not open the sandbox before anyone could "
                                     "report them."))

LEVEL_LABELS = {
    TrustLevel.SANDBOX: _l("New member (sandbox)"),
    TrustLevel.MEMBER: _l("Member"),
}


def level_label(level: int) -> str:
    """The name of a trust level in the reader's language."""
    return str(LEVEL_LABELS.get(level, LEVEL_LABELS[TrustLevel.MEMBER]))


def is_sandboxed(user) -> bool:
    """Whether `user` is a signed-in account still in the new-member sandbox (no query)."""
    return (user is not None and getattr(user, "is_authenticated", False)
            and (user.trust_level or 0) < TrustLevel.MEMBER)


def promotion_due(user) -> bool:
    """Whether a sandboxed, unlocked account meets the criteria to leave the sandbox (at most one query)."""
    if not is_sandboxed(user) or user.trust_locked:
        return False
    if user.created_at is not None and utcnow() - _aware(user.created_at) >= timedelta(
            days=settings.value(SANDBOX_DAYS)):
        return True
    before = utcnow() - timedelta(hours=settings.value(ACCEPTED_AFTER_HOURS))
    return activity.accepted(user.id, before) >= settings.value(LEAVE_AFTER_ACCEPTED)


def promote_if_due(user) -> bool:
    """Promote `user` to member when the criteria are met (audit "trust.promoted", no actor). A step: flushes,
    the caller's use case commits. Returns whether it promoted."""
    if not promotion_due(user):
        return False
    _change(None, user, TrustLevel.MEMBER, reason="automatic", lock=False)
    return True


@use_case
def check_on_sign_in(user) -> bool:
    """The use case run when someone signs in: promote them when due. Returns whether it promoted."""
    return promote_if_due(user)


@use_case
def set_trust(moderator, user, level: int, reason: str = "") -> bool:
    """A moderator puts `user` at `level` (sandbox or member) and locks it against automatic changes; audited as
    "trust.promoted" or "trust.sandboxed" with the reason. Returns whether the level changed (the lock is set
    either way). Raises NotAllowed (not a moderator, or their own level) and ValueError (an unknown level)."""
    if level not in LEVEL_LABELS:
        raise ValueError(f"unknown trust level {level!r}")
    if not is_moderator(moderator) or user is None or user.id == moderator.id:
        raise NotAllowed()
    changed = (user.trust_level or 0) != level
    if not changed and user.trust_locked:
        return False
    _change(moderator, user, level, reason=reason.strip(), lock=True)
    return changed


def _change(actor, user, level: int, *, reason: str, lock: bool) -> None:
    before = {"trust_level": user.trust_level, "trust_locked": user.trust_locked}
    user.trust_level, user.trust_changed_at = level, utcnow()
    user.trust_locked = lock or user.trust_locked
    action = "trust.promoted" if level >= TrustLevel.MEMBER else "trust.sandboxed"
    audit.record(actor, action, obj=user, reason=reason,
                 before=before, after={"trust_level": level, "trust_locked": user.trust_locked})
    db.session.flush()


def _aware(moment):
    from datetime import timezone

    return moment if moment.tzinfo is not None else moment.replace(tzinfo=timezone.utc)


def _on_sign_in(sender, user, **extra) -> None:
    if is_sandboxed(user) and not user.trust_locked:
        check_on_sign_in(user)


def register(app) -> None:
    """Check promotion whenever someone signs in."""
    from flask_login import user_logged_in

    user_logged_in.connect(_on_sign_in, weak=False)
