"""Who may do what in moderation: pure functions of the acting user and the thing, used by services and templates.

Moderators and administrators review; members report (not their own content; not from the sandbox); everyone may send a notice of
illegal content. Sanctions follow rank: a moderator acts on members only, an administrator on anyone but
themselves. An appeal goes to a moderator other than the one who decided.
"""
from __future__ import annotations

from datetime import timedelta

from app.models import utcnow
from app.permissions import signed_in_member
from app.trust.models import TrustLevel
from app.users.models import Role

MODERATORS = (Role.MODERATOR, Role.ADMIN)
RANKED = (Role.MODERATOR, Role.CITY_STAFF, Role.ADMIN)  # a moderator may not sanction these
APPEAL_PERIOD = timedelta(days=183)  # six months (DSA Art. 20)


def is_moderator(user) -> bool:
    """Moderators and administrators."""
    return signed_in_member(user) and user.has_role(*MODERATORS)


def can_review(user) -> bool:
    """The review queue, decisions and the audit log."""
    return is_moderator(user)


def can_report(user, author_id: int | None) -> bool:
    """Members report what others wrote; silenced members and new members in the sandbox (app.trust) do not."""
    return (signed_in_member(user) and not user.is_silenced and (user.trust_level or 0) >= TrustLevel.MEMBER
            and (author_id is None or author_id != user.id))


def can_sanction(actor, target) -> bool:
    """Moderators silence or suspend members only; administrators anyone but themselves."""
    if not is_moderator(actor) or target is None or target.id == actor.id:
        return False
    if actor.has_role(Role.ADMIN):
        return True
    return not target.has_role(*RANKED)


def can_appeal(user, decision, *, now=None) -> bool:
    """The person a restriction affected appeals it within six months of the decision."""
    now = now or utcnow()
    # Not `is_authenticated`: Flask-Login counts a suspended account as signed out, and it may appeal all the same.
    return (getattr(user, "id", None) is not None and decision.affected_id == user.id
            and decision.action.restricts and decision.reversed_at is None
            and now - decision.created_at <= APPEAL_PERIOD)


def can_handle_appeal(user, appeal) -> bool:
    """Any moderator but the one who made the decision."""
    return is_moderator(user) and appeal.decision.moderator_id != user.id
