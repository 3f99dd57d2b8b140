"""Holding a write for review (pre-moderation): the one holder of the gate (`gate.on_hold`).

A write that a screen held (a sandboxed author in a pre-moderated category, a watched word) is saved but hidden
at once with the reason "held" ("Waiting for review"), as if moderation had hidden it automatically: its author
and the moderators see it, nobody else does, lists and counters leave it out. It goes into the review queue;
a moderator's "keep" publishes it, "hide" keeps it hidden with a reason.
"""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

from app import subjects
from app.moderation import audit, hiding, intake
from app.trust import gate
from app.trust.sandbox import is_sandboxed

PREMODERATED = "premoderated category, sandboxed author"
WAITING = _l("Waiting for review")
SAVED_FOR_REVIEW = _l("Thank you! A moderator looks at it before others can see it; until then only you see it.")


def is_held(subject) -> bool:
    """Whether `subject` waits for review (held by the gate, not yet published by a moderator)."""
    return subject is not None and subject.hidden_reason == hiding.HELD


def saved_message(subject, published: str) -> tuple[str, str]:
    """The message and its flash category after a write: `published` ("success"), or that it waits for review
    ("info") when the gate held it."""
    return (str(SAVED_FOR_REVIEW), "info") if is_held(subject) else (published, "success")


def hold(subject, verdict: gate.Verdict) -> None:
    """Hide the new content's Subject as held and queue it for review; audit "trust.held" with the screens'
    reasons. A step of the writing use case (flushes). Does nothing for a write without a Subject or one hidden
    already."""
    if subject is None or subject.is_hidden:
        return
    owner = subjects.resolve(subject)
    hiding.hide(subject, hiding.HELD, automatically=True)
    intake.take_held(subject, owner)
    audit.record(verdict.write.author, "trust.held", obj=subject, subject_id=subject.id,
                 reason="; ".join(verdict.held_because))


def screen_premoderation(write: gate.Write, verdict: gate.Verdict) -> None:
    """A new write by a sandboxed author in a pre-moderated category waits for review (edits are not held)."""
    if write.kind == "edit" or not getattr(write.category, "premoderated", False):
        return
    if is_sandboxed(write.author):
        verdict.hold(PREMODERATED)


def register(app) -> None:
    """Make this the gate's holder and add the pre-moderation screen (after the limits)."""
    gate.on_hold(hold)
    gate.register(screen_premoderation, order=60)
