"""Casting and withdrawing votes: one row per person and Subject, the owner's counter in step, steps of a bigger
use case, signals only for real changes, and the viewer's votes for a page in one query.

Named test_voting_services.py because tests/forums/test_services.py already owns the module name "test_services".
"""
from __future__ import annotations

import pytest
from factories import make_idea, make_idea_category, make_reply, make_thread, make_user
from flask_login import AnonymousUserMixin
from sqlalchemy import event, func, select

from app.extensions import db
from app.unit_of_work import use_case
from forums.models import Post
from ideas.models import Idea
from voting import queries, signals
from voting.models import Vote
from voting.services import NotAllowed, Tally, cast, set_aside, transfer, withdraw


@pytest.fixture
def post(db) -> Post:
    """A reply by its author in an open thread."""
    return make_reply(make_thread(), make_user("writer"), "Worth a like")


@pytest.fixture
def voter(db):
    return make_user("voter")


def rows(subject_id: int) -> int:
    """Vote rows for a Subject, read by a connection of its own (so only committed rows count)."""
    with db.engine.connect() as connection:
        return connection.execute(select(func.count()).select_from(Vote)
                                  .where(Vote.subject_id == subject_id)).scalar_one()


def likes_of(post_id: int) -> int:
    with db.engine.connect() as connection:
        return connection.execute(select(Post.like_count).where(Post.id == post_id)).scalar_one()


# --- cast and withdraw -------------------------------------------------------------------------------------

def test_casting_twice_writes_one_row_and_counts_one(post, voter):
    first = cast(voter, post, Post.like_count)
    second = cast(voter, post, Post.like_count)

    assert first == Tally(changed=True, count=1)
    assert second == Tally(changed=False, count=1)
    assert rows(post.subject_id) == 1
    assert likes_of(post.id) == 1
    assert post.like_count == 1  # the object in the session is fresh after the commit


def test_votes_of_different_people_add_up(post, voter):
    other = make_user("other")

    cast(voter, post, Post.like_count)
    tally = cast(other, post, Post.like_count)

    assert tally == Tally(changed=True, count=2)
    assert rows(post.subject_id) == 2 and likes_of(post.id) == 2


def test_withdrawing_removes_the_row_and_a_repeat_changes_nothing(post, voter):
    other = make_user("other")
    cast(voter, post, Post.like_count)
    cast(other, post, Post.like_count)

    first = withdraw(voter, post, Post.like_count)
    second = withdraw(voter, post, Post.like_count)

    assert first == Tally(changed=True, count=1)
    assert second == Tally(changed=False, count=1)
    assert rows(post.subject_id) == 1 and likes_of(post.id) == 1
    assert queries.has_voted(other, post.subject_id) and not queries.has_voted(voter, post.subject_id)


def test_withdrawing_without_a_vote_changes_nothing(post, voter):
    assert withdraw(voter, post, Post.like_count) == Tally(changed=False, count=0)
    assert rows(post.subject_id) == 0 and likes_of(post.id) == 0


def test_supports_move_the_idea_counter_only(db, voter):
    idea = make_idea(category=make_idea_category(threshold=5))
    tally = cast(voter, idea, Idea.support_count)

    assert tally == Tally(changed=True, count=1)
    assert db.session.get(Idea, idea.id).support_count == 1
    assert rows(idea.subject_id) == 1


# --- refused -----------------------------------------------------------------------------------------------

def _lock(post: Post) -> None:
    post.thread.locked = True
    db.session.commit()


def _delete(post: Post) -> None:
    from app.models import utcnow

    post.deleted_at = utcnow()
    db.session.commit()


@pytest.mark.parametrize("who", ["anonymous", "unconfirmed", "suspended", "author"])
def test_a_refused_cast_raises_and_changes_nothing(post, voter, who):
    cast(voter, post, Post.like_count)  # one like already there: the refusal must leave it as it is
    user = {"anonymous": lambda: AnonymousUserMixin(),
            "unconfirmed": lambda: make_user("fresh", confirmed=False),
            "suspended": lambda: make_user("gone", is_active_account=False),
            "author": lambda: post.author}[who]()

    with pytest.raises(NotAllowed):
        cast(user, post, Post.like_count)

    db.session.rollback()
    assert rows(post.subject_id) == 1 and likes_of(post.id) == 1


@pytest.mark.parametrize("close", [_lock, _delete], ids=["locked-thread", "deleted-post"])
def test_closed_targets_refuse_votes_and_withdrawals(post, voter, close):
    cast(voter, post, Post.like_count)
    close(post)
    latecomer = make_user("late")

    with pytest.raises(NotAllowed):
        cast(latecomer, post, Post.like_count)
    with pytest.raises(NotAllowed):
        withdraw(voter, post, Post.like_count)

    db.session.rollback()
    assert rows(post.subject_id) == 1 and likes_of(post.id) == 1
    assert queries.has_voted(voter, post.subject_id)


def test_not_allowed_is_a_permission_error():
    assert issubclass(NotAllowed, PermissionError)


# --- inside a bigger use case ------------------------------------------------------------------------------

def test_inside_a_use_case_the_caller_sees_the_tally_before_the_one_commit(post, voter):
    """cast and withdraw are steps there: the caller acts on the tally, and nothing is committed until it returns."""
    events: list = []
    session = db.session()

    @use_case
    def like_then_unlike() -> None:
        events.append(("cast", cast(voter, post, Post.like_count), rows(post.subject_id)))
        events.append(("withdraw", withdraw(voter, post, Post.like_count), rows(post.subject_id)))

    def committed(_session) -> None:
        events.append(("commit", rows(post.subject_id)))

    event.listen(session, "after_commit", committed)
    try:
        like_then_unlike()
    finally:
        event.remove(session, "after_commit", committed)

    assert events == [("cast", Tally(True, 1), 0), ("withdraw", Tally(True, 0), 0), ("commit", 0)]


def test_a_failure_after_the_vote_in_the_same_use_case_undoes_the_vote_and_sends_nothing(post, voter):
    """The vote is written in the caller's transaction: when the caller fails, neither row, counter nor signal stays."""
    received: list = []

    @use_case
    def like_then_fail() -> None:
        cast(voter, post, Post.like_count)
        raise RuntimeError("the owner could not follow up")

    with signals.vote_cast.connected_to(lambda sender, **extra: received.append(sender)):
        with pytest.raises(RuntimeError):
            like_then_fail()
        cast(make_user("later"), post, Post.like_count)  # a later, successful vote sends only its own signal

    assert rows(post.subject_id) == 1 and likes_of(post.id) == 1
    assert received == [post]


# --- signals -----------------------------------------------------------------------------------------------

def test_signals_are_sent_once_per_real_change_after_the_commit(post, voter):
    received: list = []

    def on_cast(sender, **extra):
        received.append(("cast", sender, extra["voter"], extra["tally"], rows(post.subject_id)))

    def on_withdrawn(sender, **extra):
        received.append(("withdrawn", sender, extra["voter"], extra["tally"], rows(post.subject_id)))

    with signals.vote_cast.connected_to(on_cast), signals.vote_withdrawn.connected_to(on_withdrawn):
        cast(voter, post, Post.like_count)
        cast(voter, post, Post.like_count)
        withdraw(voter, post, Post.like_count)
        withdraw(voter, post, Post.like_count)

    # the row count is read by another connection: the signal comes after the commit
    assert received == [("cast", post, voter, Tally(True, 1), 1), ("withdrawn", post, voter, Tally(True, 0), 0)]


def test_a_refused_vote_sends_no_signal(post):
    received: list = []
    with signals.vote_cast.connected_to(lambda sender, **extra: received.append(sender)):
        with pytest.raises(NotAllowed):
            cast(post.author, post, Post.like_count)

    assert received == []


# --- reading votes for a page --------------------------------------------------------------------------------

def test_voted_subject_ids_answers_a_whole_page_in_one_query(db, count_queries, voter):
    thread = make_thread()
    posts = [make_reply(thread, make_user(f"w{number}")) for number in range(6)]
    for liked in posts[::2]:
        cast(voter, liked, Post.like_count)
    other = make_user("other")
    cast(other, posts[1], Post.like_count)  # someone else's vote is not the voter's
    ids = [p.subject_id for p in posts]
    expected = set(ids[::2])
    _ = voter.id  # the user is loaded by the login machinery, not by the page

    with count_queries() as counter:
        found = queries.voted_subject_ids(voter, ids)

    assert found == expected
    assert counter.count == 1, counter.statements
    assert queries.voted_subject_ids(voter, ids[1::2]) == set()


def test_voted_subject_ids_asks_nothing_for_anonymous_visitors_or_an_empty_page(post, voter, count_queries):
    cast(voter, post, Post.like_count)
    subject_id = post.subject_id

    with count_queries() as counter:
        anonymous = queries.voted_subject_ids(AnonymousUserMixin(), [subject_id])
        nobody = queries.voted_subject_ids(None, [subject_id])
        empty = queries.voted_subject_ids(voter, [])

    assert (anonymous, nobody, empty) == (set(), set(), set())
    assert counter.count == 0, counter.statements


def test_transfer_moves_counted_votes_once_and_both_counters_exactly(db):
    thread = make_thread()
    source, target = make_reply(thread, make_user("one"), "Source"), make_reply(thread, make_user("two"), "Target")
    both, only_source, excluded, doubtful = (make_user(name) for name in ("both", "only", "excluded", "doubtful"))
    for user in (both, only_source, excluded, doubtful):
        cast(user, source, Post.like_count)
    cast(both, target, Post.like_count)
    vote_id = db.session.scalar(select(Vote.id).where(Vote.voter_id == doubtful.id))
    set_aside(make_user("staff"), source, [vote_id], "Arranged.", Post.like_count)
    db.session.commit()

    moved = transfer(source, target, Post.like_count, exclude_voter_ids=[excluded.id])

    assert moved.voter_ids == tuple(sorted((both.id, only_source.id, excluded.id)))
    assert (moved.moved, moved.source_count, moved.target_count) == (1, 0, 2)
    assert (likes_of(source.id), rows(source.subject_id)) == (0, 1)  # the vote set aside stays, counted nowhere
    assert (likes_of(target.id), rows(target.subject_id)) == (2, 2)
    assert set(db.session.scalars(select(Vote.voter_id).where(Vote.subject_id == target.subject_id))) == {
        both.id, only_source.id}
