"""Read votes for pages: whose votes a listing shows, and votes per Subject over a recent period.

Only counted votes count anywhere: a vote staff set aside (support integrity) stays as evidence but is no
vote in a listing, a filter, a tally or an ordering (`COUNTED`).
"""
from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import ColumnElement, Subquery, func, select

from app.extensions import db
from voting.models import Vote

COUNTED: ColumnElement[bool] = Vote.set_aside_at.is_(None)


def voted_subject_ids(user, subject_ids: Iterable[int]) -> set[int]:
    """Which of `subject_ids` `user` voted on: one query, none for anonymous visitors or an empty page."""
    ids = list(subject_ids)
    if not ids or user is None or not user.is_authenticated:
        return set()
    rows = db.session.execute(select(Vote.subject_id).where(Vote.voter_id == user.id, Vote.subject_id.in_(ids),
                                                            COUNTED))
    return set(rows.scalars())


def counted_voter_ids(subject_id: int) -> tuple[int, ...]:
    """Who has a counted vote on the Subject `subject_id`, in id order (one query)."""
    return tuple(db.session.execute(select(Vote.voter_id).where(Vote.subject_id == subject_id, COUNTED)
                                    .order_by(Vote.voter_id)).scalars())


def vote_state(user, subject_id: int) -> str | None:
    """"counted", "set_aside" (staff set the user's vote aside) or None: one query, none for visitors."""
    if user is None or not user.is_authenticated:
        return None
    set_aside_at = db.session.execute(select(Vote.set_aside_at).where(
        Vote.voter_id == user.id, Vote.subject_id == subject_id)).first()
    if set_aside_at is None:
        return None
    return "counted" if set_aside_at[0] is None else "set_aside"


def has_voted(user, subject_id: int) -> bool:
    """Whether `user` voted on one Subject."""
    return subject_id in voted_subject_ids(user, [subject_id])


def recent_votes(since: datetime) -> Subquery:
    """A subquery (subject_id, votes) of votes cast since `since`, for "trending" orderings.

    The recent votes are picked first, in a subquery that OFFSET 0 keeps from being merged into the grouping:
    merged, SQLite walks the whole (subject_id, voter_id) index to get rows in group order instead of reading
    the range of the (created_at, subject_id) index (40,000 votes: 6.7 ms against 0.4 ms).
    """
    recent = (select(Vote.subject_id, Vote.id).where(Vote.created_at >= since, COUNTED)
              .offset(0).subquery("recent"))
    return (select(recent.c.subject_id, func.count(recent.c.id).label("votes"))
            .group_by(recent.c.subject_id).subquery("recent_votes"))
