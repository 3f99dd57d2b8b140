"""Cast and withdraw votes: one row per person and Subject, the owner's counter moved in the same transaction.

Both are use cases of their own (a like) and steps of bigger ones (supporting an idea starts its answer clock in
the same transaction): see app.unit_of_work.
"""
from __future__ import annotations

from dataclasses import dataclass

from collections.abc import Collection

from sqlalchemy import delete, select, update
from sqlalchemy.orm import InstrumentedAttribute

from app.dbutil import dialect_insert
from app.extensions import db
from app.models import utcnow
from app.permissions import NotAllowed as BaseNotAllowed
from app.unit_of_work import send_after_commit, use_case
from voting import policy, signals, traces
from voting.models import Vote
from voting.queries import COUNTED, counted_voter_ids


class NotAllowed(BaseNotAllowed):
    """Raised when the voting policy refuses a vote or its withdrawal."""


@dataclass(frozen=True)
class Tally:
    """What a call did: whether it wrote or removed a vote row, and the counter afterwards."""

    changed: bool
    count: int


@use_case
def cast(voter, target, counter: InstrumentedAttribute[int], trace: traces.Trace | None = None) -> Tally:
    """Record `voter`'s vote on `target` (insert-or-ignore); move `counter` up by one only if a row was written.

    `counter` is the count column of target's model (e.g. Idea.support_count); a calling use case sees the
    new count in the returned tally and acts on it in the same transaction. Safe under concurrent calls: a
    repeated vote writes nothing and counts nothing, and neither does a vote while staff set the earlier one
    aside (the row stays). `trace` (hashed network and browser, see voting.traces) is stored with a new vote.
    Raises NotAllowed. Sends vote_cast after the commit if written.
    """
    if not policy.can_vote(voter, target):
        raise NotAllowed
    now = utcnow()
    statement = (dialect_insert(Vote).values(subject_id=target.subject_id, voter_id=voter.id, created_at=now)
                 .on_conflict_do_nothing().returning(Vote.id))
    vote_id = db.session.execute(statement).scalar_one_or_none()
    written = vote_id is not None
    if written:
        traces.record(vote_id, trace, now)
    tally = Tally(written, _move(counter, target.subject_id, 1 if written else 0))
    if written:
        send_after_commit(signals.vote_cast, target, voter=voter, tally=tally)
    return tally


@use_case
def withdraw(voter, target, counter: InstrumentedAttribute[int]) -> Tally:
    """Remove `voter`'s vote on `target`; move `counter` down by one only if a row was deleted.

    A vote staff set aside stays (it is evidence and no longer counted): withdrawing it changes nothing.
    Raises NotAllowed. Sends vote_withdrawn after the commit if a vote was removed.
    """
    if not policy.can_withdraw_vote(voter, target):
        raise NotAllowed
    result = db.session.execute(delete(Vote).where(Vote.subject_id == target.subject_id, Vote.voter_id == voter.id,
                                                   Vote.set_aside_at.is_(None)))
    removed = result.rowcount == 1
    tally = Tally(removed, _move(counter, target.subject_id, -1 if removed else 0))
    if removed:
        send_after_commit(signals.vote_withdrawn, target, voter=voter, tally=tally)
    return tally


@dataclass(frozen=True)
class SetAside:
    """What `set_aside` did: the votes it set aside (id, voter id), and the counter afterwards."""

    votes: tuple[tuple[int, int], ...]
    count: int


@use_case
def set_aside(actor, target, vote_ids: Collection[int], reason: str,
              counter: InstrumentedAttribute[int]) -> SetAside:
    """Set aside the counted votes among `vote_ids` on `target` (staff found them suspicious): they stay, with
    when, why and by whom, but count no more; `counter` moves down by exactly the number set aside.

    Votes of other subjects and votes already set aside are left alone. The caller checks who may do this (a
    step of ideas.services.set_aside_supports). Raises ValueError for an empty reason. Sends votes_set_aside
    after the commit when any vote was set aside.
    """
    if not reason.strip():
        raise ValueError("a reason is required")
    ids = sorted({int(i) for i in vote_ids})
    rows: list[tuple[int, int]] = []
    if ids:
        statement = (update(Vote).where(Vote.id.in_(ids), Vote.subject_id == target.subject_id,
                                        Vote.set_aside_at.is_(None))
                     .values(set_aside_at=utcnow(), set_aside_reason=reason.strip(), set_aside_by_id=actor.id)
                     .returning(Vote.id, Vote.voter_id).execution_options(synchronize_session=False))
        rows = sorted((vote_id, voter_id) for vote_id, voter_id in db.session.execute(statement).all())
    result = SetAside(tuple(rows), _move(counter, target.subject_id, -len(rows)))
    if rows:
        send_after_commit(signals.votes_set_aside, target, actor=actor, result=result, reason=reason.strip())
    return result


@dataclass(frozen=True)
class Transfer:
    """What `transfer` did: who had a counted vote on the source, how many of those the target gained (a voter
    who had voted on both keeps the one vote on the target), and both counters afterwards."""

    voter_ids: tuple[int, ...]
    moved: int
    source_count: int
    target_count: int


@use_case
def transfer(source, target, counter: InstrumentedAttribute[int], *, exclude_voter_ids: Collection[int] = ()
             ) -> Transfer:
    """Move the counted votes on `source` to `target` (a duplicate merged into its original): one INSERT … SELECT
    … ON CONFLICT DO NOTHING copies them (keeping when each was cast), so nobody is counted twice, then the
    counted votes on `source` are deleted; both counters move by exactly the rows written and deleted.

    Votes set aside stay on `source` (they are evidence and count nowhere); voters in `exclude_voter_ids` (the
    target's author where self-votes are not allowed) lose their vote on `source` without one on `target`.
    The caller checks who may do this, that `target` takes votes, and locks both owners' rows first (in a
    consistent order) so that no vote on either slips in between. Sends nothing: the caller tells the voters.
    """
    counted = (Vote.subject_id == source.subject_id, COUNTED)
    voter_ids = counted_voter_ids(source.subject_id)
    excluded = sorted({int(i) for i in exclude_voter_ids})
    copied = select(db.literal(target.subject_id), Vote.voter_id, Vote.created_at).where(*counted)
    if excluded:
        copied = copied.where(Vote.voter_id.not_in(excluded))
    written = db.session.execute(
        dialect_insert(Vote).from_select(["subject_id", "voter_id", "created_at"], copied)
        .on_conflict_do_nothing().returning(Vote.id)).all()
    removed = db.session.execute(delete(Vote).where(*counted).execution_options(synchronize_session=False))
    return Transfer(voter_ids, len(written), _move(counter, source.subject_id, -removed.rowcount),
                    _move(counter, target.subject_id, len(written)))


def remove_votes(voter_id: int, counter: InstrumentedAttribute[int]) -> int:
    """Delete every vote of `voter_id` (an account being deleted) on objects of `counter`'s model, moving the
    counter of each one still counted (not set aside) down by one. Flush only; sends nothing. How many counted."""
    model = counter.class_
    rows = db.session.execute(select(Vote.id, Vote.subject_id, Vote.set_aside_at).join(
        model, model.subject_id == Vote.subject_id).where(Vote.voter_id == voter_id)).all()
    for _vote_id, subject_id, set_aside_at in rows:
        if set_aside_at is None:
            _move(counter, subject_id, -1)
    if rows:
        db.session.execute(delete(Vote).where(Vote.id.in_([row[0] for row in rows])))
    return sum(1 for row in rows if row[2] is None)


def _move(counter: InstrumentedAttribute[int], subject_id: int, step: int) -> int:
    """Add `step` to the counter of the object owning `subject_id` in one UPDATE; the value afterwards."""
    model = counter.class_
    if not step:
        return db.session.execute(select(counter).where(model.subject_id == subject_id)).scalar_one()
    statement = (update(model).where(model.subject_id == subject_id).values({counter.key: counter + step})
                 .returning(counter).execution_options(synchronize_session=False))
    return db.session.execute(statement).scalar_one()

