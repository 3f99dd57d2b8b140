"""Read votes for pages: whose votes a listing shows, and votes per Subject over a recent period."""
from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import Subquery, func, select

from app.extensions import db
from voting.models import Vote


def voted_subject_ids(user, subject_ids: Iterable[int]) -> set[int]:
    """Which of `subject_ids` `user` voted on: one query, none for anonymous visitors or an empty page."""
    ids = list(subject_ids)
    if not ids or user is None or not user.is_authenticated:
        return set()
    rows = db.session.execute(select(Vote.subject_id).where(Vote.voter_id == user.id, Vote.subject_id.in_(ids)))
    return set(rows.scalars())


def has_voted(user, subject_id: int) -> bool:
    """Whether `user` voted on one Subject."""
    return subject_id in voted_subject_ids(user, [subject_id])


def recent_votes(since: datetime) -> Subquery:
    """A subquery (subject_id, votes) of votes cast since `since`, for "trending" orderings."""
    return (select(Vote.subject_id, func.count(Vote.id).label("votes"))
            .where(Vote.created_at >= since).group_by(Vote.subject_id).subquery("recent_votes"))
