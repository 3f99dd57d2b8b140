"""What deleting an account does to ideas and solutions (app.users.deletion): the person's supports go, and each
idea's support counter moves down with them; their ratings go, and each solution's rating count and sum with
them. Their ideas, answers, solutions and updates stay, by "Deleted participant"."""
from __future__ import annotations

from sqlalchemy import delete, select, update

from app.extensions import db
from app.users import deletion
from ideas.models import Idea
from ideas.solutions.models import Rating, Solution
from voting import services as voting


def _supports(user) -> None:
    voting.remove_votes(user.id, Idea.support_count)


def _ratings(user) -> None:
    for solution_id, score in db.session.execute(select(Rating.solution_id, Rating.score)
                                                 .where(Rating.user_id == user.id)).all():
        db.session.execute(update(Solution).where(Solution.id == solution_id).values(
            rating_count=Solution.rating_count - 1, rating_sum=Solution.rating_sum - score)
            .execution_options(synchronize_session=False))
    db.session.execute(delete(Rating).where(Rating.user_id == user.id))


def register() -> None:
    """Take the supports and ratings of a deleted account back."""
    deletion.register_step("ideas.supports", _supports)
    deletion.register_step("ideas.ratings", _ratings)
