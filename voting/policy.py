"""Who may vote: pure functions of the user and a votable object (an idea, a post).

A votable object offers `author_id`, `votes_open` (may votes be cast or withdrawn now?) and
`self_votes_allowed` (may its author vote on it?).
"""
from __future__ import annotations

from typing import Protocol

from app.permissions import may_contribute, signed_in_member


class Votable(Protocol):
    author_id: int | None

    @property
    def votes_open(self) -> bool: ...

    @property
    def self_votes_allowed(self) -> bool: ...


def is_own(user, target: Votable) -> bool:
    return signed_in_member(user) and target.author_id is not None and target.author_id == user.id


def can_vote(user, target: Votable) -> bool:
    """Confirmed members vote while votes are open (not while silenced); on their own work only where that is
    allowed."""
    if not may_contribute(user) or not target.votes_open:
        return False
    return target.self_votes_allowed or not is_own(user, target)


def can_withdraw_vote(user, target: Votable) -> bool:
    """Confirmed members take their vote back while votes are open."""
    return signed_in_member(user) and target.votes_open
