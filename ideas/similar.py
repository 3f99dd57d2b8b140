"""Similar ideas while proposing (Fider's "similar posts"): up to five published, open ideas whose words the typed
title shares, with their supports and status, so that someone about to repeat an idea can support it instead.

Open here means the idea is still in play: not a draft, not a duplicate (merged into another), not withdrawn.
The search index finds them (`app.search.service.similar`, [] when the index is unavailable: proposing never fails
because of search); the ideas are then loaded fresh in one query, so supports and status are current and what
the reader may not see (or moderation hides) is left out whatever the index says.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from app.extensions import db
from app.search import service as search
from ideas import policy
from ideas.merging import NO_ORIGINAL
from ideas.models import Idea, Status
from voting.queries import voted_subject_ids

OPEN = tuple(status.value for status in Status if status not in NO_ORIGINAL)  # what may take a duplicate in
TITLE_QUERY_MAX = 300  # longer than any title (TITLE_MAX): what is typed beyond it is not searched


@dataclass(frozen=True)
class Similar:
    """The similar ideas, best first, and the Subject ids of those the reader supports already."""

    ideas: list[Idea] = field(default_factory=list)
    supported: frozenset[int] = frozenset()


def similar_ideas(title: str | None, user) -> Similar:
    """Up to five open ideas like `title` that `user` may see: one search, then two queries at most (the ideas,
    the reader's supports among them); nothing for an empty title."""
    text = (title or "").strip()[:TITLE_QUERY_MAX]
    if not text:
        return Similar()
    ids = [hit.id for hit in search.similar(text, user, kinds=("idea",), statuses=OPEN) if hit.kind == "idea"]
    if not ids:
        return Similar()
    found = {idea.id: idea for idea in db.session.execute(
        select(Idea).where(Idea.id.in_(ids), Idea.status.in_(OPEN))
        .options(joinedload(Idea.category), joinedload(Idea.subject))).scalars()}
    ideas = [found[i] for i in ids if i in found and policy.can_view(user, found[i]) and not policy.is_hidden(found[i])]
    return Similar(ideas, frozenset(voted_subject_ids(user, [idea.subject_id for idea in ideas])))
