"""A profile's sections of ideas and solutions (app.users.profile_sections), each one query whatever the person
wrote: the ideas they proposed, their drafts (for themselves alone), and the solutions they lead or help with.

Left out, for every viewer (lists leave hidden Subjects out, app.moderation.visibility): ideas and solutions
hidden by moderation or held for review, and help that was not accepted or that its helper keeps off the public
team list. Drafts are listed to their author only: not to other members, moderators or administrators.
"""
from __future__ import annotations

from dataclasses import dataclass

from flask import Flask
from sqlalchemy import and_, or_, select

from app.extensions import db
from app.moderation.visibility import not_hidden
from app.permissions import signed_in_member
from app.users import profile_sections
from ideas.models import Idea, Status
from ideas.solutions.models import Contribution, ContributionState, Solution

SHOWN = profile_sections.SHOWN


def published_ideas(person, limit: int = SHOWN) -> list[Idea]:
    """`person`'s newest published ideas that anyone may see (one query)."""
    return list(db.session.execute(
        select(Idea).where(Idea.author_id == person.id, Idea.status != Status.DRAFT.value,
                           not_hidden(Idea.subject_id))
        .order_by(Idea.published_at.desc(), Idea.id.desc()).limit(limit)).scalars())


def drafts(person, viewer, limit: int = SHOWN) -> list[Idea] | None:
    """`person`'s drafts, last saved first, when `viewer` is that person; None for anyone else (one query)."""
    if not signed_in_member(viewer) or viewer.id != person.id:
        return None
    return list(db.session.execute(
        select(Idea).where(Idea.author_id == person.id, Idea.status == Status.DRAFT.value)
        .order_by(Idea.updated_at.desc(), Idea.id.desc()).limit(limit)).scalars())


@dataclass(frozen=True)
class Work:
    """A solution on a profile and the person's part in it: "owner", or the role of their accepted help."""

    solution: Solution
    role: str


OWNER = "owner"


def solutions_worked_on(person, limit: int = SHOWN) -> list[Work]:
    """The newest solutions `person` leads or publicly helps with, that anyone may see (one query)."""
    helping = and_(Contribution.solution_id == Solution.id, Contribution.user_id == person.id,
                   Contribution.state == ContributionState.ACCEPTED, Contribution.public.is_(True))
    rows = db.session.execute(
        select(Solution, Contribution.role).outerjoin(Contribution, helping)
        .where(or_(Solution.owner_id == person.id, Contribution.id.is_not(None)), not_hidden(Solution.subject_id))
        .order_by(Solution.created_at.desc(), Solution.id.desc()).limit(limit)).all()
    return [Work(solution, OWNER if solution.owner_id == person.id else role) for solution, role in rows]


def register(app: Flask) -> None:
    """Add the sections to every profile: ideas, then (further down) solutions, and the owner's drafts."""
    add = profile_sections.add
    add(app, profile_sections.ProfileSection("ideas", "ideas/_profile_ideas.html",
                                             load=lambda person, viewer: published_ideas(person), order=10))
    add(app, profile_sections.ProfileSection("solutions", "solutions/_profile_solutions.html",
                                             load=lambda person, viewer: solutions_worked_on(person), order=30))
    add(app, profile_sections.ProfileSection("drafts", "ideas/_profile_drafts.html", load=drafts, order=40))
