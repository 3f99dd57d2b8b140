"""What the solution pages show, each in a fixed number of queries: the filtered list and one solution."""
from __future__ import annotations

import math
from dataclasses import dataclass, field

from markupsafe import Markup
from sqlalchemy import Select, func, select
from sqlalchemy.orm import joinedload

from app.extensions import db
from app.moderation.visibility import not_hidden
from app.text import stored_html
from app.web import MAX_ID
from ideas.models import Idea, IdeaCategory
from ideas.solutions import policy
from ideas.solutions.models import (Contribution, ContributionState, Milestone, ProgressUpdate, Rating, Solution,
                                    SolutionIdea, SolutionStatus)
from voting.models import Vote
from voting.queries import COUNTED

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
    """Solutions, last updated first, optionally of one status and category: a COUNT and the page. Solutions
    hidden by moderation are left out for everyone."""
    query = select(Solution).where(not_hidden(Solution.subject_id))
    if status is not None:
        query = query.where(Solution.status == status.value)
    if category is not None:
        query = query.where(Solution.category_id == category.id)
    total = db.session.execute(select(func.count()).select_from(query.subquery())).scalar_one()
    rows = db.session.execute(query.options(joinedload(Solution.category), joinedload(Solution.owner))
                              .order_by(Solution.updated_at.desc(), Solution.id.desc())
                              .limit(SOLUTIONS_PER_PAGE).offset((page - 1) * SOLUTIONS_PER_PAGE)).scalars().all()
    return SolutionPage(list(rows), total, page)


IN_PROGRESS = (SolutionStatus.IN_DEVELOPMENT.value, SolutionStatus.PILOTING.value)


def in_progress(limit: int) -> list[Solution]:
    """Solutions being built or piloted that moderation does not hide, last updated first, with their category
    (one query): the home page's "solutions in progress"."""
    return list(db.session.execute(
        select(Solution).where(Solution.status.in_(IN_PROGRESS), not_hidden(Solution.subject_id))
        .options(joinedload(Solution.category))
        .order_by(Solution.updated_at.desc(), Solution.id.desc()).limit(limit)).scalars())


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
                                   .where(SolutionIdea.solution_id == solution.id, Idea.status != "draft",
                                          not_hidden(Idea.subject_id))
                                   .order_by(SolutionIdea.id)).scalars())


def solution_or_none(solution_id: int) -> Solution | None:
    return db.session.execute(select(Solution).where(Solution.id == solution_id).options(
        joinedload(Solution.category), joinedload(Solution.owner), joinedload(Solution.subject))
    ).unique().scalar_one_or_none()


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
        Contribution.solution_id == solution.id, Contribution.state == ContributionState.ACCEPTED, Contribution.public.is_(True))
        .order_by(Contribution.decided_at, Contribution.id)).scalars().all()
    counts = dict(db.session.execute(select(Rating.score, func.count(Rating.id)).where(
        Rating.solution_id == solution.id).group_by(Rating.score)).all())
    return SolutionView(solution, ideas, list(milestones), list(updates), list(team),
                        {score: counts.get(score, 0) for score in range(5, 0, -1)})


def solutions_of(idea: Idea) -> list[Solution]:
    """The solutions an idea feeds that moderation does not hide, oldest link first (one query), for the idea
    page."""
    return list(db.session.execute(select(Solution).join(SolutionIdea, SolutionIdea.solution_id == Solution.id)
                                   .where(SolutionIdea.idea_id == idea.id, not_hidden(Solution.subject_id))
                                   .order_by(SolutionIdea.id)).scalars())


def milestone_html(milestone: Milestone) -> Markup:
    """A milestone for a feed or an e-mail: its title (text, escaped) and its stored description HTML."""
    return Markup("<p><strong>%s</strong></p>") % milestone.title + stored_html(milestone.description_html)


def linked_idea_subjects(solution: Solution) -> Select:
    """A subquery of the Subject ids of the ideas `solution` is built from (for "who supports them")."""
    return select(Idea.subject_id).join(SolutionIdea, SolutionIdea.idea_id == Idea.id).where(
        SolutionIdea.solution_id == solution.id)


def published_ideas(numbers: list[int]) -> dict[int, Idea]:
    """The published ideas among the typed `numbers`, by number (one query); a number no id column can hold is
    simply not found (not an error of the database)."""
    possible = [n for n in numbers if 0 < n <= MAX_ID]
    found = db.session.execute(select(Idea).where(Idea.id.in_(possible), Idea.status != "draft")).scalars()
    return {idea.id: idea for idea in found}


def contribution_of(user, solution: Solution) -> Contribution | None:
    """The signed-in user's offer to help with `solution`, whatever its state (one query; none for visitors)."""
    if user is None or not user.is_authenticated:
        return None
    return db.session.execute(select(Contribution).where(
        Contribution.solution_id == solution.id, Contribution.user_id == user.id)).scalar_one_or_none()


def supports_a_linked_idea(user, solution: Solution) -> bool:
    """Whether `user` supports one of the ideas the solution is built from (one query)."""
    if user is None or not user.is_authenticated:
        return False
    found = db.session.execute(select(Vote.id).where(
        Vote.voter_id == user.id, Vote.subject_id.in_(linked_idea_subjects(solution)), COUNTED).limit(1)).first()
    return found is not None


def rating_of(user, solution: Solution) -> Rating | None:
    """The closure answer `user` gave, if any (one query)."""
    if user is None or not user.is_authenticated:
        return None
    return db.session.execute(select(Rating).where(Rating.solution_id == solution.id,
                                                   Rating.user_id == user.id)).scalar_one_or_none()


@dataclass(frozen=True)
class ReaderPart:
    """The reader's part in a solution: their offer to help, whether they may rate and how they did, and (for
    whoever decides on volunteers) the offers waiting for an answer."""

    contribution: Contribution | None = None
    may_rate: bool = False
    rating: Rating | None = None
    pending: list[Contribution] = field(default_factory=list)


def reader_part(user, solution: Solution) -> ReaderPart:
    """What the solution page shows the signed-in reader alone: at most four queries, none for visitors."""
    if user is None or not user.is_authenticated:
        return ReaderPart()
    contribution = contribution_of(user, solution)
    may_rate = solution.state == SolutionStatus.LIVE and policy.can_rate(
        user, solution, supported=supports_a_linked_idea(user, solution))
    pending = []
    if policy.can_decide_volunteer(user, solution):
        pending = list(db.session.execute(select(Contribution).options(joinedload(Contribution.user)).where(
            Contribution.solution_id == solution.id, Contribution.state == ContributionState.PENDING)
            .order_by(Contribution.created_at, Contribution.id)).scalars())
    return ReaderPart(contribution, may_rate, rating_of(user, solution) if may_rate else None, pending)


def rating_comments(solution: Solution, limit: int = 20) -> list[Rating]:
    """The latest closure answers with a comment, newest first (one query); shown without names."""
    return list(db.session.execute(select(Rating).where(Rating.solution_id == solution.id, Rating.comment_md != "")
                                   .order_by(Rating.updated_at.desc(), Rating.id.desc()).limit(limit)).scalars())
