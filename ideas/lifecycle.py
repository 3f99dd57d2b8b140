"""Which status may follow which, and which changes answer an idea officially."""
from __future__ import annotations

from ideas.models import Status

# Moves city staff and administrators may make (the author's only move is withdrawing, see policy).
STAFF_MOVES: dict[Status, tuple[Status, ...]] = {
    Status.NEW: (Status.UNDER_REVIEW, Status.ACCEPTED, Status.DECLINED, Status.DUPLICATE),
    Status.UNDER_REVIEW: (Status.ACCEPTED, Status.DECLINED, Status.DUPLICATE),
    Status.ACCEPTED: (Status.IN_DEVELOPMENT, Status.DECLINED),
    Status.IN_DEVELOPMENT: (Status.IMPLEMENTED, Status.ACCEPTED),
    Status.DECLINED: (Status.UNDER_REVIEW,),
    Status.DUPLICATE: (Status.UNDER_REVIEW,),
    Status.IMPLEMENTED: (),
    Status.WITHDRAWN: (),
    Status.DRAFT: (),
}
# A decision is always the city's official answer; other moves are one when staff say so.
DECISIONS = frozenset({Status.ACCEPTED, Status.DECLINED, Status.DUPLICATE})
# The author may withdraw an idea from these states (and only while nobody supports or discussed it).
WITHDRAWABLE = frozenset({Status.NEW, Status.UNDER_REVIEW})


def staff_moves(status: Status) -> tuple[Status, ...]:
    """The statuses staff may move an idea in `status` to, in the order the form offers them."""
    return STAFF_MOVES[status]


def may_move(status: Status, to: Status) -> bool:
    return to in STAFF_MOVES[status]


def is_official_answer(to: Status, marked: bool) -> bool:
    """A decision always answers; an "under review" or later step answers when staff mark it so."""
    return to in DECISIONS or marked
