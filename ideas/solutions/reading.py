"""What the solution pages show, each in a fixed number of queries: the filtered list and one solution."""
from __future__ import annotations

import math
from dataclasses import dataclass, field

from markupsafe import Markup
from sqlalchemy import Select, func, select
from sqlalchemy.orm import joinedload

from app.extensions import db
from app.text import stored_html
from ideas.models import Idea, IdeaCategory
from ideas.solutions.models import (Contribution, Milestone, ProgressUpdate, Rating, Solution, SolutionIdea,
                                    SolutionStatus)

SOLUTIONS_PER_PAGE = 20


@dataclass(frozen=True)
class SolutionPage:
    """One page of the list: its solutions, the total, and where it stands."""

    solutions: list[Solution]
    total: int
    page: int

    @property
    def pages(self) -> int:
        return max(1, math.ceil(self.total / SOLUTIONS_PER_PAGE))


def list_solutions(page: int, *, status: SolutionStatus | None = None,
                   category: IdeaCategory | None = None) -> SolutionPage:
    """Solutions, last updated first, optionally of one status and category: a COUNT and the page."""
    query = select(Solution)
    if status is not None:
        query = query.where(Solution.status == status.value)
    if category is not None:
        query = query.where(Solution.category_id == category.id)
    total = db.session.execute(select(func.count()).select_from(query.subquery())).scalar_one()
    rows = db.session.execute(query.options(joinedload(Solution.category), joinedload(Solution.owner))
                              .order_by(Solution.updated_at.desc(), Solution.id.desc())
                              .limit(SOLUTIONS_PER_PAGE).offset((page - 1) * SOLUTIONS_PER_PAGE)).scalars().all()
    return SolutionPage(list(rows), total, page)


@dataclass
class SolutionView:
    """Everything the solution page shows besides its discussion."""

    solution: Solution
    ideas: list[Idea]
    milestones: list[Milestone]
    updates: list[ProgressUpdate]
    team: list[Contribution]
    distribution: dict[int, int] = field(default_factory=dict)  # score -> number of answers


def linked_ideas(solution: Solution) -> list[Idea]:
    """The published ideas a solution is built from, oldest link first (one query)."""
    return list(db.session.execute(select(Idea).join(SolutionIdea, SolutionIdea.idea_id == Idea.id)
                                   .where(SolutionIdea.solution_id == solution.id, Idea.status != "draft")
                                   .order_by(SolutionIdea.id)).scalars())


def solution_or_none(solution_id: int) -> Solution | None:
    return db.session.execute(select(Solution).where(Solution.id == solution_id).options(
        joinedload(Solution.category), joinedload(Solution.owner))).unique().scalar_one_or_none()


def solution_view(solution: Solution) -> SolutionView:
    """Linked ideas, milestones by date, updates newest first, the public team, the rating distribution:
    five queries whatever their number."""
    ideas = linked_ideas(solution)
    milestones = db.session.execute(select(Milestone).where(Milestone.solution_id == solution.id)
                                    .order_by(Milestone.planned_on, Milestone.id)).scalars().all()
    updates = db.session.execute(select(ProgressUpdate).options(joinedload(ProgressUpdate.author))
                                 .where(ProgressUpdate.solution_id == solution.id)
                                 .order_by(ProgressUpdate.created_at.desc(), ProgressUpdate.id.desc())).scalars().all()
    team = db.session.execute(select(Contribution).options(joinedload(Contribution.user)).where(
        Contribution.solution_id == solution.id, Contribution.state == "accepted", Contribution.public.is_(True))
        .order_by(Contribution.decided_at, Contribution.id)).scalars().all()
    counts = dict(db.session.execute(select(Rating.score, func.count(Rating.id)).where(
        Rating.solution_id == solution.id).group_by(Rating.score)).all())
    return SolutionView(solution, ideas, list(milestones), list(updates), list(team),
                        {score: counts.get(score, 0) for score in range(5, 0, -1)})


def solutions_of(idea: Idea) -> list[Solution]:
    """The solutions an idea feeds, oldest link first (one query), for the idea page."""
    return list(db.session.execute(select(Solution).join(SolutionIdea, SolutionIdea.solution_id == Solution.id)
                                   .where(SolutionIdea.idea_id == idea.id).order_by(SolutionIdea.id)).scalars())


def milestone_html(milestone: Milestone) -> Markup:
    """A milestone for a feed or an e-mail: its title (text, escaped) and its stored description HTML."""
    return Markup("<p><strong>%s</strong></p>") % milestone.title + stored_html(milestone.description_html)


def linked_idea_subjects(solution: Solution) -> Select:
    """A subquery of the Subject ids of the ideas `solution` is built from (for "who supports them")."""
    return select(Idea.subject_id).join(SolutionIdea, SolutionIdea.idea_id == Idea.id).where(
        SolutionIdea.solution_id == solution.id)
