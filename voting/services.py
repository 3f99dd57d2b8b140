"""Cast and withdraw votes: one row per person and Subject, the owner's counter moved in the same transaction.

Both are use cases of their own (a like) and steps of bigger ones (supporting an idea starts its answer clock in
the same transaction): see app.unit_of_work.
"""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import delete, select, update
from sqlalchemy.orm import InstrumentedAttribute

from app.dbutil import insert_or_ignore
from app.extensions import db
from app.models import utcnow
from app.permissions import NotAllowed as BaseNotAllowed
from app.unit_of_work import send_after_commit, use_case
from voting import policy, signals
from voting.models import Vote


class NotAllowed(BaseNotAllowed):
    """Raised when the voting policy refuses a vote or its withdrawal."""


@dataclass(frozen=True)
class Tally:
    """What a call did: whether it wrote or removed a vote row, and the counter afterwards."""

    changed: bool
    count: int


@use_case
def cast(voter, target, counter: InstrumentedAttribute[int]) -> Tally:
    """Record `voter`'s vote on `target` (insert-or-ignore); move `counter` up by one only if a row was written.

    `counter` is the count column of target's model (e.g. Idea.support_count); a calling use case sees the
    new count in the returned tally and acts on it in the same transaction. Safe under concurrent calls: a
    repeated vote writes nothing and counts nothing. Raises NotAllowed. Sends vote_cast after the commit if written.
    """
    if not policy.can_vote(voter, target):
        raise NotAllowed
    written = insert_or_ignore(Vote, subject_id=target.subject_id, voter_id=voter.id, created_at=utcnow())
    tally = Tally(written, _move(counter, target.subject_id, 1 if written else 0))
    if written:
        send_after_commit(signals.vote_cast, target, voter=voter, tally=tally)
    return tally


@use_case
def withdraw(voter, target, counter: InstrumentedAttribute[int]) -> Tally:
    """Remove `voter`'s vote on `target`; move `counter` down by one only if a row was deleted.

    Raises NotAllowed. Sends vote_withdrawn after the commit if a vote was removed.
    """
    if not policy.can_withdraw_vote(voter, target):
        raise NotAllowed
    result = db.session.execute(delete(Vote).where(Vote.subject_id == target.subject_id, Vote.voter_id == voter.id))
    removed = result.rowcount == 1
    tally = Tally(removed, _move(counter, target.subject_id, -1 if removed else 0))
    if removed:
        send_after_commit(signals.vote_withdrawn, target, voter=voter, tally=tally)
    return tally


def _move(counter: InstrumentedAttribute[int], subject_id: int, step: int) -> int:
    """Add `step` to the counter of the object owning `subject_id` in one UPDATE; the value afterwards."""
    model = counter.class_
    if not step:
        return db.session.execute(select(counter).where(model.subject_id == subject_id)).scalar_one()
    statement = (update(model).where(model.subject_id == subject_id).values({counter.key: counter + step})
                 .returning(counter).execution_options(synchronize_session=False))
    return db.session.execute(statement).scalar_one()

