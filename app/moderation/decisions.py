"""Recording a moderation decision: the Decision row with its statement of reasons, its audit entry, and the
`decision_made` signal after the commit (the statement goes out to the affected person on it)."""
from __future__ import annotations

from datetime import datetime

from app.extensions import db
from app.models import Subject
from app.moderation import audit
from app.moderation.models import Action, Decision, Reason, Source
from app.moderation.signals import decision_made
from app.unit_of_work import send_after_commit


class StatementIncomplete(ValueError):
    """A restriction needs the facts and a house rule or legal ground (DSA Art. 17), unless it was automatic."""


def record(moderator, action: Action, *, source: Source, subject: Subject | None = None, affected_id: int | None = None,
           reason: Reason | None = None, facts: str = "", rule_number: int | None = None, legal_ground: str = "",
           ends_at: datetime | None = None, content_before: dict | None = None, content_after: dict | None = None,
           automated: bool = False) -> Decision:
    """Add a decision and its audit entry (flush only) and queue `decision_made`. `moderator` None: automatic.

    Raises StatementIncomplete for a restriction made by a person without facts, or without a rule or ground.
    """
    action, source = Action(action), Source(source)
    facts, legal_ground = facts.strip(), legal_ground.strip()
    if action.restricts and not automated and (not facts or (rule_number is None and not legal_ground)):
        raise StatementIncomplete(action.value)
    decision = Decision(
        action=action, source=source, subject_id=subject.id if subject is not None else None,
        affected_id=affected_id, moderator_id=moderator.id if moderator is not None else None,
        reason=Reason(reason) if reason is not None else None, facts=facts, rule_number=rule_number,
        legal_ground=legal_ground, ends_at=ends_at, content_before=content_before or {},
        content_after=content_after or {}, automated=automated)
    db.session.add(decision)
    db.session.flush()
    audit.record(moderator, f"decision.{action.value}", obj=decision,
                 subject_id=decision.subject_id, reason=facts or (reason.value if reason else ""),
                 before=content_before, after=content_after)
    send_after_commit(decision_made, decision)
    return decision
