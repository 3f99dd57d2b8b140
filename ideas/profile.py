"""A profile's sections of ideas and solutions (app.users.profile_sections), one query a list: the ideas a
person proposed, their drafts (for themselves alone), and the solutions they lead or help with.

Left out, for every viewer (lists leave hidden Subjects out, app.moderation.visibility): ideas and solutions
hidden by moderation or held for review, and help that was not accepted or that its helper keeps off the public
team list. Drafts are listed to their author only: not to other members, moderators or administrators.
"""
from __future__ import annotations

from dataclasses import dataclass

from flask import Flask
from flask_babel import lazy_gettext as _l
from sqlalchemy import and_, func, or_, select

from app.extensions import db
from app.moderation.visibility import not_hidden
from app.permissions import signed_in_member
from app.users import profile_sections
from ideas.models import Idea
from ideas.reading import drafts_of, published_conditions
from ideas.solutions.models import Contribution, ContributionState, Solution

OWNER = "owner"


def _published(person):
    return Idea.author_id == person.id, *published_conditions()


def published_ideas(person, viewer, limit: int, offset: int = 0) -> list[Idea]:
    """`person`'s published ideas that anyone may see, newest first (one query)."""
    return list(db.session.execute(
        select(Idea).where(*_published(person)).order_by(Idea.published_at.desc(), Idea.id.desc())
        .limit(limit).offset(offset)).scalars())


def count_ideas(person, viewer) -> int:
    return db.session.execute(select(func.count(Idea.id)).where(*_published(person))).scalar_one()


def _own(person, viewer) -> bool:
    return signed_in_member(viewer) and viewer.id == person.id


def drafts(person, viewer, limit: int, offset: int = 0) -> list[Idea] | None:
    """`person`'s drafts, last saved first, when `viewer` is that person; None for anyone else (one query)."""
    if not _own(person, viewer):
        return None
    return list(db.session.execute(drafts_of(person).limit(limit).offset(offset)).scalars())


def count_drafts(person, viewer) -> int:
    if not _own(person, viewer):
        return 0
    return db.session.execute(select(func.count()).select_from(drafts_of(person).order_by(None).subquery())
                              ).scalar_one()


@dataclass(frozen=True)
class Work:
    """A solution on a profile and the person's part in it: OWNER, or the role of their accepted help."""

    solution: Solution
    role: str


def _worked_on(person):
    helping = and_(Contribution.solution_id == Solution.id, Contribution.user_id == person.id,
                   Contribution.state == ContributionState.ACCEPTED, Contribution.public.is_(True))
    where = (or_(Solution.owner_id == person.id, Contribution.id.is_not(None)), not_hidden(Solution.subject_id))
    return helping, where


def solutions_worked_on(person, viewer, limit: int, offset: int = 0) -> list[Work]:
    """The solutions `person` leads or publicly helps with, that anyone may see, newest first (one query)."""
    helping, where = _worked_on(person)
    rows = db.session.execute(
        select(Solution, Contribution.role).outerjoin(Contribution, helping).where(*where)
        .order_by(Solution.created_at.desc(), Solution.id.desc()).limit(limit).offset(offset)).all()
    return [Work(solution, OWNER if solution.owner_id == person.id else role) for solution, role in rows]


def count_solutions(person, viewer) -> int:
    helping, where = _worked_on(person)
    return db.session.execute(
        select(func.count(Solution.id)).select_from(Solution).outerjoin(Contribution, helping).where(*where)
    ).scalar_one()


def register(app: Flask) -> None:
    """Add the sections to every profile: ideas, then (after the forums' posts) solutions, and the owner's drafts."""
    section = profile_sections.ProfileSection
    profile_sections.add(app, section("ideas", _l("Ideas"), "ideas/_profile_ideas.html",
                                      load=published_ideas, count=count_ideas, order=10))
    profile_sections.add(app, section("solutions", _l("Solutions"), "solutions/_profile_solutions.html",
                                      load=solutions_worked_on, count=count_solutions, order=30))
    profile_sections.add(app, section("drafts", _l("Your drafts"), "ideas/_profile_drafts.html",
                                      load=drafts, count=count_drafts, order=40))
