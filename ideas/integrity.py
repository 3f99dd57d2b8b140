"""Support integrity for ideas, for staff: which ideas have suspicious supports, and the groups of one idea.

The evidence comes from voting.integrity. The overview looks at the supports of the last VOTE_TRACE_DAYS days
(the network and browser traces are gone after that) of every published idea moderation does not hide, in a
fixed number of queries however many supports there are; an idea's page looks at all its counted supports.
"""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import joinedload

from app.extensions import db
from app.moderation.visibility import not_hidden
from ideas.models import Idea, Status
from voting.integrity import Group, Support, detect, flagged, load_supports
from voting.models import Vote
from voting.traces import expiry


@dataclass(frozen=True)
class FlaggedIdea:
    """An idea with suspicious groups among its recent supports; `flagged` counts the supports in any group."""

    idea: Idea
    groups: list[Group]
    flagged: int


@dataclass(frozen=True)
class Review:
    """One idea's counted supports, their suspicious groups, and how many supports were set aside already."""

    supports: list[Support]
    groups: list[Group]
    set_aside: int

    @property
    def flagged(self) -> int:
        return len(flagged(self.groups))


def overview() -> list[FlaggedIdea]:
    """The ideas with suspicious recent supports, the most suspicious first (most flagged supports, then most
    groups): two queries (three with the settings)."""
    published = select(Idea.subject_id).where(Idea.status != Status.DRAFT.value, Idea.published_at.is_not(None),
                                              not_hidden(Idea.subject_id))
    found = {subject_id: groups for subject_id, supports in load_supports(
        Vote.subject_id.in_(published), Vote.created_at >= expiry()).items() if (groups := detect(supports))}
    if not found:
        return []
    ideas = db.session.execute(select(Idea).where(Idea.subject_id.in_(list(found)))
                               .options(joinedload(Idea.category))).scalars().all()
    shown = [FlaggedIdea(idea, found[idea.subject_id], len(flagged(found[idea.subject_id]))) for idea in ideas]
    return sorted(shown, key=lambda f: (-f.flagged, -len(f.groups), -f.idea.id))


def review(idea: Idea) -> Review:
    """The groups among all counted supports of `idea`: two queries (three with the settings)."""
    supports = load_supports(Vote.subject_id == idea.subject_id).get(idea.subject_id, [])
    set_aside = db.session.execute(select(func.count(Vote.id)).where(
        Vote.subject_id == idea.subject_id, Vote.set_aside_at.is_not(None))).scalar_one()
    return Review(supports, detect(supports), set_aside)
