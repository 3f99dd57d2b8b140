"""Who follows a solution without pressing the button: whoever starts or leads it, and its volunteers."""
from __future__ import annotations

from app.notifications import services as follows
from ideas.solutions import signals


def _creator_follows(solution, *, actor, **_) -> None:
    follows.auto_follow(actor, solution, "create")
    if solution.owner is not None and solution.owner_id != actor.id:
        follows.follow(solution.owner, solution)  # leading it is following it


def _volunteer_follows(solution, *, contribution, **_) -> None:
    follows.auto_follow(contribution.user, solution, "support")


def connect() -> None:
    """Subscribe to the solution signals (idempotent)."""
    signals.solution_created.connect(_creator_follows)
    signals.volunteered.connect(_volunteer_follows)
