"""The audit log: every moderator and administrator action, and refused attempts on moderation routes.

`record` adds one row in the caller's transaction (a refused attempt commits on its own, since the request that
made it writes nothing else). Rows are never changed or removed: the database refuses it (migration 0011).
"""
from __future__ import annotations

from typing import Any

from app.extensions import db
from app.moderation.models import AuditEntry
from app.unit_of_work import use_case


def record(actor, action: str, *, obj: Any = None, subject_id: int | None = None, reason: str = "",
           before: dict | None = None, after: dict | None = None, refused: bool = False) -> AuditEntry:
    """Add an entry for `actor` doing `action` (a dotted name, e.g. "decision.hide", "sanction.suspend") to `obj`
    (any model with an `id`; its table name is kept as the kind). Flushes; the caller's use case commits."""
    signed_in = actor is not None and getattr(actor, "is_authenticated", False)
    entry = AuditEntry(
        actor_id=actor.id if signed_in else None, actor_name=actor.username if signed_in else "",
        action=action, object_kind=getattr(obj, "__tablename__", "") if obj is not None else "",
        object_id=getattr(obj, "id", None), subject_id=subject_id if subject_id is not None else getattr(
            obj, "subject_id", None), reason=reason, before=before or {}, after=after or {}, refused=refused)
    db.session.add(entry)
    db.session.flush()
    return entry


@use_case
def record_refusal(actor, action: str, *, path: str) -> AuditEntry:
    """Log a refused attempt on a moderation route (403 or 404 for someone who is not a moderator) and commit."""
    return record(actor, action, refused=True, after={"path": path})
