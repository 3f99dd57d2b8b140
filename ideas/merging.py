"""Merging a duplicate into its original: the steps `ideas.services.change_status` takes, in its transaction, when
staff mark an idea as a duplicate.

- Both idea rows are locked (`SELECT … FOR UPDATE`, lower id first), so a merge and supports of either idea
  (`ideas.services.support` takes a `FOR KEY SHARE` lock on its idea before it writes a vote) never interleave:
  a support that was first is moved, one that comes later finds the duplicate final and is refused.
- The duplicate's counted supports move to the original (`voting.services.transfer`: nobody is counted twice,
  both counters move by exactly the rows written and deleted), unless the original takes no supports any more
  (declined, implemented): then they stay where they are. Supports set aside stay on the duplicate.
- Its followers, and its supporters who follow what they support (`FollowPreference.on_support`), follow the
  original from now on.

The merge is not undone when staff reopen a duplicate: its supporters may support it again.
"""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from app.dbutil import dialect_insert
from app.extensions import db
from app.models import utcnow
from app.notifications.models import Follow, FollowPreference
from ideas.models import Idea, Status
from voting import services as voting
from voting.queries import counted_voter_ids

# What the original of a merge may not be: something nobody sees, another duplicate, or a withdrawn idea.
NO_ORIGINAL = frozenset({Status.DRAFT, Status.DUPLICATE, Status.WITHDRAWN})
_LOCKED = ["status", "support_count", "duplicate_of_id", "threshold_reached_at", "answer_due_at", "answered_at"]


@dataclass(frozen=True)
class Merge:
    """What a merge did: who supported the duplicate (counted supports), who followed it, how many supports the
    original gained, and the original's count afterwards."""

    supporter_ids: tuple[int, ...]
    follower_ids: tuple[int, ...]
    moved: int
    count: int


def may_be_original(idea: Idea, original: Idea | None) -> bool:
    """`original` can take `idea` in: another idea, published, and not itself a duplicate or withdrawn."""
    return original is not None and original.id != idea.id and original.state not in NO_ORIGINAL


def lock(idea: Idea, original: Idea) -> None:
    """Lock both rows for the rest of the transaction, lower id first (the one order every merge takes), and
    read their status and counters as they are now. A step: no commit."""
    for one in sorted((idea, original), key=lambda row: row.id):
        db.session.refresh(one, _LOCKED, with_for_update=True)


def merge(idea: Idea, original: Idea) -> Merge:
    """Move `idea`'s supports and followers to `original` (both locked by `lock`). A step: flushes."""
    follower_ids = tuple(db.session.execute(select(Follow.user_id).where(Follow.subject_id == idea.subject_id)
                                            .order_by(Follow.user_id)).scalars())
    if original.votes_open:
        excluded = () if original.self_votes_allowed or original.author_id is None else (original.author_id,)
        moved = voting.transfer(idea, original, Idea.support_count, exclude_voter_ids=excluded)
        supporter_ids, gained, count = moved.voter_ids, moved.moved, moved.target_count
        db.session.refresh(idea, ["support_count"])
        db.session.refresh(original, ["support_count"])
    else:
        supporter_ids, gained, count = counted_voter_ids(idea.subject_id), 0, original.support_count
    _follow(original, set(follower_ids) | _following_supporters(supporter_ids))
    return Merge(supporter_ids, follower_ids, gained, count)


def _following_supporters(supporter_ids: tuple[int, ...]) -> set[int]:
    """The supporters who follow what they support (no preference row: the default, they do)."""
    if not supporter_ids:
        return set()
    opted_out = set(db.session.execute(select(FollowPreference.user_id).where(
        FollowPreference.user_id.in_(supporter_ids), FollowPreference.on_support.is_(False))).scalars())
    return set(supporter_ids) - opted_out


def _follow(original: Idea, user_ids: set[int]) -> None:
    if not user_ids:
        return
    now = utcnow()
    db.session.execute(dialect_insert(Follow).values(
        [{"user_id": user_id, "subject_id": original.subject_id, "created_at": now} for user_id in sorted(user_ids)]
    ).on_conflict_do_nothing())
