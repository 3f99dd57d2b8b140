"""Undoing a decision when an appeal reverses it: hidden content is shown again, redacted text restored, deleted
content restored where its kind can restore, sanctions lifted; a keep or ignore becomes a hide. Steps of a use case
(flush only)."""
from __future__ import annotations

from sqlalchemy import select

from app import subjects
from app.extensions import db
from app.models import Subject, utcnow
from app.moderation import decisions, hiding, sanctions
from app.moderation.models import Action, Decision, Reason, Sanction


class CannotRestore(ValueError):
    """The decision deleted something its kind cannot bring back."""


def reverse(actor, decision: Decision, *, reason: str, facts: str = "", rule_number: int | None = None,
            legal_ground: str = "") -> Decision | None:
    """Undo `decision` (marking it reversed); returns the new decision a reversed keep or ignore makes, else None."""
    subject = db.session.get(Subject, decision.subject_id) if decision.subject_id else None
    owner = subjects.resolve(subject) if subject is not None else None
    hooks = subjects.get(subject.kind).moderation if subject is not None else None
    made = None
    if decision.action is Action.HIDE and subject is not None:
        hiding.show(subject)
    elif decision.action is Action.REDACT and owner is not None and hooks is not None:
        hooks.redact(owner, actor, dict(decision.content_before))
    elif decision.action is Action.DELETE and owner is not None:
        restore = hooks.restore if hooks is not None else None
        if restore is None:
            raise CannotRestore(subject.kind)
        restore(owner, actor)
    elif decision.action in (Action.SILENCE, Action.SUSPEND):
        for sanction in db.session.execute(select(Sanction).where(Sanction.decision_id == decision.id)).scalars():
            sanctions.lift(actor, sanction, reason=reason)
    elif decision.action in (Action.KEEP, Action.IGNORE) and subject is not None:
        reported = Reason(decision.reason) if decision.reason else Reason.OTHER
        made = decisions.record(actor, Action.HIDE, source=decision.source, subject=subject,
                                affected_id=hooks.author_id(owner) if hooks and owner is not None else None,
                                reason=reported, facts=facts, rule_number=rule_number, legal_ground=legal_ground,
                                content_before=hooks.content(owner) if hooks and owner is not None else {})
        hiding.hide(subject, reported)
    decision.reversed_at = utcnow()
    db.session.flush()
    return made

