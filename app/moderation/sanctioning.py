"""Moderators sanctioning an account from its profile: silence or suspend with a statement of reasons, lift a
sanction early, and the sanction history the profile shows moderators.

`sanction_account` is one use case: the Decision (the statement of reasons, app.moderation.decisions), the
Sanction and the account's `silenced_until` / `suspended_until` (app.moderation.sanctions), and their audit
entries commit together or not at all.
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app.extensions import db
from app.models import utcnow
from app.moderation import decisions, sanctions
from app.moderation.models import Action, Decision, Sanction, SanctionKind, Source
from app.moderation.policy import can_sanction
from app.permissions import NotAllowed
from app.unit_of_work import use_case
from app.users.models import User

ACTIONS = {SanctionKind.SILENCE: Action.SILENCE, SanctionKind.SUSPEND: Action.SUSPEND}
MAX_DAYS = 365


@use_case
def sanction_account(actor: User, target: User, kind: SanctionKind, *, ends_at: datetime, facts: str,
                     rule_number: int | None = None, legal_ground: str = "") -> Sanction:
    """Silence or suspend `target` until `ends_at` on the moderator's own initiative, with the statement of
    reasons. Changes: a Decision, a Sanction, the account's sanction column (suspending also replaces its session
    token, which ends every session and remember cookie), two audit entries; commits once.

    Raises NotAllowed when `actor` may not sanction `target` (app.moderation.policy.can_sanction),
    decisions.StatementIncomplete without facts or without a rule and ground, ValueError for an end in the past.
    Signals after the commit: decision_made (the statement goes out), sanction_changed.
    """
    if not can_sanction(actor, target):
        raise NotAllowed()
    kind = SanctionKind(kind)
    if ends_at <= utcnow():
        raise ValueError("a sanction ends in the future")
    decision = decisions.record(actor, ACTIONS[kind], source=Source.OWN_INITIATIVE, affected_id=target.id,
                                facts=facts, rule_number=rule_number, legal_ground=legal_ground, ends_at=ends_at)
    return sanctions.impose(actor, target, kind, ends_at=ends_at, reason=facts.strip(), decision_id=decision.id)


@use_case
def lift_sanction(actor: User, sanction: Sanction, *, reason: str) -> None:
    """End `sanction` now, for a stated reason (audited). Raises NotAllowed when `actor` may not sanction its
    holder, ValueError without a reason or for a sanction no longer in force. Signals sanction_changed."""
    if not can_sanction(actor, sanction.user):
        raise NotAllowed()
    if not reason.strip() or not in_force(sanction):
        raise ValueError("a lift needs a reason and a sanction in force")
    sanctions.lift(actor, sanction, reason=reason.strip())


def in_force(sanction: Sanction, now: datetime | None = None) -> bool:
    """Whether `sanction` restricts its holder right now."""
    return sanction.lifted_at is None and sanction.ends_at > (now or utcnow())


def history(user: User) -> list[Sanction]:
    """Every sanction `user` received, newest first (one query)."""
    return list(db.session.execute(
        select(Sanction).where(Sanction.user_id == user.id)
        .order_by(Sanction.starts_at.desc(), Sanction.id.desc())).scalars())


def decisions_of(sanctions_: list[Sanction]) -> dict[int, Decision]:
    """The decisions (statements of reasons) behind `sanctions_`, by id, with their moderators (one query)."""
    ids = {s.decision_id for s in sanctions_ if s.decision_id is not None}
    if not ids:
        return {}
    rows = db.session.execute(select(Decision).where(Decision.id.in_(ids))
                              .options(selectinload(Decision.moderator))).scalars()
    return {decision.id: decision for decision in rows}


def sanction_of(user: User, sanction_id: int) -> Sanction | None:
    """`user`'s sanction `sanction_id`, or None."""
    sanction = db.session.get(Sanction, sanction_id)
    return sanction if sanction is not None and sanction.user_id == user.id else None
