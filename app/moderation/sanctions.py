"""Silencing and suspending accounts, and lifting a sanction early.

The sanction in force is carried on the account (`silenced_until`, `suspended_until`), so it lapses by itself when
its time passes; `Sanction` rows keep the history. Steps of a use case: they flush, audit, and queue
`sanction_changed` for after the commit.
"""
from __future__ import annotations

from datetime import datetime

from app.extensions import db
from app.models import utcnow
from app.moderation import audit
from app.moderation.models import Sanction, SanctionKind
from app.moderation.policy import can_sanction
from app.moderation.signals import sanction_changed
from app.permissions import NotAllowed
from app.unit_of_work import send_after_commit
from app.users import sessions
from app.users.models import User, new_session_token


def impose(actor: User, target: User, kind: SanctionKind, *, ends_at: datetime, reason: str,
           decision_id: int | None = None) -> Sanction:
    """Silence or suspend `target` until `ends_at`. Suspending ends every session and remember cookie at once
    (a new session token). Raises NotAllowed when `actor` may not sanction `target` (app.moderation.policy), and
    ValueError for an end that is not in the future."""
    if not can_sanction(actor, target):
        raise NotAllowed()
    if ends_at <= utcnow():
        raise ValueError("a sanction ends in the future")
    kind = SanctionKind(kind)
    before = {"silenced_until": _iso(target.silenced_until), "suspended_until": _iso(target.suspended_until)}
    sanction = Sanction(user_id=target.id, kind=kind, reason=reason, ends_at=ends_at, decision_id=decision_id)
    db.session.add(sanction)
    if kind is SanctionKind.SILENCE:
        target.silenced_until = ends_at
    else:
        target.suspended_until = ends_at
        target.session_token = new_session_token()
        sessions.end_all(target)
    db.session.flush()
    audit.record(actor, f"sanction.{kind.value}", obj=target, reason=reason, before=before,
                 after={"silenced_until": _iso(target.silenced_until),
                        "suspended_until": _iso(target.suspended_until)})
    send_after_commit(sanction_changed, target, sanction=sanction, lifted=False)
    return sanction


def lift(actor: User | None, sanction: Sanction, *, reason: str) -> None:
    """End `sanction` now (an appeal reversed it, or a moderator lifted it). `actor` None: the system."""
    if sanction.lifted_at is not None or sanction.ends_at <= utcnow():
        return
    target = sanction.user
    sanction.lifted_at = utcnow()
    if sanction.kind is SanctionKind.SILENCE and target.silenced_until == sanction.ends_at:
        target.silenced_until = None
    if sanction.kind is SanctionKind.SUSPEND and target.suspended_until == sanction.ends_at:
        target.suspended_until = None
    db.session.flush()
    audit.record(actor, f"sanction.lift_{sanction.kind.value}", obj=target, reason=reason)
    send_after_commit(sanction_changed, target, sanction=sanction, lifted=True)


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment is not None else None
