"""Cast and withdraw votes: one row per person and Subject, the owner's counter moved in the same transaction."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import delete, select, update
from sqlalchemy.orm import InstrumentedAttribute

from app.dbutil import insert_or_ignore
from app.extensions import db
from app.models import utcnow
from voting import policy, signals
from voting.models import Vote


class NotAllowed(PermissionError):
    """Raised when the voting policy refuses a vote or its withdrawal."""


@dataclass(frozen=True)
class Tally:
    """What a call did: whether it wrote or removed a vote row, and the counter afterwards."""

    changed: bool
    count: int


Step = Callable[[Tally], None]


def cast(voter, target, counter: InstrumentedAttribute[int], *, in_transaction: Step | None = None) -> Tally:
    """Record `voter`'s vote on `target` (insert-or-ignore); move `counter` up by one only if a row was written.

    `counter` is the count column of target's model (e.g. Idea.support_count); `in_transaction(tally)` runs
    before the commit, so an owner can act on the new count atomically. Safe under concurrent calls: a
    repeated vote writes nothing and counts nothing. Raises NotAllowed. Commits; sends vote_cast if written.
    """
    if not policy.can_vote(voter, target):
        raise NotAllowed
    written = insert_or_ignore(Vote, subject_id=target.subject_id, voter_id=voter.id, created_at=utcnow())
    return _finish(target, voter, Tally(written, _move(counter, target.subject_id, 1 if written else 0)),
                   in_transaction, signals.vote_cast)


def withdraw(voter, target, counter: InstrumentedAttribute[int], *, in_transaction: Step | None = None) -> Tally:
    """Remove `voter`'s vote on `target`; move `counter` down by one only if a row was deleted.

    Raises NotAllowed. Commits; sends vote_withdrawn if a vote was removed.
    """
    if not policy.can_withdraw_vote(voter, target):
        raise NotAllowed
    result = db.session.execute(delete(Vote).where(Vote.subject_id == target.subject_id, Vote.voter_id == voter.id))
    removed = result.rowcount == 1
    return _finish(target, voter, Tally(removed, _move(counter, target.subject_id, -1 if removed else 0)),
                   in_transaction, signals.vote_withdrawn)


def _move(counter: InstrumentedAttribute[int], subject_id: int, step: int) -> int:
    """Add `step` to the counter of the object owning `subject_id` in one UPDATE; the value afterwards."""
    model = counter.class_
    if not step:
        return db.session.execute(select(counter).where(model.subject_id == subject_id)).scalar_one()
    statement = (update(model).where(model.subject_id == subject_id).values({counter.key: counter + step})
                 .returning(counter).execution_options(synchronize_session=False))
    return db.session.execute(statement).scalar_one()


def _finish(target, voter, tally: Tally, in_transaction: Step | None, signal) -> Tally:
    if in_transaction is not None:
        in_transaction(tally)
    db.session.commit()
    if tally.changed:
        signal.send(target, voter=voter, tally=tally)
    return tally
