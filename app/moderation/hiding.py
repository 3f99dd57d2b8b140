"""Hiding a Subject and showing it again, with the Subjects that go with it (a thread with its opening post).

Steps of a use case: they flush, and queue `visibility_changed` for after the commit (caches, search).
"""
from __future__ import annotations

from app import subjects
from app.extensions import db
from app.models import Subject, utcnow
from app.moderation.models import Reason
from app.moderation.signals import visibility_changed
from app.unit_of_work import send_after_commit

HELD = "held"  # not a report reason: app.trust holds a write for review before anyone else sees it


def _together(subject: Subject, hidden: bool) -> list[Subject]:
    """`subject` and the Subjects that go with it; tells the owner's package when the state changes (counters)."""
    entry = subjects.get(subject.kind)
    owner = subjects.resolve(subject)
    if entry.moderation is None or owner is None:
        return [subject]
    if entry.moderation.on_visibility is not None and subject.is_hidden != hidden:
        entry.moderation.on_visibility(owner, hidden)
    return [subject, *entry.moderation.hidden_with(owner)]


def hide(subject: Subject, reason: Reason | str, *, automatically: bool = False) -> None:
    """Hide `subject` (and what goes with it) for the reason category `reason` (or HELD: waiting for review)."""
    now = utcnow()
    value = HELD if reason == HELD else Reason(reason).value
    for each in _together(subject, True):
        each.hidden_reason, each.hidden_automatically, each.hidden_at = value, automatically, now
        send_after_commit(visibility_changed, each, hidden=True)
    db.session.flush()


def show(subject: Subject) -> None:
    """Show `subject` (and what goes with it) again."""
    for each in _together(subject, False):
        each.hidden_reason, each.hidden_automatically, each.hidden_at = None, False, None
        send_after_commit(visibility_changed, each, hidden=False)
    db.session.flush()
