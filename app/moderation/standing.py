"""An account's standing: the sanction in force and the words that tell its holder why they may not write or
sign in ("You are silenced until …: …"), in their language with Babel's dates.

The account's `silenced_until` / `suspended_until` say whether a sanction is in force without a query; the reason
comes from the latest Sanction row of that kind that has not been lifted (one query, kept on `g` per request).
"""
from __future__ import annotations

from flask import g, has_request_context
from flask_babel import format_datetime, gettext
from flask_login import current_user
from sqlalchemy import select

from app.extensions import db
from app.moderation.models import Sanction, SanctionKind
from app.permissions import is_silenced_member
from app.users.models import User


def sanction_in_force(user: User, kind: SanctionKind) -> Sanction | None:
    """The latest sanction of `kind` on `user` that has not been lifted (None when none is in force)."""
    until = user.silenced_until if SanctionKind(kind) is SanctionKind.SILENCE else user.suspended_until
    if until is None:
        return None
    query = (select(Sanction).where(Sanction.user_id == user.id, Sanction.kind == SanctionKind(kind),
                                    Sanction.lifted_at.is_(None))
             .order_by(Sanction.starts_at.desc(), Sanction.id.desc()).limit(1))
    return db.session.execute(query).scalar_one_or_none()


def silence_message(user: User) -> str | None:
    """"You are silenced until <date>: <reason>" for a silenced member, None for anyone else."""
    if not is_silenced_member(user):
        return None
    sanction = sanction_in_force(user, SanctionKind.SILENCE)
    reason = sanction.reason if sanction is not None else ""
    when = format_datetime(user.silenced_until, "medium")
    if reason:
        return gettext("You are silenced until %(date)s: %(reason)s", date=when, reason=reason)
    return gettext("You are silenced until %(date)s.", date=when)


def current_silence_message() -> str | None:
    """The silence message of the signed-in visitor (None when not silenced), once per request."""
    if not has_request_context() or not current_user.is_authenticated:
        return None
    if "silence_message" not in g:
        g.silence_message = silence_message(current_user._get_current_object())
    return g.silence_message


def suspension_message(user: User) -> str | None:
    """Why and until when `user` is suspended, for the login page after a correct password (None if not)."""
    if not user.is_suspended:
        return None
    sanction = sanction_in_force(user, SanctionKind.SUSPEND)
    when = format_datetime(user.suspended_until, "medium")
    if sanction is not None and sanction.reason:
        return gettext("Your account is suspended until %(date)s: %(reason)s", date=when, reason=sanction.reason)
    return gettext("Your account is suspended until %(date)s.", date=when)
